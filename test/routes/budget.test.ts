import { describe, expect, it } from 'vitest';
import { bestOrder } from '../../src/measures/routes/bestOrder.js';
import { routeDay, type RouteStop } from '../../src/measures/routes/day.js';
import type { DistanceModel } from '../../src/measures/routes/distance.js';
import { routes, RoutesAccumulator } from '../../src/measures/routes/measure.js';
import type { StaffDayRoute } from '../../src/measures/routes/types.js';
import type { Visit } from '../../src/read/types.js';
import { Rng } from '../../src/generate/rng.js';
import { at, visit } from './routes-fixture.js';

/** The project's seeded generator, so the messy days are the same on every run. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.float();
}

/**
 * Over-full days, as a log with a random staff member on every visit gives them: `stops` visits a
 * staff-day between 07:00 and 17:00, 20–60 minutes each (so they overlap), anywhere in a box of
 * about 20 km. Each visit its own client: none double-staffed.
 */
function messyDays(staff: number, days: number, stops: (r: () => number) => number, seed: number): Visit[] {
  const r = rng(seed);
  const rows: Visit[] = [];
  for (let d = 0; d < days; d++) {
    for (let s = 0; s < staff; s++) {
      const n = stops(r);
      for (let k = 0; k < n; k++) {
        const start = Date.UTC(2024, 9, 1 + d, 7) + Math.floor(r() * 600) * 60_000;
        const end = start + (20 + Math.floor(r() * 41)) * 60_000;
        rows.push({ ...visit(`S${s}`, `C${d}-${s}-${k}`, '08:00', '09:00', [62 + r() * 0.2, 15 + r() * 0.4], { visitId: `V${d}-${s}-${k}` }), start, end });
      }
    }
  }
  return rows;
}

const searches = (days: readonly StaffDayRoute[]) => days.map((d) => d.bestSearch);

describe('the best-order search has a budget', () => {
  // 100 staff-days of 16-20 overlapping stops (beyond the exact size: searched by the heuristic)
  const big = messyDays(20, 5, (r) => 16 + Math.floor(r() * 5), 7);
  // 30 staff-days of 6-10 stops (exact)
  const small = messyDays(10, 3, (r) => 6 + Math.floor(r() * 5), 8);

  it('without it reached: exact up to 12 stops, heuristic beyond, and counted', () => {
    const w = routes([...big, ...small.map((v) => ({ ...v, staff: `T${v.staff}` }))], { zone: 'UTC', all: true }).windows[0]!;
    for (const d of w.routes) {
      expect(d.bestSearch).toBe(d.visits <= 12 ? 'exact' : 'heuristic');
      expect(d.bestExact).toBe(d.bestSearch === 'exact');
    }
    expect([w.staffDays, w.daysHeuristic, w.daysQuick]).toEqual([130, 100, 0]);
  });

  it('spent (searchBudgetMs 0): every staff-day quick, not exact, with a warning (its speed is in npm run bench: routes.mjs --messy)', () => {
    const full = routes(big, { zone: 'UTC', all: true });
    const warnings: string[] = [];
    const quickly = (visits: readonly Visit[]) => {
      const acc = new RoutesAccumulator({ zone: 'UTC', all: true, searchBudgetMs: 0, onWarning: (m) => warnings.push(m) });
      for (const v of visits) acc.add(v);
      return acc.finish();
    };
    const quick = quickly(big);
    const w = quick.windows[0]!;
    expect(searches(w.routes)).toEqual(w.routes.map(() => 'quick'));
    expect(w.routes.every((d) => d.bestExact === false)).toBe(true);
    expect([w.daysHeuristic, w.daysQuick]).toEqual([100, 100]);
    expect(w.perStaff.reduce((a, s) => a + s.daysQuick, 0)).toBe(100);
    expect(quick.options.searchBudgetMs).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/after 0 of 100 staff-days; the other 100 were solved by the quick heuristic/);
    // the quick orders are orders of the same stops: never better than the full search's
    full.windows[0]!.routes.forEach((d, k) => expect(w.routes[k]!.bestMinutes!).toBeGreaterThanOrEqual(d.bestMinutes! - 1e-9));
  });

  it('the exact search past its label budget (exactLabels) gives the heuristic order: bestExact false', () => {
    const exact = routes(small, { zone: 'UTC', all: true }).windows[0]!.routes;
    const cut = routes(small, { zone: 'UTC', all: true, exactLabels: 1 }).windows[0]!.routes;
    expect(searches(exact).every((s) => s === 'exact')).toBe(true);
    // a day whose best order without windows is on time needs no label; every other one is cut
    const changed = cut.filter((d, k) => d.bestSearch !== exact[k]!.bestSearch);
    expect(changed.length).toBeGreaterThan(0);
    for (const d of changed) expect([d.bestSearch, d.bestExact]).toEqual(['heuristic', false]);
    // the free order is still exact (no labels without windows): the same detour ratio
    cut.forEach((d, k) => expect(d.bestMinutes).toBe(exact[k]!.bestMinutes));
  });

  it('a hand-checked day keeps its exact answer within the budget; past it, the same here, but not proven', () => {
    // A line (minutes = km = 100 × Δlon): x = 0 (08:00), 20 (08:20), 5 (08:40), 25 (09:00), 10 minutes
    // each. Driven 20 + 15 + 20 = 55; best with the same ends 0, 5, 20, 25 = 25, also within ±30 min
    // (0 at 07:30, 5 at 08:10, 20 at 08:35, 25 at 08:50).
    const line: DistanceModel = { kind: 'haversine', leg: (a, b) => ({ minutes: Math.abs(a.lon - b.lon) * 100, km: Math.abs(a.lon - b.lon) * 100 }) };
    const stop = (x: number, from: string, to: string): RouteStop => ({
      start: at(from), end: at(to), lat: 0, lon: x / 100, travelMinutes: null, travelKm: null, shiftStart: null, shiftEnd: null, double: false,
    });
    const day = [stop(0, '08:00', '08:10'), stop(20, '08:20', '08:30'), stop(5, '08:40', '08:50'), stop(25, '09:00', '09:10')];
    const exact = routeDay(day, { model: line });
    expect([exact.modelMinutes, exact.bestMinutes, exact.bestMinutesWindows, exact.bestSearch, exact.bestExact]).toEqual([55, 25, 25, 'exact', true]);
    const quick = routeDay(day, { model: line, quick: true });
    expect([quick.modelMinutes, quick.bestMinutes, quick.bestMinutesWindows, quick.bestSearch, quick.bestExact]).toEqual([55, 25, 25, 'quick', false]);
  });
});

