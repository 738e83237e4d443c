/**
 * A linear map from a data interval to a pixel interval (`range` may run backwards, as the y axis
 * of an SVG does).
 *
 * @example
 * const y = linearScale([0, 20], [200, 0]);
 * y(5); // → 150
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/**
 * Round tick values covering `[lo, hi]`: steps of 1, 2 or 5 times a power of ten, about `count`
 * of them; with `integer`, the step is at least 1.
 *
 * @example
 * niceTicks(0, 23, 5); // → [0, 5, 10, 15, 20, 25]
 * niceTicks(0, 3, 8, true); // → [0, 1, 2, 3]
 */
export function niceTicks(lo: number, hi: number, count = 5, integer = false): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step0 = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const step = integer ? Math.max(1, Math.round(step0)) : step0;
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = first; v < hi + step - 1e-9; v += step) ticks.push(Math.round(v * 1e9) / 1e9);
  return ticks;
}
