/**
 * A staff-day's travel under the model in the order driven, and its best orders (free, and within
 * time windows): the model and detour figures of {@link routeDayCore}, read from the day's flat
 * travel matrix ({@link DayStops.matrix}).
 *
 * @module
 */

import { MS_PER_MINUTE } from '../../windows/civil.js';
import { bestOrder } from './bestOrder.js';
import type { DayCore, RouteDayOptions } from './dayTypes.js';
import type { DayStops } from './dayStops.js';

const minutesBetween = (a: number, b: number): number => (b - a) / MS_PER_MINUTE;

/**
 * Travel of visiting the nodes 0 … N − 1 in order under the flat N × N matrix `m`, summed from 0
 * in that order; `closed` adds the leg back to node 0.
 *
 * @example
 * drivenTravel(Float64Array.of(0, 2, 9, 0, 0, 3, 4, 0, 0), 3, true); // → 2 + 3 + 4 = 9
 */
export function drivenTravel(m: Float64Array, N: number, closed: boolean): number {
  let sum = 0;
  for (let t = 1; t < N; t++) sum += m[(t - 1) * N + t]!;
  if (closed && N > 1) sum += m[(N - 1) * N]!;
  return sum;
}

/** Travel of visiting `order` (node numbers) under the flat N × N matrix `m`; `closed` adds the leg back to the first. */
function along(order: readonly number[], m: Float64Array, N: number, closed: boolean): number {
  let sum = 0;
  for (let t = 1; t < order.length; t++) sum += m[order[t - 1]! * N + order[t]!]!;
  if (closed && order.length > 1) sum += m[order[order.length - 1]! * N + order[0]!]!;
  return sum;
}

/** Whether visiting the nodes in index order meets every window (service starts at max(arrival, lo)). */
function onTime(minutes: Float64Array, N: number, windows: readonly [number, number][], service: readonly number[], t0: number, closed: boolean): boolean {
  let t = t0;
  for (let i = 0; i < windows.length; i++) {
    if (i > 0) t += service[i - 1]! + minutes[(i - 1) * N + i]!;
    const [lo, hi] = windows[i]!;
    if (t > hi + 1e-9) return false;
    t = Math.max(t, lo);
  }
  if (closed) t += service[windows.length - 1]! + minutes[(windows.length - 1) * N]!;
  return t <= windows[0]![1] + 1e-9;
}

/** The driven order's travel under the model, without a best order: a day left out of the sample. */
export function modelFigures(f: DayCore, d: DayStops, closed: boolean): void {
  f.modelMinutes = drivenTravel(d.minutes, d.nodes, closed);
  f.modelKm = drivenTravel(d.km, d.nodes, closed);
  f.reason = 'not_sampled';
}

/** Fills the model, best-order and time-window figures (nodes in driven order; node 0 the base when `closed`). */
export function compareOrders(f: DayCore, d: DayStops, closed: boolean, W: number, options: RouteDayOptions): void {
  const N = d.nodes, M = d.minutes, K = d.km;
  const modelMinutes = drivenTravel(M, N, closed);
  const modelKm = drivenTravel(K, N, closed);
  const { exactUpTo, exactLabels, timeLimitMs, quick } = options;
  const solver = {
    ...(exactUpTo !== undefined ? { exactUpTo } : {}), ...(exactLabels !== undefined ? { exactLabels } : {}),
    ...(timeLimitMs !== undefined ? { timeLimitMs } : {}), ...(quick !== undefined ? { quick } : {}),
  };
  const ends = closed ? { start: 0, closed: true } : { start: 0, end: N - 1 };
  const cost = d.rows(M);

  const free = bestOrder(cost, { ...ends, ...solver });
  const freeBetter = free.cost < modelMinutes;
  f.modelMinutes = modelMinutes;
  f.modelKm = modelKm;
  f.bestMinutes = freeBetter ? free.cost : modelMinutes;
  f.bestKm = freeBetter ? along(free.order, K, N, closed) : modelKm;

  const t0 = d.start[0]!;
  const windows: [number, number][] = [];
  const service: number[] = [];
  if (closed) { windows.push([-Infinity, Infinity]); service.push(0); }
  for (let i = 0; i < d.n; i++) {
    const a = minutesBetween(t0, d.start[i]!);
    windows.push(d.double[i] === 1 ? [a, a] : [a - W, a + W]);
    service.push(minutesBetween(d.start[i]!, d.end[i]!));
  }
  let maxLeg = 0;
  for (let i = 0; i < N * N; i++) maxLeg = Math.max(maxLeg, M[i]!);
  let firstLow = Infinity;
  for (let i = 1; i < windows.length; i++) firstLow = Math.min(firstLow, windows[i]![0]);
  const startTime = closed ? firstLow - maxLeg - 1 : windows[0]![0];
  const drivenOnTime = onTime(M, N, windows, service, startTime, closed);
  // only an on-time order changes the figures: when the driven one is late, none may be (proven at once if so)
  const timed = bestOrder(cost, { ...ends, ...solver, timeWindows: windows, service, ...(closed ? { startTime } : {}), onTimeOnly: !drivenOnTime });
  f.bestSearch = free.exact && timed.exact ? 'exact' : quick === true ? 'quick' : 'heuristic';
  let wMinutes: number, wKm: number;
  if (timed.feasible && (!drivenOnTime || timed.cost < modelMinutes)) {
    wMinutes = timed.cost;
    wKm = along(timed.order, K, N, closed);
  } else if (drivenOnTime) {
    wMinutes = modelMinutes;
    wKm = modelKm;
  } else {
    f.windowsFeasible = false;
    return;
  }
  f.windowsFeasible = true;
  f.bestMinutesWindows = wMinutes;
  f.bestKmWindows = wKm;
}