describe('bestOrder: quick, exactLabels and onTimeOnly', () => {
  const x = [0, 10, 3, 7];
  const cost = x.map((a) => x.map((b) => Math.abs(a - b)));
  it('quick: the heuristic alone, never exact beyond one stop to place', () => {
    expect(bestOrder(cost, { quick: true })).toEqual({ order: [0, 2, 3, 1], cost: 10, exact: false, feasible: true });
    expect(bestOrder([[0, 4], [4, 0]], { quick: true })).toEqual({ order: [0, 1], cost: 4, exact: true, feasible: true });
  });
  it('exactLabels 0: with windows the exact search gives up at once; without windows it takes none', () => {
    const timeWindows: [number, number][] = [[0, 0], [0, 10], [12, 99], [0, 99]];
    expect(bestOrder(cost, { timeWindows })).toMatchObject({ order: [0, 3, 1, 2], cost: 17, exact: true });
    expect(bestOrder(cost, { timeWindows, exactLabels: 0 })).toMatchObject({ order: [0, 3, 1, 2], cost: 17, exact: false });
    expect(bestOrder(cost, { exactLabels: 0 })).toMatchObject({ cost: 10, exact: true });
  });
  it('onTimeOnly: no order on time is proven at once, the least-late one not searched; else as without it', () => {
    // Line: 0 at 0, 1 at 5, 2 at −3. Stop 1 due by 4, stop 2 by 2: 0-1-2 is 1 late at stop 1, and
    // 0-2-1 reaches stop 1 at 3 + 8 = 11: no order is on time (the least late is 0-2-1).
    const L = [[0, 5, 3], [5, 0, 8], [3, 8, 0]];
    const late: [number, number][] = [[0, 100], [0, 4], [0, 2]];
    expect(bestOrder(L, { timeWindows: late })).toEqual({ order: [0, 2, 1], cost: 11, exact: true, feasible: false });
    expect(bestOrder(L, { timeWindows: late, onTimeOnly: true })).toEqual({ order: [0, 1, 2], cost: 13, exact: true, feasible: false });
    // beyond the exact size too: proven, not searched
    expect(bestOrder(L, { timeWindows: late, onTimeOnly: true, exactUpTo: 0 })).toEqual({ order: [0, 1, 2], cost: 13, exact: true, feasible: false });
    // stop 2 by 3 instead: 0-2-1 is on time (2 at 3, 1 at 11 ≤ 100 when stop 1 is due by 100)
    const onTime: [number, number][] = [[0, 100], [0, 100], [0, 3]];
    expect(bestOrder(L, { timeWindows: onTime, onTimeOnly: true })).toEqual(bestOrder(L, { timeWindows: onTime }));
    expect(bestOrder(L, { timeWindows: onTime })).toEqual({ order: [0, 2, 1], cost: 11, exact: true, feasible: true });
    expect(() => bestOrder(L, { onTimeOnly: 1 as unknown as boolean })).toThrow(/onTimeOnly/);
  });
  it('bad values are BAD_OPTION', () => {
    expect(() => bestOrder(cost, { exactLabels: -1 })).toThrow(/exactLabels/);
    expect(() => bestOrder(cost, { exactLabels: 1.5 })).toThrow(/exactLabels/);
    expect(() => bestOrder(cost, { quick: 'yes' as unknown as boolean })).toThrow(/quick/);
    expect(() => routes([], { searchBudgetMs: -1 })).toThrow(/searchBudgetMs/);
    expect(() => routes([], { exactLabels: -1 })).toThrow(/exactLabels/);
  });
});
