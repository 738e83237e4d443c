import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { continuity, readVisits, type ContinuityRules, type Visit } from '../../src/index.js';
import { continuitySql, type ContinuitySqlOptions } from '../../src/index.js';
import { placeRow, placingOf } from '../../src/measures/continuity/definition.js';
import { measureSettings } from '../../src/measures/continuity/settings.js';
import { csvOf, HEADER, log, PERIODS, type Log } from '../continuity/random-log.js';
import { csvRows, Duck, Postgres, psqlAnswers, psqlScript, tableRow, type SqlClient, type TableRow } from './databases.js';
import { FIXTURES } from './fixtures.js';

// The query of continuitySql on DuckDB and on a PostgreSQL server of the test's own, against the
// definition (continuity(), src/measures/continuity/measure.ts) over the property tests' random
// logs (test/continuity/random-log.ts: around the daylight-saving changes, double staffing,
// handovers, rows without visit ids, excluded kinds and roles, night visits): client by client,
// the staff met and whether the client is counted. SQL_RUNS=n runs more logs, SQL_SEED=s others.

const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-sql-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
/** A CSV text as a file of the test's folder. */
function file(text: string): string {
  const path = join(dir, `log-${files++}.csv`);
  writeFileSync(path, text);
  return path;
}

/** Rules to run each log with: every preset, and options that move each rule. */
const rules = fc.record({
  preset: fc.constantFrom('kolada' as const, 'ange' as const),
  countBothStaff: fc.boolean(),
  inWindowBy: fc.constantFrom('start' as const, 'overlap' as const),
  minAge: fc.constantFrom(65, 65, 70, null),
  days: fc.constantFrom(14, 14, 21, 28),
  minVisitsPerDay: fc.constantFrom(2, 2, 1, 3),
  // the usual hours; wider ones; hours that open at 02:30, inside the spring gap and the autumn's repeated hour
  hours: fc.constantFrom([420, 1320], [420, 1320], [360, 1380], [150, 1440]),
  excludedKinds: fc.constantFrom(undefined, undefined, ['trygghetslarm'], []),
  excludedRoles: fc.constantFrom(undefined, undefined, ['sjukskoterska'], []),
});
type DrawnRules = typeof rules extends fc.Arbitrary<infer R> ? R : never;

function rulesOf(d: DrawnRules): Partial<ContinuityRules> {
  const { hours, excludedKinds, excludedRoles, ...rest } = d;
  return { ...rest, dayStartMinute: hours[0]!, dayEndMinute: hours[1]!,
    ...(excludedKinds === undefined ? {} : { excludedKinds: [...excludedKinds] }), ...(excludedRoles === undefined ? {} : { excludedRoles: [...excludedRoles] }) };
}

/** What the definition says of each client seen in the window (a row of it placed on one of the window's days). */
function expected(visits: readonly Visit[], options: { from: string; rules: Partial<ContinuityRules> }): SqlClient[] {
  const placing = placingOf(measureSettings(options));
  const seen = new Set(visits.filter((v) => placeRow(v, placing) !== 'outside_window').map((v) => v.client));
  const [window] = continuity(visits, options).windows;
  return window!.perClient.filter((c) => seen.has(c.client)).map((c) => ({ client_id: c.client, staff: c.staff, counted: c.eligible }));
}

const byId = (a: SqlClient, b: SqlClient) => (a.client_id < b.client_id ? -1 : a.client_id > b.client_id ? 1 : 0);

interface Case {
  key: string;
  rows: TableRow[];
  queries: { key: string; options: ContinuitySqlOptions['rules'] & object; from: string; expected: SqlClient[] }[];
}

/**
 * The random logs of each period as one table (each log's clients renamed apart: a client's
 * figures depend on its own rows only, in the definition as in the query), each with option sets
 * drawn at random, and what the definition says for each.
 */
async function randomCases(): Promise<Case[]> {
  const runs = Number(process.env.SQL_RUNS ?? 40);
  const seed = Number(process.env.SQL_SEED ?? 2024);
  const logs = fc.sample(log, { numRuns: runs, seed });
  const cases: Case[] = [];
  for (const [p, period] of (['spring', 'autumn'] as const).entries()) {
    const visits: Visit[] = [];
    for (const [k, l] of logs.entries()) {
      if (l.period !== period) continue;
      const read = await readVisits(file(csvOf(l as Log)));
      visits.push(...read.visits.map((v) => ({ ...v, client: `L${k}-${v.client}` })));
    }
    const draws = fc.sample(fc.tuple(fc.integer({ min: 0, max: 2 }), rules), { numRuns: Number(process.env.SQL_DRAWS ?? 6), seed: seed + 1 + p });
    cases.push({
      key: period,
      rows: visits.map((v) => tableRow(v)),
      queries: draws.map(([fromIndex, drawn], j) => {
        const from = PERIODS[period].from[fromIndex]!;
        const r = rulesOf(drawn);
        return { key: `${period} ${j}`, options: r, from, expected: expected(visits, { from, rules: r }) };
      }),
    });
  }
  return cases;
}

