/**
 * Route efficiency over a visit log: every staff member's day as a route, with working time,
 * client time (brukartid), travel, waiting and detour ratios, summarised per staff, group and
 * municipality.
 *
 * @module
 */

import { ENGINE_DEFAULTS, type EngineSettings } from '../../engine-settings.js';
import { checkEngineSettings, checkVisitList, refuseMovedSettings } from '../../options.js';
import { readOneThread, threadedFile } from '../../engine/door.js';
import { readRoutesAhead, readRoutesInThreads, takeAhead, type RoutesAhead } from './read-threads.js';
import type { SpareThread } from '../../engine/filled.js';
import { collectGarbage } from '../../engine/garbage.js';
import type { ReadLedger, ReadOptions, Visit, VisitInput, VisitSource } from '../../read/types.js';
import type { RoutesResult } from './types.js';
import type { RoutesOptions } from './options.js';
import { ROUTE_COLUMNS, RoutesAccumulator, type RouteTotalsResult } from './accumulator.js';
import { materialised, type StreamedRoutesResult } from './streamed.js';

export type { RoutesOptions } from './options.js';
export { RoutesAccumulator } from './accumulator.js';
export type { StreamedRoutesResult, StreamedRoutesWindow } from './streamed.js';

/**
 * Route efficiency of a visit log, streamed from a file, stream or rows: per window every
 * staff-day's route figures, summarised per staff, group and municipality (see
 * {@link RoutesResult}). `engine` takes the same bag as the other commands ({@link EngineSettings},
 * checked the same way, a setting at the top level refused), so one can go to all: a file is
 * read by the engine's byte-level reader (the general reader with `fastPath: false`), in
 * `threads` threads as the measure reads it (the rows taken in file order).
 *
 * @example
 * const r = await measureRoutes('visits.csv', { from: '2024-10-01', circuity: 1.3, speedKmh: 40 });
 * r.windows[0].clientTimeShare; // → pooled brukartid, e.g. 0.58
 */
export async function measureRoutes(source: VisitSource, options: RoutesOptions & ReadOptions & { engine?: EngineSettings } = {}): Promise<RoutesResult> {
  return materialised(await measureRoutesStreamed(source, options));
}

/**
 * {@link measureRoutes} with each window's staff-days and staff summaries in columns, made into
 * objects as they are read ({@link StreamedRoutesResult}): what the CLI writes, a slice at a time.
 *
 * @example
 * const r = await measureRoutesStreamed('visits.csv', { all: true });
 * r.windows[0].routes.length; // → every staff-day of the log
 */
export async function measureRoutesStreamed(source: VisitSource, options: RoutesOptions & ReadOptions & { engine?: EngineSettings } = {}): Promise<StreamedRoutesResult> {
  refuseMovedSettings(options);
  checkEngineSettings(options.engine);
  const { acc, ledger } = await readRoutes(source, options);
  return acc.finishInThreads(ledger, options.engine?.threads, options.engine?.watchdogMs ?? ENGINE_DEFAULTS.watchdogMs);
}

/** A new accumulator for `options`, and the reader's options for its rows. */
function routeReading(options: RoutesOptions & ReadOptions & { engine?: EngineSettings }): { acc: RoutesAccumulator; read: ReadOptions } {
  const { engine: _engine, ...rest } = options;
  const acc = new RoutesAccumulator(options);
  return { acc, read: { use: ROUTE_COLUMNS, ...rest, zone: acc.zone.name } };
}

/**
 * Has a spare thread of another read of the file at `path` ({@link SpareThread}) read its route
 * rows for `options` ({@link readRoutesAhead}: resolves once it is asked); {@link routesReadAhead} then gives the figures.
 *
 * @example
 * const ahead = await readRoutesBeside(spare, 'visits.csv', { from: '2024-10-01' });
 */
export function readRoutesBeside(spare: SpareThread, path: string, options: RoutesOptions & ReadOptions & { engine?: EngineSettings }): Promise<RoutesAhead> {
  refuseMovedSettings(options);
  checkEngineSettings(options.engine);
  const { acc, read } = routeReading(options);
  return readRoutesAhead(spare, path, acc, read, options.engine);
}

