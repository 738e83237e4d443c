// What the engine hands a command once it has read a log (fillAccumulator in door.ts; the threads'
// part in continuity/parallel.ts). Types only, so both can name it without importing each other.
import type { ContinuityAccumulator } from './accumulator.js';
import type { StreamedResult } from './clientlist.js';
import type { ReadLedger } from '../read/types.js';
import type { PieceRequest } from './scan-pieces.js';
import type { PiecesReply } from './scan-pieces.js';

/**
 * A reader thread of a threaded read that the evaluation leaves idle, lent to the command (see
 * `fillAccumulator`'s `lend`) to read the route rows of the same file beside the evaluation: it
 * answers one {@link PieceRequest} of the route figures' reader as a route reading thread does
 * (the report's route rows, read while this thread evaluates the clients). A read may outlast
 * the command's callback, which need not wait for it: the thread ends once its reads are answered
 * (each watched by the engine's watchdog: `STALLED` when it makes no progress), else with the
 * callback.
 *
 * @example
 * const reply = await spare.read(request); // → { type: 'scanned', pieces: [{ part, … }] }
 */
export interface SpareThread {
  read(request: PieceRequest): Promise<PiecesReply<unknown>>;
}

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
  /** A reader thread lent for a read beside the evaluation, when asked for and the log was read by worker threads; else null. */
  readonly spare: SpareThread | null;
}
