/**
 * The one door to the engine: every command that reads a visit log (measure, staffing, check,
 * report) reads it through {@link fillAccumulator} (the route figures, which keep rows of their
 * own, through {@link threadedFile} and {@link readOneThread}) into the continuity measure's accumulator, and
 * the engine decides there, from the source and `engine` ({@link EngineSettings}), how: the
 * byte-level fast path or the general reader, one thread or several (scan, then the workers'
 * parts absorbed in file order), when counted rows go to a spill file, and the watchdog. The
 * command then reads what it needs of the filled accumulator (the staffing figures its counted
 * rows client by client) and has it evaluated, in the threads that read it or in this one.
 *
 * @module
 */

import { fileURLToPath } from 'node:url';
import { ContinuityAccumulator } from './accumulator.js';
import type { StreamedResult } from './clientlist.js';
import { MEASURE_COLUMNS, type MeasureOptions } from '../measures/continuity/settings.js';
import { readInParallel } from './parallel.js';
import { startReaders } from './readers.js';
import { checkEngineSettings, checkReadOptions, checkSource, refuseMovedSettings } from '../options.js';
import { fastScanFile, type CodedSink } from './fast.js';
import { collectGarbage } from './garbage.js';
import { tell } from '../progress.js';
import { scanVisits } from '../read/read.js';
import { isWorkbookFile } from '../read/xlsx.js';
import type { ReadLedger, ReadOptions, Visit, VisitSource } from '../read/types.js';
import type { FilledAccumulator } from './filled.js';
import { defaultThreads, ENGINE_DEFAULTS, PARALLEL_BYTES, type EngineSettings } from '../engine-settings.js';
import { statSync } from 'node:fs';

export type { FilledAccumulator } from './filled.js';

/**
 * Reads `source` into a {@link ContinuityAccumulator} made from `options` (the measure's options,
 * the reader's, and `engine`), hands it to `use` and gives what `use` gives. A file (path or
 * `file:` URL) is read with the fast path unless `engine.fastPath` is false, by
 * `engine.threads` threads when the file allows (see {@link readInParallel}; with
 * `onError: 'stop'`, Windows-1252 or a quote in the file, by one); anything else (an Excel
 * workbook, a stream, rows in memory) by the general reader. Either way the accumulator holds the same rows, the ledger the same counts and issues
 * (tests hold them equal). The options are checked first (`BAD_SOURCE`, `BAD_OPTION`; an engine
 * setting at the top level of the options too). After `use` (or its error) the spill files are
 * removed and the threads ended; a threaded read's watchdog watches `use` too. With `lend`, a
 * worker of a threaded read that the evaluation would leave idle is kept for `use`
 * ({@link FilledAccumulator.spare}) until it returns, or until the reads it was given are
 * answered.
 *
 * @example
 * const result = await fillAccumulator('visits.csv', { from: '2024-10-01', engine: { threads: 2 } }, ({ evaluate }) => evaluate());
 */
export async function fillAccumulator<T>(source: VisitSource, options: MeasureOptions & ReadOptions, use: (filled: FilledAccumulator) => T | Promise<T>, lend = false): Promise<T> {
  checkSource(source);
  checkReadOptions(options);
  refuseMovedSettings(options);
  checkEngineSettings(options.engine);
  // the fast path and its threads read CSV bytes; an Excel workbook goes to the general reader
  const path = filePath(source);
  const fastPath = (options.engine?.fastPath ?? ENGINE_DEFAULTS.fastPath) && !(path !== null && await isWorkbookFile(path));
  // the worker threads start first: they boot while this thread sets up the accumulator
  const started = path !== null && fastPath ? startReaders(path, options, options.engine?.threads ?? defaultThreads()) : null;
  let acc: ContinuityAccumulator;
  try {
    acc = new ContinuityAccumulator(options);
  } catch (e) {
    await started?.close();
    throw e;
  }
  const read: MeasureOptions & ReadOptions = { use: MEASURE_COLUMNS, ...options, zone: acc.zone.name };
  if (started !== null) {
    const threaded = await readInParallel(path!, read, started, use, lend);
    if (threaded !== null) return threaded.value;
  }
  try {
    const ledger = await readRows(source, acc, (v) => acc.add(v), read, fastPath);
    collectGarbage(); // the reader's tables are garbage now, before the evaluation
    let evaluated = false;
    const evaluate = async (): Promise<StreamedResult> => {
      if (evaluated) throw new Error('a filled accumulator is evaluated once');
      evaluated = true;
      tell(read.onProgress, 'evaluate');
      return acc.finishStreamed(ledger);
    };
    return await use({ acc, ledger, evaluate, spare: null });
  } finally {
    acc.release();
  }
}

