/**
 * A sort of numbers that carries a tag with each (a radix sort on their bits): the order of
 * `Float64Array#sort`, and where each number came from, so a window's values sorted once give
 * each group's sorted values by a stable pass.
 *
 * @module
 */

/** Bits of a number's key sorted in one pass (2048 buckets). */
const BITS = 11;
const BUCKETS = 1 << BITS, MASK = BUCKETS - 1;
/** Passes over each 32-bit half of a key. */
const HALF_PASSES = 3;

/**
 * Sorts `values[0 … n − 1]` ascending as `Float64Array#sort` does (−0 before +0; no NaN among
 * them), `tags[i]` moved with `values[i]`, equal values in their first order. The sorted values
 * and tags are in `values` and `tags` or in `spare` and `spareTags` (all of length ≥ n): given
 * back, with the other two (free).
 *
 * @example
 * const v = Float64Array.of(3, -1, 2), t = Int32Array.of(0, 1, 2);
 * const s = sortTagged(v, t, 3, new Float64Array(3), new Int32Array(3));
 * [Array.from(s.values.subarray(0, 3)), Array.from(s.tags.subarray(0, 3))]; // → [[-1, 2, 3], [1, 2, 0]]
 */
export function sortTagged(values: Float64Array, tags: Int32Array, n: number, spare: Float64Array, spareTags: Int32Array) {
  let from = values, to = spare, fromTags = tags, toTags = spareTags;
  let a = words(from), b = words(to);
  // each number's bits as an unsigned key in the numbers' order: the sign bit set for a positive
  // number, every bit flipped for a negative one; and each pass's count of each digit
  const counts = new Int32Array(2 * HALF_PASSES * BUCKETS);
  for (let i = 0; i < n; i++) {
    let lo = a[2 * i + LO]!, hi = a[2 * i + HI]!;
    if ((hi & 0x80000000) !== 0) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else hi = (hi | 0x80000000) >>> 0;
    a[2 * i + LO] = lo;
    a[2 * i + HI] = hi;
    // (the three digits of each half: BITS = 11)
    counts[lo & MASK]!++;
    counts[BUCKETS + ((lo >>> BITS) & MASK)]!++;
    counts[2 * BUCKETS + (lo >>> (2 * BITS))]!++;
    counts[3 * BUCKETS + (hi & MASK)]!++;
    counts[4 * BUCKETS + ((hi >>> BITS) & MASK)]!++;
    counts[5 * BUCKETS + (hi >>> (2 * BITS))]!++;
  }
  // least significant digit first, each pass stable; a digit every key shares needs no pass
  for (let p = 0; p < 2 * HALF_PASSES; p++) {
    const c = p * BUCKETS, high = p >= HALF_PASSES, shift = (p % HALF_PASSES) * BITS;
    let shared = false;
    for (let d = 0; d < BUCKETS && !shared; d++) shared = counts[c + d] === n;
    if (shared) continue;
    for (let d = 0, at = 0; d < BUCKETS; d++) {
      const m = counts[c + d]!;
      counts[c + d] = at;
      at += m;
    }
    for (let i = 0; i < n; i++) {
      const lo = a[2 * i + LO]!, hi = a[2 * i + HI]!;
      const j = counts[c + (((high ? hi : lo) >>> shift) & MASK)]!++;
      b[2 * j + LO] = lo;
      b[2 * j + HI] = hi;
      toTags[j] = fromTags[i]!;
    }
    [from, to, fromTags, toTags, a, b] = [to, from, toTags, fromTags, b, a];
  }
  // the keys back to numbers
  for (let i = 0; i < n; i++) {
    const lo = a[2 * i + LO]!, hi = a[2 * i + HI]!;
    if ((hi & 0x80000000) !== 0) a[2 * i + HI] = (hi & 0x7fffffff) >>> 0;
    else {
      a[2 * i + HI] = ~hi >>> 0;
      a[2 * i + LO] = ~lo >>> 0;
    }
  }
  return { values: from, tags: fromTags, spare: to, spareTags: toTags };
}

/** Where a number's low and high 32-bit halves are among its two words (the platform's byte order). */
const LO = new Uint32Array(Float64Array.of(1).buffer)[0] === 0 ? 0 : 1, HI = 1 - LO;

/** The 32-bit halves of a Float64Array's numbers. */
const words = (x: Float64Array): Uint32Array => new Uint32Array(x.buffer, x.byteOffset, 2 * x.length);
