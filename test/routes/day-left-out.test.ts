import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/generate/rng.js';
import { routeDay, type RouteStop } from '../../src/measures/routes/day.js';
import { haversineModel } from '../../src/measures/routes/distance.js';

// A day left out of the sample (search: false) reads only the legs of its driven order; its figures
// must be those the searched day reports beside its best orders (computed from every pair's legs).
describe('a staff-day left out of the best-order sample', () => {
  const model = haversineModel();
  const rng = new Rng(41);
  for (let k = 0; k < 40; k++) {
    const n = 1 + rng.int(0, 8);
    let t = 7 * 3_600_000;
    const stops: RouteStop[] = Array.from({ length: n }, () => {
      const start = (t += rng.int(5, 60) * 60_000);
      const end = (t += rng.int(10, 45) * 60_000);
      return { start, end, lat: 62.4 + rng.float() * 0.2, lon: 15.5 + rng.float() * 0.3, travelMinutes: null, travelKm: null, shiftStart: null, shiftEnd: null, double: false };
    });
    const base = k % 2 === 0 ? { lat: 62.52, lon: 15.66 } : undefined;
    it(`has the searched day's model figures (${n} stops${base ? ', from a base' : ''})`, () => {
      const searched = routeDay(stops, { model, ...(base ? { base } : {}) });
      const left = routeDay(stops, { model, search: false, ...(base ? { base } : {}) });
      expect(left.reason).toBe('not_sampled');
      expect(left.bestMinutes).toBeNull();
      for (const key of ['modelMinutes', 'modelKm', 'travelMinutes', 'travelKm', 'waitingMinutes', 'workStart', 'workEnd', 'clientTimeShare'] as const) {
        expect(left[key], key).toBe(searched[key]);
      }
    });
  }
});
