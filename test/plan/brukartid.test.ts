import { describe, expect, it } from 'vitest';
import { routes } from '../../src/measures/routes/measure.js';
import { planContinuity } from '../../src/plan/index.js';
import { readVisits } from '../../src/read/read.js';
import { violations } from './checker.js';

const D = '2024-10-01';
const row = (visit: string, client: string, staff: string, start: string, end: string, shift?: [string, string]) => ({
  visit_id: visit, client_id: client, staff_id: staff, start: `${D} ${start}`, end: `${D} ${end}`, kind: 'omvårdnad', staff_role: 'undersköterska',
  ...(shift ? { shift_start: `${D} ${shift[0]}`, shift_end: `${D} ${shift[1]}` } : {}),
});
const options = { from: D, rules: { days: 1 }, maxTravelIncrease: 1e9 };

describe('brukartid before and after', () => {
  it('without shifts or roster: the routes measure on the input (client minutes / first-to-last minutes)', async () => {
    // A: 08–09 (C1), 10–11 (C2) → 120 of 180 min; B: 12–13 (C1), 13–14 (C3) → 120 of 120: 240 / 300
    const rows = [row('V1', 'C1', 'A', '08:00', '09:00'), row('V3', 'C2', 'A', '10:00', '11:00'), row('V2', 'C1', 'B', '12:00', '13:00'), row('V4', 'C3', 'B', '13:00', '14:00')];
    const plan = await planContinuity(rows, options);
    expect(plan.brukartid.before).toBe(0.8);
    expect(plan.brukartid.after).toBe(0.8); // nothing can move: each works only their own span
    expect(routes((await readVisits(rows)).visits, { from: D, rules: { days: 1 } }).windows[0]!.clientTimeShare).toBe(0.8);
  });

  it('with a roster: working time is the roster\'s; a staff-day the plan empties leaves the figure', async () => {
    // roster A 08–16, B 12–14. Before: A 120 of 480 min, B 60 of 120 → 180 / 600 = 0.3.
    // A takes V2 (C1 then meets only A); B's day is empty: 180 / 480 = 0.375
    const rows = [row('V1', 'C1', 'A', '08:00', '09:00'), row('V3', 'C2', 'A', '10:00', '11:00'), row('V2', 'C1', 'B', '12:00', '13:00')];
    const roster = [{ staff_id: 'A', date: D, shift_start: '08:00', shift_end: '16:00' }, { staff_id: 'B', date: D, shift_start: '12:00', shift_end: '14:00' }];
    const plan = await planContinuity(rows, { ...options, roster });
    expect(plan.after.mean).toBe(1);
    expect(plan.brukartid).toEqual({ before: 0.3, after: 0.375 });
  });

  it('with shift columns: a row moved to another staff member does not bring its old shift along', async () => {
    // A: shift 09–16, V1 09–10 (C1), V3 10–11 (C2); B: shift 07–14, V5 09–10 (C4), V2 12–13 (C1).
    // Only A can take V2 (B is busy at 09). Working time stays A 420 + B 420; client time 240:
    // 240 / 840 before and after (the routes measure on plan.csv as written would give A's day
    // from B's 07:00: 240 / 960).
    const rows = [row('V1', 'C1', 'A', '09:00', '10:00', ['09:00', '16:00']), row('V3', 'C2', 'A', '10:00', '11:00', ['09:00', '16:00']),
      row('V5', 'C4', 'B', '09:00', '10:00', ['07:00', '14:00']), row('V2', 'C1', 'B', '12:00', '13:00', ['07:00', '14:00'])];
    const plan = await planContinuity(rows, options);
    expect(violations((await readVisits(rows)).visits, plan.visits)).toEqual([]);
    expect(plan.visits.find((v) => v.visitId === 'V2')!.staff).toBe('A');
    expect(plan.brukartid.before).toBe(Math.round((240 / 840) * 1e4) / 1e4);
    expect(plan.brukartid.after).toBe(Math.round((240 / 840) * 1e4) / 1e4);
    expect(routes(plan.visits, { from: D, rules: { days: 1 } }).windows[0]!.clientTimeShare).toBeCloseTo(240 / 960, 12);
  });
});
