// What the continuity measure takes: its options, the optional columns it reads, and what it
// takes of a visit row. A leaf of the measure's modules (the accumulator, the readers and the
// commands built on the measure import it; it imports none of them).
import type { EngineSettings } from '../engine/settings.js';
import type { MonthAnchor } from '../time/windows.js';
import type { CanonicalColumn } from '../visits/columns.js';
import type { Visit } from '../visits/types.js';
import type { ContinuityRules } from './rules.js';

/**
 * Options of the continuity measure: what is measured (the windows, the rules, the target, the
 * zone, the indices) and, in `engine`, how the engine reads the log. Without `from`, the measure
 * runs as a monthly series (`every: 'month'`).
 *
 * @example
 * const options: MeasureOptions = { every: 'month', anchor: 'first-monday', rules: { countBothStaff: false }, target: 14, engine: { threads: 2 } };
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
   * How the engine reads the log and holds its rows (threads, the fast path, spilling, the
   * watchdog): settings that never change the figures. See {@link EngineSettings} for each and
   * its default. Given at the top level (`threads: 2`), a setting is a `BAD_OPTION`.
   */
  engine?: EngineSettings;
}

/** The optional columns the continuity measure reads (a bad value elsewhere does not lose the row). */
export const MEASURE_COLUMNS: readonly CanonicalColumn[] = ['visit_id', 'kind', 'group', 'client_birth_date', 'client_age', 'staff_role', 'contact_staff_id'];

/** What the measure takes of a visit row. */
export type RowFacts = Pick<Visit, 'line' | 'visitId' | 'client' | 'staff' | 'start' | 'end' | 'kind' | 'group' | 'birthDay' | 'age' | 'staffRole' | 'contactStaff'>;
