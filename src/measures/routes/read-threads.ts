/**
 * The route figures' rows read in threads: this thread reads the file's first range into the
 * accumulator, the route workers the others into parts ({@link RowsPart}), taken in file order
 * (the engine's {@link readPiecesInThreads}).
 *
 * @module
 */
import { readPiecesInThreads, type PieceRequest } from '../../engine/pieces.js';
import { scanPieces, type PiecesReply } from '../../engine/scan-pieces.js';
import { TaskThread } from '../../engine/task-thread.js';
import { WorkTable } from '../../engine/worktable.js';
import { DEFAULT_ZONE } from '../../read/read.js';
import type { ReadLedger, ReadOptions } from '../../read/types.js';
import type { EngineSettings } from '../../engine-settings.js';
import { LocalZone } from '../../windows/zone.js';
import type { RoutesAccumulator } from './accumulator.js';
import { partTransfers, RowsPart, type KeptDays, type RouteRowsPart } from './rows-part.js';

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
  const keep = request.consumer as KeptDays;
  const zone = new LocalZone(request.options.zone ?? DEFAULT_ZONE);
  const reply = await scanPieces(request.path, new WorkTable(request.table, request.unit), request.piece, request.options, { own: null, fresh: () => new RowsPart(zone, keep) });
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
    return await readPiecesInThreads(path, { ...read, ...(engine !== undefined ? { engine } : {}) }, workers, keep, acc.sink, () => new RowsPart(acc.zone, keep), (part) => acc.absorb(part));
  } finally {
    await Promise.all(workers.map((t) => t.close()));
  }
}
