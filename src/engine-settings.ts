/**
 * The engine's settings: how a command reads a visit log and holds its rows, apart from what it
 * measures. They change the time and memory a command takes, never its figures (tests hold every
 * setting to the same result). A leaf module: the options of every command refer to it.
 *
 * @module
 */

import { availableParallelism } from 'node:os';

/**
 * How the engine reads a visit log and holds its counted rows, given as `engine` to every command
 * that reads a file: `measureContinuity`, `measureStaffing`, `measureSchedule` and
 * `checkSchedule`, `measureForReport`, `measureRoutes` (whose threads also evaluate the
 * staff-days; `fastPath`, `threads`, `readUnit` and `watchdogMs` apply to it). Every setting
 * is optional; the defaults are those below ({@link ENGINE_DEFAULTS}). The figures, the issues
 * and their line numbers are the same with any settings.
 *
 * The settings of a file read apply to a file given by path or `file:` URL; a stream or rows are
 * read by the general reader in one thread. `spillRows` applies wherever counted rows are held,
 * visits in memory too (`continuity(visits, { engine: { spillRows } })`).
 *
 * @example
 * const r = await measureContinuity('national.csv', { from: '2024-10-01', engine: { threads: 4, watchdogMs: 120_000 } });
 */
export interface EngineSettings {
  /**
   * Read a CSV file with the byte-level fast path (default true). The result is the same as with
   * the general reader (tests hold them equal); `false` forces the general reader, in one thread.
   */
  fastPath?: boolean;
  /**
   * Threads that read a CSV file at once (default: the cores available, at most 8; files under
   * 8 MB are read by one thread unless this is given). A file with a quote anywhere, Windows-1252
   * and `onError: 'stop'` are read by one thread.
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
   * Counted rows held in memory before they go to a temporary file (default 65,536, about 3 MB;
   * shared out among the reading threads); the file is read back one partition of clients at a
   * time and removed when the command is done.
   */
  spillRows?: number;
  /**
   * When threads read the file: evaluate the clients in every reader thread too, each taking the
   * next partition in turn (default false: the worker threads end once they have read, and the
   * calling thread evaluates alone). Measured on 2 cores, 10M rows: ~4 % faster, ~20 MB more
   * memory (each worker's isolate and rows gathered for the evaluation).
   */
  shareEvaluation?: boolean;
  /**
   * When threads read the file: milliseconds the threads may go without a sign of progress (a
   * reply, a unit of the file claimed, a partition evaluated) before the command stops with a
   * `STALLED` error, its threads ended and its spill files removed (default 60,000).
   */
  watchdogMs?: number;
}

/** The names of the settings, in the order of {@link EngineSettings}. */
export const ENGINE_SETTINGS: readonly (keyof EngineSettings)[] = ['fastPath', 'threads', 'readUnit', 'spillRows', 'shareEvaluation', 'watchdogMs'];

/**
 * The default of every setting but `threads` (see {@link defaultThreads}).
 *
 * @example
 * ENGINE_DEFAULTS.spillRows; // → 65536
 */
export const ENGINE_DEFAULTS: Readonly<Required<Omit<EngineSettings, 'threads'>>> = Object.freeze({
  fastPath: true,
  readUnit: 1 << 20,
  spillRows: 1 << 16,
  shareEvaluation: false,
  watchdogMs: 60_000,
});

/** Files smaller than this are read by one thread unless `threads` is given. */
export const PARALLEL_BYTES = 8 << 20;

/**
 * Threads to read a file with by default: the cores this process may use, at most 8.
 *
 * @example
 * defaultThreads(); // → 2 on a two-core machine
 */
export function defaultThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}
