/**
 * Label-setting DP of the exact solver (`./solverExact.ts`) for routes with time windows: states
 * (subset, last) with Pareto sets of labels, in `feasible` or `lateness` mode, with optional
 * pruning by a known route and a completion bound.
 *
 * @module
 */

import type { ExactRoute } from './solverExact.js';
import { timeLowerBounds, type SolverInstance } from './solverInstance.js';
import { LabelBuffers, candidateAfter, growF64, growI32 } from './exactLabelPool.js';
import { Scratch } from './scratch.js';

/** Arrays of {@link labelDp} kept from one search to the next. */
const kept = { minIn: new Scratch(), groups: new Scratch(), buffers: new LabelBuffers() };

/**
 * Largest number of free nodes {@link labelDp} accepts (subsets are 31-bit integers).
 *
 * @example
 * LABEL_DP_MAX_FREE; // → 30
 */
export const LABEL_DP_MAX_FREE = 30;

/**
 * What {@link labelDp} optimises.
 * - `feasible`: least travel among routes with no late arrival (labels `(travel, time)`).
 * - `lateness`: least total lateness, then least travel (labels `(lateness, travel, time)`).
 *
 * @example
 * const mode: LabelMode = 'feasible';
 */
export type LabelMode = 'feasible' | 'lateness';

/**
 * Outcome of {@link labelDp}: `aborted` when the label budget ran out (nothing proven);
 * otherwise `route` is the optimum, or `null` in `feasible` mode when no feasible route exists.
 *
 * @example
 * const out: LabelDpOutcome = { aborted: false, best: null }; // proven infeasible
 */
export type LabelDpOutcome = { aborted: true } | { aborted: false; best: ExactRoute | null };

/**
 * A known route's value, used by {@link labelDp} to prune: in `feasible` mode labels whose
 * travel plus a lower bound on the remaining travel exceeds `travel`, in `lateness` mode labels
 * whose lateness plus a lower bound on the remaining lateness exceeds `late`. The DP then
 * returns a route at least as good as the bound, or `null` when none is strictly better than it
 * (so the bounding route is optimal).
 *
 * @example
 * const ub: LabelBound = { travel: 120, late: 0 };
 */
export interface LabelBound {
  travel: number;
  late: number;
}

/**
 * Exact label-setting DP for routes with time windows (and service times).
 *
 * States are `(S, j)`: the set `S` of free nodes visited and the last one `j`. Each state keeps
 * a Pareto set of labels. In `feasible` mode a label is `(travel, time)` — `time` the start of
 * service at `j`; a label is dropped when another of the same state has no more travel and no
 * later time (waiting is allowed, so an earlier start never hurts), when it arrives late, or when
 * some unvisited node (or the tail) can no longer be reached by its window even along the
 * shortest service+travel path. In `lateness` mode labels are `(lateness, travel, time)` with
 * 3-way dominance (the future lateness is non-decreasing in time), which minimises total
 * lateness first and travel second. Both dominance rules are exact, so the result is optimal.
 *
 * Optional pruning: `bound` (a known route, see {@link LabelBound}) and `completion` (the table
 * of {@link completionBounds}, a lower bound on the travel still needed, used with `bound` in
 * `feasible` mode instead of the cheaper sum of least entering arcs).
 *
 * Layers are processed by `|S|`; candidates of a layer are bucketed by target state with a
 * counting sort and filtered per state. `maxLabels` bounds the work: past it the DP gives up
 * (`aborted`) and the caller falls back to a heuristic.
 *
 * @example
 * // Two stops after the start; stop 2 must be reached by time 1, so 0 → 2 → 1 is the only feasible order.
 * const inst = makeInstance([[0, 1, 1], [1, 0, 1], [1, 1, 0]], {
 *   start: 0, closed: false, timeWindows: [[0, 100], [0, 100], [0, 1]],
 * });
 * const out = labelDp(inst, 'feasible', 1e6);
 * out.aborted === false && Array.from(out.best!.route); // → [0, 2, 1, 3]
 */
