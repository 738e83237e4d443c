import { looseRows } from '../../engine/rowstore.js';

/**
 * What double-staffing detection needs of a row: when one staff member was at the visit (epoch
 * ms, end exclusive) and who (an id or an interned number).
 *
 * @example
 * const row: PresenceRow = { start: 1728280800000, end: 1728283500000, staff: 'S1' };
 */
export interface PresenceRow {
  readonly start: number;
  readonly end: number;
  readonly staff: string | number;
}

/**
 * Longest time (ms) that two DIFFERENT staff members are present together at one visit, over
 * every pair of its rows. A visit is double-staffed when this is at least the handover threshold
 * (default 5 minutes); shorter is a handover; rows of one staff member only give 0.
 *
 * @example
 * longestTogether([{ start: 0, end: 60, staff: 'A' }, { start: 10, end: 50, staff: 'B' }], [0, 1]); // → 40
 */
export function longestTogether(rows: readonly PresenceRow[], visit: readonly number[]): number {
  const numbers = new Map<string | number, number>();
  const at = (i: number) => rows[visit[i]!]!;
  const store = looseRows(); // the measure's rule, in WebAssembly (GatheredRows.together)
  store.load(
    Float64Array.from(visit, (_, i) => at(i).start),
    Float64Array.from(visit, (_, i) => at(i).end),
    new Int32Array(visit.length).fill(-1),
    Int32Array.from(visit, (_, i) => {
      const s = at(i).staff;
      let n = numbers.get(s);
      if (n === undefined) numbers.set(s, (n = numbers.size));
      return n;
    }),
  );
  return store.together(0, visit.length);
}

/**
 * True when a visit had two or more different staff present at once for at least
 * `handoverMs` (and for some time at all when `handoverMs` is 0).
 *
 * @example
 * isDoubleStaffed([{ start: 0, end: 3_600_000, staff: 'A' }, { start: 0, end: 3_600_000, staff: 'B' }], [0, 1], 300_000); // → true
 */
export function isDoubleStaffed(rows: readonly PresenceRow[], visit: readonly number[], handoverMs: number): boolean {
  return togetherLongEnough(longestTogether(rows, visit), handoverMs);
}

/**
 * The double-staffing threshold: staff together for some time, and at least `handoverMs`.
 *
 * @example
 * togetherLongEnough(240_000, 300_000); // → false (a handover)
 */
export function togetherLongEnough(togetherMs: number, handoverMs: number): boolean {
  return togetherMs > 0 && togetherMs >= handoverMs;
}

/**
 * The largest number of DIFFERENT staff present at the same time at one visit (0 for an empty
 * visit). Rows touching end to start are not together; two rows of one staff member count once.
 *
 * @example
 * peakTogether([{ start: 0, end: 60, staff: 'A' }, { start: 0, end: 30, staff: 'B' }, { start: 10, end: 20, staff: 'C' }], [0, 1, 2]); // → 3
 */
export function peakTogether(rows: readonly PresenceRow[], visit: readonly number[]): number {
  let peak = 0;
  for (const i of visit) {
    const t = rows[i]!.start;
    const present = new Set<string | number>();
    for (const j of visit) {
      const r = rows[j]!;
      if (r.start <= t && t < r.end) present.add(r.staff);
    }
    if (present.size > peak) peak = present.size;
  }
  return peak;
}

/**
 * Staff time (ms) of one visit: for every staff member, the length of the union of their rows,
 * summed. A duplicate registration (one staff member's overlapping rows) therefore counts once.
 * With `within` (a window's first and end instant), only the time inside it counts: a visit
 * across the window's end gives the window its part.
 *
 * @example
 * staffTime([{ start: 0, end: 60, staff: 'A' }, { start: 10, end: 50, staff: 'B' }, { start: 0, end: 60, staff: 'A' }], [0, 1, 2]); // → 100
 * staffTime([{ start: 0, end: 60, staff: 'A' }], [0], { start: 0, end: 40 }); // → 40
 */
export function staffTime(rows: readonly PresenceRow[], visit: readonly number[], within?: Interval): number {
  return runsTime(staffRuns(rows, visit), within);
}

/**
 * {@link staffTime} from a visit's {@link staffRuns}: the runs' lengths (inside `within`) summed.
 *
 * @example
 * runsTime(staffRuns(rows, visit), window); // → staffTime(rows, visit, window)
 */
export function runsTime(runs: readonly StaffRun[], within?: Interval): number {
  const from = within?.start ?? -Infinity;
  const to = within?.end ?? Infinity;
  let total = 0;
  for (const run of runs) total += Math.max(0, Math.min(run.end, to) - Math.max(run.start, from));
  return total;
}

/**
 * A span of time `[start, end)` in epoch ms.
 *
 * @example
 * const window: Interval = { start: w.dayStarts[0], end: w.dayStarts[w.days] };
 */
export interface Interval {
  start: number;
  end: number;
}

/**
 * Duplicate registrations of one visit: for each staff member, the sets of their rows that
 * overlap one another (taken transitively), when a set has two rows or more. Each set is a list
 * of row indices sorted by start; rows of one staff member in sequence (not overlapping) are not
 * duplicates.
 *
 * @example
 * duplicateRegistrations([{ start: 0, end: 60, staff: 'A' }, { start: 0, end: 60, staff: 'A' }, { start: 0, end: 60, staff: 'B' }], [0, 1, 2]); // → [[0, 1]]
 */
export function duplicateRegistrations(rows: readonly PresenceRow[], visit: readonly number[]): number[][] {
  return runsDuplicates(staffRuns(rows, visit));
}

/**
 * {@link duplicateRegistrations} from a visit's {@link staffRuns}: the rows of each run of two rows or more.
 *
 * @example
 * runsDuplicates(staffRuns(rows, visit)); // → duplicateRegistrations(rows, visit)
 */
export function runsDuplicates(runs: readonly StaffRun[]): number[][] {
  return runs.filter((run) => run.rows.length > 1).map((run) => run.rows);
}

/**
 * A staff member's overlapping rows at one visit, merged: from the earliest start to the latest
 * end, and the rows (indices, by start).
 *
 * @example
 * const run: StaffRun = { start: 0, end: 60, rows: [0, 2] };
 */
export interface StaffRun {
  start: number;
  end: number;
  rows: number[];
}

/**
 * Each staff member's rows of a visit merged into runs of overlapping rows (taken transitively;
 * rows that only touch are two runs), by staff, then start.
 *
 * @example
 * staffRuns([{ start: 0, end: 60, staff: 'A' }, { start: 30, end: 90, staff: 'A' }], [0, 1]); // → [{ start: 0, end: 90, rows: [0, 1], … }]
 */
export function staffRuns(rows: readonly PresenceRow[], visit: readonly number[]): StaffRun[] {
  const order = [...visit].sort((a, b) => {
    const x = rows[a]!, y = rows[b]!;
    return x.staff === y.staff ? x.start - y.start || a - b : String(x.staff) < String(y.staff) ? -1 : 1;
  });
  const runs: { start: number; end: number; rows: number[]; staff: string | number }[] = [];
  for (const i of order) {
    const r = rows[i]!;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.staff === r.staff && r.start < last.end) {
      last.rows.push(i);
      if (r.end > last.end) last.end = r.end;
    } else runs.push({ start: r.start, end: r.end, rows: [i], staff: r.staff });
  }
  return runs;
}
