import { describe, expect, it } from 'vitest';
import { Column, permuteRows, Slabs, Times, Whole } from '../../src/measures/routes/columns.js';
import { RouteRows } from '../../src/measures/routes/rows.js';
import { DayStops } from '../../src/measures/routes/dayStops.js';
import { dayWindow } from '../../src/windows/windows.js';
import { LocalZone } from '../../src/windows/zone.js';
import { visit } from './routes-fixture.js';

// The rows put in the order of the staff-days in place (RouteRows.reorder), so the order's row
// numbers can go: each staff-day's stops must be what they were through the order.

/** Every field of the stops `d` holds, stop by stop. */
const stopsOf = (d: DayStops) => Array.from({ length: d.n }, (_, k) => [d.start[k], d.end[k], d.lat[k], d.lon[k], d.travelMinutes[k], d.travelKm[k], d.shiftStart[k], d.shiftEnd[k], d.double[k]]);

describe('rows put in the order of the staff-days', () => {
  it('a permutation moves each row to its place, every column alike (two cycles and a fixed point, by hand)', () => {
    const a = Float64Array.of(10, 20, 30, 40, 50, 60), b = Int32Array.of(1, 2, 3, 4, 5, 6);
    const order = Int32Array.of(2, 0, 1, 4, 3, 5);
    permuteRows(order, [{ get: (i) => a[i]!, set: (i, v) => { a[i] = v; } }, { get: (i) => b[i]!, set: (i, v) => { b[i] = v; } }]);
    expect(Array.from(a)).toEqual([30, 10, 20, 50, 40, 60]);
    expect(Array.from(b)).toEqual([3, 1, 2, 5, 4, 6]);
  });

  it('moves the rows of columns in blocks (whole, wide, numbers) as of plain arrays, over block ends', () => {
    // 150,000 rows: three blocks of 65,536, the last part full; the order reverses them, so every
    // row moves to another block (row p gets row n − 1 − p)
    const n = 150_000, slabs = new Slabs();
    const small = new Whole(slabs), wide = new Whole(slabs), real = new Column(() => slabs.f64(1 << 16));
    for (let i = 0; i < n; i++) {
      small.set(i, i % 1000);
      wide.set(i, 70_000 + i);
      real.set(i, i / 4);
    }
    const order = Int32Array.from({ length: n }, (_, p) => n - 1 - p);
    permuteRows(order, [small, wide, real]);
    for (const p of [0, 1, 65_535, 65_536, 131_072, n - 1]) {
      const r = n - 1 - p;
      expect([small.get(p), wide.get(p), real.get(p)]).toEqual([r % 1000, 70_000 + r, r / 4]);
    }
  });

  it('finds the rows under way at an instant (where a window ends), times in whole seconds and exact, over block ends', () => {
    const T = 1_727_740_800_000; // 2024-10-01T00:00Z
    for (const exact of [false, true]) {
      const times = new Times(new Slabs());
      // rows every minute for 70,000 minutes (two blocks), each 90 s long; the last row 1.5 ms long when exact
      const n = 70_000;
      for (let i = 0; i < n; i++) times.add(i, T + i * 60_000, T + i * 60_000 + (exact && i === n - 1 ? 1.5 : 90_000));
      // under way at T + 60 s: row 0 (to T + 90 s) and not row 1 (it starts then); at T + 90 s: row 0 (ending then) and row 1
      expect(times.across([T + 60_000], n)).toEqual([0]);
      // at 66,000 minutes and 1 ms: row 66,000 and row 65,999 (until 66,000 minutes and 30 s)
      expect(times.across([T + 90_000, T + 66_000 * 60_000 + 1], n)).toEqual([0, 1, 65_999, 66_000]);
      expect(times.across([T - 1, T + 1e12], n)).toEqual([]);
      // the last row (1.5 ms long when exact) and the one before it (to 30 s after the last starts)
      expect(times.across([T + (n - 1) * 60_000 + 1], n)).toEqual([n - 2, n - 1]);
      expect(times.across([T + (n - 1) * 60_000 + 2], n)).toEqual(exact ? [n - 2] : [n - 2, n - 1]);
      expect(times.across([], n)).toEqual([]);
    }
  });

  it('give each staff-day the stops it had, a window cutting visits tied at its end in the order they were read', () => {
    const zone = new LocalZone('UTC');
    const P: [number, number] = [62, 15], Q: [number, number] = [63, 16], R: [number, number] = [64, 17];
    const late = (h: string) => Date.parse(`2024-10-02T${h}:00Z`);
    const rows = new RouteRows();
    const visits = [
      visit('S2', 'c1', '08:00', '09:00', P, { travelMinutes: 12, shiftStart: Date.parse('2024-10-01T07:00:00Z') }),
      // read first, ending last: cut at midnight, both end then, and this one stays first
      { ...visit('S1', 'c2', '23:00', '23:30', Q), end: late('01:30') },
      visit('S1', 'c3', '10:00', '10:30', P, { travelKm: 3 }),
      { ...visit('S1', 'c4', '23:00', '23:30', R), end: late('00:30') },
      visit('S2', 'c5', '07:00', '07:30', R),
      visit('S1', 'c6', '10:00', '10:20', null),
      visit('S3', 'c1', '08:00', '09:00', P), // with S2: double-staffed
    ];
    for (const v of visits) rows.add(v);
    rows.markDoubleStaffed(5 * 60_000);
    const order = rows.staffDays(zone);
    const w = dayWindow('2024-10-01', 1, zone), end = w.dayStarts[1]!;
    const days: [number, number][] = [];
    rows.eachStaffDay(order, w, (_s, a, b) => days.push([a, b]));
    const d = new DayStops();
    const before = days.map(([a, b]) => {
      rows.dayStops(d, order.rows, a, b, end);
      return { stops: stopsOf(d), group: rows.dayGroup(order.rows, a, b) };
    });
    // S1's day: c6 (10:00–10:20), c3, then c2 before c4 (both cut at midnight: the order read)
    expect(before[0]!.stops.map((s) => [s[0], s[1], s[2]])).toEqual([
      [Date.parse('2024-10-01T10:00:00Z'), Date.parse('2024-10-01T10:20:00Z'), Number.NaN],
      [Date.parse('2024-10-01T10:00:00Z'), Date.parse('2024-10-01T10:30:00Z'), 62],
      [Date.parse('2024-10-01T23:00:00Z'), end, 63],
      [Date.parse('2024-10-01T23:00:00Z'), end, 64],
    ]);
    // S2's day: c5, then c1 (double-staffed); S3's: c1 (double-staffed)
    expect([before[1]!.stops.map((s) => s[8]), before[2]!.stops.map((s) => s[8])]).toEqual([[0, 1], [1]]);
    rows.reorder(order, [end]);
    expect(order.rows).toBeNull();
    const after = days.map(([a, b]) => {
      rows.dayStops(d, null, a, b, end);
      return { stops: stopsOf(d), group: rows.dayGroup(null, a, b) };
    });
    expect(after).toEqual(before);
  });
});
