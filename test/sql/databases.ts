// The two databases the SQL test runs the query on: DuckDB in process (@duckdb/node-api, a dev
// dependency) and a PostgreSQL server of its own (Debian's postgresql: initdb in a temporary
// folder, a unix socket there, stopped and removed afterwards), talked to with psql.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DateTime } from 'luxon';
import type { Visit } from '../../src/index.js';
import { civilFromDays } from '../../src/windows/civil.js';

/** The canonical columns of the table `visits`, with the types the docs ask for. */
export const TABLE = `CREATE TABLE visits (visit_id VARCHAR, client_id VARCHAR, staff_id VARCHAR, "start" TIMESTAMP, "end" TIMESTAMP,
  kind VARCHAR, "group" VARCHAR, client_birth_date DATE, client_age INTEGER, staff_role VARCHAR, contact_staff_id VARCHAR)`;

/** One row of the table, as CSV cells (null: an empty, unquoted cell, which both databases read as NULL). */
export type TableRow = readonly (string | number | null)[];

/** A visit the reader gave, as a row of the table: its times as local wall times of the zone again. */
export function tableRow(v: Visit, zone = 'Europe/Stockholm'): TableRow {
  const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm:ss.SSS');
  const text = (s: string) => (s === '' ? null : s);
  return [text(v.visitId), v.client, v.staff, local(v.start), local(v.end), text(v.kind), text(v.group),
    v.birthDay === null ? null : civilFromDays(v.birthDay), v.age, text(v.staffRole), text(v.contactStaff)];
}

/** Rows as CSV without a header (text quoted, `"` doubled). */
export function csvRows(rows: readonly TableRow[]): string {
  const cell = (c: string | number | null) => (c === null ? '' : typeof c === 'number' ? String(c) : `"${c.replace(/"/g, '""')}"`);
  return rows.map((r) => r.map(cell).join(',')).join('\n') + (rows.length > 0 ? '\n' : '');
}

/** A client's row of the query's answer. */
export interface SqlClient {
  client_id: string;
  staff: number;
  counted: boolean;
}

/** DuckDB in memory: fills the table `visits` and runs a query. */
export class Duck {
  private constructor(private readonly con: DuckDBConnection, private readonly dir: string) {}

  static async open(): Promise<Duck> {
    const db = await DuckDBInstance.create(':memory:', { threads: '1' });
    return new Duck(await db.connect(), mkdtempSync(join(tmpdir(), 'kontinuitet-sql-duck-')));
  }

  async load(rows: readonly TableRow[]): Promise<void> {
    const path = join(this.dir, 'visits.csv');
    writeFileSync(path, csvRows(rows));
    await this.con.run('DROP TABLE IF EXISTS visits');
    await this.con.run(TABLE);
    if (rows.length > 0) await this.con.run(`COPY visits FROM '${path}' (FORMAT csv, HEADER false)`);
  }

  async query(sql: string): Promise<SqlClient[]> {
    const reader = await this.con.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((r) => ({ client_id: String(r.client_id), staff: Number(r.staff), counted: r.counted as boolean }));
  }

  close(): void {
    this.con.closeSync();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The newest PostgreSQL server programs of Debian's packages, or null. */
function postgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length === 0 ? null : join(base, versions[0]!, 'bin');
}

/**
 * A PostgreSQL server of the test's own: a cluster in a temporary folder (owned by the user
 * `postgres` when the test runs as root: the server refuses to run as root), listening only on a
 * unix socket in that folder. `start` says why it cannot run (no server programs) instead.
 */
export class Postgres {
  private constructor(private readonly bin: string, private readonly dir: string, private readonly asUser: string[]) {}

  static start(): Postgres | string {
    const bin = postgresBin();
    if (bin === null) return 'no PostgreSQL server programs under /usr/lib/postgresql (apt-get install postgresql)';
    const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-sql-pg-'));
    const root = process.getuid?.() === 0;
    if (root) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
    const pg = new Postgres(bin, dir, root ? ['runuser', '-u', 'postgres', '--'] : []);
    try {
      pg.exec('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
      pg.exec('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-o', `-k ${dir} -c listen_addresses='' -p 5432 -F`, 'start']);
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    return pg;
  }

  private exec(program: string, args: string[], input?: string): string {
    const [command, ...rest] = [...this.asUser, join(this.bin, program), ...args];
    const r = spawnSync(command!, rest, { encoding: 'utf8', input, maxBuffer: 256 << 20, cwd: this.dir });
    if (r.status !== 0) throw new Error(`${program} failed (${r.status ?? r.signal}): ${r.stderr}${r.error?.message ?? ''}`);
    return r.stdout;
  }

  /** Runs a psql script (COPY … FROM STDIN with its rows inline); returns what it printed, as CSV. */
  psql(script: string): string {
    return this.exec('psql', ['-X', '-q', '--csv', '-v', 'ON_ERROR_STOP=1', '-h', this.dir, '-p', '5432', '-U', 'postgres', '-d', 'postgres'], script);
  }

  stop(): void {
    try {
      this.exec('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** A script that fills `visits` with `rows` and runs each query after an `\echo` of its key. */
export function psqlScript(rows: readonly TableRow[], queries: readonly { key: string; sql: string }[]): string {
  const copy = rows.length === 0 ? '' : `COPY visits FROM STDIN WITH (FORMAT csv);\n${csvRows(rows)}\\.\nANALYZE visits;\n`;
  return `SET client_min_messages = warning;\nDROP TABLE IF EXISTS visits;\n${TABLE};\n${copy}${queries.map((q) => `\\echo @@ ${q.key}\n${q.sql};\n`).join('')}`;
}

/** psql's output of {@link psqlScript}: each key's clients (booleans printed t/f; the ids hold no comma or quote). */
export function psqlAnswers(output: string): Map<string, SqlClient[]> {
  const answers = new Map<string, SqlClient[]>();
  let current: SqlClient[] = [];
  for (const line of output.split('\n')) {
    if (line.startsWith('@@ ')) answers.set(line.slice(3), (current = []));
    else if (line !== '' && line !== 'client_id,staff,counted') {
      const [client_id, staff, counted] = line.split(',');
      current.push({ client_id: client_id!, staff: Number(staff), counted: counted === 't' });
    }
  }
  return answers;
}
