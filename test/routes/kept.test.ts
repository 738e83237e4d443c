import { describe, expect, it } from 'vitest';
import { LABEL_KEEP, LabelBuffers } from '../../src/measures/routes/exactLabelPool.js';
import { evaluateRoute, makeInstance, matrixInstance, type SolverInstance } from '../../src/measures/routes/solverInstance.js';
import { sortedBy } from '../../src/measures/routes/heuristicConstruct.js';
import { RouteSearch } from '../../src/measures/routes/heuristicSearch.js';
import { bestOrder, bestOrderOfMatrix, checkMatrix } from '../../src/measures/routes/bestOrder.js';

describe('LabelBuffers.fresh: the label DP buffers kept from one search to the next', () => {
  it('gives the same buffers back, emptied, while none grew past LABEL_KEEP', () => {
    const b = new LabelBuffers();
    b.pool.push(1, 2, 0, -1, 0);
    b.pool.push(3, 4, 0, 0, 1);
    b.tmp.push(7, 8);
    b.sparse.set(5, 0);
    b.cSlot = new Int32Array(LABEL_KEEP);
    const again = b.fresh();
    expect(again).toBe(b);
    expect([again.pool.size, again.tmp.length, again.sparse.size, again.cSlot.length]).toEqual([0, 0, 0, LABEL_KEEP]);
  });

  it('gives new small buffers once one grew past LABEL_KEEP', () => {
    const b = new LabelBuffers();
    for (let i = 0; i <= LABEL_KEEP; i++) b.pool.push(i, i, 0, i - 1, 0);
    const again = b.fresh();
    expect(again).not.toBe(b);
    expect([again.pool.size, again.pool.travel.length, again.cSlot.length]).toEqual([0, 64, 64]);
  });
});

describe('matrixInstance: the instance of a flat matrix, in arrays kept for the next of its size', () => {
  const rows = [[0, 5, 9, 4], [5, 0, 2, 7], [9, 2, 0, 3], [4, 7, 3, 0]];
  const flat = Float64Array.from(rows.flat());
  const plain = (inst: SolverInstance) => ({ ...inst, w: Array.from(inst.w), lo: Array.from(inst.lo), hi: Array.from(inst.hi),
    svc: Array.from(inst.svc), free: Array.from(inst.free) });

  it('is makeInstance of the rows, for a closed tour with windows, then an open path reusing its arrays', () => {
    const tw: [number, number][] = [[0, 50], [1, 9], [2, 20], [-Infinity, Infinity]];
    const closed = matrixInstance(flat, 4, { start: 0, closed: true, lo: Float64Array.from(tw, (t) => t[0]),
      hi: Float64Array.from(tw, (t) => t[1]), service: Float64Array.of(0, 3, 3, 3), startTime: -5 });
    expect(plain(closed)).toEqual(plain(makeInstance(rows, { start: 0, closed: true, timeWindows: tw, service: [0, 3, 3, 3], startTime: -5 })));
    // by hand: the return legs to stop 0 in the virtual column, its window the start's upper bound
    expect([closed.w[1 * 5 + 4], closed.w[3 * 5 + 4], closed.hi[4], closed.t0]).toEqual([5, 4, 50, -5]);
    const open = matrixInstance(flat, 4, { start: 1, closed: false });
    expect(plain(open)).toEqual(plain(makeInstance(rows, { start: 1, closed: false })));
    expect([open.w[1 * 5 + 4], open.hi[4], open.hasWindows, Array.from(open.free)]).toEqual([0, Infinity, false, [0, 2, 3]]);
  });

  it('a fixed end leaves it out of the free nodes', () => {
    const inst = matrixInstance(flat, 4, { start: 0, end: 3, closed: false });
    expect([inst.tail, inst.virtualTail, Array.from(inst.free)]).toEqual([3, false, [1, 2]]);
  });
});

