import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestOrder, type BestOrderOptions } from '../../src/measures/routes/bestOrder.js';
import { heldKarp } from '../../src/measures/routes/solverExact.js';
import { labelDp } from '../../src/measures/routes/exactLabelDp.js';
import { makeInstance } from '../../src/measures/routes/solverInstance.js';
import { bruteForce, evaluateOrder } from './bruteForce.js';

interface Case {
  cost: number[][];
  options: BestOrderOptions;
}

/** Symmetric (points in the plane, rounded distances) or asymmetric (independent integers) matrices. */
const matrixArb = (n: number): fc.Arbitrary<number[][]> =>
  fc.oneof(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })), { minLength: n, maxLength: n }).map((pts) =>
      pts.map(([x1, y1]) => pts.map(([x2, y2]) => Math.round(Math.hypot(x1 - x2, y1 - y2)))),
    ),
    fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
  );

const windowArb: fc.Arbitrary<[number, number]> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 60 })).map(([lo, w]): [number, number] => [lo, lo + w]) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 }).map((lo): [number, number] => [lo, Infinity]) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 200 }).map((hi): [number, number] => [-Infinity, hi]) },
);

const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc
    .record({
      cost: matrixArb(n),
      start: fc.integer({ min: 0, max: n - 1 }),
      shape: fc.constantFrom('open', 'closed', 'end'),
      end: fc.integer({ min: 0, max: n - 1 }),
      windows: fc.option(fc.array(windowArb, { minLength: n, maxLength: n }), { nil: undefined, freq: 2 }),
      service: fc.option(fc.array(fc.integer({ min: 0, max: 15 }), { minLength: n, maxLength: n }), { nil: undefined }),
      startTime: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined, freq: 3 }),
    })
    .map(({ cost, start, shape, end, windows, service, startTime }) => {
      const options: BestOrderOptions = { start };
      if (shape === 'closed') options.closed = true;
      if (shape === 'end') options.end = end;
      if (windows !== undefined) {
        options.timeWindows = windows;
        if (service !== undefined) options.service = service;
        if (startTime !== undefined) options.startTime = startTime;
      }
      return { cost, options };
    }),
);

function checkAgainstBruteForce({ cost, options }: Case): void {
  const res = bestOrder(cost, options);
  const ref = bruteForce(cost, options);
  const n = cost.length;
  const start = options.start ?? 0;
  // A valid order: every stop once, the start first, the fixed end last.
  expect([...res.order].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
  expect(res.order[0]).toBe(start);
  if (options.end !== undefined && options.closed !== true && options.end !== start) {
    expect(res.order[n - 1]).toBe(options.end);
  }
  expect(res.exact).toBe(true);
  const mine = evaluateOrder(cost, res.order, options);
  expect(res.cost).toBe(mine.travel);
  expect(res.feasible).toBe(mine.late === 0);
  expect(res.feasible).toBe(ref.late === 0);
  // Same optimum: least lateness (0 when feasible), then least travel.
  expect(mine.late).toBe(ref.late);
  expect(res.cost).toBe(ref.travel);
}

describe('bestOrder equals brute force on small instances', () => {
  it('random instances up to 9 stops: symmetric/asymmetric, with/without windows, open/closed/fixed end', () => {
    fc.assert(fc.property(caseArb, (c) => checkAgainstBruteForce(c)), { numRuns: 400, seed: 20240611 });
  });

  it('tight windows around a random reference schedule (mostly feasible, few orders feasible)', () => {
    const arb = fc.integer({ min: 2, max: 9 }).chain((n) =>
      fc
        .record({
          cost: matrixArb(n),
          perm: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
          slack: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: n, maxLength: n }),
          service: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }),
          closed: fc.boolean(),
        })
        .map(({ cost, perm, slack, service, closed }): Case => {
          // Windows centred on the schedule of a random order, so that at least that order is feasible
          // (for the open path; the closed tour's return may still be too late).
          const windows: [number, number][] = new Array(n);
          let t = 0;
          for (let i = 0; i < n; i++) {
            const v = perm[i]!;
            if (i > 0) t += service[perm[i - 1]!]! + cost[perm[i - 1]!]![v]!;
            windows[v] = [Math.max(0, t - slack[v]!), t + slack[v]!];
          }
          const start = perm[0]!;
          windows[start] = [0, closed ? t + 40 : 1000];
          return { cost, options: { start, closed, timeWindows: windows, service } };
        }),
    );
    fc.assert(fc.property(arb, (c) => checkAgainstBruteForce(c)), { numRuns: 300, seed: 7 });
  });
});

