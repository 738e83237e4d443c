/**
 * The byte pieces of a file that several reader threads share out as they go. Each piece is read
 * by one thread, which claims its bytes one unit at a time from the front; a thread that has
 * finished its own piece takes the back half of the units nobody has claimed yet from the piece
 * with the most left (a new piece, which others may in turn split). So a thread that runs slower
 * (started later, shares its core, meets slower rows) is relieved, and all finish near together.
 *
 * Pieces are cut at unit boundaries; a boundary X gives the lines that start before C(X) to the
 * piece on its left and the rest to the right, where C(X) = X when byte X − 1 is a line break,
 * else the byte after the first line break at or after X. A reader starts at C(from) and, after
 * its last unit, reads on to C(to): together the pieces hold every line once, in file order when
 * sorted by `from`.
 *
 * The table lives in a SharedArrayBuffer (sent to each worker); claims and splits are atomic
 * compare-and-swaps on one 64-bit word per piece: next unit (low 32 bits) and stop unit (high).
 *
 * @example
 * const table = WorkTable.create([{ from: 100, to: 8292 }], 1024); // one piece of 8 units
 * table.claim(0);   // → 100: bytes [100, 1124) are this thread's
 * table.steal(2);   // → 1: a new piece, the back 3 of the 7 units left
 * table.piece(1);   // → { from: 5220, to: 8292 }
 * table.end(0);     // → 5220: piece 0's reader stops there (and reads on to the next line break)
 */
export class WorkTable {
  /** Per piece: next unit to claim (low 32 bits) and the unit it stops before (high 32 bits). */
  private readonly state: BigInt64Array;
  /** Per piece: its first and last byte + 1. */
  private readonly bounds: Float64Array;
  /** [0]: pieces allocated; then per piece 1 once it may be read (its bounds and state are set). */
  private readonly flags: Int32Array;

  /** `shared`: {@link WorkTable.shared} of a table made by {@link WorkTable.create} (maybe in another thread). */
  constructor(readonly shared: SharedArrayBuffer, readonly unit: number) {
    const capacity = Math.floor(shared.byteLength / BYTES_PER_PIECE);
    this.state = new BigInt64Array(shared, 0, capacity);
    this.bounds = new Float64Array(shared, 8 * capacity, 2 * capacity);
    this.flags = new Int32Array(shared, 24 * capacity, capacity + 1);
  }

  /**
   * A table whose first pieces are `ranges` (piece k: range k), claimed `unit` bytes at a time,
   * with room for `capacity` pieces in all (splits stop when it is full).
   */
  static create(ranges: readonly { from: number; to: number }[], unit: number, capacity = 256): WorkTable {
    if (!(Number.isInteger(unit) && unit >= 1)) throw new RangeError('unit: a whole number of bytes ≥ 1');
    // a piece's unit numbers live in 32 bits of its state word
    if (ranges.some((r) => Math.ceil((r.to - r.from) / unit) > MAX_UNITS)) throw new RangeError(`unit: a range has more than ${MAX_UNITS} units`);
    const table = new WorkTable(new SharedArrayBuffer(BYTES_PER_PIECE * Math.max(capacity, ranges.length) + 4), unit);
    ranges.forEach((r, k) => table.publish(k, r.from, r.to));
    Atomics.store(table.flags, 0, ranges.length);
    return table;
  }

  /** How many pieces there are (including ones not ready yet). */
  get pieces(): number {
    return Math.min(Atomics.load(this.flags, 0), this.state.length);
  }

  /** Whether piece `p` has been made (a place taken by a split that found nothing to split never is). */
  ready(p: number): boolean {
    return Atomics.load(this.flags, p + 1) === 1;
  }

  /** Units claimed so far over every piece: grows while any thread reads (a sign of progress). */
  claimed(): number {
    let n = 0;
    for (let p = 0; p < this.pieces; p++) if (this.ready(p)) n += Number(Atomics.load(this.state, p) & LOW);
    return n;
  }

  /** The bytes piece `p` was made with (its `to` may since have been cut: {@link WorkTable.end}). */
  piece(p: number): { from: number; to: number } {
    return { from: this.bounds[2 * p]!, to: this.bounds[2 * p + 1]! };
  }

  /** Claims the next unit of piece `p` for its reader: the unit's first byte, or -1 when none is left. */
  claim(p: number): number {
    for (;;) {
      const old = Atomics.load(this.state, p);
      const next = Number(old & LOW);
      if (next >= Number(old >> 32n)) return -1;
      if (Atomics.compareExchange(this.state, p, old, old + 1n) === old) return this.bounds[2 * p]! + next * this.unit;
    }
  }

  /** The end of the units of piece `p` once its reader has claimed them all (a unit boundary, or `to`). */
  end(p: number): number {
    const stop = Number(Atomics.load(this.state, p) >> 32n);
    const { from, to } = this.piece(p);
    return Math.min(to, from + stop * this.unit);
  }

  /**
   * Splits off the back half of the unclaimed units of the piece with the most left, when it has
   * at least `minUnits`: returns the new piece (for the caller to read), or -1 when no piece has
   * that many (or the table is full).
   */
  steal(minUnits: number): number {
    // a place for the new piece first: once a piece is cut, its back half must be published
    const at = Atomics.add(this.flags, 0, 1);
    if (at >= this.state.length) return -1;
    for (;;) {
      let victim = -1;
      let most = Math.max(2, minUnits) - 1;
      let seen = 0n;
      for (let p = 0; p < this.pieces; p++) {
        if (!this.ready(p)) continue;
        const s = Atomics.load(this.state, p);
        const left = Number(s >> 32n) - Number(s & LOW);
        if (left > most) [victim, most, seen] = [p, left, s];
      }
      if (victim < 0) {
        // give the place back unless another split took the next one meanwhile (then it stays unused: never ready, never read)
        Atomics.compareExchange(this.flags, 0, at + 1, at);
        return -1;
      }
      const next = Number(seen & LOW);
      const stop = Number(seen >> 32n);
      const cut = stop - Math.floor((stop - next) / 2);
      // claimed or cut by another thread meanwhile: look again
      if (Atomics.compareExchange(this.state, victim, seen, (BigInt(cut) << 32n) | BigInt(next)) !== seen) continue;
      const { from, to } = this.piece(victim);
      this.publish(at, from + cut * this.unit, Math.min(to, from + stop * this.unit));
      return at;
    }
  }

  /** Sets piece `at` to bytes [from, to), none claimed, and marks it ready. */
  private publish(at: number, from: number, to: number): void {
    this.bounds[2 * at] = from;
    this.bounds[2 * at + 1] = to;
    Atomics.store(this.state, at, BigInt(Math.ceil((to - from) / this.unit)) << 32n);
    Atomics.store(this.flags, at + 1, 1);
  }
}

const LOW = 0xffffffffn;
/**
 * The most units a piece may have (its next and stop unit are 32-bit halves of one word).
 *
 * @example
 * WorkTable.create([{ from: 0, to: size }], Math.max(unit, Math.ceil(size / MAX_UNITS)));
 */
export const MAX_UNITS = 2 ** 31 - 1;
/** Per piece: the state word (8 bytes), the bounds (16) and the ready flag (4); the count of pieces takes 4 more. */
const BYTES_PER_PIECE = 8 + 16 + 4;
