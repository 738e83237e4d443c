/**
 * The local search of the heuristic solver (`./solverHeuristic.ts`): `RouteSearch` holds one
 * route with its prefix sums and (with time windows) its cached schedule, and improves it by
 * 2-opt reversals and Or-opt relocations driven by neighbour lists and a queue of dirty nodes;
 * `perturb` applies the double-bridge kicks of the iterated local search.
 *
 * @module
 */

import { routeLateness, type SolverInstance } from './solverInstance.js';

/** Size of the neighbour lists that drive the local search. */
const NEIGHBOURS = 8;

/** Double-bridge candidates drawn per perturbation with time windows (the first on-time one is used). */
const BRIDGE_TRIES_WITH_WINDOWS = 4;

const REVERSE = 0;
const RELOCATE = 1;

/** A typed array of at least `n` elements: `a` itself when long enough, else a new one (doubled). */
function room<T extends Int32Array | Float64Array | Uint8Array>(a: T, n: number, make: (n: number) => T): T {
  return a.length >= n ? a : make(Math.max(n, 2 * a.length));
}

/**
 * One route under improvement, with its prefix sums, schedule, neighbour lists and queue. One
 * search is kept and {@link RouteSearch.reset} for each instance (its arrays grown as needed):
 * the route arrays are views exactly as long as the route, over buffers kept from one to the next.
 */
