/**
 * A window's staff-day figures kept in columns and made into {@link StaffDayRoute} objects a slice
 * at a time: what the CLI writes, so a big log's staff-days are never all objects at once.
 *
 * @module
 */

import { STREAMED_ROWS } from '../../streamed-rows.js';
import { gaveUp } from '../../engine/garbage.js';
import { civilFromDays } from '../../windows/civil.js';
import type { LocalZone } from '../../windows/zone.js';
import { MS_PER_MINUTE } from '../../windows/civil.js';
import { dayFigures, type DayCore, type DayFigures } from './day.js';
import { FIGURE, REASONS, SEARCHES, type Figure, type SummaryDays } from './summary.js';
import type { StaffDayRoute, TravelSource } from './types.js';

/**
 * The numbers of a {@link DayCore} kept per staff-day (NaN: null): workStart, workEnd,
 * clientMinutes, travelMinutes, travelKm, waitingMinutes, modelMinutes, modelKm, bestMinutes,
 * bestKm, bestMinutesWindows, bestKmWindows.
 */
const WIDTH = 12;
const SOURCES: readonly (TravelSource | null)[] = [null, 'logged', 'model', 'mixed'];

/**
 * About the bytes of a staff-day's JSON text (a staff member's summary: about twice).
 *
 * @example
 * gaveUp(TEXT_BYTES * days.length);
 */
export const TEXT_BYTES = 1400;

const flagCode = (b: boolean | null): number => (b === null ? 0 : b ? 2 : 1);
const flagOf = (c: number): boolean | null => (c === 0 ? null : c === 2);
const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
// as dayFigures derives a day's figures (day.ts)
const minutesBetween = (a: number, b: number): number => (b - a) / MS_PER_MINUTE;
const ratio = (driven: number, best: number): number => (best === 0 ? (driven === 0 ? 1 : Infinity) : driven / best);

/**
 * `YYYY-MM-DDTHH:mm` local time of an instant.
 *
 * @example
 * localTime(new LocalZone('UTC'), 1727773200000); // → '2024-10-01T09:00'
 */
