/**
 * Internal model shared by the exact and heuristic order solvers behind `bestOrder`.
 *
 * Every variant (open path, path with a fixed last stop, closed tour) is reduced to one shape:
 * a path that starts at a fixed `head`, visits every node of `free` once in some order and
 * ends at a fixed `tail`. Open paths and closed tours get a virtual tail node (index
 * `size - 1`): for an open path every arc into it costs 0 and it has no time window, for a
 * closed tour an arc into it costs the return leg to the start and it carries the start's
 * window upper bound.
 *
 * Times follow the TSPTW convention: service at a node starts at
 * `max(arrival, lo)`; arriving after `hi` is late (infeasible); departure is
 * `serviceStart + svc`; arrival at the next node is `departure + travel`.
 *
 * @module
 */

import { Scratch } from './scratch.js';

/**
 * A reduced path problem. All matrices are flat, row-major, `size × size`.
 *
 * @example
 * // Open path over 3 stops starting at stop 0 (stop 3 is the virtual tail):
 * const inst = makeInstance([[0, 1, 2], [1, 0, 1], [2, 1, 0]], { start: 0, closed: false });
 * inst.size; // → 4
 * Array.from(inst.free); // → [1, 2]
 */
export interface SolverInstance {
  /** Number of nodes including the (possibly unused) virtual tail at index `size - 1`. */
  readonly size: number;
  /** Number of real stops (`size - 1`). */
  readonly stops: number;
  /** Flat travel matrix, `w[i * size + j]`. */
  readonly w: Float64Array;
  /** Fixed first node. */
  readonly head: number;
  /** Fixed last node (a real stop for a fixed end, else the virtual node `size - 1`). */
  readonly tail: number;
  /** Whether the tail is the virtual node (and must be dropped from the reported order). */
  readonly virtualTail: boolean;
  /** Nodes to be ordered between head and tail, ascending. */
  readonly free: Int32Array;
  /** Whether time windows are in force. When false, `lo`, `hi`, `svc` are still filled (−∞, +∞, 0). */
  readonly hasWindows: boolean;
  /** Window lower bound per node. */
  readonly lo: Float64Array;
  /** Window upper bound per node. */
  readonly hi: Float64Array;
  /** Service duration per node. */
  readonly svc: Float64Array;
  /** Time at the head before its service starts. */
  readonly t0: number;
}

/**
 * Input of {@link makeInstance}; the values are assumed to be validated already.
 *
 * @example
 * const spec: InstanceSpec = { start: 0, closed: true };
 * makeInstance([[0, 3], [4, 0]], spec).tail; // → 2
 */
export interface InstanceSpec {
  start: number;
  end?: number | undefined;
  closed: boolean;
  timeWindows?: readonly (readonly [number, number])[] | undefined;
  service?: readonly number[] | undefined;
  startTime?: number | undefined;
}

/**
 * Builds the reduced path problem from a validated cost matrix and options. For a closed tour
 * `end` is ignored; a fixed `end` equal to `start` must have been turned into `closed` by the
 * caller.
 *
 * @example
 * const inst = makeInstance([[0, 5, 9], [5, 0, 2], [9, 2, 0]], { start: 0, end: 2, closed: false });
 * inst.tail;            // → 2
 * Array.from(inst.free); // → [1]
 */
export function makeInstance(cost: readonly (readonly number[])[], spec: InstanceSpec): SolverInstance {
  const n = cost.length;
  const size = n + 1;
  const w = new Float64Array(size * size);
  for (let i = 0; i < n; i++) {
    const row = cost[i] as readonly number[];
    for (let j = 0; j < n; j++) w[i * size + j] = row[j] as number;
  }
  const lo = new Float64Array(size).fill(-Infinity);
  const hi = new Float64Array(size).fill(Infinity);
  const svc = new Float64Array(size);
  if (spec.timeWindows !== undefined) {
    for (let i = 0; i < n; i++) {
      const tw = spec.timeWindows[i] as readonly [number, number];
      lo[i] = tw[0];
      hi[i] = tw[1];
    }
  }
  if (spec.service !== undefined) {
    for (let i = 0; i < n; i++) svc[i] = spec.service[i] as number;
  }
  const m = n - 1 - (!spec.closed && spec.end !== undefined && spec.end !== spec.start ? 1 : 0);
  return completed(n, { w, lo, hi, svc, free: new Int32Array(Math.max(0, m)) }, spec, spec.timeWindows !== undefined);
}

