import { describe, expect, it } from 'vitest';
import { KontinuitetError } from '../../src/errors.js';
import { routes } from '../../src/measures/routes/measure.js';
import { kthSmallest, sampledStaffDay, sampleMask, staffDayKey } from '../../src/measures/routes/sample.js';
import type { Visit } from '../../src/read/types.js';
import { greatCircleKm, permutations, visit } from './routes-fixture.js';

/** Five standard deviations of a binomial count: a deterministic check that cannot pass by luck. */
const within = (count: number, n: number, p: number) => Math.abs(count - n * p) < 5 * Math.sqrt(n * p * (1 - p));

describe('staffDayKey and sampledStaffDay: the seeded key of a staff-day', () => {
  const keys: { staff: string; day: string }[] = [];
  for (let s = 0; s < 5000; s++) for (let d = 1; d <= 20; d++) keys.push({ staff: `S${s}`, day: `2024-10-${String(d).padStart(2, '0')}` });

  it('is a number in [0, 1), the same on every call, and depends on staff, day and seed', () => {
    const k = staffDayKey('S1', '2024-10-01', 1);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(k).toBeLessThan(1);
    expect(staffDayKey('S1', '2024-10-01', 1)).toBe(k);
    expect(staffDayKey('S2', '2024-10-01', 1)).not.toBe(k);
    expect(staffDayKey('S1', '2024-10-02', 1)).not.toBe(k);
    expect(staffDayKey('S1', '2024-10-01', 2)).not.toBe(k);
    expect(() => staffDayKey('S1', '2024-13-01', 1)).toThrow(KontinuitetError);
  });

  it('samples each rate in proportion: the count over 100,000 staff-days within 5 sd of the binomial expectation', () => {
    for (const rate of [0.01, 0.1, 0.5, 0.9]) {
      const n = keys.filter((k) => sampledStaffDay(k.staff, k.day, 1, rate)).length;
      expect(within(n, keys.length, rate), `rate ${rate}: ${n}`).toBe(true);
    }
    expect(keys.every((k) => sampledStaffDay(k.staff, k.day, 7, 1))).toBe(true);
    expect(keys.some((k) => sampledStaffDay(k.staff, k.day, 7, 0))).toBe(false);
  });

  it('is uniform over deciles, and two seeds choose about independently (overlap ≈ rate²)', () => {
    const deciles = new Array<number>(10).fill(0);
    for (const k of keys) deciles[Math.floor(staffDayKey(k.staff, k.day, 3) * 10)]!++;
    for (const c of deciles) expect(within(c, keys.length, 0.1)).toBe(true);
    const both = keys.filter((k) => sampledStaffDay(k.staff, k.day, 1, 0.2) && sampledStaffDay(k.staff, k.day, 2, 0.2)).length;
    expect(within(both, keys.length, 0.04)).toBe(true);
  });
});

