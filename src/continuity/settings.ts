// The options of the continuity measure and their checks: shared by the definition
// (definition.ts) and the engine (accumulator.ts), so both take and refuse the same options.
import { KontinuitetError } from '../errors.js';
import { dayText, flag, oneOf, shownValue } from '../options.js';
import { dayWindow, maxWindowsOption, type DayWindow, type MonthAnchor } from '../time/windows.js';
import { LocalZone } from '../time/zone.js';
import type { CanonicalColumn } from '../visits/columns.js';
import { DEFAULT_ZONE } from '../visits/read.js';
import type { ReadOptions, Visit } from '../visits/types.js';
import { resolveRules, type ContinuityRules } from './rules.js';

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

/**
 * The optional columns the continuity measure reads (a bad value elsewhere does not lose the row).
 *
 * @example
 * await readVisits('visits.csv', { use: MEASURE_COLUMNS });
 */
export const MEASURE_COLUMNS: readonly CanonicalColumn[] = ['visit_id', 'kind', 'group', 'client_birth_date', 'client_age', 'staff_role', 'contact_staff_id'];

/**
 * What the measure takes of a visit row.
 *
 * @example
 * const row: RowFacts = { line: 2, visitId: 'V1', client: 'C1', staff: 'S1', start: 1727766000000, end: 1727767800000,
 *   kind: 'omvårdnad', group: 'Norr', birthDay: -11000, age: null, staffRole: '', contactStaff: '' };
 */
export type RowFacts = Pick<Visit, 'line' | 'visitId' | 'client' | 'staff' | 'start' | 'end' | 'kind' | 'group' | 'birthDay' | 'age' | 'staffRole' | 'contactStaff'>;

/**
 * What the options of a measure say, checked and with their defaults: the rules (preset
 * `kolada`), the zone (Europe/Stockholm), the target (14), the indices (off), the one window of
 * `from` (null: a monthly series), the series' anchor (first day) and its most windows (60).
 *
 * @example
 * const s: MeasureSettings = measureSettings({ from: '2024-10-01' });
 * s.fixed?.to; // → '2024-10-14'
 */
export interface MeasureSettings {
  rules: ContinuityRules;
  zone: LocalZone;
  target: number;
  withIndices: boolean;
  fixed: DayWindow | null;
  anchor: MonthAnchor;
  maxWindows: number;
  onWarning: ((message: string) => void) | undefined;
}

/**
 * Checks the options of a measure ({@link MeasureOptions}) and fills in the defaults; a wrong
 * option is a `BAD_OPTION` naming it. The checks come in a fixed order, so a call with two wrong
 * options names the same one on every path.
 *
 * @example
 * measureSettings({ every: 'month', rules: { preset: 'ange' } }).rules.dailyRule; // → 'average'
 * measureSettings({ from: '2024-10-01', every: 'month' }); // throws BAD_OPTION: give either from (one window) or every (a series), not both
 */
export function measureSettings(options: MeasureOptions & Pick<ReadOptions, 'onWarning'>): MeasureSettings {
  if (options === null || typeof options !== 'object') throw new KontinuitetError('BAD_OPTION', `options: must be an object, got ${shownValue(options)}`);
  oneOf('every', options.every, ['month']);
  dayText('from', options.from);
  flag('indices', options.indices);
  const rules = resolveRules({ ...options.rules });
  const zone = new LocalZone(options.zone ?? DEFAULT_ZONE);
  const target = options.target ?? 14;
  if (!Number.isFinite(target)) throw new KontinuitetError('BAD_OPTION', 'target: must be a number');
  const anchor = options.anchor ?? 'first-day';
  const maxWindows = maxWindowsOption(options.maxWindows);
  const spillRows = options.spillRows;
  if (spillRows !== undefined && spillRows !== null && !(Number.isInteger(spillRows) && spillRows >= 1)) throw new KontinuitetError('BAD_OPTION', 'spillRows: must be a whole number ≥ 1');
  if (anchor !== 'first-day' && anchor !== 'first-monday') throw new KontinuitetError('BAD_OPTION', `anchor: must be 'first-day' or 'first-monday'`);
  if (options.from !== undefined && options.every !== undefined) throw new KontinuitetError('BAD_OPTION', 'give either from (one window) or every (a series), not both');
  if (options.from === undefined && rules.days > 28) throw new KontinuitetError('BAD_OPTION', 'days: a monthly series needs windows of at most 28 days (give from for a longer window)');
  return {
    rules, zone, target, withIndices: options.indices === true, anchor, maxWindows,
    fixed: options.from === undefined ? null : dayWindow(options.from, rules.days, zone),
    onWarning: typeof options.onWarning === 'function' ? options.onWarning : undefined,
  };
}
