// What the engine hands a command once it has read a log (fillAccumulator in door.ts; the threads'
// part in continuity/parallel.ts). Types only, so both can name it without importing each other.
import type { ContinuityAccumulator } from './accumulator.js';
import type { StreamedResult } from './clientlist.js';
import type { ReadLedger } from '../read/types.js';

/**
 * A log read into one continuity accumulator: every row counted, excluded or rejected, the
 * readers' parts merged in file order. Valid during the command's callback; the engine removes
 * its spill files and ends its threads after it.
 *
 * @example
 * await fillAccumulator('visits.csv', { from: '2024-10-01' }, async ({ acc, evaluate }) => {
 *   acc.forEachCountedClient((k, window, client, rows) => { … }); // before the evaluation
 *   return evaluate();
 * });
 */
export interface FilledAccumulator {
  /** The accumulator every row went into (a threaded read's parts absorbed). */
  readonly acc: ContinuityAccumulator;
  /** The reader's ledger (a threaded read's ledgers merged, lines numbered as in the file). */
  readonly ledger: ReadLedger;
  /**
   * Evaluates every reported window of the accumulator, in the threads that read the log when
   * `engine.shareEvaluation` keeps them, else in this thread; once (it removes the counted rows:
   * read them before, e.g. with {@link ContinuityAccumulator.forEachCountedClient}).
   */
  evaluate(): Promise<StreamedResult>;
}
