import { describe, expect, it } from 'vitest';
import { checkTargets } from '../../src/outputs/check/targets.js';
import { measureSchedule } from '../../src/outputs/check/schedule.js';
import type { CheckItem } from '../../src/outputs/check/types.js';
import { CLIENTS, ID, scheduleRows, withContact } from '../fixtures/check/schedule.js';

// Figures by hand (see the fixture): eligible staff 4, 6, 10, 12, 23 → mean 11, median 10,
// max 23, share > 20 = 0.2; Norr (10, 12) mean 11, median 11; Söder (4, 6, 23) mean 11, median 6.
const measured = await measureSchedule(scheduleRows());
const result = measured.result;

const find = (items: readonly CheckItem[], target: string, group: string | null = null) =>
  items.find((c) => c.target === target && c.group === group);

describe('measureSchedule', () => {
  it('starts the single window on the first local day of the log and notes first lines', () => {
    expect(result.windows.map((w) => [w.from, w.to])).toEqual([['2024-11-04', '2024-11-17']]);
    expect(measured.firstDay).toBe('2024-11-04');
    expect(measured.lastDay).toBe('2024-11-17');
    expect(result.windows[0]!.clients.eligible).toBe(5);
    expect(measured.firstLines.get(ID.S3!)).toBe(113); // objects: 1-based position, after 4 × 28 rows
  });
});

