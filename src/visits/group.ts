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
 * Groups the rows of ONE client into visits: rows sharing a visit id are one visit; rows without
 * a visit id form one visit with every row they overlap by at least half of the shorter (taken
 * transitively). Returns the visits as lists of row indices, each list sorted by row start, the
 * visits ordered by their first start (ties: the lower row index). The result does not depend on
 * the order of `rows` other than through those ties.
 *
 * @example
 * groupVisits([
 *   { start: 0, end: 60, visitId: '' }, { start: 5, end: 60, visitId: '' }, { start: 100, end: 130, visitId: '' },
 * ]); // → [[0, 1], [2]]
 */
export function groupVisits(rows: readonly GroupableRow[]): number[][] {
  const n = rows.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const byId = new Map<string, number>();
  const loose: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = rows[i]!.visitId;
    if (id === '') loose.push(i);
    else {
      const first = byId.get(id);
      if (first === undefined) byId.set(id, i);
      else union(first, i);
    }
  }
  loose.sort((a, b) => rows[a]!.start - rows[b]!.start || a - b);
  for (let x = 0; x < loose.length; x++) {
    const a = rows[loose[x]!]!;
    for (let y = x + 1; y < loose.length; y++) {
      const b = rows[loose[y]!]!;
      if (b.start >= a.end) break;
      if (overlapsByHalf(a.start, a.end, b.start, b.end)) union(loose[x]!, loose[y]!);
    }
  }

  // members of each root, the visits in order of their first row
  const lists: (number[] | undefined)[] = new Array(n);
  const visits: number[][] = [];
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const list = lists[root];
    if (list === undefined) visits.push((lists[root] = [i]));
    else list.push(i);
  }
  for (const v of visits) v.sort((a, b) => rows[a]!.start - rows[b]!.start || a - b);
  visits.sort((p, q) => rows[p[0]!]!.start - rows[q[0]!]!.start || p[0]! - q[0]!);
  return visits;
}
