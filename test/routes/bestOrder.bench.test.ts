/**
 * Timing report for bestOrder (console only; nothing here asserts a time). Run with
 *   npx vitest run --config test/vitest.config.ts test/routes/bestOrder.bench.test.ts
 * and read the "[bench]" lines: mean and max wall time per call, and mean CPU time (less
 * sensitive to other load on the machine), after a warm-up.
 */
import { describe, expect, it } from 'vitest';
import { bestOrder, type BestOrderOptions } from '../../src/measures/routes/bestOrder.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

type Kind = 'plain' | 'windows' | 'overloaded';

/**
 * A home-care-like day: n stops (stop 0 the office) in a 10 × 10 km area, travel minutes
 * ≈ 2 × km + 3, closed tour. With windows: the office is open 07:00–20:00 (minutes from
 * midnight); visits get service times around 200/n minutes and, for 70 % of them, a window of
 * −45…+90 min around their time in a random reference order (so that order is on time);
 * 'overloaded' doubles the service times and closes the office at 16:00.
 */
function day(n: number, seed: number, kind: Kind): { cost: number[][]; options: BestOrderOptions } {
  const r = lcg(seed * 7919 + n);
  const pts = Array.from({ length: n }, () => [r() * 10, r() * 10] as const);
  const cost = pts.map(([x1, y1], i) => pts.map(([x2, y2], j) => (i === j ? 0 : Math.round(2 * Math.hypot(x1 - x2, y1 - y2) + 3))));
  const options: BestOrderOptions = { closed: true };
  if (kind === 'plain') return { cost, options };
  const factor = kind === 'overloaded' ? 2 : 1;
  const service = [0, ...Array.from({ length: n - 1 }, () => Math.round(factor * (200 / n) * (0.5 + r())))];
  const perm = Array.from({ length: n - 1 }, (_, i) => i + 1).sort(() => r() - 0.5);
  const timeWindows: [number, number][] = new Array(n);
  timeWindows[0] = [420, kind === 'overloaded' ? 960 : 1200];
  let t = 420;
  let u = 0;
  for (const v of perm) {
    t += service[u]! + cost[u]![v]!;
    timeWindows[v] = r() < 0.3 ? [420, 1200] : [Math.max(420, t - Math.round(r() * 45)), t + Math.round(r() * 90)];
    u = v;
  }
  options.timeWindows = timeWindows;
  options.service = service;
  return { cost, options };
}

function measure(n: number, kind: Kind, reps: number) {
  for (let k = 0; k < 3; k++) {
    const d = day(n, 1000 + k, kind);
    bestOrder(d.cost, d.options);
  }
  let wall = 0;
  let cpu = 0;
  let max = 0;
  let feasible = 0;
  let exact = 0;
  for (let k = 1; k <= reps; k++) {
    const d = day(n, k, kind);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = bestOrder(d.cost, d.options);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    wall += ms;
    cpu += (c.user + c.system) / 1000;
    max = Math.max(max, ms);
    if (res.feasible) feasible++;
    if (res.exact) exact++;
  }
  return { wall: wall / reps, cpu: cpu / reps, max, feasible, exact };
}

describe('bestOrder timings', () => {
  for (const kind of ['plain', 'windows', 'overloaded'] as const) {
    for (const n of [8, 10, 12, 13, 20, 30]) {
      it(`n=${n} ${kind}`, () => {
        const reps = 20;
        const t = measure(n, kind, reps);
        console.log(
          `[bench] n=${String(n).padStart(2)} ${kind.padEnd(10)} mean=${t.wall.toFixed(2)}ms cpu=${t.cpu.toFixed(2)}ms max=${t.max.toFixed(2)}ms exact=${t.exact}/${reps} feasible=${t.feasible}/${reps}`,
        );
        expect(t.exact).toBe(n <= 12 ? reps : 0);
      });
    }
  }
});