/**
 * {@link measureRoutesStreamed} of the file at `path` from the rows a spare thread read ahead
 * ({@link readRoutesAhead}, started with the same options), or from a read of the file when the
 * thread could not read it (a quote in it…).
 *
 * @example
 * const r = await routesReadAhead(ahead, 'visits.csv', options);
 */
export async function routesReadAhead(ahead: RoutesAhead, path: string, options: RoutesOptions & ReadOptions & { engine?: EngineSettings }): Promise<StreamedRoutesResult> {
  const { acc, ledger } = await taken(ahead, path, options);
  return acc.finishInThreads(ledger, options.engine?.threads, options.engine?.watchdogMs ?? ENGINE_DEFAULTS.watchdogMs);
}

/**
 * The route figures' totals of the file at `path`, all and per group, without spreads, staff
 * summaries or staff-days ({@link RouteTotalsResult}): from the rows a spare thread read ahead
 * when given (as {@link routesReadAhead}), else from a read of the file.
 *
 * @example
 * const r = await routeTotals(null, 'visits.csv', { from: '2024-10-01' });
 * r.windows[0].groups[0].detourRatio; // → e.g. 1.4
 */
export async function routeTotals(ahead: RoutesAhead | null, path: string, options: RoutesOptions & ReadOptions & { engine?: EngineSettings }): Promise<RouteTotalsResult> {
  refuseMovedSettings(options);
  checkEngineSettings(options.engine);
  const { acc, ledger } = ahead === null ? await readRoutes(path, options) : await taken(ahead, path, options);
  return acc.totalsInThreads(ledger, options.engine?.threads, options.engine?.watchdogMs ?? ENGINE_DEFAULTS.watchdogMs);
}

/** The rows a spare thread read ahead, or, when it could not read the file, a read of it. */
async function taken(ahead: RoutesAhead, path: string, options: RoutesOptions & ReadOptions & { engine?: EngineSettings }): Promise<{ acc: RoutesAccumulator; ledger: ReadLedger }> {
  const ledger = await takeAhead(ahead);
  if (ledger === null) return readRoutes(path, options);
  collectGarbage(); // the chunks taken, before the staff-days are evaluated
  return { acc: ahead.acc, ledger };
}

/**
 * Reads the source's rows into an accumulator through the engine's door: a file in threads when
 * the engine would read it so ({@link threadedFile}; the parts taken in file order), else, or
 * when the threads cannot take the file (a quote in it…), by one thread into a new accumulator.
 */
async function readRoutes(source: VisitSource, options: RoutesOptions & ReadOptions & { engine?: EngineSettings }): Promise<{ acc: RoutesAccumulator; ledger: ReadLedger }> {
  const { engine } = options;
  const reading = routeReading(options);
  const read = reading.read;
  let acc = reading.acc;
  const threaded = await threadedFile(source, read, engine);
  let ledger = threaded === null ? null : await readRoutesInThreads(threaded.path, threaded.threads, acc, read, engine);
  if (ledger === null) {
    if (threaded !== null) acc = new RoutesAccumulator(options);
    ledger = await readOneThread(source, acc.sink, (v) => acc.add(v), read, engine);
  }
  collectGarbage(); // the reader's tables and kernel memory, before the staff-days are evaluated
  return { acc, ledger };
}

/**
 * The same figures over visits in memory or plain rows of a planning system ({@link VisitRowInput},
 * as `continuity` takes them); a pure function. Each is checked as the reader checks a row (a bad
 * one is rejected and listed in `issues`); anything but an iterable is a `BAD_SOURCE`.
 *
 * @example
 * routes(visits, { all: true }).windows[0].detourRatio; // → e.g. 1.08
 */
export function routes(visits: Iterable<Visit | VisitInput>, options: RoutesOptions = {}, ledger?: ReadLedger): RoutesResult {
  checkVisitList(visits);
  const acc = new RoutesAccumulator(options);
  for (const v of visits) acc.add(v);
  return acc.finish(ledger);
}
