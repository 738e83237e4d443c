import { civilFromDays, civilNumber } from '../time/civil.js';
import type { VisitColumns } from '../visits/group.js';
import type { GatheredRows } from './rowstore.js';
import { longestTogetherOf, togetherLongEnough } from '../staffing/together.js';
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

/**
 * Counted rows in columns, as the evaluation reads them: a client's rows are a range [a, b).
 * Staff and groups are numbers whose order is the order of their text (ids compared as strings),
 * so ties are broken as on the text.
 *
 * @example
 * const rows: ClientRows = { start, end, visit, staff, group, day }; // one entry per row
 */
export interface ClientRows extends VisitColumns {
  readonly staff: Int32Array;
  readonly group: Int32Array;
  /** Day of the window (0-based) the row counts on. */
  readonly day: Int32Array;
}

/**
 * One client's counted rows in one window in the measure's columns: rows [a, b) of `rows`, the
 * columns of `store` (staff and groups as ranks of their text; `groups` gives a group rank's name).
 *
 * @example
 * const columns: CountedColumns = { store, rows: store.columns, a: 0, b: 28, groups: ['Norr', 'Söder'] };
 */
export interface CountedColumns {
  store: GatheredRows;
  rows: ClientRows;
  a: number;
  b: number;
  groups: readonly string[];
}

/**
 * What the rules give for one client in one window, in numbers ({@link ClientEvaluator}).
 *
 * @example
 * const f: ClientFigures = { visits: 28, staff: 9, reason: null, firstShortDay: -1, doubleStaffedVisits: 0, group: 2 };
 */
export interface ClientFigures {
  visits: number;
  staff: number;
  reason: IneligibleReason | null;
  /** With `too_few_visits_on_a_day`: the first such day of the window (0-based); else -1. */
  firstShortDay: number;
  doubleStaffedVisits: number;
  /** The group (number) of most of the client's visits, ties to the lowest; -1 without visits. */
  group: number;
}

/** Age in whole years on `atDay` of someone born on `birthDay` (day numbers). */
export function ageOn(birthDay: number, atDay: number): number {
  // YYYYMMDD numbers: the difference's ten-thousands are the years, less one before the birthday
  return Math.floor((civilNumber(atDay) - civilNumber(birthDay)) / 10000);
}

/**
 * Applies the visits rule, the age rule and the staff count to clients' counted rows in one
 * window: rows are grouped into visits ({@link GatheredRows.group}); each visit counts once on the day
 * of its first row and once for the group of its first staff member's row; the staff are those
 * of every row (or of the first staff member only, with `countBothStaff: false`); a visit is
 * double-staffed when two different staff were together at least `handoverMinutes`. Keeps its
 * scratch between clients.
 *
 * @example
 * const e = new ClientEvaluator(rules, window);
 * const f = e.evaluate(store, a, b, 84); // a client's rows [a, b) of store.columns → { visits, staff, reason, … }
 */
export class ClientEvaluator {
  private readonly perDay: Int32Array;
  private groupCount: Int32Array = new Int32Array(16);
  private readonly groupsSeen: number[] = [];
  private staffSeen: Int32Array = new Int32Array(64);
  private stamp = 0;
  private readonly handoverMs: number;
  private readonly figures: ClientFigures = { visits: 0, staff: 0, reason: null, firstShortDay: -1, doubleStaffedVisits: 0, group: -1 };

  constructor(private readonly rules: ContinuityRules, private readonly window: { fromDay: number; days: number }) {
    this.perDay = new Int32Array(window.days);
    this.handoverMs = rules.handoverMinutes * 60_000;
  }

