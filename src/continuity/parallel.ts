import { existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KontinuitetError, type RowIssue } from '../errors.js';
import { fastScanRange, QuotedRange, readHeader, type ByteRange } from '../visits/fast.js';
import { newLedger } from '../visits/read.js';
import type { ReadLedger, ReadOptions } from '../visits/types.js';
import { ContinuityAccumulator, type AccumulatorPart } from './accumulator.js';
import { evaluateJob, type EvaluationJob, type JobResult } from './job.js';
import type { MeasureOptions } from './measure.js';
import { PARTITIONS, removeSpill, SPILL_ROWS } from './partitions.js';
import type { ContinuityResult } from './types.js';

/** Files smaller than this are read by one thread unless `threads` is given. */
const PARALLEL_BYTES = 8 << 20;

/** A request to a reader thread: read a byte range into an accumulator, or evaluate a share. */
export type ThreadRequest =
  | { type: 'scan'; path: string; range: ByteRange; options: MeasureOptions & ReadOptions }
  | { type: 'evaluate'; job: EvaluationJob };

/** A reader thread's answer. */
export type ThreadReply =
  | { type: 'scanned'; ledger: ReadLedger; nextLine: number; part: AccumulatorPart }
  | { type: 'quoted' }
  | { type: 'general' }
  | { type: 'evaluated'; result: JobResult }
  | { type: 'failed'; code: string; message: string };

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
      return { type: 'evaluated', result: evaluateJob(request.job) };
    } catch (e) {
      return failed(e);
    }
  }
  const acc = new ContinuityAccumulator(request.options);
  const reply = await scanInto(acc, request.path, request.range, request.options);
  return reply.type === 'scanned' ? { ...reply, part: acc.part() } : reply;
}

/** Reads a byte range into an accumulator; the answer without the accumulator's part. */
async function scanInto(acc: ContinuityAccumulator, path: string, range: ByteRange, options: MeasureOptions & ReadOptions): Promise<Exclude<ThreadReply, { type: 'scanned' | 'evaluated' }> | { type: 'scanned'; ledger: ReadLedger; nextLine: number }> {
  try {
    const scanned = await fastScanRange(path, range, acc, options);
    if (scanned === null) return { type: 'general' };
    return { type: 'scanned', ledger: scanned.ledger, nextLine: scanned.nextLine };
  } catch (e) {
    if (e instanceof QuotedRange) return { type: 'quoted' };
    return failed(e);
  }
}

function failed(e: unknown): Extract<ThreadReply, { type: 'failed' }> {
  if (e instanceof KontinuitetError) return { type: 'failed', code: e.code, message: e.message };
  return { type: 'failed', code: 'UNREADABLE_INPUT', message: (e as Error).message };
}

