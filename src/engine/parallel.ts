import { statSync } from 'node:fs';
import { sniffStart } from '../read/sniff.js';
import { open } from 'node:fs/promises';
import { KontinuitetError, type RowIssue } from '../errors.js';
import { readHeader } from './fast.js';
import { collectGarbage } from './garbage.js';
import { closeLedger, newLedger } from '../read/read.js';
import type { ReadLedger, ReadOptions } from '../read/types.js';
import { MAX_UNITS, WorkTable } from './worktable.js';
import { ContinuityAccumulator } from './accumulator.js';
import type { EvaluationJob, JobResult } from './job.js';
import type { MeasureOptions } from '../measures/continuity/settings.js';
import { ENGINE_DEFAULTS } from '../engine-settings.js';
import { PARTITIONS, removeFolder, removeSpill, spillFolder } from './partitions.js';
import type { StreamedResult } from './clientlist.js';
import type { FilledAccumulator, SpareThread } from './filled.js';
import type { PiecesReply } from './scan-pieces.js';
import type { Reader, ReaderThreads } from './readers.js';
import { readShare, type ScannedPiece } from './thread.js';
import { watched } from './watchdog.js';
import { tell } from '../progress.js';

/**
 * Reads a CSV file with the threads of `pool` into one continuity accumulator and hands it to
 * `use` (the threads' part of {@link fillAccumulator}): the file is cut into byte ranges on line
 * breaks, shared out through a {@link WorkTable}; this thread reads the first range with the fast
 * path into the accumulator handed on, a worker each other range into its own (spilling counted
 * rows to its own file), and a thread done with its range takes the back half of what is left of
 * another's into a new accumulator, until little is left. Unless `engine.shareEvaluation`, the
 * workers then end (their parts moved to this thread); the pieces' accumulators are merged in file
 * order, and `evaluate` has this thread evaluate the partitions of clients, or every thread take
 * the next partition in turn (answers in typed arrays). Gives exactly what one thread gives (tests
 * hold them equal). With `lend`, a worker the evaluation leaves idle stays for `use` as its
 * `spare`: ended when `use` returns, or once the reads it was given are answered (each watched
 * on its own, so `use` need not wait for them). A watchdog ({@link watched}, `engine.watchdogMs`) stops the whole, `use`
 * included, when the threads show no progress; on every way out the threads end and the run's
 * spill folder goes. Returns `{ value }` (what `use` gave), or null when the file must be read by
 * one thread: a quote anywhere in it (a quoted field may hold a line break), or a file gone or
 * without a header since the threads started.
 *
 * @example
 * const pool = startReaders('national.csv', options, 2); // null: read it in one thread
 * const r = await readInParallel('national.csv', options, pool, ({ evaluate }) => evaluate());
 */
export async function readInParallel<T>(path: string, options: MeasureOptions & ReadOptions, pool: ReaderThreads, use: (filled: FilledAccumulator) => T | Promise<T>, lend = false): Promise<{ value: T } | null> {
  // every thread's spill files go in one folder of this run: removing it removes whatever any left
  let spillIn: string | null = null;
  const signs: Signs = { steps: 0, table: null, claims: null, lent: [], lentReader: null, lentReads: [], returned: false };
  const progress = () => signs.steps + pool.readers.reduce((n, r) => n + r.events, 0) + (signs.table?.claimed() ?? 0)
    + (signs.claims === null ? 0 : signs.claims.reduce((n, c) => n + c, 0)) + signs.lent.reduce((n, t) => n + t.claimed(), 0);
  try {
    const folder = spillIn = spillFolder();
    return await watched(readWith(path, options, pool, folder, signs, use, lend), options.engine?.watchdogMs ?? ENGINE_DEFAULTS.watchdogMs, progress);
  } finally {
    // a worker stuck in a system call may take its time to end: the folder goes after a few seconds at most;
    // a thread lent to `use` ends once the reads it was given are answered (or stalled: each is watched)
    signs.returned = true;
    const lent = signs.lentReader, reads = signs.lentReads;
    const closing = lent === null || reads.length === 0 ? pool.close() : Promise.all(pool.readers.filter((r) => r !== lent).map((r) => r.close()));
    if (lent !== null && reads.length > 0) void Promise.allSettled(reads).then(() => pool.close());
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    if (spillIn !== null) removeFolder(spillIn);
    // what the command held besides its result (the merged names, the evaluation's arrays, the
    // workers' answers) goes before the result is written
    collectGarbage();
  }
}

