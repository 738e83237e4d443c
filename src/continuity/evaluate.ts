import { civilFromDays } from '../time/civil.js';
import { groupVisits } from '../visits/group.js';
import { isDoubleStaffed } from '../staffing/together.js';
import type { ContinuityRules } from './rules.js';
import type { ClientContinuity, IneligibleReason } from './types.js';

/** One counted row of a client in a window. */
export interface CountedRow {
  /** Line of the row in the log (`Visit.line`). */
  line: number;
  start: number;
  end: number;
  staff: number;
  /** Staff id text, for the tie-break of the first staff member of a visit. */
  staffId: string;
  visitId: string;
  group: string;
  /** Day of the window (0-based) the row counts on. */
  day: number;
}

/** Age in whole years on `atDay` of someone born on `birthDay` (day numbers). */
export function ageOn(birthDay: number, atDay: number): number {
  const b = civilFromDays(birthDay);
  const a = civilFromDays(atDay);
  const years = Number(a.slice(0, 4)) - Number(b.slice(0, 4));
  return a.slice(5) < b.slice(5) ? years - 1 : years;
}

/**
 * Applies the visits rule, the age rule and the staff count to one client's counted rows in one
 * window. `age` is the client's age at the window start, or null when unknown.
 */
export function evaluateClient(
  client: string,
  rows: readonly CountedRow[],
  age: number | null,
  window: { fromDay: number; days: number },
  rules: ContinuityRules,
): ClientContinuity {
  const visits = groupVisits(rows);
  const perDay = new Array<number>(window.days).fill(0);
  const groupVisitsCount = new Map<string, number>();
  const staff = new Set<number>();
  let doubleStaffedVisits = 0;
  const handoverMs = rules.handoverMinutes * 60_000;
  for (const visit of visits) {
    const first = firstRow(rows, visit);
    perDay[rows[visit[0]!]!.day]!++;
    groupVisitsCount.set(first.group, (groupVisitsCount.get(first.group) ?? 0) + 1);
    if (isDoubleStaffed(rows, visit, handoverMs)) doubleStaffedVisits++;
    if (rules.countBothStaff) for (const i of visit) staff.add(rows[i]!.staff);
    else staff.add(first.staff);
  }

  let reason: IneligibleReason | null = null;
  let firstShortDay: string | null = null;
  if (visits.length === 0) reason = 'no_counted_visits';
  else if (rules.dailyRule === 'every-day') {
    const short = perDay.findIndex((n) => n < rules.minVisitsPerDay);
    if (short >= 0) {
      reason = 'too_few_visits_on_a_day';
      firstShortDay = civilFromDays(window.fromDay + short);
    }
  } else if (visits.length < rules.minVisitsPerDay * window.days) reason = 'too_few_visits_on_average';
  if (reason === null && rules.minAge !== null && age !== null && age < rules.minAge) reason = 'under_min_age';

  return {
    client,
    group: majorityGroup(groupVisitsCount),
    eligible: reason === null,
    visits: visits.length,
    staff: staff.size,
    reason,
    firstShortDay,
    age,
    doubleStaffedVisits,
  };
}

/**
 * The row of a visit's first staff member: earliest start, then earliest end, then lowest staff
 * id. With `countBothStaff: false` only this staff member counts; every other staff member of the
 * visit is a "second staff member".
 *
 * @example
 * firstRow(rows, [0, 1]); // → rows[1] when rows[1] starts before rows[0]
 */
export function firstRow(rows: readonly CountedRow[], visit: readonly number[]): CountedRow {
  let best = rows[visit[0]!]!;
  for (const i of visit) {
    const r = rows[i]!;
    if (r.start < best.start || (r.start === best.start && (r.end < best.end || (r.end === best.end && r.staffId < best.staffId)))) best = r;
  }
  return best;
}

function majorityGroup(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [group, n] of counts) {
    if (n > bestCount || (n === bestCount && group < best)) {
      best = group;
      bestCount = n;
    }
  }
  return best;
}