/** The reduced instance exactly as bestOrder builds it (a fixed end equal to the start closes the tour). */
function instanceOf({ cost, options }: Case): ReturnType<typeof makeInstance> {
  const start = options.start ?? 0;
  const closed = options.closed === true || options.end === start;
  return makeInstance(cost, {
    start,
    end: closed ? undefined : options.end,
    closed,
    timeWindows: options.timeWindows,
    service: options.service,
    startTime: options.startTime,
  });
}

/** Node list of a reduced route as an order of the original stops (drops a virtual tail). */
function orderOf(inst: ReturnType<typeof makeInstance>, route: Int32Array): number[] {
  return Array.from(inst.virtualTail ? route.subarray(0, route.length - 1) : route);
}

describe('exact DPs alone (no heuristic bound) equal brute force', () => {
  it('label DP: feasible mode, then lateness mode when nothing is feasible', () => {
    const withWindows = caseArb.filter((c) => c.options.timeWindows !== undefined && c.cost.length >= 2);
    fc.assert(
      fc.property(withWindows, (c) => {
        const inst = instanceOf(c);
        const ref = bruteForce(c.cost, c.options);
        const f = labelDp(inst, 'feasible', 1e7);
        expect(f.aborted).toBe(false);
        if (f.aborted) return;
        if (ref.late === 0) {
          expect(f.best).not.toBeNull();
          expect(evaluateOrder(c.cost, orderOf(inst, f.best!.route), c.options)).toEqual({ travel: ref.travel, late: 0 });
          expect(f.best!.travel).toBe(ref.travel);
        } else {
          expect(f.best).toBeNull();
          const l = labelDp(inst, 'lateness', 1e7);
          expect(l.aborted).toBe(false);
          if (l.aborted) return;
          expect(evaluateOrder(c.cost, orderOf(inst, l.best!.route), c.options)).toEqual({ travel: ref.travel, late: ref.late });
          expect([l.best!.travel, l.best!.late]).toEqual([ref.travel, ref.late]);
        }
      }),
      { numRuns: 500, seed: 99 },
    );
  });

  it('Held–Karp', () => {
    const noWindows = caseArb.map((c): Case => {
      const options: BestOrderOptions = { ...c.options };
      delete options.timeWindows;
      delete options.service;
      delete options.startTime;
      return { cost: c.cost, options };
    });
    fc.assert(
      fc.property(noWindows, (c) => {
        const inst = instanceOf(c);
        const hk = heldKarp(inst);
        const ref = bruteForce(c.cost, c.options);
        expect(evaluateOrder(c.cost, orderOf(inst, hk.route), c.options).travel).toBe(ref.travel);
        expect(hk.travel).toBe(ref.travel);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('onTimeOnly equals brute force: none on time proven, else the search as without it', () => {
  it('random instances with windows, in the exact search and before the heuristic', () => {
    const withWindows = caseArb.filter((c) => c.options.timeWindows !== undefined && c.cost.length >= 3);
    fc.assert(
      fc.property(withWindows, fc.boolean(), (c, heuristic) => {
        const options: BestOrderOptions = { ...c.options, ...(heuristic ? { exactUpTo: 0 } : {}) };
        const ref = bruteForce(c.cost, c.options);
        const res = bestOrder(c.cost, { ...options, onTimeOnly: true });
        if (ref.late === 0) {
          expect(res).toEqual(bestOrder(c.cost, options));
        } else {
          // the stops as given: the start, the others in index order (a fixed end last)
          const start = c.options.start ?? 0;
          const end = c.options.closed === true || c.options.end === start ? undefined : c.options.end;
          const rest = [...c.cost.keys()].filter((i) => i !== start && i !== end);
          expect(res.order).toEqual([start, ...rest, ...(end !== undefined ? [end] : [])]);
          expect([res.exact, res.feasible]).toEqual([true, false]);
        }
      }),
      { numRuns: 400, seed: 20261207 },
    );
  });
});
