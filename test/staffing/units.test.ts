import { describe, expect, it } from 'vitest';
import { recurringSlots } from '../../src/measures/staffing/slots.js';
import { duplicateRegistrations, isDoubleStaffed, peakTogether, staffTime } from '../../src/measures/staffing/together.js';
import { analyseVisit } from '../../src/measures/staffing/visit.js';

const M = 60_000;
const row = (staff: string, start: number, end: number) => ({ staff, start: start * M, end: end * M });

describe('one visit', () => {
  it('the doc examples hold', () => {
    expect(peakTogether([{ start: 0, end: 60, staff: 'A' }, { start: 0, end: 30, staff: 'B' }, { start: 10, end: 20, staff: 'C' }], [0, 1, 2])).toBe(3);
    expect(staffTime([{ start: 0, end: 60, staff: 'A' }, { start: 10, end: 50, staff: 'B' }, { start: 0, end: 60, staff: 'A' }], [0, 1, 2])).toBe(100);
    expect(duplicateRegistrations([{ start: 0, end: 60, staff: 'A' }, { start: 0, end: 60, staff: 'A' }, { start: 0, end: 60, staff: 'B' }], [0, 1, 2])).toEqual([[0, 1]]);
    const rows = [{ start: 0, end: 3_600_000, staff: 'A' }, { start: 120_000, end: 3_600_000, staff: 'B' }];
    expect(analyseVisit(rows, [0, 1], 300_000)).toEqual({ kind: 'double', staff: 2, peak: 2, togetherMs: 3_480_000, staffMs: 7_080_000, duplicates: [] });
  });

  it('three staff in a relay: the peak is 2, together is the longest pair', () => {
    // A 0–30, B 20–60, C 50–90: pairs A·B 10, B·C 10, A·C 0; never three at once; time 30 + 40 + 40 = 110
    const rows = [row('A', 0, 30), row('B', 20, 60), row('C', 50, 90)];
    expect(analyseVisit(rows, [0, 1, 2], 5 * M)).toMatchObject({ kind: 'double', staff: 3, peak: 2, togetherMs: 10 * M, staffMs: 110 * M });
  });

  it('rows touching end to start are a handover with 0 together; one staff member in two parts is single, not a duplicate', () => {
    expect(analyseVisit([row('A', 0, 30), row('B', 30, 60)], [0, 1], 5 * M)).toMatchObject({ kind: 'handover', togetherMs: 0, peak: 1 });
    expect(analyseVisit([row('A', 0, 30), row('A', 40, 60)], [0, 1], 5 * M)).toMatchObject({ kind: 'single', staffMs: 50 * M, duplicates: [] });
  });

  it('a duplicate that overlaps only in part still counts its time once (union 0–45)', () => {
    expect(analyseVisit([row('A', 0, 30), row('A', 15, 45), row('B', 0, 45)], [0, 1, 2], 5 * M)).toMatchObject({ kind: 'double', staffMs: 90 * M, duplicates: [[0, 1]] });
  });

  it('agrees with isDoubleStaffed at the threshold (5 min together is double, 4 is not; 0 threshold needs some overlap)', () => {
    for (const [overlap, threshold] of [[5, 5], [4, 5], [1, 0], [0, 0]] as const) {
      const rows = [row('A', 0, 30), row('B', 30 - overlap, 60)];
      expect(analyseVisit(rows, [0, 1], threshold * M).kind === 'double').toBe(isDoubleStaffed(rows, [0, 1], threshold * M));
    }
    expect(analyseVisit([row('A', 0, 30), row('B', 25, 60)], [0, 1], 5 * M).kind).toBe('double');
  });
});

describe('recurring slots', () => {
  const v = (day: number, minute: number, staff = ['S1', 'S2']) => ({ day, minute, staff });

  it('the doc example holds', () => {
    expect(recurringSlots([v(0, 480), v(1, 490), v(2, 470), v(3, 1200)], 4)).toEqual([{ time: '08:00', days: 3, visits: 3, usualPair: ['S1', 'S2'], pairVisits: 3 }]);
  });

  it('a slot around midnight: 23:50, 00:10, 00:00 and 23:40 on four days → 23:55 (median of −20, −10, 0, +10 around 00:00 is −5)', () => {
    expect(recurringSlots([v(0, 1430), v(1, 10), v(2, 0), v(3, 1420)], 4)).toEqual([{ time: '23:55', days: 4, visits: 4, usualPair: ['S1', 'S2'], pairVisits: 4 }]);
  });

  it('two slots a day, ordered by time', () => {
    const visits = [0, 1, 2, 3].flatMap((d) => [v(d, 1140 + d, ['S3', 'S4']), v(d, 480 - d, d === 0 ? ['S1', 'S9'] : ['S2', 'S1'])]);
    expect(recurringSlots(visits, 4)).toEqual([
      // 08:00, 07:59, 07:58, 07:57 → median 07:58.5 → 07:59 (rounded half up); S1 + S2 together at 3
      { time: '07:59', days: 4, visits: 4, usualPair: ['S1', 'S2'], pairVisits: 3 },
      { time: '19:02', days: 4, visits: 4, usualPair: ['S3', 'S4'], pairVisits: 4 },
    ]);
  });

  it('the usual pair is the pair most often together, not the two staff seen most', () => {
    // A, B, C, D each at 3 visits; A and B never together; pairs A·C 2, B·D 2 (tie: A·C first), A·D 1, B·C 1
    const staff = [['A', 'C'], ['A', 'C'], ['A', 'D'], ['B', 'C'], ['B', 'D'], ['B', 'D']];
    expect(recurringSlots(staff.map((s, d) => v(d, 600, s)), 6)).toEqual([{ time: '10:00', days: 6, visits: 6, usualPair: ['A', 'C'], pairVisits: 2 }]);
  });

  it('needs the share of days: 3 of 7 days is not a slot at 0.5, is at 0.4', () => {
    const visits = [v(0, 480), v(2, 480), v(4, 480)];
    expect(recurringSlots(visits, 7)).toEqual([]);
    expect(recurringSlots(visits, 7, { minDayShare: 0.4 })).toHaveLength(1);
  });
});

describe('local times', () => {
  it('the doc example of localTime holds, and summer/winter time both print as wall time', async () => {
    const { localTime } = await import('../../src/measures/staffing/client.js');
    const { LocalZone } = await import('../../src/windows/zone.js');
    const z = new LocalZone('Europe/Stockholm');
    expect(localTime(z, Date.UTC(2024, 9, 1, 6, 0))).toBe('2024-10-01 08:00'); // CEST, UTC+2
    expect(localTime(z, Date.UTC(2024, 10, 1, 22, 30))).toBe('2024-11-01 23:30'); // CET, UTC+1
  });
});
