import { describe, expect, it } from 'vitest';
import { spread } from '../../src/index.js';

// Values worked by hand: sorted 8, 10, 12, 22; quantiles by linear interpolation between order
// statistics at h = (n − 1)p (R type 7): p10 at h = 0.3 → 8 + 0.3 · 2, q1 at 0.75 → 8 + 0.75 · 2,
// median at 1.5 → 11, q3 at 2.25 → 12 + 0.25 · 10, p90 at 2.7 → 12 + 0.7 · 10; the sample
// standard deviation √((25 + 9 + 1 + 81) / 3).
describe('spread', () => {
  it('gives the figures of values in any order, sorted by value', () => {
    const s = spread([22, 8, 12, 10], 11);
    expect(s).toMatchObject({ n: 4, mean: 13, median: 11, min: 8, max: 22, q1: 9.5, q3: 14.5, iqr: 5, shareAbove20: 0.25, shareAboveTarget: 0.5 });
    expect(s.p10).toBeCloseTo(8.6, 12);
    expect(s.p90).toBeCloseTo(19, 12);
    expect(s.sd).toBeCloseTo(Math.sqrt(116 / 3), 12);
  });

  it('sorts numbers by value, not as text, and keeps the input as it was', () => {
    const values = [100, 9, 20, 3];
    // as text 100 < 20 < 3 < 9: the median would be (20 + 3) / 2
    expect(spread(values).median).toBe(14.5);
    expect(values).toEqual([100, 9, 20, 3]);
  });

  it('gives nulls for no values and no sd for one', () => {
    expect(spread([]).mean).toBeNull();
    expect(spread([5])).toMatchObject({ n: 1, mean: 5, median: 5, sd: null });
  });
});
