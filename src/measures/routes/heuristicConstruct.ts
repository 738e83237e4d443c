/**
 * Start routes of the heuristic solver (`./solverHeuristic.ts`): nearest neighbour, a sort of
 * the free nodes by a key (deadline or opening), and the greedy earliest-start order.
 *
 * @module
 */

import type { SolverInstance } from './solverInstance.js';

export function nearestNeighbour(inst: SolverInstance): Int32Array {
  const { size, w, head, tail, free } = inst;
  const m = free.length;
  const route = new Int32Array(m + 2);
  route[0] = head;
  route[m + 1] = tail;
  const used = new Uint8Array(m);
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

export function sortedBy(inst: SolverInstance, key: (v: number) => [number, number]): Int32Array {
  const { head, tail, free } = inst;
  const list = Array.from(free);
  list.sort((x, y) => {
    const kx = key(x);
    const ky = key(y);
    if (kx[0] !== ky[0]) return kx[0] < ky[0] ? -1 : 1;
    if (kx[1] !== ky[1]) return kx[1] < ky[1] ? -1 : 1;
    return x - y;
  });
  return Int32Array.from([head, ...list, tail]);
}

/** Greedy on schedule: next is the on-time stop whose service can start soonest, else the most urgent. */
export function earliestStart(inst: SolverInstance): Int32Array {
  const { size, w, head, tail, free, lo, hi, svc } = inst;
  const m = free.length;
  const route = new Int32Array(m + 2);
  route[0] = head;
  route[m + 1] = tail;
  const used = new Uint8Array(m);
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
