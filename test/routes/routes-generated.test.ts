import { describe, expect, it } from 'vitest';
import { generateRows } from '../../src/generate/index.js';
import { measureRoutes } from '../../src/measures/routes/measure.js';
import type { RoutesResult } from '../../src/measures/routes/types.js';

// A generated municipality: staff routes with travel between visits. The generator's travel time is
// ceil(km × 1.3 × 1.5 min) + 2 min parking, at least the default model's km × 1.3 at 40 km/h
// (1.5 min a km), so every day the generator drove fits its own ±30 min windows under the model.
describe('routes over a generated log', () => {
  let result: RoutesResult;
  const rows: Record<string, string>[] = [];
  it('reads every row into a staff-day', async () => {
    for (const r of generateRows({ clients: 60, days: 14, seed: 5 }).rows) rows.push({ ...r });
    result = await measureRoutes(rows, { all: true });
    const w = result.windows[0]!;
    expect(result.rows.used).toBe(rows.length);
    expect(w.visits).toBe(rows.length);
    expect(w.routes.reduce((a, d) => a + d.visits, 0)).toBe(rows.length);
    expect(w.staffDaysWithoutCoordinates).toBe(0);
  });
  it('working = client + travel + waiting on every day (no overlaps, every gap covers its leg)', () => {
    for (const d of result.windows[0]!.routes) {
      expect(d.clientMinutes + d.travelMinutes! + d.waitingMinutes!).toBeCloseTo(d.workingMinutes, 6);
    }
  });
  it('pooled brukartid agrees with a direct sum over the rows', () => {
    const days = new Map<string, { first: number; last: number; minutes: number }>();
    for (const r of rows) {
      const key = `${r.staff_id} ${r.start!.slice(0, 10)}`;
      const s = Date.parse(`${r.start!.replace(' ', 'T')}Z`), e = Date.parse(`${r.end!.replace(' ', 'T')}Z`); // wall clock: no DST change in these days
      const d = days.get(key) ?? { first: Infinity, last: -Infinity, minutes: 0 };
      d.first = Math.min(d.first, s);
      d.last = Math.max(d.last, e);
      d.minutes += (e - s) / 60_000;
      days.set(key, d);
    }
    let client = 0, working = 0;
    for (const d of days.values()) {
      client += d.minutes;
      working += (d.last - d.first) / 60_000;
    }
    const w = result.windows[0]!;
    expect(w.staffDays).toBe(days.size);
    expect(w.clientTimeShare).toBeCloseTo(client / working, 10); // no DST change in 2024-10-01..14
  });
  it('detour ratios: 1 ≤ with windows ≤ free; every driven day fits its windows', () => {
    const w = result.windows[0]!;
    expect(w.windowsInfeasible).toBe(0);
    for (const d of w.routes) {
      expect(d.detourRatio!).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(d.detourRatioWindows!).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(d.detourRatioWindows!).toBeLessThanOrEqual(d.detourRatio! + 1e-9);
    }
    expect(w.detourRatio!).toBeGreaterThan(1);
    expect(w.savingMinutes).toBeGreaterThanOrEqual(w.savingMinutesWindows);
    expect(w.groups.reduce((a, g) => a + g.staffDays, 0)).toBe(w.staffDays);
    expect(w.perStaff.reduce((a, s) => a + s.staffDays, 0)).toBe(w.staffDays);
  });
});

describe('one window of a long log', () => {
  it('has the figures of the same window over the log cut by hand to its days and a day either side; every row counted', async () => {
    const rows = [...generateRows({ clients: 40, days: 60, seed: 9 }).rows].map((r) => ({ ...r }));
    const whole = await measureRoutes(rows, { from: '2024-10-22', rules: { days: 14 } });
    // the window is 2024-10-22 … 2024-11-04; the generator's visits are shorter than a day
    const near = rows.filter((r) => r.start! >= '2024-10-21' && r.start! < '2024-11-06');
    const cut = await measureRoutes(near, { from: '2024-10-22', rules: { days: 14 } });
    expect(whole.windows).toEqual(cut.windows);
    expect(whole.windows[0]!.routes.length).toBeGreaterThan(100);
    expect(whole.rows.used).toBe(rows.length);
    expect(whole.rows.outsideWindows).toBe(rows.length - whole.windows[0]!.visits);
  });
});
