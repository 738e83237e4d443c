import { describe, expect, it } from 'vitest';
import { sortTagged } from '../../src/measures/routes/sortTagged.js';

describe('sortTagged: numbers sorted with a tag each', () => {
  it('sorts as Float64Array#sort, equal numbers keeping their order with their tags', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = [0, -0, 1, -1, 0.1, 1e-300, -1e300, Infinity, -Infinity, 5e-324, 2.5];
    const n = 5000;
    const v = Float64Array.from({ length: n }, () => (random() < 0.3 ? pick[Math.floor(random() * pick.length)]! : (random() - 0.5) * 10 ** Math.floor(random() * 20 - 10)));
    const t = Int32Array.from({ length: n }, (_, i) => i);
    const expected = Array.from(v.slice().sort());
    // by an independent method: indices sorted by number (−0 first), ties by index
    const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => v[i]! - v[j]! || (Object.is(v[i], -0) ? 0 : 1) - (Object.is(v[j], -0) ? 0 : 1) || i - j);
    const s = sortTagged(v.slice(), t, n, new Float64Array(n), new Int32Array(n));
    expect(Array.from(s.values.subarray(0, n))).toEqual(expected);
    expect(Object.is(s.values[expected.indexOf(0)], -0)).toBe(true);
    expect(Array.from(s.tags.subarray(0, n))).toEqual(order);
  });

  it('sorts a few numbers by hand, the rest of the arrays left as they are', () => {
    const s = sortTagged(Float64Array.of(3, -1, 2, 9), Int32Array.of(0, 1, 2, 3), 3, new Float64Array(4), new Int32Array(4));
    expect([Array.from(s.values.subarray(0, 3)), Array.from(s.tags.subarray(0, 3))]).toEqual([[-1, 2, 3], [1, 2, 0]]);
  });
});
