/**
 * The route figures' rows read in threads: this thread reads the file's first range into the
 * accumulator, the route workers the others into parts ({@link RowsPart}), taken in file order
 * (the engine's {@link readPiecesInThreads}).
 *
 * @module
 */
import { fileTable, readPiecesInThreads, takePieces } from '../../engine/pieces.js';
import { KontinuitetError } from '../../errors.js';
import { removeFolder, spillFolder } from '../../engine/partitions.js';
import type { SpareThread } from '../../engine/filled.js';
import { scanPieces, type PieceRequest, type PiecesReply } from '../../engine/scan-pieces.js';
import { TaskThread } from '../../engine/task-thread.js';
import { WorkTable } from '../../engine/worktable.js';
import { DEFAULT_ZONE } from '../../read/read.js';
import type { ReadLedger, ReadOptions } from '../../read/types.js';
import type { EngineSettings } from '../../engine-settings.js';
import { LocalZone } from '../../windows/zone.js';
import type { RoutesAccumulator } from './accumulator.js';
import { partTransfers, RowsPart, type KeptDays, type RouteRowsPart } from './rows-part.js';
import { ChunkFile } from './chunk-file.js';
import { join } from 'node:path';

/** What a route reading thread makes its parts for: the days kept, and the folder its parts' chunks are written to as they fill (none: held). */
interface RoutesConsumer {
  keep: KeptDays;
  spillIn?: string;
}

/** A request to a route worker to read pieces of a file. */
export type ScanRequest = PieceRequest;
/** A route worker's answer to a {@link ScanRequest}. */
export type ScanReply = PiecesReply<RouteRowsPart>;

/**
 * What a route worker does with a {@link ScanRequest}: reads its pieces into parts, and gives the
 * reply with the parts' buffers to move.
 *
 * @example
 * const { reply, transfer } = await scanRequest(request); // parentPort.postMessage(reply, transfer)
 */
export async function scanRequest(request: ScanRequest): Promise<{ reply: ScanReply; transfer: ArrayBuffer[] }> {
  const { keep, spillIn } = request.consumer as RoutesConsumer;
  const zone = new LocalZone(request.options.zone ?? DEFAULT_ZONE);
  let files = 0;
  const fresh = () => new RowsPart(zone, keep, undefined, spillIn === undefined ? null : new ChunkFile(join(spillIn, `rows-${files++}`)));
  const reply = await scanPieces(request.path, new WorkTable(request.table, request.unit), request.piece, request.options, { own: null, fresh });
  const transfer = reply.type === 'scanned' ? reply.pieces.flatMap((p) => (p.part === null ? [] : partTransfers(p.part))) : [];
  return { reply, transfer };
}

/**
 * Reads the file at `path` into `acc` with this thread and `threads − 1` route workers (the built
 * package's; none from the sources). Gives the ledger, or null when the file must be read by one
 * thread (no worker script, a quote in the file…): `acc` is then not to be used.
 *
 * @example
 * const ledger = await readRoutesInThreads('visits.csv', 2, acc, { use: ROUTE_COLUMNS });
 */
export async function readRoutesInThreads(path: string, threads: number, acc: RoutesAccumulator, read: ReadOptions, engine?: EngineSettings): Promise<ReadLedger | null> {
  const script = new URL('./routes-worker.js', import.meta.url);
  const workers: TaskThread<ScanRequest, ScanReply>[] = [];
  for (let k = 1; k < threads; k++) {
    const t = TaskThread.start<ScanRequest, ScanReply>(script, 'a route reading thread', 4);
    if (t === null) return null;
    workers.push(t);
  }
  try {
    await Promise.all(workers.map((t) => t.started())); // their heaps set up before this thread reads (see TaskThread.started)
    const keep = acc.keptDays;
    const consumer: RoutesConsumer = { keep };
    return await readPiecesInThreads(path, { ...read, ...(engine !== undefined ? { engine } : {}) }, workers, consumer, acc.sink, () => new RowsPart(acc.zone, keep), (part) => acc.absorb(part));
  } finally {
    await Promise.all(workers.map((t) => t.close()));
  }
}

/**
 * The route rows of a file being read by a spare thread beside other work ({@link readRoutesAhead}):
 * the accumulator they go to, the options they are read with, and the thread's answer to come.
 */
export interface RoutesAhead {
  readonly acc: RoutesAccumulator;
  readonly read: ReadOptions;
  readonly reply: Promise<ScanReply | null>;
  /** Where the thread writes its chunks of rows (removed once they are taken). */
  readonly folder: string;
}

/**
 * Has `spare` read the route rows of the file at `path` for `acc` (the days it keeps), the whole
 * file as one piece, each chunk of rows written to a file as it fills: the thread holds one chunk
 * at a time, this thread none until {@link takeAhead}. The report's route rows, read while this
 * thread evaluates the clients. Resolves once the thread has been asked (this thread may then
 * work on without a turn of its event loop), with the answer to come.
 *
 * @example
 * const ahead = await readRoutesAhead(spare, 'visits.csv', new RoutesAccumulator(options), { use: ROUTE_COLUMNS, zone });
 * const ledger = await takeAhead(ahead); // null: read the file again
 */
export async function readRoutesAhead(spare: SpareThread, path: string, acc: RoutesAccumulator, read: ReadOptions, engine?: EngineSettings): Promise<RoutesAhead> {
  const folder = spillFolder();
  // a file gone or changed since the measure read it: read again by the route figures, which say why
  const file = await fileTable(path, 1, engine).catch(() => null);
  if (file === null) return { acc, read, reply: Promise.resolve(null), folder };
  const { table, unit } = file;
  const { onWarning: _w, onProgress: _p, ...shared } = read;
  const consumer: RoutesConsumer = { keep: acc.keptDays, spillIn: folder };
  const reply = spare.read({ type: 'scan', path, table: table.shared, unit, piece: 0, options: shared, consumer }) as Promise<ScanReply>;
  reply.catch(() => undefined); // awaited by takeAhead
  return { acc, read, reply, folder };
}

/**
 * The rows a spare thread read ({@link readRoutesAhead}) taken into its accumulator, and the
 * read's ledger; null when the file must be read again (a quote in it, a file gone or changed).
 * The thread's chunk files go either way.
 *
 * @example
 * const ledger = await takeAhead(ahead); // ahead.acc holds the rows
 */
export async function takeAhead(ahead: RoutesAhead): Promise<ReadLedger | null> {
  try {
    const reply = await ahead.reply;
    if (reply === null || reply.type === 'quoted' || reply.type === 'general') return null;
    if (reply.type === 'failed') throw new KontinuitetError(reply.code as never, reply.message);
    return takePieces(reply.pieces, (part) => ahead.acc.absorb(part), ahead.read);
  } finally {
    removeFolder(ahead.folder);
  }
}

/**
 * Rows read ahead that will not be taken: the thread's answer let go, its chunk files removed (once it has answered).
 *
 * @example
 * discardAhead(ahead);
 */
export function discardAhead(ahead: RoutesAhead): void {
  void ahead.reply.finally(() => removeFolder(ahead.folder)).catch(() => undefined);
}
