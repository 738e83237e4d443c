import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'fast-csv';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCsv, fixtureRows } from '../continuity/fixture.js';
import { run } from './run.js';

let file = '';
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontinuitet-cli-'));
  file = join(dir, 'visits.csv');
  writeFileSync(file, fixtureCsv());
});

async function parseCsv(text: string): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from([text]).pipe(parse({ headers: true })).on('data', (r) => rows.push(r)).on('end', () => resolve()).on('error', reject);
  });
  return rows;
}

describe('kontinuitet measure', () => {
  it('says on standard error, and in the JSON, why a log without a whole window has no window', () => {
    // the sample's first 10 days (2024-10-01 … 10-10, by the text of their start): October's window (1–14) is not in them
    const [header, ...lines] = readFileSync(new URL('../../data/sample-visits.csv', import.meta.url), 'utf8').trimEnd().split('\n');
    const tenDays = join(dir, 'ten-days.csv');
    writeFileSync(tenDays, [header, ...lines.filter((l) => l.split(',')[3]! < '2024-10-11')].join('\n') + '\n');
    const why = "no whole window: the log runs from 2024-10-01 to 2024-10-10 (10 days), and no monthly window (14 days from the first day of a month) lies within it; for one window give its first day: from (CLI --from), e.g. 2024-10-01, the log's first day";
    const table = run(['measure', tenDays]);
    expect(table.status).toBe(0);
    expect(table.stderr).toBe(`kontinuitet: warning: ${why}\n`);
    expect(table.stdout).toMatch(/^No whole windows in the log\.$/m);
    const json = run(['measure', tenDays, '--format', 'json']);
    const result = JSON.parse(json.stdout) as { warnings: string[]; windows: unknown[] };
    expect([result.warnings, result.windows]).toEqual([[why], []]);
    // as the warning says: with --from the log's first day, one window (reaching past the log's end)
    expect((JSON.parse(run(['measure', tenDays, '--format', 'json', '--from', '2024-10-01']).stdout) as { windows: { from: string }[] }).windows.map((w) => w.from)).toEqual(['2024-10-01']);
  });

  it('gives the same JSON with --threads 3 (worker threads) as with --threads 1, and refuses --threads 0', () => {
    const one = run(['measure', file, '--from', '2024-10-21', '--format', 'json', '--threads', '1']);
    const three = run(['measure', file, '--from', '2024-10-21', '--format', 'json', '--threads', '3']);
    expect(one.status).toBe(0);
    expect(three.stdout).toBe(one.stdout);
    expect(JSON.parse(three.stdout).windows[0].staffPerClient.mean).toBe(3);
    const bad = run(['measure', file, '--threads', '0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/threads/);
    // the worker threads start before the options are checked: a bad one ends them too
    const zone = run(['measure', file, '--threads', '3', '--zone', 'Mars/Olympus'], { timeout: 20_000 });
    expect(zone.status).toBe(2);
    expect(zone.stderr).toMatch(/unknown time zone/);
  });

  it('prints the measure@1 JSON with the figures of the hand-built fixture', () => {
    const r = run(['measure', file, '--from', '2024-10-21', '--format', 'json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.schema).toBe('kontinuitet/measure@1');
    expect(json.rule.preset).toBe('kolada');
    expect(json.zone).toBe('Europe/Stockholm');
    expect(json.rows).toEqual({ read: 203, used: 197, rejected: 0, excluded: { outside_window: 2, outside_day_hours: 2, excluded_kind: 1, excluded_role: 1 } });
    const w = json.windows[0];
    expect([w.from, w.to]).toEqual(['2024-10-21', '2024-11-03']);
    expect(w.clients).toEqual({ served: 6, visitsRule: 5, eligible: 4, doubleStaffed: 2 });
    expect(w.staffPerClient.mean).toBe(3);
    expect(Object.keys(w.staffPerClient)).toEqual(['n', 'mean', 'median', 'min', 'max', 'q1', 'q3', 'p10', 'p90', 'sd', 'iqr', 'shareAbove20', 'shareAboveTarget']);
    expect(w.perClient.find((c: { client: string }) => c.client === 'B')).toMatchObject({ eligible: false, reason: 'too_few_visits_on_a_day', visits: 27 });
  });

  it('writes one CSV row per client and window, with formula escaping', async () => {
    const rows = fixtureRows().map((x) => (x.client_id === 'A' ? { ...x, client_id: '=A' } : x));
    const f = join(dir, 'formula.csv');
    writeFileSync(f, fixtureCsv(rows));
    const r = run(['measure', f, '--from', '2024-10-21', '--format', 'csv']);
    expect(r.status).toBe(0);
    const parsed = await parseCsv(r.stdout);
    expect(parsed.length).toBe(7); // clients A–G
    const a = parsed.find((x) => x.client === "'=A")!;
    expect(a).toMatchObject({ from: '2024-10-21', eligible: 'true', staff: '4', visits: '30', group: 'Norr' });
  });

  it('prints a Swedish table per group', () => {
    const r = run(['measure', file, '--from', '2024-10-21', '--by-group', '--lang', 'sv']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Brukare som räknas');
    expect(r.stdout).toMatch(/Norr\s+2\s+3,5/);
    expect(r.stdout).toMatch(/Söder\s+2\s+2,5/);
  });

  it('exits 2 with a clear message on a missing file, a bad flag or a bad date', () => {
    const missing = run(['measure', join(dir, 'nope.csv')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('UNREADABLE_INPUT');
    const flag = run(['measure', file, '--format', 'xml']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('--format must be one of table, json, csv');
    const date = run(['measure', file, '--from', '2024-02-30']);
    expect(date.status).toBe(2);
    expect(date.stderr).toContain('BAD_OPTION');
  });

  it('loads a command only when it runs: its help on demand, and a name of an object property is no command', () => {
    const help = run(['help', 'measure']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^kontinuitet measure <file\|->/);
    for (const name of ['constructor', 'toString', '__proto__']) {
      const r = run([name]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`unknown command "${name}"`);
      expect(run(['help', name]).stdout).toMatch(/^kontinuitet: staff continuity/);
    }
  });

  it('names the missing column and the headers found', () => {
    const f = join(dir, 'nocol.csv');
    writeFileSync(f, 'Brukare;Starttid;Sluttid\nA;2024-10-21 08:00;2024-10-21 09:00\n');
    const r = run(['measure', f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('MISSING_COLUMN');
    expect(r.stderr).toContain('staff_id');
    expect(r.stderr).toContain('Brukare, Starttid, Sluttid');
  });
});