export class RouteSearch {
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
  /** The bound of {@link RouteSearch.lateAfterMove} and its result. */
  private bound = 0.5;
  private moveLate = 0.5;
  /** The kick last drawn ({@link RouteSearch.drawKick}): its key (−1: none) and positions. */
  private kick = -1;
  private k1 = 0;
  private k2 = 0;
  private k3 = 0;
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
   * The route's version ({@link RouteSearch.refresh} counts each), and for each move the version
   * at which it was last tried and not taken: a move tried on the same route again would be
   * refused again (whether it is taken depends on the route alone), so it is not tried. Moves by
   * number: a reversal (a, b) at `a · len + b`, a relocation of the segment s … e (1–3 nodes)
   * after position p, reversed or not, at `len² + ((s · 3 + e − s) · len + p) · 2 + rev`.
   */
  private version = 0;
  private refused = new Int32Array(16);
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
   * the cached ones (then the rest is known). Stops early, with a value > `bound`, once the
   * result is sure to exceed `bound` (later starts on the suffix never reduce its lateness). Reads
   * `bound` from {@link RouteSearch.bound} and leaves the lateness in {@link RouteSearch.moveLate}
   * (numbers in fields, not a new heap number for each argument and result of a call).
   */
  private lateAfterMove(kind: number, a: number, b: number, p: number, rev: boolean): void {
    const bound = this.bound;
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
          if (late > bound) {
            this.moveLate = late;
            return;
          }
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
        if (late > bound) {
            this.moveLate = late;
            return;
          }
        t = at;
      } else {
        const l = lo[v] as number;
        t = at > l ? at : l;
      }
      const old = tStart[q] as number;
      const rest = lateEnd - (lateCum[q] as number);
      // Same start → same lateness from here on.
      if (t === old) {
        this.moveLate = late + rest;
        return;
      }
      if (t > old) {
        // Lateness is non-decreasing in the start time: at least the old rest is still to come.
        if (late + rest > bound) {
          this.moveLate = late + rest;
          return;
        }
      } else if (rest === 0) {
        // Earlier than an on-time suffix → stays on time.
        this.moveLate = late;
        return;
      }
      u = v;
    }
    this.moveLate = late;
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

  /**
   * Whether a move with travel change `delta` improves (lateness, travel) lexicographically and
   * the result respects the windows as well as the current route does.
   */
  private improves(delta: number, kind: number, a: number, b: number, p: number, rev: boolean): boolean {
    const eps = this.eps;
    if (!this.windows || this.late <= 0) {
      if (delta >= -eps) return false;
      if (this.windows) {
        this.bound = 0;
        this.lateAfterMove(kind, a, b, p, rev);
        if (this.moveLate > 0) return false;
      }
      return true;
    }
    // Without a travel gain the move must cut lateness, impossible if it changes nothing up to
    // the last late arrival (the prefix keeps all the lateness, the suffix can only add).
    if (delta >= -eps && (kind === REVERSE ? a : p < a ? p + 1 : a) > this.lastLate) return false;
    this.bound = this.late + eps;
    this.lateAfterMove(kind, a, b, p, rev);
    const late = this.moveLate;
    return late < this.late - eps || (late <= this.late + eps && delta < -eps);
  }

  /** Makes a move the current route. */
  private make(kind: number, a: number, b: number, p: number, rev: boolean): void {
    this.fill(kind, a, b, p, rev);
    this.commitFill();
  }

  private swap(): void {
    const t = this.r;
    this.r = this.scratch;
    this.scratch = t;
    const b = this.rBuf;
    this.rBuf = this.sBuf;
    this.sBuf = b;
    this.refresh();
  }

  /** Tries improving moves around node u; returns true (and queues touched nodes) on success. */
  private improveAround(u: number): boolean {
    const { len, k, nb, r, w, size, pos, refused, version } = this;
    const relocations = len * len;
    const last = len - 2; // last free position
    const i = pos[u]!;
    for (let q = 0; q < k; q++) {
      const v = nb[u * k + q]!;
      const j = pos[v]!;
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
          // the segment's own part of the travel change (the same sums, in the same order, for each target)
          const prev = r[s - 1]!, next = r[e + 1]!, first = r[s]!, z = r[e]!;
          const cut = w[prev * size + next]! - w[prev * size + first]! - w[z * size + next]!;
          const inner = sl > 1 ? this.revInner(s, e) : 0;
          for (let side = 0; side < 2; side++) {
            const p = side === 0 ? j : j - 1;
            if (p < 0 || p > len - 2 || (p >= s - 1 && p <= e)) continue;
            const x = r[p]!, y = r[p + 1]!;
            const open = cut - w[x * size + y]!;
            for (let rv = 0; rv < (sl === 1 ? 1 : 2); rv++) {
              const move = relocations + ((s * 3 + sl - 1) * len + p) * 2 + rv;
              if (refused[move] === version) continue;
              const rev = rv === 1;
              // travel change of moving r[s..e] between r[p] and r[p + 1], reversed or not
              const d = rev ? open + (w[x * size + z]! + w[first * size + y]! + inner) : open + (w[x * size + first]! + w[z * size + y]!);
              if (this.improves(d, RELOCATE, s, e, p, rev)) {
                this.make(RELOCATE, s, e, p, rev);
                this.push(prev);
                this.push(first);
                this.push(z);
                this.push(next);
                this.push(x);
                this.push(y);
                return true;
              }
              refused[move] = version;
            }
          }
        }
      }
    }
    return false;
  }

  private tryReverse(a: number, b: number): boolean {
    const move = a * this.len + b;
    if (this.refused[move] === this.version) return false;
    const d = this.revDelta(a, b);
    if (!this.improves(d, REVERSE, a, b, 0, false)) {
      this.refused[move] = this.version;
      return false;
    }
    const r = this.r;
    const t0 = r[a - 1]!, t1 = r[a]!, t2 = r[b]!, t3 = r[b + 1]!;
    this.make(REVERSE, a, b, 0, false);
    this.push(t0);
    this.push(t1);
    this.push(t2);
    this.push(t3);
    return true;
  }
  /** Runs the queue to exhaustion (a local optimum for the neighbourhood); false when cut short by the deadline. */
  localSearch(deadline: number): boolean {
    let steps = 0;
    while (this.qLen > 0) {
      const u = this.queue[this.qHead] as number;
      this.qHead = (this.qHead + 1) % this.size;
      this.qLen--;
      this.inQueue[u] = 0;
      if (this.improveAround(u)) this.push(u);
      if ((++steps & 255) === 0 && performance.now() > deadline) {
        this.clearQueue();
        return false;
      }
    }
    return true;
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
    this.drawKick(rand);
    this.applyKick();
  }

  /**
   * Draws the kick of {@link RouteSearch.perturb} (the same draws of `rand`) without making it, and
   * returns its key: −1 for none, else a number ≥ 0 that tells the kicks of one route length apart.
   * {@link RouteSearch.applyKick} then makes it. The same route and key give the same kicked route.
   */
  drawKick(rand: () => number): number {
    const { len } = this;
    const free = len - 2;
    if (free < 8) {
      const s = 1 + Math.floor(rand() * free);
      const e = s + Math.floor(rand() * Math.min(3, len - 1 - s));
      // the positions 0 … len − 2 but s − 1 … e (all among them)
      const choices = len - 1 - (e - s + 2);
      if (choices <= 0) return (this.kick = -1);
      const at = Math.floor(rand() * choices);
      const p = at < s - 1 ? at : at + (e - s + 2);
      this.k1 = s;
      this.k2 = e;
      this.k3 = p;
      return (this.kick = (s * len + e) * len + p);
    }
    const dst = this.scratch;
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
    this.k1 = bp1;
    this.k2 = bp2;
    this.k3 = bp3;
    return (this.kick = (bp1 * len + bp2) * len + bp3);
  }

  /** Makes the kick last drawn by {@link RouteSearch.drawKick} and queues the nodes it touched. */
  applyKick(): void {
    if (this.kick < 0) return;
    const src = this.r;
    const a = this.k1, b = this.k2, c = this.k3;
    if (this.len - 2 < 8) {
      const t0 = src[a - 1]!, t1 = src[a]!, t2 = src[b]!, t3 = src[b + 1]!, t4 = src[c]!, t5 = src[c + 1]!;
      this.fill(RELOCATE, a, b, c, false);
      this.commitFill();
      this.push6(t0, t1, t2, t3, t4, t5);
      return;
    }
    const t0 = src[a - 1]!, t1 = src[a]!, t2 = src[b - 1]!, t3 = src[b]!, t4 = src[c - 1]!, t5 = src[c]!;
    this.bridge(this.scratch, a, b, c);
    this.swap();
    this.push6(t0, t1, t2, t3, t4, t5);
  }

  private push6(t0: number, t1: number, t2: number, t3: number, t4: number, t5: number): void {
    this.push(t0);
    this.push(t1);
    this.push(t2);
    this.push(t3);
    this.push(t4);
    this.push(t5);
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
