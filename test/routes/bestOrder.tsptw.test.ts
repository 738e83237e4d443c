import { describe, expect, it } from 'vitest';
import { bestOrder } from '../../src/measures/routes/bestOrder.js';
import { evaluateOrder } from './bruteForce.js';
import { readTsptw } from './tspFixtures.js';

// Dumas, Desrosiers, Gelinas & Solomon (1995), "An optimal algorithm for the travelling
// salesman problem with time windows", Oper. Res. 43(2):367–371: instances n20w20.001–.005
// (20 customers + depot, windows of width ≤ 20). Optimal travel as tabulated by López-Ibáñez &
// Blum's TSPTW benchmark page and used by public solver test suites (see the fixtures README).
const OPTIMA: [string, number][] = [
  ['n20w20.001', 378],
  ['n20w20.002', 286],
  ['n20w20.003', 394],
  ['n20w20.004', 396],
  ['n20w20.005', 352],
];

describe('bestOrder on Dumas et al. TSPTW instances (closed tour from the depot)', () => {
  for (const [name, optimum] of OPTIMA) {
    it(`${name}: exact label DP reproduces the published optimum ${optimum}`, () => {
      const { cost, timeWindows } = readTsptw(name);
      const options = { closed: true, timeWindows, exactUpTo: cost.length };
      const t0 = performance.now();
      const res = bestOrder(cost, options);
      const ms = performance.now() - t0;
      console.log(`[bench] ${name} exact n=${cost.length} cost=${res.cost} optimum=${optimum} time=${ms.toFixed(0)}ms`);
      expect(res.exact).toBe(true);
      expect(res.feasible).toBe(true);
      expect(res.cost).toBe(optimum);
      const ev = evaluateOrder(cost, res.order, options);
      expect(ev).toEqual({ travel: optimum, late: 0 });
    });

    it(`${name}: heuristic finds a feasible tour near ${optimum}`, () => {
      const { cost, timeWindows } = readTsptw(name);
      const options = { closed: true, timeWindows, exactUpTo: 0, timeLimitMs: 60_000 };
      const t0 = performance.now();
      const res = bestOrder(cost, options);
      const ms = performance.now() - t0;
      const gap = (100 * (res.cost - optimum)) / optimum;
      console.log(`[bench] ${name} heuristic cost=${res.cost} feasible=${res.feasible} gap=${gap.toFixed(2)}% time=${ms.toFixed(0)}ms`);
      expect(res.exact).toBe(false);
      expect(res.feasible).toBe(true);
      expect(res.cost).toBeGreaterThanOrEqual(optimum);
      expect(evaluateOrder(cost, res.order, options)).toEqual({ travel: res.cost, late: 0 });
    });
  }
});
