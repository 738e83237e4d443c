import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureRoutes } from '../../src/measures/routes/measure.js';
import { ROUTE_COLUMNS, RoutesAccumulator } from '../../src/measures/routes/accumulator.js';
import { scanRequest } from '../../src/measures/routes/read-threads.js';
import { DaysKept, partTransfers, RowsPart, type KeptDays, type RouteRowsPart } from '../../src/measures/routes/rows-part.js';
import { chunkEnd, chunkStart, type RowsChunk } from '../../src/measures/routes/rows-chunk.js';
import { readPiecesInThreads, type PieceThread } from '../../src/engine/pieces.js';
import { scanPieces } from '../../src/engine/scan-pieces.js';
import { WorkTable } from '../../src/engine/worktable.js';
import { LocalZone } from '../../src/windows/zone.js';
import type { ReadLedger } from '../../src/read/types.js';
import type { RoutesOptions } from '../../src/measures/routes/options.js';
import { tempFiles } from '../continuity/fixture.js';
import { messySample } from './messy.js';

const file = tempFiles('kontinuitet-routes-pieces-');
const SAMPLE = readFileSync(new URL('../../data/sample-visits.csv', import.meta.url), 'utf8');

/** Rows in a chunk of a part here: small, so a part has many. */
const CHUNK = 700;

/** Threads that answer in this one: a request read as a route worker reads it (`scanRequest`), or with chunks of {@link CHUNK} rows. */
const inProcess = (n: number, small: boolean): PieceThread<RouteRowsPart>[] => Array.from({ length: n }, () => ({
  ask: async (request) => {
    if (!small) return (await scanRequest(request)).reply;
    const zone = new LocalZone(request.options.zone!);
    return scanPieces(request.path, new WorkTable(request.table, request.unit), request.piece, request.options, { own: null, fresh: () => new RowsPart(zone, (request.consumer as { keep: KeptDays }).keep, CHUNK) });
  },
}));

/** The route figures of `path` read in pieces of `unit` bytes by this thread and `threads` more, parts taken in file order. */
async function inPieces(path: string, options: RoutesOptions, threads: number, unit: number, small = false): Promise<{ acc: RoutesAccumulator; ledger: ReadLedger | null }> {
  const acc = new RoutesAccumulator(options);
  const read = { use: ROUTE_COLUMNS, zone: acc.zone.name, engine: { readUnit: unit } };
  const parts: number[] = [];
  let chunks = 0;
  const ledger = await readPiecesInThreads(path, read, inProcess(threads, small), { keep: acc.keptDays }, acc.sink, () => new RowsPart(acc.zone, acc.keptDays, small ? CHUNK : undefined), (part) => {
    parts.push(part.count);
    chunks += part.chunks.length;
    acc.absorb(part);
    // every chunk taken is let go
    expect(part.chunks.every((c) => c === null)).toBe(true);
  });
  // more pieces than threads: the threads took the backs of each other's pieces
  if (ledger !== null) expect(parts.length).toBeGreaterThan(threads);
  if (ledger !== null && small) expect(chunks).toBeGreaterThan(parts.length);
  return { acc, ledger };
}

/** The figures read in pieces must be those of one thread reading the file, row accounting and issues included. */
async function same(text: string, options: RoutesOptions, threads = 2, unit = 4096, small = false) {
  const path = file(text);
  const one = await measureRoutes(path, { ...options, engine: { threads: 1 } });
  const { acc, ledger } = await inPieces(path, options, threads, unit, small);
  expect(ledger).not.toBeNull();
  expect(acc.finish(ledger!)).toEqual(one);
  return one;
}