describe('bestOrderOfMatrix: bestOrder of a flat matrix, unchecked', () => {
  it('gives what bestOrder gives of the rows, with and without windows, on 200 random days in a row', () => {
    let seed = 5;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let c = 0; c < 200; c++) {
      const n = 1 + Math.floor(rand() * 9);
      const xy = Array.from({ length: n }, () => [rand() * 10, rand() * 10] as const);
      const rows = xy.map(([x1, y1]) => xy.map(([x2, y2]) => Math.hypot(x1 - x2, y1 - y2)));
      const closed = rand() < 0.5;
      const windows: [number, number][] = xy.map((_, i) => [i * 4 - 6, i * 4 + 6]);
      const service = xy.map(() => 2);
      const ends = closed ? { start: 0, closed: true } : { start: 0, end: n - 1 };
      const flat = Float64Array.from(rows.flat());
      expect(bestOrderOfMatrix(flat, n, ends)).toEqual(bestOrder(rows, ends));
      const lo = Float64Array.from(windows, (w) => w[0]), hi = Float64Array.from(windows, (w) => w[1]);
      expect(bestOrderOfMatrix(flat, n, { ...ends, lo, hi, service: Float64Array.from(service), onTimeOnly: c % 3 === 0 }))
        .toEqual(bestOrder(rows, { ...ends, timeWindows: windows, service, onTimeOnly: c % 3 === 0 }));
    }
  });

  it('checkMatrix fails as bestOrder does on a cost that is not a finite number ≥ 0', () => {
    expect(() => checkMatrix(Float64Array.of(0, 1, 2, 0), 2)).not.toThrow();
    expect(() => checkMatrix(Float64Array.of(0, 1, Number.NaN, 0), 2)).toThrow(/finite non-negative/);
    expect(() => bestOrder([[0, 1], [Number.NaN, 0]])).toThrow(/finite non-negative/);
    expect(() => checkMatrix(Float64Array.of(0, -1, 2, 0), 2)).toThrow(/finite non-negative/);
  });
});

describe('sortedBy: the free nodes by two keys, then by number', () => {
  it('orders by deadline, then opening, then node, between head and tail', () => {
    // nodes 1–4 free; deadlines 9, 5, 9, 5; openings 2, 3, 1, 3 → 2 and 4 (5, 3: by number), then 3 (9, 1), then 1 (9, 2)
    const inst = makeInstance([[0, 1, 1, 1, 1], [1, 0, 1, 1, 1], [1, 1, 0, 1, 1], [1, 1, 1, 0, 1], [1, 1, 1, 1, 0]], {
      start: 0, closed: false, timeWindows: [[0, 99], [2, 9], [3, 5], [1, 9], [3, 5]],
    });
    expect(Array.from(sortedBy(inst, inst.hi, inst.lo, new Int32Array(6)))).toEqual([0, 2, 4, 3, 1, 5]);
    expect(Array.from(sortedBy(inst, inst.lo, inst.hi, new Int32Array(6)))).toEqual([0, 3, 1, 2, 4, 5]);
  });
});

describe('RouteSearch.reset: a kept search started over is a new search', () => {
  it('improves the routes of 12 days of 5–35 stops, with and without windows, as a new search each does', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const day = (n: number, windows: boolean) => {
      const xy = Array.from({ length: n }, () => [rand() * 10, rand() * 10] as const);
      const cost = xy.map(([a, b]) => xy.map(([x, y]) => Math.hypot(a - x, b - y) * (rand() < 0.1 ? 1.5 : 1)));
      return makeInstance(cost, { start: 0, closed: n % 2 === 0, ...(windows ? { timeWindows: xy.map((_, i) => [i * 3 - 4, i * 3 + 4] as [number, number]) } : {}) });
    };
    const given = (inst: SolverInstance) => Int32Array.from([inst.head, ...inst.free, inst.tail]);
    let kept: RouteSearch | null = null;
    for (const [n, windows] of [[30, true], [14, false], [35, false], [9, true], [22, true], [5, false], [33, true], [12, false], [28, false], [7, true], [19, true], [31, false]] as const) {
      const inst = day(n, windows);
      if (kept === null) kept = new RouteSearch(inst, given(inst), 1e-9);
      else kept.reset(inst, given(inst), 1e-9);
      const fresh = new RouteSearch(inst, given(inst), 1e-9);
      for (const s of [kept, fresh]) {
        s.pushAll();
        s.localSearch(Infinity);
      }
      expect([Array.from(kept.r), kept.travel, kept.late], `${n} stops`).toEqual([Array.from(fresh.r), fresh.travel, fresh.late]);
      // and the local search did not make the given order worse
      expect(kept.travel).toBeLessThanOrEqual(evaluateRoute(inst, given(inst)).travel + 1e-9);
    }
  });
});
