import { describe, expect, it } from 'vitest';
import { continuity } from '../../src/measures/continuity/measure.js';
import { planContinuity } from '../../src/plan/index.js';
import { readVisits } from '../../src/read/read.js';
import type { Visit } from '../../src/read/types.js';
import { totalTravel, violations } from './checker.js';
import { tinyInstance, type TinyOptions } from './instances.js';

const meanOf = (visits: Visit[], days: number) => continuity(visits, { from: '2024-10-01', rules: { days } }).windows[0]!.staffPerClient.mean;

/** Mean distinct staff per client over care rows (every client of a tiny instance is counted: asserted beside). */
function quickMean(plan: Visit[]): number {
  const met = new Map<string, Set<string>>();
  for (const v of plan) if (v.staffRole !== 'hsl') (met.get(v.client) ?? met.set(v.client, new Set()).get(v.client)!).add(v.staff);
  return [...met.values()].reduce((a, s) => a + s.size, 0) / met.size;
}

/** The best mean over every assignment of the care rows to the care staff that the checker accepts (and travel within `bound`). */
function bruteForce(input: Visit[], days: number, bound: number): number | null {
  const movable = input.map((v, i) => (v.staffRole === 'hsl' ? -1 : i)).filter((i) => i >= 0);
  const staff = [...new Set(input.filter((v) => v.staffRole !== 'hsl').map((v) => v.staff))].sort();
  let best: number | null = null;
  const pick = new Array<number>(movable.length).fill(0);
  expect(continuity(input, { from: '2024-10-01', rules: { days } }).windows[0]!.clients.eligible).toBe(new Set(input.map((v) => v.client)).size);
  for (;;) {
    const plan = input.map((v) => ({ ...v }));
    movable.forEach((i, k) => { plan[i]!.staff = staff[pick[k]!]!; });
    if (violations(input, plan).length === 0 && totalTravel(plan) <= bound + 1e-6) {
      const m = quickMean(plan);
      if (best === null || m < best) best = m;
    }
    let k = 0;
    while (k < movable.length && ++pick[k]! === staff.length) pick[k++] = 0;
    if (k === movable.length) return best;
  }
}

describe('planContinuity on tiny instances', () => {
  const cases: TinyOptions[] = [1, 2, 3, 4, 5, 6].map((seed) => ({ seed, clients: 2, days: 2, visitsPerDay: 2, staff: 3, doubles: seed % 2, shifts: seed % 3 !== 0, nurse: seed % 2 === 0 }));
  for (const o of cases) {
    it(`finds the brute-force optimum and keeps every rule (seed ${o.seed})`, async () => {
      const rows = tinyInstance(o);
      const { visits: input } = await readVisits(rows);
      const plan = await planContinuity(rows, { from: '2024-10-01', rules: { days: 2 }, maxTravelIncrease: 1e9 });
      expect(violations(input, plan.visits)).toEqual([]);
      expect(plan.search.method).toBe('exact');
      expect(plan.before.mean).toBe(meanOf(input, 2));
      expect(plan.after.mean).toBe(meanOf(plan.visits, 2));
      expect(plan.after.mean).toBeCloseTo(bruteForce(input, 2, Infinity)!, 12);
      for (const c of plan.clients) expect(c.lowerBound).toBeLessThanOrEqual(c.after);
    });
  }

  it('keeps travel within the bound: with no increase allowed, the optimum of the brute force under the same bound', async () => {
    const o: TinyOptions = { seed: 11, clients: 2, days: 2, visitsPerDay: 2, staff: 3, shifts: true };
    const rows = tinyInstance(o);
    const { visits: input } = await readVisits(rows);
    const plan = await planContinuity(rows, { from: '2024-10-01', rules: { days: 2 }, maxTravelIncrease: 0 });
    expect(totalTravel(plan.visits)).toBeLessThanOrEqual(totalTravel(input) + 1e-6);
    expect(plan.after.mean).toBeCloseTo(bruteForce(input, 2, totalTravel(input))!, 12);
  });
});

