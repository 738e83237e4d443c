import { describe, expect, it } from 'vitest';
import { planContinuity } from '../../src/plan/index.js';
import { readVisits } from '../../src/read/read.js';
import type { Visit } from '../../src/read/types.js';
import { violations } from './checker.js';
import { tinyInstance } from './instances.js';

const isCare = (v: Visit) => v.staffRole !== 'hsl' && v.kind !== 'trygghetslarm';

/** Per client, the fewest staff met over every assignment of the care rows to the care staff that the checker accepts. */
function bruteForceByClient(input: Visit[]): Map<string, number> {
  const movable = input.map((v, i) => (isCare(v) ? i : -1)).filter((i) => i >= 0);
  const staff = [...new Set(input.filter((v) => v.staffRole !== 'hsl').map((v) => v.staff))].sort();
  const best = new Map<string, number>();
  const pick = new Array<number>(movable.length).fill(0);
  for (;;) {
    const plan = input.map((v) => ({ ...v }));
    movable.forEach((i, k) => { plan[i]!.staff = staff[pick[k]!]!; });
    if (violations(input, plan).length === 0) {
      const met = new Map<string, Set<string>>();
      for (const v of plan) if (isCare(v)) (met.get(v.client) ?? met.set(v.client, new Set()).get(v.client)!).add(v.staff);
      for (const [c, s] of met) best.set(c, Math.min(best.get(c) ?? Infinity, s.size));
    }
    let k = 0;
    while (k < movable.length && ++pick[k]! === staff.length) pick[k++] = 0;
    if (k === movable.length) return best;
  }
}

const row = (v: string, client: string, staff: string, start: string, end: string, kind = 'omvårdnad') => ({
  visit_id: v, client_id: client, staff_id: staff, start: `2024-10-01 ${start}`, end: `2024-10-01 ${end}`, kind, staff_role: 'undersköterska',
  shift_start: '2024-10-01 07:00', shift_end: '2024-10-01 22:00',
});

describe('the per-client lower bound', () => {
  it('counts a row a staff member keeps (a safety alarm) as making them unable to take a visit at that time', async () => {
    // C1 is visited at 09:00 (by B) and 12:00 (by A); A keeps an alarm at 08:50–09:10, B one at
    // 11:50–12:10. Each can take one of C1's visits only, so C1 meets 2 in every plan (by hand;
    // availability alone would say 1).
    const rows = [
      row('V1', 'C1', 'B', '09:00', '09:30'), row('V2', 'C1', 'A', '12:00', '12:30'),
      row('L1', 'C9', 'A', '08:50', '09:10', 'trygghetslarm'), row('L2', 'C9', 'B', '11:50', '12:10', 'trygghetslarm'),
    ];
    const plan = await planContinuity(rows, { from: '2024-10-01', rules: { days: 1 }, maxTravelIncrease: 1e9 });
    expect(plan.clients).toEqual([{ client: 'C1', before: 2, after: 2, lowerBound: 2 }]);
  });

  it('is never above the fewest staff any valid plan gives the client (brute force on tiny instances, alarms kept by staff)', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const rows = tinyInstance({ seed, clients: 2, days: 1, visitsPerDay: 3, staff: 3, doubles: seed % 2, shifts: seed % 2 === 0 });
      rows.push({ ...rows[0]!, visit_id: 'L1', client_id: 'C9', kind: 'trygghetslarm', staff_id: 'S1' }, { ...rows[1]!, visit_id: 'L2', client_id: 'C9', kind: 'trygghetslarm', staff_id: 'S2' });
      const { visits: input } = await readVisits(rows);
      const fewest = bruteForceByClient(input);
      const plan = await planContinuity(rows, { from: '2024-10-01', rules: { days: 1 } });
      for (const c of plan.clients) expect(c.lowerBound, `seed ${seed} ${c.client}`).toBeLessThanOrEqual(fewest.get(c.client)!);
    }
  });
});
