import { describe, expect, it } from 'vitest';
import { KontinuitetError } from '../../src/errors.js';
import { bestOrder, type BestOrderOptions } from '../../src/measures/routes/bestOrder.js';
import { bruteForce, evaluateOrder } from './bruteForce.js';

// Asymmetric 4-stop matrix used by several hand-computed cases.
//        to: 0  1  2  3
const A = [
  [0, 3, 8, 5], // from 0
  [4, 0, 2, 7], // from 1
  [6, 9, 0, 1], // from 2
  [2, 6, 4, 0], // from 3
];

describe('bestOrder: hand-computed small cases', () => {
  it('open path from 0 (asymmetric)', () => {
    // 0-1-2-3: 3+2+1 = 6   0-1-3-2: 3+7+4 = 14   0-2-1-3: 8+9+7 = 24
    // 0-2-3-1: 8+1+6 = 15  0-3-1-2: 5+6+2 = 13   0-3-2-1: 5+4+9 = 18   → [0,1,2,3], 6
    expect(bestOrder(A)).toEqual({ order: [0, 1, 2, 3], cost: 6, exact: true, feasible: true });
  });

  it('open path from another start', () => {
    // from 3: 3-0-1-2: 2+3+2 = 7   3-0-2-1: 2+8+9 = 19   3-1-0-2: 6+4+8 = 18
    //         3-1-2-0: 6+2+6 = 14  3-2-0-1: 4+6+3 = 13   3-2-1-0: 4+9+4 = 17   → [3,0,1,2], 7
    expect(bestOrder(A, { start: 3 })).toEqual({ order: [3, 0, 1, 2], cost: 7, exact: true, feasible: true });
  });

  it('closed tour (asymmetric), start 2', () => {
    // Directed cycles through 0: 0-1-2-3-0: 3+2+1+2 = 8   0-1-3-2-0: 3+7+4+6 = 20
    // 0-2-1-3-0: 8+9+7+2 = 26   0-2-3-1-0: 8+1+6+4 = 19   0-3-1-2-0: 5+6+2+6 = 19
    // 0-3-2-1-0: 5+4+9+4 = 22  → cycle 0→1→2→3→0 (8), read from 2: [2,3,0,1]
    expect(bestOrder(A, { start: 2, closed: true })).toEqual({ order: [2, 3, 0, 1], cost: 8, exact: true, feasible: true });
  });

  it('fixed end', () => {
    // 0 → {1,3} → 2: 0-1-3-2: 3+7+4 = 14   0-3-1-2: 5+6+2 = 13   → [0,3,1,2], 13
    expect(bestOrder(A, { end: 2 })).toEqual({ order: [0, 3, 1, 2], cost: 13, exact: true, feasible: true });
  });

  it('closed tour (symmetric) — either direction of the best cycle', () => {
    // d01=2 d02=9 d03=10 d12=6 d13=4 d23=3
    // 0-1-2-3-0: 2+6+3+10 = 21   0-1-3-2-0: 2+4+3+9 = 18   0-2-1-3-0: 9+6+4+10 = 29
    const S = [
      [0, 2, 9, 10],
      [2, 0, 6, 4],
      [9, 6, 0, 3],
      [10, 4, 3, 0],
    ];
    const res = bestOrder(S, { closed: true });
    expect(res.cost).toBe(18);
    expect([[0, 1, 3, 2], [0, 2, 3, 1]]).toContainEqual(res.order);
    expect(res.exact).toBe(true);
  });

  it('a fixed end equal to the start means a closed tour', () => {
    expect(bestOrder(A, { end: 0 })).toEqual(bestOrder(A, { closed: true }));
    // `end` is ignored for a closed tour.
    expect(bestOrder(A, { closed: true, end: 2 })).toEqual(bestOrder(A, { closed: true }));
  });

  it('time windows make the shortest order infeasible', () => {
    // Symmetric, 5 stops, end fixed at 4. Stop 1 opens at 10; stop 4 must be reached by 15.
    const D = [
      [0, 1, 4, 4, 5],
      [1, 0, 3, 3, 4],
      [4, 3, 0, 2, 3],
      [4, 3, 2, 0, 2],
      [5, 4, 3, 2, 0],
    ];
    const timeWindows: [number, number][] = [[0, 100], [10, 100], [0, 100], [0, 100], [0, 15]];
    // Arrival times (service start after waiting), all orders 0 → {1,2,3} → 4:
    // 0-1-2-3-4: travel 8;  1@1→10, 2@13, 3@15, 4@17 > 15 ✗
    // 0-1-3-2-4: travel 9;  1@10, 3@13, 2@15, 4@18 ✗
    // 0-2-1-3-4: travel 12; 2@4, 1@7→10, 3@13, 4@15 ✓
    // 0-2-3-1-4: travel 13; 2@4, 3@6, 1@9→10, 4@14 ✓
    // 0-3-1-2-4: travel 13; 3@4, 1@7→10, 2@13, 4@16 ✗
    // 0-3-2-1-4: travel 13; 3@4, 2@6, 1@9→10, 4@14 ✓
    expect(bestOrder(D, { end: 4 })).toEqual({ order: [0, 1, 2, 3, 4], cost: 8, exact: true, feasible: true });
    expect(bestOrder(D, { end: 4, timeWindows })).toEqual({ order: [0, 2, 1, 3, 4], cost: 12, exact: true, feasible: true });
    // The heuristic finds the same here, but does not claim optimality.
    expect(bestOrder(D, { end: 4, timeWindows, exactUpTo: 0 })).toEqual({ order: [0, 2, 1, 3, 4], cost: 12, exact: false, feasible: true });
  });

  it('service times and the start time shift the schedule', () => {
    // d01 = 10, d12 = 10, d02 = 12; service 30 at stop 1; stop 2 must be reached by 52.
    const C = [
      [0, 10, 12],
      [10, 0, 10],
      [12, 10, 0],
    ];
    const base: BestOrderOptions = { timeWindows: [[0, 100], [0, 100], [0, 52]], service: [0, 30, 0] };
    // From 0: 0-1-2: 1@10, leaves 40, 2@50 ✓ (travel 20).
    expect(bestOrder(C, base)).toEqual({ order: [0, 1, 2], cost: 20, exact: true, feasible: true });
    // From 5: 0-1-2: 2@55 ✗; 0-2-1: 2@17, 1@29 ✓ (travel 22).
    expect(bestOrder(C, { ...base, startTime: 5 })).toEqual({ order: [0, 2, 1], cost: 22, exact: true, feasible: true });
    // The start's window lower bound is the default start time.
    expect(bestOrder(C, { ...base, timeWindows: [[5, 100], [0, 100], [0, 52]] }).order).toEqual([0, 2, 1]);
  });

  it('closed tour: the return must reach the start by its window upper bound', () => {
    // Stops on a line at 0, 5, 10: every tour costs 20 and returns at time 20.
    const L = [
      [0, 5, 10],
      [5, 0, 5],
      [10, 5, 0],
    ];
    const late = bestOrder(L, { closed: true, timeWindows: [[0, 19], [0, 99], [0, 99]] });
    expect(late).toMatchObject({ cost: 20, exact: true, feasible: false });
    const onTime = bestOrder(L, { closed: true, timeWindows: [[0, 20], [0, 99], [0, 99]] });
    expect(onTime).toMatchObject({ cost: 20, exact: true, feasible: true });
  });

  it('no feasible order: least total lateness', () => {
    // Line: 0 at 0, 1 at 5, 2 at −3. Stop 1 due by 4, stop 2 by 2 — both cannot be met.
    // 0-1-2: 1@5 (late 1), 2@13 (late 11) → lateness 12, travel 13
    // 0-2-1: 2@3 (late 1), 1@11 (late 7)  → lateness 8,  travel 11   ← best
    const L = [
      [0, 5, 3],
      [5, 0, 8],
      [3, 8, 0],
    ];
    const timeWindows: [number, number][] = [[0, 100], [0, 4], [0, 2]];
    expect(bestOrder(L, { timeWindows })).toEqual({ order: [0, 2, 1], cost: 11, exact: true, feasible: false });
    expect(bestOrder(L, { timeWindows, exactUpTo: 0 })).toEqual({ order: [0, 2, 1], cost: 11, exact: false, feasible: false });
  });

  it('no feasible order: lateness is minimised before travel', () => {
    // c01 = 3, c12 = 5, c02 = 2, c21 = 2; stop 1 due by 1.
    // 0-1-2: 1@3 (late 2), 2@8        → lateness 2, travel 8   ← least late
    // 0-2-1: 2@2, 1@4 (late 3)         → lateness 3, travel 4   ← shortest
    const C = [
      [0, 3, 2],
      [9, 0, 5],
      [9, 2, 0],
    ];
    expect(bestOrder(C, { timeWindows: [[0, 100], [0, 1], [0, 100]] })).toEqual({ order: [0, 1, 2], cost: 8, exact: true, feasible: false });
  });

  it('keeps a costlier partial route when it is earlier (Pareto labels)', () => {
    // At the state "visited {1,2,3}, at 3": 0-1-2-3 has travel 6 but starts at 3 at time 15
    // (it waits at 1 until 10); 0-2-1-3 has travel 10 and starts at 13. Only the latter
    // still reaches 5 and then 4 (due 16) in time: 3→5→4 takes 3. A DP that kept only the
    // least travel per state would miss the optimum (13, found here by enumeration).
    const cost = [
      [0, 1, 4, 4, 5, 5],
      [1, 0, 3, 3, 4, 4],
      [4, 3, 0, 2, 3, 3],
      [4, 3, 2, 0, 1, 1],
      [5, 4, 3, 1, 0, 2],
      [5, 4, 3, 1, 2, 0],
    ];
    const options: BestOrderOptions = { end: 4, timeWindows: [[0, 100], [10, 100], [0, 100], [0, 100], [0, 16], [0, 100]] };
    const res = bestOrder(cost, options);
    expect(bruteForce(cost, options)).toMatchObject({ travel: 13, late: 0 });
    expect(res).toMatchObject({ cost: 13, exact: true, feasible: true });
    expect(evaluateOrder(cost, res.order, options)).toEqual({ travel: 13, late: 0 });
  });
});

