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
import { collectGarbage } from './garbage.js';
import type { WorkTable } from './worktable.js';

/** A request to a thread of `readPiecesInThreads` (pieces.ts): read piece `piece` of the table, then what it can take from others. */
export interface PieceRequest {
  type: 'scan';
  path: string;
  table: SharedArrayBuffer;
  unit: number;
  piece: number;
  options: ReadOptions;
  /** What the thread needs to make its parts (plain data of the consumer's). */
  consumer: unknown;
}

/** A thread that has read its pieces splits another only when this many units are left in it. */
const STEAL_UNITS = 8;

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
  /** Lets go of what the sink or its part holds outside memory (the measure's spill files), when the read gives up. */
  release?(): void;
}

/**
 * What a thread's pieces are read into ({@link scanPieces}): the caller's own sink for its first
 * piece, a fresh sink (and part) for every other, and what the consumer does around them.
 *
 * @example
 * const sinks: PieceSinks<RouteRowsPart> = { own: null, fresh: () => new RowsPart(zone, keep) };
 */
export interface PieceSinks<P> {
  /** The sink of the first piece, which gives no part (the calling thread's consumer), or null: a part for every piece. */
  own: CodedSink | null;
  /** A sink for a piece of its own. */
  fresh(): PartSink<P>;
  /** Called once the first piece is read into `own` (the measure spills its rows then). */
  ownRead?(): void;
  /**
   * Whether a full collection ({@link collectGarbage}) comes before each piece after the first and
   * after the last: what the piece before left (its scanner's tables, its rows' stores) goes
   * before the next one's are made.
   */
  collectBetween?: boolean;
}

const GENERAL = new Error('the file needs the general reader');

/**
 * Reads piece `first` of `table`, then pieces split off others' until none is worth splitting,
 * each into a sink of `sinks` (the first into `sinks.own` when given). A thread's reading of a
 * request (`PieceRequest`, pieces.ts; the measure's in thread.ts); the caller posts the reply. On a
 * quote, a need for the general reader or an error, every sink made for a piece is released
 * ({@link PartSink.release}: the pieces read and the one being read) and the reply says why.
 *
 * @example
 * const reply = await scanPieces(request.path, new WorkTable(request.table, request.unit), request.piece, request.options, { own: null, fresh: () => new RowsPart(zone, keep) });
 */
export async function scanPieces<P>(path: string, table: WorkTable, first: number, options: ReadOptions, sinks: PieceSinks<P>): Promise<PiecesReply<P>> {
  const { own, collectBetween = false } = sinks;
  const pieces: ReadPiece<P>[] = [];
  const made: PartSink<P>[] = [];
  // one kernel for the thread's pieces: its hash tables are made once, not once per piece
  const kept: KeptKernel = { kernel: null };
  try {
    for (let p = first; p >= 0; p = table.steal(STEAL_UNITS)) {
      if (collectBetween && p !== first) collectGarbage();
      const sink = p === first && own !== null ? own : sinks.fresh();
      if (sink !== own) made.push(sink as PartSink<P>);
      const scanned = await fastScanPiece(path, table, p, p === 0 ? 2 : 1, sink, options, kept);
      if (scanned === null) throw GENERAL;
      if (sink === own) sinks.ownRead?.();
      const part = sink === own ? null : (sink as PartSink<P>).part();
      pieces.push({ from: table.piece(p).from, ledger: scanned.ledger, nextLine: scanned.nextLine, part });
    }
    kept.kernel = null;
    if (collectBetween) collectGarbage();
    return { type: 'scanned', pieces };
  } catch (e) {
    for (const sink of made) sink.release?.();
    if (e === GENERAL) return { type: 'general' };
    if (e instanceof QuotedRange) return { type: 'quoted' };
    if (e instanceof KontinuitetError) return { type: 'failed', code: e.code, message: e.message };
    return { type: 'failed', code: 'UNREADABLE_INPUT', message: (e as Error).message };
  }
}