describe('kthSmallest: the value at a place of the sorted values, by selection', () => {
  it('is the sorted array\'s value at every place, with ties, runs and sorted or reversed input', () => {
    let x = 7;
    const rand = () => ((x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32;
    const cases = [
      Float64Array.of(3), Float64Array.of(2, 1), Float64Array.of(1, 1, 1, 1),
      Float64Array.from({ length: 50 }, (_, i) => i), Float64Array.from({ length: 50 }, (_, i) => 50 - i),
      Float64Array.from({ length: 301 }, () => Math.floor(rand() * 10)), Float64Array.from({ length: 1000 }, rand),
    ];
    for (const values of cases) {
      const sorted = Float64Array.from(values).sort();
      for (let k = 0; k < values.length; k++) expect(kthSmallest(Float64Array.from(values), k)).toBe(sorted[k]);
    }
  });
});

describe('sampleMask: the limit with the smallest keys', () => {
  it('takes exactly `limit` days, ties by position, and null when the limit is not below the count', () => {
    expect([...sampleMask(Float64Array.of(0.5, 0.1, 0.9), 2)!]).toEqual([1, 1, 0]);
    expect([...sampleMask(Float64Array.of(0.2, 0.7, 0.2, 0.2), 2)!]).toEqual([1, 0, 1, 0]);
    expect(sampleMask(Float64Array.of(0.5, 0.1), 2)).toBeNull();
    expect(sampleMask(Float64Array.of(0.5, 0.1), Infinity)).toBeNull();
  });
});

// Five staff-days on 2024-10-01, four visits each at latitude 62 on a line of longitudes: the day
// runs from its first visit to its last (fixed), the two between may swap. Group N: S1–S3, S: S4–S5.
const LAT = 62;
const LONS: Record<string, [number, number, number, number]> = {
  S1: [15.0, 15.2, 15.1, 15.3],
  S2: [15.0, 15.3, 15.1, 15.4],
  S3: [15.0, 15.05, 15.25, 15.3], // driven in the best order
  S4: [15.0, 15.4, 15.2, 15.5],
  S5: [15.0, 15.15, 15.05, 15.2],
};
const minutes = (a: number, b: number) => ((greatCircleKm(LAT, a, LAT, b) * 1.3) / 40) * 60;
const drivenOf = (l: readonly number[]) => minutes(l[0]!, l[1]!) + minutes(l[1]!, l[2]!) + minutes(l[2]!, l[3]!);
const bestOf = (l: readonly number[]) => Math.min(...permutations([l[1]!, l[2]!]).map(([p, q]) => drivenOf([l[0]!, p!, q!, l[3]!])));
// visits 08:00, 09:00, 10:00, 11:00 (20 minutes each): within ±30 min the two middle ones cannot
// swap (the 10:00 one starts at 09:30 at the earliest, the 09:00 one then after 09:50: too late)
function log(): Visit[] {
  return Object.entries(LONS).flatMap(([staff, lons]) => lons.map((lon, i) => visit(staff, `c${staff}${i}`, `${8 + i}:00`.padStart(5, '0'), `${8 + i}:20`.padStart(5, '0'), [LAT, lon], { group: staff < 'S4' ? 'N' : 'S' })));
}

describe('routes with bestOrderSample: a hand-worked log', () => {
  const all = routes(log(), { zone: 'UTC', all: true });
  const seed = 5;
  const sampled = routes(log(), { zone: 'UTC', all: true, bestOrderSample: 2, bestOrderSeed: seed });
  // the two staff-days with the smallest keys, by the same hash
  const chosen = Object.keys(LONS).sort((a, b) => staffDayKey(a, '2024-10-01', seed) - staffDayKey(b, '2024-10-01', seed)).slice(0, 2);

  it('searches the best orders of the chosen days only; the others keep their model travel', () => {
    const w = sampled.windows[0]!;
    for (const d of w.routes) {
      expect(d.modelMinutes).toBeCloseTo(drivenOf(LONS[d.staff]!), 9);
      if (chosen.includes(d.staff)) {
        expect(d.reason).toBeNull();
        expect(d.bestMinutes).toBeCloseTo(bestOf(LONS[d.staff]!), 9);
      } else {
        expect(d.reason).toBe('not_sampled');
        expect([d.bestMinutes, d.detourRatio, d.bestSearch, d.windowsFeasible, d.savingMinutes]).toEqual([null, null, null, null, null]);
      }
    }
    expect(sampled.options).toMatchObject({ bestOrderSample: 2, bestOrderSeed: seed });
  });

  it('gives the detour ratio of sums over the sampled days and the saving scaled by the travel sampled', () => {
    const w = sampled.windows[0]!;
    const driven = chosen.reduce((a, s) => a + drivenOf(LONS[s]!), 0);
    const best = chosen.reduce((a, s) => a + bestOf(LONS[s]!), 0);
    const allDriven = Object.values(LONS).reduce((a, l) => a + drivenOf(l), 0);
    expect(w.bestOrderSample).toEqual({ searched: 2, of: 5 });
    expect(w.detourRatio).toBeCloseTo(driven / best, 9);
    expect(w.savingMinutes).toBeCloseTo((driven - best) * (allDriven / driven), 6);
    // the time-window figures of the same days, as the full run has them
    const full = all.windows[0]!.routes.filter((d) => chosen.includes(d.staff));
    expect(w.detourRatioWindows).toBeCloseTo(driven / full.reduce((a, d) => a + d.bestMinutesWindows!, 0), 9);
  });

  it('keeps every other figure over all the staff-days', () => {
    const w = sampled.windows[0]!, a = all.windows[0]!;
    for (const key of ['staffDays', 'visits', 'workingHours', 'clientHours', 'travelHours', 'travelKm', 'clientTimeShare', 'travelMinutesPerVisit', 'kmPerVisit'] as const) {
      expect(w[key], key).toBe(a[key]);
    }
  });

  it('gives each group its ratio from its own sampled days (none: no ratio, the sample says 0 searched)', () => {
    // seed 5 chooses a day of each group; seed 3 two days of N, none of S (checked below by the hash)
    for (const s of [seed, 3]) {
      const picked = Object.keys(LONS).sort((a, b) => staffDayKey(a, '2024-10-01', s) - staffDayKey(b, '2024-10-01', s)).slice(0, 2);
      const w = routes(log(), { zone: 'UTC', all: true, bestOrderSample: 2, bestOrderSeed: s }).windows[0]!;
      for (const g of w.groups) {
        const own = picked.filter((x) => (x < 'S4' ? 'N' : 'S') === g.group);
        const of = Object.keys(LONS).filter((x) => (x < 'S4' ? 'N' : 'S') === g.group).length;
        expect(g.bestOrderSample).toEqual({ searched: own.length, of });
        if (own.length === 0) expect([g.detourRatio, g.savingMinutes]).toEqual([null, 0]);
        else expect(g.detourRatio).toBeCloseTo(own.reduce((x, t) => x + drivenOf(LONS[t]!), 0) / own.reduce((x, t) => x + bestOf(LONS[t]!), 0), 9);
      }
      if (s === 3) expect(w.groups.find((g) => g.group === 'S')!.bestOrderSample).toEqual({ searched: 0, of: 2 });
    }
  });

  it('chooses the same days whatever the order of the rows', () => {
    const rows = log();
    const shuffled = rows.map((r, i) => ({ r, k: (i * 7919) % rows.length })).sort((x, y) => x.k - y.k).map((x) => x.r);
    expect(routes(shuffled, { zone: 'UTC', all: true, bestOrderSample: 2, bestOrderSeed: seed }).windows).toEqual(sampled.windows);
  });

  it('without a limit below the count, gives the figures of every day exactly', () => {
    expect(routes(log(), { zone: 'UTC', all: true, bestOrderSample: Infinity })).toEqual(all);
    const atCount = routes(log(), { zone: 'UTC', all: true, bestOrderSample: 5 });
    expect(atCount.windows).toEqual(all.windows);
    expect(all.windows[0]!.bestOrderSample).toBeUndefined();
    expect(all.windows[0]!.detourRatio).toBeCloseTo(Object.values(LONS).reduce((a, l) => a + drivenOf(l), 0) / Object.values(LONS).reduce((a, l) => a + bestOf(l), 0), 9);
  });

  it('refuses a limit that is not a whole number ≥ 1 and a bad seed', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => routes(log(), { bestOrderSample: bad })).toThrow(/bestOrderSample/);
    expect(() => routes(log(), { bestOrderSeed: -1 })).toThrow(/bestOrderSeed/);
  });
});