describe('the route rows read in pieces by several threads', () => {
  it('give the figures of one thread on the bundled sample: the whole log, one window, a series', async () => {
    const all = await same(SAMPLE, { all: true, bestOrderSample: 40 });
    // parts of many chunks (a chunk of the read is 65,536 rows: the sample has 12,940)
    await same(SAMPLE, { all: true, bestOrderSample: 40 }, 2, 1 << 15, true);
    expect(all.rows.used).toBe(SAMPLE.trimEnd().split('\n').length - 1);
    const window = await same(SAMPLE, { from: '2024-10-07', rules: { days: 3 }, bestOrderSample: 40 }, 3, 2048);
    // the rows outside the window (and its margin) are counted, not kept
    expect(window.rows.outsideWindows).toBeGreaterThan(0);
    await same(SAMPLE, { every: 'month', rules: { days: 7 }, bestOrderSample: 20 }, 1, 1 << 14);
  });

  it('give the figures of one thread with rows rejected and rows for the general reader in every piece (issues at their lines)', async () => {
    const messy = messySample(SAMPLE);
    const r = await same(messy.text, { all: true, bestOrderSample: 30 }, 2, 3000, true);
    expect(r.rows.rejected).toBe(Math.ceil((messy.rows - 5) / 97));
    expect(r.issues[0]!.line).toBe(5 + 2);
  });

  it('give the figures of one thread with travel and shift fields on some rows (the part makes a column at its first value)', async () => {
    const lines = SAMPLE.trimEnd().split('\n');
    const rows = lines.slice(1).map((line, i) => {
      const day = line.split(',')[3]!.slice(0, 10);
      return `${line},${i % 5 === 1 ? String(3 + (i % 17)) : ''},${i % 7 === 2 ? '2.5' : ''},${i % 11 === 3 ? `${day} 07:00` : ''},${i % 13 === 4 ? `${day} 16:00` : ''}`;
    });
    await same(`${lines[0]},travel_minutes,travel_km,shift_start,shift_end\n${rows.join('\n')}\n`, { all: true, bestOrderSample: 30 }, 2, 3000, true);
  });

  it('give the figures of one thread with starts in seconds and in milliseconds on some rows (a chunk turns to exact times)', async () => {
    const lines = SAMPLE.trimEnd().split('\n');
    const rows = lines.slice(1).map((line, i) => {
      const f = line.split(',');
      if (i % 61 === 3) f[3] = `${f[3]}:30`;
      if (i % 67 === 9) f[3] = `${f[3]!.replace(' ', 'T')}:00.250`;
      return f.join(',');
    });
    await same(`${[lines[0], ...rows].join('\n')}\n`, { all: true, bestOrderSample: 30 }, 2, 3000, true);
  });

  it('give way to one thread when the file holds a quote (a quoted field may hold a line break)', async () => {
    const lines = SAMPLE.trimEnd().split('\n');
    const f = lines[9000]!.split(',');
    f[6] = `"${f[6]}"`;
    lines[9000] = f.join(',');
    const path = file(`${lines.join('\n')}\n`);
    const { ledger } = await inPieces(path, { all: true }, 2, 4096);
    expect(ledger).toBeNull();
    // and the measure then reads it by one thread, to the same figures as asked for one
    const threaded = await measureRoutes(path, { all: true, bestOrderSample: 30, engine: { threads: 2 } });
    expect(threaded).toEqual(await measureRoutes(path, { all: true, bestOrderSample: 30, engine: { threads: 1 } }));
  });
});

describe('a part\'s chunk', () => {
  it('keeps starts and ends in whole seconds from its first start, and every row exact from the first that is not', () => {
    const zone = new LocalZone('UTC');
    const part = new RowsPart(zone, [-Infinity, Infinity], 3);
    const t0 = Date.UTC(2024, 9, 1, 8, 0);
    const visit = (start: number, end: number) => ({ visitId: 'V', client: 'C', staff: 'S', group: 'G', start, end } as Parameters<RowsPart['addVisit']>[0]);
    // chunk 1: whole seconds (60 s after the first, 30 min long; then 15 min); chunk 2: its third row has 250 ms
    const times: [number, number][] = [
      [t0, t0 + 1_800_000], [t0 + 60_000, t0 + 960_000], [t0 + 120_000, t0 + 120_000],
      [t0 + 3_600_000, t0 + 4_500_000], [t0 + 3_630_000, t0 + 3_700_000], [t0 + 3_700_250, t0 + 3_800_000],
    ];
    for (const [a, b] of times) part.addVisit(visit(a, b));
    const chunks = part.part().chunks as RowsChunk[];
    expect(chunks.map((c) => [c!.count, c!.exact === null])).toEqual([[3, true], [3, false]]);
    expect(Array.from(chunks[0]!.seconds)).toEqual([0, 60, 120]);
    expect(Array.from(chunks[0]!.durations)).toEqual([1800, 900, 0]);
    const read = chunks.flatMap((c) => Array.from({ length: c!.count }, (_, r) => [chunkStart(c!, r), chunkEnd(c!, r)]));
    expect(read).toEqual(times);
  });
});

