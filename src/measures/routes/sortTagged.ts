/**
 * A sort of numbers that carries a tag with each (a radix sort on their bits): the order of
 * `Float64Array#sort`, and where each number came from, so a window's values sorted once give
 * each group's sorted values by a stable pass.
 *
 * @module
 */

/**
 * Bits of a number's key sorted in one pass: 11 (2048 buckets, three passes over each 32-bit half
 * of a key), or 16 from {@link WIDE_FROM} numbers (65,536 buckets, two passes a half: fewer passes
 * over many numbers, where counting the buckets is little beside them).
 */
const BITS = 11, WIDE_BITS = 16;
/** Numbers from which a pass sorts {@link WIDE_BITS} bits. */
const WIDE_FROM = 1 << 16;

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
  const bits = n >= WIDE_FROM ? WIDE_BITS : BITS, halfPasses = Math.ceil(32 / bits);
  const buckets = 1 << bits, mask = buckets - 1;
  // each number's bits as an unsigned key in the numbers' order: the sign bit set for a positive
  // number, every bit flipped for a negative one; and each pass's count of each digit
  const counts = new Int32Array(2 * halfPasses * buckets);
  for (let i = 0; i < n; i++) {
    let lo = a[2 * i + LO]!, hi = a[2 * i + HI]!;
    if ((hi & 0x80000000) !== 0) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else hi = (hi | 0x80000000) >>> 0;
    a[2 * i + LO] = lo;
    a[2 * i + HI] = hi;
    for (let q = 0; q < halfPasses; q++) {
      counts[q * buckets + ((lo >>> (q * bits)) & mask)]!++;
      counts[(halfPasses + q) * buckets + ((hi >>> (q * bits)) & mask)]!++;
    }
  }
  // least significant digit first, each pass stable; a digit every key shares needs no pass
  for (let p = 0; p < 2 * halfPasses; p++) {
    const c = p * buckets, high = p >= halfPasses, shift = (p % halfPasses) * bits;
    let shared = false;
    for (let d = 0; d < buckets && !shared; d++) shared = counts[c + d] === n;
    if (shared) continue;
    for (let d = 0, at = 0; d < buckets; d++) {
      const m = counts[c + d]!;
      counts[c + d] = at;
      at += m;
    }
    for (let i = 0; i < n; i++) {
      const lo = a[2 * i + LO]!, hi = a[2 * i + HI]!;
      const j = counts[c + (((high ? hi : lo) >>> shift) & mask)]!++;
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
