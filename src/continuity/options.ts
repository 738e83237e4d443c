// What the continuity measure takes: its options, the optional columns it reads, and what it
// takes of a visit row. A leaf of the measure's modules (the accumulator, the readers and the
// commands built on the measure import it; it imports none of them).
import type { MonthAnchor } from '../time/windows.js';
import type { CanonicalColumn } from '../visits/columns.js';
import type { Visit } from '../visits/types.js';
import type { ContinuityRules } from './rules.js';

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
