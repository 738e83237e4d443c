/**
 * The order of the route figures' rows by staff-day: staff member by staff member, each one's
 * rows by local day, and where each staff-day begins.
 *
 * @module
 */

/**
 * The rows in the order of the staff-days ({@link RouteRows.staffDays}): staff member by staff
 * member, each one's by local day, start, end and row order (a staff-day's stops; ties as the rows
 * came).
 *
 * @example
 * const order = rows.staffDays(zone);
 * order.rows.subarray(order.staffFirst[s], order.staffFirst[s + 1]); // → staff member s's rows, day by day
 */
export interface StaffDayOrder {
  /** Row numbers, staff by staff (by number). */
  rows: Int32Array;
  /** Where each staff member's rows begin in `rows` (one more entry: the end). */
  staffFirst: Int32Array;
  /** Staff numbers in the order of their ids (as strings). */
  byName: Int32Array;
  /** Where each staff-day's rows begin in `rows`, staff by staff (by number) and day by day (one more entry: the end). */
  dayFirst: Int32Array;
  /** Each staff-day's local day. */
  dayOf: Int32Array;
  /** Where each staff member's staff-days begin in `dayFirst` (one more entry: the end). */
  staffDayFirst: Int32Array;
}

/**
 * The staff-days of rows in the order of the staff-days (`rows`, staff member s's at
 * `first[s]` … `first[s + 1] − 1`, each one's by local day `day[row]`): each run of one staff
 * member's rows on one day is a staff-day.
 *
 * @example
 * staffDayRuns(Int32Array.of(1, 0, 2), Int32Array.of(0, 2, 3), Int32Array.of(5, 5, 6));
 * // → { dayFirst: [0, 2, 3], dayOf: [5, 6], staffDayFirst: [0, 1, 2] }
 */
export function staffDayRuns(rows: Int32Array, first: Int32Array, day: Int32Array): Pick<StaffDayOrder, 'dayFirst' | 'dayOf' | 'staffDayFirst'> {
  const staffCount = first.length - 1;
  const starts = (s: number, a: number) => a === first[s]! || day[rows[a]!] !== day[rows[a - 1]!];
  let runs = 0;
  for (let s = 0; s < staffCount; s++) for (let a = first[s]!; a < first[s + 1]!; a++) if (starts(s, a)) runs++;
  const dayFirst = new Int32Array(runs + 1), dayOf = new Int32Array(runs), staffDayFirst = new Int32Array(staffCount + 1);
  let r = 0;
  for (let s = 0; s < staffCount; s++) {
    staffDayFirst[s] = r;
    for (let a = first[s]!; a < first[s + 1]!; a++) {
      if (!starts(s, a)) continue;
      dayFirst[r] = a;
      dayOf[r++] = day[rows[a]!]!;
    }
  }
  staffDayFirst[staffCount] = r;
  dayFirst[runs] = rows.length;
  return { dayFirst, dayOf, staffDayFirst };
}

/**
 * Rows 0 … n − 1 sorted by `key` (0 … keys − 1), in row order within a key: `first[k]` is where key k begins in `rows`.
 *
 * @example
 * countingSort(3, 2, (i) => [1, 0, 1][i]); // → { first: [0, 1, 3], rows: [1, 0, 2] }
 */
export function countingSort(n: number, keys: number, key: (i: number) => number): { first: Int32Array; rows: Int32Array } {
  const first = new Int32Array(keys + 1);
  for (let i = 0; i < n; i++) first[key(i) + 1]!++;
  for (let k = 0; k < keys; k++) first[k + 1]! += first[k]!;
  const next = first.slice(0, keys);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[next[key(i)]!++] = i;
  return { first, rows };
}
