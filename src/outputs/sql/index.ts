import { KontinuitetError } from '../../errors.js';
import { dayOption, oneOf, shownValue } from '../../options.js';
import { resolveRules, type ContinuityRules } from '../../measures/continuity/rules.js';
import { DEFAULT_ZONE } from '../../read/read.js';
import { PLAUSIBLE_RANGE, timeLimits } from '../../read/plausible.js';
import { civilFromDays } from '../../windows/civil.js';
import { parseDay } from '../../windows/parse.js';
import { dayWindow } from '../../windows/windows.js';
import { LocalZone } from '../../windows/zone.js';
import { SQL_DIALECTS, type SqlDialect } from './dialect.js';
import { queryText } from './query.js';

export { SQL_DIALECTS, type SqlDialect } from './dialect.js';

/**
 * Options of {@link continuitySql}: the dialect, the window's first day, the rules (as the
 * measure's `rules`, default the `kolada` preset), the zone of the table's local times (default
 * Europe/Stockholm) and the reader's checks of a row (plausible dates 1990-01-01 to 2100-01-01,
 * the end exclusive; the longest visit 24 hours).
 *
 * @example
 * const options: ContinuitySqlOptions = { dialect: 'postgres', from: '2024-10-21', rules: { preset: 'ange', countBothStaff: false } };
 */
export interface ContinuitySqlOptions {
  /** `'duckdb'` or `'postgres'`. */
  dialect: SqlDialect;
  /** First day of the window: `YYYY-MM-DD` (local), or a `Date` (its local day in `zone`); the window has `rules.days` days (default 14). */
  from: string | Date;
  /** Rules; default the `kolada` preset (see {@link resolveRules}). */
  rules?: Partial<ContinuityRules>;
  /** IANA zone of the table's local times. Default Europe/Stockholm. */
  zone?: string;
  /** Times before this local date are left out, as the reader rejects them. Default 1990-01-01. */
  plausibleFrom?: string;
  /** Times from this local date on are left out. Default 2100-01-01. */
  plausibleTo?: string;
  /** A longer visit (end − start, in real time) is left out. Default 24. */
  maxVisitHours?: number;
}

/**
 * The 14-day staff continuity (Kolada U21401/U21402/U21436) as one SQL query over a table
 * `visits`, for logs that live in a database (DuckDB, PostgreSQL). The table or view has the
 * canonical columns (`visit_id`, `client_id`, `staff_id`, `start`, `"end"`, `kind`, `"group"`,
 * `client_birth_date`, `client_age`, `staff_role`, `contact_staff_id`; `start` and `"end"` local
 * `TIMESTAMP`s without zone); the query returns one row per client seen in the window (a row
 * whose day is one of the window's days): `client_id`, `staff` (the different staff met at
 * counted visits, the official count) and `counted` (the client meets the visits rule and the
 * age rule). It follows the definition (`continuity`) rule by rule, with the same rules in
 * force, and leaves out the rows the reader would reject (no id, a time that does not exist in
 * the zone or lies outside the plausible range, an end not after the start, a visit too long, an
 * age outside 0–130). The mean of `staff` over counted clients is U21401. docs/sql.md shows how
 * to run it and which rules needed care. A wrong option is a `BAD_OPTION` naming it.
 *
 * @example
 * const sql = continuitySql({ dialect: 'duckdb', from: '2024-10-21' });
 * // in DuckDB: CREATE VIEW visits AS SELECT * FROM read_csv('visits.csv'); then run sql
 * sql.startsWith('-- kontinuitet'); // → true
 */
export function continuitySql(options: ContinuitySqlOptions): string {
  if (options === null || typeof options !== 'object') throw new KontinuitetError('BAD_OPTION', `options: must be an object, got ${shownValue(options)}`);
  const dialect = oneOf('dialect', options.dialect, SQL_DIALECTS);
  if (dialect === undefined) throw new KontinuitetError('BAD_OPTION', `dialect: must be ${SQL_DIALECTS.map((d) => `'${d}'`).join(' or ')}`);
  const rules = resolveRules({ ...options.rules });
  for (const name of [...rules.excludedKinds, ...rules.excludedRoles]) {
    if (/[\u0000-\u001f]/.test(name)) throw new KontinuitetError('BAD_OPTION', 'excludedKinds/excludedRoles: a name holds a control character');
  }
  const zone = new LocalZone(options.zone ?? DEFAULT_ZONE);
  const from = dayOption('from', options.from, zone);
  if (from === undefined) throw new KontinuitetError('BAD_OPTION', 'from: the first day of the window is needed (YYYY-MM-DD)');
  const window = dayWindow(from, rules.days, zone);
  for (const name of ['plausibleFrom', 'plausibleTo'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'string') throw new KontinuitetError('BAD_OPTION', `${name}: must be a YYYY-MM-DD date, got ${shownValue(options[name])}`);
  }
  const limits = timeLimits(options, zone); // checks the range and the longest visit
  return queryText({
    dialect,
    from: window.from,
    until: civilFromDays(window.fromDay + rules.days),
    rules,
    zone: zone.name,
    plausibleFrom: civilFromDays(parseDay(options.plausibleFrom ?? PLAUSIBLE_RANGE.from)),
    plausibleTo: civilFromDays(parseDay(options.plausibleTo ?? PLAUSIBLE_RANGE.to)),
    maxVisitMs: limits.maxVisitMs,
  });
}
