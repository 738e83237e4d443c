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
 * Rows in columns for {@link VisitGrouper}: times, and per row the index of the first row of
 * the same client with the same visit id (the row itself when it is the first), or -1 when the
 * row has no visit id.
 *
 * @example
 * const rows: VisitColumns = { start: Float64Array.of(0, 5), end: Float64Array.of(60, 60), visit: Int32Array.of(0, 0) };
 */
export interface VisitColumns {
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly visit: Int32Array;
}

/**
 * Groups rows of ONE client into visits, over columns (the measure's hot path; {@link groupVisits}
 * is the same rule over objects). Rows sharing a visit id are one visit; rows without a visit id
 * form one visit with every row they overlap by at least half of the shorter (taken
 * transitively). Afterwards visit `v` is `members[bounds[v]] … members[bounds[v + 1] - 1]` (row
 * indices, sorted by start, ties by index), the visits ordered by their first start (ties: the
 * lower row index). The arrays are scratch, valid until the next call.
 *
 * @example
 * const g = new VisitGrouper();
 * const n = g.group({ start: Float64Array.of(0, 5, 100), end: Float64Array.of(60, 60, 130), visit: Int32Array.of(-1, -1, -1) }, 0, 3);
 * // n → 2; g.members → [0, 1, 2, …]; g.bounds → [0, 2, 3, …]
 */
export class VisitGrouper {
  members = new Int32Array(64);
  bounds = new Int32Array(65);
  private order = new Int32Array(64);
  private parent = new Int32Array(64);
  private loose = new Int32Array(64);
  private visitOf = new Int32Array(64);

  /** Groups rows [a, b); returns the number of visits. */
  group(rows: VisitColumns, a: number, b: number): number {
    const n = b - a;
    if (n > this.order.length) this.grow(n);
    const { start, end, visit } = rows;
    const order = this.order;
    const parent = this.parent;
    let sorted = true;
    for (let i = 0; i < n; i++) {
      order[i] = i;
      parent[i] = i;
      if (i > 0 && start[a + i]! < start[a + i - 1]!) sorted = false;
    }
    if (!sorted) order.subarray(0, n).sort((x, y) => start[a + x]! - start[a + y]! || x - y);
    const find = (i: number): number => {
      while (parent[i] !== i) {
        parent[i] = parent[parent[i]!]!;
        i = parent[i]!;
      }
      return i;
    };
    const union = (x: number, y: number): void => {
      const rx = find(x), ry = find(y);
      if (rx !== ry) parent[Math.max(rx, ry)] = Math.min(rx, ry);
    };

    // rows sharing a visit id; the loose rows (no id) in start order
    const loose = this.loose;
    let looseCount = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const first = visit[a + i]!;
      if (first < 0) loose[looseCount++] = i;
      else if (first !== a + i) union(first - a, i);
    }
    for (let x = 0; x < looseCount; x++) {
      const p = a + loose[x]!;
      for (let y = x + 1; y < looseCount; y++) {
        const q = a + loose[y]!;
        if (start[q]! >= end[p]!) break;
        if (overlapsByHalf(start[p]!, end[p]!, start[q]!, end[q]!)) union(loose[x]!, loose[y]!);
      }
    }

    // visits numbered in start order of their first row; members placed in start order
    const visitOf = this.visitOf;
    const bounds = this.bounds;
    for (let i = 0; i < n; i++) visitOf[i] = -1;
    let count = 0;
    for (let k = 0; k < n; k++) {
      const root = find(order[k]!);
      let v = visitOf[root]!;
      if (v < 0) {
        v = visitOf[root] = count++;
        bounds[v + 1] = 0;
      }
      bounds[v + 1]!++;
    }
    bounds[0] = 0;
    for (let v = 0; v < count; v++) bounds[v + 1]! += bounds[v]!;
    const fill = this.loose; // the loose list is done with: reuse it as the fill positions
    for (let v = 0; v < count; v++) fill[v] = bounds[v]!;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      this.members[fill[visitOf[find(i)]!]!++] = a + i;
    }
    return count;
  }

  private grow(n: number): void {
    const size = Math.max(n, 2 * this.order.length);
    this.members = new Int32Array(size);
    this.bounds = new Int32Array(size + 1);
    this.order = new Int32Array(size);
    this.parent = new Int32Array(size);
    this.loose = new Int32Array(size);
    this.visitOf = new Int32Array(size);
  }
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

/** The scratch of {@link groupVisits}, kept between calls (its answer is copied out before it returns). */
const SHARED_GROUPER = new VisitGrouper();

/**
 * Groups the rows of ONE client into visits ({@link VisitGrouper}'s rule, over objects): rows
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
  const grouper = SHARED_GROUPER;
  const count = grouper.group({
    start: Float64Array.from(rows, (r) => r.start),
    end: Float64Array.from(rows, (r) => r.end),
    visit: firstOfSameVisit(rows),
  }, 0, rows.length);
  const visits: number[][] = [];
  for (let v = 0; v < count; v++) visits.push(Array.from(grouper.members.subarray(grouper.bounds[v]!, grouper.bounds[v + 1]!)));
  return visits;
}
