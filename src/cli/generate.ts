import { clearProgress, terminalProgress } from './progress.js';
import { createWriteStream } from 'node:fs';
import { safeText } from '../safe-text.js';
import { writeGeneratedCsv, type GenerateOptions } from '../generate/index.js';
import { choice, intFlag, numberFlag, parseFlags, UsageError } from './args.js';

export const GENERATE_HELP = `kontinuitet generate [options]

Writes a synthetic municipality's home-care visit log as CSV (seeded: the same options give the same
bytes). Groups with staff pools, part-time staff and substitutes, clients with 1–6 visits a day,
double staffing, safety alarms, meal deliveries, home health care, night patrol, hospital stays,
coordinates and contact persons.

  --clients N        number of clients (default 200)
  --days N           number of days (default 28)
  --start DATE       first day, YYYY-MM-DD (default 2024-10-01)
  --seed N           seed (default 1)
  --profile P        continuity level: ange2013 (clients meet ~21 staff in 14 days), typical (~14), good (~8–10)
  --scatter X        0–1: override the profile's staffing scatter
  --groups N         number of home-care groups (default clients/40)
  --shifts           also write each row's staff shift (shift_start, shift_end): rostered hours
                     (day 07–14:30, evening 14–22, …) widened to the staff member's visits
  --out FILE         write to FILE (default: standard output)
  --quiet, -q        no progress line (shown on a terminal while a file is written)

Exit status: 0 success, 2 usage error.`;

/** Runs `kontinuitet generate`. */
export async function generateCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    clients: { type: 'string' },
    days: { type: 'string' },
    start: { type: 'string' },
    seed: { type: 'string' },
    profile: { type: 'string' },
    scatter: { type: 'string' },
    groups: { type: 'string' },
    shifts: { type: 'boolean' },
    out: { type: 'string', short: 'o' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out.write(`${GENERATE_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`generate takes no file argument (use --out FILE), got "${positionals[0]}"`);
  const options: GenerateOptions = {
    clients: intFlag('clients', values.clients, 1, 10_000_000),
    days: intFlag('days', values.days, 1, 3660),
    start: values.start,
    seed: intFlag('seed', values.seed, 0, 2 ** 32 - 1),
    profile: choice('profile', values.profile, ['ange2013', 'typical', 'good'] as const),
    scatter: numberFlag('scatter', values.scatter),
    groups: intFlag('groups', values.groups, 1, 100_000),
    ...(values.shifts === true ? { shifts: true } : {}),
  };
  const target = values.out === undefined ? out : createWriteStream(values.out);
  try {
    // a progress line only when the rows go to a file (standard output may be the terminal)
    const truth = await writeGeneratedCsv(target, options, values.out === undefined ? undefined : terminalProgress(err, values.quiet === true));
    clearProgress();
    if (values.out !== undefined) err.write(`wrote ${truth.rows} rows (${truth.clients} clients, ${truth.days} days) to ${safeText(values.out)}\n`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    throw e;
  }
  return 0;
}
