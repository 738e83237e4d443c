import type { ContinuityRules } from '../continuity/rules.js';
import type { RowCounts } from '../continuity/types.js';
import type { RowIssue } from '../../errors.js';
import type { Spread } from '../../summary/spread.js';
import type { Slot } from './slots.js';

/**
 * One double-staffed visit. Times are local wall times `YYYY-MM-DD HH:mm` in the result's zone.
 *
 * @example
 * { client: 'C00042', visitId: 'V000123', start: '2024-10-01 08:00', end: '2024-10-01 08:45',
 *   staff: ['S0012', 'S0031'], peak: 2, togetherMinutes: 43, staffHours: 1.45, lines: [118, 119] }
 */
export interface DoubleStaffedVisit {
  client: string;
  /** Visit id; `''` when the rows were grouped by overlap. */
  visitId: string;
  /** Earliest start of the visit's rows. */
  start: string;
  /** Latest end of the visit's rows. */
  end: string;
  /** Different staff, the first staff member first (earliest start, then end, then id: the measure's rule), then by id. */
  staff: string[];
  /** Most different staff present at the same time (3 for triple staffing). */
  peak: number;
  /** Longest time (minutes) two different staff were there together. */
  togetherMinutes: number;
  /** Staff hours: per staff member the union of their rows, summed. */
  staffHours: number;
  /** Lines of the visit's rows in the log, ascending. */
  lines: number[];
}

/**
 * One duplicate registration: two or more overlapping rows of the same staff member at one visit
 * (a data issue, not double staffing). Listed by line, without the staff id.
 *
 * @example
 * { client: 'C00042', visitId: 'V000123', start: '2024-10-01 08:00', lines: [118, 240] }
 */
export interface DuplicateRegistration {
  client: string;
  visitId: string;
  start: string;
  lines: number[];
}

/**
 * A recurring double-staffed slot of a client (see {@link recurringSlots}).
 *
 * @example
 * { client: 'C00042', group: 'Norr', time: '08:00', days: 13, visits: 13, usualPair: ['S0012', 'S0031'], pairVisits: 10 }
 */
export interface RecurringSlot extends Slot {
  client: string;
  group: string;
}

/**
 * Double staffing of one client in one window.
 *
 * @example
 * { client: 'C00042', group: 'Norr', eligible: true, visits: 42, doubleStaffedVisits: 14, doubleStaffedShare: 0.333,
 *   handovers: 0, duplicateRegistrations: 0, staffHours: 35, doubleStaffedHours: 14, staffOnlyAtDoubleStaffed: 2,
 *   staffWithSecond: 17, staffWithoutSecond: 15 }
 */
export interface ClientStaffing {
  client: string;
  /** The group of most of the client's counted visits (as in the measure). */
  group: string;
  /** Counted by the continuity indicator in this window (the measure's `eligible`). */
  eligible: boolean;
  /** Visits in scope. */
  visits: number;
  doubleStaffedVisits: number;
  /** `doubleStaffedVisits / visits`. */
  doubleStaffedShare: number;
  /** Visits with two or more staff who were together less than the handover threshold. */
  handovers: number;
  duplicateRegistrations: number;
  /** Staff hours on all the client's visits in scope. */
  staffHours: number;
  /** Staff hours on double-staffed visits. */
  doubleStaffedHours: number;
  /** Different staff the client met only at double-staffed visits. */
  staffOnlyAtDoubleStaffed: number;
  /** Different staff met, every staff member of a visit counting (the measure with `countBothStaff: true`). */
  staffWithSecond: number;
  /**
   * Different staff met, only each visit's first staff member counting (the measure with
   * `countBothStaff: false`). That rule drops the later staff member of a handover visit too, so
   * `staffWithSecond − staffWithoutSecond` is the price of every multi-staff visit; with no
   * handovers (`handovers: 0`, the usual case) it is the price of double staffing alone.
   */
  staffWithoutSecond: number;
}

/**
 * Double-staffing figures over a set of clients (the municipality or a group) in one window.
 *
 * @example
 * { clients: { served: 1998, doubleStaffed: 209 }, visits: 81465, doubleStaffedVisits: 6816, doubleStaffedShare: 0.084,
 *   handovers: 0, duplicateRegistrations: 0, staffHours: 46041.8, doubleStaffedHours: 8458.1, doubleStaffedHoursShare: 0.184,
 *   doubleStaffedSharePerClient: { n: 209, median: 0.49, … }, staffPerClient: { withSecond: { mean: 14.2, … }, withoutSecond: { mean: 13.6, … } },
 *   addedBySecond: { mean: 0.65, max: 11, … } }
 */