describe('a part\'s memory', () => {
  it('is its chunks\' arrays cut from a few slabs (views, the last chunk cut to size without a copy), each moved once', () => {
    const zone = new LocalZone('UTC');
    const part = new RowsPart(zone, [-Infinity, Infinity], 4);
    const t0 = Date.UTC(2024, 9, 1, 8, 0);
    // 10 rows in chunks of 4: 4 + 4 + 2 (ids given as text: kept as text, no bytes)
    for (let r = 0; r < 10; r++) part.addVisit({ visitId: `V${r}`, client: 'C', staff: 'S', group: 'G', start: t0 + r * 60_000, end: t0 + r * 60_000 + 30_000 } as Parameters<RowsPart['addVisit']>[0]);
    const made = part.part();
    const chunks = made.chunks.map((c) => c as RowsChunk);
    expect(chunks.map((c) => [c.count, c.staff.length, c.seconds.length, c.idEnds.length, c.ids.length])).toEqual([[4, 4, 4, 4, 0], [4, 4, 4, 4, 0], [2, 2, 2, 2, 0]]);
    // every array of every chunk lies in one buffer (the first slab: a few hundred bytes here)
    const buffers = new Set(chunks.flatMap((c) => [c.staff, c.client, c.group, c.seconds, c.durations, c.point, c.ids, c.idEnds].map((a) => a.buffer)));
    expect(buffers.size).toBe(1);
    const moved = partTransfers(made);
    expect(moved).toContain([...buffers][0]);
    expect(new Set(moved).size).toBe(moved.length);
    expect(chunks[2]!.texts).toEqual([[0, 'V8'], [1, 'V9']]);
  });
});

describe('a part\'s numbers', () => {
  it('take two bytes a row until a number past 65,535, then four, the numbers kept', () => {
    const zone = new LocalZone('UTC');
    const n = 65_540;
    const part = new RowsPart(zone, [-Infinity, Infinity], n);
    const t0 = Date.UTC(2024, 9, 1, 8, 0);
    // staff number r on row r (each staff member new); one client, one group; a point per row but the first
    for (let r = 0; r < n; r++) {
      part.addVisit({ visitId: '', client: 'C', staff: `S${r}`, group: 'G', start: t0, end: t0 + 60_000, ...(r === 0 ? {} : { lat: 60 + r / 1e6, lon: 15 }) } as Parameters<RowsPart['addVisit']>[0]);
    }
    const chunk = part.part().chunks[0] as RowsChunk;
    expect([chunk.staff instanceof Int32Array, chunk.point instanceof Int32Array, chunk.client instanceof Uint16Array, chunk.group instanceof Uint16Array]).toEqual([true, true, true, true]);
    expect([chunk.staff[0], chunk.staff[65_535], chunk.staff[65_536], chunk.staff[n - 1]]).toEqual([0, 65_535, 65_536, n - 1]);
    // point + 1, 0 for none: row r has point r − 1
    expect([chunk.point[0], chunk.point[1], chunk.point[65_537], chunk.point[n - 1]]).toEqual([0, 1, 65_537, n - 1]);
  });
});

describe('DaysKept', () => {
  it('keeps the rows of its days, counts the others, notes the first and last day kept, and adds up a part', () => {
    const days = new DaysKept([10, 13]);
    expect([9, 10, 12, 13, 11].map((d) => days.keeps(d))).toEqual([false, true, true, false, true]);
    expect(days.seen).toEqual({ skipped: 2, firstDay: 10, lastDay: 12 });
    days.add({ skipped: 3, firstDay: 11, lastDay: 12 });
    days.add({ skipped: 0, firstDay: Infinity, lastDay: -Infinity }); // a part that kept nothing
    expect(days.seen).toEqual({ skipped: 5, firstDay: 10, lastDay: 12 });
    const all = new DaysKept([-Infinity, Infinity]);
    expect(all.keeps(-1e6) && all.keeps(1e6)).toBe(true);
    expect(all.seen).toEqual({ skipped: 0, firstDay: -1e6, lastDay: 1e6 });
  });
});
