/**
 * The figures of one staff-day route: working time, client time, travel, waiting and the detour
 * ratios against the best order (free, and within time windows).
 *
 * @module
 */

import { MS_PER_MINUTE } from '../../windows/civil.js';
import { bestOrder } from './bestOrder.js';
import { travelMatrix, type LatLon } from './distance.js';
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
  let total = 0, from = -Infinity, to = -Infinity;
  for (const { start, end } of sorted) {
    if (start > to) {
      if (to > from) total += to - from;
      from = start;
      to = end;
    } else if (end > to) to = end;
  }
  if (to > from) total += to - from;
  return total / MS_PER_MINUTE;
}

/** Travel of visiting `order` (indices into the matrices); `closed` adds the leg back to the first. */
function along(order: readonly number[], m: readonly (readonly number[])[], closed: boolean): number {
  let sum = 0;
  for (let t = 1; t < order.length; t++) sum += m[order[t - 1]!]![order[t]!]!;
  if (closed && order.length > 1) sum += m[order[order.length - 1]!]![order[0]!]!;
  return sum;
}

/** Whether visiting the nodes in index order meets every window (service starts at max(arrival, lo)). */
function onTime(minutes: readonly (readonly number[])[], windows: readonly [number, number][], service: readonly number[], t0: number, closed: boolean): boolean {
  let t = t0;
  for (let i = 0; i < windows.length; i++) {
    if (i > 0) t += service[i - 1]! + minutes[i - 1]![i]!;
    const [lo, hi] = windows[i]!;
    if (t > hi + 1e-9) return false;
    t = Math.max(t, lo);
  }
  if (closed) t += service[windows.length - 1]! + minutes[windows.length - 1]![0]!;
  return t <= windows[0]![1] + 1e-9;
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
  const n = stops.length;
  const base = options.base ?? null;
  const W = options.windowMinutes ?? 30;
  const first = stops[0]!;
  let lastEnd = -Infinity;
  let shiftStart = Infinity, shiftEnd = -Infinity;
  for (const s of stops) {
    lastEnd = Math.max(lastEnd, s.end);
    if (s.shiftStart !== null) shiftStart = Math.min(shiftStart, s.shiftStart);
    if (s.shiftEnd !== null) shiftEnd = Math.max(shiftEnd, s.shiftEnd);
  }
  const hasCoords = stops.every((s) => s.lat !== null && s.lon !== null);
  const points: LatLon[] = hasCoords ? stops.map((s) => ({ lat: s.lat!, lon: s.lon! })) : [];
  if (base !== null && hasCoords) points.unshift(base);
  const off = base !== null ? 1 : 0;
  // a day left out of the sample drives its own order only: the legs it uses, not every pair
  const matrix = !hasCoords ? null : travelMatrix(points, options.model, options.search === false);

  // Driven legs: leg[i] leads to stop i (leg[0] from the base, or none); back = to the base.
  const legMin: number[] = [], legKm: number[] = [];
  let logged = 0, modelled = 0, travelKnown = true;
  for (let i = 0; i < n; i++) {
    if (i === 0 && base === null) { legMin.push(0); legKm.push(0); continue; }
    const s = stops[i]!;
    const mm = matrix !== null ? matrix.minutes[i - 1 + off]![i + off]! : null;
    const mk = matrix !== null ? matrix.km[i - 1 + off]![i + off]! : null;
    const lm = s.travelMinutes ?? mm, lk = s.travelKm ?? mk;
    if (lm === null || lk === null) travelKnown = false;
    logged += (s.travelMinutes !== null ? 1 : 0) + (s.travelKm !== null ? 1 : 0);
    modelled += (s.travelMinutes === null ? 1 : 0) + (s.travelKm === null ? 1 : 0);
    legMin.push(lm ?? 0);
    legKm.push(lk ?? 0);
  }
  let backMin = 0, backKm = 0;
  if (base !== null) {
    if (matrix === null) travelKnown = false;
    else {
      backMin = matrix.minutes[n]![0]!;
      backKm = matrix.km[n]![0]!;
      modelled += 2;
    }
  }
  const travelMinutes = travelKnown ? legMin.reduce((a, b) => a + b, 0) + backMin : null;
  const travelKm = travelKnown ? legKm.reduce((a, b) => a + b, 0) + backKm : null;
  const travelSource = !travelKnown ? null : modelled === 0 ? 'logged' : logged === 0 ? 'model' : 'mixed';

  const hasShift = shiftStart !== Infinity || shiftEnd !== -Infinity;
  let workStart = first.start, workEnd = lastEnd;
  if (shiftStart !== Infinity) workStart = Math.min(shiftStart, first.start);
  else if (base !== null && travelKnown) workStart = first.start - legMin[0]! * MS_PER_MINUTE;
  if (shiftEnd !== -Infinity) workEnd = Math.max(shiftEnd, lastEnd);
  else if (base !== null && travelKnown) workEnd = lastEnd + backMin * MS_PER_MINUTE;

  let waitingMinutes: number | null = null;
  if (travelKnown) {
    let cursor = hasShift || base !== null ? workStart : first.start;
    let wait = 0;
    for (let i = 0; i < n; i++) {
      const s = stops[i]!;
      wait += Math.max(0, minutesBetween(cursor, s.start) - legMin[i]!);
      cursor = Math.max(cursor, s.end);
    }
    if (hasShift || base !== null) wait += Math.max(0, minutesBetween(cursor, workEnd) - backMin);
    waitingMinutes = wait;
  }

  const core: DayCore = {
    visits: n,
    doubleStaffedVisits: stops.filter((s) => s.double).length,
    workStart,
    workEnd,
    clientMinutes: unionMinutes(stops),
    travelMinutes,
    travelKm,
    travelSource,
    waitingMinutes,
    modelMinutes: null, modelKm: null, bestMinutes: null, bestKm: null, bestSearch: null,
    windowsFeasible: null, bestMinutesWindows: null, bestKmWindows: null,
    reason: hasCoords ? null : 'missing_coordinates',
  };
  if (matrix !== null) {
    if (options.search === false) modelFigures(core, matrix, base !== null);
    else compareOrders(core, stops, matrix, base !== null, W, options);
  }
  return dayFigures(core);
}

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

