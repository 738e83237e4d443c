import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'fast-csv';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCsv } from '../continuity/fixture.js';
import { staffingRows } from '../staffing/fixture.js';
import { run } from './run.js';

let file = '';
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontinuitet-staffing-'));
  file = join(dir, 'visits.csv');
  writeFileSync(file, fixtureCsv(staffingRows()));
});

async function parseCsv(text: string): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from([text]).pipe(parse({ headers: true })).on('data', (r) => rows.push(r)).on('end', () => resolve()).on('error', reject);
  });
  return rows;
}

// Figures of test/staffing/fixture.ts, worked out there by hand.
describe('kontinuitet staffing', () => {
  it('gives the same JSON with --threads 3 (worker threads) as with --threads 1, and refuses --threads 0 and --watchdog 0', () => {
    const one = run(['staffing', file, '--from', '2024-10-07', '--format', 'json', '--threads', '1']);
    const three = run(['staffing', file, '--from', '2024-10-07', '--format', 'json', '--threads', '3', '--watchdog', '30']);
    expect(one.status).toBe(0);
    expect(three.stdout).toBe(one.stdout);
    for (const flag of ['--threads', '--watchdog']) {
      const bad = run(['staffing', file, flag, '0']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain(`${flag} must be a whole number`);
    }
  });

  it('prints the staffing@1 JSON with the figures of the hand-built fixture', () => {
    const r = run(['staffing', file, '--from', '2024-10-07', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.schema).toBe('kontinuitet/staffing@1');
    expect(json.scope).toBe('counted');
    expect(json.rule).toMatchObject({ preset: 'kolada', handoverMinutes: 5, slotToleranceMinutes: 30, slotMinDayShare: 0.5 });
    expect(json.rows).toEqual({ read: 67, used: 63, rejected: 0, excluded: { outside_day_hours: 4 } });
    const w = json.windows[0];
    expect(w.clients).toEqual({ served: 6, doubleStaffed: 4 });
    expect([w.visits, w.doubleStaffedVisits, w.handovers, w.duplicateRegistrations]).toEqual([39, 20, 1, 2]);
    expect(w.duplicates.map((d: { lines: number[] }) => d.lines)).toEqual([[10, 11], [12, 13]]); // CSV lines: the header is line 1
    expect(w.recurringSlots).toEqual([{ client: 'R', group: 'Söder', time: '08:00', days: 13, visits: 13, usualPair: ['S12', 'S13'], pairVisits: 10 }]);
    expect(Object.keys(w)).toEqual([
      'from', 'to', 'clients', 'visits', 'doubleStaffedVisits', 'doubleStaffedShare', 'handovers', 'duplicateRegistrations', 'staffHours', 'doubleStaffedHours',
      'doubleStaffedHoursShare', 'doubleStaffedSharePerClient', 'staffPerClient', 'addedBySecond', 'groups', 'perClient', 'doubleStaffed', 'recurringSlots', 'duplicates',
    ]);
  });

  it('--all-visits takes the visits across midnight; --handover-minutes moves the handover', () => {
    const all = JSON.parse(run(['staffing', file, '--from', '2024-10-07', '--format', 'json', '--all-visits']).stdout);
    expect(all.scope).toBe('all');
    expect(all.windows[0].doubleStaffed.filter((v: { client: string }) => v.client === 'M').map((v: { start: string; end: string }) => [v.start, v.end]))
      .toEqual([['2024-10-12 23:30', '2024-10-13 00:30'], ['2024-10-20 23:30', '2024-10-21 00:30']]);
    const two = JSON.parse(run(['staffing', file, '--from', '2024-10-07', '--format', 'json', '--handover-minutes', '2']).stdout);
    expect([two.windows[0].handovers, two.windows[0].doubleStaffedVisits]).toEqual([0, 21]);
  });

  it('writes one CSV row per client and window, with formula escaping', async () => {
    const f = join(dir, 'formula.csv');
    writeFileSync(f, fixtureCsv(staffingRows().map((x) => (x.client_id === 'P' ? { ...x, client_id: '=P' } : x))));
    const r = run(['staffing', f, '--from', '2024-10-07', '--format', 'csv']);
    expect(r.status).toBe(0);
    const rows = await parseCsv(r.stdout);
    expect(rows.map((x) => x.client)).toEqual(["'=P", 'D', 'H', 'Q', 'R', 'T']); // sorted by id: '=' before letters
    expect(rows.find((x) => x.client === "'=P")).toEqual({
      from: '2024-10-07', to: '2024-10-20', client: "'=P", group: 'Norr', eligible: 'false', visits: '2', double_staffed_visits: '1', double_staffed_share: '0.5',
      handovers: '0', duplicate_registrations: '0', staff_hours: '1.8833', double_staffed_hours: '1.3833', staff_only_at_double_staffed: '2',
      staff_with_second: '3', staff_without_second: '2',
    }); // 113 min = 1.8833 h, 83 min = 1.3833 h
  });

  it('prints a Swedish table per group with the recurring slot, read from standard input', () => {
    const r = run(['staffing', '-', '--from', '2024-10-07', '--by-group', '--lang', 'sv'], { input: fixtureCsv(staffingRows()) });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Dubbelbemannade besök');
    expect(r.stdout).toMatch(/Dubbelbemannade besök\s+20\s+51,3 %/); // 20 / 39
    expect(r.stdout).toMatch(/Norr\s+3\s+2\s+5\s+40 %/); // 2 of 5 visits
    expect(r.stdout).toMatch(/Söder\s+08:00\s+13\s+10\/13/); // client R, pair S12 + S13: named in the JSON only
    const staff = new Set(staffingRows().map((x) => x.staff_id));
    expect([...staff].filter((s) => new RegExp(`\\b${s}\\b`).test(r.stdout))).toEqual([]);
    expect(r.stdout).toContain('Dubbelregistreringar på rad: 10+11, 12+13');
  });

  it('a monthly series without --from; exits 2 on bad flags and missing files without printing ids', () => {
    const series = run(['staffing', file, '--format', 'json', '--days', '7', '--anchor', 'first-monday']);
    expect(series.status).toBe(0);
    expect(JSON.parse(series.stdout).windows.map((w: { from: string }) => w.from)).toEqual(['2024-10-07']);
    const flag = run(['staffing', file, '--handover-minutes', '-1']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('--handover-minutes');
    const share = run(['staffing', file, '--slot-share', '2']);
    expect(share.status).toBe(2);
    const missing = run(['staffing', join(dir, 'nope.csv')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('UNREADABLE_INPUT');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Brukare;Personal;Starttid;Sluttid\n19400101-1234;S1;2024-10-07 08:00;2024-10-07 07:00\n');
    const rejected = run(['staffing', bad, '--from', '2024-10-07', '--on-error', 'stop']);
    expect(rejected.status).toBe(2);
    expect(rejected.stderr).toContain('BAD_ROW');
    expect(rejected.stderr).not.toContain('19400101-1234');
    expect(rejected.stderr).not.toContain('S1');
    expect(run(['staffing', '--help']).stdout).toContain('--handover-minutes');
  });
});