/**
 * Input of {@link matrixInstance}: {@link InstanceSpec} with the windows' bounds and the service
 * durations as arrays of at least n numbers (the windows in force when `lo` is given).
 *
 * @example
 * const spec: MatrixSpec = { start: 0, closed: false, lo: Float64Array.of(0, 0), hi: Float64Array.of(10, 3) };
 */
export interface MatrixSpec extends Omit<InstanceSpec, 'timeWindows' | 'service'> {
  lo?: Float64Array | undefined;
  hi?: Float64Array | undefined;
  service?: Float64Array | undefined;
}

/** An instance's arrays, exactly as long as its size needs. */
interface InstanceArrays {
  w: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  svc: Float64Array;
  free: Int32Array;
}

/** Sizes up to which {@link matrixInstance} keeps one set of arrays for each (size, free count). */
const KEPT_SIZES = 32;
const keptArrays: (InstanceArrays | undefined)[] = [];

/**
 * {@link makeInstance} from the flat n × n matrix `m` (`m[i * n + j]`, the stride n), the windows
 * and service as arrays. Its arrays are kept for the next instance of the same size (up to
 * {@link KEPT_SIZES} nodes): only one such instance is in use at a time, and it is not valid
 * after the next is made.
 *
 * @example
 * const inst = matrixInstance(Float64Array.of(0, 5, 9, 5, 0, 2, 9, 2, 0), 3, { start: 0, end: 2, closed: false });
 * inst.w[0 * 4 + 1]; // → 5 (row 0, column 1; the rows 4 wide with the virtual node)
 */
export function matrixInstance(m: Float64Array, n: number, spec: MatrixSpec): SolverInstance {
  const size = n + 1;
  const fixedEnd = !spec.closed && spec.end !== undefined && spec.end !== spec.start;
  const free = Math.max(0, n - 1 - (fixedEnd ? 1 : 0));
  const key = 2 * size + (fixedEnd ? 1 : 0);
  let arrays = size <= KEPT_SIZES ? keptArrays[key] : undefined;
  if (arrays === undefined) {
    arrays = { w: new Float64Array(size * size), lo: new Float64Array(size), hi: new Float64Array(size), svc: new Float64Array(size), free: new Int32Array(free) };
    if (size <= KEPT_SIZES) keptArrays[key] = arrays;
  }
  const { w, lo, hi, svc } = arrays;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) w[i * size + j] = m[i * n + j] as number;
    w[i * size + n] = 0;
  }
  w.fill(0, n * size, size * size);
  lo.fill(-Infinity);
  hi.fill(Infinity);
  svc.fill(0);
  if (spec.lo !== undefined && spec.hi !== undefined) {
    for (let i = 0; i < n; i++) {
      lo[i] = spec.lo[i] as number;
      hi[i] = spec.hi[i] as number;
    }
  }
  if (spec.service !== undefined) {
    for (let i = 0; i < n; i++) svc[i] = spec.service[i] as number;
  }
  return completed(n, arrays, spec, spec.lo !== undefined);
}

/** The instance of n stops from its arrays, filled but for the virtual node's arcs and window and the free nodes. */
function completed(n: number, arrays: InstanceArrays, spec: Omit<InstanceSpec, 'timeWindows' | 'service'>, hasWindows: boolean): SolverInstance {
  const { w, lo, hi, svc, free } = arrays;
  const size = n + 1;
  const v = n;
  const s = spec.start;
  const fixedEnd = !spec.closed && spec.end !== undefined ? spec.end : -1;
  if (spec.closed) {
    for (let i = 0; i < n; i++) w[i * size + v] = w[i * size + s] as number;
  }
  // Open path: arcs into the virtual tail cost 0 (zero-filled already).
  if (hasWindows && spec.closed) hi[v] = hi[s] as number;
  const startLo = lo[s] as number;
  const t0 = spec.startTime ?? (Number.isFinite(startLo) ? startLo : 0);
  let f = 0;
  for (let i = 0; i < n; i++) if (i !== s && i !== fixedEnd) free[f++] = i;
  return {
    size,
    stops: n,
    w,
    head: s,
    tail: fixedEnd >= 0 ? fixedEnd : v,
    virtualTail: fixedEnd < 0,
    free,
    hasWindows,
    lo,
    hi,
    svc,
    t0,
  };
}

/**
 * Travel and total lateness of a full route (head, free nodes…, tail).
 *
 * @example
 * const inst = makeInstance([[0, 2, 5], [2, 0, 1], [5, 1, 0]], { start: 0, closed: false });
 * const e: RouteEval = evaluateRoute(inst, Int32Array.from([0, 1, 2, 3]));
 * e; // → { travel: 3, late: 0 } (3 is the virtual open end)
 */
