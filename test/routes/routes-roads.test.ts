import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { haversineModel } from '../../src/measures/routes/distance.js';
import { routes } from '../../src/measures/routes/measure.js';
import { parseRoadNetwork, readRoadNetwork, roadModel } from '../../src/measures/routes/roads.js';
import { greatCircleKm, visit } from './routes-fixture.js';

const FILE = new URL('../fixtures/roads/tiny.csv', import.meta.url);
// tiny.csv: A (62, 15) – B (62, 15.01) directly 20 min / 1 km; A – C (62.005, 15.005) 5 min / 0.6 km;
// C – B 6 min / 0.6 km. The fastest A → B is via C: 11 min, 1.2 km. A separate segment far away.
const A = { lat: 62.0, lon: 15.0 }, B = { lat: 62.0, lon: 15.01 }, C = { lat: 62.005, lon: 15.005 };

describe('road network', () => {
  const net = parseRoadNetwork(readFileSync(FILE, 'utf8'));
  it('loads the segments into a graphology graph', () => {
    expect(net.graph.order).toBe(5);
    expect(net.graph.size).toBe(4);
    expect(net.segments).toBe(4);
  });
  it('the fastest path is not the direct edge: A → B via C', () => {
    const m = roadModel(net);
    for (const leg of [m.leg(A, B), m.leg(B, A)]) {
      expect(leg.minutes).toBe(11);
      expect(leg.km).toBeCloseTo(1.2, 12);
    }
    expect(m.leg(A, C)).toEqual({ minutes: 5, km: 0.6 });
  });
  it('a point off the network snaps to the nearest node; the access is straight line × circuity at the speed', () => {
    const m = roadModel(net, { circuity: 1.3, speedKmh: 40 });
    const P = { lat: 61.999, lon: 15.0 }; // about 111 m south of A
    const access = greatCircleKm(P.lat, P.lon, A.lat, A.lon) * 1.3;
    const leg = m.leg(P, B);
    expect(leg.minutes).toBeCloseTo(11 + (access / 40) * 60, 9);
    expect(leg.km).toBeCloseTo(1.2 + access, 9);
  });
  it('nodes the network does not connect fall back to the straight line, counted', () => {
    const m = roadModel(net);
    const far = { lat: 62.1, lon: 15.1 };
    expect(m.leg(A, far)).toEqual(haversineModel().leg(A, far));
    expect(m.fallbacks).toBe(1);
  });
  it('a route over the network: driven A, B, C, B against the best A, C, B, B', async () => {
    const day = [visit('S1', 'a', '08:00', '08:30', [A.lat, A.lon]), visit('S1', 'b', '09:00', '09:30', [B.lat, B.lon]),
      visit('S1', 'c', '10:00', '10:30', [C.lat, C.lon]), visit('S1', 'b2', '11:00', '11:30', [B.lat, B.lon])];
    const r = routes(day, { zone: 'UTC', all: true, roads: await readRoadNetwork(FILE.pathname) });
    const d = r.windows[0]!.routes[0]!;
    // driven A→B 11 (via C), B→C 6, C→B 6 = 23; best with the same ends A→C 5, C→B 6, B→B 0 = 11.
    expect([d.modelMinutes, d.bestMinutes]).toEqual([23, 11]);
    expect(d.modelKm).toBeCloseTo(2.4, 12);
    expect(d.bestKm).toBeCloseTo(1.2, 12);
    expect(d.detourRatio).toBeCloseTo(23 / 11, 12);
    expect(d.savingMinutes).toBe(12);
    expect(r.options.distance).toBe('roads');
  });
  it('bad files are BAD_OPTION naming the line', () => {
    expect(() => parseRoadNetwork('a,b\n')).toThrow(/header/);
    expect(() => parseRoadNetwork('from_lat,from_lon,to_lat,to_lon,minutes\n62,15,62,x,3\n')).toThrow(/line 2/);
  });
  // issue 22 item 11: Number('') is 0, so an empty km cell read as a 0 km road
  it('an empty or blank km cell is the straight line, as leaving the column out is', () => {
    // along the equator the great circle is R·Δλ: 6371 km × 0.01° in radians = 1.11195 km
    const straight = (6371 * 0.01 * Math.PI) / 180;
    const A = { lat: 0, lon: 0 }, B = { lat: 0, lon: 0.01 };
    for (const text of [
      'from_lat,from_lon,to_lat,to_lon,minutes\n0,0,0,0.01,3\n',
      'from_lat,from_lon,to_lat,to_lon,minutes,km\n0,0,0,0.01,3,\n',
      'from_lat,from_lon,to_lat,to_lon,minutes,km\n0,0,0,0.01,3, \n',
      'from_lat;from_lon;to_lat;to_lon;minutes;km\n0;0;0;0,01;3;\n',
    ]) {
      const leg = roadModel(parseRoadNetwork(text)).leg(A, B);
      expect(leg.minutes).toBe(3);
      expect(leg.km).toBeCloseTo(straight, 12);
      expect(leg.km).toBeCloseTo(1.112, 3);
    }
    expect(roadModel(parseRoadNetwork('from_lat,from_lon,to_lat,to_lon,minutes,km\n0,0,0,0.01,3,0\n')).leg(A, B).km).toBe(0);
  });
  it('an empty coordinate or minutes cell is a bad line, not 0', () => {
    for (const line of [',0,0,0.01,3', '0,0,0, ,3', '0,0,0,0.01,', '0,0,0,0.01, ,1']) {
      expect(() => parseRoadNetwork(`from_lat,from_lon,to_lat,to_lon,minutes,km\n${line}\n`)).toThrow(/line 2/);
    }
    expect(() => parseRoadNetwork('from_lat,from_lon,to_lat,to_lon,minutes,km\n0,0,0,0.01,3,-1\n')).toThrow(/line 2/);
  });
});
