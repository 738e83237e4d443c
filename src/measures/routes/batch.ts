// Staff-days of a window packed as numbers, so that any thread can evaluate them (evaluation.ts).
import { collectGarbage } from '../../engine/garbage.js';
import { routeDayCore, type DayCore, type RouteDayOptions } from './day.js';
import { DayStops, STOP } from './dayStops.js';
import type { DistanceModel, LatLon } from './distance.js';
import type { RouteRows } from './rows.js';
import type { StaffDayOrder } from './staffDayOrder.js';
import { CORE, packCore } from './packedDay.js';

/**
 * Staff-days packed for evaluation: each day's stops as {@link RouteRows.packStops} packs them
 * (NaN: no value), whether its best order is searched, and its group's base; and room for their
 * figures. The arrays may be longer than the batch needs (a batch's arrays are reused for the
 * next: {@link packDays}); `days` says how many days it holds.
 */
export interface DayBatch {
  /** Staff-days in the batch. */
  days: number;
  /** The stops, {@link STOP} numbers each, day after day. */
  stops: Float64Array;
  /** 1 for a stop of a double-staffed visit. */
  double: Uint8Array;
  /** Where each day's stops begin (one more entry: the end). */
  first: Int32Array;
  /** 1 for a day whose best order is searched. */
  search: Uint8Array;
  /** Each day's base (lat, lon), NaN for none. */
  base: Float64Array;
  /** The days' figures as {@link evaluateBatch} writes them: {@link CORE} numbers a day ({@link packCore}). */
  cores: Float64Array;
}

/**
 * The buffers of a batch: what a thread hands over with it (moved, not copied), and gets back.
 *
 * @example
 * worker.postMessage({ batch }, batchBuffers(batch));
 */
export function batchBuffers(batch: DayBatch): ArrayBuffer[] {
  return [batch.stops, batch.double, batch.first, batch.search, batch.base, batch.cores].map((a) => a.buffer as ArrayBuffer);
}

/** What evaluating a batch needs besides the model: the search settings and the run's budget. */
export interface BatchSettings {
  windowMinutes: number;
  exactUpTo?: number;
  exactLabels?: number;
  timeLimitMs?: number;
  /** When the run's search budget ends (epoch ms, `Date.now()`): a searched day after it is solved quick. */
  deadline: number;
  /** Whether a day was solved quick already (then every searched day is). */
  quick: boolean;
}

/**
 * Packs staff-days `from` … `to − 1` of `runs` (each a staff-day's number in `order.dayFirst`)
 * of a window ending at `windowEnd`, into the arrays of `spare` where they are long enough (a
 * batch evaluated, whose figures were kept), else new ones; each day's group into `groups`.
 *
 * @example
 * const batch = packDays(rows, order, runs, 0, 256, windowEnd, sample, (group) => base, days.group, null);
 */
export function packDays(rows: RouteRows, order: StaffDayOrder, runs: Int32Array, from: number, to: number, windowEnd: number,
  sample: Uint8Array | null, baseOf: (group: number) => LatLon | null, groups: Int32Array, spare: DayBatch | null): DayBatch {
  const { dayFirst } = order;
  let n = 0;
  for (let k = from; k < to; k++) n += dayFirst[runs[k]! + 1]! - dayFirst[runs[k]!]!;
  const days = to - from;
  const roomy = spare !== null && spare.search.length >= days;
  const batch: DayBatch = {
    days,
    stops: spare !== null && spare.stops.length >= STOP * n ? spare.stops : new Float64Array(STOP * n),
    double: spare !== null && spare.double.length >= n ? spare.double : new Uint8Array(n),
    first: roomy ? spare.first : new Int32Array(days + 1),
    search: roomy ? spare.search : new Uint8Array(days),
    base: roomy ? spare.base : new Float64Array(2 * days),
    cores: roomy ? spare.cores : new Float64Array(CORE * days),
  };
  let at = 0;
  for (let k = from; k < to; k++) {
    const j = k - from, a = dayFirst[runs[k]!]!, b = dayFirst[runs[k]! + 1]!;
    rows.packStops(batch.stops, batch.double, at, order.rows, a, b, windowEnd);
    const group = rows.dayGroup(order.rows, a, b);
    groups[k] = group;
    batch.first[j] = at;
    at += b - a;
    batch.search[j] = sample === null || sample[k] === 1 ? 1 : 0;
    const base = baseOf(group);
    batch.base[2 * j] = base?.lat ?? Number.NaN;
    batch.base[2 * j + 1] = base?.lon ?? Number.NaN;
  }
  batch.first[days] = at;
  return batch;
}

/** The stops of the day evaluated (refilled for each, in this thread). */
const evaluated = new DayStops();

/** Days searched in this thread since its last collection of the searches' typed arrays. */
let searched = 0;

/**
 * The route figures of a batch's days (as `routeDayCore` gives them) into its `cores`
 * ({@link packCore}), in any thread: a searched day past the settings' deadline, or after a day
 * solved quick, is solved quick. Returns how many were.
 *
 * @example
 * const quick = evaluateBatch(batch, haversineModel(), { windowMinutes: 30, deadline: Infinity, quick: false });
 * batch.cores[0]; // → the first day's visits
 */
export function evaluateBatch(batch: DayBatch, model: DistanceModel, settings: BatchSettings): number {
  const d = evaluated, core = {} as DayCore;
  const options: RouteDayOptions = {
    model,
    windowMinutes: settings.windowMinutes,
    base: null,
    ...(settings.exactUpTo !== undefined ? { exactUpTo: settings.exactUpTo } : {}),
    ...(settings.exactLabels !== undefined ? { exactLabels: settings.exactLabels } : {}),
    ...(settings.timeLimitMs !== undefined ? { timeLimitMs: settings.timeLimitMs } : {}),
    quick: false,
    search: true,
  };
  let quick = 0;
  for (let j = 0; j < batch.days; j++) {
    const a = batch.first[j]!;
    d.fromPacked(batch.stops, batch.double, a, batch.first[j + 1]! - a);
    const search = batch.search[j] === 1;
    // past the run's search budget, every searched staff-day after is solved quick
    options.quick = search && (settings.quick || quick > 0 || Date.now() >= settings.deadline);
    if (options.quick) quick++;
    options.search = search;
    const lat = batch.base[2 * j]!, lon = batch.base[2 * j + 1]!;
    options.base = Number.isNaN(lat) ? null : { lat, lon };
    packCore(routeDayCore(d, options, core), batch.cores, CORE * j);
    // the searches' typed arrays, freed only by a (full) collection: one every 4096 searched days
    if (search && (searched++ & 4095) === 4095) collectGarbage();
  }
  return quick;
}
