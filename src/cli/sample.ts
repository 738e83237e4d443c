import { createWriteStream } from 'node:fs';
import { safeText } from '../safe-text.js';
import { writeGeneratedCsv } from '../generate/index.js';
import { SAMPLE_OPTIONS } from '../generate/sample.js';
import { parseFlags, UsageError } from './args.js';

export const SAMPLE_HELP = `kontinuitet sample [--out FILE]

Writes the sample visit log of the README (a synthetic municipality: 70 clients in 2 groups, 49 days
from 2024-10-01, 12,940 rows, 1.6 MB) as CSV, to try the other commands on, e.g.

  kontinuitet sample --out sample-visits.csv
  kontinuitet measure sample-visits.csv --by-group

It is made by the seeded generator (kontinuitet generate --clients 70 --days 49 --start 2024-10-01
--seed 1 --profile typical): the same bytes as data/sample-visits.csv in the repository, anywhere the
package is installed.

  --out FILE         write to FILE (default: standard output)

Exit status: 0 success, 2 usage error.`;

/** Runs `kontinuitet sample`: the README's sample log, generated (see {@link SAMPLE_OPTIONS}). */
export async function sampleCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    out: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out.write(`${SAMPLE_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`sample takes no file argument (use --out FILE), got "${positionals[0]}"`);
  const target = values.out === undefined ? out : createWriteStream(values.out);
  try {
    const truth = await writeGeneratedCsv(target, SAMPLE_OPTIONS);
    if (values.out !== undefined) err.write(`wrote the sample: ${truth.rows} rows (${truth.clients} clients, ${truth.days} days) to ${safeText(values.out)}\n`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    throw e;
  }
  return 0;
}
