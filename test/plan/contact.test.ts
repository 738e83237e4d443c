import { describe, expect, it } from 'vitest';
import { planContinuity } from '../../src/plan/index.js';
import { readVisits } from '../../src/read/read.js';
import { violations } from './checker.js';

const D = '2024-10-01';
// C1 has two visits, 08:00 (A) and 12:00 (B); A and B both work 07:00–15:00. Either of them can
// take both visits (1 staff member instead of 2); nothing else tells the two plans apart.
const rows = (contact: string) => [
  { visit_id: 'V1', client_id: 'C1', staff_id: 'A', start: `${D} 08:00`, end: `${D} 08:30`, shift_start: `${D} 07:00`, shift_end: `${D} 15:00`, kind: 'omvårdnad', contact_staff_id: contact },
  { visit_id: 'V2', client_id: 'C1', staff_id: 'B', start: `${D} 12:00`, end: `${D} 12:30`, shift_start: `${D} 07:00`, shift_end: `${D} 15:00`, kind: 'omvårdnad', contact_staff_id: contact },
];

describe('the contact person', () => {
  for (const contact of ['A', 'B']) {
    it(`takes both visits when the count ties (contact ${contact})`, async () => {
      const input = rows(contact);
      const plan = await planContinuity(input, { from: D, rules: { days: 1 } });
      expect(violations((await readVisits(input)).visits, plan.visits)).toEqual([]);
      expect(plan.after.mean).toBe(1);
      expect(plan.visits.map((v) => v.staff)).toEqual([contact, contact]);
      // 1 of the 2 counted rows by the contact person before, both after
      expect(plan.contactShare).toEqual({ before: 0.5, after: 1 });
    });
  }

  it('has no share when no counted client lists a contact person', async () => {
    const plan = await planContinuity(rows(''), { from: D, rules: { days: 1 } });
    expect(plan.contactShare).toEqual({ before: null, after: null });
    expect(plan.after.mean).toBe(1);
  });
});
