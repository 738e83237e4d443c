/**
 * Exact solvers behind `bestOrder`: Held–Karp dynamic programming over subsets without time
 * windows, and a label-setting DP over (subset, last) states with Pareto sets of labels when
 * time windows are in force.
 *
 * @module
 */

import { timeLowerBounds, type SolverInstance } from './solverInstance.js';

/**
 * Largest number of free nodes (stops other than the fixed first and last) for which
 * {@link heldKarp} is run: its table holds `2^m · m` doubles (≈ 38 MB at m = 18).
 *
 * @example
 * HELD_KARP_MAX_FREE; // → 18
 */
export const HELD_KARP_MAX_FREE = 18;

/**
 * Largest number of free nodes {@link labelDp} accepts (subsets are 31-bit integers).
 *
 * @example
 * LABEL_DP_MAX_FREE; // → 30
 */
export const LABEL_DP_MAX_FREE = 30;

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
  const dp = new Float64Array((full + 1) * m).fill(Infinity);
  // Local m × m matrix between free nodes plus the head/tail arcs: better cache behaviour.
  const c = new Float64Array(m * m);
  const fromHead = new Float64Array(m);
  const toTail = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    const fa = free[a] as number;
    fromHead[a] = w[head * size + fa] as number;
    toTail[a] = w[fa * size + tail] as number;
    for (let b = 0; b < m; b++) c[a * m + b] = w[fa * size + (free[b] as number)] as number;
  }
  for (let j = 0; j < m; j++) dp[(1 << j) * m + j] = fromHead[j] as number;
  for (let mask = 1; mask < full; mask++) {
    const row = mask * m;
    for (let j = 0; j < m; j++) {
      if ((mask & (1 << j)) === 0) continue;
      const base = dp[row + j] as number;
      if (base === Infinity) continue;
      const cj = j * m;
      for (let k = 0; k < m; k++) {
        const bit = 1 << k;
        if ((mask & bit) !== 0) continue;
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
    const v = (dp[fullRow + j] as number) + (toTail[j] as number);
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
  const g = new Float64Array((full + 1) * m).fill(Infinity);
  const c = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const fa = free[a] as number;
    g[a] = w[fa * size + tail] as number; // U = ∅
    for (let b = 0; b < m; b++) c[a * m + b] = w[fa * size + (free[b] as number)] as number;
  }
  for (let u = 1; u <= full; u++) {
    const row = u * m;
    for (let j = 0; j < m; j++) {
      if ((u & (1 << j)) !== 0) continue;
      let best = Infinity;
      const cj = j * m;
      for (let k = 0; k < m; k++) {
        const bit = 1 << k;
        if ((u & bit) === 0) continue;
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

/** Growable typed-array store of labels (struct of arrays). */
class LabelPool {
  size = 0;
  travel: Float64Array;
  time: Float64Array;
  late: Float64Array;
  parent: Int32Array;
  node: Int32Array;
  constructor(cap: number) {
    this.travel = new Float64Array(cap);
    this.time = new Float64Array(cap);
    this.late = new Float64Array(cap);
    this.parent = new Int32Array(cap);
    this.node = new Int32Array(cap);
  }
  push(travel: number, time: number, late: number, parent: number, node: number): number {
    if (this.size === this.travel.length) this.grow();
    const i = this.size++;
    this.travel[i] = travel;
    this.time[i] = time;
    this.late[i] = late;
    this.parent[i] = parent;
    this.node[i] = node;
    return i;
  }
  private grow(): void {
    const cap = this.travel.length * 2;
    const t = new Float64Array(cap);
    t.set(this.travel);
    this.travel = t;
    const ti = new Float64Array(cap);
    ti.set(this.time);
    this.time = ti;
    const l = new Float64Array(cap);
    l.set(this.late);
    this.late = l;
    const p = new Int32Array(cap);
    p.set(this.parent);
    this.parent = p;
    const n = new Int32Array(cap);
    n.set(this.node);
    this.node = n;
  }
}

function growF64(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}
function growI32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Whether candidate `x` comes after `y`: by lateness, travel, time, then number (a total order). */
function candidateAfter(x: number, y: number, late: Float64Array, travel: Float64Array, time: Float64Array): boolean {
  const dl = (late[x] as number) - (late[y] as number);
  if (dl !== 0) return dl > 0;
  const dt = (travel[x] as number) - (travel[y] as number);
  if (dt !== 0) return dt > 0;
  const dm = (time[x] as number) - (time[y] as number);
  return dm !== 0 ? dm > 0 : x > y;
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
  const minIn = new Float64Array(size).fill(Infinity);
  if (travelCap < Infinity) {
    const preds = [head, ...free];
    for (const v of [...free, tail]) {
      let best = Infinity;
      for (const x of preds) if (x !== v && (w[x * size + v] as number) < best) best = w[x * size + v] as number;
      minIn[v] = best;
    }
  }
  const pool = new LabelPool(64);

  // Root label at the head.
  const headHi = hi[head] as number;
  const headLate = inst.t0 > headHi ? inst.t0 - headHi : 0;
  if (feasibleMode && headLate > 0) return { aborted: false, best: null };
  const headTime = Math.max(inst.t0, lo[head] as number);
  pool.push(0, headTime, headLate, -1, -1);

  const sp = timeLowerBounds(inst);
  const full = (1 << m) - 1; // m ≤ 30

  // Current layer states.
  let stMask = new Int32Array(1);
  let stNode = new Int32Array(1).fill(-1);
  let stStart = new Int32Array(1);
  let stCount = new Int32Array(1).fill(1);
  let numStates = 1;
  // The next layer's states are written into these (the arrays of the layer before last, reused)
  let spareMask = new Int32Array(16);
  let spareNode = new Int32Array(16);
  let spareStart = new Int32Array(16);
  let spareCount = new Int32Array(16);

  // Target-group lookup per subset.
  const useDense = m <= 22;
  const groupOfMaskDense = useDense ? new Int32Array(1 << m).fill(-1) : null;
  const groupOfMaskSparse = useDense ? null : new Map<number, number>();

  // Candidate buffers.
  // (small: most days have few stops; each grows by doubling)
  let cSlot = new Int32Array(64);
  let cTravel = new Float64Array(64);
  let cTime = new Float64Array(64);
  let cLate = new Float64Array(64);
  let cParent = new Int32Array(64);
  let gMask = new Int32Array(16);
  let slotDeadline = new Float64Array(16 * Math.max(1, m));
  let slotTravelLb = new Float64Array(16 * Math.max(1, m));
  let order = new Int32Array(64);
  let bucket = new Int32Array(16 * Math.max(1, m) + 1);
  const tmp: number[] = [];

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
                gMask = growI32(gMask, numGroups);
                gMask[g] = nm;
                slotDeadline = growF64(slotDeadline, numGroups * m);
                slotDeadline.fill(NaN, g * m, g * m + m);
                slotTravelLb = growF64(slotTravelLb, numGroups * m);
              }
            } else {
              const found = (groupOfMaskSparse as Map<number, number>).get(nm);
              if (found === undefined) {
                g = numGroups++;
                (groupOfMaskSparse as Map<number, number>).set(nm, g);
                gMask = growI32(gMask, numGroups);
                gMask[g] = nm;
                slotDeadline = growF64(slotDeadline, numGroups * m);
                slotDeadline.fill(NaN, g * m, g * m + m);
                slotTravelLb = growF64(slotTravelLb, numGroups * m);
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
            cSlot = growI32(cSlot, cap);
            cTravel = growF64(cTravel, cap);
            cTime = growF64(cTime, cap);
            cLate = growF64(cLate, cap);
            cParent = growI32(cParent, cap);
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
    bucket = growI32(bucket, numSlots + 1);
    bucket.fill(0, 0, numSlots + 1);
    for (let c = 0; c < numCand; c++) {
      const at = (cSlot[c] as number) + 1;
      bucket[at] = (bucket[at] as number) + 1;
    }
    for (let sl = 0; sl < numSlots; sl++) bucket[sl + 1] = (bucket[sl + 1] as number) + (bucket[sl] as number);
    order = growI32(order, numCand);
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
            pool.push(cTravel[c] as number, t, 0, cParent[c] as number, k);
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
          if (!dominated) pool.push(tr, t, cLate[c] as number, cParent[c] as number, k);
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
    [spareMask, spareNode, spareStart, spareCount] = [stMask, stNode, stStart, stCount];
    stMask = nMask;
    stNode = nNode;
    stStart = nStart;
    stCount = nCount;
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
