import type { RowIssue } from '../../errors.js';
import type { RowCounts } from '../continuity/types.js';
import type { CategoryCounts, ExplainOptions, ExplainResult, ExplainSummary, StaffCategory } from './types.js';

/**
 * Options of {@link compareContinuity}: explain's options (the same for both logs) and how many
 * visits found in one log only to list per window (all are counted; default 100).
 *
 * @example
 * const options: CompareOptions = { from: '2024-10-01', maxListed: 20 };
 */
export interface CompareOptions extends ExplainOptions {
  maxListed?: number;
}

/**
 * A client's figures in one log: whether counted, its counted visits and staff (the measure's,
 * counted or not), and its categories when counted.
 *
 * @example
 * { counted: true, visits: 28, staff: 9, categories: { contact: 1, regular: 3, … } }
 */
export interface ClientFigures {
  counted: boolean;
  visits: number;
  staff: number;
  categories: CategoryCounts | null;
}

/**
 * A staff member whose category at a client moved between the logs (`null`: not met).
 *
 * @example
 * { staff: 'S7', before: 'weekendOnly', after: 'regular' }
 */
export interface StaffMove {
  staff: string;
  before: StaffCategory | null;
  after: StaffCategory | null;
}

/**
 * One client counted in either log: its figures in both (null: not in that log, or no counted
 * visit there) and the change (after − before, when in both), whether it became or stopped being
 * counted, and (counted in both) the staff whose category moved.
 *
 * @example
 * { client: 'C1', line: 2, group: 'Norr', status: 'both', before: {…}, after: {…}, change: { visits: 0, staff: -2 }, moved: [ … ] }
 */
export interface ClientChange {
  client: string;
  /** Line of the client's first row in the after log (else the before log). */
  line: number;
  group: string;
  status: 'both' | 'became' | 'stopped';
  before: ClientFigures | null;
  after: ClientFigures | null;
  change: { visits: number; staff: number } | null;
  moved: StaffMove[];
}

/**
 * A counted visit found in one log and not the other: matched by visit id, else by client and
 * start and end (docs/explain.md); its local start and end `YYYY-MM-DD HH:MM`, its staff.
 *
 * @example
 * { in: 'before', client: 'C1', line: 14, visitId: 'V9', start: '2024-10-08 12:00', end: '2024-10-08 12:30', staff: 1 }
 */
export interface UnmatchedVisit {
  in: 'before' | 'after';
  client: string;
  line: number;
  visitId: string;
  start: string;
  end: string;
  staff: number;
}

/**
 * The counted visits of a window in both logs: how many in each, matched, in one only, and the
 * first `maxListed` of those in one only.
 *
 * @example
 * { before: 44, after: 42, matched: 42, onlyBefore: 2, onlyAfter: 0, listed: [ … ] }
 */
export interface VisitDifference {
  before: number;
  after: number;
  matched: number;
  onlyBefore: number;
  onlyAfter: number;
  listed: UnmatchedVisit[];
}

/**
 * One window of both logs: the municipality's explained summaries and the change (each figure
 * after − before; null where either is null), per group the same, the clients, the moves of staff
 * between categories (clients counted in both; `null` is not met), and the visits.
 *
 * @example
 * result.windows[0].change.staff; // → −0.7 (the mean went down by 0.7)
 */
export interface CompareWindow {
  from: string;
  to: string;
  before: ExplainSummary;
  after: ExplainSummary;
  change: ExplainSummary;
  groups: { group: string; before: ExplainSummary | null; after: ExplainSummary | null; change: ExplainSummary | null }[];
  becameCounted: number;
  stoppedCounted: number;
  perClient: ClientChange[];
  moves: { before: StaffCategory | null; after: StaffCategory | null; staff: number }[];
  visits: VisitDifference;
}

/**
 * The result of {@link compareContinuity}, serialised as `kontinuitet/compare@1`: the rules, each
 * log's row accounting and issues, the windows both logs report, and those only one does.
 *
 * @example
 * (await compareContinuity('plan.csv', 'actual.csv', { from: '2024-10-01' })).windows[0].visits.onlyBefore; // → planned visits not in the actual log
 */
export interface CompareResult {
  schema: 'kontinuitet/compare@1';
  rule: ExplainResult['rule'];
  zone: string;
  before: { rows: RowCounts; issues: RowIssue[] };
  after: { rows: RowCounts; issues: RowIssue[] };
  windows: CompareWindow[];
  /** Windows (their first day) only one log reports. */
  unpaired: { before: string[]; after: string[] };
}
