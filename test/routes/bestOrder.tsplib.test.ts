import { describe, expect, it } from 'vitest';
import { bestOrder } from '../../src/measures/routes/bestOrder.js';
import { evaluateOrder } from './bruteForce.js';
import { readTsplib } from './tspFixtures.js';

// Published optimal tour lengths (TSPLIB, Reinelt 1991/1995).
const OPTIMA: [string, number][] = [
  ['eil51', 426],
  ['berlin52', 7542],
  ['st70', 675],
  ['eil76', 538],
  ['rat99', 1211],
  ['kroA100', 21282],
];

describe('bestOrder on TSPLIB instances (closed tour, heuristic)', () => {
  for (const [name, optimum] of OPTIMA) {
    it(`${name}: within 1% of the published optimum ${optimum}`, () => {
      const { cost, dimension } = readTsplib(name);
      const t0 = performance.now();
      // A generous safety cap, so that a loaded machine cannot cut the (deterministic) search short.
      const res = bestOrder(cost, { closed: true, timeLimitMs: 60_000 });
      const ms = performance.now() - t0;
      const gap = (100 * (res.cost - optimum)) / optimum;
      console.log(`[bench] ${name.padEnd(9)} n=${dimension} cost=${res.cost} optimum=${optimum} gap=${gap.toFixed(2)}% time=${ms.toFixed(0)}ms`);
      expect(new Set(res.order).size).toBe(dimension);
      expect(res.order[0]).toBe(0);
      expect(res.cost).toBe(evaluateOrder(cost, res.order, { closed: true }).travel);
      expect(res.exact).toBe(false);
      // Below the optimum would mean the fixture data is wrong.
      expect(res.cost).toBeGreaterThanOrEqual(optimum);
      expect(res.cost).toBeLessThanOrEqual(optimum * 1.01);
    });
  }
});
