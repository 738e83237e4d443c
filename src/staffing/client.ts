import { clientRowsOf, evaluateClient, firstOf, type ClientRows, type CountedRow } from '../continuity/evaluate.js';
import type { ContinuityRules } from '../continuity/rules.js';
import type { ClientContinuity } from '../continuity/types.js';
import { civilFromDays, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../time/civil.js';
import type { DayWindow } from '../time/windows.js';
import type { LocalZone } from '../time/zone.js';
import { groupVisits } from '../visits/group.js';
import type { SlotVisit } from './slots.js';
import type { ClientStaffing, DoubleStaffedVisit, DuplicateRegistration } from './types.js';
import { analyseVisit } from './visit.js';

/**
 * Everything the staffing figures need of one client in one window.
 *
 * @example
 * const { client, doubleStaffed, slotVisits, duplicates, staffMs, doubleStaffedMs } = staffClient('C1', rows, measured, window, rules, zone);
 */
export interface ClientWindowStaffing {
  client: ClientStaffing;
  /** Double-staffed visits, by start. */
  doubleStaffed: DoubleStaffedVisit[];
  /** The same visits as the slot finder sees them. */
  slotVisits: SlotVisit[];
  duplicates: DuplicateRegistration[];
  /** Staff time in ms (exact sums; hours are derived from these). */
  staffMs: number;
  doubleStaffedMs: number;
}

/**
 * Double staffing of one client in one window, over the client's rows in scope (the measure's
 * counted rows). Visits are grouped with {@link groupVisits} and classified with
 * {@link analyseVisit}; the staff counts with and without the second staff member come from the
 * measure's own {@link evaluateClient} (`measured` is the measure's evaluation under `rules`, the
 * other setting of `countBothStaff` is evaluated here), so they equal `staff` of the continuity
 * measure with `countBothStaff` true and false.
 *
 * @example
 * const r = staffClient('C1', rows, measured, window, rules, zone);
 * r.client.staffWithSecond - r.client.staffWithoutSecond; // → staff the client meets only as second staff
 */
export function staffClient(
  client: string,
  rows: readonly CountedRow[],
  measured: ClientContinuity,
  window: DayWindow,
  rules: ContinuityRules,
  zone: LocalZone,
): ClientWindowStaffing {
  const other = evaluateClient(client, rows, measured.age, window, { ...rules, countBothStaff: !rules.countBothStaff });
  const handoverMs = rules.handoverMinutes * MS_PER_MINUTE;
  const doubleStaffed: DoubleStaffedVisit[] = [];
  const slotVisits: SlotVisit[] = [];
  const duplicates: DuplicateRegistration[] = [];
  const atDouble = new Set<number>();
  const atOther = new Set<number>();
  let handovers = 0;
  let duplicateCount = 0;
  let staffMs = 0;
  let doubleStaffedMs = 0;
  const visits = groupVisits(rows);
  const columns = clientRowsOf(rows).rows;
  for (const visit of visits) {
    const a = analyseVisit(rows, visit, handoverMs);
    const head = rows[visit[0]!]!;
    staffMs += a.staffMs;
    if (a.kind === 'handover') handovers++;
    const seen = a.kind === 'double' ? atDouble : atOther;
    for (const i of visit) seen.add(rows[i]!.staff);
    for (const set of a.duplicates) {
      duplicateCount++;
      duplicates.push({ client, visitId: head.visitId, start: localTime(zone, head.start), lines: set.map((i) => rows[i]!.line).sort((x, y) => x - y) });
    }
    if (a.kind !== 'double') continue;
    doubleStaffedMs += a.staffMs;
    const staff = staffOrder(rows, columns, visit);
    let end = head.end;
    for (const i of visit) end = Math.max(end, rows[i]!.end);
    doubleStaffed.push({
      client, visitId: head.visitId, start: localTime(zone, head.start), end: localTime(zone, end), staff, peak: a.peak,
      togetherMinutes: a.togetherMs / MS_PER_MINUTE, staffHours: a.staffMs / MS_PER_HOUR, lines: visit.map((i) => rows[i]!.line).sort((x, y) => x - y),
    });
    slotVisits.push({ day: head.day, minute: zone.localMinuteOfDay(head.start), staff });
  }
  let onlyAtDouble = 0;
  for (const s of atDouble) if (!atOther.has(s)) onlyAtDouble++;
  const withSecond = rules.countBothStaff ? measured.staff : other.staff;
  const withoutSecond = rules.countBothStaff ? other.staff : measured.staff;
  return {
    client: {
      client, group: measured.group, eligible: measured.eligible, visits: visits.length,
      doubleStaffedVisits: doubleStaffed.length, doubleStaffedShare: visits.length === 0 ? 0 : doubleStaffed.length / visits.length,
      handovers, duplicateRegistrations: duplicateCount, staffHours: staffMs / MS_PER_HOUR, doubleStaffedHours: doubleStaffedMs / MS_PER_HOUR,
      staffOnlyAtDoubleStaffed: onlyAtDouble, staffWithSecond: withSecond, staffWithoutSecond: withoutSecond,
    },
    doubleStaffed,
    slotVisits,
    duplicates,
    staffMs,
    doubleStaffedMs,
  };
}

/** Staff ids of a visit: the first staff member (the measure's rule), then the others by id. */
function staffOrder(rows: readonly CountedRow[], columns: ClientRows, visit: readonly number[]): string[] {
  const first = rows[firstOf(columns, visit, 0, visit.length)]!.staffId;
  const others = new Set<string>();
  for (const i of visit) if (rows[i]!.staffId !== first) others.add(rows[i]!.staffId);
  return [first, ...[...others].sort()];
}

/**
 * A local wall time `YYYY-MM-DD HH:mm` of an instant in a zone.
 *
 * @example
 * localTime(new LocalZone('Europe/Stockholm'), Date.UTC(2024, 9, 1, 6, 0)); // → '2024-10-01 08:00'
 */
export function localTime(zone: LocalZone, t: number): string {
  const local = zone.localMs(t);
  const day = Math.floor(local / MS_PER_DAY);
  const minute = Math.floor((local - day * MS_PER_DAY) / MS_PER_MINUTE);
  return `${civilFromDays(day)} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
