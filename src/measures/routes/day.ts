/**
 * The figures of one staff-day route: working time, client time, travel, waiting and the detour
 * ratios against the best order (free, and within time windows).
 *
 * @module
 */

import { MS_PER_MINUTE } from '../../windows/civil.js';
import { DayStops, unionMinutesOf } from './dayStops.js';
import { compareOrders, modelFigures } from './dayOrders.js';
import type { DayCore, DayFigures, RouteDayOptions, RouteStop } from './dayTypes.js';

export type { DayCore, DayFigures, RouteDayOptions, RouteStop } from './dayTypes.js';

const minutesBetween = (a: number, b: number): number => (b - a) / MS_PER_MINUTE;

/**
 * Minutes covered by the union of intervals `[start, end)` (epoch ms), each counted once.
 *
 * @example
 * unionMinutes([{ start: 0, end: 3_600_000 }, { start: 1_800_000, end: 5_400_000 }]); // → 90
 */
export function unionMinutes(intervals: readonly { start: number; end: number }[]): number {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  return unionMinutesOf(Float64Array.from(sorted, (v) => v.start), Float64Array.from(sorted, (v) => v.end), sorted.length);
}

/**
 * The route figures of one staff member's day. `stops` are the day's visits in start order (ties
 * by end). Definitions: see {@link StaffDayRoute}. Days with a visit without coordinates get
 * `reason: 'missing_coordinates'` and no model or detour figures; their travel comes from the
 * log when every leg is logged, else it is null.
 *
 * @example
 * // A model on a line: minutes = km = 100 × |Δlon|. Visits at x = 0, 20, 5, 25 (10 minutes each,
 * // starting 08:00, 08:20, 08:40, 09:00): driven 20 + 15 + 20 = 55, best 0, 5, 20, 25 = 25.
 * const line: DistanceModel = { kind: 'haversine', leg: (a, b) => ({ minutes: 100 * Math.abs(a.lon - b.lon), km: 100 * Math.abs(a.lon - b.lon) }) };
 * const f = routeDay(stops, { model: line });
 * [f.modelMinutes, f.bestMinutes, f.detourRatio, f.detourRatioWindows]; // → [55, 25, 2.2, 2.2]
 */
export function routeDay(stops: readonly RouteStop[], options: RouteDayOptions): DayFigures {
  return dayFigures(routeDayCore(scratch.fromStops(stops), options, {} as DayCore));
}

/** The stops of {@link routeDay}'s days (refilled for each). */
const scratch = new DayStops();

/**
 * {@link routeDay}'s figures of the day in `d` (its stops in start order, ties by end) as a
 * {@link DayCore}, written into `core` (one object refilled for each day, where many are made
 * one at a time).
 *
 * @example
 * const core = routeDayCore(new DayStops().fromStops(stops), { model: haversineModel() }, {} as DayCore);
 * dayFigures(core).clientTimeShare; // → the day's brukartid
 */
export function routeDayCore(d: DayStops, options: RouteDayOptions, core: DayCore): DayCore {
  const n = d.n;
  const base = options.base ?? null;
  const { start, end, travelMinutes: loggedMin, travelKm: loggedKm } = d;
  let lastEnd = -Infinity;
  let shiftStart = Infinity, shiftEnd = -Infinity;
  let doubles = 0;
  for (let i = 0; i < n; i++) {
    lastEnd = Math.max(lastEnd, end[i]!);
    const ss = d.shiftStart[i]!, se = d.shiftEnd[i]!;
    if (!Number.isNaN(ss)) shiftStart = Math.min(shiftStart, ss);
    if (!Number.isNaN(se)) shiftEnd = Math.max(shiftEnd, se);
    doubles += d.double[i]!;
  }
  const hasCoords = d.hasCoordinates();
  const off = base !== null ? 1 : 0;
  // a day left out of the sample drives its own order only: the legs it uses, not every pair
  if (hasCoords) d.matrix(base, options.model, options.search === false);
  const N = d.nodes, M = d.minutes, K = d.km;

  // Driven legs: leg i leads to stop i (leg 0 from the base, or none); back = to the base.
  const legMin = legs.minutes(n);
  let travelMin = 0, travelKm = 0;
  let logged = 0, modelled = 0, travelKnown = true;
  for (let i = 0; i < n; i++) {
    if (i === 0 && base === null) { legMin[0] = 0; continue; }
    const at = (i - 1 + off) * N + i + off;
    const tm = loggedMin[i]!, tk = loggedKm[i]!;
    const lm = !Number.isNaN(tm) ? tm : hasCoords ? M[at]! : null;
    const lk = !Number.isNaN(tk) ? tk : hasCoords ? K[at]! : null;
    if (lm === null || lk === null) travelKnown = false;
    logged += (!Number.isNaN(tm) ? 1 : 0) + (!Number.isNaN(tk) ? 1 : 0);
    modelled += (Number.isNaN(tm) ? 1 : 0) + (Number.isNaN(tk) ? 1 : 0);
    legMin[i] = lm ?? 0;
    legs.km[i] = lk ?? 0;
  }
  let backMin = 0, backKm = 0;
  if (base !== null) {
    if (!hasCoords) travelKnown = false;
    else {
      backMin = M[n * N]!;
      backKm = K[n * N]!;
      modelled += 2;
    }
  }
  if (travelKnown) {
    // summed in the order of the legs, from 0 (leg 0 is 0 without a base)
    for (let i = 0; i < n; i++) {
      travelMin += legMin[i]!;
      travelKm += i === 0 && base === null ? 0 : legs.km[i]!;
    }
    travelMin += backMin;
    travelKm += backKm;
  }

  const hasShift = shiftStart !== Infinity || shiftEnd !== -Infinity;
  const firstStart = start[0]!;
  let workStart = firstStart, workEnd = lastEnd;
  if (shiftStart !== Infinity) workStart = Math.min(shiftStart, firstStart);
  else if (base !== null && travelKnown) workStart = firstStart - legMin[0]! * MS_PER_MINUTE;
  if (shiftEnd !== -Infinity) workEnd = Math.max(shiftEnd, lastEnd);
  else if (base !== null && travelKnown) workEnd = lastEnd + backMin * MS_PER_MINUTE;

  let waitingMinutes: number | null = null;
  if (travelKnown) {
    let cursor = hasShift || base !== null ? workStart : firstStart;
    let wait = 0;
    for (let i = 0; i < n; i++) {
      wait += Math.max(0, minutesBetween(cursor, start[i]!) - legMin[i]!);
      cursor = Math.max(cursor, end[i]!);
    }
    if (hasShift || base !== null) wait += Math.max(0, minutesBetween(cursor, workEnd) - backMin);
    waitingMinutes = wait;
  }

  core.visits = n;
  core.doubleStaffedVisits = doubles;
  core.workStart = workStart;
  core.workEnd = workEnd;
  core.clientMinutes = d.inStartOrder() ? unionMinutesOf(start, end, n) : unionMinutes(Array.from({ length: n }, (_, i) => ({ start: start[i]!, end: end[i]! })));
  core.travelMinutes = travelKnown ? travelMin : null;
  core.travelKm = travelKnown ? travelKm : null;
  core.travelSource = !travelKnown ? null : modelled === 0 ? 'logged' : logged === 0 ? 'model' : 'mixed';
  core.waitingMinutes = waitingMinutes;
  core.modelMinutes = null;
  core.modelKm = null;
  core.bestMinutes = null;
  core.bestKm = null;
  core.bestSearch = null;
  core.windowsFeasible = null;
  core.bestMinutesWindows = null;
  core.bestKmWindows = null;
  core.reason = hasCoords ? null : 'missing_coordinates';
  if (hasCoords) {
    if (options.search === false) modelFigures(core, d, base !== null);
    else compareOrders(core, d, base !== null, options.windowMinutes ?? 30, options);
  }
  return core;
}

