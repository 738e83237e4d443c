import { describe, expect, it } from 'vitest';
import { compareContinuity, type CompareOptions } from '../../src/index.js';
import { day, explainRows, type ExplainRow } from './fixture.js';

const OPTIONS: CompareOptions = { from: '2024-10-07', rules: { days: 7 } };

/**
 * The after log: the before log (fixture.ts) with
 * - A's Tuesday noon visit (S8) dropped: A 15 visits, staff 8, S8 occasional → not met;
 * - B's Wednesday evening visit (R2) dropped: B has one visit that day, so is no longer counted
 *   (13 visits, staff still 5: R2 came on Thursday too);
 * - C's Sunday visits made by T6 instead of T7 (same visit ids): C staff 6, T6 (4 visits) weekendOnly
 *   → regular, T7 weekendOnly → not met.
 * Window before: A 9, B 5, C 7 → mean 7, 44 visits. After: A 8, C 6 → mean 7, 15 + 14 = 29 counted
 * clients' visits; counted visits of all clients 15 + 13 + 14 = 42, all matched; only before: 2.
 * Söder before: B, C (staff 6); after: C (6): change 0, clients −1. Norr 9 → 8.
 */
function afterRows(): ExplainRow[] {
  return explainRows()
    .filter((r) => !(r.client_id === 'A' && r.staff_id === 'S8') && !(r.client_id === 'B' && r.start === `${day(2)} 19:00`))
    .map((r) => (r.client_id === 'C' && r.staff_id === 'T7' ? { ...r, staff_id: 'T6' } : r));
}

describe('compare, by hand', () => {
  it('a log against itself: every change zero, no move, every visit matched', async () => {
    const r = await compareContinuity(explainRows(), explainRows(), OPTIONS);
    const w = r.windows[0]!;
    expect(r.schema).toBe('kontinuitet/compare@1');
    expect([w.change.staff, w.change.clients, w.change.visits, w.becameCounted, w.stoppedCounted]).toEqual([0, 0, 0, 0, 0]);
    expect(Object.values(w.change.categories)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(w.moves).toEqual([]);
    expect(w.perClient.map((c) => [c.client, c.status, c.change])).toEqual(['A', 'B', 'C'].map((c) => [c, 'both', { visits: 0, staff: 0 }]));
    expect(w.visits).toEqual({ before: 44, after: 44, matched: 44, onlyBefore: 0, onlyAfter: 0, listed: [] });
  });

  it('a dropped visit, a client no longer counted and a swapped staff member', async () => {
    const r = await compareContinuity(explainRows(), afterRows(), OPTIONS);
    const w = r.windows[0]!;
    expect([w.before.staff, w.after.staff, w.change.staff]).toEqual([7, 7, 0]);
    expect([w.before.clients, w.after.clients, w.change.clients, w.change.visits]).toEqual([3, 2, -1, 29 - 44]);
    expect([w.becameCounted, w.stoppedCounted]).toEqual([0, 1]);
    const [a, b, c] = w.perClient;
    expect(a).toMatchObject({ client: 'A', status: 'both', change: { visits: -1, staff: -1 }, moved: [{ staff: 'S8', before: 'occasional', after: null }] });
    expect(b).toMatchObject({ client: 'B', status: 'stopped', before: { counted: true, visits: 14, staff: 5 }, after: { counted: false, visits: 13, staff: 5, categories: null }, moved: [] });
    expect(c).toMatchObject({ client: 'C', status: 'both', change: { visits: 0, staff: -1 } });
    expect(c!.moved).toEqual([{ staff: 'T6', before: 'weekendOnly', after: 'regular' }, { staff: 'T7', before: 'weekendOnly', after: null }]);
    expect(w.moves).toEqual([
      { before: 'weekendOnly', after: 'regular', staff: 1 }, { before: 'weekendOnly', after: null, staff: 1 }, { before: 'occasional', after: null, staff: 1 },
    ]);
    expect(w.visits).toMatchObject({ before: 44, after: 42, matched: 42, onlyBefore: 2, onlyAfter: 0 });
    expect(w.visits.listed.map((v) => [v.in, v.client, v.start, v.end, v.staff])).toEqual([
      ['before', 'A', `${day(1)} 12:00`, `${day(1)} 12:30`, 1], ['before', 'B', `${day(2)} 19:00`, `${day(2)} 19:30`, 1],
    ]);
    expect(w.groups.map((g) => [g.group, g.before?.staff, g.after?.staff, g.change?.staff, g.change?.clients])).toEqual([['Norr', 9, 8, -1, 0], ['Söder', 6, 6, 0, -1]]);
  });

  it('matches visits by id before time: a visit moved in time keeps its id and matches; without ids it does not', async () => {
    const moved = (rows: ExplainRow[]) => rows.map((r) => (r.client_id === 'A' && r.staff_id === 'S8' ? { ...r, start: `${day(1)} 13:00`, end: `${day(1)} 13:30` } : r));
    const byId = (await compareContinuity(explainRows(), moved(explainRows()), OPTIONS)).windows[0]!.visits;
    expect([byId.matched, byId.onlyBefore, byId.onlyAfter]).toEqual([44, 0, 0]);
    const noIds = (rows: ExplainRow[]) => rows.map((r) => ({ ...r, visit_id: '' }));
    const byTime = (await compareContinuity(noIds(explainRows()), noIds(moved(explainRows())), OPTIONS)).windows[0]!.visits;
    expect([byTime.matched, byTime.onlyBefore, byTime.onlyAfter]).toEqual([43, 1, 1]);
    const capped = (await compareContinuity(noIds(explainRows()), noIds(moved(explainRows())), { ...OPTIONS, maxListed: 1 })).windows[0]!.visits;
    expect([capped.listed.length, capped.onlyBefore + capped.onlyAfter]).toEqual([1, 2]);
  });
});
