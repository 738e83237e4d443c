/**
 * Which of the route figures' rows are of double-staffed visits.
 *
 * @module
 */
import { looseRows } from '../../engine/rowstore.js';
import { togetherLongEnough } from '../staffing/together.js';
import type { Times, Whole } from './columns.js';
import type { VisitIds } from './visitIds.js';
import { countingSort } from './staffDayOrder.js';

/**
 * 1 for each of rows 0 … n − 1 of a double-staffed visit, else 0: each client's rows (client
 * numbers 0 … clients − 1 in `client`, in row order) grouped into visits as the measure groups
 * them (`groupVisits`: rows sharing a visit id, else overlapping by half), a visit double-staffed
 * by the rule of `isDoubleStaffed` (two different staff together at least `handoverMs`: the
 * longest time together, `longestTogether`, is the row store's `together`, which it calls). A
 * client's rows are grouped only when two of different staff overlap in time ({@link twoStaffAtOnce}):
 * else no visit of theirs has two staff together.
 *
 * @example
 * const double = doubleStaffedRows(rows, clients, client, staff, times, visits, 300_000);
 * double[i]; // → 1 when row i is of a visit two staff members made together
 */
export function doubleStaffedRows(n: number, clients: number, client: Whole, staff: Whole, times: Times, visits: VisitIds, handoverMs: number): Uint8Array {
  const double = new Uint8Array(n);
  const { first, rows } = countingSort(client.copy(n), clients);
  const c = new ClientScratch();
  const store = looseRows();
  for (let k0 = 0; k0 < clients; k0++) {
    const a = first[k0]!, k = first[k0 + 1]! - a;
    if (k < 2) continue; // one row: one visit of one staff member
    c.room(k);
    const { start, end, visit, staffOf } = c;
    let oneStaff = true;
    for (let r = 0; r < k; r++) {
      const i = rows[a + r]!;
      start[r] = times.start(i);
      end[r] = times.end(i);
      staffOf[r] = staff.get(i);
      if (staffOf[r] !== staffOf[0]) oneStaff = false;
    }
    if (oneStaff || !twoStaffAtOnce(start, end, staffOf, k)) continue; // no two different staff together
    c.clearIds(k);
    for (let r = 0; r < k; r++) visit[r] = c.firstWithId(visits, rows, a, r);
    store.load(start.subarray(0, k), end.subarray(0, k), visit.subarray(0, k), staffOf.subarray(0, k));
    const count = store.group(0, k);
    const { members, bounds } = store;
    for (let v = 0; v < count; v++) {
      const from = bounds[v]!, to = bounds[v + 1]!;
      if (to - from < 2) continue;
      if (togetherLongEnough(store.together(from, to), handoverMs)) for (let m = from; m < to; m++) double[rows[a + members[m]!]!] = 1;
    }
  }
  return double;
}

/**
 * Whether two of rows 0 … k − 1 of different staff (`staffOf`) overlap in time ([start, end)
 * for some time), or the rows are not in order of start (then it is not looked into: true).
 * Without such two no visit of the rows has two different staff together for any time, which
 * double staffing needs (`togetherLongEnough`: together for some time).
 *
 * @example
 * twoStaffAtOnce(Float64Array.of(0, 10), Float64Array.of(10, 20), Int32Array.of(1, 2), 2); // → false (one after the other)
 * twoStaffAtOnce(Float64Array.of(0, 5), Float64Array.of(10, 20), Int32Array.of(1, 2), 2); // → true
 */
export function twoStaffAtOnce(start: Float64Array, end: Float64Array, staffOf: Int32Array, k: number): boolean {
  // the latest end so far and its staff member, and the latest end of any other staff member
  let last = -Infinity, lastStaff = -1, other = -Infinity;
  for (let r = 0; r < k; r++) {
    const s = start[r]!, e = end[r]!, who = staffOf[r]!;
    if (r > 0 && s < start[r - 1]!) return true;
    if (s < (who === lastStaff ? other : last) && e > s) return true;
    if (e > last) {
      if (who !== lastStaff) other = last;
      last = e;
      lastStaff = who;
    } else if (who !== lastStaff && e > other) other = e;
  }
  return false;
}

/** One client's rows in turn (grown as needed): times, staff, the visit column and a table of the visit ids' hashes. */
class ClientScratch {
  start = new Float64Array(16);
  end = new Float64Array(16);
  /** The position of the first row with the row's visit id (-1: none), as the row store's `load` takes it. */
  visit = new Int32Array(16);
  staffOf = new Int32Array(16);
  /** Open addressing on a visit id's hash: position + 1 of the first row with that hash (0: empty). */
  private table = new Int32Array(32);
  private mask = 0;
  /** Each row's hash (of the rows in the table). */
  private hashOf = new Uint32Array(16);

  /** Room for `k` rows. */
  room(k: number): void {
    if (k <= this.start.length) return;
    const c = 2 * k;
    this.start = new Float64Array(c);
    this.end = new Float64Array(c);
    this.visit = new Int32Array(c);
    this.staffOf = new Int32Array(c);
    this.hashOf = new Uint32Array(c);
  }

  /** An empty table for `k` rows (at most half full). */
  clearIds(k: number): void {
    let size = 32;
    while (size < 2 * k) size *= 2;
    if (size > this.table.length) this.table = new Int32Array(size);
    else this.table.fill(0, 0, size);
    this.mask = size - 1;
  }

  /**
   * The first of a client's rows `rows[a …]` with the visit id of its row r (r itself when none
   * before has it; -1 for no id), by the ids' hashes (a hash shared by another id: the rows
   * before searched in turn).
   */
  firstWithId(visits: VisitIds, rows: Int32Array, a: number, r: number): number {
    const i = rows[a + r]!, h = visits.hash(i);
    if (h === -1) return -1;
    const { table, hashOf, visit } = this;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const e = table[slot]!;
      if (e === 0) {
        table[slot] = r + 1;
        hashOf[r] = h;
        return r;
      }
      const first = e - 1;
      if (hashOf[first] !== h) continue;
      if (visits.same(rows[a + first]!, i)) return first;
      for (let q = first + 1; q < r; q++) if (visit[q] === q && visits.same(rows[a + q]!, i)) return q;
      return r;
    }
  }
}
