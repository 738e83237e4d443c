/**
 * Best visiting order of one staff member's stops for a day: a travelling-salesman path or
 * tour, optionally with time windows and service times. Exact (dynamic programming) up to
 * `exactUpTo` stops, a strong local-search heuristic beyond.
 *
 * @module
 */

import { KontinuitetError } from '../../errors.js';
import {
  COMPLETION_BOUND_MAX_FREE,
  HELD_KARP_MAX_FREE,
  completionBounds,
  heldKarp,
  type ExactRoute,
} from './solverExact.js';
import { labelDp } from './exactLabelDp.js';
import { heuristicRoute } from './solverHeuristic.js';
import { evaluateRoute, makeInstance, matrixInstance, type SolverInstance } from './solverInstance.js';

/**
 * Options of {@link bestOrder}. All times are in the units of the cost matrix.
 *
 * - `start`: index of the fixed first stop (default 0).
 * - `end`: index of the fixed last stop. Default: none — an open path that may end anywhere.
 *   Ignored when `closed`. An `end` equal to `start` means a closed tour.
 * - `closed`: a tour that returns to `start` (default false). The order does not repeat the
 *   start; the cost includes the return leg. With time windows, the return must arrive no later
 *   than the start's window upper bound (the start's window is the working day, as in the
 *   TSPTW literature).
 * - `timeWindows`: per stop `[lo, hi]`, bounds on the start of service. Service starts at
 *   `max(arrival, lo)` (waiting is allowed); arriving after `hi` is infeasible. `lo` may be
 *   `-Infinity` and `hi` `Infinity`.
 * - `service`: per stop, the service duration added before travelling on (default 0). Only
 *   matters with time windows.
 * - `startTime`: time at the start stop (default: its window's lower bound, or 0).
 * - `exactUpTo`: solve exactly when there are at most this many stops (default 12). Without
 *   time windows the exact DP needs `2^m·m` doubles for `m` free stops and is not run above
 *   m = 18 (19 stops for an open path or tour, 20 with a fixed end); with time windows it is run
 *   with a label budget (`exactLabels`) and falls back to the heuristic past it.
 * - `exactLabels`: the budget of the exact search with time windows: the labels (partial routes)
 *   each pass of its label DP may keep (default 2,000,000, about a second; a pass may look at four
 *   times as many). Past it the heuristic's order is returned, with `exact: false`. Deterministic:
 *   the same on every machine.
 * - `quick`: the quick heuristic only (default false): no exact search, whatever `exactUpTo`, and
 *   no perturbation rounds: the best construction improved by 2-opt and Or-opt. About 0.1 ms for
 *   a day of 15 stops; `exact: false` unless there is at most one stop to place.
 * - `onTimeOnly`: only an order on time is wanted (default false; with time windows). At any
 *   size (not with `quick`), the label DP tries to prove that none is (at most 50,000 labels, or
 *   `exactLabels`): before the heuristic; in the exact search only once the quick heuristic's
 *   order is late (an order on time disproves it). When it does, the stops are returned in their
 *   given order with `feasible: false` and `exact: true`, and the least-late order is not
 *   searched. Otherwise the search goes on as without it (same result). An over-full day of
 *   13–30 stops is proven so in ~0.2 ms, against ~8 ms for the heuristic's least-late order.
 * - `seed`: seed of the heuristic's perturbations (default 1). Same inputs and seed → same
 *   result.
 * - `timeLimitMs`: wall-clock safety cap of the heuristic (default 1000 ms). The heuristic's
 *   work is a fixed number of rounds that normally ends far sooner (see the notes on
 *   {@link bestOrder}); only a run cut short by this cap can differ between machines.
 *
 * @example
 * const opts: BestOrderOptions = { start: 0, closed: true };
 * bestOrder([[0, 1, 2], [1, 0, 1], [2, 1, 0]], opts).cost; // → 4
 */
export interface BestOrderOptions {
  start?: number;
  end?: number;
  closed?: boolean;
  timeWindows?: [number, number][];
  service?: number[];
  startTime?: number;
  exactUpTo?: number;
  exactLabels?: number;
  quick?: boolean;
  onTimeOnly?: boolean;
  seed?: number;
  timeLimitMs?: number;
}

