/**
 * The outcomes of the iterated local search's kicks from one route (`./solverHeuristic.ts`): a
 * kick (a double bridge or a relocation, drawn from the seeded generator) followed by the local
 * search to its end is a function of the route it starts from and the kick alone, so a kick
 * drawn again from the same route ends where it ended before.
 *
 * @module
 */

/**
 * The routes that kicks (by key) from one start route led to, with their lateness and travel.
 * Emptied whenever the start route changes ({@link KickMemo.clear}).
 *
 * @example
 * const memo = new KickMemo();
 * memo.clear(4);
 * memo.put(7, Int32Array.of(0, 2, 1, 3), 0, 12);
 * memo.find(7); // → 0 (memo.route(0) is [0, 2, 1, 3], memo.late[0] 0, memo.travel[0] 12)
 * memo.find(8); // → −1
 */
export class KickMemo {
  private readonly slots = new Map<number, number>();
  private routes = new Int32Array(256);
  /** Lateness of each kept outcome. */
  late: Float64Array<ArrayBuffer> = new Float64Array(16);
  /** Travel of each kept outcome. */
  travel: Float64Array<ArrayBuffer> = new Float64Array(16);
  private len = 0;
  private count = 0;

  /** Forgets every outcome; the routes to come are `len` nodes long. */
  clear(len: number): void {
    this.slots.clear();
    this.len = len;
    this.count = 0;
  }

  /** The slot of kick `key`'s outcome, or −1. */
  find(key: number): number {
    return this.slots.get(key) ?? -1;
  }

  /** Kick `key`'s outcome `route` (`len` nodes), with its lateness and travel. */
  put(key: number, route: Int32Array, late: number, travel: number): void {
    const i = this.count++;
    if (this.late.length < this.count) {
      this.late = grow(this.late, this.count);
      this.travel = grow(this.travel, this.count);
    }
    if (this.routes.length < this.count * this.len) {
      const r = new Int32Array(Math.max(this.count * this.len, 2 * this.routes.length));
      r.set(this.routes);
      this.routes = r;
    }
    this.routes.set(route, i * this.len);
    this.late[i] = late;
    this.travel[i] = travel;
    this.slots.set(key, i);
  }

  /** The route of slot `i` (a view, valid until the next {@link KickMemo.put}). */
  route(i: number): Int32Array {
    return this.routes.subarray(i * this.len, (i + 1) * this.len);
  }
}

function grow(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}