/** The driven legs' minutes and km of a day (refilled for each). */
const legs = {
  min: new Float64Array(16),
  km: new Float64Array(16),
  /** The minutes' array, with room for n legs (the km's too). */
  minutes(n: number): Float64Array {
    if (n > this.min.length) {
      this.min = new Float64Array(Math.max(n, 2 * this.min.length));
      this.km = new Float64Array(this.min.length);
    }
    return this.min;
  },
};

/**
 * A day's figures from its {@link DayCore}: working minutes (start to end of work), the client time
 * share, the per-visit figures, and the detour ratios and savings of both best orders
 * (definitions: {@link StaffDayRoute}); written into `out` when given (one object refilled for
 * each day, where the figures of many are read one at a time), else into a new object.
 *
 * @example
 * dayFigures(c).clientTimeShare; // → 0.6667 (60 of 90 working minutes)
 */
export function dayFigures(c: DayCore, out?: DayFigures): DayFigures {
  const workingMinutes = minutesBetween(c.workStart, c.workEnd);
  const { travelMinutes, travelKm, modelMinutes, modelKm, bestMinutes, bestKm, bestMinutesWindows, bestKmWindows } = c;
  const detour = modelMinutes !== null && bestMinutes !== null && modelKm !== null && bestKm !== null;
  const windows = detour && bestMinutesWindows !== null && bestKmWindows !== null;
  // (fields set one by one, in the order of a new object's keys, so a refilled object reads the same)
  const f = out ?? ({} as DayFigures);
  f.visits = c.visits;
  f.doubleStaffedVisits = c.doubleStaffedVisits;
  f.workStart = c.workStart;
  f.workEnd = c.workEnd;
  f.workingMinutes = workingMinutes;
  f.clientMinutes = c.clientMinutes;
  f.clientTimeShare = workingMinutes > 0 ? c.clientMinutes / workingMinutes : null;
  f.travelMinutes = travelMinutes;
  f.travelKm = travelKm;
  f.travelSource = c.travelSource;
  f.waitingMinutes = c.waitingMinutes;
  f.travelMinutesPerVisit = travelMinutes === null ? null : travelMinutes / c.visits;
  f.kmPerVisit = travelKm === null ? null : travelKm / c.visits;
  f.modelMinutes = modelMinutes;
  f.modelKm = modelKm;
  f.bestMinutes = bestMinutes;
  f.bestKm = bestKm;
  f.bestExact = c.bestSearch === null ? null : c.bestSearch === 'exact';
  f.bestSearch = c.bestSearch;
  f.detourRatio = detour ? ratio(modelMinutes, bestMinutes) : null;
  f.savingMinutes = detour ? modelMinutes - bestMinutes : null;
  f.savingKm = detour ? modelKm - bestKm : null;
  f.windowsFeasible = c.windowsFeasible;
  f.bestMinutesWindows = bestMinutesWindows;
  f.bestKmWindows = bestKmWindows;
  f.detourRatioWindows = windows ? ratio(modelMinutes, bestMinutesWindows) : null;
  f.savingMinutesWindows = windows ? modelMinutes - bestMinutesWindows : null;
  f.savingKmWindows = windows ? modelKm - bestKmWindows : null;
  f.reason = c.reason;
  return f;
}

const ratio = (driven: number, best: number): number => (best === 0 ? (driven === 0 ? 1 : Infinity) : driven / best);

