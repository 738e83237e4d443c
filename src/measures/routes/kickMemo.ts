/**
 * The outcomes of the iterated local search's kicks (`./solverHeuristic.ts`): a kick (a double
 * bridge or a relocation, drawn from the seeded generator) followed by the local search to its
 * end is a function of the route it starts from and the kick alone, so a kick drawn again from
 * the same route ends where it ended before. The search often comes back to a best route it had
 * (among routes of equal travel), so the outcomes are kept for every start route of a search.
 *
 * @module
 */

/**
 * The routes that kicks (by key) from start routes led to, with their lateness and travel.
 *
 * @example
 * const memo = new KickMemo();
 * memo.clear(4);
 * memo.from(Int32Array.of(0, 1, 2, 3));
 * memo.put(7, Int32Array.of(0, 2, 1, 3), 0, 12);
 * memo.find(7); // → 0 (memo.route(0) is [0, 2, 1, 3], memo.late[0] 0, memo.travel[0] 12)
 * memo.find(8); // → −1
 * memo.from(Int32Array.of(0, 2, 1, 3));
 * memo.find(7); // → −1 (from another start route)
 */
export class KickMemo {
  /** Outcome slot by (start route, kick). */
  private readonly slots = new Map<number, number>();
  /** Start route number by the hash of its nodes (a route whose hash is taken gets a number of its own, not looked up again). */
  private readonly starts = new Map<number, number>();
  private startRoutes = new Int32Array(256);
  private startCount = 0;
  /** The current start route's number. */
  private current = 0;
  private routes = new Int32Array(256);
  /** Lateness of each kept outcome. */
  late: Float64Array<ArrayBuffer> = new Float64Array(16);
  /** Travel of each kept outcome. */
  travel: Float64Array<ArrayBuffer> = new Float64Array(16);
  private len = 0;
  private count = 0;

  /** Forgets every outcome and start route; the routes to come are `len` nodes long. */
  clear(len: number): void {
    this.slots.clear();
    this.starts.clear();
    this.len = len;
    this.count = 0;
    this.startCount = 0;
  }

  /** Kicks from now on are made from `route` (`len` nodes). */
  from(route: Int32Array): void {
    let h = 0x811c9dc5;
    for (let i = 0; i < this.len; i++) h = Math.imul(h ^ route[i]!, 0x01000193);
    const known = this.starts.get(h);
    if (known !== undefined && this.sameStart(known, route)) {
      this.current = known;
      return;
    }
    const id = this.startCount++;
    this.startRoutes = room(this.startRoutes, this.startCount * this.len);
    this.startRoutes.set(route.subarray(0, this.len), id * this.len);
    if (known === undefined) this.starts.set(h, id);
    this.current = id;
  }

  /** The slot of kick `key`'s outcome from the current start route, or −1. */
  find(key: number): number {
    return this.slots.get(this.slotKey(key)) ?? -1;
  }

  /** Kick `key`'s outcome `route` (`len` nodes) from the current start route, with its lateness and travel. */
  put(key: number, route: Int32Array, late: number, travel: number): void {
    const i = this.count++;
    if (this.late.length < this.count) {
      this.late = grow(this.late, this.count);
      this.travel = grow(this.travel, this.count);
    }
    this.routes = room(this.routes, this.count * this.len);
    this.routes.set(route.subarray(0, this.len), i * this.len);
    this.late[i] = late;
    this.travel[i] = travel;
    this.slots.set(this.slotKey(key), i);
  }

  /** The route of slot `i` (a view, valid until the next {@link KickMemo.put}). */
  route(i: number): Int32Array {
    return this.routes.subarray(i * this.len, (i + 1) * this.len);
  }

  /** A number for (current start route, kick key): kick keys are below len³. */
  private slotKey(key: number): number {
    return this.current * this.len * this.len * this.len + key;
  }

  private sameStart(id: number, route: Int32Array): boolean {
    const at = id * this.len;
    for (let i = 0; i < this.len; i++) if (this.startRoutes[at + i] !== route[i]) return false;
    return true;
  }
}

function grow(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

/** `a`, or a copy of it with room for at least `n` elements. */
function room(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}
