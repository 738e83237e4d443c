/**
 * Heuristic solver behind `bestOrder` for instances beyond the exact size: several
 * constructions (nearest neighbour; with time windows also earliest-deadline and
 * earliest-start orders), each improved by 2-opt + Or-opt local search, then iterated local
 * search from the best with deterministic (seeded) double-bridge perturbations.
 *
 * The objective is lexicographic: total lateness first (0 for a feasible route), then travel.
 * Asymmetric costs are handled exactly (the cost of a reversed segment is read from prefix sums
 * of the backward arcs).
 *
 * @module
 */

import { routeLateness, type SolverInstance } from './solverInstance.js';
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
}

/**
 * Default number of iterated-local-search rounds for `m` free nodes: `clamp(40·m, 200, 4000)`
 * without windows, a quarter of that (at least 100) with windows, where each candidate move
 * needs a schedule check.
 *
 * @example
 * defaultIterations(20, false); // → 800
 * defaultIterations(100, false); // → 4000
 */
export function defaultIterations(m: number, windows: boolean): number {
  const base = Math.min(4000, Math.max(200, 40 * m));
  return windows ? Math.max(100, base >> 2) : base;
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
    const nodes = Array.from(route);
    const all = this.len - 1;
    this.k = this.windows ? (all <= 60 ? all : 16) : all <= 30 ? all : 10;
    this.nb = new Int32Array(this.size * this.k);
    for (const u of nodes) {
      const others = nodes.filter((v) => v !== u);
      others.sort((x, y) => {
        const dx = (w[u * size + x] as number) + (w[x * size + u] as number);
        const dy = (w[u * size + y] as number) + (w[y * size + u] as number);
        return dx !== dy ? dx - dy : x - y;
      });
      for (let q = 0; q < this.k; q++) this.nb[u * this.k + q] = others[q] as number;
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
    this.late = this.windows ? routeLateness(this.inst, r, len, Infinity) : 0;
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

  /** Writes the route after a move into `dst`. */
  private build(dst: Int32Array, kind: number, a: number, b: number, p: number, rev: boolean): void {
    const src = this.r;
    const len = this.len;
    if (kind === REVERSE) {
      dst.set(src);
      for (let i = a, j = b; i < j; i++, j--) {
        dst[i] = src[j] as number;
        dst[j] = src[i] as number;
      }
      return;
    }
    // RELOCATE segment [a..b] after position p.
    let o = 0;
    const seg = (): void => {
      if (rev) for (let i = b; i >= a; i--) dst[o++] = src[i] as number;
      else for (let i = a; i <= b; i++) dst[o++] = src[i] as number;
    };
    if (p < a) {
      for (let i = 0; i <= p; i++) dst[o++] = src[i] as number;
      seg();
      for (let i = p + 1; i < a; i++) dst[o++] = src[i] as number;
      for (let i = b + 1; i < len; i++) dst[o++] = src[i] as number;
    } else {
      for (let i = 0; i < a; i++) dst[o++] = src[i] as number;
      for (let i = b + 1; i <= p; i++) dst[o++] = src[i] as number;
      seg();
      for (let i = p + 1; i < len; i++) dst[o++] = src[i] as number;
    }
  }

  /**
   * Tries a move with travel change `delta`; applies it when it improves (lateness, travel)
   * lexicographically and the result respects the windows as well as the current route does.
   */
  private attempt(delta: number, kind: number, a: number, b: number, p: number, rev: boolean): boolean {
    const eps = this.eps;
    if (!this.windows) {
      if (delta >= -eps) return false;
      this.build(this.scratch, kind, a, b, p, rev);
      this.swap();
      return true;
    }
    if (this.late <= 0) {
      if (delta >= -eps) return false;
      this.build(this.scratch, kind, a, b, p, rev);
      if (routeLateness(this.inst, this.scratch, this.len, 0) > 0) return false;
      this.swap();
      return true;
    }
    this.build(this.scratch, kind, a, b, p, rev);
    const late = routeLateness(this.inst, this.scratch, this.len, this.late + eps);
    if (late < this.late - eps || (late <= this.late + eps && delta < -eps)) {
      this.swap();
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
      this.build(dst, RELOCATE, s, e, p, false);
      this.swap();
      for (const t of touched) this.push(t as number);
      return;
    }
    const maxSeg = Math.max(2, Math.min(50, Math.floor(free / 3)));
    const p1 = 1 + Math.floor(rand() * (free - 1)); // 1 … free − 1 so that B and C fit
    const lenB = 1 + Math.floor(rand() * Math.min(maxSeg, len - 2 - p1));
    const p2 = p1 + lenB;
    const lenC = 1 + Math.floor(rand() * Math.min(maxSeg, len - 1 - p2));
    const p3 = p2 + lenC; // ≤ len − 1
    const touched = [src[p1 - 1], src[p1], src[p2 - 1], src[p2], src[p3 - 1], src[p3]];
    let o = 0;
    for (let i = 0; i < p1; i++) dst[o++] = src[i] as number;
    for (let i = p2; i < p3; i++) dst[o++] = src[i] as number;
    for (let i = p1; i < p2; i++) dst[o++] = src[i] as number;
    for (let i = p3; i < len; i++) dst[o++] = src[i] as number;
    this.swap();
    for (const t of touched) this.push(t as number);
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
 * const inst = makeInstance(cost, { start: 0, closed: true });
 * const r = heuristicRoute(inst, { seed: 1, timeLimitMs: 1000 });
 * r.route[0]; // → 0 (the head), and r.route[r.route.length - 1] is the virtual tail
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
  let search: RouteSearch | null = null;
  let bestRoute: Int32Array | null = null;
  let bestLate = Infinity;
  let bestTravel = Infinity;
  for (const s of starts) {
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
  if (m >= 3) {
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
