import { describe, expect, it } from 'vitest';
import { DayStops, straightKm, unionMinutesOf } from '../../src/measures/routes/dayStops.js';
import { drivenTravel } from '../../src/measures/routes/dayOrders.js';
import { haversineKm, haversineModel, travelMatrix, type DistanceModel, type LatLon } from '../../src/measures/routes/distance.js';
import { Scratch } from '../../src/measures/routes/scratch.js';

const MIN = 60_000;

describe('straightKm: the haversine distance from latitudes given with their cosines', () => {
  it('one degree of longitude on the equator is 2πR / 360', () => {
    expect(straightKm(0, 0, 1, 0, 1, 1)).toBeCloseTo((2 * Math.PI * 6371) / 360, 9);
  });
  it('is the same number as haversineKm, both ways', () => {
    const a = { lat: 62.52154, lon: 15.68597 }, b = { lat: 62.39929, lon: 15.39488 };
    const rad = Math.PI / 180, ca = Math.cos(a.lat * rad), cb = Math.cos(b.lat * rad);
    expect(straightKm(a.lat, a.lon, ca, b.lat, b.lon, cb)).toBe(haversineKm(a, b));
    expect(straightKm(b.lat, b.lon, cb, a.lat, a.lon, ca)).toBe(haversineKm(b, a));
  });
});

describe('unionMinutesOf: intervals in order of start, overlaps counted once', () => {
  it('08:00–09:00, 08:30–09:30 and 10:00–10:15 cover 90 + 15 minutes', () => {
    expect(unionMinutesOf(Float64Array.of(0, 30 * MIN, 120 * MIN), Float64Array.of(60 * MIN, 90 * MIN, 135 * MIN), 3)).toBe(105);
  });
  it('a visit inside another adds nothing; only the first n intervals count', () => {
    expect(unionMinutesOf(Float64Array.of(0, 10 * MIN, 500 * MIN), Float64Array.of(60 * MIN, 20 * MIN, 600 * MIN), 2)).toBe(60);
  });
});

describe('drivenTravel: nodes 0 … N − 1 in order over a flat matrix', () => {
  // 3 nodes: 0→1 = 2, 1→2 = 3, 2→0 = 4 (the others unused)
  const m = Float64Array.of(0, 2, 9, 9, 0, 3, 4, 9, 0);
  it('open: 2 + 3; closed: 2 + 3 + 4', () => {
    expect(drivenTravel(m, 3, false)).toBe(5);
    expect(drivenTravel(m, 3, true)).toBe(9);
  });
  it('one node: nothing to drive, even closed', () => {
    expect(drivenTravel(Float64Array.of(7), 1, true)).toBe(0);
  });
});

describe('DayStops.matrix: the travel matrix of travelMatrix, flat', () => {
  const points: LatLon[] = [{ lat: 62.5, lon: 15.6 }, { lat: 62.52, lon: 15.7 }, { lat: 62.4, lon: 15.39 }, { lat: 62.5, lon: 15.6 }];
  const day = (): DayStops => {
    const d = new DayStops();
    d.fromStops(points.map((p, i) => ({ start: i * 30 * MIN, end: (i * 30 + 10) * MIN, lat: p.lat, lon: p.lon, travelMinutes: null, travelKm: null, shiftStart: null, shiftEnd: null, double: false })));
    return d;
  };
  const flat = (m: number[][]) => m.flat();
  const base = { lat: 62.45, lon: 15.5 };
  for (const path of [false, true]) {
    it(`the straight-line model, ${path ? 'path legs only' : 'every pair'}, with and without a base: the same numbers`, () => {
      const model = haversineModel({ circuity: 1.25, speedKmh: 35 });
      const d = day();
      d.matrix(null, model, path);
      const want = travelMatrix(points, model, path);
      expect(Array.from(d.minutes.subarray(0, 16))).toEqual(flat(want.minutes));
      expect(Array.from(d.km.subarray(0, 16))).toEqual(flat(want.km));
      d.matrix(base, model, path);
      const withBase = travelMatrix([base, ...points], model, path);
      expect(d.nodes).toBe(5);
      expect(Array.from(d.minutes.subarray(0, 25))).toEqual(flat(withBase.minutes));
    });
  }
  it('any other model is asked for the same legs as travelMatrix asks', () => {
    const asked: string[] = [];
    const line: DistanceModel = { kind: 'haversine', leg: (a, b) => { asked.push(`${a.lon}>${b.lon}`); return { minutes: 100 * Math.abs(a.lon - b.lon), km: 50 * Math.abs(a.lon - b.lon) }; } };
    const d = day();
    d.matrix(null, line, true);
    const mine = asked.splice(0);
    const want = travelMatrix(points, line, true);
    expect(mine).toEqual(asked.splice(0));
    expect(Array.from(d.km.subarray(0, 16))).toEqual(flat(want.km));
  });
});

describe('Scratch: a kept array, its first n set each time', () => {
  it('gives the same array back, refilled, while it is big enough', () => {
    const s = new Scratch();
    const a = s.f64(10, Infinity);
    a[3] = 1;
    const b = s.f64(5, 0);
    expect(b).toBe(a);
    expect(Array.from(b.subarray(0, 5))).toEqual([0, 0, 0, 0, 0]);
    expect(b[5]).toBe(Infinity);
    expect(Array.from(s.i32(100, -1).subarray(0, 100)).every((x) => x === -1)).toBe(true);
  });
});
