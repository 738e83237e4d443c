/**
 * A file read in threads for a consumer of its own (the route figures' rows): the file is cut into
 * ranges on line breaks and shared out through a {@link WorkTable}, as the measure's threaded read
 * does (parallel.ts); this thread reads the first range into the consumer's own sink, each other
 * thread its range (and what it takes from others) into parts of its own, and the parts are handed
 * to the consumer in file order. The consumer gives the same rows as one thread would read, in the
 * same order.
 *
 * @module
 */
import { statSync } from 'node:fs';
import { KontinuitetError } from '../errors.js';
import { sniffStart } from '../read/sniff.js';
import { closeLedger } from '../read/read.js';
import type { ReadLedger, ReadOptions } from '../read/types.js';
import type { CodedSink } from './coded-row.js';
import { readHeader } from './fast.js';
import { scanPieces, type PartSink, type PieceRequest, type PiecesReply, type ReadPiece } from './scan-pieces.js';
import { collectGarbage } from './garbage.js';
import { mergeLedgers, shiftLines, splitRanges } from './parallel.js';
import { MAX_UNITS, WorkTable } from './worktable.js';
import { ENGINE_DEFAULTS, type EngineSettings } from '../engine-settings.js';
import { watched } from './watchdog.js';
import { tell } from '../progress.js';

/** A thread that reads pieces for {@link readPiecesInThreads}: a worker answering {@link PieceRequest}s. */
export interface PieceThread<P> {
  ask(request: PieceRequest): Promise<PiecesReply<P>>;
}

/**
 * Reads the CSV file at `path` with this thread and `threads` (a worker each, one range each):
 * the rows of this thread's first range into `own`, every other piece into a part made by
 * `fresh` (here) or by a worker (from `consumer`, sent with each request), which `absorb` then takes, in file order, one at a time, so
 * `own`'s consumer ends holding the rows in the order one thread reads them. Gives the ledger of
 * the whole read (lines numbered as one thread numbers them), or null when the file must be read
 * by one thread (a quote in it, a file needing the general reader, a file gone or without a header): the
 * consumer may then hold some rows already, and is not to be used. Under the engine's watchdog
 * (`engine.watchdogMs`).
 *
 * @example
 * const ledger = await readPiecesInThreads('visits.csv', read, workers, acc.keptDays, acc.sink, () => new RowsPart(), (part) => acc.absorb(part));
 */
export async function readPiecesInThreads<P>(path: string, options: ReadOptions & { engine?: EngineSettings }, threads: readonly PieceThread<P>[], consumer: unknown, own: CodedSink, fresh: () => PartSink<P>, absorb: (part: P) => void): Promise<ReadLedger | null> {
  let table: WorkTable | null = null;
  let answers = 0;
  const read = async (): Promise<ReadLedger | null> => {
    const file = await fileTable(path, threads.length + 1, options.engine);
    if (file === null) return null;
    const { size, unit } = file;
    table = file.table;
    const { engine: _engine, onWarning: _w, onProgress: _p, ...shared } = options;
    const asked = threads.map((thread, k) => thread.ask({ type: 'scan', path, table: table!.shared, unit, piece: k + 1, options: shared, consumer }).finally(() => answers++));
    for (const a of asked) a.catch(() => undefined);
    tell(options.onProgress, 'read', 0, size);
    const replies = [await scanPieces(path, table, 0, shared, { own, fresh }), ...await Promise.all(asked)];
    const failure = replies.find((r) => r.type !== 'scanned');
    if (failure !== undefined) {
      if (failure.type === 'failed') throw new KontinuitetError(failure.code as never, failure.message);
      return null;
    }
    const ledger = takePieces(replies.flatMap((r) => (r.type === 'scanned' ? r.pieces : [])), absorb, options);
    tell(options.onProgress, 'read', size, size);
    collectGarbage(); // the parts, once absorbed
    return ledger;
  };
  return watched(read(), options.engine?.watchdogMs ?? ENGINE_DEFAULTS.watchdogMs, () => answers + ((table as WorkTable | null)?.claimed() ?? 0));
}

/**
 * The file at `path` cut into `ranges` ranges of its rows (after the header, on line breaks) in a
 * {@link WorkTable} of units of `engine.readUnit` bytes, with its size; null when it is gone or has
 * no header (a UTF-16 or binary file: the error every reader gives).
 *
 * @example
 * const file = await fileTable('visits.csv', 2); // → { table, unit: 1048576, size: 256332405 }
 */
export async function fileTable(path: string, ranges: number, engine?: EngineSettings): Promise<{ table: WorkTable; unit: number; size: number } | null> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null;
  }
  const head = await readHeader(path);
  if (head === null) return null;
  sniffStart(head.bytes);
  const unit = Math.max(engine?.readUnit ?? ENGINE_DEFAULTS.readUnit, Math.ceil(size / MAX_UNITS));
  return { table: WorkTable.create(await splitRanges(path, head.end + 1, size, ranges), unit), unit, size };
}

/**
 * The parts of pieces read by other threads handed to `absorb` in file order (each let go once
 * taken), and the ledger of the whole read: the pieces' ledgers with their lines numbered as one
 * thread numbers them (the first piece's from 2, every other's from 1).
 *
 * @example
 * const ledger = takePieces(reply.pieces, (part) => acc.absorb(part), read);
 */
export function takePieces<P>(pieces: ReadPiece<P>[], absorb: (part: P) => void, options: ReadOptions): ReadLedger {
  pieces.sort((a, b) => a.from - b.from);
  let lineOffset = 0;
  const ledgers: ReadLedger[] = [];
  for (const p of pieces) {
    if (p.part !== null) absorb(p.part);
    p.part = null; // let go once absorbed
    ledgers.push(shiftLines(p.ledger, lineOffset));
    lineOffset += p.nextLine - 1;
  }
  return closeLedger(mergeLedgers(ledgers, options.maxIssues ?? 1000), options);
}
