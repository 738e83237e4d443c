/**
 * The seeded sample of staff-days whose best orders are searched (`bestOrderSample`): a key in
 * [0, 1) hashed from (staff id, day, seed), so which days are chosen depends neither on the order
 * the rows were read in nor on threads.
 *
 * @module
 */

import { KontinuitetError } from '../../errors.js';
import { parseDay } from '../../windows/parse.js';
import type { RouteRows } from './rows.js';
import type { StaffDayOrder } from './staffDayOrder.js';

/** The default seed of the sample (`bestOrderSeed`). */
export const DEFAULT_SAMPLE_SEED = 1;

/** A 32-bit finaliser (lowbias32): every input bit flips each output bit with probability about ½. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * FNV-1a of a text's UTF-16 code units (32 bits): the staff part of a key, hashed once per staff member.
 *
 * @example
 * textHash(''); // → 2166136261
 */
export function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * {@link staffDayKey} of a staff member's {@link textHash} and a day number (days since 1970-01-01).
 *
 * @example
 * keyOf(textHash('S1'), 19997, 1) === staffDayKey('S1', '2024-10-01', 1); // → true
 */
export function keyOf(staffHash: number, day: number, seed: number): number {
  const a = mix32(staffHash ^ mix32((day + Math.imul(mix32(seed >>> 0), 0x9e3779b9)) >>> 0));
  const b = mix32(a ^ 0x85ebca6b ^ mix32(day ^ seed));
  return (a * 2 ** 21 + (b >>> 11)) / 2 ** 53;
}

/**
 * The sample key of a staff-day: a number in [0, 1) hashed from the staff id, the local day
 * (`YYYY-MM-DD`) and the seed, uniform over keys; the sample of a window is the staff-days with
 * the smallest keys ({@link sampleMask}).
 *
 * @example
 * staffDayKey('S1', '2024-10-01', 1) === staffDayKey('S1', '2024-10-01', 1); // → true
 */
export function staffDayKey(staff: string, day: string, seed: number): number {
  const d = parseDay(day);
  if (Number.isNaN(d)) throw new KontinuitetError('BAD_OPTION', 'day: must be a date YYYY-MM-DD');
  return keyOf(textHash(staff), d, seed);
}

/**
 * Whether a staff-day falls in a seeded sample of rate `rate` (0 to 1): its {@link staffDayKey}
 * is below the rate, so over many staff-days about `rate` of them do, each independently, and
 * the same ones on every run with the same seed.
 *
 * @example
 * sampledStaffDay('S1', '2024-10-01', 1, 1); // → true (rate 1: every day)
 */
export function sampledStaffDay(staff: string, day: string, seed: number, rate: number): boolean {
  return staffDayKey(staff, day, seed) < rate;
}

/**
 * Which of a window's staff-days are searched: the `limit` with the smallest keys (ties, which
 * 53-bit keys make all but impossible, by position), as a 0/1 mask; null when `limit` is not
 * below the count (every day searched).
 *
 * @example
 * sampleMask(Float64Array.of(0.5, 0.1, 0.9), 2); // → Uint8Array [1, 1, 0]
 */
export function sampleMask(keys: Float64Array, limit: number): Uint8Array | null {
  if (!(limit < keys.length)) return null;
  const mask = new Uint8Array(keys.length);
  if (limit <= 0) return mask;
  const threshold = kthSmallest(Float64Array.from(keys), limit - 1);
  let below = 0;
  for (const k of keys) if (k < threshold) below++;
  let ties = limit - below;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i]! < threshold) mask[i] = 1;
    else if (keys[i] === threshold && ties > 0) { mask[i] = 1; ties--; }
  }
  return mask;
}

/**
 * The value that would stand at place `k` (from 0) of `values` sorted ascending (no NaN), found by
 * selection (Hoare's quickselect, the middle of three as pivot), not a sort: `values` is reordered.
 *
 * @example
 * kthSmallest(Float64Array.of(0.5, 0.1, 0.9, 0.3), 1); // → 0.3
 */
export function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0, hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const a = values[lo]!, b = values[mid]!, c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
    let i = lo, j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    // now [lo, j] ≤ pivot ≤ [i, hi], and anything between equals the pivot
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/**
 * Which of window `w`'s `count` staff-days (in the order of the routes) are searched: a
 * {@link sampleMask} of their keys, or null when every day is (`limit` not below `count`).
 *
 * @example
 * windowSample(rows, order, w, 40, staffNames, 10, 1); // → a mask with ten 1s
 */
export function windowSample(rows: RouteRows, order: StaffDayOrder, w: { fromDay: number; days: number }, count: number, staffNames: readonly string[], limit: number, seed: number): Uint8Array | null {
  if (!(limit < count)) return null;
  const hashes = staffNames.map(textHash);
  const keys = new Float64Array(count);
  let k = 0;
  rows.eachStaffDay(order, w, (s, _a, _b, day) => { keys[k++] = keyOf(hashes[s]!, day, seed); });
  return sampleMask(keys, limit);
}
