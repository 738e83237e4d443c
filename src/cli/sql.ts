import { writeFileSync } from 'node:fs';
import { continuitySql, SQL_DIALECTS } from '../outputs/sql/index.js';
import { safeText } from '../safe-text.js';
import { choice, numberFlag, parseFlags, UsageError } from './args.js';
import { WINDOW_FLAGS, windowOptions } from './window-flags.js';

export const SQL_HELP = `kontinuitet sql --dialect duckdb|postgres --from YYYY-MM-DD [options]

Prints ONE SQL query that computes the 14-day staff continuity (Kolada U21401/U21402/U21436) in a
database, by the same rules as "kontinuitet measure": over a table or view named visits with the
canonical columns (visit_id, client_id, staff_id, start, "end", kind, "group", client_birth_date,
client_age, staff_role, contact_staff_id; start and "end" local TIMESTAMPs without zone), one row
per client seen in the window: client_id, staff (different staff met), counted (true when the
client meets the visits rule and the age rule). The mean of staff over counted clients is U21401.
See docs/sql.md.

  --dialect D            duckdb or postgres (required)
  --from DATE            first day of the window, YYYY-MM-DD (required)
  --days N               days in the window (default 14)
  --preset P             kolada (default: ≥ 2 visits every day) or ange (≥ 2 a day on average)
  --count-one-staff      count one staff member per double-staffed visit (default: both)
  --by-overlap           a visit counts when it overlaps 07–22 (default: when it starts then)
  --zone ZONE            IANA zone of the table's local times (default Europe/Stockholm)
  --plausible-from DATE  times before this local date are left out (default 1990-01-01)
  --plausible-to DATE    times from this local date on are left out (default 2100-01-01)
  --max-visit-hours H    a longer visit is left out (default 24)
  --out FILE, -o FILE    write the query to FILE (default: standard output)

Exit status: 0 success, 2 usage error.`;

const { from, days, preset, 'count-one-staff': countOneStaff, 'by-overlap': byOverlap } = WINDOW_FLAGS;

/**
 * Runs `kontinuitet sql`: the query of {@link continuitySql} for the flags' dialect, window and
 * rules, to standard output or `--out`. Resolves with 0; a usage error throws.
 *
 * @example
 * await sqlCommand(['--dialect', 'duckdb', '--from', '2024-10-21'], process.stdout, process.stderr); // → 0
 */
export async function sqlCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    dialect: { type: 'string' },
    from, days, preset, 'count-one-staff': countOneStaff, 'by-overlap': byOverlap,
    zone: { type: 'string' },
    'plausible-from': { type: 'string' },
    'plausible-to': { type: 'string' },
    'max-visit-hours': { type: 'string' },
    out: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out.write(`${SQL_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError('sql reads no file: it prints a query for the table visits in your database');
  const dialect = choice('dialect', values.dialect, SQL_DIALECTS);
  if (dialect === undefined) throw new UsageError(`--dialect is needed: ${SQL_DIALECTS.join(' or ')}`);
  if (values.from === undefined) throw new UsageError('--from is needed: the first day of the window (YYYY-MM-DD)');
  const windows = windowOptions(values);
  const maxVisitHours = numberFlag('max-visit-hours', values['max-visit-hours']);
  const sql = continuitySql({
    dialect,
    from: values.from,
    rules: windows.rules,
    ...(values.zone !== undefined ? { zone: values.zone } : {}),
    ...(values['plausible-from'] !== undefined ? { plausibleFrom: values['plausible-from'] } : {}),
    ...(values['plausible-to'] !== undefined ? { plausibleTo: values['plausible-to'] } : {}),
    ...(maxVisitHours !== undefined ? { maxVisitHours } : {}),
  });
  if (values.out === undefined || values.out === '-') out.write(sql);
  else {
    writeFileSync(values.out, sql);
    err.write(`kontinuitet sql: wrote ${safeText(values.out)}\n`);
  }
  return 0;
}
