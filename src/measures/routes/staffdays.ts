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
import { CORE, flagOf, localTime, packCore, SOURCES, WIDTH } from './packedDay.js';
import { CountColumn, SparseFigures, WholeColumn } from './staffdayColumns.js';
import { FIGURE, REASONS, SEARCHES, type Figure, type SummaryDays } from './summaryDays.js';
import type { StaffDayRoute } from './types.js';


/** Where each of a day's best figures is in {@link SparseFigures} (the order of the packed core). */
const BEST = { minutes: 0, km: 1, minutesWindows: 2, kmWindows: 3 } as const;
/** The bit each kind of a day begins at in its code byte. */
const CODE = { source: 0, search: 2, windowsFeasible: 4, reason: 6 } as const;

/**
 * About the bytes of a staff-day's JSON text (a staff member's summary: about twice).
 *
 * @example
 * gaveUp(TEXT_BYTES * days.length);
 */
export const TEXT_BYTES = 1400;

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
// as dayFigures derives a day's figures (day.ts)
const minutesBetween = (a: number, b: number): number => (b - a) / MS_PER_MINUTE;
const ratio = (driven: number, best: number): number => (best === 0 ? (driven === 0 ? 1 : Infinity) : driven / best);

/**
 * The staff-days of one window in columns, in the order of the routes (staff id, then day): who
 * (staff, day and group numbers) and the figures of {@link DayCore} (57 bytes a staff-day where
 * its times are whole minutes, travel is the model's and the best orders a sample's, 32 more for
 * every day's best orders but those that are the day's model figures (a bit); the rest is derived by {@link dayFigures} when a day is read). A streamed array for `writeJson`
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
  private readonly visits: CountColumn;
  private readonly doubles: CountColumn;
  /** Work start and end (epoch ms) and minutes with clients: whole minutes in most logs. */
  private readonly workStart: WholeColumn;
  private readonly workEnd: WholeColumn;
  private readonly clientMinutes: WholeColumn;
  private readonly waitingMinutes: Float64Array;
  private readonly modelMinutes: Float64Array;
  private readonly modelKm: Float64Array;
  /** Travel as driven: null while every day's is its model travel (read from the model's columns). */
  private travelMinutes: Float64Array | null = null;
  private travelKm: Float64Array | null = null;
  /** bestMinutes, bestKm, bestMinutesWindows, bestKmWindows: only the days searched have them, and not a day in {@link StaffDays.modelBest}. */
  private readonly best: SparseFigures;
  /** A bit a day: 1 for a day whose four best figures are its model figures (minutes, km, minutes, km: its order was the best), kept as those. */
  private readonly modelBest: Uint8Array;
  /** The four kinds of a day in one byte, two bits each (see {@link CODE}). */
  private readonly codes: Uint8Array;
  private readonly core = {} as DayCore;
  /** One day packed ({@link StaffDays.set}). */
  private readonly packed = new Float64Array(CORE);
  /** One day's number, for {@link StaffDays.figure}. */
  private readonly one = new Float64Array(1);

  constructor(
    readonly length: number,
    private readonly staffNames: readonly string[],
    private readonly groupNames: readonly string[],
    private readonly zone: LocalZone,
  ) {
    this.staff = new Int32Array(length);
    this.day = new Int32Array(length);
    this.group = new Int32Array(length);
    this.visits = new CountColumn(length);
    this.doubles = new CountColumn(length);
    this.workStart = new WholeColumn(length, MS_PER_MINUTE);
    this.workEnd = new WholeColumn(length, MS_PER_MINUTE);
    this.clientMinutes = new WholeColumn(length, 1);
    this.waitingMinutes = new Float64Array(length);
    this.modelMinutes = new Float64Array(length);
    this.modelKm = new Float64Array(length);
    this.best = new SparseFigures(length, 4);
    this.modelBest = new Uint8Array((length + 7) >> 3);
    this.codes = new Uint8Array(length);
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
    this.visits.set(k, cores[at]!);
    this.doubles.set(k, cores[at + 1]!);
    const x = at + 2;
    this.workStart.set(k, cores[x]!);
    this.workEnd.set(k, cores[x + 1]!);
    this.clientMinutes.set(k, cores[x + 2]!);
    this.waitingMinutes[k] = cores[x + 5]!;
    const modelMinutes = this.modelMinutes[k] = cores[x + 6]!, modelKm = this.modelKm[k] = cores[x + 7]!;
    const travelMinutes = cores[x + 3]!, travelKm = cores[x + 4]!;
    // a day whose travel is not its model travel: every day's travel kept from then on
    if (this.travelMinutes === null && !Object.is(travelMinutes, modelMinutes)) this.travelMinutes = this.modelMinutes.slice();
    if (this.travelKm === null && !Object.is(travelKm, modelKm)) this.travelKm = this.modelKm.slice();
    if (this.travelMinutes !== null) this.travelMinutes[k] = travelMinutes;
    if (this.travelKm !== null) this.travelKm[k] = travelKm;
    const b = x + 8, byte = k >> 3, bit = 1 << (k & 7);
    if (Object.is(cores[b], modelMinutes) && Object.is(cores[b + 1], modelKm) && Object.is(cores[b + 2], modelMinutes) && Object.is(cores[b + 3], modelKm)
      && !Number.isNaN(modelMinutes) && !Number.isNaN(modelKm)) this.modelBest[byte] = this.modelBest[byte]! | bit;
    else {
      this.modelBest[byte] = this.modelBest[byte]! & ~bit;
      for (let i = 0; i < 4; i++) this.best.set(k, i, cores[b + i]!);
    }
    const c = x + WIDTH;
    this.codes[k] = cores[c]! << CODE.source | cores[c + 1]! << CODE.search | cores[c + 2]! << CODE.windowsFeasible | cores[c + 3]! << CODE.reason;
  }

  /** The figures of staff-day `k` (work start and end in epoch ms), written into `out` when given (see {@link dayFigures}). */
  figures(k: number, out?: DayFigures): DayFigures {
    // the day's core in one object refilled for each day read (its figures are copied out by dayFigures)
    const core = this.core;
    core.visits = this.visits.get(k);
    core.doubleStaffedVisits = this.doubles.get(k);
    core.workStart = this.workStart.get(k);
    core.workEnd = this.workEnd.get(k);
    core.clientMinutes = this.clientMinutes.get(k);
    core.travelMinutes = orNull(this.travelMinutesOf(k));
    core.travelKm = orNull(this.travelKmOf(k));
    core.travelSource = SOURCES[this.code(k, CODE.source)]!;
    core.waitingMinutes = orNull(this.waitingMinutes[k]!);
    core.modelMinutes = orNull(this.modelMinutes[k]!);
    core.modelKm = orNull(this.modelKm[k]!);
    core.bestMinutes = orNull(this.bestOf(k, BEST.minutes));
    core.bestKm = orNull(this.bestOf(k, BEST.km));
    core.bestSearch = SEARCHES[this.code(k, CODE.search)]!;
    core.windowsFeasible = flagOf(this.code(k, CODE.windowsFeasible));
    core.bestMinutesWindows = orNull(this.bestOf(k, BEST.minutesWindows));
    core.bestKmWindows = orNull(this.bestOf(k, BEST.kmWindows));
    core.reason = REASONS[this.code(k, CODE.reason)]!;
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
    this.one[0] = k;
    this.figuresAt(f, this.one, 1);
    return this.one[0];
  }

  /** Figure `f` of staff-days `from … to − 1` (of `ks` when given: `ks[from] …`) into `out[0 …]` (see {@link StaffDays.figure}). */
  column(f: Figure, from: number, to: number, out: Float64Array, ks?: readonly number[]): void {
    const kept = ks === undefined ? this.kept(f) : null;
    if (kept !== null) {
      out.set(kept.subarray(from, to));
      return;
    }
    for (let i = from; i < to; i++) out[i - from] = ks === undefined ? i : ks[i]!;
    this.figuresAt(f, out, to - from);
  }

  /** Figure `f` of the days numbered `out[0 … n − 1]`, each in its day's place. */
  private figuresAt(f: Figure, out: Float64Array, n: number): void {
    const F = FIGURE;
    // (NaN figures: NaN, as null; a NaN travel gives NaN per visit)
    switch (f) {
      case F.visits: for (let j = 0; j < n; j++) out[j] = this.visits.get(out[j]!); return;
      case F.workingMinutes: for (let j = 0; j < n; j++) out[j] = this.working(out[j]!); return;
      case F.clientMinutes: for (let j = 0; j < n; j++) out[j] = this.clientMinutes.get(out[j]!); return;
      case F.travelMinutes: for (let j = 0; j < n; j++) out[j] = this.travelMinutesOf(out[j]!); return;
      case F.travelKm: for (let j = 0; j < n; j++) out[j] = this.travelKmOf(out[j]!); return;
      case F.waitingMinutes: for (let j = 0; j < n; j++) out[j] = this.waitingMinutes[out[j]!]!; return;
      case F.modelMinutes: for (let j = 0; j < n; j++) out[j] = this.modelMinutes[out[j]!]!; return;
      case F.modelKm: for (let j = 0; j < n; j++) out[j] = this.modelKm[out[j]!]!; return;
      case F.bestMinutes: for (let j = 0; j < n; j++) out[j] = this.bestOf(out[j]!, BEST.minutes); return;
      case F.bestMinutesWindows: for (let j = 0; j < n; j++) out[j] = this.bestOf(out[j]!, BEST.minutesWindows); return;
      case F.savingMinutes: for (let j = 0; j < n; j++) out[j] = this.saving(out[j]!, this.modelMinutes, BEST.minutes, false); return;
      case F.savingKm: for (let j = 0; j < n; j++) out[j] = this.saving(out[j]!, this.modelKm, BEST.km, false); return;
      case F.savingMinutesWindows: for (let j = 0; j < n; j++) out[j] = this.saving(out[j]!, this.modelMinutes, BEST.minutesWindows, true); return;
      case F.savingKmWindows: for (let j = 0; j < n; j++) out[j] = this.saving(out[j]!, this.modelKm, BEST.kmWindows, true); return;
      case F.clientTimeShare: for (let j = 0; j < n; j++) out[j] = this.clientTimeShare(out[j]!); return;
      case F.detourRatio: for (let j = 0; j < n; j++) out[j] = this.detourRatio(out[j]!, BEST.minutes, false); return;
      case F.detourRatioWindows: for (let j = 0; j < n; j++) out[j] = this.detourRatio(out[j]!, BEST.minutesWindows, true); return;
      case F.travelMinutesPerVisit: for (let j = 0; j < n; j++) out[j] = this.travelMinutesOf(out[j]!) / this.visits.get(out[j]!); return;
      case F.kmPerVisit: for (let j = 0; j < n; j++) out[j] = this.travelKmOf(out[j]!) / this.visits.get(out[j]!); return;
      case F.bestSearch: for (let j = 0; j < n; j++) out[j] = this.code(out[j]!, CODE.search); return;
      case F.windowsFeasible: for (let j = 0; j < n; j++) out[j] = this.code(out[j]!, CODE.windowsFeasible); return;
      case F.reason: for (let j = 0; j < n; j++) out[j] = this.code(out[j]!, CODE.reason); return;
    }
    out.fill(Number.NaN, 0, n);
  }

  /** The column figure `f` is kept in as it is read, if any. */
  private kept(f: Figure): Float64Array | null {
    const F = FIGURE;
    if (f === F.travelMinutes) return this.travelMinutes ?? this.modelMinutes;
    if (f === F.travelKm) return this.travelKm ?? this.modelKm;
    if (f === F.waitingMinutes) return this.waitingMinutes;
    if (f === F.modelMinutes) return this.modelMinutes;
    return f === F.modelKm ? this.modelKm : null;
  }

  /** Best figure `i` of day `k` (see {@link BEST}): its model figure for a day in {@link StaffDays.modelBest}. */
  private bestOf(k: number, i: number): number {
    if ((this.modelBest[k >> 3]! >> (k & 7) & 1) === 0) return this.best.get(k, i);
    return (i & 1) === 0 ? this.modelMinutes[k]! : this.modelKm[k]!;
  }

  private travelMinutesOf(k: number): number {
    return (this.travelMinutes ?? this.modelMinutes)[k]!;
  }

  private travelKmOf(k: number): number {
    return (this.travelKm ?? this.modelKm)[k]!;
  }

  private code(k: number, at: number): number {
    return (this.codes[k]! >> at) & 3;
  }

  private working(k: number): number {
    return minutesBetween(this.workStart.get(k), this.workEnd.get(k));
  }

  private clientTimeShare(k: number): number {
    const working = this.working(k);
    return working > 0 ? this.clientMinutes.get(k) / working : Number.NaN;
  }

  /** Whether day `k` has both detour figures' pairs (model and best, minutes and km), and within the time windows too when `windows`. */
  private detour(k: number, windows: boolean): boolean {
    return !Number.isNaN(this.modelMinutes[k]!) && !Number.isNaN(this.bestOf(k, BEST.minutes)) && !Number.isNaN(this.modelKm[k]!) && !Number.isNaN(this.bestOf(k, BEST.km))
      && (!windows || (!Number.isNaN(this.bestOf(k, BEST.minutesWindows)) && !Number.isNaN(this.bestOf(k, BEST.kmWindows))));
  }

  /** The model figure less best figure `i` of day `k` (NaN without the detour figures). */
  private saving(k: number, model: Float64Array, i: number, windows: boolean): number {
    return this.detour(k, windows) ? model[k]! - this.bestOf(k, i) : Number.NaN;
  }

  private detourRatio(k: number, i: number, windows: boolean): number {
    return this.detour(k, windows) ? ratio(this.modelMinutes[k]!, this.bestOf(k, i)) : Number.NaN;
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
