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
    expect(r.stderr).not.toMatch(/S\d|C\d/); // no ids in the log line
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

  it('needs --from and --out, and says --roster is not supported yet', () => {
    expect(run(['plan', 'x.csv', '--out', 'p.csv']).status).toBe(2);
    expect(run(['plan', 'x.csv', '--from', '2024-10-01']).status).toBe(2);
    const r = run(['plan', 'x.csv', '--from', '2024-10-01', '--out', 'p.csv', '--roster', 'r.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--roster is not supported yet/);
  });
});
