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
  /** Row numbers, staff by staff (by number); null once the rows are put in this order ({@link RouteRows.reorder}). */
  rows: Int32Array | null;
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
 * The rows in the order of the staff-days ({@link StaffDayOrder}) of rows 0 … n − 1 with staff
 * numbers `staff` (0 … staffCount − 1), local days `day`, times `times` and staff ids `names`:
 * by day, then stably by staff member (two counting sorts), then each staff-day's rows by start
 * and end (ties in row order, as they came).
 *
 * @example
 * const order = staffDayOrder(staff, names.length, day, times, names);
 * order.rows.subarray(order.dayFirst[0], order.dayFirst[1]); // → staff member 0's first staff-day, by start
 */
export function staffDayOrder(staff: ArrayLike<number>, staffCount: number, day: Int32Array, times: RowTimes, names: readonly string[]): StaffDayOrder {
  let from = Infinity, to = -Infinity, ordered = true;
  for (let i = 0; i < day.length; i++) {
    const d = day[i]!;
    if (d < from) from = d;
    if (d > to) to = d;
    if (i > 0 && d < day[i - 1]!) ordered = false;
  }
  // a log read in order of time is in order of day already
  const byDay = ordered ? undefined : countingSort(day, to - from + 1, from).rows;
  const { first, rows } = countingSort(staff, staffCount, 0, byDay);
  const runs = staffDayRuns(rows, first, day);
  sortRunsByTime(rows, runs.dayFirst, times);
  const byName = Int32Array.from(names, (_, s) => s).sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
  return { rows, staffFirst: first, byName, ...runs };
}

/**
 * The start and end (epoch ms) of each row.
 *
 * @example
 * const times: RowTimes = { start: (i) => starts[i], end: (i) => ends[i] };
 */
export interface RowTimes {
  start(i: number): number;
  end(i: number): number;
}

/** Runs of more rows than this are sorted by the engine's sort (fewer: by insertion, as they are mostly in order already). */
const INSERTION_RUN = 48;

/**
 * Sorts each run `rows[runFirst[r]]` … `rows[runFirst[r + 1] − 1]` (rows in increasing order) by
 * start, then end, then row.
 */
function sortRunsByTime(rows: Int32Array, runFirst: Int32Array, times: RowTimes): void {
  const start = new Float64Array(INSERTION_RUN), end = new Float64Array(INSERTION_RUN);
  const byTime = (x: number, y: number) => times.start(x) - times.start(y) || times.end(x) - times.end(y) || x - y;
  for (let r = 0; r + 1 < runFirst.length; r++) {
    const a = runFirst[r]!, k = runFirst[r + 1]! - a;
    if (k < 2) continue;
    if (k > INSERTION_RUN) {
      rows.subarray(a, a + k).sort(byTime);
      continue;
    }
    for (let j = 0; j < k; j++) {
      const i = rows[a + j]!, s = times.start(i), e = times.end(i);
      // a stable insertion: a row goes after every row before it of the same start and end
      let q = j - 1;
      while (q >= 0 && (start[q]! > s || (start[q] === s && end[q]! > e))) {
        start[q + 1] = start[q]!;
        end[q + 1] = end[q]!;
        rows[a + q + 1] = rows[a + q]!;
        q--;
      }
      start[q + 1] = s;
      end[q + 1] = e;
      rows[a + q + 1] = i;
    }
  }
}

/**
 * The rows `order` (by default 0 … n − 1, n = `key.length`) sorted stably by their key
 * `key[row] − from` (0 … keys − 1): `first[k]` is where key k begins in `rows`.
 *
 * @example
 * countingSort([1, 0, 1], 2); // → { first: [0, 1, 3], rows: [1, 0, 2] }
 * countingSort([1, 0, 1], 2, 0, Int32Array.of(2, 1, 0)); // → { first: [0, 1, 3], rows: [1, 2, 0] }
 */
export function countingSort(key: ArrayLike<number>, keys: number, from = 0, order?: Int32Array): { first: Int32Array; rows: Int32Array } {
  const n = key.length;
  const first = new Int32Array(keys + 1);
  for (let i = 0; i < n; i++) first[key[i]! - from + 1]!++;
  for (let k = 0; k < keys; k++) first[k + 1]! += first[k]!;
  const next = first.slice(0, keys);
  const rows = new Int32Array(n);
  if (order === undefined) for (let i = 0; i < n; i++) rows[next[key[i]! - from]!++] = i;
  else for (let j = 0; j < n; j++) {
    const i = order[j]!;
    rows[next[key[i]! - from]!++] = i;
  }
  return { first, rows };
}