describe('bestOrder: tiny and degenerate inputs', () => {
  it('empty, one and two stops', () => {
    expect(bestOrder([])).toEqual({ order: [], cost: 0, exact: true, feasible: true });
    expect(bestOrder([[0]])).toEqual({ order: [0], cost: 0, exact: true, feasible: true });
    expect(bestOrder([[0]], { closed: true })).toEqual({ order: [0], cost: 0, exact: true, feasible: true });
    const two = [
      [0, 4],
      [6, 0],
    ];
    expect(bestOrder(two)).toEqual({ order: [0, 1], cost: 4, exact: true, feasible: true });
    expect(bestOrder(two, { start: 1 })).toEqual({ order: [1, 0], cost: 6, exact: true, feasible: true });
    expect(bestOrder(two, { closed: true })).toEqual({ order: [0, 1], cost: 10, exact: true, feasible: true });
    expect(bestOrder(two, { end: 1, exactUpTo: 0 })).toEqual({ order: [0, 1], cost: 4, exact: true, feasible: true });
  });

  it('a start after its window is late (infeasible) but still ordered', () => {
    const res = bestOrder(A, { timeWindows: [[0, 1], [0, 99], [0, 99], [0, 99]], startTime: 2 });
    expect(res).toEqual({ order: [0, 1, 2, 3], cost: 6, exact: true, feasible: false });
  });
});

