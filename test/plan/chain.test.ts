import { describe, expect, it } from 'vitest';
import { continuity } from '../../src/measures/continuity/measure.js';
import { ejected, improveByChains, removeByChain } from '../../src/plan/chain.js';
import { buildProblem } from '../../src/plan/model.js';
import { PlanState } from '../../src/plan/state.js';
import { readVisits } from '../../src/read/read.js';
import type { Visit } from '../../src/read/types.js';
import { violations } from './checker.js';

// Two days, clients C and D (counted: a visit each day), staff O, R, X, shifts 07:00–22:00.
// Day 1: O makes C's 09:00 visit (O's only row at C: a one-off), R makes D's 09:00, X D's 12:00;
// R is held at 12:00 by a safety-alarm call (not counted, never moves).
// Day 2: R makes C's 09:00 and 11:00 and D's 13:00, X D's 09:00; X is held at 13:00 likewise; O
// does not work. Before: C meets O and R, D meets R and X: 4.
// No single row can move to lower the count (checked below over every move the checker accepts):
// O's row cannot go to R (R is at D's 09:00), and X knows no C. A chain of depth 2 can: O's row
// to R, R's 09:00 at D to X (who knows D and is free at 09:00): C meets R only, D still R and X: 3.
const at = (d: number, t: string) => `2024-10-0${d} ${t}`;
const row = (v: string, client: string, staff: string, d: number, start: string, end: string, kind = 'omvårdnad') => ({
  visit_id: v, client_id: client, staff_id: staff, start: at(d, start), end: at(d, end), kind, staff_role: 'undersköterska',
  shift_start: at(d, '07:00'), shift_end: at(d, '22:00'),
});
const input = [
  row('V1', 'C', 'O', 1, '09:00', '09:30'), row('V2', 'D', 'R', 1, '09:00', '09:30'), row('V3', 'D', 'X', 1, '12:00', '12:30'),
  row('F1', 'E', 'R', 1, '12:00', '12:30', 'larm'),
  row('V4', 'C', 'R', 2, '09:00', '09:30'), row('V5', 'C', 'R', 2, '11:00', '11:30'), row('V6', 'D', 'X', 2, '09:00', '09:30'), row('V7', 'D', 'R', 2, '13:00', '13:30'),
  row('F2', 'E', 'X', 2, '13:00', '13:30', 'larm'),
];
const measure = { from: '2024-10-01', rules: { days: 2, minVisitsPerDay: 1 } };
const meanOf = (visits: readonly Visit[]) => continuity(visits, measure).windows[0]!.staffPerClient.mean!;

async function setup() {
  const { visits } = await readVisits(input);
  const p = buildProblem(visits, measure, continuity(visits, measure).windows[0]!.perClient, {});
  const state = new PlanState(p);
  const rowsOf = p.clients.map((_, c) => visits.flatMap((_, i) => (p.rowClient[i] === c ? [i] : [])));
  const planOf = () => visits.map((v, i) => ({ ...v, staff: p.staffIds[state.staff[i]!]! }));
  return { visits, p, state, rowsOf, planOf, staff: (id: string) => p.staffIds.indexOf(id), row: (id: string) => visits.findIndex((v) => v.visitId === id) };
}

describe('the ejection chain', () => {
  it('no single row can move to lower the count (every move the checker accepts, scored by the measure)', async () => {
    const { visits } = await setup();
    expect(meanOf(visits)).toBe(2);
    const staff = ['O', 'R', 'X'];
    for (let i = 0; i < visits.length; i++) {
      if (visits[i]!.kind === 'larm') continue;
      for (const s of staff) {
        const plan = visits.map((v, k) => (k === i ? { ...v, staff: s } : v));
        if (violations(visits, plan).length === 0) expect(meanOf(plan)).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('a chain of depth 2 removes the one-off: O’s row to R, R’s colliding row to X (4 → 3, every rule kept)', async () => {
    const { visits, p, state, rowsOf, planOf, staff, row } = await setup();
    expect(state.score.distinct).toBe(4);
    expect(ejected(state, row('V1'), staff('R'))).toEqual([row('V2')]);
    const c = p.clients.indexOf('C');
    expect(removeByChain(state, c, staff('O'), rowsOf[c]!, { depth: 1, width: 4 })).toBe(false);
    state.rollback();
    expect(removeByChain(state, c, staff('O'), rowsOf[c]!, { depth: 2, width: 4 })).toBe(true);
    expect(state.valid()).toBe(true);
    state.commit();
    expect(state.score.distinct).toBe(3);
    expect(p.staffIds[state.staff[row('V1')]!]).toBe('R');
    expect(p.staffIds[state.staff[row('V2')]!]).toBe('X');
    expect(violations(visits, planOf())).toEqual([]);
    expect(meanOf(planOf())).toBe(1.5);
  });

  it('the improvement pass finds the chain at depth 2 and nothing at depth 1', async () => {
    const shallow = await setup();
    const energy = (s: PlanState['score']) => 1000 * s.distinct + 2 * s.travelMinutes - s.concentration;
    const all = shallow.p.clients.map((_, c) => c);
    expect(improveByChains(shallow.state, all, shallow.rowsOf, Infinity, energy, { depth: 1, width: 4 })).toBe(0);
    expect(shallow.state.score.distinct).toBe(4);
    const deep = await setup();
    expect(improveByChains(deep.state, all, deep.rowsOf, Infinity, energy, { depth: 2, width: 4 })).toBe(1);
    expect(deep.state.score.distinct).toBe(3);
    expect(violations(deep.visits, deep.planOf())).toEqual([]);
  });
});
