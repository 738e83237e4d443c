import { clearProgress, terminalProgress } from './progress.js';
import { safeText } from '../safe-text.js';
import type { ReadOptions } from '../read/types.js';
import { choice, numberFlag } from './args.js';

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
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const READ_HELP = `  --zone ZONE            IANA zone of local times (default Europe/Stockholm)
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

/** Read options from the common flags. */
export function readOptions(values: { zone?: string | undefined; delimiter?: string | undefined; encoding?: string | undefined; pseudonymise?: boolean | undefined; 'pseudonym-key'?: string | undefined; 'on-error'?: string | undefined; 'plausible-from'?: string | undefined; 'plausible-to'?: string | undefined; 'max-visit-hours'?: string | undefined; quiet?: boolean | undefined }): ReadOptions {
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