/**
 * Result of {@link bestOrder}.
 *
 * - `order`: every stop index once, starting with `start` (and ending with `end` if given).
 * - `cost`: total travel along `order` (for a closed tour including the return leg); service
 *   and waiting are not included.
 * - `exact`: true only when the order is proven optimal: minimum travel among feasible orders,
 *   or, when `feasible` is false, proven infeasible and minimal in total lateness, then travel
 *   (with `onTimeOnly`: proven infeasible, the order not searched).
 * - `feasible`: false when the order arrives somewhere after a window's upper bound. With
 *   `exact` true no feasible order exists; with `exact` false the heuristic found none.
 *
 * @example
 * const r: BestOrderResult = bestOrder([[0, 5], [5, 0]]);
 * r; // → { order: [0, 1], cost: 5, exact: true, feasible: true }
 */
export interface BestOrderResult {
  order: number[];
  cost: number;
  exact: boolean;
  feasible: boolean;
}

/**
 * Stops up to which {@link bestOrder} solves exactly by default.
 *
 * @example
 * DEFAULT_EXACT_UP_TO; // → 12
 */
export const DEFAULT_EXACT_UP_TO = 12;
const DEFAULT_TIME_LIMIT_MS = 1000;
/**
 * Labels a pass of {@link bestOrder}'s exact search with time windows may keep by default.
 *
 * @example
 * DEFAULT_EXACT_LABELS; // → 2000000
 */
export const DEFAULT_EXACT_LABELS = 2_000_000;

/**
 * Free stops past which the exact search with `onTimeOnly` tries the proof (after the quick route)
 * before the windowless table: the table grows as `2^m · m²`, and over-full days, where the proof
 * succeeds, need no table.
 */
const PROOF_FIRST_ABOVE = 6;

/** Labels of {@link bestOrder}'s proof that no order is on time (`onTimeOnly`). */
const PROOF_LABELS = 50_000;

function bad(message: string, details: Record<string, unknown> = {}): never {
  throw new KontinuitetError('BAD_OPTION', message, details);
}

function checkIndex(name: string, v: unknown, n: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
    bad(`bestOrder: ${name} must be an integer stop index in [0, ${n - 1}]`, { option: name });
  }
  return v;
}

function validate(cost: readonly (readonly number[])[], options: BestOrderOptions): void {
  if (!Array.isArray(cost)) bad('bestOrder: cost must be an array of rows');
  const n = cost.length;
  for (let i = 0; i < n; i++) {
    const row = cost[i];
    if (!Array.isArray(row) || row.length !== n) {
      bad('bestOrder: cost must be a square matrix (n rows of n numbers)', { row: i });
    }
    for (let j = 0; j < n; j++) {
      const x = row[j];
      if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
        bad('bestOrder: costs must be finite non-negative numbers', { row: i, column: j });
      }
    }
  }
  const { timeWindows, service, startTime, exactUpTo, seed, timeLimitMs } = options;
  if (timeWindows !== undefined) {
    if (!Array.isArray(timeWindows) || timeWindows.length !== n) {
      bad('bestOrder: timeWindows must have one [lo, hi] pair per stop', { option: 'timeWindows' });
    }
    for (let i = 0; i < n; i++) {
      const tw = timeWindows[i];
      if (!Array.isArray(tw) || tw.length !== 2) bad('bestOrder: each time window must be [lo, hi]', { stop: i });
      const [lo, hi] = tw;
      if (typeof lo !== 'number' || typeof hi !== 'number' || Number.isNaN(lo) || Number.isNaN(hi)) {
        bad('bestOrder: time window bounds must be numbers', { stop: i });
      }
      if (lo > hi || lo === Infinity || hi === -Infinity) {
        bad('bestOrder: a time window needs lo ≤ hi (lo may be -Infinity, hi Infinity)', { stop: i });
      }
    }
  }
  if (service !== undefined) {
    if (!Array.isArray(service) || service.length !== n) {
      bad('bestOrder: service must have one duration per stop', { option: 'service' });
    }
    for (let i = 0; i < n; i++) {
      const s = service[i];
      if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) {
        bad('bestOrder: service durations must be finite non-negative numbers', { stop: i });
      }
    }
  }
  if (startTime !== undefined && (typeof startTime !== 'number' || !Number.isFinite(startTime))) {
    bad('bestOrder: startTime must be a finite number', { option: 'startTime' });
  }
  if (exactUpTo !== undefined && (typeof exactUpTo !== 'number' || Number.isNaN(exactUpTo) || exactUpTo < 0)) {
    bad('bestOrder: exactUpTo must be a non-negative number', { option: 'exactUpTo' });
  }
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) {
    bad('bestOrder: seed must be a finite number', { option: 'seed' });
  }
  if (timeLimitMs !== undefined && (typeof timeLimitMs !== 'number' || Number.isNaN(timeLimitMs) || timeLimitMs <= 0)) {
    bad('bestOrder: timeLimitMs must be a positive number', { option: 'timeLimitMs' });
  }
  if (options.closed !== undefined && typeof options.closed !== 'boolean') {
    bad('bestOrder: closed must be a boolean', { option: 'closed' });
  }
  if (options.quick !== undefined && typeof options.quick !== 'boolean') {
    bad('bestOrder: quick must be a boolean', { option: 'quick' });
  }
  if (options.onTimeOnly !== undefined && typeof options.onTimeOnly !== 'boolean') {
    bad('bestOrder: onTimeOnly must be a boolean', { option: 'onTimeOnly' });
  }
  const { exactLabels } = options;
  if (exactLabels !== undefined && (typeof exactLabels !== 'number' || !Number.isInteger(exactLabels) || exactLabels < 0)) {
    bad('bestOrder: exactLabels must be a whole number ≥ 0', { option: 'exactLabels' });
  }
}

