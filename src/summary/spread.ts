import { max, mean, min, quantileSorted, sampleStandardDeviation } from 'simple-statistics';

/**
 * Spread of a number over clients (or staff-days): count, mean, median, extremes, quartiles,
 * deciles, standard deviation, interquartile range and the shares above 20 and above a target.
 * Quantiles (median, q1, q3, p10, p90) use linear interpolation between order statistics
 * (R type 7, numpy's default; simple-statistics `quantileSorted`). `sd` is the sample standard
 * deviation (n − 1). Every figure is `null` when n = 0 (and `sd` when n < 2).
 *
 * @example
 * spread([8, 10, 12, 22], 14);
 * // → { n: 4, mean: 13, median: 11, min: 8, max: 22, q1: 9.5, q3: 14.5, p10: 8.6, p90: 19,
 * //     sd: 6.2182, iqr: 5, shareAbove20: 0.25, shareAboveTarget: 0.25 }   (sd rounded here)
 */
export interface Spread {
  n: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  q1: number | null;
  q3: number | null;
  p10: number | null;
  p90: number | null;
  sd: number | null;
  iqr: number | null;
  /** Share (0–1) of values above 20 (Kolada U21436 for staff per client). */
  shareAbove20: number | null;
  /** Share (0–1) of values above the target. */
  shareAboveTarget: number | null;
}

/**
 * The spread measures of a list of values (see {@link Spread}). `target` defaults to 14 (Ånge's
 * goal, the national mean of 2013).
 *
 * @example
 * spread([8, 10, 12, 22]).median; // → 11
 */
export function spread(values: readonly number[], target = 14): Spread {
  // a typed array sorts numbers by value, with no comparator to call
  return spreadOfSorted(Float64Array.from(values).sort(), target);
}

/**
 * {@link spread} of values already sorted ascending, an array or a typed array (no copy is made:
 * a big list of figures can be sorted in place in a `Float64Array`).
 *
 * @example
 * spreadOfSorted(Float64Array.of(22, 8, 12, 10).sort()).median; // → 11
 */
export function spreadOfSorted(sorted: ArrayLike<number>, target = 14): Spread {
  const n = sorted.length;
  if (n === 0) {
    return { n: 0, mean: null, median: null, min: null, max: null, q1: null, q3: null, p10: null, p90: null, sd: null, iqr: null, shareAbove20: null, shareAboveTarget: null };
  }
  // simple-statistics reads any array-like
  const x = sorted as number[];
  const q = (p: number) => quantileSorted(x, p);
  const q1 = q(0.25);
  const q3 = q(0.75);
  let above20 = 0, aboveTarget = 0;
  for (let i = 0; i < n; i++) {
    if (x[i]! > 20) above20++;
    if (x[i]! > target) aboveTarget++;
  }
  return {
    n,
    mean: mean(x),
    median: q(0.5),
    min: min(x),
    max: max(x),
    q1,
    q3,
    p10: q(0.1),
    p90: q(0.9),
    sd: n < 2 ? null : sampleStandardDeviation(x),
    iqr: q3 - q1,
    shareAbove20: above20 / n,
    shareAboveTarget: aboveTarget / n,
  };
}

/**
 * How many values take each whole value, from the smallest to the largest (gaps included with 0).
 *
 * @example
 * histogram([3, 5, 5]); // → [{ value: 3, count: 1 }, { value: 4, count: 0 }, { value: 5, count: 2 }]
 */
export function histogram(values: readonly number[]): { value: number; count: number }[] {
  if (values.length === 0) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const counts = new Array<number>(hi - lo + 1).fill(0);
  for (const v of values) counts[v - lo]!++;
  return counts.map((count, i) => ({ value: lo + i, count }));
}
