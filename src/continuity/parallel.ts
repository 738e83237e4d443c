import { existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KontinuitetError, type RowIssue } from '../errors.js';
import { fastScanPiece, QuotedRange, readHeader, type KeptKernel } from '../visits/fast.js';
import { collectGarbage } from '../visits/garbage.js';
import { closeLedger, newLedger } from '../visits/read.js';
import type { ReadLedger, ReadOptions } from '../visits/types.js';
import { MAX_UNITS, WorkTable } from '../visits/worktable.js';
import { ContinuityAccumulator, type AccumulatorPart } from './accumulator.js';
import { evaluateJob, type EvaluationJob, type JobResult } from './job.js';
import type { MeasureOptions } from './measure.js';
import { PARTITIONS, removeSpill, SPILL_ROWS } from './partitions.js';
import type { StreamedResult } from './clientlist.js';

/** Files smaller than this are read by one thread unless `threads` is given. */
const PARALLEL_BYTES = 8 << 20;

/** Bytes a reader claims at a time by default ({@link MeasureOptions.readUnit}). */
export const READ_UNIT = 1 << 20;

/** A thread that has read its pieces splits another only when this many units are left in it. */
const STEAL_UNITS = 8;

/** A request to a reader thread: read pieces of a file, starting with `piece`, or evaluate a share. */
export type ThreadRequest =
  | { type: 'scan'; path: string; table: SharedArrayBuffer; unit: number; piece: number; options: MeasureOptions & ReadOptions }
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
 * (`postMessage`'s transfer list): the parts' names and client facts of a read, the figures of an
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
    for (const { part } of reply.pieces) if (part !== null) arrays.push(part.clients.bytes, part.clients.ends, part.staff.bytes, part.staff.ends, part.birthDay, part.age);
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
  return readShare(request.path, new WorkTable(request.table, request.unit), request.piece, request.options, null);
}

/**
 * Reads piece `first` of the table, then pieces split off others' ({@link WorkTable.steal}) until
 * none is worth splitting, each into an accumulator of its own (`own`, when given, takes the first
 * piece and gives no part). On a quote, a need for the general path or an error, the spill files
 * of the pieces read are removed and the answer says why. A full collection ({@link collectGarbage})
 * before each piece after the first (what the piece before left goes before the next one's tables
 * are made) and after the last.
 *
 * @example
 * const reply = await readShare('national.csv', table, 1, options, null); // → { type: 'scanned', pieces }
 */
export async function readShare(path: string, table: WorkTable, first: number, options: MeasureOptions & ReadOptions, own: ContinuityAccumulator | null): Promise<ThreadReply> {
  const pieces: ScannedPiece[] = [];
  // one kernel for the thread's pieces: its hash tables are made once, not once per piece
  const kept: KeptKernel = { kernel: null };
  try {
    for (let p = first; p >= 0; p = table.steal(STEAL_UNITS)) {
      // what the piece before left (its scanner's tables, its rows' stores) goes before this one's are made
      if (p !== first) collectGarbage();
      const acc = p === first && own !== null ? own : new ContinuityAccumulator(options);
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

/** The built worker script next to this module, or null (running from the sources). */
function workerScript(): URL | null {
  const url = new URL('./measure-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

/**
 * Sends requests to one thread: a worker, or this thread when there is no worker script.
 *
 * @example
 * const reader = new Reader(workerScript()); // then await reader.ask({ type: 'evaluate', job }); await reader.close();
 */
export class Reader {
  private readonly worker: Worker | null;

  constructor(script: URL | null) {
    // a small young generation: a reader makes little garbage, and each worker's heap counts in the process's memory
    this.worker = script === null ? null : new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
  }

  ask(request: ThreadRequest): Promise<ThreadReply> {
    const worker = this.worker;
    // in this thread: after the current turn, so the requests to the workers go out first
    if (worker === null) return Promise.resolve().then(() => handleRequest(request));
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => { worker.off('message', onMessage); reject(e); };
      const onMessage = (reply: ThreadReply) => { worker.off('error', onError); resolve(reply); };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(request);
    });
  }

  /** Resolves once the worker runs JavaScript (or has failed to start); at once for this thread. */
  started(): Promise<void> {
    const worker = this.worker;
    if (worker === null) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        worker.off('online', done).off('error', done).off('exit', done);
        resolve();
      };
      worker.on('online', done).on('error', done).on('exit', done);
    });
  }

  close(): Promise<number> | undefined {
    return this.worker?.terminate();
  }
}

