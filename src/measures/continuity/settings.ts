// The options of the continuity measure and their checks: shared by the definition
// (definition.ts) and the engine (accumulator.ts), so both take and refuse the same options.
import { KontinuitetError } from '../../errors.js';
import type { EngineSettings } from '../../engine-settings.js';
import { checkEngineSettings, dayOption, flag, oneOf, refuseMovedSettings, shownValue } from '../../options.js';
import { dayWindow, maxWindowsOption, type DayWindow, type MonthAnchor } from '../../windows/windows.js';
import { LocalZone } from '../../windows/zone.js';
import type { CanonicalColumn } from '../../read/columns.js';
import { DEFAULT_ZONE } from '../../read/read.js';
import type { ReadOptions, Visit } from '../../read/types.js';
import { resolveRules, type ContinuityRules } from './rules.js';

/**
 * Options of the continuity measure: what is measured (the windows, the rules, the target, the
 * zone, the indices) and, in `engine`, how the engine reads the log. Without `from`, the measure
 * runs as a monthly series (`every: 'month'`).
 *
 * @example
 * const options: MeasureOptions = { every: 'month', anchor: 'first-monday', rules: { countBothStaff: false }, target: 14, engine: { threads: 2 } };
 */
export interface MeasureOptions {
  /**
   * First day of a single window: a `YYYY-MM-DD` text (a local date), or a `Date`, which stands
   * for the local day in `zone` that holds its instant (`new Date('2024-10-01')` is 2024-10-01 in
   * Europe/Stockholm).
   */
  from?: string | Date;
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
  refuseMovedSettings(options);
  checkEngineSettings(options.engine);
  oneOf('every', options.every, ['month']);
  flag('indices', options.indices);
  const rules = resolveRules({ ...options.rules });
  const zone = new LocalZone(options.zone ?? DEFAULT_ZONE);
  const from = dayOption('from', options.from, zone);
  const target = options.target ?? 14;
  if (!Number.isFinite(target)) throw new KontinuitetError('BAD_OPTION', 'target: must be a number');
  const anchor = options.anchor ?? 'first-day';
  const maxWindows = maxWindowsOption(options.maxWindows);
  if (anchor !== 'first-day' && anchor !== 'first-monday') throw new KontinuitetError('BAD_OPTION', `anchor: must be 'first-day' or 'first-monday'`);
  if (from !== undefined && options.every !== undefined) throw new KontinuitetError('BAD_OPTION', 'give either from (one window) or every (a series), not both');
  if (from === undefined && rules.days > 28) throw new KontinuitetError('BAD_OPTION', 'days: a monthly series needs windows of at most 28 days (give from for a longer window)');
  return {
    rules, zone, target, withIndices: options.indices === true, anchor, maxWindows,
    fixed: from === undefined ? null : dayWindow(from, rules.days, zone),
    onWarning: typeof options.onWarning === 'function' ? options.onWarning : undefined,
  };
}
