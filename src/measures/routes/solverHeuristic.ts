/**
 * Heuristic solver behind `bestOrder` for instances beyond the exact size: several
 * constructions (nearest neighbour; with time windows also earliest-deadline, earliest-opening
 * and earliest-start orders), each improved by 2-opt + Or-opt local search, then iterated local
 * search from the best with deterministic (seeded) double-bridge perturbations.
 *
 * The local search is driven by 8-nearest-neighbour lists with a queue of "dirty" nodes
 * (don't-look bits). With time windows the schedule of the current route is cached, so a
 * candidate move only re-walks the positions it changes and the following ones until the
 * service start times meet the cached ones again; a perturbation draws up to four double
 * bridges and keeps the first that stays on time.
 *
 * The objective is lexicographic: total lateness first (0 for a feasible route), then travel.
 * Asymmetric costs are handled exactly (the cost of a reversed segment is read from prefix sums
 * of the backward arcs).
 *
 * @module
 */

import { evaluateRoute, type SolverInstance } from './solverInstance.js';
import type { ExactRoute } from './solverExact.js';
import { earliestStart, nearestNeighbour, sortedBy } from './heuristicConstruct.js';
import { RouteSearch } from './heuristicSearch.js';
import { KickMemo } from './kickMemo.js';

/**
 * Budget and seed of {@link heuristicRoute}.
 *
 * @example
 * const o: HeuristicOptions = { seed: 1, timeLimitMs: 1000 };
 */
export interface HeuristicOptions {
  /** Seed of the perturbations (any number; same seed → same result). */
  seed: number;
  /** Wall-clock safety cap; the run stops early (and may then differ between machines) past it. */
  timeLimitMs: number;
  /** Iterated-local-search rounds; default `defaultIterations(free count, windows)`. */
  iterations?: number | undefined;
  /**
   * Quick bound only: local search on the best construction alone, no perturbation rounds
   * (used to bound the exact DP).
   */
  quick?: boolean | undefined;
}

/**
 * Default number of iterated-local-search rounds for `m` free nodes: `clamp(20·m, 100, 3000)`
 * without windows, `clamp(8·m, 60, 1000)` with windows (where a candidate move may need a
 * schedule walk).
 *
 * @example
 * defaultIterations(20, false);  // → 400
 * defaultIterations(200, false); // → 3000
 * defaultIterations(20, true);   // → 160
 */
export function defaultIterations(m: number, windows: boolean): number {
  return windows ? Math.min(1000, Math.max(60, 8 * m)) : Math.min(3000, Math.max(100, 20 * m));
}

/** The search and the start routes' buffers, kept from one heuristic run to the next (none runs inside another). */
const kept = { search: null as RouteSearch | null, memo: new KickMemo(), starts: [new Int32Array(16), new Int32Array(16), new Int32Array(16), new Int32Array(16)], best: new Int32Array(16) };

/** Kept start route `i`, exactly `n` nodes long (a view of its kept buffer). */
function startRoute(i: number, n: number): Int32Array {
  if (kept.starts[i]!.length < n) kept.starts[i] = new Int32Array(Math.max(n, 2 * kept.starts[i]!.length));
  return kept.starts[i]!.subarray(0, n);
}

/** (late, travel) is no worse than (bestLate, bestTravel), within eps: {@link RouteSearch.noWorseThan} of a kept outcome. */
function noWorse(late: number, travel: number, bestLate: number, bestTravel: number, eps: number): boolean {
  if (late < bestLate - eps) return true;
  if (late > bestLate + eps) return false;
  return travel <= bestTravel + eps;
}

