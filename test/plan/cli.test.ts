import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureContinuity } from '../../src/measures/continuity/measure.js';
import { readVisits } from '../../src/read/read.js';
import { run } from '../cli/run.js';
import { violations } from './checker.js';
import { tinyInstance } from './instances.js';

const toCsv = (rows: Record<string, string>[], columns: string[]) => `${columns.join(';')}\n${rows.map((r) => columns.map((c) => r[c] ?? '').join(';')).join('\n')}\n`;

describe('kontinuitet plan', () => {
  it('writes plan.csv with the input columns and rows (only staff changed), the changes, and figures equal to measure on the files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-plan-'));
    const rows = tinyInstance({ seed: 5, clients: 3, days: 3, visitsPerDay: 3, staff: 5, doubles: 2, shifts: true, nurse: true });
    const columns = ['visit_id', 'client_id', 'staff_id', 'start', 'end', 'kind', 'staff_role', 'lat', 'lon', 'shift_start', 'shift_end'];
    const input = join(dir, 'in.csv');
    writeFileSync(input, toCsv(rows, columns));
    const out = join(dir, 'plan.csv'), changes = join(dir, 'changes.csv');
    const args = ['plan', input, '--from', '2024-10-01', '--days', '3', '--out', out, '--changes', changes, '--iterations', '3000'];
    const r = run(args);
    expect(r.status).toBe(0);
    expect(r.stderr.replaceAll(dir, '<dir>')).not.toMatch(/S\d|C\d/); // no ids in the log line (the temp folder's random name may hold 'C9')
    const json = JSON.parse(r.stdout);
    expect(json.schema).toBe('kontinuitet/plan@1');
    const inLines = readFileSync(input, 'utf8').trimEnd().split('\n').map((l) => l.split(';'));
    const outLines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => l.split(';'));
    expect(outLines.length).toBe(inLines.length);
    expect(outLines[0]).toEqual(inLines[0]);
    const changed: string[] = [];
    inLines.forEach((cells, k) => {
      cells.forEach((cell, c) => { if (c !== 2) expect(outLines[k]![c]).toBe(cell); });
      if (outLines[k]![2] !== cells[2]) changed.push(`${k + 1},${cells[0]},${cells[2]},${outLines[k]![2]}`);
    });
    expect(readFileSync(changes, 'utf8').trimEnd().split('\n').slice(1)).toEqual(changed);
    expect(json.changes.length).toBe(changed.length);
    const options = { from: '2024-10-01', rules: { days: 3 } };
    expect(json.before.mean).toBe((await measureContinuity(input, options)).windows[0]!.staffPerClient.mean);
    expect(json.after.mean).toBe((await measureContinuity(out, options)).windows[0]!.staffPerClient.mean);
    expect(violations((await readVisits(input)).visits, (await readVisits(out)).visits)).toEqual([]);
    expect(run(args).stdout.replace(/"seconds": [\d.]+/, '')).toBe(r.stdout.replace(/"seconds": [\d.]+/, '')); // the same seed: the same plan
  });

  it('needs --from and --out; --pools-out needs --pools', () => {
    expect(run(['plan', 'x.csv', '--out', 'p.csv']).status).toBe(2);
    expect(run(['plan', 'x.csv', '--from', '2024-10-01']).status).toBe(2);
    const r = run(['plan', 'x.csv', '--from', '2024-10-01', '--out', 'p.csv', '--pools-out', 'dir']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--pools-out needs --pools/);
    expect(run(['plan', 'x.csv', '--from', '2024-10-01', '--out', 'p.csv', '--pools', '0']).status).toBe(2);
    expect(run(['plan', '--help']).stdout).not.toMatch(/Not yet/);
  });

  it('plans with --roster (a new staff member, a bad row reported by line) and writes --pools for three solvers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-plan-'));
    // C1 has visits at 10:00 (A) and 14:00 (B); A is busy at C2 at 14:00; only N (roster only) covers both
    const visits = ['visit_id;client_id;staff_id;start;end', 'V1;C1;A;2024-10-01 10:00;2024-10-01 10:30', 'V2;C1;B;2024-10-01 14:00;2024-10-01 14:30', 'V3;C2;A;2024-10-01 13:50;2024-10-01 14:40'];
    const roster = ['Personal;Datum;Passtart;Passlut', 'A;2024-10-01;07:00;15:00', 'B;2024-10-01;12:00;16:00', 'N;2024-10-01;08:00;16:00', 'SECRETID;2024-10-01;08:00;'];
    const input = join(dir, 'in.csv'), rosterFile = join(dir, 'roster.csv'), out = join(dir, 'plan.csv');
    writeFileSync(input, `${visits.join('\n')}\n`);
    writeFileSync(rosterFile, `${roster.join('\n')}\n`);
    const r = run(['plan', input, '--from', '2024-10-01', '--days', '1', '--out', out, '--roster', rosterFile, '--pools', '1', '--max-travel-increase', '1000']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/roster line 5, column shift_end: is empty/);
    expect(r.stderr).toMatch(/roster rows 3 used, 1 rejected/);
    expect(r.stderr).not.toMatch(/SECRETID/);
    const json = JSON.parse(r.stdout);
    expect(json.roster).toMatchObject({ rows: 4, used: 3, rejected: 1, newStaff: 1, pinnedRows: 0 });
    expect(json.roster.issues).toEqual([{ line: 5, column: 'shift_end', code: 'missing_value', message: 'roster line 5, column shift_end: is empty' }]);
    expect([json.before.mean, json.after.mean]).toEqual([2, 1]);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => l.split(';')[2])).toEqual(['staff_id', 'N', 'N', 'A']);
    const shift = (staff: string, from: string, to: string) => ({ staff, start: Date.parse(`2024-10-01T${from}:00+02:00`), end: Date.parse(`2024-10-01T${to}:00+02:00`) });
    expect(violations((await readVisits(input)).visits, (await readVisits(out)).visits, [shift('A', '07:00', '15:00'), shift('B', '12:00', '16:00'), shift('N', '08:00', '16:00')])).toEqual([]);
    // worked time from the roster: before A 07–15 (30 + 50 min at visits), B 12–16 (30) → 110 / 720;
    // after A 07–15 (50), N 08–16 (30 + 30) → 110 / 960
    expect(json.brukartid).toEqual({ before: Math.round((110 / 720) * 1e4) / 1e4, after: Math.round((110 / 960) * 1e4) / 1e4 });
    expect(json.clients).toEqual([{ client: 'C1', before: 2, after: 1, lowerBound: 1, pool: ['N'] }]);
    expect(json.pools).toEqual({ k: 1, covered: 1 });
    const pools = join(dir, 'plan-pools');
    const timefold = JSON.parse(readFileSync(join(pools, 'timefold.json'), 'utf8'));
    expect(timefold.modelInput.visits.map((v: { id: string; requiredVehicles: string[] }) => [v.id, v.requiredVehicles])).toEqual([['V1', ['N']], ['V2', ['N']]]);
    const vroom = JSON.parse(readFileSync(join(pools, 'vroom.json'), 'utf8'));
    expect(vroom.vehicles).toEqual([{ id: 1, description: 'N', skills: [1] }]);
    expect(vroom.jobs.map((j: { id: number; skills: number[] }) => [j.id, j.skills])).toEqual([[2, [1]], [3, [1]]]);
    const ortools = JSON.parse(readFileSync(join(pools, 'ortools.json'), 'utf8'));
    expect(ortools).toEqual({ vehicles: ['N'], visits: [{ id: 'V1', line: 2, client: 0, allowedVehicles: [0] }, { id: 'V2', line: 3, client: 0, allowedVehicles: [0] }] });
  });
});