export interface StaffingSummary {
  clients: {
    /** Clients with at least one visit in scope. */
    served: number;
    /** Clients with at least one double-staffed visit. */
    doubleStaffed: number;
  };
  visits: number;
  doubleStaffedVisits: number;
  /** Share (0–1) of visits that are double-staffed; null without visits. */
  doubleStaffedShare: number | null;
  handovers: number;
  duplicateRegistrations: number;
  staffHours: number;
  doubleStaffedHours: number;
  /** Share (0–1) of staff hours spent on double-staffed visits; null without visits. */
  doubleStaffedHoursShare: number | null;
  /** Spread of the share of double-staffed visits over clients with at least one (`shareAbove*` do not apply to shares). */
  doubleStaffedSharePerClient: Spread;
  /** Spread of staff per client over clients counted by the indicator, with and without the second staff member. */
  staffPerClient: { withSecond: Spread; withoutSecond: Spread };
  /** Spread of `staffWithSecond − staffWithoutSecond` over clients counted by the indicator: the price in continuity. */
  addedBySecond: Spread;
}

/**
 * One window of the staffing figures: the summary for the municipality, per group, per client,
 * and the lists (double-staffed visits, recurring slots, duplicate registrations).
 *
 * @example
 * { from: '2024-10-07', to: '2024-10-20', …StaffingSummary, groups: [{ group: 'Norr', … }], perClient: [ … ],
 *   doubleStaffed: [ … ], recurringSlots: [ … ], duplicates: [ … ] }
 */
export interface StaffingWindow extends StaffingSummary {
  from: string;
  to: string;
  groups: (StaffingSummary & { group: string })[];
  /** Clients with at least one visit in scope, by client id. */
  perClient: ClientStaffing[];
  /** Every double-staffed visit, by client then start. */
  doubleStaffed: DoubleStaffedVisit[];
  /** Recurring double-staffed slots, by client then time. */
  recurringSlots: RecurringSlot[];
  /** The first `maxListed` duplicate registrations (all are counted in `duplicateRegistrations`). */
  duplicates: DuplicateRegistration[];
}

/**
 * The result of {@link measureStaffing}; serialised as `kontinuitet/staffing@1` (keys may be
 * added, never renamed):
 *
 * ```
 * { schema: 'kontinuitet/staffing@1', scope: 'counted' | 'all',
 *   rule: { …ContinuityRules, target, slotToleranceMinutes, slotMinDayShare },
 *   zone, rows: { read, used, rejected, excluded: { reason: n } }, issues: [ { line, column, code, message } ], warnings: [ '…' ],
 *   windows: [ { from, to, clients: { served, doubleStaffed }, visits, doubleStaffedVisits, doubleStaffedShare,
 *     handovers, duplicateRegistrations, staffHours, doubleStaffedHours, doubleStaffedHoursShare,
 *     doubleStaffedSharePerClient: Spread, staffPerClient: { withSecond: Spread, withoutSecond: Spread },
 *     addedBySecond: Spread, groups: [ { group, …the same figures } ],
 *     perClient: [ ClientStaffing ], doubleStaffed: [ DoubleStaffedVisit ], recurringSlots: [ RecurringSlot ],
 *     duplicates: [ DuplicateRegistration ] } ] }
 * ```
 * `scope: 'counted'` (default): the visits the continuity measure counts with `rule` (day hours,
 * kind and role exclusions, window placement); `'all'`: every row whose start day is in the window,
 * any hour, kind or role (then the staff counts and `eligible` are over those visits too).
 *
 * @example
 * const r: StaffingResult = await measureStaffing('visits.csv', { from: '2024-10-07' });
 * r.windows[0].clients.doubleStaffed; // → clients with at least one double-staffed visit
 */
export interface StaffingResult {
  schema: 'kontinuitet/staffing@1';
  scope: StaffingScope;
  rule: ContinuityRules & { target: number; slotToleranceMinutes: number; slotMinDayShare: number };
  zone: string;
  rows: RowCounts;
  issues: RowIssue[];
  /** What the reader and the measure warned of (as the continuity result's `warnings`): e.g. a log with no whole window. */
  warnings: string[];
  windows: StaffingWindow[];
}

/**
 * Which visits the staffing figures cover: those the continuity measure counts (`'counted'`,
 * default: 07:00–22:00, no safety alarms, meal deliveries or home health care) or every visit
 * starting in the window (`'all'`: any hour, kind or role, e.g. the night patrol).
 *
 * @example
 * const scope: StaffingScope = 'all';
 */
export type StaffingScope = 'counted' | 'all';
