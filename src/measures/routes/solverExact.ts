/**
 * Exact solvers behind `bestOrder`: Held–Karp dynamic programming over subsets without time
 * windows, and a label-setting DP over (subset, last) states with Pareto sets of labels when
 * time windows are in force (the latter in `./exactLabelDp.ts`).
 *
 * @module
 */

import type { SolverInstance } from './solverInstance.js';
import { Scratch } from './scratch.js';

/** The tables of {@link heldKarp} and {@link completionBounds}, kept from one search to the next. */
const heldKarpTable = new Scratch(), heldKarpArcs = new Scratch(), completionTable = new Scratch(), completionArcs = new Scratch();

/**
 * Largest number of free nodes (stops other than the fixed first and last) for which
 * {@link heldKarp} is run: its table holds `2^m · m` doubles (≈ 38 MB at m = 18).
 *
 * @example
 * HELD_KARP_MAX_FREE; // → 18
 */
export const HELD_KARP_MAX_FREE = 18;

/**
 * An exact route: head, free nodes in order, tail.
 *
 * @example
 * const r: ExactRoute = { route: Int32Array.from([0, 2, 1, 3]), travel: 7, late: 0 };
 * r.route.length; // → 4
 */
export interface ExactRoute {
  route: Int32Array;
  travel: number;
  late: number;
}

/**
 * Held–Karp: the minimum-travel route over all orders of the free nodes, ignoring time windows.
 * `dp[S][j]` is the least travel from the head through exactly the free nodes in `S`, ending at
 * `j ∈ S`; the answer is `min_j dp[all][j] + w[j][tail]`. Time `O(2^m · m²)`, memory
 * `O(2^m · m)`. The route is recovered by walking back through the table (the stored minima are
 * reproduced exactly by the same floating-point sums).
 *
 * @example
 * // Path 0 → {1, 2} → 3 (3 = fixed end):
 * const inst = makeInstance([[0, 1, 9, 9], [1, 0, 1, 9], [9, 1, 0, 1], [9, 9, 1, 0]], { start: 0, end: 3, closed: false });
 * const r = heldKarp(inst);
 * Array.from(r.route); // → [0, 1, 2, 3]
 * r.travel;            // → 3
 */
export function heldKarp(inst: SolverInstance): ExactRoute {
  const { size, w, head, tail, free } = inst;
  const m = free.length;
  if (m === 0) {
    return { route: Int32Array.from([head, tail]), travel: w[head * size + tail] as number, late: 0 };
  }
  const full = (1 << m) - 1;
  const dp = heldKarpTable.f64((full + 1) * m, Infinity);
  // Local m × m matrix between free nodes, then the head's arcs (at m² + a) and the tail's (at m² + m + a): better cache behaviour.
  const c = heldKarpArcs.f64(m * m + 2 * m, 0);
  const fromHead = m * m, toTail = m * m + m;
  for (let a = 0; a < m; a++) {
    const fa = free[a] as number;
    c[fromHead + a] = w[head * size + fa] as number;
    c[toTail + a] = w[fa * size + tail] as number;
    for (let b = 0; b < m; b++) c[a * m + b] = w[fa * size + (free[b] as number)] as number;
  }
  for (let j = 0; j < m; j++) dp[(1 << j) * m + j] = c[fromHead + j] as number;
  // dp[S ∪ {k}][k] = min over j ∈ S of dp[S][j] + c[j][k] (a minimum: the same whatever the order)
  for (let mask = 1; mask < full; mask++) {
    const row = mask * m;
    const out = full & ~mask;
    for (let inS = mask; inS !== 0; inS &= inS - 1) {
      const j = 31 - Math.clz32(inS & -inS);
      const base = dp[row + j] as number;
      if (base === Infinity) continue;
      const cj = j * m;
      for (let rest = out; rest !== 0; rest &= rest - 1) {
        const bit = rest & -rest;
        const k = 31 - Math.clz32(bit);
        const idx = (mask | bit) * m + k;
        const v = base + (c[cj + k] as number);
        if (v < (dp[idx] as number)) dp[idx] = v;
      }
    }
  }
  let best = Infinity;
  let last = 0;
  const fullRow = full * m;
  for (let j = 0; j < m; j++) {
    const v = (dp[fullRow + j] as number) + (c[toTail + j] as number);
    if (v < best) {
      best = v;
      last = j;
    }
  }
  const route = new Int32Array(m + 2);
  route[0] = head;
  route[m + 1] = tail;
  let mask = full;
  let j = last;
  for (let p = m; p >= 1; p--) {
    route[p] = free[j] as number;
    const val = dp[mask * m + j] as number;
    const prevMask = mask & ~(1 << j);
    if (prevMask === 0) break;
    let found = -1;
    for (let i = 0; i < m; i++) {
      if ((prevMask & (1 << i)) === 0) continue;
      if ((dp[prevMask * m + i] as number) + (c[i * m + j] as number) === val) {
        found = i;
        break;
      }
    }
    /* c8 ignore next */
    if (found < 0) throw new Error('heldKarp: broken back-pointer chain');
    mask = prevMask;
    j = found;
  }
  return { route, travel: best, late: 0 };
}

