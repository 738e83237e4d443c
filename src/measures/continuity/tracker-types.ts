/**
 * The shapes the live tracker ({@link ./tracker.ts}) takes and gives.
 *
 * @module
 */
import type { MeasureOptions } from './settings.js';
import type { ClientContinuity, ContinuitySummary } from './types.js';

/**
 * One visit as the live tracker holds it: an id (unique in the tracker), the client, the times
 * (epoch ms; the end after the start), the kind of service (`''` when not given: it counts) and
 * the staff assigned to it so far. To the rule each staff member assigned is one row of a log,
 * all with the visit's id and times, so the visit counts as one visit however many staff it has
 * (domain.md: "a double-staffed visit counts as one visit"). A visit nobody is assigned to has no
 * row yet: it does not count towards the visits rule until someone takes it.
 *
 * @example
 * const v: TrackedVisit = { id: 'V1', client: 'C1', start: Date.parse('2024-10-21T08:00:00+02:00'), end: Date.parse('2024-10-21T08:30:00+02:00'), kind: 'omvårdnad', staff: ['S1'] };
 */
export interface TrackedVisit {
  id: string;
  client: string;
  start: number;
  end: number;
  /** Kind of service (insats) as a log would write it; excluded kinds (safety alarm, meal delivery, home health care) do not count. Default `''`. */
  kind?: string;
  /** Staff assigned when the visit is added (each as by `assign`). Default none. */
  staff?: readonly string[];
}

/**
 * Options of the live tracker: the one window (`from`, required) and the rules, target and zone
 * as for the measure ({@link MeasureOptions}); and the role of each staff member (home health care
 * staff are not counted by the rule), by default `''` for everyone (all count).
 *
 * @example
 * const options: TrackerOptions = { from: '2024-10-21', rules: { preset: 'kolada' }, target: 14, staffRole: (s) => (s.startsWith('SSK') ? 'sjuksköterska' : '') };
 */
export interface TrackerOptions extends Pick<MeasureOptions, 'rules' | 'target' | 'zone'> {
  /** First day of the window, `YYYY-MM-DD` (local); the window has the rules' `days` (14). */
  from: string;
  /** The role of a staff member, as a log's staff_role column would give it; asked once per assignment. */
  staffRole?: (staff: string) => string;
}

/**
 * What one candidate for a visit would do to the visit's client, as {@link ContinuityTracker.candidates} gives it.
 * - `counts`: the assignment would be a counted row (the visit counts in the window by kind and
 *   day hours, and the candidate's role counts); when false nothing below changes;
 * - `staffCount`: the client's count of different staff met if the candidate were assigned (as
 *   `assign` would return it; an assigned candidate: the count now);
 * - `newFace`: the candidate would be met by the client and has not been met in the window so far;
 * - `share`: the share of the client's counted visits (now) at which the candidate is met, 0–1,
 *   or null when the client has no counted visit.
 *
 * @example
 * tracker.candidates('V9', ['S1', 'S7']); // → [{ staff: 'S1', counts: true, staffCount: 12, newFace: false, share: 0.25 }, { staff: 'S7', counts: true, staffCount: 13, newFace: true, share: 0 }]
 */
export interface Candidate {
  staff: string;
  counts: boolean;
  staffCount: number;
  newFace: boolean;
  share: number | null;
}

/**
 * One client as the tracker counts it now: the measure's figures of the client in the window
 * ({@link ClientContinuity}) but the group and the indices.
 *
 * @example
 * tracker.client('C1'); // → { client: 'C1', eligible: true, visits: 42, staff: 11, reason: null, firstShortDay: null, age: 84, doubleStaffedVisits: 2 }
 */
export type TrackedClient = Omit<ClientContinuity, 'group' | 'indices'>;

/**
 * The tracker's summary of the window: the measure's municipality summary ({@link ContinuitySummary}:
 * client counts, the spread of staff per counted client with mean, median, shareAbove20 and
 * shareAboveTarget, the histogram), without the indices.
 *
 * @example
 * tracker.summary().staffPerClient.mean; // → the U21401 figure of the schedule as it stands
 */
export type TrackerSummary = Omit<ContinuitySummary, 'indices'>;
