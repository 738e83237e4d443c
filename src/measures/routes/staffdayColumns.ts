/**
 * Columns of {@link StaffDays} kept smaller than a number a day where the numbers allow it, each
 * giving back exactly the number kept: whole numbers in 4 bytes, and figures most days lack kept
 * only for the days that have them.
 *
 * @module
 */

/**
 * A number of each staff-day kept as a whole number of `unit`s in an Int32Array while every
 * number kept is one (−0 and NaN are not), else as it is in a Float64Array (from the first that
 * is not; the numbers kept before are copied there).
 *
 * @example
 * const start = new WholeColumn(2, 60_000); // epoch ms, kept in whole minutes
 * start.set(0, 1727773200000);
 * start.get(0); // → 1727773200000
 */
export class WholeColumn {
  private whole: Int32Array | null;
  private any: Float64Array | null = null;

  constructor(length: number, private readonly unit: number) {
    this.whole = new Int32Array(length);
  }

  get(k: number): number {
    const whole = this.whole;
    return whole !== null ? whole[k]! * this.unit : this.any![k]!;
  }

  set(k: number, x: number): void {
    const whole = this.whole;
    if (whole !== null) {
      const q = x / this.unit;
      if ((q | 0) === q && q * this.unit === x && !Object.is(x, -0)) {
        whole[k] = q;
        return;
      }
      const unit = this.unit;
      this.any = Float64Array.from(whole, (w) => w * unit);
      this.whole = null;
    }
    this.any![k] = x;
  }
}

/**
 * A count of each staff-day kept in a Uint16Array while every number kept is a whole number
 * 0 … 65,535 (−0 is not), else as it is in a Float64Array (from the first that is not; the
 * numbers kept before are copied there).
 *
 * @example
 * const visits = new CountColumn(2);
 * visits.set(0, 7);
 * visits.set(1, 70_000); // a Float64Array from here on
 * [visits.get(0), visits.get(1)]; // → [7, 70000]
 */
export class CountColumn {
  private small: Uint16Array | null;
  private any: Float64Array | null = null;

  constructor(length: number) {
    this.small = new Uint16Array(length);
  }

  get(k: number): number {
    const small = this.small;
    return small !== null ? small[k]! : this.any![k]!;
  }

  set(k: number, x: number): void {
    const small = this.small;
    if (small !== null) {
      if ((x & 0xffff) === x && !Object.is(x, -0)) {
        small[k] = x;
        return;
      }
      this.any = Float64Array.from(small);
      this.small = null;
    }
    this.any![k] = x;
  }
}

/** Days' figures in a chunk of {@link SparseFigures}. */
const CHUNK_DAYS = 4096;

/**
 * `width` numbers of each staff-day, kept only for the days with one that is not NaN (the others
 * read NaN): a day's place in chunks of {@link CHUNK_DAYS} days, so a window whose days mostly
 * lack them (a sample's best orders) keeps 4 bytes a day, and one whose days all have them 4 more.
 *
 * @example
 * const best = new SparseFigures(3, 2);
 * best.set(1, 0, 25); // day 1's first figure
 * [best.get(1, 0), best.get(1, 1), best.get(0, 0)]; // → [25, NaN, NaN]
 */
export class SparseFigures {
  /** Each day's place: 0 none, else 1 + its number among the days kept. */
  private readonly place: Int32Array;
  private readonly chunks: Float64Array[] = [];
  private kept = 0;

  constructor(length: number, private readonly width: number) {
    this.place = new Int32Array(length);
  }

  get(k: number, i: number): number {
    const p = this.place[k]! - 1;
    return p < 0 ? Number.NaN : this.chunks[Math.floor(p / CHUNK_DAYS)]![this.width * (p % CHUNK_DAYS) + i]!;
  }

  set(k: number, i: number, x: number): void {
    let p = this.place[k]! - 1;
    if (p < 0) {
      if (Number.isNaN(x)) return;
      p = this.kept++;
      this.place[k] = p + 1;
      if (p % CHUNK_DAYS === 0) this.chunks.push(new Float64Array(this.width * CHUNK_DAYS).fill(Number.NaN));
    }
    this.chunks[Math.floor(p / CHUNK_DAYS)]![this.width * (p % CHUNK_DAYS) + i] = x;
  }
}
