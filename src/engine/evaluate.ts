import { civilFromDays } from '../windows/civil.js';
import type { GatheredRows } from './rowstore.js';
import type { ClientRows } from './rows.js';
import type { ContinuityRules } from '../measures/continuity/rules.js';
import type { ClientContinuity, IneligibleReason } from '../measures/continuity/types.js';

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

/**
 * Applies the visits rule, the age rule and the staff count to clients' counted rows in one
 * window: rows are grouped into visits ({@link GatheredRows.group}); each visit counts once on the day
 * of its first row and once for the group of its first staff member's row; the staff are those
 * of every row (or of the first staff member only, with `countBothStaff: false`); a visit is
 * double-staffed when two different staff were together at least `handoverMinutes`. The rules
 * over the rows run in WebAssembly ({@link GatheredRows.evaluate}); the age rule here.
 *
 * @example
 * const e = new ClientEvaluator(rules, window);
 * const f = e.evaluate(store, a, b, 84); // a client's rows [a, b) of store.columns → { visits, staff, reason, … }
 */
export class ClientEvaluator {
  private readonly handoverMs: number;
  private readonly everyDay: boolean;
  private readonly figures: ClientFigures = { visits: 0, staff: 0, reason: null, firstShortDay: -1, doubleStaffedVisits: 0, group: -1 };

  constructor(private readonly rules: ContinuityRules, private readonly window: { fromDay: number; days: number }) {
    this.handoverMs = rules.handoverMinutes * 60_000;
    this.everyDay = rules.dailyRule === 'every-day';
  }

  /** The figures of the client whose rows are [a, b) of `store`'s columns (an object reused by the next call). */
  evaluate(store: GatheredRows, a: number, b: number, age: number | null): ClientFigures {
    const rules = this.rules;
    const out = store.evaluate(a, b, rules.countBothStaff, this.handoverMs, this.window.days, rules.minVisitsPerDay, this.everyDay);
    let reason = out[2] === 0 ? null : REASONS[out[2]! - 1]!;
    if (reason === null && rules.minAge !== null && age !== null && age < rules.minAge) reason = 'under_min_age';
    const f = this.figures;
    f.visits = out[0]!;
    f.staff = out[1]!;
    f.reason = reason;
    f.firstShortDay = out[3]!;
    f.doubleStaffedVisits = out[4]!;
    f.group = out[5]!;
    return f;
  }
}

/** Reasons by their code (0: eligible, k: REASONS[k - 1]), in the order the rules are checked. */
export const REASONS: readonly IneligibleReason[] = ['no_counted_visits', 'too_few_visits_on_a_day', 'too_few_visits_on_average', 'under_min_age'];

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
