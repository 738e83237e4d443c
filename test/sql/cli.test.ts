import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { continuitySql, KontinuitetError } from '../../src/index.js';
import { run } from '../cli/run.js';
import { Duck } from './databases.js';
import { FIXTURES } from './fixtures.js';

// `kontinuitet sql`: the library's query for the flags, to standard output or a file; usage errors.

const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-sql-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kontinuitet sql', () => {
  it('prints the query of the rules the flags give', () => {
    const r = run(['sql', '--dialect', 'postgres', '--from', '2024-10-21', '--days', '2', '--preset', 'ange', '--count-one-staff', '--by-overlap', '--zone', 'Europe/Oslo']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(continuitySql({ dialect: 'postgres', from: '2024-10-21', zone: 'Europe/Oslo', rules: { days: 2, preset: 'ange', countBothStaff: false, inWindowBy: 'overlap' } }));
    const plain = run(['sql', '--dialect', 'duckdb', '--from', '2024-10-21', '--max-visit-hours', '12', '--plausible-from', '2020-01-01']);
    expect(plain.stdout).toBe(continuitySql({ dialect: 'duckdb', from: '2024-10-21', maxVisitHours: 12, plausibleFrom: '2020-01-01' }));
    expect(plain.stdout).toContain('e - s <= 43200000'); // 12 hours in ms
  });

  it('writes --out, and the query gives the hand-worked figures on DuckDB', async () => {
    const out = join(dir, 'q.sql');
    const r = run(['sql', '--dialect', 'duckdb', '--from', '2024-10-21', '--days', '2', '--count-one-staff', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const duck = await Duck.open();
    try {
      const fixture = FIXTURES[0]!;
      await duck.load(fixture.rows);
      expect(await duck.query(readFileSync(out, 'utf8'))).toEqual(fixture.runs.find((x) => x.rules.countBothStaff === false)!.expected);
    } finally {
      duck.close();
    }
  });

  it('needs --dialect and --from; other flags of the measure are usage errors', () => {
    for (const [args, message] of [
      [['--from', '2024-10-21'], '--dialect is needed'],
      [['--dialect', 'mysql', '--from', '2024-10-21'], '--dialect must be one of duckdb, postgres'],
      [['--dialect', 'duckdb'], '--from is needed'],
      [['--dialect', 'duckdb', '--from', '2024-10-21', '--every', 'month'], "Unknown option '--every'"],
      [['--dialect', 'duckdb', '--from', '2024-10-21', 'visits.csv'], 'sql reads no file'],
      [['--dialect', 'duckdb', '--from', '2024-10-21', '--days', '0'], '--days must be a whole number from 1 to 366'],
    ] as const) {
      const r = run(['sql', ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    }
    const bad = run(['sql', '--dialect', 'duckdb', '--from', '2024-02-30']);
    expect([bad.status, bad.stderr]).toEqual([2, 'kontinuitet sql: BAD_OPTION: from: "2024-02-30" is not a YYYY-MM-DD date\n']);
  });

  it('help', () => {
    expect(run(['sql', '--help']).stdout).toContain('--dialect D');
    expect(run(['help']).stdout).toContain('  sql ');
  });
});

describe('continuitySql options', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof KontinuitetError ? `${e.code}: ${e.message}` : String(e);
    }
    return 'no error';
  };
  it('refuses what it cannot write, naming the option', () => {
    expect(code(() => continuitySql({ dialect: 'oracle' as 'duckdb', from: '2024-10-21' }))).toMatch(/^BAD_OPTION: dialect: must be 'duckdb' or 'postgres'/);
    expect(code(() => continuitySql({ dialect: 'duckdb' } as never))).toBe('BAD_OPTION: from: the first day of the window is needed (YYYY-MM-DD)');
    expect(code(() => continuitySql({ dialect: 'duckdb', from: '2024-10-21', zone: 'Mars/Base' }))).toMatch(/^BAD_OPTION: unknown time zone/);
    expect(code(() => continuitySql({ dialect: 'duckdb', from: '2024-10-21', rules: { preset: 'x' as 'kolada' } }))).toMatch(/^BAD_OPTION: preset/);
    expect(code(() => continuitySql({ dialect: 'duckdb', from: '2024-10-21', maxVisitHours: 0 }))).toMatch(/^BAD_OPTION: maxVisitHours/);
    expect(code(() => continuitySql(null as never))).toMatch(/^BAD_OPTION: options/);
  });
  it('names the Kolada codes only under the official rule; from may be a Date', () => {
    const first = (sql: string) => sql.split('\n')[0];
    expect(first(continuitySql({ dialect: 'duckdb', from: '2024-10-21' }))).toBe('-- kontinuitet: the staff continuity (Kolada U21401/U21402/U21436) as SQL (duckdb)');
    expect(first(continuitySql({ dialect: 'duckdb', from: '2024-10-21', rules: { preset: 'ange' } }))).not.toContain('U21401');
    expect(first(continuitySql({ dialect: 'duckdb', from: '2024-10-21', rules: { days: 7 } }))).not.toContain('U21401');
    expect(continuitySql({ dialect: 'duckdb', from: new Date('2024-10-21') })).toBe(continuitySql({ dialect: 'duckdb', from: '2024-10-21' }));
  });
  it("quotes the names of kinds: a ' cannot end the text", () => {
    const sql = continuitySql({ dialect: 'postgres', from: '2024-10-21', rules: { excludedKinds: ["o'hara"] } });
    expect(sql).toContain("'o''hara'");
    expect(sql).not.toMatch(/[^']'o'h/);
  });
});
