import { fileURLToPath } from 'node:url';
import type { MonthAnchor } from '../time/windows.js';
import { fastScanFile, type CodedSink } from '../visits/fast.js';
import { scanVisits } from '../visits/read.js';
import type { CanonicalColumn } from '../visits/columns.js';
import type { ReadLedger, ReadOptions, Visit, VisitSource } from '../visits/types.js';
import { KontinuitetError } from '../errors.js';
import { checkReadOptions, checkSource, checkVisitList, flag } from '../options.js';
import { ContinuityAccumulator } from './accumulator.js';
import { collectGarbage } from '../visits/garbage.js';
import { defaultThreads, measureInParallel } from './parallel.js';
import { startReaders } from './readers.js';
import type { ContinuityRules } from './rules.js';
import type { ContinuityResult } from './types.js';
import { materialise, type ClientList, type StreamedResult } from './clientlist.js';

export { ContinuityAccumulator, type AccumulatorPart, type ReportedWindows } from './accumulator.js';

/**
 * Options of the continuity measure. Without `from`, the measure runs as a monthly series
 * (`every: 'month'`).
  *
  * @example
  * const options: MeasureOptions = { every: 'month', anchor: 'first-monday', rules: { countBothStaff: false }, target: 14 };
 */
export interface MeasureOptions {
  /** First day of a single window, `YYYY-MM-DD` (local). */
  from?: string;
  /** `'month'`: one window per month covered by the log (default when `from` is not given). */
  every?: 'month';
  /** Where a monthly window starts: the first day of the month (default) or its first Monday. */
  anchor?: MonthAnchor;
  /**
   * The most windows a series (without `from`) reports: the latest ones (default 60, five years
   * of months). Rows of the windows left out are excluded as `before_series`, with a warning.
   */
  maxWindows?: number;
  /** Rules; default the `kolada` preset. */
  rules?: Partial<ContinuityRules>;
  /** Target for `shareAboveTarget`. Default 14. */
  target?: number;
  /** IANA zone of the log's local times and of the windows. Default Europe/Stockholm. */
  zone?: string;
  /** Also compute the continuity indices (UPC, COC, SECON, HHI, MMCI) and the contact-person share. Default false. */
  indices?: boolean;
  /**
   * Read a CSV file with the byte-level fast path (default true). The result is the same as with
   * the general reader (tests hold them equal); `false` forces the general reader.
   */
  fastPath?: boolean;
  /**
   * Counted rows held in memory before they go to a temporary file (default 65,536, about 3 MB);
   * the file is read back one partition of clients at a time and removed when the measure is done.
   */
  spillRows?: number;
  /**
   * Threads that read a CSV file at once (default: the cores available, at most 8; files under
   * 8 MB are read by one thread unless this is given). The result is the same with any number.
   */
  threads?: number;
  /**
   * Bytes a reader thread claims at a time (default 1 MiB). A thread that has read its share
   * takes the back half of the unclaimed units of the thread with the most left (when it has at
   * least 8), so the threads finish near together; a smaller unit splits the file finer (never
   * below the file's size / (2³¹ − 1)).
   */
  readUnit?: number;
  /**
   * When threads read the file: evaluate the clients in every reader thread too, each taking the
   * next partition in turn (default false: the worker threads end once they have read, and the
   * calling thread evaluates alone). Measured on 2 cores, 10M rows: ~4 % faster, ~20 MB more
   * memory (each worker's isolate and rows gathered for the evaluation). The result is the same.
   */
  shareEvaluation?: boolean;
  /**
   * When threads read the file: milliseconds the threads may go without a sign of progress (a
   * reply, a unit of the file claimed, a partition evaluated) before the measure stops with a
   * `STALLED` error, its threads ended and its spill files removed (default 60,000).
   */
  watchdogMs?: number;
}

/** The optional columns the continuity measure reads (a bad value elsewhere does not lose the row). */
export const MEASURE_COLUMNS: readonly CanonicalColumn[] = ['visit_id', 'kind', 'group', 'client_birth_date', 'client_age', 'staff_role', 'contact_staff_id'];

/** What the measure takes of a visit row. */
export type RowFacts = Pick<Visit, 'line' | 'visitId' | 'client' | 'staff' | 'start' | 'end' | 'kind' | 'group' | 'birthDay' | 'age' | 'staffRole' | 'contactStaff'>;