/**
 * Checks the flat n × n matrix `m` as {@link bestOrder} checks its rows: the same error for the
 * first entry that is not a finite number ≥ 0 (so that {@link bestOrderOfMatrix} of a bad model's
 * travel fails as {@link bestOrder} did), nothing copied.
 *
 * @example
 * checkMatrix(Float64Array.of(0, 1, NaN, 0), 2); // throws KontinuitetError BAD_OPTION (row 1, column 0)
 */
export function checkMatrix(m: Float64Array, n: number): void {
  for (let i = 0; i < n * n; i++) {
    const x = m[i] as number;
    if (!Number.isFinite(x) || x < 0) {
      bad('bestOrder: costs must be finite non-negative numbers', { row: Math.floor(i / n), column: i % n });
    }
  }
}

/**
 * Exact optimum with time windows, `'none'` when `proveNone` and the label DP proves that no order
 * is on time (see {@link noneOnTime}), or null when the label DP ran out of budget (`labels` a
 * pass). Up to 13 free stops a backward Held–Karp table (windows ignored) gives the windowless
 * optimum — returned at once when it happens to be on time — and a lower bound on the travel left
 * from any state. A quick heuristic route (the best construction + local search, no perturbation
 * rounds) bounds the DP: when it is feasible, labels that cannot beat its travel are pruned;
 * otherwise the DP first proves that no feasible route exists and then searches the least-late
 * route, pruning labels that cannot beat its lateness. When the bounded DP finds nothing strictly
 * better, the bounding route is optimal. With `proveNone` the proof is tried only once the quick
 * route is late (an order on time, the windowless optimum or the quick route, disproves it); past
 * {@link PROOF_FIRST_ABOVE} free stops the quick route and the proof come before the table.
 */
function exactWithWindows(inst: SolverInstance, heuristicOptions: { seed: number; timeLimitMs: number }, labels: number, proveNone: boolean): ExactRoute | 'none' | null {
  const quick = (): ExactRoute => heuristicRoute(inst, { seed: heuristicOptions.seed, timeLimitMs: heuristicOptions.timeLimitMs, quick: true });
  let ub: ExactRoute | null = null;
  // a day of many stops tries the proof before the table (which then costs more than the quick route)
  const proofFirst = proveNone && inst.free.length > PROOF_FIRST_ABOVE;
  if (proofFirst) {
    ub = quick();
    if (ub.late > 0 && noneOnTime(inst, labels)) return 'none';
  }
  let completion: Float64Array | undefined;
  if (inst.free.length <= COMPLETION_BOUND_MAX_FREE) {
    const cb = completionBounds(inst);
    // The optimum without windows, if on time, is the optimum with windows.
    const plain = evaluateRoute(inst, cb.route);
    if (plain.late === 0) return { route: cb.route, travel: plain.travel, late: 0 };
    completion = cb.g;
  }
  ub ??= quick();
  if (proveNone && !proofFirst && ub.late > 0 && noneOnTime(inst, labels)) return 'none';
  if (ub.late === 0) {
    const f = labelDp(inst, 'feasible', labels, ub, completion);
    return f.aborted ? null : (f.best ?? ub);
  }
  const f = labelDp(inst, 'feasible', labels);
  if (f.aborted) return null;
  if (f.best !== null) return f.best;
  const l = labelDp(inst, 'lateness', labels, ub);
  return l.aborted ? null : (l.best ?? ub);
}

