import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/generate/rng.js';
import { continuity } from '../../src/measures/continuity/measure.js';
import { exchange } from '../../src/plan/exchange.js';
import { repairDay } from '../../src/plan/lns.js';
import { buildProblem } from '../../src/plan/model.js';
import { PlanState } from '../../src/plan/state.js';
import { readVisits } from '../../src/read/read.js';
import { violations } from './checker.js';

// One day, two clients at one address, two staff: A has C1 09:00 then C2 10:00, B has C2 09:00
// then C1 10:00, so each client meets both (4 in all). Trading the 10:00 rows gives each client one.
const row = (v: string, client: string, staff: string, start: string, end: string) => ({
  visit_id: v, client_id: client, staff_id: staff, start: `2024-10-01 ${start}`, end: `2024-10-01 ${end}`, kind: 'omvårdnad', staff_role: 'undersköterska', lat: '62.5', lon: '15.6',
});
const rows = [
  row('V1', 'C1', 'A', '09:00', '09:30'), row('V2', 'C2', 'A', '10:00', '10:30'),
  row('V3', 'C2', 'B', '09:00', '09:30'), row('V4', 'C1', 'B', '10:00', '10:30'),
  row('V5', 'C1', 'B', '08:00', '08:20'), row('V6', 'C2', 'A', '08:00', '08:20'),
];
const measure = { from: '2024-10-01', rules: { days: 1 } };

async function setup() {
  const { visits } = await readVisits(rows);
  const perClient = continuity(visits, measure).windows[0]!.perClient;
  const p = buildProblem(visits, measure, perClient, {});
  return { visits, p, state: new PlanState(p), staff: (id: string) => p.staffIds.indexOf(id) };
}

describe('the window exchange and the day rebuild', () => {
  it('exchange trades the rows of one stretch: each client keeps one staff member at 09:00–10:30', async () => {
    const { visits, p, state, staff } = await setup();
    expect(state.score.distinct).toBe(4);
    const v4 = visits.findIndex((v) => v.visitId === 'V4');
    // window of V4 alone: A's row starting at 10:00 (V2) goes to B
    expect(exchange(state, v4, staff('A'), 0, 0)).toBe(true);
    expect(state.commit()).toBe(true);
    // by hand: A has C1 at 09:00 and 10:00, B has C2 at 09:00 and 10:00; 08:00 rows stay (C1 B, C2 A)
    expect(state.score.distinct).toBe(4);
    expect(p.staffIds[state.staff[v4]!]).toBe('A');
    expect(p.staffIds[state.staff[visits.findIndex((v) => v.visitId === 'V2')]!]).toBe('B');
    const plan = visits.map((v, i) => ({ ...v, staff: p.staffIds[state.staff[i]!]! }));
    expect(violations(visits, plan)).toEqual([]);
  });

  it('the rebuild gives each client to the staff member who knows it, with every rule kept', async () => {
    const { visits, p, state, staff } = await setup();
    expect(repairDay(state, new Rng(1), p.day[0]!, [staff('A'), staff('B')])).toBe(true);
    expect(state.commit()).toBe(true);
    const plan = visits.map((v, i) => ({ ...v, staff: p.staffIds[state.staff[i]!]! }));
    expect(violations(visits, plan)).toEqual([]);
    // every row was freed, so nobody knows anyone at first; once a client's first row is given back,
    // its other rows prefer that staff member, and A and B each have room for one client's three
    // rows (08:00, 09:00, 10:00): by hand, 2 distinct in all (the least possible: one per client)
    expect(state.score.distinct).toBe(2);
  });

  it('the rebuild places first the row that loses most without its best staff member (regret), not the earliest', async () => {
    // Day 2 (kept): A has X twice and Y once, B has X once. Day 1 (rebuilt): X 08:00–08:30 (A),
    // Y 08:15–08:45 (B). Both rows of day 1 cannot go to one person. Y loses a known staff member
    // without A; X keeps one either way, so Y goes to A first and X to B: X meets A and B, Y only A,
    // 3 in all (by hand); giving the earliest row its best place first (X to A) leaves Y with B: 4.
    const at = (d: number, t: string) => `2024-10-0${d} ${t}`;
    const r = (v: string, client: string, staff: string, d: number, start: string, end: string) => ({
      visit_id: v, client_id: client, staff_id: staff, start: at(d, start), end: at(d, end), kind: 'omvårdnad', staff_role: 'undersköterska',
      shift_start: at(d, '07:00'), shift_end: at(d, '22:00'),
    });
    const input = [
      r('V1', 'X', 'A', 1, '08:00', '08:30'), r('V2', 'Y', 'B', 1, '08:15', '08:45'),
      r('V3', 'X', 'A', 2, '08:00', '08:30'), r('V4', 'X', 'A', 2, '10:00', '10:30'), r('V5', 'Y', 'A', 2, '12:00', '12:30'), r('V6', 'X', 'B', 2, '14:00', '14:30'),
    ];
    const m = { from: '2024-10-01', rules: { days: 2, minVisitsPerDay: 1 } };
    const { visits } = await readVisits(input);
    const p = buildProblem(visits, m, continuity(visits, m).windows[0]!.perClient, {});
    const state = new PlanState(p);
    expect(state.score.distinct).toBe(4);
    const A = p.staffIds.indexOf('A'), B = p.staffIds.indexOf('B');
    expect(repairDay(state, new Rng(1), p.day[0]!, [A, B])).toBe(true);
    expect(state.commit()).toBe(true);
    expect(p.staffIds[state.staff[1]!]).toBe('A');
    expect(p.staffIds[state.staff[0]!]).toBe('B');
    expect(state.score.distinct).toBe(3);
    expect(violations(visits, visits.map((v, i) => ({ ...v, staff: p.staffIds[state.staff[i]!]! })))).toEqual([]);
  });
});
