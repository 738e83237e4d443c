import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-cli-plausible-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kontinuitet measure on a log with a placeholder date', () => {
  it('finishes quickly with a short output; the placeholder and the 30 h visit are rejected; --max-visit-hours raises the limit', () => {
    const path = join(dir, 'p.csv');
    writeFileSync(path, 'client_id,staff_id,start,end\nC1,S1,2024-10-01 08:00,2024-10-01 09:00\nC1,S2,9999-12-31 08:00,9999-12-31 09:00\nC1,S2,2024-10-02 08:00,2024-10-03 14:00\n');
    const started = Date.now();
    const r = run(['measure', path, '--format', 'json'], { timeout: 20_000 });
    expect(r.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.stdout.length).toBeLessThan(20_000);
    const json = JSON.parse(r.stdout);
    expect(json.issues.map((i: { line: number; column: string; code: string }) => [i.line, i.column, i.code])).toEqual([[3, 'start', 'time_implausible'], [4, 'end', 'visit_too_long']]);
    expect(json.windows).toEqual([]); // two days of data cover no 14-day window
    const raised = JSON.parse(run(['measure', path, '--format', 'json', '--max-visit-hours', '31']).stdout);
    expect(raised.rows.rejected).toBe(1);
  });
});

describe('a series bounded by --max-windows', () => {
  // one row on the 1st of each month of 2024: with one-day windows, twelve windows
  const log = `client_id,staff_id,start,end\n${Array.from({ length: 12 }, (_, m) => `C1,S1,2024-${String(m + 1).padStart(2, '0')}-01 08:00,2024-${String(m + 1).padStart(2, '0')}-01 08:30`).join('\n')}\n`;

  it('measure, staffing and routes keep the latest N windows and warn on standard error', () => {
    const path = join(dir, 'year.csv');
    writeFileSync(path, log);
    for (const command of ['measure', 'staffing', 'routes']) {
      const r = run([command, path, '--days', '1', '--max-windows', '3', '--format', 'json']);
      expect(r.status, command).toBe(0);
      expect(JSON.parse(r.stdout).windows.map((w: { from: string }) => w.from), command).toEqual(['2024-10-01', '2024-11-01', '2024-12-01']);
      expect(r.stderr, command).toContain('kontinuitet: warning: the log covers 12 monthly windows; the series keeps the latest 3, from 2024-10-01');
    }
    expect(JSON.parse(run(['measure', path, '--days', '1', '--max-windows', '3', '--format', 'json']).stdout).rows.excluded).toEqual({ before_series: 9 });
    expect(run(['measure', path, '--max-windows', '0']).status).toBe(2);
  });
});
