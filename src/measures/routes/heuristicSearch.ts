/**
 * The local search of the heuristic solver (`./solverHeuristic.ts`): `RouteSearch` improves its
 * route (`./heuristicState.ts`) by 2-opt reversals and Or-opt relocations driven by neighbour
 * lists and a queue of dirty nodes; the kicks of the iterated local search are
 * `./heuristicKicks.ts`'s.
 *
 * @module
 */

import { KickedRoute } from './heuristicKicks.js';
import { RELOCATE, REVERSE, type RouteState } from './heuristicState.js';

/**
 * One route under improvement ({@link RouteState}, kicked as a {@link KickedRoute}) and its local
 * search. One search is kept and {@link RouteState.reset} for each instance.
 *
 * @example
 * const s = new RouteSearch(inst, route, 1e-9);
 * s.pushAll();
 * s.localSearch(Infinity); // → true; s.r is a local optimum
 */
export class RouteSearch extends KickedRoute {
  /** The bound of {@link RouteSearch.lateAfterMove} and its result. */
  private bound = 0.5;
  private moveLate = 0.5;

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
}