/** The driven order's travel under the model, without a best order: a day left out of the sample. */
function modelFigures(f: DayCore, matrix: { minutes: number[][]; km: number[][] }, closed: boolean): void {
  const driven = Array.from({ length: matrix.minutes.length }, (_, i) => i);
  Object.assign(f, { modelMinutes: along(driven, matrix.minutes, closed), modelKm: along(driven, matrix.km, closed), reason: 'not_sampled' });
}

/** Fills the model, best-order and time-window figures (nodes in driven order; node 0 the base when `closed`). */
function compareOrders(f: DayCore, stops: readonly RouteStop[], matrix: { minutes: number[][]; km: number[][] }, closed: boolean, W: number, options: RouteDayOptions): void {
  const N = matrix.minutes.length;
  const driven = Array.from({ length: N }, (_, i) => i);
  const modelMinutes = along(driven, matrix.minutes, closed);
  const modelKm = along(driven, matrix.km, closed);
  const { exactUpTo, exactLabels, timeLimitMs, quick } = options;
  const solver = {
    ...(exactUpTo !== undefined ? { exactUpTo } : {}), ...(exactLabels !== undefined ? { exactLabels } : {}),
    ...(timeLimitMs !== undefined ? { timeLimitMs } : {}), ...(quick !== undefined ? { quick } : {}),
  };
  const ends = closed ? { start: 0, closed: true } : { start: 0, end: N - 1 };

  const free = bestOrder(matrix.minutes, { ...ends, ...solver });
  const freeBetter = free.cost < modelMinutes;
  const bestMinutes = freeBetter ? free.cost : modelMinutes;
  const bestKm = freeBetter ? along(free.order, matrix.km, closed) : modelKm;
  Object.assign(f, { modelMinutes, modelKm, bestMinutes, bestKm });

  const t0 = stops[0]!.start;
  const windows: [number, number][] = [];
  const service: number[] = [];
  if (closed) { windows.push([-Infinity, Infinity]); service.push(0); }
  for (const s of stops) {
    const a = minutesBetween(t0, s.start);
    windows.push(s.double ? [a, a] : [a - W, a + W]);
    service.push(minutesBetween(s.start, s.end));
  }
  let maxLeg = 0;
  for (const row of matrix.minutes) for (const x of row) maxLeg = Math.max(maxLeg, x);
  const startTime = closed ? Math.min(...windows.slice(1).map((w) => w[0])) - maxLeg - 1 : windows[0]![0];
  const drivenOnTime = onTime(matrix.minutes, windows, service, startTime, closed);
  // only an on-time order changes the figures: when the driven one is late, none may be (proven at once if so)
  const timed = bestOrder(matrix.minutes, { ...ends, ...solver, timeWindows: windows, service, ...(closed ? { startTime } : {}), onTimeOnly: !drivenOnTime });
  f.bestSearch = free.exact && timed.exact ? 'exact' : quick === true ? 'quick' : 'heuristic';
  let wMinutes: number, wKm: number;
  if (timed.feasible && (!drivenOnTime || timed.cost < modelMinutes)) {
    wMinutes = timed.cost;
    wKm = along(timed.order, matrix.km, closed);
  } else if (drivenOnTime) {
    wMinutes = modelMinutes;
    wKm = modelKm;
  } else {
    f.windowsFeasible = false;
    return;
  }
  Object.assign(f, { windowsFeasible: true, bestMinutesWindows: wMinutes, bestKmWindows: wKm });
}