export function labelDp(
  inst: SolverInstance,
  mode: LabelMode,
  maxLabels: number,
  bound?: LabelBound,
  completion?: Float64Array,
): LabelDpOutcome {
  const { size, w, head, tail, free, lo, hi, svc } = inst;
  const m = free.length;
  if (m > LABEL_DP_MAX_FREE) return { aborted: true };
  const feasibleMode = mode === 'feasible';
  // Pruning thresholds with a small tolerance, so that the bounding route itself is never cut
  // by rounding (sums taken in another order).
  const travelCap = feasibleMode && bound !== undefined ? bound.travel + 1e-9 * Math.max(1, Math.abs(bound.travel)) : Infinity;
  const lateCap = !feasibleMode && bound !== undefined ? bound.late + 1e-9 * Math.max(1, Math.abs(bound.late)) : Infinity;
  // Least arc into each node (from the head or a free node): a lower bound on what entering it costs.
  const minIn = kept.minIn.f64(size, Infinity);
  if (travelCap < Infinity) {
    // each free node, then the tail; from the head, then each free node
    for (let i = 0; i <= m; i++) {
      const v = i < m ? (free[i] as number) : tail;
      let best = Infinity;
      for (let q = -1; q < m; q++) {
        const x = q < 0 ? head : (free[q] as number);
        if (x !== v && (w[x * size + v] as number) < best) best = w[x * size + v] as number;
      }
      minIn[v] = best;
    }
  }
  // (B: the buffers kept from the last search; a grown one is stored back in B)
  const B = (kept.buffers = kept.buffers.fresh());
  const pool = B.pool;

  // Root label at the head.
  const headHi = hi[head] as number;
  const headLate = inst.t0 > headHi ? inst.t0 - headHi : 0;
  if (feasibleMode && headLate > 0) return { aborted: false, best: null };
  const headTime = Math.max(inst.t0, lo[head] as number);
  pool.push(0, headTime, headLate, -1, -1);

  const sp = timeLowerBounds(inst);
  const full = (1 << m) - 1; // m ≤ 30

  // Current layer states: the root.
  let stMask = B.stMask;
  let stNode = B.stNode;
  let stStart = B.stStart;
  let stCount = B.stCount;
  stMask[0] = 0;
  stNode[0] = -1;
  stStart[0] = 0;
  stCount[0] = 1;
  let numStates = 1;
  // The next layer's states are written into these (the arrays of the layer before last, reused)
  let spareMask = B.spareMask;
  let spareNode = B.spareNode;
  let spareStart = B.spareStart;
  let spareCount = B.spareCount;

  // Target-group lookup per subset.
  const useDense = m <= 22;
  const groupOfMaskDense = useDense ? kept.groups.i32(1 << m, -1) : null;
  const groupOfMaskSparse = useDense ? null : B.sparse;

  // Candidate buffers (kept; each grows by doubling).
  let cSlot = B.cSlot;
  let cTravel = B.cTravel;
  let cTime = B.cTime;
  let cLate = B.cLate;
  let cParent = B.cParent;
  let gMask = B.gMask;
  let slotDeadline = B.slotDeadline;
  let slotTravelLb = B.slotTravelLb;
  let order = B.order;
  let bucket = B.bucket;
  const tmp = B.tmp;

  for (let layer = 0; layer < m; layer++) {
    let numCand = 0;
    let numGroups = 0;
    for (let s = 0; s < numStates; s++) {
      const mask = stMask[s] as number;
      const j = stNode[s] as number;
      const u = j < 0 ? head : (free[j] as number);
      const su = svc[u] as number;
      const rowU = u * size;
      const start = stStart[s] as number;
      const end = start + (stCount[s] as number);
      for (let k = 0; k < m; k++) {
        const bit = 1 << k;
        if ((mask & bit) !== 0) continue;
        const v = free[k] as number;
        const wuv = w[rowU + v] as number;
        const hv = hi[v] as number;
        const lv = lo[v] as number;
        let slot = -1;
        let deadline = Infinity;
        for (let l = start; l < end; l++) {
          const a = (pool.time[l] as number) + su + wuv;
          let late = pool.late[l] as number;
          let t: number;
          if (a > hv) {
            if (feasibleMode) continue;
            late += a - hv;
            t = a;
          } else {
            t = a > lv ? a : lv;
          }
          if (slot < 0) {
            const nm = mask | bit;
            let g: number;
            if (groupOfMaskDense !== null) {
              g = groupOfMaskDense[nm] as number;
              if (g < 0) {
                g = numGroups++;
                groupOfMaskDense[nm] = g;
                gMask = B.gMask = growI32(gMask, numGroups);
                gMask[g] = nm;
                slotDeadline = B.slotDeadline = growF64(slotDeadline, numGroups * m);
                slotDeadline.fill(NaN, g * m, g * m + m);
                slotTravelLb = B.slotTravelLb = growF64(slotTravelLb, numGroups * m);
              }
            } else {
              const found = (groupOfMaskSparse as Map<number, number>).get(nm);
              if (found === undefined) {
                g = numGroups++;
                (groupOfMaskSparse as Map<number, number>).set(nm, g);
                gMask = B.gMask = growI32(gMask, numGroups);
                gMask[g] = nm;
                slotDeadline = B.slotDeadline = growF64(slotDeadline, numGroups * m);
                slotDeadline.fill(NaN, g * m, g * m + m);
                slotTravelLb = B.slotTravelLb = growF64(slotTravelLb, numGroups * m);
              } else g = found;
            }
            slot = g * m + k;
            if (feasibleMode) {
              deadline = slotDeadline[slot] as number;
              if (Number.isNaN(deadline)) {
                // Latest service start at v that still reaches every unvisited node and the tail in time;
                // and the least travel still needed (one entering arc per unvisited node and the tail).
                const rowV = v * size;
                deadline = (hi[tail] as number) - (sp[rowV + tail] as number);
                let lb = minIn[tail] as number;
                for (let q = 0; q < m; q++) {
                  if ((nm & (1 << q)) !== 0) continue;
                  const fq = free[q] as number;
                  const d = (hi[fq] as number) - (sp[rowV + fq] as number);
                  if (d < deadline) deadline = d;
                  lb += minIn[fq] as number;
                }
                slotDeadline[slot] = deadline;
                slotTravelLb[slot] = lb;
              }
            }
          }
          if (t > deadline) continue;
          if (travelCap < Infinity) {
            const rest = completion !== undefined ? (completion[(full & ~(mask | bit)) * m + k] as number) : (slotTravelLb[slot] as number);
            if ((pool.travel[l] as number) + wuv + rest > travelCap) continue;
          }
          if (lateCap < Infinity) {
            // Every unvisited node (and the tail) is reached no earlier than t + shortest time.
            const nm = mask | bit;
            const rowV = v * size;
            let lb = late + Math.max(0, t + (sp[rowV + tail] as number) - (hi[tail] as number));
            for (let q = 0; q < m && lb <= lateCap; q++) {
              if ((nm & (1 << q)) !== 0) continue;
              const fq = free[q] as number;
              const over = t + (sp[rowV + fq] as number) - (hi[fq] as number);
              if (over > 0) lb += over;
            }
            if (lb > lateCap) continue;
          }
          if (numCand === cSlot.length) {
            const cap = numCand * 2;
            cSlot = B.cSlot = growI32(cSlot, cap);
            cTravel = B.cTravel = growF64(cTravel, cap);
            cTime = B.cTime = growF64(cTime, cap);
            cLate = B.cLate = growF64(cLate, cap);
            cParent = B.cParent = growI32(cParent, cap);
          }
          cSlot[numCand] = slot;
          cTravel[numCand] = (pool.travel[l] as number) + wuv;
          cTime[numCand] = t;
          cLate[numCand] = late;
          cParent[numCand] = l;
          numCand++;
        }
      }
      if (numCand > maxLabels * 4) return { aborted: true };
    }

    // Reset the subset → group lookup for the next layer.
    for (let g = 0; g < numGroups; g++) {
      if (groupOfMaskDense !== null) groupOfMaskDense[gMask[g] as number] = -1;
    }
    groupOfMaskSparse?.clear();

    // Counting sort of candidates by slot (stable: keeps generation order within a slot).
    const numSlots = numGroups * m;
    bucket = B.bucket = growI32(bucket, numSlots + 1);
    bucket.fill(0, 0, numSlots + 1);
    for (let c = 0; c < numCand; c++) {
      const at = (cSlot[c] as number) + 1;
      bucket[at] = (bucket[at] as number) + 1;
    }
    for (let sl = 0; sl < numSlots; sl++) bucket[sl + 1] = (bucket[sl + 1] as number) + (bucket[sl] as number);
    order = B.order = growI32(order, numCand);
    for (let c = 0; c < numCand; c++) {
      const sl = cSlot[c] as number;
      order[bucket[sl] as number] = c;
      bucket[sl] = (bucket[sl] as number) + 1;
    }
    // After the pass bucket[sl] is the end of slot sl; its start is bucket[sl - 1] (0 for sl = 0).

    // Next layer states.
    let nMask = spareMask;
    let nNode = spareNode;
    let nStart = spareStart;
    let nCount = spareCount;
    let nStates = 0;
    let from = 0;
    for (let sl = 0; sl < numSlots; sl++) {
      const to = bucket[sl] as number;
      if (to === from) continue;
      tmp.length = 0;
      for (let q = from; q < to; q++) tmp.push(order[q] as number);
      from = to;
      // by lateness, travel, time, then candidate: a total order, so any sort gives the same; an
      // insertion sort, as a state has few candidates (Array.prototype.sort copies the array)
      for (let a = 1; a < tmp.length; a++) {
        const x = tmp[a] as number;
        let b = a - 1;
        while (b >= 0 && candidateAfter(tmp[b] as number, x, cLate, cTravel, cTime)) {
          tmp[b + 1] = tmp[b] as number;
          b--;
        }
        tmp[b + 1] = x;
      }
      const first = pool.size;
      const k = sl % m;
      if (feasibleMode) {
        let lastTime = Infinity;
        for (const c of tmp) {
          const t = cTime[c] as number;
          if (t < lastTime) {
            lastTime = t;
            pool.pushCandidate(c, cTravel, cTime, cLate, cParent, k, false);
          }
        }
      } else {
        for (const c of tmp) {
          const tr = cTravel[c] as number;
          const t = cTime[c] as number;
          let dominated = false;
          for (let q = first; q < pool.size; q++) {
            if ((pool.travel[q] as number) <= tr && (pool.time[q] as number) <= t) {
              dominated = true;
              break;
            }
          }
          if (!dominated) pool.pushCandidate(c, cTravel, cTime, cLate, cParent, k, true);
        }
      }
      if (nStates === nMask.length) {
        const cap = nStates * 2;
        nMask = growI32(nMask, cap);
        nNode = growI32(nNode, cap);
        nStart = growI32(nStart, cap);
        nCount = growI32(nCount, cap);
      }
      nMask[nStates] = gMask[(sl - k) / m] as number;
      nNode[nStates] = k;
      nStart[nStates] = first;
      nCount[nStates] = pool.size - first;
      nStates++;
      if (pool.size > maxLabels) return { aborted: true };
    }
    spareMask = B.spareMask = stMask;
    spareNode = B.spareNode = stNode;
    spareStart = B.spareStart = stStart;
    spareCount = B.spareCount = stCount;
    stMask = B.stMask = nMask;
    stNode = B.stNode = nNode;
    stStart = B.stStart = nStart;
    stCount = B.stCount = nCount;
    numStates = nStates;
    if (numStates === 0) break;
  }

  // Close the route at the tail.
  let bestLabel = -1;
  let bestTravel = Infinity;
  let bestLate = Infinity;
  const hT = hi[tail] as number;
  for (let s = 0; s < numStates; s++) {
    if ((stMask[s] as number) !== full) continue;
    const j = stNode[s] as number;
    const u = j < 0 ? head : (free[j] as number);
    const su = svc[u] as number;
    const wut = w[u * size + tail] as number;
    const start = stStart[s] as number;
    const end = start + (stCount[s] as number);
    for (let l = start; l < end; l++) {
      const a = (pool.time[l] as number) + su + wut;
      let late = pool.late[l] as number;
      if (a > hT) {
        if (feasibleMode) continue;
        late += a - hT;
      }
      const tr = (pool.travel[l] as number) + wut;
      if (late < bestLate || (late === bestLate && tr < bestTravel)) {
        bestLate = late;
        bestTravel = tr;
        bestLabel = l;
      }
    }
  }
  if (bestLabel < 0) return { aborted: false, best: null };
  const route = new Int32Array(m + 2);
  route[0] = head;
  route[m + 1] = tail;
  let p = m;
  for (let l = bestLabel; l >= 0 && p >= 1; l = pool.parent[l] as number) {
    route[p--] = free[pool.node[l] as number] as number;
  }
  return { aborted: false, best: { route, travel: bestTravel, late: bestLate } };
}
