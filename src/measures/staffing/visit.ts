import { longestTogether, peakTogether, runsDuplicates, runsTime, staffRuns, togetherLongEnough, type Interval, type PresenceRow } from './together.js';

/**
 * How one visit was staffed:
 * - `single`: one staff member (possibly registered twice: see `duplicates`);
 * - `double`: two or more different staff present together for at least the handover threshold
 *   (double staffing, dubbelbemanning; the rule of {@link isDoubleStaffed});
 * - `handover`: two or more different staff, but together for less than the threshold (one
 *   after the other, or a short overlap at the change).
 *
 * @example
 * analyseVisit(rows, visit, 300_000).kind; // → 'double', 'handover' or 'single'
 */
export type VisitStaffingKind = 'single' | 'double' | 'handover';

/**
 * The staffing of one visit (a list of row indices, as {@link groupVisits} returns).
 *
 * @example
 * { kind: 'double', staff: 2, peak: 2, togetherMs: 2_400_000, staffMs: 6_000_000, duplicates: [] }
 */
export interface VisitStaffing {
  kind: VisitStaffingKind;
  /** Different staff at the visit. */
  staff: number;
  /** Most different staff present at the same time. */
  peak: number;
  /** Longest time two different staff were present together ({@link longestTogether}). */
  togetherMs: number;
  /** Staff time: per staff member the union of their rows, summed ({@link staffTime}), inside `within` when given. */
  staffMs: number;
  /** Duplicate registrations: sets of overlapping rows of one staff member ({@link duplicateRegistrations}). */
  duplicates: number[][];
}

/**
 * Classifies one visit as single, double-staffed or a handover (threshold `handoverMs`, default
 * rule 5 minutes) and measures it. Agrees with {@link isDoubleStaffed}: `kind === 'double'`
 * exactly when `isDoubleStaffed(rows, visit, handoverMs)`. `within` (a window's span) bounds
 * the staff time. `together`, when given, is {@link longestTogether} of the visit found already
 * (the engine's row store has it: `GatheredRows.together`).
 *
 * @example
 * const rows = [{ start: 0, end: 3_600_000, staff: 'A' }, { start: 120_000, end: 3_600_000, staff: 'B' }];
 * analyseVisit(rows, [0, 1], 300_000);
 * // → { kind: 'double', staff: 2, peak: 2, togetherMs: 3_480_000, staffMs: 7_080_000, duplicates: [] }
 */
export function analyseVisit(rows: readonly PresenceRow[], visit: readonly number[], handoverMs: number, within?: Interval, together?: () => number): VisitStaffing {
  const staff = new Set<string | number>();
  for (const i of visit) staff.add(rows[i]!.staff);
  const togetherMs = staff.size > 1 ? (together === undefined ? longestTogether(rows, visit) : together()) : 0;
  const double = togetherLongEnough(togetherMs, handoverMs);
  // each staff member's rows merged once: the staff time (staffTime) and the duplicates (duplicateRegistrations)
  const runs = staffRuns(rows, visit);
  return {
    kind: staff.size < 2 ? 'single' : double ? 'double' : 'handover',
    staff: staff.size,
    peak: peakTogether(rows, visit),
    togetherMs,
    staffMs: runsTime(runs, within),
    duplicates: runsDuplicates(runs),
  };
}