/**
 * The official 14-day staff continuity (Kolada U21401 mean, U21402 median, U21436 share > 20)
 * over a visit log, streamed: for each window, every client's number of different staff met at
 * counted visits, whether the client is counted and why not, and the spread over counted
 * clients for the municipality and per group. See `docs` in the README for the rules.
 *
 * @example
 * const r = await measureContinuity('data/sample-visits.csv', { from: '2024-10-01' });
 * r.windows[0].staffPerClient.mean; // → mean staff per counted client over 2024-10-01..14
 */
export async function measureContinuity(source: VisitSource, options: MeasureOptions & ReadOptions = {}): Promise<ContinuityResult> {
  return materialise(await measureContinuityStreamed(source, options));
}

/**
 * {@link measureContinuity} with each window's clients as a {@link ClientList}: kept in columns and
 * made into objects a slice at a time as they are written (the CLI's path: a national log's
 * clients are never all objects at once). The same figures; `toJSON` gives the same text.
 *
 * @example
 * const r = await measureContinuityStreamed('national.csv', { from: '2024-10-01' });
 * await writeJson(process.stdout, r, ['perClient']);
 */
export async function measureContinuityStreamed(source: VisitSource, options: MeasureOptions & ReadOptions = {}): Promise<StreamedResult> {
  checkSource(source);
  checkReadOptions(options);
  flag('fastPath', options.fastPath);
  flag('shareEvaluation', options.shareEvaluation);
  const path = typeof source === 'string' ? source : source instanceof URL ? fileURLToPath(source) : null;
  const threads = options.threads ?? defaultThreads();
  if (!(Number.isInteger(threads) && threads >= 1)) throw new KontinuitetError('BAD_OPTION', 'threads: must be a whole number ≥ 1');
  if (options.readUnit !== undefined && !(Number.isInteger(options.readUnit) && options.readUnit >= 1)) throw new KontinuitetError('BAD_OPTION', 'readUnit: must be a whole number of bytes ≥ 1');
  // the worker threads start first: they boot while this thread sets up the measure
  const started = path !== null && options.fastPath !== false ? startReaders(path, options, threads) : null;
  let acc: ContinuityAccumulator;
  try {
    acc = new ContinuityAccumulator(options);
  } catch (e) {
    await started?.close();
    throw e;
  }
  const read: MeasureOptions & ReadOptions = { use: MEASURE_COLUMNS, ...options, zone: acc.zone.name };
  if (started !== null) {
    const result = await measureInParallel(path!, read, threads, started);
    if (result !== null) return result;
  }
  const ledger = await readRows(source, acc, (v) => acc.add(v), read, options.fastPath !== false);
  collectGarbage(); // the reader's tables are garbage now, before the evaluation
  return acc.finishStreamed(ledger);
}

/**
 * Reads a visit source for a measure in one thread: a file (path or URL) with the byte-level fast
 * path into `sink` when it can, anything else (or `fastPath: false`) with the general reader,
 * row by row into `add`. Returns the reader's ledger.
 *
 * @example
 * const ledger = await readRows('visits.csv', acc, (v) => acc.add(v), { use: MEASURE_COLUMNS }, true);
 */
export async function readRows(source: VisitSource, sink: CodedSink, add: (v: Visit) => void, read: ReadOptions, fastPath: boolean): Promise<ReadLedger> {
  const path = typeof source === 'string' ? source : source instanceof URL ? fileURLToPath(source) : null;
  return (path !== null && fastPath ? await fastScanFile(path, sink, read) : null) ?? await scanVisits(source, add, read);
}

/**
 * The same measure over visits already in memory (e.g. from {@link readVisits}); a pure function.
 * Each visit is checked as the reader checks a row: a bad one (a start that is not a time, an
 * end before the start, an id that is not text or a number, …) is rejected, counted in
 * `rows.rejected` and listed in `issues` with the reader's code. Anything but an iterable of
 * visits is a `BAD_SOURCE`.
 *
 * @example
 * continuity(visits, { from: '2024-10-01' }).windows[0].clients.eligible; // → number of counted clients
 */
export function continuity(visits: Iterable<Visit>, options: MeasureOptions = {}, ledger?: ReadLedger): ContinuityResult {
  checkVisitList(visits);
  const acc = new ContinuityAccumulator(options);
  for (const v of visits) acc.add(v);
  return acc.finish(ledger);
}