/**
 * The continuity measure over a CSV file read by `threads` threads at once: the file is cut into
 * byte ranges on line breaks, shared out through a {@link WorkTable}; this thread reads the first
 * range with the fast path into the accumulator of the result, a worker each other range into its
 * own (spilling counted rows to its own file), and a thread done with its range takes the back
 * half of what is left of another's into a new accumulator, until little is left. The workers
 * then end (their parts moved to this thread), the pieces' accumulators are merged in file order
 * and this thread evaluates the partitions of clients; with `shareEvaluation` the workers stay
 * and every thread takes the next partition in turn (answers in typed arrays). Gives exactly the
 * result of one thread (tests hold them equal). Returns null when the file must be read by one thread: a
 * quote anywhere in it (a quoted field may hold a line break), Windows-1252, `onError: 'stop'`,
 * indices, or a file too small to gain from it.
 *
 * @example
 * const r = await measureInParallel('national.csv', { from: '2024-10-01' }, 2);
 */
export async function measureInParallel(path: string, options: MeasureOptions & ReadOptions, threads: number, started: ReaderThreads | null = null): Promise<StreamedResult | null> {
  const pool = started ?? startReaders(path, options, threads);
  if (pool === null) return null;
  try {
    return await measureWith(path, options, pool);
  } finally {
    await pool.close();
    // what the measure held besides its result (the merged names, the evaluation's arrays, the
    // workers' answers) goes before the result is written
    collectGarbage();
  }
}

/**
 * The threads of a {@link measureInParallel}, started ahead (a worker takes ~100 ms to start, while
 * the calling thread sets up the measure): this thread's reader and a worker per other range.
 *
 * @example
 * const threads = startReaders('national.csv', options, 2); // then measureInParallel(…, threads), which closes them
 */
export interface ReaderThreads {
  readonly readers: readonly Reader[];
  /** Ends the workers (again: nothing). */
  close(): Promise<void>;
}

/**
 * Starts the threads of {@link measureInParallel} for a file, or null when it will be read by one
 * thread (see there; a missing file too: the one-thread reader gives the error).
 *
 * @example
 * const threads = startReaders('national.csv', { from: '2024-10-01' }, 2);
 */
export function startReaders(path: string, options: MeasureOptions & ReadOptions, threads: number): ReaderThreads | null {
  if (threads < 2 || options.encoding === 'latin1' || options.onError === 'stop' || options.indices === true) return null;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null;
  }
  if (options.threads === undefined && size < PARALLEL_BYTES) return null;
  const script = workerScript();
  // this thread reads the first range itself, into the accumulator the other pieces are merged
  // into: one isolate fewer than a worker per range, and the first piece needs no merging
  const readers = Array.from({ length: threads }, (_, k) => new Reader(k === 0 ? null : script));
  let closed: Promise<void> | null = null;
  return { readers, close: () => (closed ??= Promise.all(readers.map((r) => r.close())).then(() => undefined)) };
}

async function measureWith(path: string, options: MeasureOptions & ReadOptions, pool: ReaderThreads): Promise<StreamedResult | null> {
  const readers = pool.readers;
  const threads = readers.length;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null; // gone since the threads started: the one-thread reader gives the error
  }
  const head = await readHeader(path);
  if (head === null) return null;
  const ranges = await splitRanges(path, head.end + 1, size, threads);
  const shared = cloneable(options, ranges.length);
  // units small enough to share out, few enough to count in 32 bits (files above 2 PiB at 1 MiB)
  const unit = Math.max(options.readUnit ?? READ_UNIT, Math.ceil(size / MAX_UNITS));
  const table = WorkTable.create(ranges, unit);
  const merged = new ContinuityAccumulator(shared);
  const pieces: ScannedPiece[] = [];
  try {
    const asked = ranges.slice(1).map((_, k) => readers[k + 1]!.ask({ type: 'scan', path, table: table.shared, unit, piece: k + 1, options: shared }));
    // this thread's read is synchronous and blocks its event loop for the whole range: wait until
    // the workers run first, so the threads start together and whatever listens for a worker
    // starting runs now, not after the read (the CLI re-applies its heap flag then: cli/heap.ts)
    await Promise.all(readers.map((r) => r.started()));
    const replies = [await readShare(path, table, 0, shared, merged), ...await Promise.all(asked)];
    const failure = replies.find((r) => r.type !== 'scanned');
    // emptied: the pieces' parts go once they are merged
    for (const reply of replies.splice(0)) if (reply.type === 'scanned') pieces.push(...reply.pieces);
    if (failure !== undefined) {
      for (const p of pieces) if (p.part !== null) removeSpill(p.part.path);
      if (failure.type === 'failed') throw new KontinuitetError(failure.code as never, failure.message);
      return null; // a quote (or the general path): one thread reads the file
    }
    // unless they share the evaluation, the workers (their isolates, what their reads left) end now
    const evaluators = options.shareEvaluation === true ? readers : readers.slice(0, 1);
    if (evaluators.length < readers.length) await pool.close();
    // in file order: the first piece (this thread's accumulator) numbers its lines absolutely,
    // every other from 1, i.e. from the line after the piece before it
    pieces.sort((a, b) => a.from - b.from);
    let lineOffset = 0;
    const ledgers: ReadLedger[] = [];
    for (const p of pieces) {
      if (p.part !== null) merged.absorb(p.part, lineOffset);
      ledgers.push(shiftLines(p.ledger, lineOffset));
      lineOffset += p.nextLine - 1;
    }
    pieces.length = 0; // the parts' names and facts are merged
    merged.settle(); // the evaluation jobs go to other threads: no rows held in this one
    const reported = merged.reportedWindows();
    const windows = reported.windows.map((w) => w.window);
    // every thread takes the next partition in turn until none is left (one counter per window)
    const job: EvaluationJob = {
      ...merged.job(windows, Array.from({ length: PARTITIONS }, (_, p) => p)), claims: new SharedArrayBuffer(4 * Math.max(1, windows.length)),
    };
    collectGarbage(); // the merge's byte indexes and the parts go before the evaluation
    const answers = await Promise.all(evaluators.map((reader) => reader.ask({ type: 'evaluate', job })));
    const results: JobResult[] = [];
    for (const answer of answers) {
      if (answer.type !== 'evaluated') throw new KontinuitetError('UNREADABLE_INPUT', answer.type === 'failed' ? answer.message : 'a reader thread failed');
      results.push(answer.result);
    }
    // the workers' memory (their isolates, their gathered rows) goes before the result is assembled
    await pool.close();
    return merged.assemble(reported, results, closeLedger(mergeLedgers(ledgers, options.maxIssues ?? 1000), options));
  } finally {
    merged.release();
  }
}

