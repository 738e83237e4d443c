import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureContinuity } from '../../src/index.js';
import { measureStaffing } from '../../src/measures/staffing/measure.js';
import type { Row } from '../continuity/fixture.js';

const FROM = '2024-10-07';
const pad = (n: number) => String(n).padStart(2, '0');

/** A wall time `minute` minutes after 2024-10-01 00:00 (no clock change before 2024-10-27). */
function wall(minute: number): string {
  const day = 1 + Math.floor(minute / 1440);
  const m = minute % 1440;
  return `2024-10-${pad(day)} ${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/**
 * Random logs of visits with one to three staff each (jittered arrival and leaving, now and then
 * the same staff member twice), with or without a shared visit id, at any hour from 2024-10-05
 * to 2024-10-22 (so some rows fall outside the window 10-07..10-20 and outside 07–22).
 */
const logs = fc.array(
  fc.record({
    client: fc.integer({ min: 0, max: 3 }),
    day: fc.integer({ min: 4, max: 21 }),
    minute: fc.oneof(fc.integer({ min: 360, max: 1380 }), fc.integer({ min: 0, max: 1439 })),
    length: fc.integer({ min: 10, max: 90 }),
    withId: fc.boolean(),
    kind: fc.constantFrom('omvårdnad', 'omvårdnad', 'service', 'HSL'),
    staff: fc.array(fc.record({ id: fc.integer({ min: 0, max: 7 }), late: fc.integer({ min: 0, max: 12 }), early: fc.integer({ min: -8, max: 8 }) }), { minLength: 1, maxLength: 3 }),
  }),
  { maxLength: 120, size: 'max' },
).map((visits) => visits.flatMap((v, i): Row[] => v.staff.map((s) => {
  const start = v.day * 1440 + v.minute + s.late;
  const end = Math.max(start + 1, v.day * 1440 + v.minute + v.length - s.early);
  return {
    visit_id: v.withId ? `V${i}` : '', client_id: `C${v.client}`, staff_id: `S${s.id}`, start: wall(start), end: wall(end),
    kind: v.kind, group: v.client < 2 ? 'Norr' : 'Söder', client_birth_date: '1940-01-01', staff_role: 'undersköterska',
  };
})));

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
