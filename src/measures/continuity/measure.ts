import { fillAccumulator } from '../../engine/door.js';
import type { ReadLedger, ReadOptions, Visit, VisitSource } from '../../read/types.js';
import { checkVisitList } from '../../options.js';
import { MEASURE_COLUMNS, measureSettings, type MeasureOptions } from './settings.js';
import { continuity as definedContinuity } from './definition.js';
import { VisitChecker } from '../../read/check.js';
import { selfDisplaying } from '../../jupyter.js';
import type { ContinuityResult } from './types.js';
import { materialise, type ClientList, type StreamedResult } from '../../engine/clientlist.js';

export { MEASURE_COLUMNS, measureSettings, type MeasureOptions, type MeasureSettings, type RowFacts } from './settings.js';

/**
 * The official 14-day staff continuity (Kolada U21401 mean, U21402 median, U21436 share > 20)
 * over a visit log, streamed: for each window, every client's number of different staff met at
 * counted visits, whether the client is counted and why not, and the spread over counted
 * clients for the municipality and per group. See `docs` in the README for the rules.
 *
 * @example
 * const r = await measureContinuity('data/sample-visits.csv', { from: '2024-10-01' });
 * r.windows[0].staffPerClient.mean; // → mean staff per counted client over 2024-10-01..14
 */
export async function measureContinuity(source: VisitSource, options: MeasureOptions & ReadOptions = {}): Promise<ContinuityResult> {
  return materialise(await measureContinuityStreamed(source, options));
}

/**
 * {@link measureContinuity} with each window's clients as a {@link ClientList}: kept in columns and
 * made into objects a slice at a time as they are written (the CLI's path: a national log's
 * clients are never all objects at once). The same figures; `toJSON` gives the same text. The log
 * is read through the engine's door ({@link fillAccumulator}: the fast path, the threads, the
 * spilling, as `options.engine` says) and evaluated there.
 *
 * @example
 * const r = await measureContinuityStreamed('national.csv', { from: '2024-10-01' });
 * await writeJson(process.stdout, r, ['perClient']);
 */
export async function measureContinuityStreamed(source: VisitSource, options: MeasureOptions & ReadOptions = {}): Promise<StreamedResult> {
  return fillAccumulator(source, options, ({ evaluate }) => evaluate());
}

/**
 * The same measure over visits already in memory (e.g. from {@link readVisits}); a pure function
 * that runs the definition (definition.ts), not the engine. Each visit is checked as the reader
 * checks a row: a bad one (a start that is not a time, an end before the start, an id that is not
 * text or a number, …) is rejected, counted in `rows.rejected` and listed in `issues` with the
 * reader's code. Anything but an iterable of visits is a `BAD_SOURCE`.
 *
 * @example
 * continuity(visits, { from: '2024-10-01' }).windows[0].clients.eligible; // → number of counted clients
 */
export function continuity(visits: Iterable<Visit>, options: MeasureOptions = {}, ledger?: ReadLedger): ContinuityResult {
  checkVisitList(visits);
  const checker = new VisitChecker(measureSettings(options).zone, MEASURE_COLUMNS);
  // checked one at a time as the definition reads them (it keeps no visit object); its rejects are counted by then
  function* checked(): Generator<Visit> {
    for (const v of visits) {
      const ok = checker.check(v);
      if (ok !== null) yield ok;
    }
  }
  return selfDisplaying(definedContinuity(checked(), options, ledger, checker));
}
