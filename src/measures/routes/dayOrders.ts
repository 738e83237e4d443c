/**
 * A staff-day's travel under the model in the order driven, and its best orders (free, and within
 * time windows): the model and detour figures of {@link routeDayCore}, read from the day's flat
 * travel matrix ({@link DayStops.matrix}).
 *
 * @module
 */

import { MS_PER_MINUTE } from '../../windows/civil.js';
import { bestOrderOfMatrix, checkMatrix, type MatrixOrderOptions } from './bestOrder.js';
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

/** Whether visiting the N nodes in index order meets every window `[lo, hi]` (service starts at max(arrival, lo)). */
function onTime(minutes: Float64Array, N: number, lo: Float64Array, hi: Float64Array, service: Float64Array, t0: number, closed: boolean): boolean {
  let t = t0;
  for (let i = 0; i < N; i++) {
    if (i > 0) t += service[i - 1]! + minutes[(i - 1) * N + i]!;
    if (t > hi[i]! + 1e-9) return false;
    t = Math.max(t, lo[i]!);
  }
  if (closed) t += service[N - 1]! + minutes[(N - 1) * N]!;
  return t <= hi[0]! + 1e-9;
}

/** The time windows' bounds and the service of a day's nodes (refilled for each day; copied by the search). */
const win = {
  lo: new Float64Array(17),
  hi: new Float64Array(17),
  service: new Float64Array(17),
  /** The arrays, with room for n nodes. */
  room(n: number): void {
    if (n <= this.lo.length) return;
    const c = Math.max(n, 2 * this.lo.length);
    this.lo = new Float64Array(c);
    this.hi = new Float64Array(c);
    this.service = new Float64Array(c);
  },
};

/**
 * The options of a day's two searches, refilled for each (one object of one shape: the search
 * reads them often).
 */
const kept = {
  search: {
    start: 0, end: undefined, closed: false, exactUpTo: undefined, exactLabels: undefined, timeLimitMs: undefined, quick: undefined,
    lo: undefined, hi: undefined, service: undefined, startTime: undefined, onTimeOnly: undefined,
  } as MatrixOrderOptions,
};

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
  const { quick } = options;
  const search = kept.search;
  search.end = closed ? undefined : N - 1;
  search.closed = closed;
  search.exactUpTo = options.exactUpTo;
  search.exactLabels = options.exactLabels;
  search.timeLimitMs = options.timeLimitMs;
  search.quick = quick;
  search.lo = search.hi = search.service = search.startTime = search.onTimeOnly = undefined;
  checkMatrix(M, N);

  const free = bestOrderOfMatrix(M, N, search);
  const freeBetter = free.cost < modelMinutes;
  f.modelMinutes = modelMinutes;
  f.modelKm = modelKm;
  f.bestMinutes = freeBetter ? free.cost : modelMinutes;
  f.bestKm = freeBetter ? along(free.order, K, N, closed) : modelKm;

  const t0 = d.start[0]!;
  // node t's window and service: the base's (when closed) has none, then the stops'
  win.room(N);
  const { lo, hi, service } = win;
  const at = closed ? 1 : 0;
  if (closed) { lo[0] = -Infinity; hi[0] = Infinity; service[0] = 0; }
  for (let i = 0; i < d.n; i++) {
    const a = minutesBetween(t0, d.start[i]!);
    lo[at + i] = d.double[i] === 1 ? a : a - W;
    hi[at + i] = d.double[i] === 1 ? a : a + W;
    service[at + i] = minutesBetween(d.start[i]!, d.end[i]!);
  }
  let maxLeg = 0;
  for (let i = 0; i < N * N; i++) maxLeg = Math.max(maxLeg, M[i]!);
  let firstLow = Infinity;
  for (let i = 1; i < N; i++) firstLow = Math.min(firstLow, lo[i]!);
  const startTime = closed ? firstLow - maxLeg - 1 : lo[0]!;
  const drivenOnTime = onTime(M, N, lo, hi, service, startTime, closed);
  // only an on-time order changes the figures: when the driven one is late, none may be (proven at once if so)
  search.lo = lo;
  search.hi = hi;
  search.service = service;
  search.startTime = closed ? startTime : undefined;
  search.onTimeOnly = !drivenOnTime;
  const timed = bestOrderOfMatrix(M, N, search);
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
