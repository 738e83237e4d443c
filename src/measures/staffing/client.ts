import { ClientEvaluator, type ClientFigures, type CountedColumns } from '../../engine/evaluate.js';
import type { CountedRow } from '../../engine/rows.js';
import type { GatheredRows } from '../../engine/rowstore.js';
import type { ContinuityRules } from '../continuity/rules.js';
import { civilFromDays, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../../windows/civil.js';
import type { DayWindow } from '../../windows/windows.js';
import type { LocalZone } from '../../windows/zone.js';
import { recurringSlots, type Slot, type SlotOptions, type SlotVisit } from './slots.js';
import type { ClientStaffing, DoubleStaffedVisit, DuplicateRegistration } from './types.js';
import { analyseVisit } from './visit.js';
import type { Interval } from './together.js';

/**
 * Everything the staffing figures need of one client in one window.
 *
 * @example
 * const { client, doubleStaffed, slots, duplicates, staffMs, doubleStaffedMs } = staffer.staff('C1', columns, rowsOf, 84);
 */
export interface ClientWindowStaffing {
  client: ClientStaffing;
  /** Double-staffed visits, by start (empty when the staffer does not list them). */
  doubleStaffed: DoubleStaffedVisit[];
  /** The client's recurring double-staffed slots ({@link recurringSlots}), by time. */
  slots: Slot[];
  duplicates: DuplicateRegistration[];
  /** Staff time in ms (exact sums; hours are derived from these). */
  staffMs: number;
  doubleStaffedMs: number;
}

/**
 * How a {@link ClientStaffer} finds recurring slots and whether it lists the double-staffed visits
 * (the report shows their count, not the list).
 *
 * @example
 * const options: StafferOptions = { slots: { toleranceMinutes: 30, minDayShare: 0.5 }, listVisits: false };
 */
export interface StafferOptions {
  slots: SlotOptions;
  listVisits: boolean;
}

/**
 * A client's staff counts for its staffing figures: its group and eligibility as the measure finds
 * them under `rules` (`measured`, when the engine's evaluation has them, else evaluated here by
 * `measuredBy`), and its staff counted with the second staff member of a double-staffed visit and
 * without (one of the two is the measure's count, the other `otherBy`'s, whose rules flip
 * `countBothStaff`).
 *
 * @example
 * const { group, eligible, withSecond, withoutSecond } = staffCounts(rules, measuredBy, otherBy, columns, age);
 */
export function staffCounts(rules: ContinuityRules, measuredBy: ClientEvaluator, otherBy: ClientEvaluator, columns: CountedColumns, age: number | null, measured?: ClientFigures):
  { measured: ClientFigures; group: string; eligible: boolean; withSecond: number; withoutSecond: number } {
  const { store, a, b, groups } = columns;
  measured ??= measuredBy.evaluate(store, a, b, age);
  const staffCounted = measured.staff;
  const staffOther = otherBy.evaluate(store, a, b, age).staff;
  return {
    measured,
    group: groups[measured.group] ?? '',
    eligible: measured.reason === null,
    withSecond: rules.countBothStaff ? staffCounted : staffOther,
    withoutSecond: rules.countBothStaff ? staffOther : staffCounted,
  };
}

/**
 * Double staffing of clients in one window, over each client's rows in scope (the measure's
 * counted rows). Visits are grouped by the measure's rule ({@link GatheredRows.group}) and classified with
 * {@link analyseVisit}; the staff counts with and without the second staff member, the group and
 * eligibility come from the measure's own {@link ClientEvaluator} (under `rules`, and with the
 * other setting of `countBothStaff`), so they equal `staff` of the continuity measure with
 * `countBothStaff` true and false.
 *
 * @example
 * const staffer = new ClientStaffer(window, rules, zone, { slots: {}, listVisits: true });
 * const r = staffer.staff('C1', columns, () => rows, 84);
 * r.client.staffWithSecond - r.client.staffWithoutSecond; // → staff the client meets only as second staff
 */
export class ClientStaffer {
  private readonly measured: ClientEvaluator;
  private readonly other: ClientEvaluator;
  private readonly handoverMs: number;
  /** The local times of the visits listed: each minute's text is made once and shared. */
  private readonly times: LocalTimes;
  /** The window's span: staff hours are counted inside it (a visit across its end gives its part). */
  private readonly within: Interval;

  constructor(private readonly window: DayWindow, private readonly rules: ContinuityRules, private readonly zone: LocalZone, private readonly options: StafferOptions) {
    this.within = { start: window.dayStarts[0]!, end: window.dayStarts[window.days]! };
    this.measured = new ClientEvaluator(rules, window);
    this.other = new ClientEvaluator({ ...rules, countBothStaff: !rules.countBothStaff }, window);
    this.handoverMs = rules.handoverMinutes * MS_PER_MINUTE;
    this.times = new LocalTimes(zone);
  }

  /**
   * The staffing of one client: `columns` are its counted rows in the measure's columns,
   * `rowsOf` gives the same rows as objects (made only when a visit has more than one row);
   * `age` at the window start; `measured`, when given, the client's figures under `rules` (as
   * {@link ClientEvaluator.evaluate} gives them: the engine's evaluation has them already).
   */
  staff(client: string, columns: CountedColumns, rowsOf: () => readonly CountedRow[], age: number | null, measured?: ClientFigures): ClientWindowStaffing {
    const { store, rows: sorted, a, b } = columns;
    const { group, eligible, withSecond, withoutSecond } = staffCounts(this.rules, this.measured, this.other, columns, age, measured);
    const zone = this.zone;
    const times = this.times;
    const doubleStaffed: DoubleStaffedVisit[] = [];
    const slotVisits: SlotVisit[] = [];
    const duplicates: DuplicateRegistration[] = [];
    // staff by their rank in the columns (one number per staff member, as the row objects' numbers)
    const atDouble = new Set<number>();
    const atOther = new Set<number>();
    let handovers = 0;
    let duplicateCount = 0;
    let doubleCount = 0;
    let staffMs = 0;
    let doubleStaffedMs = 0;
    let objects: readonly CountedRow[] | null = null;
    const count = store.group(a, b);
    const { members, bounds } = store;
    const { start: from, end: to } = this.within;
    for (let v = 0; v < count; v++) {
      const first = bounds[v]!, last = bounds[v + 1]!;
      if (last - first === 1) {
        // one row: one staff member, no duplicate, its time inside the window (analyseVisit's answer for one row)
        const p = members[first]!;
        staffMs += Math.max(0, Math.min(sorted.end[p]!, to) - Math.max(sorted.start[p]!, from));
        atOther.add(sorted.staff[p]!);
        continue;
      }
      const rows = (objects ??= rowsOf());
      const visit = new Array<number>(last - first);
      for (let m = first; m < last; m++) visit[m - first] = members[m]! - a;
      const va = analyseVisit(rows, visit, this.handoverMs, this.within, () => store.together(first, last));
      const head = rows[visit[0]!]!;
      staffMs += va.staffMs;
      if (va.kind === 'handover') handovers++;
      const seen = va.kind === 'double' ? atDouble : atOther;
      for (let m = first; m < last; m++) seen.add(sorted.staff[members[m]!]!);
      for (const set of va.duplicates) {
        duplicateCount++;
        duplicates.push({ client, visitId: head.visitId, start: times.of(head.start), lines: set.map((i) => rows[i]!.line).sort((x, y) => x - y) });
      }
      if (va.kind !== 'double') continue;
      doubleCount++;
      doubleStaffedMs += va.staffMs;
      const staff = staffOrder(rows, rows[store.firstOf(first, last) - a]!.staffId, visit);
      slotVisits.push({ day: head.day, minute: zone.localMinuteOfDay(head.start), staff });
      if (!this.options.listVisits) continue;
      let end = head.end;
      for (const i of visit) end = Math.max(end, rows[i]!.end);
      doubleStaffed.push({
        client, visitId: head.visitId, start: times.of(head.start), end: times.of(end), staff, peak: va.peak,
        togetherMinutes: va.togetherMs / MS_PER_MINUTE, staffHours: va.staffMs / MS_PER_HOUR, lines: visit.map((i) => rows[i]!.line).sort((x, y) => x - y),
      });
    }
    let onlyAtDouble = 0;
    for (const s of atDouble) if (!atOther.has(s)) onlyAtDouble++;
    return {
      client: {
        client, group, eligible, visits: count,
        doubleStaffedVisits: doubleCount, doubleStaffedShare: count === 0 ? 0 : doubleCount / count,
        handovers, duplicateRegistrations: duplicateCount, staffHours: staffMs / MS_PER_HOUR, doubleStaffedHours: doubleStaffedMs / MS_PER_HOUR,
        staffOnlyAtDoubleStaffed: onlyAtDouble, staffWithSecond: withSecond, staffWithoutSecond: withoutSecond,
      },
      doubleStaffed,
      slots: slotVisits.length === 0 ? [] : recurringSlots(slotVisits, this.window.days, this.options.slots),
      duplicates,
      staffMs,
      doubleStaffedMs,
    };
  }
}

/** Staff ids of a visit: the first staff member (the measure's rule), then the others by id. */
function staffOrder(rows: readonly CountedRow[], first: string, visit: readonly number[]): string[] {
  const others = new Set<string>();
  for (const i of visit) if (rows[i]!.staffId !== first) others.add(rows[i]!.staffId);
  const sorted = [...others].sort();
  // an array of its own length (a national log lists a hundred thousand of them)
  const staff = new Array<string>(1 + sorted.length);
  staff[0] = first;
  for (let k = 0; k < sorted.length; k++) staff[k + 1] = sorted[k]!;
  return staff;
}

/** {@link localTime} of many instants of one zone, the text of each minute made once and shared. */
class LocalTimes {
  private readonly texts = new Map<number, string>();

  constructor(private readonly zone: LocalZone) {}

  of(t: number): string {
    const local = this.zone.localMs(t);
    const minute = Math.floor(local / MS_PER_MINUTE);
    let text = this.texts.get(minute);
    if (text === undefined) this.texts.set(minute, (text = localText(local)));
    return text;
  }
}

/**
 * A local wall time `YYYY-MM-DD HH:mm` of an instant in a zone.
 *
 * @example
 * localTime(new LocalZone('Europe/Stockholm'), Date.UTC(2024, 9, 1, 6, 0)); // → '2024-10-01 08:00'
 */
export function localTime(zone: LocalZone, t: number): string {
  return localText(zone.localMs(t));
}

/** The local wall time `YYYY-MM-DD HH:mm` of a local instant (ms since 1970-01-01 local midnight). */
function localText(local: number): string {
  const day = Math.floor(local / MS_PER_DAY);
  const minute = Math.floor((local - day * MS_PER_DAY) / MS_PER_MINUTE);
  return `${civilFromDays(day)} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
