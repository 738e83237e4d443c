import { describe, expect, it } from 'vitest';
import { continuity } from '../../src/measures/continuity/measure.js';
import { rebuildSet } from '../../src/plan/lns.js';
import { buildProblem } from '../../src/plan/model.js';
import { PlanState } from '../../src/plan/state.js';
import { readVisits } from '../../src/read/read.js';

const D = '2024-10-01';
const row = (visit: string, client: string, staff: string, start: string, end: string) => ({
  visit_id: visit, client_id: client, staff_id: staff, start: `${D} ${start}`, end: `${D} ${end}`, kind: 'omvårdnad', staff_role: 'undersköterska',
});

describe('the staff a day rebuild frees', () => {
  it('after the client’s own staff, the best-known staff of the other clients its staff serve that day', async () => {
    // C1 is met by A and B only. A also serves C2 (whose best-known is D, 2 rows), B also serves
    // C3 (best-known E, 2 rows); F serves only C4. So: A, B (C1's), then D (for A's C2), E (for B's C3).
    const rows = [
      row('V1', 'C1', 'A', '08:00', '08:30'), row('V2', 'C1', 'B', '12:00', '12:30'),
      row('V3', 'C2', 'A', '09:00', '09:30'), row('V4', 'C2', 'D', '13:00', '13:30'), row('V5', 'C2', 'D', '14:00', '14:30'),
      row('V6', 'C3', 'B', '10:00', '10:30'), row('V7', 'C3', 'E', '15:00', '15:30'), row('V8', 'C3', 'E', '16:00', '16:30'),
      row('V9', 'C4', 'F', '08:00', '08:30'), row('V10', 'C4', 'F', '11:00', '11:30'),
    ];
    const { visits } = await readVisits(rows);
    const measure = { from: D, rules: { days: 1 } };
    const p = buildProblem(visits, measure, continuity(visits, measure).windows[0]!.perClient, {});
    expect(p.clients.length).toBe(4);
    const state = new PlanState(p);
    const c1 = p.clients.indexOf('C1');
    const rowsOfC1 = visits.flatMap((v, i) => (v.client === 'C1' ? [i] : []));
    expect(rebuildSet(state, c1, p.day[rowsOfC1[0]!]!, rowsOfC1).map((s) => p.staffIds[s])).toEqual(['A', 'B', 'D', 'E']);
  });
});