describe('planContinuity on random small instances (annealing)', () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`never breaks a hard rule and never raises the mean (seed ${seed})`, async () => {
      const o: TinyOptions = { seed: 100 + seed, clients: 3, days: 3, visitsPerDay: 3, staff: 5, doubles: 2, shifts: seed % 2 === 0, nurse: true };
      const rows = tinyInstance(o);
      const { visits: input } = await readVisits(rows);
      const plan = await planContinuity(rows, { from: '2024-10-01', rules: { days: 3 }, iterations: 3000, seed, maxTravelIncrease: 0.05 });
      expect(plan.search.method).toBe('annealing');
      expect(violations(input, plan.visits)).toEqual([]);
      expect(totalTravel(plan.visits)).toBeLessThanOrEqual(totalTravel(input) * 1.05 + 1e-6);
      expect(plan.after.mean).toBe(meanOf(plan.visits, 3));
      expect(plan.after.mean!).toBeLessThanOrEqual(plan.before.mean!);
      expect(plan.changes.length).toBe(plan.visits.filter((v, i) => v.staff !== input[i]!.staff).length);
    });
  }

  it('is deterministic for a seed', async () => {
    const rows = tinyInstance({ seed: 7, clients: 3, days: 3, visitsPerDay: 3, staff: 5, shifts: true });
    const a = await planContinuity(rows, { from: '2024-10-01', rules: { days: 3 }, iterations: 2000, seed: 3 });
    const b = await planContinuity(rows, { from: '2024-10-01', rules: { days: 3 }, iterations: 2000, seed: 3 });
    expect(b.changes).toEqual(a.changes);
  });

  it('refuses a plan without a window', async () => {
    await expect(planContinuity([], {} as never)).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });
});

describe('availability from shift columns', () => {
  it('keeps a day visit away from a night worker whose two night shifts leave the day free', async () => {
    // C1 has two care visits a day (counted with rules { days: 1 }); N has a night shift ending 07:00
    // and one beginning 22:00 the same date, so N may not take 10:00 although 01:00–23:00 spans it.
    const row = (v: string, staff: string, start: string, end: string, kind: string, shift: [string, string]) => ({
      visit_id: v, client_id: kind === 'nattpatrull' ? 'C9' : 'C1', staff_id: staff, start: `2024-10-01 ${start}`, end: `2024-10-01 ${end}`, kind, staff_role: 'undersköterska',
      shift_start: shift[0], shift_end: shift[1],
    });
    const rows = [
      row('V1', 'A', '10:00', '10:30', 'omvårdnad', ['2024-10-01 07:00', '2024-10-01 14:30']),
      row('V2', 'B', '11:00', '11:30', 'omvårdnad', ['2024-10-01 07:00', '2024-10-01 14:30']),
      row('V3', 'N', '01:00', '01:20', 'nattpatrull', ['2024-09-30 22:00', '2024-10-01 07:00']),
      row('V4', 'N', '23:00', '23:20', 'nattpatrull', ['2024-10-01 22:00', '2024-10-02 07:00']),
    ];
    const { visits: input } = await readVisits(rows);
    const plan = await planContinuity(rows, { from: '2024-10-01', rules: { days: 1 }, maxTravelIncrease: 1e9 });
    expect(violations(input, plan.visits)).toEqual([]);
    // by hand: A or B can take both visits (both free 07:00–14:30), N neither: 2 staff → 1
    expect(plan.before.mean).toBe(2);
    expect(plan.after.mean).toBe(1);
    expect(plan.visits.filter((v) => v.client === 'C1').every((v) => v.staff !== 'N')).toBe(true);
    // the checker itself refuses N at 10:00
    const bad = input.map((v) => (v.visitId === 'V1' ? { ...v, staff: 'N' } : v));
    expect(violations(input, bad).some((m) => m.startsWith('availability'))).toBe(true);
  });
});
