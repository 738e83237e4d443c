import { compareContinuity } from '../measures/explain/compare.js';
import { explainContinuity } from '../measures/explain/explain.js';
import { COMPARE_CSV_COLUMNS, compareCsvRows, compareTable, EXPLAIN_CSV_COLUMNS, explainCsvRows, explainTable, type TableOptions } from '../outputs/explain/table.js';
import type { ExplainOptions } from '../measures/explain/types.js';
import type { ReadOptions } from '../read/types.js';
import { writeCsv } from '../outputs/report/csv.js';
import { writeJson } from '../outputs/report/json.js';
import { choice, intFlag, parseFlags, UsageError } from './args.js';
import { READ_FLAGS, READ_HELP, readOptions } from './read-flags.js';
import { WINDOW_FLAGS, WINDOW_HELP, windowOptions } from './window-flags.js';

const EXPLAIN_OWN_HELP = `  --regular-visits N     a staff member who made at least N of a client's counted visits is a
                         regular (default 3)
  --evening-from HH:MM   a visit starting at or after this local time is an evening visit (default 17:00)
  --lookback-days N      new faces: staff not met in the N days before the window (default 28)
  --show-ids             name clients by their id (default: the line of their first row, or the
                         pseudonym with --pseudonymise)
  --max-clients N        clients the table lists per window (default 20)
  --lang L               en (default) or sv: the language of the table`;

/**
 * The help text of `kontinuitet explain` (printed by `--help` and `kontinuitet help explain`).
 *
 * @example
 * process.stdout.write(`${EXPLAIN_HELP}\n`);
 */
export const EXPLAIN_HELP = `kontinuitet explain <file|-> [options]   (- reads standard input)

Why each counted client met the staff they met: every staff member in one category, the first
that applies – contact (the named contact person), regular (made ≥ N of the client's counted
visits), double only (only a second staff member at double-staffed visits), weekend only,
evening only, occasional – so the categories add up to the official count (see docs/explain.md).
Per group and municipality the mean of each, the share of counted visits made by regulars and
the contact person, new faces, and the mean with one staff member per double-staffed visit and
with only the contact person and regulars (a floor, not a promise). The log is read once, in
memory (no --threads).

${WINDOW_HELP}
${EXPLAIN_OWN_HELP}
  --format F             table (default), json (kontinuitet/explain@1) or csv (one row per counted
                         client and window)
${READ_HELP}

Exit status: 0 success, 2 usage error or unreadable input.`;

/**
 * The help text of `kontinuitet compare`.
 *
 * @example
 * process.stdout.write(`${COMPARE_HELP}\n`);
 */
export const COMPARE_HELP = `kontinuitet compare <before> <after> [options]

Two schedules side by side (plan and actual, this month and last, a proposal and today), both
explained with the same options: per municipality, group and client the figures of both and the
change, clients who became or stopped being counted, staff whose category moved, and the counted
visits in one log and not the other (matched by visit id, else by client, start and end), so a
"better" schedule that dropped visits shows it.

${WINDOW_HELP}
${EXPLAIN_OWN_HELP}
  --max-listed N         visits in one log only listed per window in the JSON (default 100; all are counted)
  --format F             table (default), json (kontinuitet/compare@1) or csv (one row per client
                         counted in either log, and window)
${READ_HELP}

Exit status: 0 success, 2 usage error or unreadable input.`;

const OWN_FLAGS = {
  ...READ_FLAGS,
  ...WINDOW_FLAGS,
  'regular-visits': { type: 'string' },
  'evening-from': { type: 'string' },
  'lookback-days': { type: 'string' },
  'show-ids': { type: 'boolean' },
  'max-clients': { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseFlags<typeof OWN_FLAGS & { 'max-listed': { type: 'string' } }>>['values'];

/** The options, the format and the table's naming of clients from the flags. */
function settingsOf(values: Values): { options: ExplainOptions & ReadOptions; format: 'table' | 'json' | 'csv'; table: TableOptions } {
  const format = choice('format', values.format, ['table', 'json', 'csv'] as const) ?? 'table';
  const lang = choice('lang', values.lang, ['en', 'sv'] as const) ?? 'en';
  const read = readOptions(values);
  const regularVisits = intFlag('regular-visits', values['regular-visits'], 1, 1000);
  const lookbackDays = intFlag('lookback-days', values['lookback-days'], 1, 366);
  const maxClients = intFlag('max-clients', values['max-clients'], 0, 1_000_000);
  const evening = values['evening-from'];
  if (evening !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(evening)) throw new UsageError(`--evening-from must be a local time HH:MM, got "${evening}"`);
  const options: ExplainOptions & ReadOptions = {
    ...read,
    ...windowOptions(values),
    ...(regularVisits !== undefined ? { regularVisits } : {}),
    ...(lookbackDays !== undefined ? { lookbackDays } : {}),
    ...(evening !== undefined ? { eveningFrom: evening } : {}),
  };
  const clientRef = values['show-ids'] ? (id: string) => id : read.pseudonymise !== undefined ? (id: string) => `pseudonym ${id}` : undefined;
  return { options, format, table: { lang, ...(clientRef !== undefined ? { clientRef } : {}), ...(maxClients !== undefined ? { maxClients } : {}) } };
}

const input = (path: string) => (path === '-' ? process.stdin : path);

/**
 * Runs `kontinuitet explain`; returns the exit status (usage and input errors are thrown: exit 2).
 *
 * @example
 * await explainCommand(['visits.csv', '--from', '2024-10-07'], process.stdout); // → 0
 */
export async function explainCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseFlags(argv, OWN_FLAGS);
  if (values.help) {
    out.write(`${EXPLAIN_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('explain needs exactly one input file (or - for standard input)');
  const { options, format, table } = settingsOf(values);
  const result = await explainContinuity(input(positionals[0]!), options);
  if (format === 'json') await writeJson(out, result, ['perClient']);
  else if (format === 'csv') await writeCsv(out, explainCsvRows(result), EXPLAIN_CSV_COLUMNS);
  else out.write(`${explainTable(result, table)}\n`);
  return 0;
}

/**
 * Runs `kontinuitet compare`; returns the exit status (usage and input errors are thrown: exit 2).
 *
 * @example
 * await compareCommand(['plan.csv', 'actual.csv', '--from', '2024-10-07'], process.stdout); // → 0
 */
export async function compareCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...OWN_FLAGS, 'max-listed': { type: 'string' } });
  if (values.help) {
    out.write(`${COMPARE_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('compare needs two input files: before and after');
  if (positionals[0] === '-' && positionals[1] === '-') throw new UsageError('only one of the two files can be standard input');
  const { options, format, table } = settingsOf(values);
  const maxListed = intFlag('max-listed', values['max-listed'], 0, 1_000_000);
  const result = await compareContinuity(input(positionals[0]!), input(positionals[1]!), { ...options, ...(maxListed !== undefined ? { maxListed } : {}) });
  if (format === 'json') await writeJson(out, result, ['perClient']);
  else if (format === 'csv') await writeCsv(out, compareCsvRows(result), COMPARE_CSV_COLUMNS);
  else out.write(`${compareTable(result, table)}\n`);
  return 0;
}