describe('bestOrder: input validation', () => {
  const bad = (cost: unknown, options?: unknown): unknown => {
    try {
      bestOrder(cost as number[][], options as BestOrderOptions);
    } catch (e) {
      return e instanceof KontinuitetError ? e.code : e;
    }
    return 'no error';
  };
  it('rejects malformed matrices and options with BAD_OPTION', () => {
    expect(bad([[0, 1]])).toBe('BAD_OPTION');
    expect(bad([[0, 1], [1]])).toBe('BAD_OPTION');
    expect(bad([[0, -1], [1, 0]])).toBe('BAD_OPTION');
    expect(bad([[0, NaN], [1, 0]])).toBe('BAD_OPTION');
    expect(bad([[0, Infinity], [1, 0]])).toBe('BAD_OPTION');
    expect(bad(A, { start: 4 })).toBe('BAD_OPTION');
    expect(bad(A, { start: 1.5 })).toBe('BAD_OPTION');
    expect(bad(A, { end: -1 })).toBe('BAD_OPTION');
    expect(bad(A, { timeWindows: [[0, 1]] })).toBe('BAD_OPTION');
    expect(bad(A, { timeWindows: [[0, 1], [2, 1], [0, 1], [0, 1]] })).toBe('BAD_OPTION');
    expect(bad(A, { timeWindows: [[0, 1], [NaN, 1], [0, 1], [0, 1]] })).toBe('BAD_OPTION');
    expect(bad(A, { timeWindows: [[0, 1], [0, 1], [0, 1], [0, 1]], service: [0, 0, -1, 0] })).toBe('BAD_OPTION');
    expect(bad(A, { service: [0, 0] })).toBe('BAD_OPTION');
    expect(bad(A, { startTime: Infinity })).toBe('BAD_OPTION');
    expect(bad(A, { exactUpTo: -1 })).toBe('BAD_OPTION');
    expect(bad(A, { timeLimitMs: 0 })).toBe('BAD_OPTION');
    expect(bad(A, { seed: NaN })).toBe('BAD_OPTION');
    expect(bad(A, { timeWindows: [[-Infinity, Infinity], [0, Infinity], [-Infinity, 5], [0, 1]] })).toBe('no error');
  });
});

