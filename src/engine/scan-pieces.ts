/**
 * A thread's share of a file read in pieces: its first piece, then pieces it splits off others'
 * ({@link WorkTable.steal}), each read by the fast path into a sink of its own.
 *
 * @module
 */
import { KontinuitetError } from '../errors.js';
import type { ReadLedger, ReadOptions } from '../read/types.js';
import type { CodedSink } from './coded-row.js';
import { fastScanPiece, QuotedRange, type KeptKernel } from './fast.js';
import type { WorkTable } from './worktable.js';

/** A thread that has read its pieces splits another only when this many units are left in it. */
export const STEAL_UNITS = 8;

/** A piece read: where it starts, its ledger, the number its next line would get, and its consumer's part (null: read into the own sink). */
export interface ReadPiece<P> {
  from: number;
  ledger: ReadLedger;
  nextLine: number;
  part: P | null;
}

/** A thread's answer: its pieces, or why the file must be read by one thread (`quoted`, `general`), or its error. */
export type PiecesReply<P> =
  | { type: 'scanned'; pieces: ReadPiece<P>[] }
  | { type: 'quoted' }
  | { type: 'general' }
  | { type: 'failed'; code: string; message: string };

/** What gathers the rows of one piece read by a thread other than the consumer's own: a sink, then the part it made. */
export interface PartSink<P> extends CodedSink {
  /** The part (plain data and typed arrays, to post to another thread). */
  part(): P;
}

/**
 * Reads piece `first` of `table`, then pieces split off others' until none is worth splitting,
 * each into a part of its own made by `fresh` (`own`, when given, takes the first piece and
 * gives no part). A thread's reading of a request (`PieceRequest`, pieces.ts); the caller posts the
 * reply.
 *
 * @example
 * const reply = await scanPieces(request.path, new WorkTable(request.table, request.unit), request.piece, request.options, null, () => new RowsPart());
 */
export async function scanPieces<P>(path: string, table: WorkTable, first: number, options: ReadOptions, own: CodedSink | null, fresh: () => PartSink<P>): Promise<PiecesReply<P>> {
  const pieces: ReadPiece<P>[] = [];
  // one kernel for the thread's pieces: its hash tables are made once, not once per piece
  const kept: KeptKernel = { kernel: null };
  try {
    for (let p = first; p >= 0; p = table.steal(STEAL_UNITS)) {
      const sink = p === first && own !== null ? own : fresh();
      const scanned = await fastScanPiece(path, table, p, p === 0 ? 2 : 1, sink, options, kept);
      if (scanned === null) return { type: 'general' };
      const part = sink === own ? null : (sink as PartSink<P>).part();
      pieces.push({ from: table.piece(p).from, ledger: scanned.ledger, nextLine: scanned.nextLine, part });
    }
    return { type: 'scanned', pieces };
  } catch (e) {
    if (e instanceof QuotedRange) return { type: 'quoted' };
    if (e instanceof KontinuitetError) return { type: 'failed', code: e.code, message: e.message };
    return { type: 'failed', code: 'UNREADABLE_INPUT', message: (e as Error).message };
  }
}