describe('checkTargets', () => {
  it('passes every target that holds, with margins', () => {
    const r = checkTargets(result, { mean: 11, median: 10.5, shareAbove20: 0.25, maxStaff: 23 });
    expect(r.status).toBe('pass');
    expect(r.schema).toBe('kontinuitet/check@1');
    expect(find(r.checks, 'mean')).toMatchObject({ value: 11, limit: 11, margin: 0, status: 'pass', n: 5, from: '2024-11-04', to: '2024-11-17' });
    expect(find(r.checks, 'median')).toMatchObject({ value: 10, margin: 0.5, status: 'pass' });
    expect(find(r.checks, 'shareAbove20')).toMatchObject({ value: 0.2, margin: 0.05, status: 'pass' });
    expect(find(r.checks, 'maxStaff')).toMatchObject({ value: 23, margin: 0, status: 'pass', clients: [] });
    // maxRejectedShare defaults to 0 and holds: no row rejected.
    expect(find(r.checks, 'maxRejectedShare')).toMatchObject({ value: 0, limit: 0, status: 'pass', n: 167, from: null });
    expect(r.counts).toEqual({ pass: 5, warn: 0, fail: 0, skipped: 0 });
  });

  it('fails each target by the right amount', () => {
    const r = checkTargets(result, { mean: 10, median: 9, shareAbove20: 0.1, maxStaff: 20 });
    expect(r.status).toBe('fail');
    expect(find(r.checks, 'mean')).toMatchObject({ status: 'fail', margin: -1 });
    expect(find(r.checks, 'median')).toMatchObject({ status: 'fail', margin: -1 });
    expect(find(r.checks, 'shareAbove20')).toMatchObject({ status: 'fail', margin: -0.1 });
    expect(find(r.checks, 'mean')!.message).toBe('mean staff per client is 11, above the limit 10 by 1 (all clients, 2024-11-04 – 2024-11-17)');
  });

  it('lists the clients above maxStaff by the line of their first row, never by id', () => {
    const firstLines = new Map([[ID.S3!, 114], [ID.N2!, 30]]);
    const r = checkTargets(result, { maxStaff: 11 }, { firstLines });
    const c = find(r.checks, 'maxStaff')!;
    expect(c.status).toBe('fail');
    expect(c.margin).toBe(-12);
    expect(c.clients).toEqual([
      { ref: 'line 114', line: 114, group: 'Söder', staff: 23 },
      { ref: 'line 30', line: 30, group: 'Norr', staff: 12 },
    ]);
    expect(c.message).toContain('line 114 (23 staff), line 30 (12 staff)');
    expect(JSON.stringify(r)).not.toContain(ID.S3!);
    // X met 27 staff but is not eligible: never listed.
    expect(c.clients.some((x) => x.staff === 27)).toBe(false);
  });

  it('uses the given client reference', () => {
    const r = checkTargets(result, { maxStaff: 22 }, { clientRef: (id) => `p-${id.slice(-4)}` });
    expect(find(r.checks, 'maxStaff')!.clients.map((c) => c.ref)).toEqual(['p-5678']);
  });

  it('checks a listed group with the top-level targets and its overrides', () => {
    const r = checkTargets(result, { mean: 12, median: 12, groups: { Söder: { mean: 10, median: null } } });
    expect(find(r.checks, 'mean', 'Söder')).toMatchObject({ limit: 10, value: 11, margin: -1, status: 'fail', scope: 'group', n: 3 });
    expect(find(r.checks, 'median', 'Söder')).toBeUndefined();
    expect(find(r.checks, 'mean', 'Norr')).toBeUndefined(); // not listed, no byGroup
    expect(find(r.checks, 'mean')).toMatchObject({ status: 'pass', margin: 1 });
    expect(r.status).toBe('fail');
  });

  it('checks every group with byGroup; maxStaff per group lists only that group', () => {
    const r = checkTargets(result, { mean: 11, maxStaff: 11 }, { byGroup: true, firstLines: new Map([[ID.N2!, 30], [ID.S3!, 114]]) });
    expect(find(r.checks, 'mean', 'Norr')).toMatchObject({ value: 11, status: 'pass' });
    expect(find(r.checks, 'maxStaff', 'Norr')!.clients.map((c) => c.ref)).toEqual(['line 30']);
    expect(find(r.checks, 'maxStaff', 'Söder')!.clients.map((c) => c.ref)).toEqual(['line 114']);
  });

  it('skips a listed group that is not in the window', () => {
    const r = checkTargets(result, { mean: 14, groups: { Väster: {} } });
    expect(find(r.checks, 'mean', 'Väster')).toMatchObject({ status: 'skipped', value: null, n: 0 });
    expect(r.status).toBe('pass');
  });

  it('warns when a target holds within the margin, per unit', () => {
    const r = checkTargets(result, { mean: 11.5, median: 12, shareAbove20: 0.21, maxStaff: 30 }, { warnWithin: { staff: 1, share: 0.02 } });
    expect(find(r.checks, 'mean')!.status).toBe('warn'); // margin 0.5 ≤ 1
    expect(find(r.checks, 'median')!.status).toBe('pass'); // margin 2 > 1
    expect(find(r.checks, 'shareAbove20')!.status).toBe('warn'); // margin 0.01 ≤ 0.02
    expect(find(r.checks, 'maxStaff')!.status).toBe('pass');
    expect(r.status).toBe('warn');
  });

  it('skips minContactShare when the measure ran without the contact-person share', () => {
    const r = checkTargets(result, { minContactShare: 0.5 });
    expect(find(r.checks, 'minContactShare')).toMatchObject({ status: 'skipped', comparison: 'min' });
    expect(find(r.checks, 'minContactShare')!.reason).toContain('without the contact-person share');
    expect(r.status).toBe('pass');
  });

  it('checks minContactShare as a lower limit over clients with a listed contact person', async () => {
    // Only S1 (Söder) lists a contact person, present at 7 of 28 visits → 0.25; 4 eligible clients without.
    const withContacts = (await measureSchedule(scheduleRows(withContact()), { indices: true })).result;
    const fail = checkTargets(withContacts, { minContactShare: 0.3, groups: { Söder: {}, Norr: {} } });
    expect(find(fail.checks, 'minContactShare')).toMatchObject({ status: 'fail', value: 0.25, margin: -0.05 });
    expect(find(fail.checks, 'minContactShare')!.message).toContain('4 eligible clients without a listed contact person not counted');
    expect(find(fail.checks, 'minContactShare', 'Söder')).toMatchObject({ status: 'fail', value: 0.25 });
    expect(find(fail.checks, 'minContactShare', 'Norr')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('no eligible client has a contact person listed') });
    expect(find(checkTargets(withContacts, { minContactShare: 0.2 }).checks, 'minContactShare')).toMatchObject({ status: 'pass', margin: 0.05 });
  });

  it('fails the rejected-row share by default on any bad row, and honours a limit or null', () => {
    const bad = { ...result, rows: { ...result.rows, read: 168, rejected: 1 } };
    expect(find(checkTargets(bad, {}).checks, 'maxRejectedShare')).toMatchObject({ status: 'fail', value: 1 / 168 });
    expect(find(checkTargets(bad, { maxRejectedShare: 0.01 }).checks, 'maxRejectedShare')!.status).toBe('pass');
    expect(find(checkTargets(bad, { maxRejectedShare: null }).checks, 'maxRejectedShare')).toBeUndefined();
  });

  it('fails the top-level targets when no client is eligible in a window (log shorter than the window)', async () => {
    const short = (await measureSchedule(scheduleRows(CLIENTS, '2024-11-04', 10))).result;
    expect(short.windows[0]!.clients.eligible).toBe(0);
    const r = checkTargets(short, { mean: 14, groups: { Norr: {} } });
    expect(find(r.checks, 'mean')).toMatchObject({ status: 'fail', value: null });
    expect(find(r.checks, 'mean', 'Norr')!.status).toBe('skipped');
    expect(r.status).toBe('fail');
  });

  it('checks every monthly window', async () => {
    const twoMonths = (await measureSchedule([...scheduleRows(CLIENTS, '2024-10-01'), ...scheduleRows(CLIENTS, '2024-11-01')], { every: 'month' })).result;
    const r = checkTargets(twoMonths, { mean: 11 });
    expect(r.checks.filter((c) => c.target === 'mean').map((c) => [c.from, c.status])).toEqual([['2024-10-01', 'pass'], ['2024-11-01', 'pass']]);
  });
});
