import type { RowIssue } from '../../errors.js';
import type { Spread } from '../../summary/spread.js';
import type { ClientIndices, IndicesSummary } from './indices.js';
import type { ContinuityRules } from './rules.js';

/**
 * Why a client is not counted in a window:
 * - `no_counted_visits`: no counted visit in the window;
 * - `too_few_visits_on_a_day`: some day has fewer than the required visits (`firstShortDay` says which, first);
 * - `too_few_visits_on_average`: (preset `ange`) fewer than the required visits per day on average;
 * - `under_min_age`: younger than the minimum age (65) at the window start.
  *
  * @example
  * result.windows[0].perClient.filter((c) => c.reason === 'under_min_age').length; // → clients under 65
 */
export type IneligibleReason = 'no_counted_visits' | 'too_few_visits_on_a_day' | 'too_few_visits_on_average' | 'under_min_age';

/**
 * Why a row that was read is not counted (see the measure's docs for the order they are checked in).
 *
 * @example
 * result.rows.excluded.outside_day_hours; // → rows starting before 07:00 or from 22:00
 */
export type ExclusionReason = 'outside_window' | 'window_partly_covered' | 'before_series' | 'excluded_kind' | 'excluded_role' | 'outside_day_hours';

/**
 * One client in one window.
 *
 * @example
 * { client: 'C00042', group: 'Norr', eligible: true, visits: 52, staff: 17, reason: null, firstShortDay: null,
 *   age: 84, doubleStaffedVisits: 0 }
 */
export interface ClientContinuity {
  client: string;
  /** The group of most of the client's counted visits (ties: the first group name in sort order). */
  group: string;
  eligible: boolean;
  /** Counted visits (rows of one visit counted once). */
  visits: number;
  /** Different staff met at counted visits. */
  staff: number;
  reason: IneligibleReason | null;
  /** With `too_few_visits_on_a_day`: the first such day, `YYYY-MM-DD`. */
  firstShortDay: string | null;
  /** Age in whole years at the window start, when known. */
  age: number | null;
  /** Counted visits with two or more staff present at once. */
  doubleStaffedVisits: number;
  /** With `indices: true`: UPC, COC, SECON, HHI, MMCI and the contact-person share over counted visits. */
  indices?: ClientIndices;
}

/**
 * Counts of clients in a window, as Ånge followed them.
 *
 * @example
 * result.windows[0].clients; // → { served: 70, visitsRule: 48, eligible: 43, doubleStaffed: 9 }
 */
export interface ClientCounts {
  /** Clients with at least one counted visit. */
  served: number;
  /** Clients meeting the visits rule (≥ 2 counted visits every day), before the age filter. */
  visitsRule: number;
  /** Clients counted by the indicator. */
  eligible: number;
  /** Clients with at least one double-staffed counted visit. */
  doubleStaffed: number;
}

/**
 * Staff per client over eligible clients, with counts and the distribution.
 *
 * @example
 * result.windows[0].groups[0].staffPerClient.median; // → median staff per counted client of the group
 */
export interface ContinuitySummary {
  clients: ClientCounts;
  staffPerClient: Spread;
  /** Eligible clients by number of staff met. */
  histogram: { value: number; count: number }[];
  /** With `indices: true`: spread of each index over eligible clients. */
  indices?: IndicesSummary;
}

/**
 * One window of the measure.
 *
 * @example
 * result.windows.map((w) => [w.from, w.staffPerClient.mean]); // → [['2024-10-01', 14.1], …]
 */
export interface ContinuityWindow extends ContinuitySummary {
  from: string;
  to: string;
  groups: (ContinuitySummary & { group: string })[];
  perClient: ClientContinuity[];
}

/**
 * Row accounting of a measure: `read = used + rejected + Σ excluded`.
 *
 * @example
 * result.rows; // → { read: 12940, used: 6181, rejected: 0, excluded: { outside_window: 5607, … } }
 */
export interface RowCounts {
  read: number;
  used: number;
  rejected: number;
  excluded: Partial<Record<ExclusionReason, number>>;
}

/**
 * The result of {@link measureContinuity}; serialised as `kontinuitet/measure@1` (keys may be
 * added, never renamed).
  *
  * @example
  * JSON.stringify(await measureContinuity('visits.csv')); // → '{"schema":"kontinuitet/measure@1",…}'
 */
export interface ContinuityResult {
  schema: 'kontinuitet/measure@1';
  rule: ContinuityRules & { target: number; ageFilter: 'birth_date' | 'age' | 'none' };
  zone: string;
  rows: RowCounts;
  /** The first rejected rows (line, column, code, message). */
  issues: RowIssue[];
  /**
   * What the reader and the measure warn of (also passed to `onWarning`, and printed on standard
   * error by the CLI): e.g. a log with rows but no whole window (why `windows` is empty, and how to
   * give one), a series cut to its latest `maxWindows` windows, a file with a header but no rows.
   */
  warnings: string[];
  windows: ContinuityWindow[];
}