/**
 * What the watchdog of a threaded read looks at: this thread's steps, the read's table, the
 * evaluation's claims, the tables of a spare thread's reads; and the thread lent and its reads
 * (it ends once they are answered and `use` has returned).
 */
interface Signs {
  steps: number;
  table: WorkTable | null;
  claims: Int32Array | null;
  lent: WorkTable[];
  lentReader: Reader | null;
  lentReads: Promise<unknown>[];
  /** Whether `use` has returned (or failed). */
  returned: boolean;
}

async function readWith<T>(path: string, options: MeasureOptions & ReadOptions, pool: ReaderThreads, spillIn: string, signs: Signs, use: (filled: FilledAccumulator) => T | Promise<T>, lend: boolean): Promise<{ value: T } | null> {
  const readers = pool.readers;
  const threads = readers.length;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null; // gone since the threads started: the one-thread reader gives the error
  }
  const head = await readHeader(path);
  signs.steps++;
  if (head === null) return null;
  sniffStart(head.bytes); // a UTF-16 or binary file: the one error every reader gives
  const ranges = await splitRanges(path, head.end + 1, size, threads);
  signs.steps++;
  const shared = cloneable(options, ranges.length);
  // units small enough to share out, few enough to count in 32 bits (files above 2 PiB at 1 MiB)
  const unit = Math.max(options.engine?.readUnit ?? ENGINE_DEFAULTS.readUnit, Math.ceil(size / MAX_UNITS));
  const table = WorkTable.create(ranges, unit);
  signs.table = table;
  const merged = new ContinuityAccumulator({ ...shared, ...(options.onWarning !== undefined ? { onWarning: options.onWarning } : {}) }, spillIn);
  const pieces: ScannedPiece[] = [];
  try {
    const asked = ranges.slice(1).map((_, k) => readers[k + 1]!.ask({ type: 'scan', path, table: table.shared, unit, piece: k + 1, options: shared, spillIn }));
    // awaited below; a worker that ends before then (stopped by the watchdog) is no unhandled rejection
    for (const a of asked) a.catch(() => undefined);
    // this thread's read is synchronous and blocks its event loop for the whole range: wait until
    // the workers run first, so the threads start together and whatever listens for a worker
    // starting runs now, not after the read (the CLI re-applies its heap flag then: cli/heap.ts)
    await Promise.all(readers.map((r) => r.started()));
    tell(options.onProgress, 'read', 0, size);
    const replies = [await readShare(path, table, 0, shared, merged, spillIn), ...await Promise.all(asked)];
    const failure = replies.find((r) => r.type !== 'scanned');
    // emptied: the pieces' parts go once they are merged
    for (const reply of replies.splice(0)) if (reply.type === 'scanned') pieces.push(...reply.pieces);
    if (failure !== undefined) {
      for (const p of pieces) if (p.part !== null) removeSpill(p.part.path);
      if (failure.type === 'failed') throw new KontinuitetError(failure.code as never, failure.message);
      return null; // a quote (or the general path): one thread reads the file
    }
    // unless they share the evaluation, the workers (their isolates, what their reads left) end
    // now, but a worker lent to the command, which ends with the command's callback (or, when it
    // was given reads, once they are answered)
    const evaluators = options.engine?.shareEvaluation === true ? readers : readers.slice(0, 1);
    const lent = lend && evaluators.length < readers.length && readers[1]!.apart ? readers[1]! : null;
    if (evaluators.length < readers.length && lent === null) await pool.close();
    const spare = lent === null ? null : lendThread(lent, pool, signs, options.engine?.watchdogMs ?? ENGINE_DEFAULTS.watchdogMs);
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
    tell(options.onProgress, 'read', size, size);
    merged.settle(); // the evaluation jobs may go to other threads: no rows held in this one
    const ledger = closeLedger(mergeLedgers(ledgers, options.maxIssues ?? 1000), options);
    collectGarbage(); // the merge's byte indexes and the parts go before the evaluation
    let evaluated = false;
    const evaluate = async (): Promise<StreamedResult> => {
      if (evaluated) throw new Error('a filled accumulator is evaluated once');
      evaluated = true;
      tell(options.onProgress, 'evaluate');
      const reported = merged.reportedWindows();
      const windows = reported.windows.map((w) => w.window);
      // every thread takes the next partition in turn until none is left (one counter per window)
      const job: EvaluationJob = {
        ...merged.job(windows, Array.from({ length: PARTITIONS }, (_, p) => p)), claims: new SharedArrayBuffer(4 * Math.max(1, windows.length)),
      };
      signs.claims = new Int32Array(job.claims!);
      const answers = await Promise.all(evaluators.map((reader) => reader.ask({ type: 'evaluate', job })));
      const results: JobResult[] = [];
      for (const answer of answers) {
        if (answer.type !== 'evaluated') throw new KontinuitetError('UNREADABLE_INPUT', answer.type === 'failed' ? answer.message : 'a reader thread failed');
        results.push(answer.result);
      }
      // the workers' memory (their isolates, their gathered rows) goes before the result is assembled
      if (lent === null) await pool.close();
      return merged.assemble(reported, results, ledger);
    };
    return { value: await use({ acc: merged, ledger, evaluate, spare }) };
  } finally {
    merged.release();
  }
}

