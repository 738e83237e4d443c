import { describe, expect, it } from 'vitest';
import { KickMemo } from '../../src/measures/routes/kickMemo.js';
import { makeInstance, type SolverInstance } from '../../src/measures/routes/solverInstance.js';
import { earliestStart, nearestNeighbour, sortedBy } from '../../src/measures/routes/heuristicConstruct.js';
import { RouteSearch } from '../../src/measures/routes/heuristicSearch.js';
import { defaultIterations, heuristicRoute, prng } from '../../src/measures/routes/solverHeuristic.js';

describe('KickMemo: where the kicks from each start route ended', () => {
  it('finds an outcome from the start route it was put from, again once the search comes back to it', () => {
    const memo = new KickMemo();
    memo.clear(4);
    const a = Int32Array.of(0, 1, 2, 3), b = Int32Array.of(0, 2, 1, 3);
    memo.from(a);
    memo.put(7, b, 0, 12);
    memo.from(b);
    expect(memo.find(7)).toBe(-1);
    memo.put(7, a, 1, 10);
    memo.put(9, b, 0, 11);
    memo.from(Int32Array.of(0, 1, 2, 3)); // a again (another array of the same nodes)
    const i = memo.find(7);
    expect([Array.from(memo.route(i)), memo.late[i], memo.travel[i], memo.find(9)]).toEqual([[0, 2, 1, 3], 0, 12, -1]);
    memo.clear(4);
    memo.from(a);
    expect(memo.find(7)).toBe(-1);
  });
});

/** The iterated local search without a memo: every kick searched, every worse outcome undone by loading the best route. */
function reference(inst: SolverInstance, seed: number): { route: number[]; travel: number; late: number } {
  let maxAbs = 0;
  for (const x of inst.w) if (Number.isFinite(x)) maxAbs = Math.max(maxAbs, Math.abs(x));
  const eps = 1e-9 * Math.max(1, maxAbs);
  const m = inst.free.length, n = m + 2;
  const starts = [nearestNeighbour(inst, new Int32Array(n))];
  if (inst.hasWindows) {
    starts.push(sortedBy(inst, inst.hi, inst.lo, new Int32Array(n)), sortedBy(inst, inst.lo, inst.hi, new Int32Array(n)), earliestStart(inst, new Int32Array(n)));
  }
  const s = new RouteSearch(inst, starts[0]!, eps);
  let best = new Int32Array(n), bestLate = Infinity, bestTravel = Infinity;
  starts.forEach((st, i) => {
    s.load(st);
    s.pushAll();
    s.localSearch(Infinity);
    if (i === 0 || s.betterThan(bestLate, bestTravel)) [best, bestLate, bestTravel] = [s.r.slice(), s.late, s.travel];
  });
  s.load(best);
  const rand = prng(seed * 31 + m);
  for (let it = 0; it < defaultIterations(m, inst.hasWindows); it++) {
    s.perturb(rand);
    s.localSearch(Infinity);
    if (s.noWorseThan(bestLate, bestTravel)) [best, bestLate, bestTravel] = [s.r.slice(), s.late, s.travel];
    else s.load(best);
  }
  return { route: Array.from(best), travel: bestTravel, late: bestLate };
}

describe('heuristicRoute: a kick drawn again is not searched again', () => {
  it('ends as the search without a memo does, on 16 days of 6–40 stops, with and without windows', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const [n, windows] of [[6, false], [9, true], [14, false], [13, true], [20, false], [25, true], [40, false], [30, true],
      [8, false], [10, true], [17, false], [16, true], [33, false], [22, true], [12, false], [36, true]] as const) {
      // points on a coarse grid, some twice: routes of equal travel, among which the search goes back and forth
      const xy = Array.from({ length: n }, () => [Math.floor(rand() * 5), Math.floor(rand() * 5)] as const);
      const cost = xy.map(([a, b]) => xy.map(([x, y]) => Math.abs(a - x) + Math.abs(b - y)));
      const inst = makeInstance(cost, { start: 0, closed: n % 2 === 0,
        ...(windows ? { timeWindows: xy.map((_, i) => [i * 2 - 6, i * 2 + 6] as [number, number]) } : {}) });
      const want = reference(inst, 1);
      const got = heuristicRoute(inst, { seed: 1, timeLimitMs: 1e9 });
      expect({ route: Array.from(got.route), travel: got.travel, late: got.late }, `${n} stops`).toEqual(want);
    }
  });
});
