/**
 * Which of the route figures' rows are of double-staffed visits.
 *
 * @module
 */
import { looseRows } from '../../engine/rowstore.js';
import { isDoubleStaffed } from '../staffing/together.js';
import type { Times, VisitIds, Whole } from './columns.js';
import { countingSort } from './staffDayOrder.js';

/**
 * 1 for each of rows 0 … n − 1 of a double-staffed visit, else 0: each client's rows (client
 * numbers 0 … clients − 1 in `client`, in row order) grouped into visits as the measure groups
 * them (`groupVisits`: rows sharing a visit id, else overlapping by half), a visit double-staffed
 * by {@link isDoubleStaffed} (two different staff together at least `handoverMs`).
 *
 * @example
 * const double = doubleStaffedRows(rows, clients, client, staff, times, visits, 300_000);
 * double[i]; // → 1 when row i is of a visit two staff members made together
 */
export function doubleStaffedRows(n: number, clients: number, client: Whole, staff: Whole, times: Times, visits: VisitIds, handoverMs: number): Uint8Array {
  const double = new Uint8Array(n);
  const { first, rows } = countingSort(client.copy(n), clients);
  let start = new Float64Array(16), end = new Float64Array(16), visit = new Int32Array(16), members = new Int32Array(16), bounds = new Int32Array(17);
  /** The first of a client's rows with each visit id's hash. */
  const ids = new Map<number, number>();
  const store = looseRows();
  for (let c = 0; c < clients; c++) {
    const a = first[c]!, k = first[c + 1]! - a;
    if (k < 2) continue; // one row: one visit of one staff member
    if (k > start.length) {
      start = new Float64Array(2 * k);
      end = new Float64Array(2 * k);
      visit = new Int32Array(2 * k);
      members = new Int32Array(2 * k);
      bounds = new Int32Array(2 * k + 1);
    }
    ids.clear();
    for (let r = 0; r < k; r++) {
      const i = rows[a + r]!;
      start[r] = times.start(i);
      end[r] = times.end(i);
      visit[r] = firstWithId(visits, ids, rows, a, r, visit);
    }
    store.load(start.subarray(0, k), end.subarray(0, k), visit.subarray(0, k));
    const count = store.group(0, k);
    // copied out: the double-staffing rule uses the same store
    members.set(store.members.subarray(0, k));
    bounds.set(store.bounds.subarray(0, count + 1));
    for (let v = 0; v < count; v++) {
      const from = bounds[v]!, to = bounds[v + 1]!;
      if (to - from < 2) continue;
      const presence = [];
      for (let m = from; m < to; m++) {
        const i = rows[a + members[m]!]!;
        presence.push({ start: start[members[m]!]!, end: end[members[m]!]!, staff: staff.get(i) });
      }
      if (isDoubleStaffed(presence, presence.map((_, p) => p), handoverMs)) for (let m = from; m < to; m++) double[rows[a + members[m]!]!] = 1;
    }
  }
  return double;
}

/**
 * The first of a client's rows `rows[a …]` with the visit id of its row r (r itself when none
 * before has it; -1 for no id), by the ids' hashes in `ids` (a hash shared by another id: the
 * rows before searched in turn).
 */
function firstWithId(visits: VisitIds, ids: Map<number, number>, rows: Int32Array, a: number, r: number, visit: Int32Array): number {
  const i = rows[a + r]!, h = visits.hash(i);
  if (h === -1) return -1;
  const first = ids.get(h);
  if (first === undefined) {
    ids.set(h, r);
    return r;
  }
  if (visits.same(rows[a + first]!, i)) return first;
  for (let q = first + 1; q < r; q++) if (visit[q] === q && visits.same(rows[a + q]!, i)) return q;
  return r;
}