/**
 * `lent` as a {@link SpareThread}: each read watched on its own (it may outlast `use` and this
 * read's watchdog); answered after `use` returned, it is given once the threads have ended (the
 * lent one's memory gone before its rows are taken). Made outside `readWith`, so that a read's
 * watchdog holds none of the measure's memory while it runs on.
 */
function lendThread(lent: Reader, pool: ReaderThreads, signs: Signs, watchdogMs: number): SpareThread {
  signs.lentReader = lent;
  return {
    read: (scan) => {
      const table = new WorkTable(scan.table, scan.unit);
      signs.lent.push(table);
      const read = watched(lent.ask({ type: 'route-pieces', scan }) as Promise<PiecesReply<unknown>>, watchdogMs, () => lent.events + table.claimed());
      signs.lentReads.push(read.catch(() => undefined));
      return read.finally(() => (signs.returned ? pool.close() : undefined));
    },
  };
}

/** The options a thread needs (all plain data). */
function cloneable(options: MeasureOptions & ReadOptions, threads: number): MeasureOptions & ReadOptions {
  const { engine, onWarning: _warn, onProgress: _progress, ...rest } = options;
  // a thread's accumulators need only the spill threshold: the memory for rows held before a
  // spill is shared by the threads
  return { ...rest, engine: { spillRows: Math.max(1, Math.floor((engine?.spillRows ?? ENGINE_DEFAULTS.spillRows) / threads)) } };
}

/** Cuts `[from, size)` into `n` ranges that start on line starts. */
export async function splitRanges(path: string, from: number, size: number, n: number): Promise<{ from: number; to: number }[]> {
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
export function shiftLines(ledger: ReadLedger, offset: number): ReadLedger {
  if (offset === 0) return ledger;
  const shift = (issue: RowIssue): RowIssue => ({ ...issue, line: issue.line + offset, message: issue.message.replace(/^line \d+/, `line ${issue.line + offset}`) });
  return { ...ledger, issues: ledger.issues.map(shift) };
}

/** One ledger from the ranges' ledgers, in file order; at most `maxIssues` issues listed. */
export function mergeLedgers(ledgers: readonly ReadLedger[], maxIssues: number): ReadLedger {
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
    for (const warning of l.warnings) if (!all.warnings.includes(warning)) all.warnings.push(warning);
  }
  return all;
}
