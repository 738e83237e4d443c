import { looseRows, type GatheredRows } from './rowstore.js';
import type { VisitColumns } from './rows.js';

/**
 * What grouping needs of a row: its times and its visit id (`''` when the log has none).
 *
 * @example
 * const row: GroupableRow = { start: 0, end: 1_800_000, visitId: 'V1' };
 */
export interface GroupableRow {
  readonly start: number;
  readonly end: number;
  readonly visitId: string;
}

/**
 * True when two intervals overlap by at least half of the shorter one: the rule that makes two
 * rows without a visit id one visit.
 *
 * @example
 * overlapsByHalf(0, 60, 20, 80); // → true  (overlap 40 ≥ 60/2)
 * overlapsByHalf(0, 60, 50, 70); // → false (overlap 10 < 20/2)
 */
export function overlapsByHalf(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  const overlap = Math.min(aEnd, bEnd) - Math.max(aStart, bStart);
  return overlap > 0 && 2 * overlap >= Math.min(aEnd - aStart, bEnd - bStart);
}

/**
 * The visit column of {@link VisitColumns} for rows given as objects: per row the index of the
 * first row with the same visit id, or -1 without one.
 *
 * @example
 * firstOfSameVisit([{ visitId: 'V1' }, { visitId: '' }, { visitId: 'V1' }]); // → Int32Array [0, -1, 0]
 */
export function firstOfSameVisit(rows: readonly { readonly visitId: string }[]): Int32Array {
  const first = new Map<string, number>();
  return Int32Array.from(rows, ({ visitId }, i) => {
    if (visitId === '') return -1;
    const f = first.get(visitId);
    if (f !== undefined) return f;
    first.set(visitId, i);
    return i;
  });
}


/**
 * Groups the rows of ONE client into visits ({@link GatheredRows.group}'s rule, over objects): rows
 * sharing a visit id are one visit; rows without a visit id form one visit with every row they
 * overlap by at least half of the shorter (taken transitively). Returns the visits as lists of
 * row indices, each list sorted by row start, the visits ordered by their first start (ties: the
 * lower row index). The result does not depend on the order of `rows` other than through those
 * ties.
 *
 * @example
 * groupVisits([
 *   { start: 0, end: 60, visitId: '' }, { start: 5, end: 60, visitId: '' }, { start: 100, end: 130, visitId: '' },
 * ]); // → [[0, 1], [2]]
 */
export function groupVisits(rows: readonly GroupableRow[]): number[][] {
  const store = looseRows();
  store.load(Float64Array.from(rows, (r) => r.start), Float64Array.from(rows, (r) => r.end), firstOfSameVisit(rows));
  const count = store.group(0, rows.length);
  const { members, bounds } = store;
  const visits: number[][] = [];
  for (let v = 0; v < count; v++) visits.push(Array.from(members.subarray(bounds[v]!, bounds[v + 1]!)));
  return visits;
}
