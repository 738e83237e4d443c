import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureContinuity } from '../../src/index.js';
import { measureStaffing } from '../../src/measures/staffing/measure.js';
import { visitLogs } from './fixture.js';

const FROM = '2024-10-07';
/**
 * Random logs of visits with one to three staff each (jittered arrival and leaving, now and then
 * the same staff member twice), with or without a shared visit id, at any hour from 2024-10-05
 * to 2024-10-22 (so some rows fall outside the window 10-07..10-20 and outside 07–22).
 */
const logs = visitLogs({ days: [4, 21], minutes: [360, 1380], staffIds: 7, staffPerVisit: 3, visits: 120, kinds: ['omvårdnad', 'omvårdnad', 'service', 'HSL'] });

describe('double-staffing properties', () => {
  it('removing every second staff row from double-staffed visits leaves the staff count without the second staff member unchanged', async () => {
    await fc.assert(fc.asyncProperty(logs, fc.constantFrom('counted' as const, 'all' as const), async (rows, scope) => {
      const before = (await measureStaffing(rows, { from: FROM, scope })).windows[0]!;
      const drop = new Set<number>();
      for (const v of before.doubleStaffed) for (const line of v.lines) if (rows[line - 1]!.staff_id !== v.staff[0]) drop.add(line);
      const after = (await measureStaffing(rows.filter((_, i) => !drop.has(i + 1)), { from: FROM, scope })).windows[0]!;
      const without = (w: typeof before) => Object.fromEntries(w.perClient.map((c) => [c.client, c.staffWithoutSecond]));
      expect(without(after)).toEqual(without(before));
      for (const c of after.perClient) expect(c.staffWithSecond).toBeLessThanOrEqual(before.perClient.find((x) => x.client === c.client)!.staffWithSecond);
    }), { numRuns: 80 });
  });

  it('agrees with the continuity measure, and the window adds up its clients', async () => {
    await fc.assert(fc.asyncProperty(logs, async (rows) => {
      const s = await measureStaffing(rows, { from: FROM });
      const both = (await measureContinuity(rows, { from: FROM })).windows[0]!;
      const one = (await measureContinuity(rows, { from: FROM, rules: { countBothStaff: false } })).windows[0]!;
      const w = s.windows[0]!;
      expect(w.clients.doubleStaffed).toBe(both.clients.doubleStaffed);
      expect(w.clients.served).toBe(both.clients.served);
      let visits = 0, double = 0, handovers = 0, ms = 0;
      for (const c of w.perClient) {
        const b = both.perClient.find((x) => x.client === c.client)!;
        expect([c.staffWithSecond, c.staffWithoutSecond, c.visits, c.doubleStaffedVisits, c.eligible])
          .toEqual([b.staff, one.perClient.find((x) => x.client === c.client)!.staff, b.visits, b.doubleStaffedVisits, b.eligible]);
        expect(c.staffWithoutSecond).toBeLessThanOrEqual(c.staffWithSecond);
        expect(c.staffOnlyAtDoubleStaffed).toBeLessThanOrEqual(c.staffWithSecond);
        expect(c.doubleStaffedVisits + c.handovers).toBeLessThanOrEqual(c.visits);
        expect(c.doubleStaffedHours).toBeLessThanOrEqual(c.staffHours + 1e-9);
        visits += c.visits;
        double += c.doubleStaffedVisits;
        handovers += c.handovers;
        ms += c.staffHours;
      }
      expect([w.visits, w.doubleStaffedVisits, w.handovers]).toEqual([visits, double, handovers]);
      expect(w.staffHours).toBeCloseTo(ms, 9);
      expect(w.doubleStaffed.length).toBe(double);
      for (const v of w.doubleStaffed) {
        expect(v.staff.length).toBeGreaterThanOrEqual(2);
        expect(v.peak).toBeGreaterThanOrEqual(2);
        expect(v.togetherMinutes).toBeGreaterThanOrEqual(5);
      }
    }), { numRuns: 60 });
  });

  it('a double-staffed visit lasting all the staff row: staff hours ≥ 2 × together (inside the window)', async () => {
    await fc.assert(fc.asyncProperty(logs, async (rows) => {
      const w = (await measureStaffing(rows, { from: FROM, scope: 'all' })).windows[0]!;
      const end = `${new Date(Date.parse(`${w.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)} 00:00`;
      for (const v of w.doubleStaffed) {
        // a visit across the window's end has only its part of the hours in the window
        if (v.end > end) continue;
        expect(v.staffHours * 60).toBeGreaterThanOrEqual(2 * v.togetherMinutes - 1e-9);
      }
    }), { numRuns: 40 });
  });
});
