/**
 * What one visit is, and when it is double-staffed: the rules of the definition
 * ({@link ./definition.ts}) as plain code, apart from the engine (whose row store applies the
 * same rules in WebAssembly, held equal by test/continuity/definition.test.ts).
 *
 * @module
 */

/**
 * What the visit rules read of a row: its times (epoch ms), its visit id (`''` when the log has
 * none) and its staff member.
 *
 * @example
 * const row: VisitRow = { start: 0, end: 1_800_000, visitId: 'V1', staff: 'S1' };
 */
export interface VisitRow {
  readonly start: number;
  readonly end: number;
  readonly visitId: string;
  readonly staff: string;
}

/**
 * The rows of ONE client as visits (domain.md: "a double-staffed visit counts as one visit"):
 * rows sharing a visit id are one visit; rows without a visit id are one visit with every other
 * such row they overlap by at least half of the shorter, taken transitively. Each visit is a list
 * of row indices in start order (ties: the lower index); the visits come in the order of their
 * first row.
 *
 * @example
 * visitsOf([
 *   { start: 0, end: 60, visitId: '', staff: 'A' }, { start: 5, end: 60, visitId: '', staff: 'B' },
 *   { start: 100, end: 130, visitId: '', staff: 'A' },
 * ]); // → [[0, 1], [2]]
 */
export function visitsOf(rows: readonly Pick<VisitRow, 'start' | 'end' | 'visitId'>[]): number[][] {
  const order = rows.map((_, i) => i).sort((a, b) => rows[a]!.start - rows[b]!.start || a - b);
  const parent = rows.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const join = (a: number, b: number) => { parent[root(a)] = root(b); };
  const firstWithId = new Map<string, number>();
  const withoutId: number[] = [];
  for (const i of order) {
    const id = rows[i]!.visitId;
    if (id === '') withoutId.push(i);
    else if (firstWithId.has(id)) join(firstWithId.get(id)!, i);
    else firstWithId.set(id, i);
  }
  for (let x = 0; x < withoutId.length; x++) {
    const a = rows[withoutId[x]!]!;
    for (let y = x + 1; y < withoutId.length; y++) {
      const b = rows[withoutId[y]!]!;
      if (b.start >= a.end) break; // in start order: no later row overlaps a
      if (overlapByHalf(a, b)) join(withoutId[x]!, withoutId[y]!);
    }
  }
  const visits = new Map<number, number[]>();
  for (const i of order) {
    const r = root(i);
    const visit = visits.get(r);
    if (visit === undefined) visits.set(r, [i]);
    else visit.push(i);
  }
  return [...visits.values()];
}

/**
 * True when two rows overlap by at least half of the shorter (and by some time at all).
 *
 * @example
 * overlapByHalf({ start: 0, end: 60 }, { start: 20, end: 80 }); // → true (40 ≥ 60 / 2)
 */
export function overlapByHalf(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return overlap > 0 && 2 * overlap >= Math.min(a.end - a.start, b.end - b.start);
}

/**
 * Whether a visit (row indices) is double-staffed: two DIFFERENT staff members were together at
 * it for some time and for at least `handoverMs` (the rule's `handoverMinutes`, default 5
 * minutes); staff together for less are a handover. "Together" is the longest overlap of two
 * rows of different staff.
 *
 * @example
 * doubleStaffed([{ start: 0, end: 3_600_000, visitId: 'V', staff: 'A' }, { start: 0, end: 3_600_000, visitId: 'V', staff: 'B' }], [0, 1], 300_000); // → true
 */
export function doubleStaffed(rows: readonly VisitRow[], visit: readonly number[], handoverMs: number): boolean {
  let together = 0;
  for (let x = 0; x < visit.length; x++) {
    for (let y = x + 1; y < visit.length; y++) {
      const a = rows[visit[x]!]!, b = rows[visit[y]!]!;
      if (a.staff !== b.staff) together = Math.max(together, Math.min(a.end, b.end) - Math.max(a.start, b.start));
    }
  }
  return together > 0 && together >= handoverMs;
}

/**
 * A counted row: one staff member at a visit of a client, on day `day` (0-based) of its window.
 *
 * @example
 * const row: CountedVisitRow = { start: 1729490400000, end: 1729492200000, staff: 'S1', visitId: 'V1', group: 'Norr', day: 0 };
 */
export interface CountedVisitRow extends VisitRow {
  group: string;
  day: number;
}
