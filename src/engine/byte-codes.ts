/**
 * Byte strings → values for the line scanner (`./line-scanner.ts`): the tables of values by a
 * reader's raw numbers ({@link Codes}, {@link NumberCodes}) and the memo by raw bytes ({@link Memo}).
 *
 * @module
 */

import { gaveUp } from './garbage.js';
import { ByteInterner } from './intern.js';

/** Whether bytes [a, b) of `buf` are all ASCII. */
export function asciiBytes(buf: Uint8Array, a: number, b: number): boolean {
  for (let p = a; p < b; p++) if (buf[p]! >= 0x80) return false;
  return true;
}

/** Computes a value from bytes [a, b) of `buf`, told whether they are all ASCII. */
type FromBytes<T> = (buf: Uint8Array, a: number, b: number, ascii: boolean) => T;

/** The UTF-8 text of bytes [a, b) of `buf`. */
export function utf8(buf: Uint8Array, a: number, b: number): string {
  return Buffer.prototype.toString.call(buf, 'utf8', a, b);
}

/** A reader's raw numbers for distinct byte strings → values computed from their bytes. */
interface CodeTable<T> {
  /** The value of number `r`, whose bytes are [a, b) of `buf`. */
  get(r: number, buf: Uint8Array, a: number, b: number): T;
}

/**
 * Numbers (a reader's raw numbers for distinct byte strings) → a value computed from their bytes
 * (a birth day, an age), computed at the first get of each number, from the bytes it is given
 * then.
 */
export class Codes<T> implements CodeTable<T> {
  private readonly values: (T | undefined)[] = [];

  constructor(private readonly compute: FromBytes<T>) {}

  /** The value of number `r`, whose bytes are [a, b) of `buf`. */
  get(r: number, buf: Uint8Array, a: number, b: number): T {
    const v = this.values[r];
    return v !== undefined ? v : this.first(r, buf, a, b);
  }

  private first(r: number, buf: Uint8Array, a: number, b: number): T {
    const value = this.compute(buf, a, b, asciiBytes(buf, a, b));
    while (this.values.length < r) this.values.push(undefined);
    this.values[r] = value;
    return value;
  }
}

/**
 * {@link Codes} whose values are a consumer's numbers (whole, ≥ 0, below 2³¹), kept in a typed
 * array: 4 bytes a number off the V8 heap, where an array of numbers took 8 on it, and grew by
 * copies the collector had to find (a reading thread's ~200,000 client and staff ids: ~4 MB).
 */
export class NumberCodes implements CodeTable<number> {
  /** By raw number: the value, or -1 not computed yet. */
  private values = new Int32Array(256).fill(-1);

  constructor(private readonly compute: FromBytes<number>) {}

  get(r: number, buf: Uint8Array, a: number, b: number): number {
    const v = r < this.values.length ? this.values[r]! : -1;
    return v >= 0 ? v : this.first(r, buf, a, b);
  }

  private first(r: number, buf: Uint8Array, a: number, b: number): number {
    const value = this.compute(buf, a, b, asciiBytes(buf, a, b));
    if (!(Number.isInteger(value) && value >= 0 && value < 2 ** 31)) throw new Error('a consumer\'s number must be a whole number ≥ 0 below 2³¹');
    if (r >= this.values.length) {
      const bigger = new Int32Array(Math.max(2 * this.values.length, r + 1)).fill(-1);
      bigger.set(this.values);
      gaveUp(this.values.byteLength);
      this.values = bigger;
    }
    this.values[r] = value;
    return value;
  }
}

/** Keys up to this long are remembered by a {@link Memo} that expects repeats. */
const LAST_KEY_BYTES = 32;

/**
 * Raw bytes → a value computed from their text ({@link Codes}), computed once per distinct byte
 * string. With `repeats` (a column of few values, such as a group, kind or role, which often
 * repeats the row before) the last key is kept and compared first.
 */
export class Memo<T> {
  private readonly raw = new ByteInterner();
  private readonly last = new Uint8Array(LAST_KEY_BYTES);
  /** The length of the kept key, -1 when none is kept. */
  private lastLength = -1;
  private lastValue!: T;

  constructor(private readonly codes: CodeTable<T>, private readonly repeats = false) {}

  get(buf: Uint8Array, a: number, b: number): T {
    const n = b - a;
    if (n === this.lastLength) {
      const last = this.last;
      let p = 0;
      while (p < n && buf[a + p] === last[p]) p++;
      if (p === n) return this.lastValue;
    }
    const value = this.codes.get(this.raw.id(buf, a, b), buf, a, b);
    if (this.repeats && n <= LAST_KEY_BYTES) {
      const last = this.last;
      for (let p = 0; p < n; p++) last[p] = buf[a + p]!;
      this.lastLength = n;
      this.lastValue = value;
    }
    return value;
  }
}
