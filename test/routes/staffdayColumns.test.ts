import { describe, expect, it } from 'vitest';
import { CountColumn, SparseFigures, WholeColumn } from '../../src/measures/routes/staffdayColumns.js';
import { StaffDays } from '../../src/measures/routes/staffdays.js';
import { FIGURE } from '../../src/measures/routes/summaryDays.js';
import type { DayCore } from '../../src/measures/routes/day.js';
import { LocalZone } from '../../src/windows/zone.js';

describe('WholeColumn: whole numbers of a unit, else numbers as they are', () => {
  it('gives back each number kept, before and after one that is not whole', () => {
    const c = new WholeColumn(5, 60_000);
    c.set(0, 1727773200000);
    c.set(1, -60_000);
    expect([c.get(0), c.get(1)]).toEqual([1727773200000, -60_000]);
    c.set(2, 1727773200000.5);
    c.set(3, -0);
    c.set(4, 60_000 * 2 ** 31); // past Int32
    expect([c.get(0), c.get(1), c.get(2), c.get(4)]).toEqual([1727773200000, -60_000, 1727773200000.5, 60_000 * 2 ** 31]);
    expect(Object.is(c.get(3), -0)).toBe(true);
  });

  it('keeps −0 and NaN as they are', () => {
    const minus = new WholeColumn(1, 1), nan = new WholeColumn(1, 1);
    minus.set(0, -0);
    nan.set(0, Number.NaN);
    expect([Object.is(minus.get(0), -0), nan.get(0)]).toEqual([true, NaN]);
  });
});

describe('CountColumn: counts in two bytes, else numbers as they are', () => {
  it('gives back each number kept, before and after one past 65,535, and −0, NaN, a fraction and a negative as they are', () => {
    const c = new CountColumn(4);
    c.set(0, 0);
    c.set(1, 65_535);
    expect([c.get(0), c.get(1)]).toEqual([0, 65_535]);
    c.set(2, 65_536);
    c.set(3, 2.5);
    expect([c.get(0), c.get(1), c.get(2), c.get(3)]).toEqual([0, 65_535, 65_536, 2.5]);
    const odd = [-0, Number.NaN, -1].map((x) => { const o = new CountColumn(1); o.set(0, x); return o.get(0); });
    expect([Object.is(odd[0], -0), odd[1], odd[2]]).toEqual([true, NaN, -1]);
  });
});

describe('SparseFigures: figures of the days that have them', () => {
  it('reads NaN for a day without, and each figure set, past a chunk', () => {
    const s = new SparseFigures(10_000, 2);
    for (let k = 0; k < 10_000; k += 2) s.set(k, 1, k / 2);
    s.set(9_999, 0, 7);
    expect([s.get(0, 0), s.get(0, 1), s.get(1, 1), s.get(9_998, 1), s.get(9_999, 0), s.get(9_999, 1)]).toEqual([NaN, 0, NaN, 4_999, 7, NaN]);
  });
});

describe('StaffDays: travel as driven kept once a day drives other than its model', () => {
  const start = Date.UTC(2024, 9, 1, 8);
  const core = (travel: number, model: number): DayCore => ({
    visits: 2, doubleStaffedVisits: 0, workStart: start, workEnd: start + 3_600_000, clientMinutes: 30,
    travelMinutes: travel, travelKm: travel, travelSource: 'logged', waitingMinutes: 0, modelMinutes: model, modelKm: model,
    bestMinutes: null, bestKm: null, bestSearch: null, windowsFeasible: null, bestMinutesWindows: null, bestKmWindows: null, reason: 'not_sampled',
  });

  it('reads each day’s own travel and model, in any order of setting', () => {
    const days = new StaffDays(3, ['S1'], ['Norr'], new LocalZone('UTC'));
    days.set(2, 0, 19999, 0, core(10, 10));
    days.set(0, 0, 19997, 0, core(12, 12));
    days.set(1, 0, 19998, 0, core(20, 15));
    const read = (f: number) => [0, 1, 2].map((k) => days.figure(k, f as never));
    expect([read(FIGURE.travelMinutes), read(FIGURE.modelMinutes), read(FIGURE.travelKm)]).toEqual([[12, 20, 10], [12, 15, 10], [12, 20, 10]]);
    expect(days.slice(1, 2)[0]!.travelMinutes).toBe(20);
  });
});
