import { describe, expect, it } from 'vitest';
import { planContinuity } from '../../src/plan/index.js';
import { parseRoster, readRoster } from '../../src/plan/roster.js';
import { readVisits } from '../../src/read/read.js';
import { violations, type CheckedShift } from './checker.js';
import { tinyInstance } from './instances.js';

const zone = 'Europe/Stockholm';
/** Epoch ms of a local time on a date in October 2024 (UTC+2 in Stockholm), written apart from the reader. */
const at = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+02:00`);
const D = '2024-10-01';

/** A care row of a visit on 2024-10-01. */
const row = (visit: string, client: string, staff: string, start: string, end: string, extra: Record<string, string> = {}) => ({
  visit_id: visit, client_id: client, staff_id: staff, start: `${D} ${start}`, end: `${D} ${end}`, kind: 'omvårdnad', staff_role: 'undersköterska', ...extra,
});
const shift = (staff: string, start: string, end: string, extra: Record<string, string> = {}) => ({ staff_id: staff, date: D, shift_start: start, shift_end: end, ...extra });
const checked = (staff: string, start: string, end: string, role?: string): CheckedShift => ({ staff, start: at(D, start), end: at(D, end), ...(role ? { role } : {}) });

async function plan(rows: Record<string, string>[], roster: Record<string, string>[], extra: { keepGroup?: boolean } = {}) {
  const result = await planContinuity(rows, { from: D, rules: { days: 1 }, maxTravelIncrease: 1e9, roster, ...extra });
  const { visits: input } = await readVisits(rows);
  return { result, input, staffOf: (visit: string) => result.visits.filter((v) => v.visitId === visit).map((v) => v.staff) };
}

describe('parseRoster', () => {
  it('reads clock times on a date, full date-times, a night shift into the next day and 24:00, with Swedish headers', () => {
    const text = '\uFEFFPersonal;Datum;Passtart;Passlut;Grupp;Roll\nS1;2024-10-01;07:00;15:30;Norr;usk\nS2;2024-10-01;22:00;07:00;;\nS3;;2024-10-02 06:00;2024-10-02 14:00;Syd;hsl\nS4;2024-10-01;16:00;24:00;;\n';
    const { shifts, ledger } = parseRoster(text, zone);
    expect(ledger).toEqual({ rows: 4, used: 4, rejected: 0, issues: [] });
    expect(shifts.map((s) => [s.line, s.staff, s.start, s.end, s.group, s.role])).toEqual([
      [2, 'S1', at(D, '07:00'), at(D, '15:30'), 'Norr', 'usk'],
      [3, 'S2', at(D, '22:00'), at('2024-10-02', '07:00'), '', ''],
      [4, 'S3', at('2024-10-02', '06:00'), at('2024-10-02', '14:00'), 'Syd', 'hsl'],
      [5, 'S4', at(D, '16:00'), at('2024-10-02', '00:00'), '', ''],
    ]);
  });

  it('rejects bad rows by line, column and code, never showing a cell', () => {
    const text = [
      'staff_id,date,shift_start,shift_end',
      'SECRET1,2024-10-01,07:00,15:00', // 2 used
      ',2024-10-01,07:00,15:00', // 3 missing staff
      'SECRET2,2024-13-01,07:00,15:00', // 4 bad date
      'SECRET3,2024-10-01,7.00,15:00', // 5 bad time
      'SECRET4,,07:00,15:00', // 6 a clock time without a date
      'SECRET5,,2024-10-01 15:00,2024-10-01 07:00', // 7 end before start
      'SECRET6,2024-10-01,07:00', // 8 field count
      'SECRET7,,2024-10-01 07:00,2024-10-02 09:00', // 9 longer than 24 h
      'SECRET8,2024-10-01,25:00,15:00', // 10 no such time
      'SECRET9,2024-03-31,02:30,08:00', // 11 in the spring gap
    ].join('\n');
    const { ledger } = parseRoster(text, zone);
    expect(ledger.rows).toBe(10);
    expect(ledger.used).toBe(1);
    expect(ledger.rejected).toBe(9);
    expect(ledger.issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [3, 'staff_id', 'missing_value'],
      [4, 'date', 'bad_date'],
      [5, 'shift_start', 'time_format'],
      [6, 'date', 'missing_value'],
      [7, 'shift_end', 'end_before_start'],
      [8, null, 'field_count'],
      [9, 'shift_end', 'time_implausible'],
      [10, 'shift_start', 'time_out_of_range'],
      [11, 'shift_start', 'time_nonexistent'],
    ]);
    for (const i of ledger.issues) {
      expect(i.message).toMatch(new RegExp(`^roster line ${i.line}`));
      expect(i.message).not.toMatch(/SECRET|2024|07:00|15:00/);
    }
  });

  it('reads a Windows-1252 file as the visits are read with encoding latin1', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'kontinuitet-roster-')), 'roster.csv');
    writeFileSync(file, Buffer.from('Personal;Datum;Passtart;Passlut;Grupp\nS1;2024-10-01;07:00;15:00;\xc5nge\n', 'latin1'));
    expect((await readRoster(file, zone, 'latin1')).shifts[0]!.group).toBe('Ånge');
  });

  it('stops on a roster without staff or shift columns, naming them', async () => {
    await expect(readRoster([{ staff_id: 'S1', date: D }], zone)).rejects.toMatchObject({ code: 'MISSING_COLUMN', message: expect.stringMatching(/shift_start, shift_end/) });
    await expect(readRoster('/no/such/roster.csv', zone)).rejects.toMatchObject({ code: 'UNREADABLE_INPUT' });
  });
});

describe('planContinuity with a roster', () => {
  it('a roster wider than the visits lets a staff member take a client\'s other visit', async () => {
    const rows = [row('V1', 'C1', 'A', '10:00', '10:30'), row('V2', 'C1', 'B', '14:00', '14:30')];
    // without a roster A works 10:00–10:30 and B 14:00–14:30: nothing can move
    const plain = await planContinuity(rows, { from: D, rules: { days: 1 }, maxTravelIncrease: 1e9 });
    expect(plain.after.mean).toBe(2);
    const roster = [shift('A', '07:00', '15:00'), shift('B', '13:00', '15:00')];
    const { result, input, staffOf } = await plan(rows, roster);
    expect(result.after.mean).toBe(1);
    expect(staffOf('V2')).toEqual(['A']); // B's shift does not cover 10:00
    expect(result.roster).toEqual({ rows: 2, used: 2, rejected: 0, issues: [], staff: 2, newStaff: 0, pinnedRows: 0 });
    expect(violations(input, result.visits, [checked('A', '07:00', '15:00'), checked('B', '13:00', '15:00')])).toEqual([]);
  });

  it('plans with staff who are only in the roster, unless their role is excluded', async () => {
    // A is busy at C2 (one visit a day: not counted, so fixed) when C1's second visit starts
    const rows = [row('V1', 'C1', 'A', '10:00', '10:30'), row('V2', 'C1', 'B', '14:00', '14:30'), row('V3', 'C2', 'A', '13:50', '14:40')];
    const roster = [shift('A', '07:00', '15:00'), shift('B', '12:00', '16:00'), shift('N', '08:00', '16:00')];
    const { result, input, staffOf } = await plan(rows, roster);
    expect(result.after.mean).toBe(1);
    expect([...staffOf('V1'), ...staffOf('V2')]).toEqual(['N', 'N']); // only N's shift covers both
    expect(staffOf('V3')).toEqual(['A']);
    expect(result.roster).toMatchObject({ staff: 3, newStaff: 1, pinnedRows: 0 });
    expect(violations(input, result.visits, [checked('A', '07:00', '15:00'), checked('B', '12:00', '16:00'), checked('N', '08:00', '16:00')])).toEqual([]);
    const nurse = await plan(rows, [...roster.slice(0, 2), shift('N', '08:00', '16:00', { role: 'hsl' })]);
    expect(nurse.result.after.mean).toBe(2);
    expect(nurse.result.visits.some((v) => v.staff === 'N')).toBe(false);
  });

  it('keeps a counted row outside its staff member\'s roster with them (pinned), and moves only into shifts', async () => {
    // A's roster starts at 12:00, after V1 (10:00): V1 stays with A; A may take V2 (14:00)
    const rows = [row('V1', 'C1', 'A', '10:00', '10:30'), row('V2', 'C1', 'B', '14:00', '14:30')];
    const roster = [shift('A', '12:00', '20:00'), shift('B', '07:00', '15:00')];
    const { result, input, staffOf } = await plan(rows, roster);
    expect(result.roster!.pinnedRows).toBe(1);
    expect(staffOf('V1')).toEqual(['A']);
    expect(staffOf('V2')).toEqual(['A']);
    expect(result.after.mean).toBe(1);
    expect(violations(input, result.visits, [checked('A', '12:00', '20:00'), checked('B', '07:00', '15:00')])).toEqual([]);
    // the checker refuses a row moved outside its new staff member's shift
    const bad = input.map((v) => (v.visitId === 'V2' ? { ...v, staff: 'A' } : v.visitId === 'V1' ? { ...v, staff: 'B' } : v));
    expect(violations(input, bad, [checked('A', '12:00', '13:00'), checked('B', '07:00', '15:00')])).toEqual(['availability: row 1 outside its staff\'s span']);
  });

  it('takes the roster\'s groups for keepGroup', async () => {
    const rows = [row('V1', 'C1', 'A', '10:00', '10:30', { group: 'Norr' }), row('V2', 'C1', 'B', '14:00', '14:30', { group: 'Norr' }), row('V3', 'C2', 'A', '13:50', '14:40', { group: 'Norr' })];
    const syd = await plan(rows, [shift('N', '08:00', '16:00', { group: 'Syd' })], { keepGroup: true });
    expect(syd.result.after.mean).toBe(2);
    const norr = await plan(rows, [shift('N', '08:00', '16:00', { group: 'Norr' })], { keepGroup: true });
    expect(norr.result.after.mean).toBe(1);
    expect(violations(norr.input, norr.result.visits, [checked('N', '08:00', '16:00')])).toEqual([]);
  });
});

describe('planContinuity with random rosters (annealing)', () => {
  for (let seed = 1; seed <= 6; seed++) {
    it(`never breaks a hard rule under the roster (seed ${seed})`, async () => {
      const rows = tinyInstance({ seed: 300 + seed, clients: 3, days: 3, visitsPerDay: 3, staff: 5, doubles: 2, nurse: true });
      // each staff member S1–S5 and a new X1 gets one shift a day, from 06:00–10:00 to 15:00–22:00
      let r = seed * 7919;
      const next = (n: number) => (r = (r * 48271) % 2147483647) % n;
      const roster: Record<string, string>[] = [];
      const checkedShifts: CheckedShift[] = [];
      for (const staff of ['S1', 'S2', 'S3', 'S4', 'S5', 'X1']) {
        for (let d = 1; d <= 3; d++) {
          const date = `2024-10-0${d}`;
          const from = `${String(6 + next(5)).padStart(2, '0')}:00`, to = `${15 + next(8)}:00`;
          roster.push({ staff_id: staff, date, shift_start: from, shift_end: to, role: staff === 'X1' && seed % 2 === 0 ? 'hsl' : '' });
          checkedShifts.push({ staff, start: at(date, from), end: at(date, to), ...(staff === 'X1' && seed % 2 === 0 ? { role: 'hsl' } : {}) });
        }
      }
      const { visits: input } = await readVisits(rows);
      const result = await planContinuity(rows, { from: D, rules: { days: 3 }, iterations: 3000, seed, roster });
      expect(result.search.method).toBe('annealing');
      expect(violations(input, result.visits, checkedShifts)).toEqual([]);
      expect(result.after.mean!).toBeLessThanOrEqual(result.before.mean!);
      expect(result.roster).toMatchObject({ rows: 18, used: 18, rejected: 0, staff: 6, newStaff: 1 });
    });
  }
});