export function localTime(zone: LocalZone, t: number): string {
  const local = zone.localMs(t);
  const day = Math.floor(local / 86_400_000);
  const minute = Math.floor((local - day * 86_400_000) / 60_000);
  return `${civilFromDays(day)}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Numbers a {@link DayCore} takes packed ({@link packCore}): visits, double-staffed visits, the {@link WIDTH} numbers, four kinds. */
export const CORE = 2 + WIDTH + 4;

/**
 * Writes a day's figures as {@link CORE} numbers at `out[at …]` (NaN: null; the travel source,
 * best search, windows' feasibility and reason by their numbers): how a batch's figures go from
 * a thread to {@link StaffDays.setFigures} without an object per day.
 *
 * @example
 * const out = new Float64Array(CORE);
 * packCore(core, out, 0); // out[0] → core.visits
 */
export function packCore(f: DayCore, out: Float64Array, at: number): void {
  out[at] = f.visits;
  out[at + 1] = f.doubleStaffedVisits;
  const x = at + 2;
  out[x] = f.workStart;
  out[x + 1] = f.workEnd;
  out[x + 2] = f.clientMinutes;
  out[x + 3] = f.travelMinutes ?? Number.NaN;
  out[x + 4] = f.travelKm ?? Number.NaN;
  out[x + 5] = f.waitingMinutes ?? Number.NaN;
  out[x + 6] = f.modelMinutes ?? Number.NaN;
  out[x + 7] = f.modelKm ?? Number.NaN;
  out[x + 8] = f.bestMinutes ?? Number.NaN;
  out[x + 9] = f.bestKm ?? Number.NaN;
  out[x + 10] = f.bestMinutesWindows ?? Number.NaN;
  out[x + 11] = f.bestKmWindows ?? Number.NaN;
  const c = x + WIDTH;
  out[c] = SOURCES.indexOf(f.travelSource);
  out[c + 1] = SEARCHES.indexOf(f.bestSearch);
  out[c + 2] = flagCode(f.windowsFeasible);
  out[c + 3] = REASONS.indexOf(f.reason);
}

/**
 * The staff-days of one window in columns, in the order of the routes (staff id, then day): who
 * (staff, day and group numbers) and the figures of {@link DayCore} (~120 bytes a staff-day; the
 * rest is derived by {@link dayFigures} when a day is read). A streamed array for `writeJson`
 * ({@link STREAMED_ROWS}); `slice`, iteration and `toJSON` give {@link StaffDayRoute} objects.
 *
 * @example
 * const days = new StaffDays(2, staffNames, groupNames, zone);
 * days.set(0, 0, 19997, 0, core);
 * days.slice(0, 1); // → [{ staff: 'S1', day: '2024-10-01', group: 'Norr', visits: 3, … }]
 */
export class StaffDays implements Iterable<StaffDayRoute> {
  readonly [STREAMED_ROWS] = true;
  /** Staff-days written at once: their text (~40 kB) stays in V8's young generation, freed as soon as written. */
  readonly batch = 32;
  readonly staff: Int32Array;
  readonly day: Int32Array;
  readonly group: Int32Array;
  private readonly counts: Int32Array;
  private readonly numbers: Float64Array;
  private readonly codes: Uint8Array;
  private readonly core = {} as DayCore;
  /** One day packed ({@link StaffDays.set}). */
  private readonly packed = new Float64Array(CORE);

  constructor(
    readonly length: number,
    private readonly staffNames: readonly string[],
    private readonly groupNames: readonly string[],
    private readonly zone: LocalZone,
  ) {
    this.staff = new Int32Array(length);
    this.day = new Int32Array(length);
    this.group = new Int32Array(length);
    this.counts = new Int32Array(2 * length);
    this.numbers = new Float64Array(WIDTH * length);
    this.codes = new Uint8Array(4 * length);
  }

  /** Keeps staff-day `k`: staff, local day and group numbers, and its figures. */
  set(k: number, staff: number, day: number, group: number, f: DayCore): void {
    this.staff[k] = staff;
    this.day[k] = day;
    this.group[k] = group;
    packCore(f, this.packed, 0);
    this.setFigures(k, this.packed, 0);
  }

  /** Keeps the figures of staff-day `k` packed by {@link packCore} at `cores[at …]` (its staff, day and group set in their columns). */
  setFigures(k: number, cores: Float64Array, at: number): void {
    this.counts[2 * k] = cores[at]!;
    this.counts[2 * k + 1] = cores[at + 1]!;
    const x = this.numbers, to = WIDTH * k, from = at + 2;
    for (let i = 0; i < WIDTH; i++) x[to + i] = cores[from + i]!;
    const c = this.codes, codes = from + WIDTH;
    for (let i = 0; i < 4; i++) c[4 * k + i] = cores[codes + i]!;
  }

  /** The figures of staff-day `k` (work start and end in epoch ms), written into `out` when given (see {@link dayFigures}). */
  figures(k: number, out?: DayFigures): DayFigures {
    const x = this.numbers, at = WIDTH * k, c = this.codes;
    // the day's core in one object refilled for each day read (its figures are copied out by dayFigures)
    const core = this.core;
    core.visits = this.counts[2 * k]!;
    core.doubleStaffedVisits = this.counts[2 * k + 1]!;
    core.workStart = x[at]!;
    core.workEnd = x[at + 1]!;
    core.clientMinutes = x[at + 2]!;
    core.travelMinutes = orNull(x[at + 3]!);
    core.travelKm = orNull(x[at + 4]!);
    core.travelSource = SOURCES[c[4 * k]!]!;
    core.waitingMinutes = orNull(x[at + 5]!);
    core.modelMinutes = orNull(x[at + 6]!);
    core.modelKm = orNull(x[at + 7]!);
    core.bestMinutes = orNull(x[at + 8]!);
    core.bestKm = orNull(x[at + 9]!);
    core.bestSearch = SEARCHES[c[4 * k + 1]!]!;
    core.windowsFeasible = flagOf(c[4 * k + 2]!);
    core.bestMinutesWindows = orNull(x[at + 10]!);
    core.bestKmWindows = orNull(x[at + 11]!);
    core.reason = REASONS[c[4 * k + 3]!]!;
    return dayFigures(core, out);
  }

  /** Staff-day `k` as the result has it. */
  route(k: number): StaffDayRoute {
    const figures = this.figures(k);
    return {
      staff: this.staffNames[this.staff[k]!]!,
      day: civilFromDays(this.day[k]!),
      group: this.groupNames[this.group[k]!]!,
      ...figures,
      workStart: localTime(this.zone, figures.workStart),
      workEnd: localTime(this.zone, figures.workEnd),
    };
  }

  /**
   * The staff-days [from, to) as objects. Their text, once written, is garbage outside V8's heap
   * (the buffers written) that V8 collects only after tens of MB: noted as given up, so a full
   * collection comes every few MB where the process allows it (`gaveUp`).
   */
  slice(from = 0, to = this.length): StaffDayRoute[] {
    const out: StaffDayRoute[] = [];
    for (let k = Math.max(0, from); k < Math.min(to, this.length); k++) out.push(this.route(k));
    gaveUp(TEXT_BYTES * out.length);
    return out;
  }

  *[Symbol.iterator](): Iterator<StaffDayRoute> {
    for (let k = 0; k < this.length; k++) yield this.route(k);
  }

  /**
   * Figure `f` of staff-day `k` as {@link dayFigures} derives it (NaN: null; a kind by its number,
   * see {@link FIGURE}): what a summary reads, without an object per day.
   */
  figure(k: number, f: Figure): number {
    const x = this.numbers, at = WIDTH * k;
    switch (f) {
      case FIGURE.visits: return this.counts[2 * k]!;
      case FIGURE.workingMinutes: return minutesBetween(x[at]!, x[at + 1]!);
      case FIGURE.clientMinutes: return x[at + 2]!;
      case FIGURE.travelMinutes: return x[at + 3]!;
      case FIGURE.travelKm: return x[at + 4]!;
      case FIGURE.waitingMinutes: return x[at + 5]!;
      case FIGURE.modelMinutes: return x[at + 6]!;
      case FIGURE.modelKm: return x[at + 7]!;
      case FIGURE.bestMinutes: return x[at + 8]!;
      case FIGURE.savingMinutes: return this.detour(at) ? x[at + 6]! - x[at + 8]! : Number.NaN;
      case FIGURE.savingKm: return this.detour(at) ? x[at + 7]! - x[at + 9]! : Number.NaN;
      case FIGURE.bestMinutesWindows: return x[at + 10]!;
      case FIGURE.savingMinutesWindows: return this.windows(at) ? x[at + 6]! - x[at + 10]! : Number.NaN;
      case FIGURE.savingKmWindows: return this.windows(at) ? x[at + 7]! - x[at + 11]! : Number.NaN;
      case FIGURE.clientTimeShare: {
        const working = minutesBetween(x[at]!, x[at + 1]!);
        return working > 0 ? x[at + 2]! / working : Number.NaN;
      }
      case FIGURE.detourRatio: return this.detour(at) ? ratio(x[at + 6]!, x[at + 8]!) : Number.NaN;
      case FIGURE.detourRatioWindows: return this.windows(at) ? ratio(x[at + 6]!, x[at + 10]!) : Number.NaN;
      // (NaN travel: NaN, as null)
      case FIGURE.travelMinutesPerVisit: return x[at + 3]! / this.counts[2 * k]!;
      case FIGURE.kmPerVisit: return x[at + 4]! / this.counts[2 * k]!;
      case FIGURE.bestSearch: return this.codes[4 * k + 1]!;
      case FIGURE.windowsFeasible: return this.codes[4 * k + 2]!;
      case FIGURE.reason: return this.codes[4 * k + 3]!;
    }
    return Number.NaN;
  }

  /** Whether the day at `at` has both detour figures' pairs (model and best, minutes and km). */
  private detour(at: number): boolean {
    const x = this.numbers;
    return !Number.isNaN(x[at + 6]!) && !Number.isNaN(x[at + 8]!) && !Number.isNaN(x[at + 7]!) && !Number.isNaN(x[at + 9]!);
  }

  /** Whether the day at `at` has the detour figures within the time windows too. */
  private windows(at: number): boolean {
    const x = this.numbers;
    return this.detour(at) && !Number.isNaN(x[at + 10]!) && !Number.isNaN(x[at + 11]!);
  }

  /** Figure `f` of staff-days `from … to − 1` (of `ks` when given: `ks[from] …`) into `out[0 …]` (see {@link StaffDays.figure}). */
  column(f: Figure, from: number, to: number, out: Float64Array, ks?: readonly number[]): void {
    if (ks === undefined) for (let k = from; k < to; k++) out[k - from] = this.figure(k, f);
    else for (let i = from; i < to; i++) out[i - from] = this.figure(ks[i]!, f);
  }

  /**
   * The staff-days `ks` (all when not given) read a figure at a time for a summary
   * ({@link SummaryDays}: an object for each day read, even one refilled, was most of the garbage
   * a big log's summaries made), and iterated as figures.
   */
  figuresOf(ks?: readonly number[]): SummaryDays & Iterable<DayFigures> {
    const days = this;
    const count = ks === undefined ? this.length : ks.length;
    return {
      count,
      column: (f, from, to, out) => days.column(f, from, to, out, ks),
      *[Symbol.iterator](): Iterator<DayFigures> {
        for (let i = 0; i < count; i++) yield days.figures(ks === undefined ? i : ks[i]!);
      },
    };
  }

  toJSON(): StaffDayRoute[] {
    return this.slice();
  }
}

/**
 * The most frequent of numbered values, ties by the smallest name.
 *
 * @example
 * mostFrequent([1, 0, 1, 0], (g) => ['Norr', 'Syd'][g]); // → 0 (2 each: 'Norr' first)
 */
export function mostFrequent(values: readonly number[], name: (n: number) => string): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = -1, n = -1;
  for (const [v, c] of counts) if (c > n || (c === n && name(v) < name(best))) { best = v; n = c; }
  return best;
}