export interface RouteEval {
  travel: number;
  late: number;
}

/**
 * Lateness of a route: service starts at `max(arrival, lo)`, and every arrival after `hi`
 * adds `arrival − hi` (the service then starts on arrival). The head's own lateness
 * (`t0 − hi[head]` when positive) is included. Also returns the travel, summed left to right.
 *
 * @example
 * const inst = makeInstance([[0, 4], [4, 0]], { start: 0, closed: false, timeWindows: [[0, 10], [0, 3]] });
 * evaluateRoute(inst, Int32Array.from([0, 1, 2])); // → { travel: 4, late: 1 }
 */
export function evaluateRoute(inst: SolverInstance, route: Int32Array, length = route.length): RouteEval {
  const { size, w } = inst;
  let travel = 0;
  let prev = route[0] as number;
  for (let p = 1; p < length; p++) {
    const cur = route[p] as number;
    travel += w[prev * size + cur] as number;
    prev = cur;
  }
  return { travel, late: inst.hasWindows ? routeLateness(inst, route, length, Infinity) : 0 };
}

/**
 * Total lateness of a route, stopping early (returning a value > `stopAbove`) once the running
 * sum exceeds `stopAbove`. With `stopAbove = 0` it is a feasibility test.
 *
 * @example
 * const inst = makeInstance([[0, 4], [4, 0]], { start: 0, closed: false, timeWindows: [[0, 10], [0, 3]] });
 * routeLateness(inst, Int32Array.from([0, 1, 2]), 3, Infinity); // → 1 (stop 1 reached at 4, due by 3)
 */
export function routeLateness(inst: SolverInstance, route: Int32Array, length: number, stopAbove: number): number {
  const { size, w, lo, hi, svc } = inst;
  let u = route[0] as number;
  let late = 0;
  const h = hi[u] as number;
  if (inst.t0 > h) late += inst.t0 - h;
  let t = Math.max(inst.t0, lo[u] as number);
  for (let p = 1; p < length; p++) {
    const v = route[p] as number;
    const a = t + (svc[u] as number) + (w[u * size + v] as number);
    const hv = hi[v] as number;
    if (a > hv) {
      late += a - hv;
      if (late > stopAbove) return late;
      t = a;
    } else {
      const l = lo[v] as number;
      t = a > l ? a : l;
    }
    u = v;
  }
  return late;
}

/** The table of {@link timeLowerBounds}, kept from one search to the next. */
const timeBounds = new Scratch();

/**
 * All-pairs lower bounds on the time from the start of service at `i` to the arrival at `j`
 * (shortest paths over arc weights `svc[i] + w[i][j]`, Floyd–Warshall, without arcs out of the
 * tail or into the head). Used to prune labels
 * that can no longer reach an unvisited node within its window.
 *
 * @example
 * const inst = makeInstance([[0, 1, 9, 9], [1, 0, 1, 9], [9, 1, 0, 1], [9, 9, 1, 0]], { start: 0, end: 3, closed: false });
 * timeLowerBounds(inst)[0 * inst.size + 2]; // → 2 (0 → 1 → 2; no service times)
 */
export function timeLowerBounds(inst: SolverInstance): Float64Array {
  const { size, w, svc, head, tail } = inst;
  const unused = inst.virtualTail ? -1 : size - 1; // the virtual node is not part of a fixed-end path
  const d = timeBounds.f64(size * size, 0);
  for (let i = 0; i < size; i++) {
    const s = svc[i] as number;
    for (let j = 0; j < size; j++) {
      // A route never leaves its tail nor re-enters its head: leaving those arcs out keeps the
      // bounds tight (the virtual node's zero arcs would otherwise be free shortcuts).
      d[i * size + j] =
        i === j ? 0 : i === tail || j === head || i === unused || j === unused ? Infinity : s + (w[i * size + j] as number);
    }
  }
  for (let k = 0; k < size; k++) {
    // no path goes on from the tail, comes back into the head or uses the unused node: no change
    if (k === tail || k === head || k === unused) continue;
    const rk = k * size;
    for (let i = 0; i < size; i++) {
      const ri = i * size;
      const dik = d[ri + k] as number;
      if (dik === Infinity) continue;
      for (let j = 0; j < size; j++) {
        const alt = dik + (d[rk + j] as number);
        if (alt < (d[ri + j] as number)) d[ri + j] = alt;
      }
    }
  }
  return d;
}
