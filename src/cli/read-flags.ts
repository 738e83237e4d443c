import { clearProgress, terminalProgress } from './progress.js';
import { safeText } from '../safe-text.js';
import type { ReadOptions } from '../read/types.js';
import { CANONICAL_COLUMNS, type CanonicalColumn } from '../read/columns.js';
import { choice, intFlag, numberFlag, UsageError } from './args.js';

/** Flags every command that reads a visit log takes. */
export const READ_FLAGS = {
  zone: { type: 'string' },
  delimiter: { type: 'string' },
  encoding: { type: 'string' },
  pseudonymise: { type: 'boolean' },
  'pseudonym-key': { type: 'string' },
  'on-error': { type: 'string' },
  'plausible-from': { type: 'string' },
  'plausible-to': { type: 'string' },
  'max-visit-hours': { type: 'string' },
  sheet: { type: 'string' },
  column: { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const READ_HELP = `  --sheet NAME|N         the sheet of an Excel workbook (.xlsx) to read: its name or its number
                         (1 = the first, the default); times as text or as Excel date-times
  --column COLUMN=HEADER the file's header for a column, e.g. --column client_id="Kund nr"
                         (repeatable; wins over the aliases and a config file's columns)
  --zone ZONE            IANA zone of local times (default Europe/Stockholm)
  --delimiter C          field delimiter: , ; or tab (default: detected)
  --encoding E           utf8 (default) or latin1 (Windows-1252 exports); without it, a file
                         that is not UTF-8 stops with an error naming this option
  --pseudonymise         replace client and staff ids by a keyed hash; the key comes from
                         --pseudonym-key or the KONTINUITET_PSEUDONYM_KEY environment variable
  --on-error POLICY      collect (default): reject bad rows and go on; stop: fail at the first
  --plausible-from DATE  times before this local date are rejected as time_implausible (default 1990-01-01)
  --plausible-to DATE    times from this local date on are rejected as time_implausible (default 2100-01-01)
  --max-visit-hours H    a longer visit is rejected as visit_too_long (default 24)
  --quiet, -q            no progress line (shown on a terminal during long work)`;

/** The columns given by `--column canonical=Header` flags (a usage error names a bad one). */
export function columnFlags(flags: readonly string[] | undefined): Partial<Record<CanonicalColumn, string>> | undefined {
  if (flags === undefined || flags.length === 0) return undefined;
  const columns: Partial<Record<CanonicalColumn, string>> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const column = (eq < 0 ? flag : flag.slice(0, eq)).trim();
    const header = eq < 0 ? '' : flag.slice(eq + 1).trim();
    if (!(CANONICAL_COLUMNS as readonly string[]).includes(column)) {
      throw new UsageError(`--column must be COLUMN=HEADER with COLUMN one of ${CANONICAL_COLUMNS.join(', ')}; got "${safeText(column.slice(0, 40))}"`);
    }
    if (header === '') throw new UsageError(`--column ${column}= needs the file's header after the =, e.g. --column ${column}="Kund nr"`);
    columns[column as CanonicalColumn] = header;
  }
  return columns;
}

/** Read options from the common flags. */
export function readOptions(values: { sheet?: string | undefined; column?: string[] | undefined; zone?: string | undefined; delimiter?: string | undefined; encoding?: string | undefined; pseudonymise?: boolean | undefined; 'pseudonym-key'?: string | undefined; 'on-error'?: string | undefined; 'plausible-from'?: string | undefined; 'plausible-to'?: string | undefined; 'max-visit-hours'?: string | undefined; quiet?: boolean | undefined }): ReadOptions {
  // the reader's warnings (a header without rows, …) go to standard error, neutralised, on a line
  // of their own; long work shows a progress line there when it is a terminal
  const options: ReadOptions = {
    onWarning: (m) => {
      clearProgress();
      process.stderr.write(`kontinuitet: warning: ${safeText(m)}\n`);
    },
  };
  const onProgress = terminalProgress(process.stderr, values.quiet === true);
  if (onProgress !== undefined) options.onProgress = onProgress;
  if (values.zone !== undefined) options.zone = values.zone;
  if (values.sheet !== undefined) {
    const sheet = values.sheet.trim();
    if (sheet === '') throw new UsageError('--sheet needs a sheet name or number');
    options.sheet = /^\d+$/.test(sheet) ? intFlag('sheet', sheet, 1, 100_000)! : sheet;
  }
  const columns = columnFlags(values.column);
  if (columns !== undefined) options.columns = columns;
  const delimiter = values.delimiter === 'tab' ? '\t' : values.delimiter;
  const d = choice('delimiter', delimiter, [',', ';', '\t'] as const);
  if (d !== undefined) options.delimiter = d;
  const e = choice('encoding', values.encoding, ['utf8', 'latin1'] as const);
  if (e !== undefined) options.encoding = e;
  const policy = choice('on-error', values['on-error'], ['collect', 'stop'] as const);
  if (policy !== undefined) options.onError = policy;
  if (values['plausible-from'] !== undefined) options.plausibleFrom = values['plausible-from'];
  if (values['plausible-to'] !== undefined) options.plausibleTo = values['plausible-to'];
  const hours = numberFlag('max-visit-hours', values['max-visit-hours']);
  if (hours !== undefined) options.maxVisitHours = hours;
  if (values.pseudonymise || values['pseudonym-key'] !== undefined) {
    const key = values['pseudonym-key'] ?? process.env.KONTINUITET_PSEUDONYM_KEY;
    if (key === undefined || key === '') throw new Error('--pseudonymise needs a key: --pseudonym-key KEY or KONTINUITET_PSEUDONYM_KEY');
    options.pseudonymise = { key };
  }
  return options;
}
