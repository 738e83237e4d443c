/**
 * The place, travel and shift fields of a row on the fast path (the route figures read them):
 * plain decimals and times are read where they lie in the buffer, to the same numbers as the
 * general reader gives; a field in any other form sends the row to the general reader, which
 * reads it (or rejects it with its message).
 *
 * @module
 */

import type { ColumnIndex } from '../read/columns.js';
import { plausible, type TimeLimits } from '../read/plausible.js';
import { parseTimeInto, type TimeParseFailure } from '../windows/parse.js';
import type { LocalZone } from '../windows/zone.js';

/** Slots of {@link PlaceReader.values}: NaN in a slot is an empty field (the general reader's null). */
export const LAT = 0;
export const LON = 1;
export const TRAVEL_MINUTES = 2;
export const TRAVEL_KM = 3;
export const SHIFT_START = 4;
export const SHIFT_END = 5;

/** Exact powers of ten (every one up to 10²² is a double). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The value of a plain decimal in `buf[a, b)`: an optional minus, at least one digit, and
 * optionally a point or comma and at least one more digit, at most 15 digits in all. NaN for any
 * other text (the general reader's rule then decides). The value is the double `Number` gives the
 * text (with a comma read as a point): the digits make a whole number below 2⁵³ and the scale a
 * power of ten below 10²³, both exact, so their quotient is correctly rounded.
 *
 * @example
 * plainDecimal(Buffer.from('62,5'), 0, 4); // → 62.5
 * plainDecimal(Buffer.from('1e3'), 0, 3);  // → NaN (left to the general reader)
 */
export function plainDecimal(buf: Uint8Array, a: number, b: number): number {
  let p = a;
  const negative = p < b && buf[p] === 45;
  if (negative) p++;
  let m = 0, whole = 0, fraction = 0, point = false;
  for (; p < b; p++) {
    const c = buf[p]!;
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      if (point) fraction++;
      else whole++;
    } else if ((c === 46 || c === 44) && !point) point = true;
    else return Number.NaN;
  }
  if (whole === 0 || (point && fraction === 0) || whole + fraction > 15) return Number.NaN;
  const v = m / POW10[fraction]!;
  return negative ? -v : v;
}

/**
 * Reads the place, travel and shift fields of the columns a read uses into {@link PlaceReader.values},
 * with the general reader's ranges (latitude −90–90, longitude −180–180, travel 0–1440 minutes
 * and 0–2000 km, shift times plausible).
 *
 * @example
 * const places = new PlaceReader(index, zone, limits);
 * if (places.used && !places.read(buf, starts, ends)) return false; // the general reader takes the row
 * places.values[LAT]; // → 62.53916
 */
export class PlaceReader {
  /** The fields of the row last read, by slot ({@link LAT} …): NaN when empty. */
  readonly values = new Float64Array(6).fill(Number.NaN);
  /** Whether the read uses any of these columns. */
  readonly used: boolean;
  private readonly columns: Int32Array;
  private readonly failure: TimeParseFailure = { code: 'time_format', why: '' };

  constructor(ix: ColumnIndex, private readonly zone: LocalZone, private readonly limits: TimeLimits) {
    this.columns = Int32Array.of(ix.lat, ix.lon, ix.travel_minutes, ix.travel_km, ix.shift_start, ix.shift_end);
    this.used = this.columns.some((c) => c >= 0);
  }

  /** Reads the fields at `starts[c]`–`ends[c]` of `buf`; false when one is in a form or range left to the general reader. */
  read(buf: Uint8Array, starts: Int32Array, ends: Int32Array): boolean {
    const columns = this.columns;
    const values = this.values;
    for (let k = 0; k < 6; k++) {
      const c = columns[k]!;
      if (c < 0 || starts[c] === ends[c]) {
        values[k] = Number.NaN;
        continue;
      }
      if (k >= SHIFT_START) {
        if (!printable(buf[starts[c]!]!) || !printable(buf[ends[c]! - 1]!)) return false; // trimmed by the general reader
        parseTimeInto(values, k, buf, starts[c]!, ends[c]!, this.zone, this.failure);
        if (!plausible(this.limits, values[k]!)) return false; // NaN too
        continue;
      }
      const v = plainDecimal(buf, starts[c]!, ends[c]!);
      values[k] = v;
      if (!(v >= MIN[k]! && v <= MAX[k]!)) return false;
    }
    return true;
  }
}

/** An ASCII byte that is neither white space nor a control character. */
function printable(x: number): boolean {
  return x > 32 && x < 127;
}

/** The general reader's ranges of the decimal fields, by slot. */
const MIN = [-90, -180, 0, 0];
const MAX = [90, 180, 1440, 2000];
