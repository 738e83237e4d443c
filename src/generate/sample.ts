/**
 * The committed sample log `data/sample-visits.csv` and how to regenerate it.
 *
 * Regenerate with the CLI:
 * `kontinuitet generate --clients 70 --days 49 --start 2024-10-01 --seed 1 --profile typical --out data/sample-visits.csv`
 * or, without a build, `UPDATE_SAMPLE=1 npx vitest run --config test/vitest.config.ts test/generate/sample.test.ts`.
 * A test checks that the file equals `writeGeneratedCsv(SAMPLE_OPTIONS)` byte for byte.
 */
import { createWriteStream } from 'node:fs';
import { writeGeneratedCsv, type GenerateOptions, type GenerateProfile, type PlantedTruth } from './index.js';

/**
 * The exact options of `data/sample-visits.csv`: 70 clients in 2 groups, 49 days from Tuesday
 * 2024-10-01 to Monday 2024-11-18 (crossing the end of summer time on 2024-10-27 and holding the
 * 14-day windows starting on the first Monday of October and of November), profile `typical`, seed 1.
 *
 * @example
 * const truth = await writeGeneratedCsv(process.stdout, SAMPLE_OPTIONS);
 */
export const SAMPLE_OPTIONS: Readonly<{
  clients: number;
  days: number;
  start: string;
  seed: number;
  profile: GenerateProfile;
}> & GenerateOptions = Object.freeze({
  clients: 70,
  days: 49,
  start: '2024-10-01',
  seed: 1,
  profile: 'typical',
});

/**
 * Path of the sample, relative to the repository root.
 *
 * @example
 * readFileSync(SAMPLE_PATH, 'utf8');
 */
export const SAMPLE_PATH = 'data/sample-visits.csv';

/**
 * Writes the sample log (with {@link SAMPLE_OPTIONS}) to a file, by default {@link SAMPLE_PATH}
 * relative to the working directory. Resolves with the planted truth.
 *
 * @example
 * await writeSample(); // run from the repository root to refresh data/sample-visits.csv
 */
export function writeSample(path: string = SAMPLE_PATH): Promise<PlantedTruth> {
  return writeGeneratedCsv(createWriteStream(path), SAMPLE_OPTIONS);
}