/** Whether two routes of one length are the same. */
function same(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Mulberry32: a small, fast, seedable generator of numbers in [0, 1), the same on every platform:
 * what draws the heuristic's kicks (`heuristicRoute`).
 *
 * @example
 * const rand = prng(7);
 * rand(); // → the same number on every run with seed 7
 */
export function prng(seed: number): () => number {
  let a = (Math.floor(seed * 2654435761) ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Heuristic best route (head, free nodes…, tail) minimising total lateness, then travel.
 * Deterministic for a given seed unless `timeLimitMs` cuts the run short.
 *
 * @example
 * const cost = [[0, 2, 3, 4], [2, 0, 1, 2], [3, 1, 0, 1], [4, 2, 1, 0]];
 * const r = heuristicRoute(makeInstance(cost, { start: 0, closed: true }), { seed: 1, timeLimitMs: 1000 });
 * Array.from(r.route); // → [0, 2, 3, 1, 4] (4 is the virtual return to 0); r.travel → 8
 */
export function heuristicRoute(inst: SolverInstance, options: HeuristicOptions): ExactRoute {
  const started = performance.now();
  const deadline = started + options.timeLimitMs;
  const m = inst.free.length;
  let maxAbs = 0;
  const w = inst.w;
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    if (Number.isFinite(x) && Math.abs(x) > maxAbs) maxAbs = Math.abs(x);
  }
  const eps = 1e-9 * Math.max(1, maxAbs);

  const n = m + 2;
  const starts: Int32Array[] = [nearestNeighbour(inst, startRoute(0, n))];
  if (inst.hasWindows) {
    starts.push(sortedBy(inst, inst.hi, inst.lo, startRoute(1, n)));
    starts.push(sortedBy(inst, inst.lo, inst.hi, startRoute(2, n)));
    starts.push(earliestStart(inst, startRoute(3, n)));
  }
  let count = starts.length;
  if (options.quick === true) {
    // Only the best construction gets the local search.
    let pick = starts[0] as Int32Array;
    let pe = evaluateRoute(inst, pick);
    for (const st of starts) {
      const e = evaluateRoute(inst, st);
      if (e.late < pe.late - eps || (e.late <= pe.late + eps && e.travel < pe.travel - eps)) {
        pick = st;
        pe = e;
      }
    }
    starts[0] = pick;
    count = 1;
  }
  if (kept.best.length < n) kept.best = new Int32Array(Math.max(n, 2 * kept.best.length));
  const best = kept.best.subarray(0, n);
  let s: RouteSearch | null = null;
  let bestLate = Infinity;
  let bestTravel = Infinity;
  for (let i = 0; i < count; i++) {
    if (s === null) {
      // the kept search, started over on this instance
      if (kept.search === null) kept.search = new RouteSearch(inst, starts[i]!, eps);
      else kept.search.reset(inst, starts[i]!, eps);
      s = kept.search;
    } else s.load(starts[i]!);
    s.pushAll();
    s.localSearch(deadline);
    if (i === 0 || s.betterThan(bestLate, bestTravel)) {
      best.set(s.r);
      bestLate = s.late;
      bestTravel = s.travel;
    }
  }
  s = s as RouteSearch;
  // (one start: its local optimum is the best route already)
  if (count > 1) s.load(best);
  if (m >= 3 && options.quick !== true) {
    const rand = prng(options.seed * 31 + m);
    const iterations = options.iterations ?? defaultIterations(m, inst.hasWindows);
    // Each round starts from the best route: a kick drawn again from the same best route ends
    // where it ended before (kept in the memo).
    const memo = kept.memo;
    memo.clear(n);
    memo.from(best);
    for (let it = 0; it < iterations; it++) {
      if ((it & 7) === 7 && performance.now() > deadline) break;
      const key = s.drawKick(rand);
      const slot = memo.find(key);
      if (slot >= 0) {
        // the route is still the best one when the outcome is worse
        if (!noWorse(memo.late[slot]!, memo.travel[slot]!, bestLate, bestTravel, eps)) continue;
        s.load(memo.route(slot));
      } else {
        s.applyKick();
        if (s.localSearch(deadline)) memo.put(key, s.r, s.late, s.travel);
      }
      if (s.noWorseThan(bestLate, bestTravel)) {
        const moved = !same(best, s.r);
        best.set(s.r);
        if (moved) memo.from(best);
        bestLate = s.late;
        bestTravel = s.travel;
      } else {
        s.load(best);
      }
    }
  }
  // every round ends on the best route (loaded, kept, or left as it was)
  return { route: s.r.slice(), travel: s.travel, late: s.late };
}
