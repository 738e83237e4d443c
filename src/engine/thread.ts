// What a reader thread does with a request of a threaded measure (parallel.ts): read pieces of a file, evaluate a share.
import { KontinuitetError } from '../errors.js';
import { scanPieces, type PiecesReply, type ReadPiece } from './scan-pieces.js';
import { collectGarbage } from './garbage.js';
import type { ReadOptions } from '../read/types.js';
import { WorkTable } from './worktable.js';
import { ContinuityAccumulator, type AccumulatorPart } from './accumulator.js';
import { evaluateJob, type EvaluationJob, type JobResult } from './job.js';
import type { MeasureOptions } from '../measures/continuity/settings.js';
import type { PieceRequest } from './scan-pieces.js';

/** A request to a reader thread: read pieces of a file, starting with `piece`, or evaluate a share. */
export type ThreadRequest =
  | { type: 'scan'; path: string; table: SharedArrayBuffer; unit: number; piece: number; options: MeasureOptions & ReadOptions; spillIn?: string }
  | { type: 'evaluate'; job: EvaluationJob }
  /** A spare thread's read of the route rows ({@link SpareThread}): answered by the worker script alone. */
  | { type: 'route-pieces'; scan: PieceRequest };

/**
 * A piece of the file a thread read: where it starts, its ledger, the number its next line would
 * get (its lines are numbered from 1, the first piece's from 2), and its accumulator's part (null
 * for the piece read into the calling thread's own accumulator).
 */
export type ScannedPiece = ReadPiece<AccumulatorPart>;

/** A reader thread's answer: its pieces read ({@link PiecesReply}), or its share evaluated. */
export type ThreadReply = PiecesReply<AccumulatorPart> | { type: 'evaluated'; result: JobResult };

/**
 * The buffers of a reply's arrays, to move to the calling thread instead of copying them
 * (`postMessage`'s transfer list): the parts' names, client facts and contact counts of a read, the figures of an
 * evaluation. Each array's buffer belongs to the reply alone (the arrays of a finished reader's
 * register, of which a part's arrays are views, or the figures; never Node's shared pool nor a
 * module's memory), and the thread makes new ones for its next request.
 *
 * @example
 * parentPort.postMessage(reply, replyTransfers(reply));
 */
export function replyTransfers(reply: ThreadReply): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [];
  if (reply.type === 'scanned') {
    for (const { part } of reply.pieces) {
      if (part === null) continue;
      arrays.push(part.clients.bytes, part.clients.ends, part.staff.bytes, part.staff.ends, part.birthDay, part.age, part.firstLine);
      if (part.contacts !== null) arrays.push(part.contacts);
    }
  } else if (reply.type === 'evaluated') {
    for (const w of reply.result) arrays.push(w.client, w.visits, w.staff, w.reason, w.firstShortDay, w.doubleStaffedVisits, w.group);
  }
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/**
 * What a reader thread does with a request (the worker script calls it; without the built worker
 * script, as under a test runner on the sources, the main thread calls it in turn).
 *
 * @example
 * await handleRequest({ type: 'evaluate', job }); // → { type: 'evaluated', result }
 */
export async function handleRequest(request: ThreadRequest): Promise<ThreadReply> {
  if (request.type === 'evaluate') {
    try {
      const result = evaluateJob(request.job);
      collectGarbage(); // the gathered rows' memory goes before the result is assembled
      return { type: 'evaluated', result };
    } catch (e) {
      return failed(e);
    }
  }
  if (request.type === 'route-pieces') return { type: 'failed', code: 'UNREADABLE_INPUT', message: 'route rows are read by a worker thread only' };
  return readShare(request.path, new WorkTable(request.table, request.unit), request.piece, request.options, null, request.spillIn);
}

/**
 * Reads piece `first` of the table, then pieces split off others' ({@link WorkTable.steal}) until
 * none is worth splitting, each into an accumulator of its own (`own`, when given, takes the first
 * piece, spilled as soon as it is read, and gives no part), with a full collection between pieces
 * and after the last ({@link scanPieces}). On a quote, a need for the general path or an error,
 * the spill files of the pieces read, and of the one being read, are removed and the answer says why. Spill files go in
 * `spillIn` (default the temp dir).
 *
 * @example
 * const reply = await readShare('national.csv', table, 1, options, null); // → { type: 'scanned', pieces }
 */
export function readShare(path: string, table: WorkTable, first: number, options: MeasureOptions & ReadOptions, own: ContinuityAccumulator | null, spillIn?: string): Promise<ThreadReply> {
  return scanPieces<AccumulatorPart>(path, table, first, options, {
    own,
    fresh: () => new ContinuityAccumulator(options, spillIn),
    // spilled now, not when merged: a thread holds the rows of one piece at a time
    ownRead: () => own?.settle(),
    collectBetween: true,
  });
}

function failed(e: unknown): Extract<ThreadReply, { type: 'failed' }> {
  if (e instanceof KontinuitetError) return { type: 'failed', code: e.code, message: e.message };
  return { type: 'failed', code: 'UNREADABLE_INPUT', message: (e as Error).message };
}