/** Whether the label DP proves, within its budget (at most {@link PROOF_LABELS}), that no order is on time. */
function noneOnTime(inst: SolverInstance, labels: number): boolean {
  const proof = labelDp(inst, 'feasible', Math.min(labels, PROOF_LABELS));
  return !proof.aborted && proof.best === null;
}

/**
 * The best order in which to visit all stops of a day.
 *
 * Minimises the total travel `Σ cost[order[t]][order[t+1]]` (plus `cost[last][start]` for a
 * closed tour) over all orders that start at `start`, end at `end` when given, and — with time
 * windows — are feasible: service at each stop starts at `max(arrival, lo)` and no arrival is
 * after `hi` (arrival = previous service start + its service duration + travel). `cost` may be
 * asymmetric.
 *
 * When no feasible order exists (`feasible: false`), the returned order is a best effort that
 * minimises the **total lateness** `Σ max(0, arrival − hi)` (a late service starts on arrival),
 * ties broken by travel.
 *
 * How it is solved:
 * - up to `exactUpTo` stops (default 12): exactly. Without windows by Held–Karp dynamic
 *   programming over subsets; with windows by a label-setting DP over (visited set, last stop)
 *   keeping the Pareto set of (travel, time) labels — and (lateness, travel, time) labels to
 *   find the least-late order when none is feasible. `exact: true`.
 * - beyond (or past the exact search's budget `exactLabels`): nearest-neighbour (with windows
 *   also earliest-deadline, earliest-opening, earliest-start) constructions, 2-opt + Or-opt local
 *   search, then iterated local search with seeded double-bridge perturbations for
 *   `clamp(20·m, 100, 3000)` rounds without windows and `clamp(8·m, 60, 1000)` with windows, `m`
 *   the number of free stops. `exact: false`, and with windows `feasible: false` then means that
 *   no on-time order was found (not a proof).
 * - `quick: true`: the best construction and its local search only, for every size.
 *
 * Typical CPU time per call (see `test/routes/bestOrder.bench.test.ts`): ≤ 12 stops (exact)
 * about 1 ms without windows and 1–10 ms with windows (the upper end for over-full days with
 * narrow windows, where the least-late order has to be proven); 13–30 stops (heuristic)
 * 5–30 ms, up to ~70 ms for an over-full 30-stop day with windows; 100 stops about 0.1 s.
 *
 * An empty matrix gives `{ order: [], cost: 0, exact: true, feasible: true }`. Bad input throws
 * a `KontinuitetError` with code `BAD_OPTION`.
 *
 * @param cost `cost[i][j]` is the travel from stop i to stop j (finite, ≥ 0; the diagonal is
 *   used only for a one-stop closed tour).
 * @param options See {@link BestOrderOptions}.
 *
 * @example
 * // Four stops on a line at x = 0, 10, 3, 7; cost = distance.
 * const x = [0, 10, 3, 7];
 * const cost = x.map((a) => x.map((b) => Math.abs(a - b)));
 * bestOrder(cost);                 // → { order: [0, 2, 3, 1], cost: 10, exact: true, feasible: true }
 * bestOrder(cost, { end: 3 });     // → { order: [0, 2, 1, 3], cost: 13, exact: true, feasible: true }
 * bestOrder(cost, { closed: true }); // → { order: [0, 2, 3, 1], cost: 20, exact: true, feasible: true }
 * // Stop 1 (x = 10) must be reached by time 10 and stop 2 (x = 3) opens at 12: the shortest
 * // order [0, 2, 3, 1] would wait at stop 2 and reach stop 1 at 19, too late.
 * bestOrder(cost, { timeWindows: [[0, 0], [0, 10], [12, 99], [0, 99]] });
 * // → { order: [0, 3, 1, 2], cost: 17, exact: true, feasible: true }
 */
export function bestOrder(cost: number[][], options: BestOrderOptions = {}): BestOrderResult {
  validate(cost, options);
  const n = cost.length;
  if (n === 0) return { order: [], cost: 0, exact: true, feasible: true };
  const start = options.start === undefined ? 0 : checkIndex('start', options.start, n);
  let end = options.end === undefined || options.closed === true ? undefined : checkIndex('end', options.end, n);
  let closed = options.closed === true;
  if (end !== undefined && end === start) {
    closed = true;
    end = undefined;
  }
  const inst = makeInstance(cost, {
    start,
    end,
    closed,
    timeWindows: options.timeWindows,
    service: options.service,
    startTime: options.startTime,
  });
  return solve(inst, options);
}