/**
 * The test's own PostgreSQL server, started once; where it cannot run (no server programs, no
 * user to run it as) the tests that need it skip with the reason, except in CI (CI=true), where
 * they fail.
 */
let server: Postgres | string | undefined;
function postgres(ctx: TestContext): Postgres {
  if (server === undefined) {
    try {
      server = Postgres.start();
    } catch (e) {
      server = `the server did not start: ${(e as Error).message}`;
    }
  }
  if (typeof server !== 'string') return server;
  if (process.env.CI === 'true') throw new Error(`PostgreSQL must run in CI: ${server}`);
  console.warn(`skipped: PostgreSQL cannot run here (${server})`);
  ctx.skip();
  throw new Error('unreachable');
}
afterAll(() => {
  if (server !== undefined && typeof server !== 'string') server.stop();
});

describe('the SQL equals the definition on the random logs', () => {
  let cases: Case[] = [];
  beforeAll(async () => { cases = await randomCases(); }, 60_000);

  it('on DuckDB', async () => {
    const duck = await Duck.open();
    try {
      let compared = 0;
      for (const c of cases) {
        await duck.load(c.rows);
        for (const q of c.queries) {
          const got = await duck.query(continuitySql({ dialect: 'duckdb', from: q.from, rules: q.options }));
          expect(got.sort(byId), `${q.key} ${JSON.stringify({ from: q.from, rules: q.options })}`).toEqual(q.expected.sort(byId));
          compared += got.length;
        }
      }
      expect(compared).toBeGreaterThan(0); // not vacuous: clients were compared
    } finally {
      duck.close();
    }
  }, 60_000);

  it('on PostgreSQL', (ctx) => {
    const pg = postgres(ctx);
    const script = cases.map((c) => psqlScript(c.rows, c.queries.map((q) => ({ key: q.key, sql: continuitySql({ dialect: 'postgres', from: q.from, rules: q.options }) })))).join('');
    const answers = psqlAnswers(pg.psql(script));
    let compared = 0;
    for (const c of cases) {
      for (const q of c.queries) {
        const got = answers.get(q.key);
        expect(got, `${q.key}: no answer`).toBeDefined();
        expect(got!.sort(byId), `${q.key} ${JSON.stringify({ from: q.from, rules: q.options })}`).toEqual(q.expected.sort(byId));
        compared += got!.length;
      }
    }
    expect(compared).toBeGreaterThan(0);
  }, 60_000);
});

describe('hand-worked cases', () => {
  const runs = FIXTURES.flatMap((f, i) => f.runs.map((r, j) => ({ fixture: i, key: `${f.name} #${j}`, ...r })));

  it('the definition agrees with the hand-worked figures', async () => {
    for (const [i, f] of FIXTURES.entries()) {
      const { visits } = await readVisits(file(`${HEADER.join(',')}\n${csvRows(f.rows)}`));
      for (const r of runs.filter((x) => x.fixture === i)) expect(expected(visits, r).sort(byId), r.key).toEqual([...r.expected].sort(byId));
    }
  });

  it('on DuckDB', async () => {
    const duck = await Duck.open();
    try {
      for (const [i, f] of FIXTURES.entries()) {
        await duck.load(f.rows);
        for (const r of runs.filter((x) => x.fixture === i)) {
          expect(await duck.query(continuitySql({ dialect: 'duckdb', from: r.from, rules: r.rules })), r.key).toEqual([...r.expected].sort(byId));
        }
      }
    } finally {
      duck.close();
    }
  });

  it('on PostgreSQL', (ctx) => {
    const pg = postgres(ctx);
    const script = FIXTURES.map((f, i) => psqlScript(f.rows, runs.filter((x) => x.fixture === i)
      .map((r) => ({ key: r.key, sql: continuitySql({ dialect: 'postgres', from: r.from, rules: r.rules }) })))).join('');
    const answers = psqlAnswers(pg.psql(script));
    for (const r of runs) expect(answers.get(r.key), r.key).toEqual([...r.expected].sort(byId));
  });
});
