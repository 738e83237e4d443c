/**
 * Start routes of the heuristic solver (`./solverHeuristic.ts`): nearest neighbour, a sort of
 * the free nodes by a key (deadline or opening), and the greedy earliest-start order. Each is
 * written into the route given (m + 2 nodes, m the free nodes).
 *
 * @module
 */

import type { SolverInstance } from './solverInstance.js';

/** Free nodes used so far (kept from one construction to the next). */
let usedKept = new Uint8Array(16);

/** The kept marks of m free nodes, all unused. */
function unused(m: number): Uint8Array {
  if (m > usedKept.length) usedKept = new Uint8Array(Math.max(m, 2 * usedKept.length));
  return usedKept.fill(0, 0, m);
}

export function nearestNeighbour(inst: SolverInstance, route: Int32Array): Int32Array {
  const { size, w, head, tail, free } = inst;
  const m = free.length;
  route[0] = head;
  route[m + 1] = tail;
  const used = unused(m);
  let u = head;
  for (let p = 1; p <= m; p++) {
    let best = -1;
    let bd = Infinity;
    for (let k = 0; k < m; k++) {
      if (used[k] === 1) continue;
      const d = w[u * size + (free[k] as number)] as number;
      if (best < 0 || d < bd) {
        bd = d;
        best = k;
      }
    }
    used[best] = 1;
    u = free[best] as number;
    route[p] = u;
  }
  return route;
}

/**
 * The free nodes by `first[v]`, then `second[v]`, then v (a total order, so the order any sort
 * gives), between the head and the tail.
 *
 * @example
 * sortedBy(inst, inst.hi, inst.lo, new Int32Array(inst.free.length + 2)); // → by deadline, then opening
 */
export function sortedBy(inst: SolverInstance, first: Float64Array, second: Float64Array, route: Int32Array): Int32Array {
  const { head, tail, free } = inst;
  const m = free.length;
  route[0] = head;
  route[m + 1] = tail;
  // an insertion sort (few nodes): v goes after every node that does not come after it
  for (let i = 0; i < m; i++) {
    const v = free[i] as number;
    let at = i + 1;
    while (at > 1) {
      const x = route[at - 1] as number;
      const fx = first[x] as number, fv = first[v] as number, sx = second[x] as number, sv = second[v] as number;
      if (!(fx !== fv ? fx > fv : sx !== sv ? sx > sv : x > v)) break;
      route[at] = x;
      at--;
    }
    route[at] = v;
  }
  return route;
}

/** Greedy on schedule: next is the on-time stop whose service can start soonest, else the most urgent. */
export function earliestStart(inst: SolverInstance, route: Int32Array): Int32Array {
  const { size, w, head, tail, free, lo, hi, svc } = inst;
  const m = free.length;
  route[0] = head;
  route[m + 1] = tail;
  const used = unused(m);
  let u = head;
  let t = Math.max(inst.t0, lo[head] as number);
  for (let p = 1; p <= m; p++) {
    let best = -1;
    let bestStart = Infinity;
    let urgent = -1;
    let urgentHi = Infinity;
    for (let k = 0; k < m; k++) {
      if (used[k] === 1) continue;
      const v = free[k] as number;
      const a = t + (svc[u] as number) + (w[u * size + v] as number);
      const hv = hi[v] as number;
      if (a <= hv) {
        const st = Math.max(a, lo[v] as number);
        if (st < bestStart) {
          bestStart = st;
          best = k;
        }
      }
      if (urgent < 0 || hv < urgentHi) {
        urgentHi = hv;
        urgent = k;
      }
    }
    const k = best >= 0 ? best : urgent;
    used[k] = 1;
    const v = free[k] as number;
    const a = t + (svc[u] as number) + (w[u * size + v] as number);
    t = Math.max(a, lo[v] as number);
    u = v;
    route[p] = v;
  }
  return route;
}
