import type { RowIssue } from '../../errors.js';
import type { MeasureOptions } from '../continuity/settings.js';
import type { ContinuityResult, RowCounts } from '../continuity/types.js';

/**
 * Options of {@link explainContinuity}: the measure's options (window, series, rules, target,
 * zone; `engine` is accepted and changes nothing: explain reads the log with the general reader
 * and keeps its counted rows in memory, as `continuity()` does) and three of its own.
 *
 * @example
 * const options: ExplainOptions = { from: '2024-10-01', regularVisits: 4, eveningFrom: '16:00', lookbackDays: 14 };
 */
export interface ExplainOptions extends MeasureOptions {
  /** A staff member who made at least this many of a client's counted visits is a regular. Default 3. */
  regularVisits?: number;
  /** `HH:MM` local: a visit starting at or after it is an evening visit. Default `'17:00'`. */
  eveningFrom?: string;
  /** Days before a window in which a staff member met is not a new face. Default 28. */
  lookbackDays?: number;
}

/**
 * Why a counted client met a staff member, the first that applies (docs/explain.md):
 * - `contact`: the client's contact person (`contact_staff_id`, the one listed most often);
 * - `regular`: made at least `regularVisits` (3) of the client's counted visits;
 * - `doubleOnly`: met only as a second staff member at double-staffed visits (at every visit the
 *   staff member was at, the visit was double-staffed and someone else was its first staff member:
 *   earliest start, then end, then lowest id, as the rule's `countBothStaff: false` picks);
 * - `weekendOnly`: met only at visits on Saturdays and Sundays (the local day the visit counts on);
 * - `eveningOnly`: met only at visits starting at or after `eveningFrom` (17:00, local);
 * - `occasional`: the rest.
 *
 * @example
 * const c: StaffCategory = 'doubleOnly';
 */
export type StaffCategory = 'contact' | 'regular' | 'doubleOnly' | 'weekendOnly' | 'eveningOnly' | 'occasional';

/**
 * A number for each {@link StaffCategory}.
 *
 * @example
 * const n: CategoryCounts = { contact: 1, regular: 4, doubleOnly: 2, weekendOnly: 3, eveningOnly: 1, occasional: 6 };
 */
export type CategoryCounts = Record<StaffCategory, number>;

/**
 * One counted client in one window, explained: the official staff count split into categories
 * (they add up to `staff`), the staff in each, how much of the client's counted visits the
 * familiar staff made, the new faces and the two counterfactuals.
 *
 * @example
 * { client: 'C1', line: 2, group: 'Norr', visits: 28, staff: 9, categories: { contact: 1, regular: 3, doubleOnly: 1, weekendOnly: 2, eveningOnly: 0, occasional: 2 },
 *   members: { contact: ['S1'], … }, contact: 'S1', contactShare: 0.36, regularShare: 0.5, familiarShare: 0.79, newFaces: 2, oneStaff: 8, floor: 4 }
 */
export interface ClientExplanation {
  client: string;
  /** Line (or position) of the client's first row in the log: a name for it without its id. */
  line: number;
  group: string;
  /** Counted visits (rows of one visit counted once). */
  visits: number;
  /** The official count: different staff met at counted visits. */
  staff: number;
  /** The staff in each category; they add up to `staff`. */
  categories: CategoryCounts;
  /** The staff ids of each category, in sort order. */
  members: Record<StaffCategory, string[]>;
  /** The contact person listed for the client (met or not), or null when none is listed. */
  contact: string | null;
  /** Share of the counted visits at which the contact person was counted; null without a contact person. */
  contactShare: number | null;
  /** Share of the counted visits at which a staff member of category `regular` was counted. */
  regularShare: number;
  /** Share of the counted visits at which the contact person or a regular was counted. */
  familiarShare: number;
  /** Staff counted in the window not met in the `lookbackDays` before it; null when the log does not reach back that far. */
  newFaces: number | null;
  /** The count by the rule with one staff member per visit (`countBothStaff: false`). */
  oneStaff: number;
  /**
   * The count by the rule if every visit made by others had been made by the contact person and
   * the regulars (stand-ins where a visit needs more people than they are): a floor, not a promise.
   */
  floor: number;
}

/**
 * The explanation over a set of counted clients (a group, or the municipality): means over them,
 * visit shares pooled over their counted visits.
 *
 * @example
 * window.categories.regular; // → mean regulars per counted client
 */
export interface ExplainSummary {
  /** Counted clients. */
  clients: number;
  /** Their counted visits. */
  visits: number;
  /** Mean staff per counted client (the official mean, U21401); null without counted clients. */
  staff: number | null;
  /** Mean of each category over counted clients; they add up to `staff`. */
  categories: Record<StaffCategory, number | null>;
  /** Of the counted visits of clients with a contact person listed: the share at which the contact person was counted. */
  contactShare: number | null;
  /** Counted clients without a contact person listed (left out of `contactShare`). */
  withoutContact: number;
  /** Share of the counted visits at which a regular was counted. */
  regularShare: number | null;
  /** Share of the counted visits at which the contact person or a regular was counted. */
  familiarShare: number | null;
  /** Mean new faces per counted client; null when the log does not reach `lookbackDays` before the window. */
  newFaces: number | null;
  /** Mean staff per counted client with one staff member per double-staffed visit. */
  oneStaff: number | null;
  /** Mean staff per counted client if each met only their contact person and regulars (a floor). */
  floor: number | null;
}

/**
 * One window explained: the municipality's summary, one per group (a client's group as the
 * measure gives it), and every counted client.
 *
 * @example
 * result.windows[0].groups.map((g) => [g.group, g.categories.occasional]);
 */
export interface ExplainWindow extends ExplainSummary {
  from: string;
  to: string;
  /** The days before the window that new faces are counted against, and whether the log's first day reaches them. */
  lookback: { from: string; to: string; covered: boolean };
  groups: (ExplainSummary & { group: string })[];
  perClient: ClientExplanation[];
}

/**
 * The result of {@link explainContinuity}, serialised as `kontinuitet/explain@1` (keys may be
 * added, never renamed): the rules (the measure's and explain's own), the row accounting and
 * issues as the measure gives them, and the windows.
 *
 * @example
 * JSON.stringify(await explainContinuity('visits.csv')); // → '{"schema":"kontinuitet/explain@1",…}'
 */
export interface ExplainResult {
  schema: 'kontinuitet/explain@1';
  rule: ContinuityResult['rule'] & { regularVisits: number; eveningFrom: string; lookbackDays: number };
  zone: string;
  rows: RowCounts;
  issues: RowIssue[];
  windows: ExplainWindow[];
}