/**
 * Reads `source` in one thread for a measure that keeps its own rows (the route figures): a file
 * by the byte-level fast path into `sink` unless `engine.fastPath` is false or it is an Excel
 * workbook, anything else by the general reader into `add`. The same rows either way (tests hold
 * them equal). Returns the reader's ledger.
 *
 * @example
 * const ledger = await readOneThread('visits.csv', acc.sink, (v) => acc.add(v), { use: ROUTE_COLUMNS });
 */
export async function readOneThread(source: VisitSource, sink: CodedSink, add: (v: Visit) => void, read: ReadOptions, engine?: EngineSettings): Promise<ReadLedger> {
  checkSource(source);
  const path = filePath(source);
  const fastPath = (engine?.fastPath ?? ENGINE_DEFAULTS.fastPath) && !(path !== null && await isWorkbookFile(path));
  return readRows(source, sink, add, read, fastPath);
}

/**
 * The path of a file that a measure keeping its own rows (the route figures) may read in threads
 * ({@link readPiecesInThreads}), and how many threads, as the measure's threaded read decides
 * (see `startReaders`): a file (not an Excel workbook) by the fast path, in `engine.threads`
 * threads (by default the cores; one: this thread alone, through the same pieces and kernel), of
 * 8 MB or more unless `engine.threads` is given, not Windows-1252 nor `onError: 'stop'`. Null: read
 * it with {@link readOneThread}.
 *
 * @example
 * const threaded = await threadedFile('visits.csv', read, { threads: 2 }); // → { path: 'visits.csv', threads: 2 }
 */
export async function threadedFile(source: VisitSource, read: ReadOptions, engine?: EngineSettings): Promise<{ path: string; threads: number } | null> {
  const path = filePath(source);
  const threads = engine?.threads ?? defaultThreads();
  if (path === null || !(engine?.fastPath ?? ENGINE_DEFAULTS.fastPath) || read.encoding === 'latin1' || read.onError === 'stop') return null;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null; // the one-thread reader gives the error
  }
  if (engine?.threads === undefined && size < PARALLEL_BYTES) return null;
  return await isWorkbookFile(path) ? null : { path, threads };
}

/**
 * Reads a visit source in one thread: a file (path or URL) with the byte-level fast path into
 * `sink` when it can, anything else (or `fastPath` false) with the general reader, row by row
 * into `add`. Returns the reader's ledger.
 *
 * @example
 * const ledger = await readRows('visits.csv', acc, (v) => acc.add(v), { use: MEASURE_COLUMNS }, true);
 */
async function readRows(source: VisitSource, sink: CodedSink, add: (v: Visit) => void, read: ReadOptions, fastPath: boolean): Promise<ReadLedger> {
  const path = filePath(source);
  return (path !== null && fastPath ? await fastScanFile(path, sink, read) : null) ?? await scanVisits(source, add, read);
}

/** The path of a source given by path or `file:` URL, else null. */
function filePath(source: VisitSource): string | null {
  return typeof source === 'string' ? source : source instanceof URL ? fileURLToPath(source) : null;
}
