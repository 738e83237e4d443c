/** What double-staffing detection needs of a row. */
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
  let best = 0;
  for (let x = 0; x < visit.length; x++) {
    const a = rows[visit[x]!]!;
    for (let y = x + 1; y < visit.length; y++) {
      const b = rows[visit[y]!]!;
      if (a.staff === b.staff) continue;
      const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
      if (overlap > best) best = overlap;
    }
  }
  return best;
}

/**
 * True when a visit had two or more different staff present at once for at least
 * `handoverMs` (and for some time at all when `handoverMs` is 0).
 *
 * @example
 * isDoubleStaffed([{ start: 0, end: 3_600_000, staff: 'A' }, { start: 0, end: 3_600_000, staff: 'B' }], [0, 1], 300_000); // → true
 */
export function isDoubleStaffed(rows: readonly PresenceRow[], visit: readonly number[], handoverMs: number): boolean {
  const together = longestTogether(rows, visit);
  return together > 0 && together >= handoverMs;
}