/** The options a thread needs (all plain data). */
function cloneable(options: MeasureOptions & ReadOptions, threads: number): MeasureOptions & ReadOptions {
  const { threads: _threads, fastPath: _fast, onWarning: _warn, ...rest } = options;
  // the memory for rows held before a spill is shared by the threads
  return { ...rest, spillRows: Math.max(1, Math.floor((options.spillRows ?? SPILL_ROWS) / threads)) };
}

/** Cuts `[from, size)` into `n` ranges that start on line starts. */
async function splitRanges(path: string, from: number, size: number, n: number): Promise<{ from: number; to: number }[]> {
  const file = await open(path, 'r');
  try {
    const cuts = [from];
    const probe = Buffer.alloc(1 << 16);
    for (let k = 1; k < n; k++) {
      let at = Math.max(cuts[cuts.length - 1]!, from + Math.floor(((size - from) * k) / n));
      // move to just after the next line break
      for (;;) {
        const { bytesRead } = await file.read(probe, 0, probe.length, at);
        if (bytesRead === 0) { at = size; break; }
        const nl = probe.subarray(0, bytesRead).indexOf(10);
        if (nl >= 0) { at += nl + 1; break; }
        at += bytesRead;
      }
      cuts.push(Math.min(at, size));
    }
    cuts.push(size);
    return cuts.slice(0, -1).map((a, k) => ({ from: a, to: cuts[k + 1]! }));
  } finally {
    await file.close();
  }
}

/** A range's ledger with its line numbers made absolute. */
function shiftLines(ledger: ReadLedger, offset: number): ReadLedger {
  if (offset === 0) return ledger;
  const shift = (issue: RowIssue): RowIssue => ({ ...issue, line: issue.line + offset, message: issue.message.replace(/^line \d+/, `line ${issue.line + offset}`) });
  return { ...ledger, issues: ledger.issues.map(shift) };
}

/** One ledger from the ranges' ledgers, in file order; at most `maxIssues` issues listed. */
function mergeLedgers(ledgers: readonly ReadLedger[], maxIssues: number): ReadLedger {
  const all = newLedger();
  all.delimiter = ledgers[0]?.delimiter ?? null;
  all.columns = ledgers[0]?.columns ?? {};
  for (const l of ledgers) {
    all.read += l.read;
    all.used += l.used;
    all.rejected += l.rejected;
    all.blankLines += l.blankLines;
    all.issuesOmitted += l.issuesOmitted;
    for (const [code, n] of Object.entries(l.rejectedByCode)) all.rejectedByCode[code as RowIssue['code']] = (all.rejectedByCode[code as RowIssue['code']] ?? 0) + n!;
    for (const issue of l.issues) {
      if (all.issues.length < maxIssues) all.issues.push(issue);
      else all.issuesOmitted++;
    }
  }
  return all;
}

/**
 * Threads to read a file with by default: the cores this process may use, at most 8.
 *
 * @example
 * defaultThreads(); // → 2 on a two-core machine
 */
export function defaultThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}
