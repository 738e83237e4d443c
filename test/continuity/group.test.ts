import { random } from './fixture.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatheredRows } from '../../src/engine/rowstore.js';
import { groupVisits, overlapsByHalf, type GroupableRow } from '../../src/engine/group.js';

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

/**
 * Rows without a visit id grouped by comparing every pair that can overlap (sorted by start, a
 * row against the later ones starting before it ends), joined in a union-find: a second, plain
 * reading of the rule for logs too big for {@link naive}. Same order of members and visits.
 */
function pairwise(rows: readonly GroupableRow[]): number[][] {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const byStart = rows.map((_, i) => i).sort((x, y) => rows[x]!.start - rows[y]!.start || x - y);
  for (let a = 0; a < byStart.length; a++) {
    const p = rows[byStart[a]!]!;
    for (let b = a + 1; b < byStart.length && rows[byStart[b]!]!.start < p.end; b++) {
      const q = rows[byStart[b]!]!;
      if (overlapsByHalf(p.start, p.end, q.start, q.end)) parent[find(byStart[a]!)] = find(byStart[b]!);
    }
  }
  const visits = new Map<number, number[]>();
  for (const i of byStart) {
    const root = find(i);
    if (!visits.has(root)) visits.set(root, []);
    visits.get(root)!.push(i);
  }
  return [...visits.values()];
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

  it('many overlapping rows without an id, of every length (zero too), in minutes, epoch ms or fractions (property, against the pairwise grouping)', () => {
    const loose = fc.record({ start: fc.integer({ min: 0, max: 600 }), length: fc.integer({ min: 0, max: 240 }) });
    const scales = fc.constantFrom(
      (t: number) => t, // small whole numbers
      (t: number) => Date.UTC(2024, 9, 1) + t * 60_000, // epoch ms, whole minutes
      (t: number) => t * 0.5 + 0.25, // fractions: the pairwise path of the kernel
    );
    fc.assert(fc.property(fc.array(loose, { maxLength: 300, size: 'max' }), scales, (spans, scale) => {
      const rows = spans.map(({ start, length }) => ({ start: scale(start), end: scale(start + length), visitId: '' }));
      expect(groupVisits(rows)).toEqual(pairwise(rows));
    }), { numRuns: 300 });
  });

  it('by hand: a long row holding the midpoints of two short rows that barely overlap joins them; a row of no length stays alone', () => {
    const rows = [
      { start: 0, end: 10, visitId: '' }, // 0: midpoint 5
      { start: 9, end: 19, visitId: '' }, // 1: overlaps 0 by 1 < 5; midpoint 14
      { start: 4, end: 15, visitId: '' }, // 2: holds 5 and 14 (overlaps 0 by 6 ≥ 5, 1 by 6 ≥ 5)
      { start: 7, end: 7, visitId: '' }, // 3: no length
      { start: 30, end: 40, visitId: '' }, // 4
      { start: 35, end: 100, visitId: '' }, // 5: holds 35 (4's midpoint) at its edge: overlap 5 ≥ 10/2
    ];
    expect(groupVisits(rows)).toEqual([[0, 2, 1], [3], [4, 5]]);
  });

  it('20,000 overlapping rows of one client over a day (1–240 min) and 20,000 over two weeks (1–10 min): as the pairwise grouping', () => {
    for (const [n, days, longest] of [[20_000, 1, 240], [20_000, 14, 10]] as const) {
      const r = random(n + days);
      const rows = Array.from({ length: n }, () => {
        const start = Date.UTC(2024, 9, 1) + Math.floor(r() * days * 1440) * 60_000;
        return { start, end: start + (1 + Math.floor(r() * longest)) * 60_000, visitId: '' };
      });
      const mine = groupVisits(rows);
      expect(mine).toEqual(pairwise(rows));
      if (days === 14) expect(mine.length).toBeGreaterThan(100); // many visits, not one chain
    }
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
