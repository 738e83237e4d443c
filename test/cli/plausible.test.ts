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