  /** The figures of the client whose rows are [a, b) of `store`'s columns (an object reused by the next call). */
  evaluate(store: GatheredRows, a: number, b: number, age: number | null): ClientFigures {
    const rules = this.rules;
    const rows = store.columns;
    const count = store.group(a, b);
    const { members, bounds } = store;
    const perDay = this.perDay.fill(0);
    const stamp = this.nextStamp();
    let staff = 0;
    let doubleStaffedVisits = 0;
    let bestGroup = -1;
    for (let v = 0; v < count; v++) {
      const from = bounds[v]!, to = bounds[v + 1]!;
      const first = firstOf(rows, members, from, to);
      perDay[rows.day[members[from]!]!]!++;
      const g = rows.group[first]!;
      if (g >= this.groupCount.length) this.groupCount = grown(this.groupCount, g);
      const n = ++this.groupCount[g]!;
      if (n === 1) this.groupsSeen.push(g);
      if (bestGroup < 0 || n > this.groupCount[bestGroup]! || (n === this.groupCount[bestGroup]! && g < bestGroup)) bestGroup = g;
      if (to - from > 1 && togetherLongEnough(longestTogetherOf(rows, members, from, to), this.handoverMs)) doubleStaffedVisits++;
      if (rules.countBothStaff) for (let k = from; k < to; k++) staff += this.meet(rows.staff[members[k]!]!, stamp);
      else staff += this.meet(rows.staff[first]!, stamp);
    }
    for (const g of this.groupsSeen) this.groupCount[g] = 0;
    this.groupsSeen.length = 0;

    let reason: IneligibleReason | null = null;
    let firstShortDay = -1;
    if (count === 0) reason = 'no_counted_visits';
    else if (rules.dailyRule === 'every-day') {
      firstShortDay = perDay.findIndex((n) => n < rules.minVisitsPerDay);
      if (firstShortDay >= 0) reason = 'too_few_visits_on_a_day';
    } else if (count < rules.minVisitsPerDay * this.window.days) reason = 'too_few_visits_on_average';
    if (reason === null && rules.minAge !== null && age !== null && age < rules.minAge) reason = 'under_min_age';

    const f = this.figures;
    f.visits = count;
    f.staff = staff;
    f.reason = reason;
    f.firstShortDay = firstShortDay;
    f.doubleStaffedVisits = doubleStaffedVisits;
    f.group = bestGroup;
    return f;
  }

  /** 1 when staff member `s` is met for the first time in this client's evaluation (marked with `stamp`), else 0. */
  private meet(s: number, stamp: number): number {
    if (s >= this.staffSeen.length) this.staffSeen = grown(this.staffSeen, s);
    if (this.staffSeen[s] === stamp) return 0;
    this.staffSeen[s] = stamp;
    return 1;
  }

  /** A fresh mark for the staff seen (the marks start over before the counter overflows). */
  private nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.staffSeen.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

function grown(a: Int32Array, index: number): Int32Array {
  const bigger = new Int32Array(Math.max(2 * a.length, index + 1));
  bigger.set(a);
  return bigger;
}

/**
 * The row of a visit's first staff member: earliest start, then earliest end, then lowest staff
 * (by id). With `countBothStaff: false` only this staff member counts; every other staff member
 * of the visit is a "second staff member". The visit is `members[from] … members[to - 1]`.
 *
 * @example
 * firstOf(rows, Int32Array.of(0, 1), 0, 2); // → 1 when row 1 starts before row 0
 */
export function firstOf(rows: ClientRows, members: ArrayLike<number>, from: number, to: number): number {
  const { start, end, staff } = rows;
  let best = members[from]!;
  for (let k = from + 1; k < to; k++) {
    const r = members[k]!;
    if (start[r]! < start[best]! || (start[r] === start[best] && (end[r]! < end[best]! || (end[r] === end[best] && staff[r]! < staff[best]!)))) best = r;
  }
  return best;
}

/**
 * A client's result from its figures.
 *
 * @example
 * clientContinuity('C1', figures, 'Norr', 84, window.fromDay); // → { client: 'C1', group: 'Norr', … }
 */
export function clientContinuity(client: string, f: ClientFigures, group: string, age: number | null, fromDay: number): ClientContinuity {
  return {
    client,
    group,
    eligible: f.reason === null,
    visits: f.visits,
    staff: f.staff,
    reason: f.reason,
    firstShortDay: f.firstShortDay < 0 ? null : civilFromDays(fromDay + f.firstShortDay),
    age,
    doubleStaffedVisits: f.doubleStaffedVisits,
  };
}