/**
 * Options of {@link bestOrderOfMatrix}: those of {@link BestOrderOptions} (each may be given as
 * undefined: its default) but the windows' bounds and the service durations as arrays of (at
 * least) one number per stop.
 *
 * @example
 * const o: MatrixOrderOptions = { start: 0, closed: true, lo: Float64Array.of(0, 5), hi: Float64Array.of(99, 9) };
 */
export interface MatrixOrderOptions extends SolveOptions {
  start?: number | undefined;
  end?: number | undefined;
  closed?: boolean | undefined;
  startTime?: number | undefined;
  lo?: Float64Array | undefined;
  hi?: Float64Array | undefined;
  service?: Float64Array | undefined;
}

/** The options {@link solve} reads (see {@link BestOrderOptions}). */
interface SolveOptions {
  exactUpTo?: number | undefined;
  exactLabels?: number | undefined;
  quick?: boolean | undefined;
  onTimeOnly?: boolean | undefined;
  seed?: number | undefined;
  timeLimitMs?: number | undefined;
}

/**
 * {@link bestOrder} of the flat n × n matrix `m` (`m[i * n + j]`, the travel from stop i to j), for
 * the library's own callers: nothing is checked (the matrix and options must be as
 * {@link bestOrder} requires), nothing copied but into arrays kept for the next search; the
 * same result as {@link bestOrder} of the same matrix as rows, with windows `[lo[i], hi[i]]`.
 *
 * @example
 * bestOrderOfMatrix(Float64Array.of(0, 1, 2, 1, 0, 1, 2, 1, 0), 3, { start: 0, closed: true }).cost; // → 4
 */
export function bestOrderOfMatrix(m: Float64Array, n: number, options: MatrixOrderOptions): BestOrderResult {
  if (n === 0) return { order: [], cost: 0, exact: true, feasible: true };
  const start = options.start ?? 0;
  let end = options.closed === true ? undefined : options.end;
  let closed = options.closed === true;
  if (end !== undefined && end === start) {
    closed = true;
    end = undefined;
  }
  const inst = matrixInstance(m, n, { start, end, closed, lo: options.lo, hi: options.hi, service: options.service, startTime: options.startTime });
  return solve(inst, options);
}

/** The best order of a checked instance (see {@link bestOrder}). */
function solve(inst: SolverInstance, options: SolveOptions): BestOrderResult {
  const n = inst.stops;
  const m = inst.free.length;
  const exactUpTo = options.quick === true ? 0 : options.exactUpTo ?? DEFAULT_EXACT_UP_TO;
  const heuristicOptions = {
    seed: options.seed ?? 1,
    timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
  };

  let found: ExactRoute | null = null;
  let exact = false;
  const labels = options.exactLabels ?? DEFAULT_EXACT_LABELS;
  // none on time and the least-late order not wanted: the stops as given (proven before the
  // exact search only once it has no order on time at hand; before the heuristic at once)
  const proveNone = options.onTimeOnly === true && options.quick !== true && inst.hasWindows;
  const given = (): ExactRoute => ({ route: Int32Array.from([inst.head, ...inst.free, inst.tail]), travel: 0, late: 0 });
  if (m <= 1) {
    // one order only
    found = given();
    exact = true;
  } else if (n <= exactUpTo) {
    if (!inst.hasWindows) {
      if (m <= HELD_KARP_MAX_FREE) {
        found = heldKarp(inst);
        exact = true;
      }
    } else {
      const e = exactWithWindows(inst, heuristicOptions, labels, proveNone);
      found = e === 'none' ? given() : e;
      exact = found !== null;
    }
  } else if (proveNone && noneOnTime(inst, labels)) {
    found = given();
    exact = true;
  }
  if (found === null) found = heuristicRoute(inst, { seed: heuristicOptions.seed, timeLimitMs: heuristicOptions.timeLimitMs, quick: options.quick === true });
  const route = found.route;
  const evaluated = evaluateRoute(inst, route);
  const order: number[] = [];
  for (let p = 0, to = inst.virtualTail ? route.length - 1 : route.length; p < to; p++) order.push(route[p]!);
  return { order, cost: evaluated.travel, exact, feasible: evaluated.late === 0 };
}
