import { fillAccumulator } from '../../engine/door.js';
import type { ReadLedger, ReadOptions, Visit, VisitInput, VisitSource } from '../../read/types.js';
import { newLedger } from '../../read/read.js';
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
 * The same measure over visits or rows in memory; a pure function that runs the definition
 * (definition.ts), not the engine. It takes what {@link measureContinuity} takes from memory:
 * the visits of {@link readVisits}, and plain rows of a planning system ({@link VisitRowInput}:
 * canonical or camelCase keys, or aliases such as `Brukare`; times as `Date`, epoch ms or text),
 * read by the reader's rules and giving the same figures, row accounting and issues as
 * `measureContinuity` over the same rows (the reader's ledger of them: its columns decide the
 * age filter). Each visit is checked as the reader checks a row: a bad one (a start that is not a
 * time, an end before the start, an id that is not text or a number, …) is rejected, counted in
 * `rows.rejected` and listed in `issues` with the reader's code. Anything but an iterable is a
 * `BAD_SOURCE`; `ledger`, a reader's ledger of the visits, completes the row accounting.
 *
 * @example
 * continuity(visits, { from: '2024-10-01' }).windows[0].clients.eligible; // → number of counted clients
 * continuity([{ clientId: 'C1', staffId: 'S1', start: new Date('2024-10-01T06:00Z'), end: 1727764200000 }], { from: new Date('2024-10-01') });
 */
export function continuity(visits: Iterable<Visit | VisitInput>, options: MeasureOptions = {}, ledger?: ReadLedger): ContinuityResult {
  checkVisitList(visits);
  const checker = new VisitChecker(measureSettings(options).zone, MEASURE_COLUMNS);
  // rows that are not visits are read as the reader reads them: their ledger (filled as they are
  // read, before the result is made) stands in for a reader's, so its columns decide the age filter
  const rowsLedger = newLedger();
  let own: ReadLedger | undefined;
  function* checked(): Generator<Visit> {
    for (const v of visits) {
      const ok = checker.check(v);
      if (checker.checked === 1 && checker.rowColumns !== null && ledger === undefined) own = rowsLedger;
      if (ok !== null) yield ok;
    }
    rowsLedger.read = checker.checked;
    rowsLedger.used = checker.checked - checker.rejected;
    rowsLedger.columns = checker.rowColumns ?? {};
  }
  const rows = checked();
  const first = rows.next();
  const all = (function* (): Generator<Visit> {
    if (first.done !== true) yield first.value;
    yield* rows;
  })();
  // the checker's rejects are added to the ledger's (none in rowsLedger: they are all the checker's)
  return selfDisplaying(definedContinuity(all, options, ledger ?? own, checker));
}
