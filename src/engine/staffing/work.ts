// The staffing figures as a share of the engine's evaluation: what a thread needs to staff the
// clients of the partitions it evaluates (plain data, so it can go to a worker), and the staffer
// of one window made from it. The rule itself is in client.ts; the engine runs it over its
// columns (ColumnStaffer, held equal to the rule by a property test).
import type { ClientFigures, CountedColumns } from '../evaluate.js';
import type { GatheredRows } from '../rowstore.js';
import type { ContinuityRules } from '../../measures/continuity/rules.js';
import type { DayWindow } from '../../windows/windows.js';
import { LocalZone } from '../../windows/zone.js';
import type { ClientWindowStaffing, StafferOptions } from '../../measures/staffing/client.js';
import { ColumnStaffer } from './columns.js';

/**
 * What a thread of the evaluation needs to staff each client it evaluates ({@link ClientStaffer}):
 * the staffer's options, the zone's name and the names of the log (clients, staff and groups by
 * their merged numbers; groups by their rank too). Only strings and numbers: it goes to workers.
 *
 * @example
 * const work: StaffingWork = { options: { slots: {}, listVisits: true }, zone: 'Europe/Stockholm', clientIds, staffNames, groupNames, groupsByRank };
 */
export interface StaffingWork {
  options: StafferOptions;
  zone: string;
  /** Client ids (as read) by client number. */
  clientIds: readonly string[];
  /** Staff ids by staff number. */
  staffNames: readonly string[];
  /** Group names by group number. */
  groupNames: readonly string[];
  /** Group names by their rank (the measure's columns hold ranks). */
  groupsByRank: readonly string[];
}

/**
 * Staffs the clients of one window during the engine's evaluation: each client's counted rows
 * (rows [a, b) of the store's columns, as {@link GatheredRows.forEachClient} gives them) with the
 * measure's figures of the same client, by the rule of `ClientStaffer` ({@link ColumnStaffer}).
 *
 * @example
 * const staffer = new WindowStaffer(work, rules, window);
 * store.forEachClient(ranks, (c, rows, a, b) => list.push(staffer.staff(store, c, a, b, age, evaluator.evaluate(store, a, b, age))), window.days);
 */
export class WindowStaffer {
  private readonly staffer: ColumnStaffer;

  constructor(private readonly work: StaffingWork, rules: ContinuityRules, window: DayWindow) {
    this.staffer = new ColumnStaffer(window, rules, new LocalZone(work.zone), work.options, work.staffNames);
  }

  /** The staffing of client number `client`, whose rows are [a, b) of `store`'s columns; `measured` its figures under the measure's rules. */
  staff(store: GatheredRows, client: number, a: number, b: number, age: number | null, measured: ClientFigures): ClientWindowStaffing {
    const w = this.work;
    const columns: CountedColumns = { store, rows: store.columns, a, b, groups: w.groupsByRank };
    return this.staffer.staff(w.clientIds[client]!, columns, () => store.rowObjects(a, b, w.staffNames, w.groupNames), age, measured);
  }
}
