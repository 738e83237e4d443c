/**
 * Plain, independent helpers for the generator tests: they re-derive everything from the
 * generated rows and use nothing from src/generate except the row type.
 */
import { Writable } from 'node:stream';
import type { GeneratedRow } from '../../src/generate/index.js';

/**
 * A Writable that keeps everything written to it.
 *
 * @example
 * const sink = new MemorySink(); await writeGeneratedCsv(sink, {}); sink.text();
 */
export class MemorySink extends Writable {
  readonly chunks: Buffer[] = [];
  constructor() {
    super({ decodeStrings: true });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    cb();
  }
  buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/**
 * Minutes since midnight of a `YYYY-MM-DD HH:mm` wall time.
 *
 * @example
 * minuteOf('2024-10-01 07:30'); // → 450
 */
export function minuteOf(time: string): number {
  return Number(time.slice(11, 13)) * 60 + Number(time.slice(14, 16));
}

/**
 * Days between two `YYYY-MM-DD` dates (b − a), by UTC calendar arithmetic.
 *
 * @example
 * dayDiff('2024-10-01', '2024-10-15'); // → 14
 */
export function dayDiff(a: string, b: string): number {
  const t = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((t(b) - t(a)) / 86400000);
}

/**
 * Age in whole years on `date` of someone born on `birth` (both `YYYY-MM-DD`).
 *
 * @example
 * ageOn('1940-10-02', '2024-10-01'); // → 83
 */
export function ageOn(birth: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birth.slice(0, 4));
  return date.slice(5) < birth.slice(5) ? years - 1 : years;
}

const EXCLUDED_KINDS = new Set(['trygghetslarm', 'matleverans', 'hsl']);

/**
 * Result of {@link continuity14}: mean and median staff per counted client, how many clients were
 * counted, and their sorted staff counts.
 *
 * @example
 * const r: Continuity = continuity14(rows, '2024-10-07'); // r.mean → 14.4
 */
export interface Continuity {
  mean: number;
  median: number;
  eligible: number;
  staffCounts: number[];
}

/**
 * The official 14-day staff-continuity figure, computed from scratch: clients aged 65+ (at the
 * window start) with at least two counted visits (distinct visit ids) on every one of the 14 days;
 * counted visits start in 07:00–22:00 and are not trygghetslarm/matleverans/hsl kinds nor made by
 * hsl staff; the value per client is the number of distinct staff on counted visits.
 *
 * @example
 * continuity14(generateRows({ clients: 300, days: 14 }).rows, '2024-10-01').mean; // → about 14
 */
export function continuity14(rows: Iterable<GeneratedRow>, windowStart: string): Continuity {
  const perClient = new Map<string, { days: Set<string>[]; staff: Set<string>; birth: string }>();
  for (const r of rows) {
    const day = dayDiff(windowStart, r.start.slice(0, 10));
    if (day < 0 || day >= 14) continue;
    const m = minuteOf(r.start);
    if (m < 7 * 60 || m >= 22 * 60) continue;
    if (EXCLUDED_KINDS.has(r.kind) || r.staff_role === 'hsl') continue;
    let c = perClient.get(r.client_id);
    if (!c) {
      c = { days: Array.from({ length: 14 }, () => new Set<string>()), staff: new Set(), birth: r.client_birth_date };
      perClient.set(r.client_id, c);
    }
    c.days[day]?.add(r.visit_id);
    c.staff.add(r.staff_id);
  }
  const counts: number[] = [];
  for (const c of perClient.values()) {
    if (ageOn(c.birth, windowStart) < 65) continue;
    if (!c.days.every((d) => d.size >= 2)) continue;
    counts.push(c.staff.size);
  }
  counts.sort((a, b) => a - b);
  const mean = counts.reduce((a, b) => a + b, 0) / (counts.length || 1);
  const median = counts.length ? (counts[(counts.length - 1) >> 1]! + counts[counts.length >> 1]!) / 2 : NaN;
  return { mean, median, eligible: counts.length, staffCounts: counts };
}
