import { describe, expect, it } from 'vitest';
import { countingSort, staffDayOrder } from '../../src/measures/routes/staffDayOrder.js';
import { routes } from '../../src/measures/routes/measure.js';
import { visit } from './routes-fixture.js';

// The staff-day order is made by counting sorts and a sort of each staff-day
// (src/measures/routes/staffDayOrder.ts); here it is held to one comparison sort by staff, day,
// start, end and row, written out independently.

/** A small deterministic generator (xorshift32). */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Rows of `staffCount` staff over days `firstDay` … with times in a few slots (many ties), and the expected order. */
function rowsOf(n: number, staffCount: number, days: number, seed: number, ordered: boolean) {
  const next = random(seed);
  const staff = Int32Array.from({ length: n }, () => Math.floor(next() * staffCount));
  const day = Int32Array.from({ length: n }, () => 19_000 + Math.floor(next() * days));
  if (ordered) day.sort();
  const start = Array.from({ length: n }, (_, i) => day[i]! * 86_400_000 + Math.floor(next() * 6) * 600_000);
  const end = Array.from({ length: n }, (_, i) => start[i]! + Math.floor(next() * 3) * 300_000);
  const times = { start: (i: number) => start[i]!, end: (i: number) => end[i]! };
  const expected = Array.from({ length: n }, (_, i) => i)
    .sort((x, y) => staff[x]! - staff[y]! || day[x]! - day[y]! || start[x]! - start[y]! || end[x]! - end[y]! || x - y);
  return { staff, day, times, expected };
}

describe('the staff-day order', () => {
  it('counting sort: stable, over the rows given', () => {
    expect(countingSort([1, 0, 1], 2)).toEqual({ first: Int32Array.of(0, 1, 3), rows: Int32Array.of(1, 0, 2) });
    expect(countingSort([1, 0, 1], 2, 0, Int32Array.of(2, 1, 0))).toEqual({ first: Int32Array.of(0, 1, 3), rows: Int32Array.of(1, 2, 0) });
    expect(countingSort([7, 5, 6, 5], 3, 5)).toEqual({ first: Int32Array.of(0, 2, 3, 4), rows: Int32Array.of(1, 3, 2, 0) });
  });

  for (const [what, n, staffCount, days, ordered] of [
    ['days in any order, short staff-days', 400, 9, 12, false],
    ['days in order', 400, 9, 12, true],
    ['long staff-days (sorted by the engine sort)', 600, 2, 3, false],
  ] as const) {
    it(`is the comparison sort's order: ${what}`, () => {
      const { staff, day, times, expected } = rowsOf(n, staffCount, days, 12345 + n + staffCount, ordered);
      const names = Array.from({ length: staffCount }, (_, s) => `S${staffCount - s}`);
      const order = staffDayOrder(staff, staffCount, day, times, names);
      expect(Array.from(order.rows!)).toEqual(expected);
      // staff member s's rows, and the staff-days: runs of one staff member and one day
      for (let s = 0; s < staffCount; s++) {
        const own = expected.filter((i) => staff[i] === s);
        expect(Array.from(order.rows!.subarray(order.staffFirst[s], order.staffFirst[s + 1]))).toEqual(own);
        const ownDays = [...new Set(own.map((i) => day[i]!))];
        const runs = Array.from({ length: order.staffDayFirst[s + 1]! - order.staffDayFirst[s]! }, (_, k) => order.staffDayFirst[s]! + k);
        expect(runs.map((r) => order.dayOf[r])).toEqual(ownDays);
        for (const r of runs) expect(Array.from(order.rows!.subarray(order.dayFirst[r], order.dayFirst[r + 1]))).toEqual(own.filter((i) => day[i] === order.dayOf[r]));
      }
      // staff by name: S1 (the last number) first
      expect(Array.from(order.byName)).toEqual(Array.from({ length: staffCount }, (_, k) => staffCount - 1 - k));
    });
  }
});

describe('double-staffed rows', () => {
  it('a client with many visits, some made by two staff together, some a handover', () => {
    const A: [number, number] = [62, 15];
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const rows = [];
    // 40 visits of 10 minutes (ids V0 … V39), rows in no order of visit; S1 at each, S2 at every third
    // for the whole visit (double-staffed), S3 at every fifth but not third for 4 minutes at its end (a handover)
    for (let v = 39; v >= 0; v--) {
      const from = 6 * 60 + 15 * v;
      rows.push(visit('S1', 'c1', hhmm(from), hhmm(from + 10), A, { visitId: `V${v}` }));
      if (v % 3 === 0) rows.push(visit('S2', 'c1', hhmm(from), hhmm(from + 10), A, { visitId: `V${v}` }));
      else if (v % 5 === 0) rows.push(visit('S3', 'c1', hhmm(from + 6), hhmm(from + 10), A, { visitId: `V${v}` }));
    }
    // another client's rows of S1 only, the same ids: its own visits, none double-staffed
    for (let v = 0; v < 5; v++) rows.push(visit('S1', 'c2', hhmm(20 * 60 + 15 * v), hhmm(20 * 60 + 15 * v + 10), A, { visitId: `V${v}` }));
    const w = routes(rows, { zone: 'UTC', all: true, rules: { handoverMinutes: 5 } }).windows[0]!;
    // v % 3 === 0 for v < 40: 14 visits; v % 5 === 0 and not v % 3 === 0: 5, 10, 20, 25, 35
    expect(w.routes.map((d) => [d.staff, d.visits, d.doubleStaffedVisits])).toEqual([['S1', 45, 14], ['S2', 14, 14], ['S3', 5, 0]]);
  });
});
