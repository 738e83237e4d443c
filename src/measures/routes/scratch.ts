/**
 * Typed arrays kept from one best-order search to the next: a search's tables are as big as its
 * day, and a new one for each of hundreds of thousands of days was most of the garbage a big
 * log's routes made. Each user owns its own {@link Scratch}; none is used by two searches at once
 * (the searches do not nest a use of the same one).
 *
 * @module
 */

/** Elements past which {@link Scratch.f64} and {@link Scratch.i32} give a new array, not the kept one (1 MB of doubles). */
const KEEP = 1 << 17;

/**
 * One kept array of each kind, grown by doubling; an array of more than {@link KEEP} elements
 * is made new each time (not kept: a rare big day's table would stay in memory).
 *
 * @example
 * const s = new Scratch();
 * const a = s.f64(10, Infinity); // a[0 … 9] are Infinity; a.length may be more
 */
export class Scratch {
  private doubles = new Float64Array(64);
  private ints = new Int32Array(64);

  /** An array of at least `n` doubles, the first `n` set to `fill`. */
  f64(n: number, fill: number): Float64Array {
    if (n > KEEP) return new Float64Array(n).fill(fill);
    if (n > this.doubles.length) this.doubles = new Float64Array(Math.max(n, 2 * this.doubles.length));
    return this.doubles.fill(fill, 0, n);
  }

  /** An array of at least `n` 32-bit integers, the first `n` set to `fill`. */
  i32(n: number, fill: number): Int32Array {
    if (n > KEEP) return new Int32Array(n).fill(fill);
    if (n > this.ints.length) this.ints = new Int32Array(Math.max(n, 2 * this.ints.length));
    return this.ints.fill(fill, 0, n);
  }
}
