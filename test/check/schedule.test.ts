import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkSchedule, measureSchedule } from '../../src/outputs/check/schedule.js';
import { CLIENTS, ID, scheduleCsv, scheduleRows, withStaff } from '../fixtures/check/schedule.js';

describe('measureSchedule', () => {
  it('reads a byte stream twice to find the first day (stdin), with CSV lines', async () => {
    const m = await measureSchedule(Readable.from([Buffer.from(scheduleCsv())]));
    expect(m.result.windows.map((w) => w.from)).toEqual(['2024-11-04']);
    expect(m.result.rows).toMatchObject({ read: 167, used: 167, rejected: 0 });
    expect(m.firstLines.get(ID.S3!)).toBe(114); // header + 4 × 28 rows
    expect(m.firstLines.get(ID.N1!)).toBe(2);
  });

  it('reads an async iterable of objects twice', async () => {
    async function* rows() {
      yield* scheduleRows();
    }
    const m = await measureSchedule(rows());
    expect(m.result.windows[0]!.staffPerClient.mean).toBe(11);
  });

  it('takes from and every as given', async () => {
    const m = await measureSchedule(scheduleRows(), { from: '2024-11-05' });
    expect(m.result.windows.map((w) => w.from)).toEqual(['2024-11-05']);
    expect(m.result.windows[0]!.clients.eligible).toBe(0); // 2024-11-18 has no visits
  });
});

describe('checkSchedule', () => {
  it('notes rows outside the window and a log ending early', async () => {
    const report = await checkSchedule(scheduleRows(), { from: '2024-11-05', targets: { mean: 14 } });
    // the first day's 2 visits of each of the 6 clients lie before the window
    expect(report.notes).toContain('12 rows of the log lie outside the window checked');
    expect(report.notes).toContain('the log ends on 2024-11-17, before the window 2024-11-05 – 2024-11-18 does: clients are not eligible for the days without visits');
    expect(report.status).toBe('fail');
  });

  it('measures the baseline on its own first day by default, on the same window with from', async () => {
    const before = scheduleRows(withStaff({ S3: 18 }), '2024-10-21');
    const own = await checkSchedule(scheduleRows(), { targets: { mean: 14 } }, { baseline: before });
    expect(own.baseline!.windows).toEqual([{ from: '2024-10-21', to: '2024-11-03', eligible: 5 }]);
    const same = await checkSchedule(scheduleRows(), { from: '2024-11-04', targets: { mean: 14 } }, { baseline: before });
    expect(same.baseline!.windows).toEqual([{ from: '2024-11-04', to: '2024-11-17', eligible: 0 }]);
    expect(same.baseline!.changes.find((c) => c.figure === 'mean')!.status).toBe('skipped');
  });

  it('checks every monthly window with every: month', async () => {
    const rows = [...scheduleRows(CLIENTS, '2024-10-01'), ...scheduleRows(withStaff({ N1: 25 }), '2024-11-01')];
    // November: 4, 6, 12, 23, 25 → mean 14
    const report = await checkSchedule(rows, { every: 'month', targets: { mean: 12 } });
    expect(report.checks.filter((c) => c.target === 'mean').map((c) => [c.from, c.value, c.status])).toEqual([['2024-10-01', 11, 'pass'], ['2024-11-01', 14, 'fail']]);
  });
});

describe('checkSchedule on a log without visits', () => {
  it('fails the continuity targets and notes it, whatever the window length', async () => {
    const report = await checkSchedule([], { days: 30, targets: { mean: 14 } });
    expect(report.windows).toEqual([]);
    expect(report.checks.map((c) => [c.target, c.status, c.reason])).toEqual([['mean', 'fail', 'the log has no visits'], ['maxRejectedShare', 'skipped', 'no rows read']]);
    expect(report.notes).toEqual(['the log has no visits']);
  });
});
