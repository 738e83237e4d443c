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

import { evaluateRoute, routeLateness, type SolverInstance } from './solverInstance.js';
import type { ExactRoute } from './solverExact.js';

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

/** Mulberry32: small, fast, seedable PRNG (deterministic across platforms). */
function prng(seed: number): () => number {
  let a = (Math.floor(seed * 2654435761) ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Size of the neighbour lists that drive the local search. */
const NEIGHBOURS = 8;

/** Double-bridge candidates drawn per perturbation with time windows (the first on-time one is used). */
const BRIDGE_TRIES_WITH_WINDOWS = 4;

const REVERSE = 0;
const RELOCATE = 1;

class RouteSearch {
  readonly inst: SolverInstance;
  readonly size: number;
  readonly w: Float64Array;
  readonly len: number;
  readonly asym: boolean;
  readonly windows: boolean;
  readonly eps: number;
  r: Int32Array;
  scratch: Int32Array;
  readonly pos: Int32Array;
  readonly fwd: Float64Array;
  readonly bwd: Float64Array;
  /** Service start time at each position (windows only). */
  readonly tStart: Float64Array;
  /** Lateness accumulated up to and including each position (windows only). */
  readonly lateCum: Float64Array;
  /** Changed position range [c0, c1] of the move last written into `scratch`. */
  c0 = 0;
  c1 = 0;
  /** Last position that arrives late (−1 when none). */
  lastLate = -1;
  travel = 0;
  late = 0;
  readonly nb: Int32Array;
  readonly k: number;
  readonly queue: Int32Array;
  readonly inQueue: Uint8Array;
  qHead = 0;
  qLen = 0;

  constructor(inst: SolverInstance, route: Int32Array, eps: number) {
    this.inst = inst;
    this.size = inst.size;
    this.w = inst.w;
    this.len = route.length;
    this.windows = inst.hasWindows;
    this.eps = eps;
    this.r = Int32Array.from(route);
    this.scratch = new Int32Array(this.len);
    this.pos = new Int32Array(inst.size).fill(-1);
    this.fwd = new Float64Array(this.len);
    this.bwd = new Float64Array(this.len);
    this.tStart = new Float64Array(this.windows ? this.len : 0);
    this.lateCum = new Float64Array(this.windows ? this.len : 0);
    const { size, w } = this;
    let asym = false;
    // Only arcs between free positions are ever reversed.
    for (let a = 1; a < this.len - 1 && !asym; a++) {
      const u = route[a] as number;
      for (let b = a + 1; b < this.len - 1; b++) {
        const v = route[b] as number;
        if (w[u * size + v] !== w[v * size + u]) {
          asym = true;
          break;
        }
      }
    }
    this.asym = asym;
    // Neighbour lists over the route's nodes, by w[u][v] + w[v][u].
    // (the k nearest by an insertion into a short list: the order is total, so as a full sort's)
    this.k = Math.min(this.len - 1, NEIGHBOURS);
    const k = this.k;
    this.nb = new Int32Array(this.size * k);
    const near = new Int32Array(k + 1);
    const nearD = new Float64Array(k + 1);
    for (let a = 0; a < this.len; a++) {
      const u = route[a] as number;
      let count = 0;
      for (let b = 0; b < this.len; b++) {
        const x = route[b] as number;
        if (x === u) continue;
        const dx = (w[u * size + x] as number) + (w[x * size + u] as number);
        let at = count;
        while (at > 0 && ((nearD[at - 1] as number) > dx || ((nearD[at - 1] as number) === dx && (near[at - 1] as number) > x))) {
          if (at < k) {
            near[at] = near[at - 1] as number;
            nearD[at] = nearD[at - 1] as number;
          }
          at--;
        }
        if (at < k) {
          near[at] = x;
          nearD[at] = dx;
          if (count < k) count++;
        }
      }
      for (let q = 0; q < k; q++) this.nb[u * k + q] = near[q] as number;
    }
    this.queue = new Int32Array(this.size);
    this.inQueue = new Uint8Array(this.size);
    this.refresh();
  }

  /** Recomputes positions, prefix sums, travel (exactly, left to right) and lateness. */
  refresh(): void {
    const { r, size, w, len, fwd, bwd, pos } = this;
    let f = 0;
    let b = 0;
    fwd[0] = 0;
    bwd[0] = 0;
    pos[r[0] as number] = 0;
    for (let p = 1; p < len; p++) {
      const u = r[p - 1] as number;
      const v = r[p] as number;
      pos[v] = p;
      f += w[u * size + v] as number;
      fwd[p] = f;
      if (this.asym) {
        b += w[v * size + u] as number;
        bwd[p] = b;
      }
    }
    this.travel = f;
    if (this.windows) this.schedule();
  }

  /** Fills tStart/lateCum for the current route and sets `late`. */
  private schedule(): void {
    const { r, size, w, len, tStart, lateCum } = this;
    const { lo, hi, svc } = this.inst;
    let u = r[0] as number;
    const h0 = hi[u] as number;
    let late = this.inst.t0 > h0 ? this.inst.t0 - h0 : 0;
    let t = Math.max(this.inst.t0, lo[u] as number);
    tStart[0] = t;
    lateCum[0] = late;
    let lastLate = late > 0 ? 0 : -1;
    for (let p = 1; p < len; p++) {
      const v = r[p] as number;
      const a = t + (svc[u] as number) + (w[u * size + v] as number);
      const hv = hi[v] as number;
      if (a > hv) {
        late += a - hv;
        t = a;
        lastLate = p;
      } else {
        const l = lo[v] as number;
        t = a > l ? a : l;
      }
      tStart[p] = t;
      lateCum[p] = late;
      u = v;
    }
    this.late = late;
    this.lastLate = lastLate;
  }

  /**
   * Writes the positions [c0, c1] that a move changes into `scratch` (the rest of the route is
   * unchanged) and records the range.
   */
  private fill(kind: number, a: number, b: number, p: number, rev: boolean): void {
    const src = this.r;
    const dst = this.scratch;
    if (kind === REVERSE) {
      for (let q = a; q <= b; q++) dst[q] = src[a + b - q] as number;
      this.c0 = a;
      this.c1 = b;
      return;
    }
    // RELOCATE segment [a..b] to between p and p + 1.
    let o: number;
    if (p < a) {
      o = p + 1;
      this.c0 = o;
      this.c1 = b;
      if (rev) for (let i = b; i >= a; i--) dst[o++] = src[i] as number;
      else for (let i = a; i <= b; i++) dst[o++] = src[i] as number;
      for (let i = p + 1; i < a; i++) dst[o++] = src[i] as number;
    } else {
      o = a;
      this.c0 = a;
      this.c1 = p;
      for (let i = b + 1; i <= p; i++) dst[o++] = src[i] as number;
      if (rev) for (let i = b; i >= a; i--) dst[o++] = src[i] as number;
      else for (let i = a; i <= b; i++) dst[o++] = src[i] as number;
    }
  }

  /**
   * Total lateness of the route after a move, from the cached schedule of the current route:
   * the prefix before the first changed position is reused, the changed positions are walked
   * in their new order, and the unchanged suffix only until its service starts coincide with
   * the cached ones (then the rest is known). Returns early, with a value > `bound`, once the
   * result is sure to exceed `bound` (later starts on the suffix never reduce its lateness).
   */
  private lateAfterMove(kind: number, a: number, b: number, p: number, rev: boolean, bound: number): number {
    const { r, size, w, len, tStart, lateCum } = this;
    const { lo, hi, svc } = this.inst;
    // Up to two pieces of old positions, walked forwards (step 1) or backwards (step −1).
    let c0: number;
    let c1: number;
    let f0: number;
    let n0: number;
    let s0: number;
    let f1 = 0;
    let n1 = 0;
    let s1 = 1;
    if (kind === REVERSE) {
      c0 = a;
      c1 = b;
      f0 = b;
      n0 = b - a + 1;
      s0 = -1;
    } else if (p < a) {
      c0 = p + 1;
      c1 = b;
      f0 = rev ? b : a;
      n0 = b - a + 1;
      s0 = rev ? -1 : 1;
      f1 = p + 1;
      n1 = a - p - 1;
    } else {
      c0 = a;
      c1 = p;
      f0 = b + 1;
      n0 = p - b;
      s0 = 1;
      f1 = rev ? b : a;
      n1 = b - a + 1;
      s1 = rev ? -1 : 1;
    }
    let u = r[c0 - 1] as number;
    let t = tStart[c0 - 1] as number;
    let late = lateCum[c0 - 1] as number;
    for (let piece = 0; piece < 2; piece++) {
      let q = piece === 0 ? f0 : f1;
      const cnt = piece === 0 ? n0 : n1;
      const st = piece === 0 ? s0 : s1;
      for (let i = 0; i < cnt; i++, q += st) {
        const v = r[q] as number;
        const at = t + (svc[u] as number) + (w[u * size + v] as number);
        const hv = hi[v] as number;
        if (at > hv) {
          late += at - hv;
          if (late > bound) return late;
          t = at;
        } else {
          const l = lo[v] as number;
          t = at > l ? at : l;
        }
        u = v;
      }
    }
    const lateEnd = lateCum[len - 1] as number;
    for (let q = c1 + 1; q < len; q++) {
      const v = r[q] as number;
      const at = t + (svc[u] as number) + (w[u * size + v] as number);
      const hv = hi[v] as number;
      if (at > hv) {
        late += at - hv;
        if (late > bound) return late;
        t = at;
      } else {
        const l = lo[v] as number;
        t = at > l ? at : l;
      }
      const old = tStart[q] as number;
      const rest = lateEnd - (lateCum[q] as number);
      // Same start → same lateness from here on.
      if (t === old) return late + rest;
      if (t > old) {
        // Lateness is non-decreasing in the start time: at least the old rest is still to come.
        if (late + rest > bound) return late + rest;
      } else if (rest === 0) {
        // Earlier than an on-time suffix → stays on time.
        return late;
      }
      u = v;
    }
    return late;
  }

  /** Makes the move last written by `fill` the current route. */
  private commitFill(): void {
    this.r.set(this.scratch.subarray(this.c0, this.c1 + 1), this.c0);
    this.refresh();
  }

  push(u: number): void {
    if (this.inQueue[u] === 1) return;
    this.inQueue[u] = 1;
    this.queue[(this.qHead + this.qLen) % this.size] = u;
    this.qLen++;
  }

  pushAll(): void {
    for (let p = 0; p < this.len; p++) this.push(this.r[p] as number);
  }

  /** Internal-cost change of reversing r[a..b]. */
  private revInner(a: number, b: number): number {
    return this.asym ? (this.bwd[b] as number) - (this.bwd[a] as number) - ((this.fwd[b] as number) - (this.fwd[a] as number)) : 0;
  }

  /** Travel change of reversing r[a..b], 1 ≤ a < b ≤ len − 2. */
  private revDelta(a: number, b: number): number {
    const { r, w, size } = this;
    const p = r[a - 1] as number;
    const x = r[a] as number;
    const y = r[b] as number;
    const q = r[b + 1] as number;
    return (
      (w[p * size + y] as number) +
      (w[x * size + q] as number) -
      (w[p * size + x] as number) -
      (w[y * size + q] as number) +
      this.revInner(a, b)
    );
  }

  /** Travel change of moving r[s..e] between r[p] and r[p + 1] (p ∉ [s − 1, e]), optionally reversed. */
  private relocateDelta(s: number, e: number, p: number, rev: boolean): number {
    const { r, w, size } = this;
    const prev = r[s - 1] as number;
    const next = r[e + 1] as number;
    const first = r[s] as number;
    const last = r[e] as number;
    const x = r[p] as number;
    const y = r[p + 1] as number;
    let d =
      (w[prev * size + next] as number) -
      (w[prev * size + first] as number) -
      (w[last * size + next] as number) -
      (w[x * size + y] as number);
    if (rev) d += (w[x * size + last] as number) + (w[first * size + y] as number) + this.revInner(s, e);
    else d += (w[x * size + first] as number) + (w[last * size + y] as number);
    return d;
  }

  /**
   * Tries a move with travel change `delta`; applies it when it improves (lateness, travel)
   * lexicographically and the result respects the windows as well as the current route does.
   */
  private attempt(delta: number, kind: number, a: number, b: number, p: number, rev: boolean): boolean {
    const eps = this.eps;
    if (!this.windows || this.late <= 0) {
      if (delta >= -eps) return false;
      if (this.windows && this.lateAfterMove(kind, a, b, p, rev, 0) > 0) return false;
      this.fill(kind, a, b, p, rev);
      this.commitFill();
      return true;
    }
    // Without a travel gain the move must cut lateness, impossible if it changes nothing up to
    // the last late arrival (the prefix keeps all the lateness, the suffix can only add).
    if (delta >= -eps && (kind === REVERSE ? a : p < a ? p + 1 : a) > this.lastLate) return false;
    const late = this.lateAfterMove(kind, a, b, p, rev, this.late + eps);
    if (late < this.late - eps || (late <= this.late + eps && delta < -eps)) {
      this.fill(kind, a, b, p, rev);
      this.commitFill();
      return true;
    }
    return false;
  }

  private swap(): void {
    const t = this.r;
    this.r = this.scratch;
    this.scratch = t;
    this.refresh();
  }

  /** Tries improving moves around node u; returns true (and queues touched nodes) on success. */
  private improveAround(u: number): boolean {
    const { len, k, nb } = this;
    const last = len - 2; // last free position
    for (let q = 0; q < k; q++) {
      const v = nb[u * k + q] as number;
      const i = this.pos[u] as number;
      const j = this.pos[v] as number;
      // 2-opt: reversals making u and v adjacent.
      if (j > i) {
        if (j <= last && j > i + 1 && this.tryReverse(i + 1, j)) return true;
        if (i >= 1 && j - 1 > i && this.tryReverse(i, j - 1)) return true;
      } else {
        if (i <= last && j + 1 < i && this.tryReverse(j + 1, i)) return true;
        if (j >= 1 && j < i - 1 && this.tryReverse(j, i - 1)) return true;
      }
      // Or-opt: a segment of 1–3 nodes with u at one end, moved next to v (either side, either direction).
      for (let sl = 1; sl <= 3; sl++) {
        for (let end = 0; end < (sl === 1 ? 1 : 2); end++) {
          const s = end === 0 ? i : i - sl + 1;
          const e = s + sl - 1;
          if (s < 1 || e > last) continue;
          if (j >= s && j <= e) continue;
          for (let side = 0; side < 2; side++) {
            const p = side === 0 ? j : j - 1;
            if (p < 0 || p > len - 2 || (p >= s - 1 && p <= e)) continue;
            for (let rv = 0; rv < (sl === 1 ? 1 : 2); rv++) {
              const rev = rv === 1;
              const d = this.relocateDelta(s, e, p, rev);
              const r = this.r;
              const t0 = r[s - 1] as number;
              const t1 = r[s] as number;
              const t2 = r[e] as number;
              const t3 = r[e + 1] as number;
              const t4 = r[p] as number;
              const t5 = r[p + 1] as number;
              if (this.attempt(d, RELOCATE, s, e, p, rev)) {
                this.push(t0);
                this.push(t1);
                this.push(t2);
                this.push(t3);
                this.push(t4);
                this.push(t5);
                return true;
              }
            }
          }
        }
      }
    }
    return false;
  }

  private tryReverse(a: number, b: number): boolean {
    const d = this.revDelta(a, b);
    const t0 = this.r[a - 1] as number;
    const t1 = this.r[a] as number;
    const t2 = this.r[b] as number;
    const t3 = this.r[b + 1] as number;
    if (this.attempt(d, REVERSE, a, b, 0, false)) {
      this.push(t0);
      this.push(t1);
      this.push(t2);
      this.push(t3);
      return true;
    }
    return false;
  }

  /** Runs the queue to exhaustion (a local optimum for the neighbourhood). */
  localSearch(deadline: number): void {
    let steps = 0;
    while (this.qLen > 0) {
      const u = this.queue[this.qHead] as number;
      this.qHead = (this.qHead + 1) % this.size;
      this.qLen--;
      this.inQueue[u] = 0;
      if (this.improveAround(u)) this.push(u);
      if ((++steps & 255) === 0 && performance.now() > deadline) {
        this.clearQueue();
        return;
      }
    }
  }

  clearQueue(): void {
    while (this.qLen > 0) {
      this.inQueue[this.queue[this.qHead] as number] = 0;
      this.qHead = (this.qHead + 1) % this.size;
      this.qLen--;
    }
  }

  /** Double bridge on the free positions (segments B and C swapped), or a random relocation when short. */
  perturb(rand: () => number): void {
    const { len } = this;
    const free = len - 2;
    const src = this.r;
    const dst = this.scratch;
    if (free < 8) {
      const s = 1 + Math.floor(rand() * free);
      const e = s + Math.floor(rand() * Math.min(3, len - 1 - s));
      const choices: number[] = [];
      for (let p = 0; p <= len - 2; p++) if (p < s - 1 || p > e) choices.push(p);
      if (choices.length === 0) return;
      const p = choices[Math.floor(rand() * choices.length)] as number;
      const touched = [src[s - 1], src[s], src[e], src[e + 1], src[p], src[p + 1]];
      this.fill(RELOCATE, s, e, p, false);
      this.commitFill();
      for (const t of touched) this.push(t as number);
      return;
    }
    const maxSeg = Math.max(2, Math.min(50, Math.floor(free / 3)));
    // With windows, draw a few double bridges and keep the first on-time one (else the least
    // late): the local search is much cheaper from an on-time route.
    const tries = this.windows ? BRIDGE_TRIES_WITH_WINDOWS : 1;
    let bestLate = Infinity;
    let bp1 = 0;
    let bp2 = 0;
    let bp3 = 0;
    for (let tr = 0; tr < tries; tr++) {
      const p1 = 1 + Math.floor(rand() * (free - 1)); // 1 … free − 1 so that B and C fit
      const lenB = 1 + Math.floor(rand() * Math.min(maxSeg, len - 2 - p1));
      const p2 = p1 + lenB;
      const lenC = 1 + Math.floor(rand() * Math.min(maxSeg, len - 1 - p2));
      const p3 = p2 + lenC; // ≤ len − 1
      let late = 0;
      if (tries > 1) {
        this.bridge(dst, p1, p2, p3);
        late = routeLateness(this.inst, dst, len, bestLate);
      }
      if (late < bestLate) {
        bestLate = late;
        bp1 = p1;
        bp2 = p2;
        bp3 = p3;
      }
      if (late === 0) break;
    }
    const touched = [src[bp1 - 1], src[bp1], src[bp2 - 1], src[bp2], src[bp3 - 1], src[bp3]];
    this.bridge(dst, bp1, bp2, bp3);
    this.swap();
    for (const t of touched) this.push(t as number);
  }

  /** Writes the route with segments [p1, p2) and [p2, p3) swapped into dst. */
  private bridge(dst: Int32Array, p1: number, p2: number, p3: number): void {
    const src = this.r;
    const len = this.len;
    let o = 0;
    for (let i = 0; i < p1; i++) dst[o++] = src[i] as number;
    for (let i = p2; i < p3; i++) dst[o++] = src[i] as number;
    for (let i = p1; i < p2; i++) dst[o++] = src[i] as number;
    for (let i = p3; i < len; i++) dst[o++] = src[i] as number;
  }

  /** Replaces the current route (e.g. to go back to the best one). */
  load(route: Int32Array): void {
    this.r.set(route);
    this.refresh();
  }

  /** (late, travel) of the current route is better than the given pair by more than eps. */
  betterThan(late: number, travel: number): boolean {
    if (this.late < late - this.eps) return true;
    if (this.late > late + this.eps) return false;
    return this.travel < travel - this.eps;
  }

  /** (late, travel) of the current route is no worse than the given pair (within eps). */
  noWorseThan(late: number, travel: number): boolean {
    if (this.late < late - this.eps) return true;
    if (this.late > late + this.eps) return false;
    return this.travel <= travel + this.eps;
  }
}

function nearestNeighbour(inst: SolverInstance): Int32Array {
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

function sortedBy(inst: SolverInstance, key: (v: number) => [number, number]): Int32Array {
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
function earliestStart(inst: SolverInstance): Int32Array {
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
  for (const x of inst.w) if (Number.isFinite(x) && Math.abs(x) > maxAbs) maxAbs = Math.abs(x);
  const eps = 1e-9 * Math.max(1, maxAbs);

  const starts: Int32Array[] = [nearestNeighbour(inst)];
  if (inst.hasWindows) {
    starts.push(sortedBy(inst, (v) => [inst.hi[v] as number, inst.lo[v] as number]));
    starts.push(sortedBy(inst, (v) => [inst.lo[v] as number, inst.hi[v] as number]));
    starts.push(earliestStart(inst));
  }
  let pool = starts;
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
    pool = [pick];
  }
  let search: RouteSearch | null = null;
  let bestRoute: Int32Array | null = null;
  let bestLate = Infinity;
  let bestTravel = Infinity;
  for (const s of pool) {
    if (search === null) search = new RouteSearch(inst, s, eps);
    else search.load(s);
    search.pushAll();
    search.localSearch(deadline);
    if (bestRoute === null || search.betterThan(bestLate, bestTravel)) {
      bestRoute = Int32Array.from(search.r);
      bestLate = search.late;
      bestTravel = search.travel;
    }
  }
  const s = search as RouteSearch;
  let best = bestRoute as Int32Array;
  s.load(best);
  if (m >= 3 && options.quick !== true) {
    const rand = prng(options.seed * 31 + m);
    const iterations = options.iterations ?? defaultIterations(m, inst.hasWindows);
    for (let it = 0; it < iterations; it++) {
      if ((it & 7) === 7 && performance.now() > deadline) break;
      s.perturb(rand);
      s.localSearch(deadline);
      if (s.noWorseThan(bestLate, bestTravel)) {
        if (s.betterThan(bestLate, bestTravel)) {
          best = Int32Array.from(s.r);
        } else {
          best.set(s.r);
        }
        bestLate = s.late;
        bestTravel = s.travel;
      } else {
        s.load(best);
      }
    }
  }
  s.load(best);
  return { route: Int32Array.from(s.r), travel: s.travel, late: s.late };
}
