import { fileURLToPath } from 'node:url';
import { fastScanFile, type CodedSink } from '../visits/fast.js';
import { scanVisits } from '../visits/read.js';
import type { ReadLedger, ReadOptions, Visit, VisitSource } from '../visits/types.js';
import { checkEngineSettings, checkReadOptions, checkSource, checkVisitList, refuseMovedSettings } from '../options.js';
import { defaultThreads, ENGINE_DEFAULTS } from '../engine/settings.js';
import { ContinuityAccumulator } from './accumulator.js';
import { MEASURE_COLUMNS, type MeasureOptions } from './options.js';
import { collectGarbage } from '../visits/garbage.js';
import { measureInParallel } from './parallel.js';
import { startReaders } from './readers.js';
import type { ContinuityResult } from './types.js';
import { materialise, type ClientList, type StreamedResult } from './clientlist.js';

export { ContinuityAccumulator, type AccumulatorPart, type ReportedWindows } from './accumulator.js';
export { MEASURE_COLUMNS, type MeasureOptions, type RowFacts } from './options.js';

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
  refuseMovedSettings(options);
  checkEngineSettings(options.engine);
  const fastPath = options.engine?.fastPath ?? ENGINE_DEFAULTS.fastPath;
  const path = typeof source === 'string' ? source : source instanceof URL ? fileURLToPath(source) : null;
  const threads = options.engine?.threads ?? defaultThreads();
  // the worker threads start first: they boot while this thread sets up the measure
  const started = path !== null && fastPath ? startReaders(path, options, threads) : null;
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
  const ledger = await readRows(source, acc, (v) => acc.add(v), read, fastPath);
  collectGarbage(); // the reader's tables are garbage now, before the evaluation
  return acc.finishStreamed(ledger);
}

/**
 * Reads a visit source for a measure in one thread: a file (path or URL) with the byte-level fast
 * path into `sink` when it can, anything else (or `engine.fastPath: false`) with the general reader,
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