/** The built worker script next to this module, or null (running from the sources). */
function workerScript(): URL | null {
  const url = new URL('./measure-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

/** Sends requests to one thread: a worker, or this thread when there is no worker script. */
class Reader {
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
 * byte ranges on line breaks; this thread reads the first range with the fast path into the
 * accumulator of the result, a worker each other range into its own (spilling counted rows to its
 * own file); the workers' accumulators are merged in file order, and the partitions of clients
 * are evaluated by all the threads, a share each (answers in typed arrays). Gives exactly the result of
 * one thread (tests hold them equal). Returns null when the file must be read by one thread: a
 * quote anywhere in it (a quoted field may hold a line break), Windows-1252, `onError: 'stop'`,
 * indices, or a file too small to gain from it.
 *
 * @example
 * const r = await measureInParallel('national.csv', { from: '2024-10-01' }, 2);
 */
export async function measureInParallel(path: string, options: MeasureOptions & ReadOptions, threads: number): Promise<ContinuityResult | null> {
  if (threads < 2 || options.encoding === 'latin1' || options.onError === 'stop' || options.indices === true) return null;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null; // the one-thread reader gives the error
  }
  if (options.threads === undefined && size < PARALLEL_BYTES) return null;
  const head = await readHeader(path);
  if (head === null) return null;
  const ranges = await splitRanges(path, head.end + 1, size, threads);

  const script = workerScript();
  // this thread reads the first range itself, into the accumulator the other ranges are merged
  // into: one isolate fewer than a worker per range, and the first range needs no merging
  const readers = ranges.map((_, k) => new Reader(k === 0 ? null : script));
  const shared = cloneable(options, ranges.length);
  const merged = new ContinuityAccumulator(shared);
  const parts: Extract<ThreadReply, { type: 'scanned' }>[] = [];
  try {
    const asked = ranges.slice(1).map((range, k) => readers[k + 1]!.ask({ type: 'scan', path, range, options: shared }));
    // this thread's read is synchronous and blocks its event loop for the whole range: wait until
    // the workers run first, so the threads start together and whatever listens for a worker
    // starting runs now, not after the read (the CLI re-applies its heap flag then: cli/heap.ts)
    await Promise.all(readers.map((r) => r.started()));
    const first = await scanInto(merged, path, ranges[0]!, shared);
    const replies = await Promise.all(asked);
    for (const reply of replies) if (reply.type === 'scanned') parts.push(reply);
    for (const reply of [first, ...replies]) {
      if (reply.type !== 'failed') continue;
      for (const p of parts) removeSpill(p.part.path);
      throw new KontinuitetError(reply.code as never, reply.message);
    }
    if (first.type !== 'scanned' || parts.length < replies.length) {
      // a quoted range: leave it to one thread; remove what the others spilled
      for (const p of parts) removeSpill(p.part.path);
      return null;
    }
    // the first range numbers its lines absolutely; range k + 1 from 1, i.e. from the line after range k
    let lineOffset = first.nextLine - 1;
    const ledgers: ReadLedger[] = [first.ledger];
    for (const p of parts) {
      merged.absorb(p.part, lineOffset);
      ledgers.push(shiftLines(p.ledger, lineOffset));
      lineOffset = p.nextLine + lineOffset - 1;
    }
    merged.settle(); // the evaluation jobs go to other threads: no rows held in this one
    const reported = merged.reportedWindows();
    const windows = reported.windows.map((w) => w.window);
    const shares = readers.map((_, k) => Array.from({ length: PARTITIONS }, (_, p) => p).filter((p) => p % readers.length === k));
    const answers = await Promise.all(shares.map((partitions, k) => readers[k]!.ask({ type: 'evaluate', job: merged.job(windows, partitions) })));
    const results: JobResult[] = [];
    for (const answer of answers) {
      if (answer.type !== 'evaluated') throw new KontinuitetError('UNREADABLE_INPUT', answer.type === 'failed' ? answer.message : 'a reader thread failed');
      results.push(answer.result);
    }
    return merged.assemble(reported, results, mergeLedgers(ledgers, options.maxIssues ?? 1000));
  } finally {
    merged.release();
    await Promise.all(readers.map((r) => r.close()));
  }
}

/** The options a thread needs (all plain data). */
function cloneable(options: MeasureOptions & ReadOptions, threads: number): MeasureOptions & ReadOptions {
  const { threads: _threads, fastPath: _fast, ...rest } = options;
  // the memory for rows held before a spill is shared by the threads
  return { ...rest, spillRows: Math.max(1, Math.floor((options.spillRows ?? SPILL_ROWS) / threads)) };
}

/**
 * Cuts `[from, size)` into `n` ranges that start on line starts. The line numbers are relative:
 * the first range's lines count from 2 (after the header), every other range's from 1.
 */
async function splitRanges(path: string, from: number, size: number, n: number): Promise<ByteRange[]> {
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
    return cuts.slice(0, -1).map((a, k) => ({ from: a, to: cuts[k + 1]!, firstLine: k === 0 ? 2 : 1 }));
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
