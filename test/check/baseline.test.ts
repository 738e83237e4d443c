import { describe, expect, it } from 'vitest';
import { compareToBaseline, pairWindows } from '../../src/outputs/check/baseline.js';
import { measureSchedule } from '../../src/outputs/check/schedule.js';
import { checkTargets } from '../../src/outputs/check/targets.js';
import { CLIENTS, scheduleRows, withStaff } from '../fixtures/check/schedule.js';

// Current (2024-11-04 ..): eligible 4, 6, 10, 12, 23 → mean 11, median 10, max 23, share > 20 0.2.
// Worse-before baseline (2024-10-21 .., S3 met 18): 4, 6, 10, 12, 18 → mean 10, median 10, max 18, share 0.
// Better-before baseline (S3 met 28, S1 met 9): 9, 6, 10, 12, 28 → mean 13, median 10, max 28, share 0.2.
const current = (await measureSchedule(scheduleRows())).result;
const lower = (await measureSchedule(scheduleRows(withStaff({ S3: 18 }), '2024-10-21'))).result;
const higher = (await measureSchedule(scheduleRows(withStaff({ S3: 28, S1: 9 }), '2024-10-21'))).result;

const get = (changes: ReturnType<typeof compareToBaseline>, figure: string, group: string | null = null) =>
  changes.find((c) => c.figure === figure && c.group === group)!;

describe('compareToBaseline', () => {
  it('pairs single windows whatever their dates', () => {
    expect(pairWindows(current, lower).map(([c, b]) => [c.from, b.from])).toEqual([['2024-11-04', '2024-10-21']]);
  });

  it('reports a worsening, failing only beyond the tolerance', () => {
    const changes = compareToBaseline(current, lower, { tolerance: { mean: 0.5, maxStaff: 5 } });
    expect(get(changes, 'mean')).toMatchObject({ previous: 10, current: 11, change: 1, direction: 'worse', tolerance: 0.5, status: 'fail', baselineFrom: '2024-10-21', from: '2024-11-04' });
    expect(get(changes, 'maxStaff')).toMatchObject({ previous: 18, current: 23, change: 5, direction: 'worse', status: 'warn' }); // 5 ≤ 5
    expect(get(changes, 'median')).toMatchObject({ change: 0, direction: 'same', status: 'pass' });
    expect(get(changes, 'shareAbove20')).toMatchObject({ previous: 0, current: 0.2, direction: 'worse', tolerance: null, status: 'warn' });
    expect(get(changes, 'rejectedShare')).toMatchObject({ previous: 0, current: 0, direction: 'same', status: 'pass', from: null });
    expect(get(changes, 'mean').message).toBe('mean staff per client worsened from 10 to 11 (+1), beyond the tolerance 0.5 (all clients, 2024-11-04 – 2024-11-17)');
    expect(changes.some((c) => c.figure === 'contactShare')).toBe(false); // neither measure has it
  });

  it('passes an improvement', () => {
    const changes = compareToBaseline(current, higher, { tolerance: { mean: 0 } });
    expect(get(changes, 'mean')).toMatchObject({ previous: 13, current: 11, change: -2, direction: 'better', status: 'pass' });
    expect(get(changes, 'maxStaff')).toMatchObject({ change: -5, direction: 'better', status: 'pass' });
  });

  it('compares the groups asked for; a group missing on one side is skipped', () => {
    const changes = compareToBaseline(current, lower, { groups: ['Söder', 'Väster'] });
    expect(get(changes, 'mean', 'Söder')).toMatchObject({ previous: 28 / 3, current: 11, direction: 'worse' });
    expect(get(changes, 'mean', 'Väster')).toMatchObject({ status: 'skipped', change: null });
  });

  it('feeds the report status through checkTargets', () => {
    const fail = checkTargets(current, { mean: 14 }, { baseline: lower, tolerance: { mean: 0.5 } });
    expect(fail.status).toBe('fail');
    expect(fail.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(fail.baseline!.windows).toEqual([{ from: '2024-10-21', to: '2024-11-03', eligible: 5 }]);
    const pass = checkTargets(current, { mean: 14 }, { baseline: higher, tolerance: { mean: 0.5 } });
    expect(pass.status).not.toBe('fail');
  });

  it('pairs monthly windows by their first day and notes the unpaired', async () => {
    const series = (await measureSchedule([...scheduleRows(CLIENTS, '2024-10-01'), ...scheduleRows(CLIENTS, '2024-11-01')], { every: 'month' })).result;
    const october = (await measureSchedule(scheduleRows(CLIENTS, '2024-10-01'), { every: 'month' })).result;
    expect(pairWindows(series, october).map(([c, b]) => [c.from, b.from])).toEqual([['2024-10-01', '2024-10-01']]);
    const r = checkTargets(series, { mean: 14 }, { baseline: october });
    expect(r.notes.join(' ')).toContain('1 window(s) have no baseline window');
  });
});