/**
 * Largest number of free nodes for which {@link completionBounds} is computed (its table holds
 * `2^m · m` doubles and takes `O(2^m · m²)` time, ≈ 1.4 M steps at m = 13).
 *
 * @example
 * COMPLETION_BOUND_MAX_FREE; // → 13
 */
export const COMPLETION_BOUND_MAX_FREE = 13;

/**
 * Backward Held–Karp ignoring time windows: `g[U · m + j]` is the least travel from free node
 * `j` through all free nodes of the set `U` (j ∉ U) to the tail. It is a lower bound on the
 * travel still needed from any label at `(S, j)` with `U` = the unvisited free nodes, and
 * `route` is an optimal route without windows (so, when it happens to be on time, it is optimal
 * with windows too).
 *
 * @example
 * const inst = makeInstance([[0, 1, 9, 9], [1, 0, 1, 9], [9, 1, 0, 1], [9, 9, 1, 0]], { start: 0, end: 3, closed: false });
 * const { g, route } = completionBounds(inst);
 * g[0b10 * 2 + 0]; // → 2 (from stop 1 through stop 2 to the end 3)
 * Array.from(route); // → [0, 1, 2, 3]
 */
export function completionBounds(inst: SolverInstance): { g: Float64Array; route: Int32Array; travel: number } {
  const { size, w, head, tail, free } = inst;
  const m = free.length;
  const full = (1 << m) - 1;
  const g = completionTable.f64((full + 1) * m, Infinity);
  const c = completionArcs.f64(m * m, 0);
  for (let a = 0; a < m; a++) {
    const fa = free[a] as number;
    g[a] = w[fa * size + tail] as number; // U = ∅
    for (let b = 0; b < m; b++) c[a * m + b] = w[fa * size + (free[b] as number)] as number;
  }
  // g[U][j] = min over k ∈ U of c[j][k] + g[U \ {k}][k] (a minimum: the same whatever the order)
  for (let u = 1; u <= full; u++) {
    const row = u * m;
    for (let outU = full & ~u; outU !== 0; outU &= outU - 1) {
      const j = 31 - Math.clz32(outU & -outU);
      let best = Infinity;
      const cj = j * m;
      for (let inU = u; inU !== 0; inU &= inU - 1) {
        const bit = inU & -inU;
        const k = 31 - Math.clz32(bit);
        const v = (c[cj + k] as number) + (g[(u ^ bit) * m + k] as number);
        if (v < best) best = v;
      }
      g[row + j] = best;
    }
  }
  // Optimal route without windows, read forwards from the table.
  const route = new Int32Array(m + 2);
  route[0] = head;
  route[m + 1] = tail;
  let travel = Infinity;
  let j = -1;
  for (let k = 0; k < m; k++) {
    const v = (w[head * size + (free[k] as number)] as number) + (g[(full ^ (1 << k)) * m + k] as number);
    if (v < travel) {
      travel = v;
      j = k;
    }
  }
  let u = full ^ (1 << j);
  for (let p = 1; p <= m; p++) {
    route[p] = free[j] as number;
    if (u === 0) break;
    const target = g[u * m + j] as number;
    let next = -1;
    for (let k = 0; k < m && next < 0; k++) {
      const bit = 1 << k;
      if ((u & bit) !== 0 && (c[j * m + k] as number) + (g[(u ^ bit) * m + k] as number) === target) next = k;
    }
    /* c8 ignore next */
    if (next < 0) throw new Error('completionBounds: broken chain');
    u ^= 1 << next;
    j = next;
  }
  return { g, route, travel };
}
