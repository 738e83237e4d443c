import { describe, expect, it } from 'vitest';
import { generateRows } from '../../src/generate/index.js';
import { measureContinuity } from '../../src/index.js';
import { measureStaffing } from '../../src/measures/staffing/measure.js';

describe('double staffing on generated logs', () => {
  for (const [seed, profile] of [[3, 'typical'], [11, 'ange2013']] as const) {
    it(`detects exactly the double-staffed visits the generator planted (seed ${seed}, ${profile})`, async () => {
      const planted = new Set<string>();
      const { rows, truth } = generateRows({ clients: 80, days: 14, start: '2024-10-07', seed, profile }, {
        onDoubleStaffed: (client, visit) => planted.add(`${client}|${visit}`),
      });
      const all = [...rows];
      // over all hours and kinds: every visit of the 14 days
      const r = await measureStaffing(all, { from: '2024-10-07', scope: 'all' });
      const w = r.windows[0]!;
      expect(r.rows.used).toBe(truth.rows);
      expect(planted.size).toBe(truth.doubleStaffedVisits);
      expect(planted.size).toBeGreaterThan(0);
      expect(new Set(w.doubleStaffed.map((v) => `${v.client}|${v.visitId}`))).toEqual(planted);
      expect(w.doubleStaffedVisits).toBe(truth.doubleStaffedVisits);
      expect(w.clients.doubleStaffed).toBe(truth.doubleStaffedClients);
      expect(w.duplicateRegistrations).toBe(0);
      // the default scope sees the planted visits that the measure counts, and agrees with it
      const counted = (await measureStaffing(all, { from: '2024-10-07' })).windows[0]!;
      const measure = (await measureContinuity(all, { from: '2024-10-07' })).windows[0]!;
      expect(counted.doubleStaffedVisits).toBeLessThanOrEqual(w.doubleStaffedVisits);
      expect(counted.clients.doubleStaffed).toBe(measure.clients.doubleStaffed);
      expect(counted.staffPerClient.withSecond).toEqual(measure.staffPerClient);
    });
  }
});
