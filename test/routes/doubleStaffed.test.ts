import { describe, expect, it } from 'vitest';
import { twoStaffAtOnce } from '../../src/measures/routes/doubleStaffed.js';

// A client's rows with no two of different staff at once have no double-staffed visit, so their
// visits are not grouped (doubleStaffed.ts): the test of that, by hand and against every pair.

const at = (rows: [number, number, number][]) => [Float64Array.from(rows, (r) => r[0]), Float64Array.from(rows, (r) => r[1]), Int32Array.from(rows, (r) => r[2]), rows.length] as const;

/** Every pair of rows of different staff: some time together. */
function pairwise(rows: [number, number, number][]): boolean {
  for (const [s, e, who] of rows) for (const [t, f, other] of rows) if (who !== other && Math.min(e, f) - Math.max(s, t) > 0) return true;
  return false;
}

describe('two staff members at once', () => {
  it('by hand: one after the other, touching, overlapping, a row inside another of the same staff member', () => {
    expect(twoStaffAtOnce(...at([[0, 10, 1], [10, 20, 2]]))).toBe(false); // touching
    expect(twoStaffAtOnce(...at([[0, 10, 1], [9, 20, 2]]))).toBe(true);
    // staff 1 from 0 to 30, then itself again, then staff 2 from 30: none at once
    expect(twoStaffAtOnce(...at([[0, 30, 1], [5, 10, 1], [30, 40, 2]]))).toBe(false);
    // staff 2 ends last (25) of rows begun; staff 1's next row at 20 meets staff 2's, not its own
    expect(twoStaffAtOnce(...at([[0, 10, 1], [5, 25, 2], [20, 30, 1]]))).toBe(true);
    // staff 1's row ends last (40); its next row, inside it, meets no one: staff 2's ended at 22
    expect(twoStaffAtOnce(...at([[0, 22, 2], [22, 40, 1], [25, 30, 1]]))).toBe(false);
    expect(twoStaffAtOnce(...at([[0, 22, 2], [22, 40, 1], [25, 30, 3]]))).toBe(true);
    // a visit of no length is with no one
    expect(twoStaffAtOnce(...at([[0, 10, 1], [5, 5, 2]]))).toBe(false);
    // not in order of start: not looked into
    expect(twoStaffAtOnce(...at([[10, 20, 1], [0, 5, 2]]))).toBe(true);
  });

  it('is what every pair of rows gives, for rows in order of start (random, small)', () => {
    let seed = 7;
    const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let t = 0; t < 3000; t++) {
      const rows: [number, number, number][] = Array.from({ length: 1 + next(7) }, () => {
        const s = next(40);
        return [s, s + next(12), next(3)];
      });
      rows.sort((x, y) => x[0] - y[0]);
      expect(twoStaffAtOnce(...at(rows))).toBe(pairwise(rows));
    }
  });
});
