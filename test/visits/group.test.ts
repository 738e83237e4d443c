import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatheredRows } from '../../src/continuity/rowstore.js';
import { groupVisits, type GroupableRow } from '../../src/visits/group.js';

/**
 * The rule written out the slow way: two rows are joined when they share a visit id, or both have
 * none and overlap by at least half of the shorter; a visit is a connected component (found by
 * repeated passes until nothing changes); members sorted by (start, index), visits by their first member.
 */
function naive(rows: readonly GroupableRow[]): number[][] {
  const label = rows.map((_, i) => i);
  const joined = (a: GroupableRow, b: GroupableRow) => {
    if (a.visitId !== '' || b.visitId !== '') return a.visitId !== '' && a.visitId === b.visitId;
    const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
    return overlap > 0 && overlap * 2 >= Math.min(a.end - a.start, b.end - b.start);
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < rows.length; i++) {
      for (let j = 0; j < rows.length; j++) {
        if (joined(rows[i]!, rows[j]!) && label[j]! < label[i]!) {
          label[i] = label[j]!;
          changed = true;
        }
      }
    }
  }
  const byStart = (x: number, y: number) => rows[x]!.start - rows[y]!.start || x - y;
  const visits = [...new Set(label)].map((l) => rows.map((_, i) => i).filter((i) => label[i] === l).sort(byStart));
  return visits.sort((p, q) => byStart(p[0]!, q[0]!));
}

const row = fc.record({
  start: fc.integer({ min: 0, max: 40 }),
  length: fc.integer({ min: 1, max: 12 }),
  visitId: fc.constantFrom('', '', 'V1', 'V2', 'V3'),
}).map(({ start, length, visitId }) => ({ start, end: start + length, visitId }));

describe('grouping rows into visits', () => {
  it('gives the connected components of the rule, in start order (property, against a brute-force grouping)', () => {
    fc.assert(fc.property(fc.array(row, { maxLength: 14 }), (rows) => {
      expect(groupVisits(rows)).toEqual(naive(rows));
    }), { numRuns: 500 });
  });

  it('by hand: a shared id joins rows far apart; loose rows join through a chain; a short overlap does not join', () => {
    const rows = [
      { start: 100, end: 130, visitId: '' }, // 0
      { start: 0, end: 60, visitId: 'V1' }, // 1
      { start: 10, end: 70, visitId: '' }, // 2: overlaps 3 by 50 ≥ 30
      { start: 20, end: 80, visitId: '' }, // 3
      { start: 200, end: 260, visitId: 'V1' }, // 4: same id as 1
      { start: 125, end: 185, visitId: '' }, // 5: overlaps 0 by 5 < 15: not joined
    ];
    expect(groupVisits(rows)).toEqual([[1, 4], [2, 3], [0], [5]]);
  });

  it('over a range of columns whose visit column points at the first row of the same id', () => {
    const grouper = new GatheredRows();
    // rows 0–1 belong to another client; the client's rows are 2..5; rows 3 and 5 share an id (first: row 3)
    const start = Float64Array.of(0, 0, 50, 10, 11, 30);
    const end = Float64Array.of(9, 9, 60, 20, 15, 40);
    const visit = Int32Array.of(0, 1, -1, 3, -1, 3);
    grouper.load(start, end, visit);
    const n = grouper.group(2, 6);
    // by id: {3, 5}; rows 2 (50–60) and 4 (11–15) have no id and do not overlap: one visit each;
    // in order of first start: [3, 5] (10), [4] (11), [2] (50)
    expect(n).toBe(3);
    expect(Array.from(grouper.members.subarray(0, 4))).toEqual([3, 5, 4, 2]);
    expect(Array.from(grouper.bounds.subarray(0, 4))).toEqual([0, 2, 3, 4]);
  });
});