/** Deterministic pseudo-random instances for the heuristic checks. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
function euclid(n: number, seed: number): number[][] {
  const r = lcg(seed);
  const p = Array.from({ length: n }, () => [Math.floor(r() * 100), Math.floor(r() * 100)] as const);
  return p.map(([a, b]) => p.map(([c, d]) => Math.round(Math.hypot(a - c, b - d))));
}
function asym(n: number, seed: number): number[][] {
  const r = lcg(seed);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : 1 + Math.floor(r() * 50))));
}

describe('bestOrder: heuristic', () => {
  it('matches brute force on small instances when forced (exactUpTo: 0)', () => {
    for (let seed = 1; seed <= 24; seed++) {
      const n = 6 + (seed % 4);
      const cost = seed % 2 === 0 ? euclid(n, seed) : asym(n, seed);
      const shapes: BestOrderOptions[] = [{}, { closed: true }, { end: n - 1 }];
      const options = shapes[seed % 3]!;
      const res = bestOrder(cost, { ...options, exactUpTo: 0 });
      expect(res.exact).toBe(false);
      expect(res.cost).toBe(bruteForce(cost, options).travel);
    }
  });

  it('is deterministic for a seed (with and without windows)', () => {
    const cost = euclid(40, 99);
    const r = lcg(5);
    const timeWindows = cost.map((): [number, number] => {
      const lo = Math.floor(r() * 600);
      return [lo, lo + 300];
    });
    timeWindows[0] = [0, 10_000];
    for (const options of [{ closed: true }, { closed: true, timeWindows }] as BestOrderOptions[]) {
      const a = bestOrder(cost, { ...options, seed: 3, timeLimitMs: 60_000 });
      const b = bestOrder(cost, { ...options, seed: 3, timeLimitMs: 60_000 });
      expect(b).toEqual(a);
      expect(a.exact).toBe(false);
      expect(evaluateOrder(cost, a.order, options).travel).toBe(a.cost);
    }
  });

  it('comes close to the exact optimum beyond the default exact size (asymmetric, 17 stops)', () => {
    for (const seed of [11, 12, 13]) {
      const cost = asym(17, seed);
      const exact = bestOrder(cost, { closed: true, exactUpTo: 17 });
      const heur = bestOrder(cost, { closed: true, timeLimitMs: 60_000 });
      expect(exact.exact).toBe(true);
      expect(heur.exact).toBe(false);
      expect(heur.cost).toBeGreaterThanOrEqual(exact.cost);
      expect(heur.cost).toBeLessThanOrEqual(exact.cost * 1.02);
    }
  });

  it('open paths and fixed ends beyond the exact size keep start and end in place', () => {
    const cost = euclid(35, 7);
    const open = bestOrder(cost, { start: 4 });
    expect(open.order[0]).toBe(4);
    expect(new Set(open.order).size).toBe(35);
    const fixed = bestOrder(cost, { start: 4, end: 9 });
    expect(fixed.order[0]).toBe(4);
    expect(fixed.order[34]).toBe(9);
    expect(evaluateOrder(cost, fixed.order, { start: 4, end: 9 }).travel).toBe(fixed.cost);
    // An open path is never longer than the best closed tour minus its return leg.
    const closed = bestOrder(cost, { start: 4, closed: true });
    expect(open.cost).toBeLessThanOrEqual(closed.cost);
  });
});
