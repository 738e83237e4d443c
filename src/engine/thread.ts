// What a reader thread does with a request of a threaded measure (parallel.ts): read pieces of a file, evaluate a share.
import { KontinuitetError } from '../errors.js';
import { fastScanPiece, QuotedRange, type KeptKernel } from './fast.js';
import { collectGarbage } from './garbage.js';
import type { ReadLedger, ReadOptions } from '../read/types.js';
import { WorkTable } from './worktable.js';
import { ContinuityAccumulator, type AccumulatorPart } from './accumulator.js';
import { evaluateJob, type EvaluationJob, type JobResult } from './job.js';
import type { MeasureOptions } from '../measures/continuity/settings.js';
import { removeSpill } from './partitions.js';

/** A thread that has read its pieces splits another only when this many units are left in it. */
const STEAL_UNITS = 8;

/** A request to a reader thread: read pieces of a file, starting with `piece`, or evaluate a share. */
export type ThreadRequest =
  | { type: 'scan'; path: string; table: SharedArrayBuffer; unit: number; piece: number; options: MeasureOptions & ReadOptions; spillIn?: string }
  | { type: 'evaluate'; job: EvaluationJob };

/**
 * A piece of the file a thread read: where it starts, its ledger, the number its next line would
 * get (its lines are numbered from 1, the first piece's from 2), and its accumulator's part (null
 * for the piece read into the calling thread's own accumulator).
 */
export interface ScannedPiece {
  from: number;
  ledger: ReadLedger;
  nextLine: number;
  part: AccumulatorPart | null;
}

/** A reader thread's answer. */
export type ThreadReply =
  | { type: 'scanned'; pieces: ScannedPiece[] }
  | { type: 'quoted' }
  | { type: 'general' }
  | { type: 'evaluated'; result: JobResult }
  | { type: 'failed'; code: string; message: string };

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
  return readShare(request.path, new WorkTable(request.table, request.unit), request.piece, request.options, null, request.spillIn);
}

/**
 * Reads piece `first` of the table, then pieces split off others' ({@link WorkTable.steal}) until
 * none is worth splitting, each into an accumulator of its own (`own`, when given, takes the first
 * piece and gives no part). On a quote, a need for the general path or an error, the spill files
 * of the pieces read are removed and the answer says why. Spill files go in `spillIn` (default the temp dir). A full collection ({@link collectGarbage})
 * before each piece after the first (what the piece before left goes before the next one's tables
 * are made) and after the last.
 *
 * @example
 * const reply = await readShare('national.csv', table, 1, options, null); // → { type: 'scanned', pieces }
 */
export async function readShare(path: string, table: WorkTable, first: number, options: MeasureOptions & ReadOptions, own: ContinuityAccumulator | null, spillIn?: string): Promise<ThreadReply> {
  const pieces: ScannedPiece[] = [];
  // one kernel for the thread's pieces: its hash tables are made once, not once per piece
  const kept: KeptKernel = { kernel: null };
  try {
    for (let p = first; p >= 0; p = table.steal(STEAL_UNITS)) {
      // what the piece before left (its scanner's tables, its rows' stores) goes before this one's are made
      if (p !== first) collectGarbage();
      const acc = p === first && own !== null ? own : new ContinuityAccumulator(options, spillIn);
      const scanned = await fastScanPiece(path, table, p, p === 0 ? 2 : 1, acc, options, kept);
      if (scanned === null) throw GENERAL;
      // spilled now, not when merged: a thread holds the rows of one piece at a time
      if (acc === own) own.settle();
      pieces.push({ from: table.piece(p).from, ledger: scanned.ledger, nextLine: scanned.nextLine, part: acc === own ? null : acc.part() });
    }
    kept.kernel = null;
    collectGarbage();
    return { type: 'scanned', pieces };
  } catch (e) {
    for (const piece of pieces) if (piece.part !== null) removeSpill(piece.part.path);
    if (e === GENERAL) return { type: 'general' };
    if (e instanceof QuotedRange) return { type: 'quoted' };
    return failed(e);
  }
}

const GENERAL = new Error('the file needs the general reader');

function failed(e: unknown): Extract<ThreadReply, { type: 'failed' }> {
  if (e instanceof KontinuitetError) return { type: 'failed', code: e.code, message: e.message };
  return { type: 'failed', code: 'UNREADABLE_INPUT', message: (e as Error).message };
}
