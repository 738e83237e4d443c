/**
 * The route of the heuristic solver's local search (`./heuristicSearch.ts`): `RouteState` holds
 * one route with its positions, prefix sums, (with time windows) its cached schedule, neighbour
 * lists and queue of dirty nodes, and makes a move written into its scratch route.
 *
 * @module
 */

import type { SolverInstance } from './solverInstance.js';

/** Size of the neighbour lists that drive the local search. */
const NEIGHBOURS = 8;

/**
 * Kinds of move: a reversal of positions a … b, a relocation of the segment a … b after position p.
 *
 * @example
 * REVERSE; // → 0
 */
export const REVERSE = 0;
/**
 * See {@link REVERSE}.
 *
 * @example
 * RELOCATE; // → 1
 */
export const RELOCATE = 1;

/** A typed array of at least `n` elements: `a` itself when long enough, else a new one (doubled). */
function room<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number, make: (n: number) => T): T {
  return a.length >= n ? a : make(Math.max(n, 2 * a.length));
}

/**
 * One route under improvement, with its prefix sums, schedule, neighbour lists and queue. One
 * is kept and {@link RouteState.reset} for each instance (its arrays grown as needed): the route
 * arrays are views exactly as long as the route, over buffers kept from one to the next.
 *
 * @example
 * const s = new RouteState(inst, route, 1e-9);
 * s.travel; // → the route's travel, summed left to right
 */
export class RouteState {
  inst!: SolverInstance;
  size = 0;
  w!: Float64Array;
  len = 0;
  asym = false;
  windows = false;
  eps = 0;
  r!: Int32Array;
  scratch!: Int32Array;
  pos = new Int32Array(16);
  fwd!: Float64Array;
  bwd!: Float64Array;
  /** Service start time at each position (windows only). */
  tStart!: Float64Array;
  /** Lateness accumulated up to and including each position (windows only). */
  lateCum!: Float64Array;
  /** Changed position range [c0, c1] of the move last written into `scratch`. */
  c0 = 0;
  c1 = 0;
  /** Last position that arrives late (−1 when none). */
  lastLate = -1;
  travel = 0;
  late = 0;
  nb = new Int32Array(16 * NEIGHBOURS);
  k = 0;
  queue = new Int32Array(16);
  inQueue = new Uint8Array(16);
  qHead = 0;
  qLen = 0;
  /** The buffers the route views are made over (`r`'s and `scratch`'s swap with the views). */
  private rBuf = new Int32Array(16);
  private sBuf = new Int32Array(16);
  private fBuf = new Float64Array(16);
  private bBuf = new Float64Array(16);
  private tBuf = new Float64Array(16);
  private lBuf = new Float64Array(16);
  private near = new Int32Array(NEIGHBOURS + 1);
  /**
   * The route's version ({@link RouteState.refresh} counts each), and for each move the version
   * at which it was last tried and not taken: a move tried on the same route again would be
   * refused again (whether it is taken depends on the route alone), so it is not tried. Moves by
   * number: a reversal (a, b) at `a · len + b`, a relocation of the segment s … e (1–3 nodes)
   * after position p, reversed or not, at `len² + ((s · 3 + e − s) · len + p) · 2 + rev`.
   */
  protected version = 0;
  protected refused = new Int32Array(16);
  private nearD = new Float64Array(NEIGHBOURS + 1);

  constructor(inst: SolverInstance, route: Int32Array, eps: number) {
    this.reset(inst, route, eps);
  }

  /** Starts over on `inst` from `route` (head, free nodes…, tail), as a new search would. */
  reset(inst: SolverInstance, route: Int32Array, eps: number): void {
    this.inst = inst;
    this.size = inst.size;
    this.w = inst.w;
    const len = (this.len = route.length);
    this.windows = inst.hasWindows;
    this.eps = eps;
    const i32 = (n: number) => new Int32Array(n), f64 = (n: number) => new Float64Array(n);
    this.rBuf = room(this.rBuf, len, i32);
    this.sBuf = room(this.sBuf, len, i32);
    this.fBuf = room(this.fBuf, len, f64);
    this.bBuf = room(this.bBuf, len, f64);
    this.tBuf = room(this.tBuf, len, f64);
    this.lBuf = room(this.lBuf, len, f64);
    this.r = this.rBuf.subarray(0, len);
    this.r.set(route);
    this.scratch = this.sBuf.subarray(0, len).fill(0);
    this.fwd = this.fBuf.subarray(0, len).fill(0);
    this.bwd = this.bBuf.subarray(0, len).fill(0);
    this.tStart = this.tBuf.subarray(0, this.windows ? len : 0).fill(0);
    this.lateCum = this.lBuf.subarray(0, this.windows ? len : 0).fill(0);
    this.pos = room(this.pos, inst.size, i32);
    this.refused = room(this.refused, 7 * len * len, i32);
    // versions go on from the last search's, so no stamp of it can match
    this.nextVersion();
    this.pos.fill(-1, 0, inst.size);
    this.c0 = this.c1 = 0;
    this.lastLate = -1;
    this.travel = this.late = 0;
    const { size, w } = this;
    let asym = false;
    // Only arcs between free positions are ever reversed.
    for (let a = 1; a < len - 1 && !asym; a++) {
      const u = route[a] as number;
      for (let b = a + 1; b < len - 1; b++) {
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
    this.k = Math.min(len - 1, NEIGHBOURS);
    const k = this.k;
    this.nb = room(this.nb, size * k, i32);
    this.nb.fill(0, 0, size * k);
    const { near, nearD } = this;
    near.fill(0);
    nearD.fill(0);
    for (let a = 0; a < len; a++) {
      const u = route[a] as number;
      let count = 0;
      for (let b = 0; b < len; b++) {
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
    this.queue = room(this.queue, size, i32);
    this.queue.fill(0, 0, size);
    this.inQueue = room(this.inQueue, size, (n) => new Uint8Array(n));
    this.inQueue.fill(0, 0, size);
    this.qHead = this.qLen = 0;
    this.refresh();
  }

  /** A new route version (on a wrap, the stamps are cleared: none can match a version to come). */
  private nextVersion(): void {
    if (++this.version === 0x7fffffff) {
      this.refused.fill(0);
      this.version = 1;
    }
  }

  /** Recomputes positions, prefix sums, travel (exactly, left to right) and lateness. */
  refresh(): void {
    this.nextVersion();
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
  protected fill(kind: number, a: number, b: number, p: number, rev: boolean): void {
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

  /** Makes the move last written by `fill` the current route. */
  protected commitFill(): void {
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

  clearQueue(): void {
    while (this.qLen > 0) {
      this.inQueue[this.queue[this.qHead] as number] = 0;
      this.qHead = (this.qHead + 1) % this.size;
      this.qLen--;
    }
  }

  protected swap(): void {
    const t = this.r;
    this.r = this.scratch;
    this.scratch = t;
    const b = this.rBuf;
    this.rBuf = this.sBuf;
    this.sBuf = b;
    this.refresh();
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
