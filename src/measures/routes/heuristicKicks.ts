/**
 * The kicks of the heuristic solver's iterated local search (`./solverHeuristic.ts`): a double
 * bridge on the free positions (segments B and C swapped), or a random relocation when the route
 * is short, drawn from a seeded generator.
 *
 * @module
 */

import { routeLateness } from './solverInstance.js';
import { RELOCATE, RouteState } from './heuristicState.js';

/** Double-bridge candidates drawn per perturbation with time windows (the first on-time one is used). */
const BRIDGE_TRIES_WITH_WINDOWS = 4;

/**
 * A {@link RouteState} that can be kicked: {@link KickedRoute.drawKick} draws a kick, and
 * {@link KickedRoute.applyKick} makes it.
 *
 * @example
 * const s = new KickedRoute(inst, route, 1e-9);
 * s.perturb(rand); // the route kicked, the touched nodes queued
 */
export class KickedRoute extends RouteState {
  /** The kick last drawn ({@link KickedRoute.drawKick}): its key (−1: none) and positions. */
  private kick = -1;
  private k1 = 0;
  private k2 = 0;
  private k3 = 0;

  /** Double bridge on the free positions (segments B and C swapped), or a random relocation when short. */
  perturb(rand: () => number): void {
    this.drawKick(rand);
    this.applyKick();
  }

  /**
   * Draws the kick of {@link KickedRoute.perturb} (the same draws of `rand`) without making it, and
   * returns its key: −1 for none, else a number ≥ 0 that tells the kicks of one route length apart.
   * {@link KickedRoute.applyKick} then makes it. The same route and key give the same kicked route.
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

  /** Makes the kick last drawn by {@link KickedRoute.drawKick} and queues the nodes it touched. */
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
}
