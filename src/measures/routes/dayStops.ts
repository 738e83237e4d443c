/**
 * A staff-day's stops in typed columns, refilled for each day (no object per stop), and the
 * day's travel matrix under a distance model in flat arrays: what {@link routeDay} reads.
 *
 * @module
 */

import { EARTH_RADIUS_KM, straightLineOf, type DistanceModel, type LatLon } from './distance.js';
import type { RouteStop } from './dayTypes.js';

const RAD = Math.PI / 180;

/** Numbers a stop takes packed (a batch's stops, `RouteRows.packStops`): start, end, lat, lon, travel minutes, travel km, shift start, shift end. */
export const STOP = 8;

/**
 * The stops of one staff-day as columns (NaN: none), grown as needed and refilled for each day;
 * node t of the day's matrix is the base when there is one (t = 0), then the stops in order.
 *
 * @example
 * const d = new DayStops();
 * d.fromStops(stops); // or: d.reset(n), then d.start[i] = … for each stop
 * d.n; // → stops.length
 */
export class DayStops {
  /** Stops of the day. */
  n = 0;
  start = new Float64Array(16);
  end = new Float64Array(16);
  /** Coordinates (NaN: none). */
  lat = new Float64Array(16);
  lon = new Float64Array(16);
  travelMinutes = new Float64Array(16);
  travelKm = new Float64Array(16);
  shiftStart = new Float64Array(16);
  shiftEnd = new Float64Array(16);
  /** 1: a double-staffed visit. */
  double = new Uint8Array(16);
  /** The matrix's nodes (base first when there is one): coordinates and the cosine of the latitude. */
  private nodeLat = new Float64Array(17);
  private nodeLon = new Float64Array(17);
  private nodeCos = new Float64Array(17);
  /** Travel from node i to node j at `i × nodes + j` (0 where not computed: the diagonal, and off the path). */
  minutes = new Float64Array(17 * 17);
  km = new Float64Array(17 * 17);
  /** Nodes of the matrix last made ({@link DayStops.matrix}). */
  nodes = 0;

  /** Makes room for `n` stops and sets the count (the columns' values are the caller's to set). */
  reset(n: number): void {
    if (n > this.start.length) {
      const c = Math.max(n, 2 * this.start.length);
      this.start = new Float64Array(c);
      this.end = new Float64Array(c);
      this.lat = new Float64Array(c);
      this.lon = new Float64Array(c);
      this.travelMinutes = new Float64Array(c);
      this.travelKm = new Float64Array(c);
      this.shiftStart = new Float64Array(c);
      this.shiftEnd = new Float64Array(c);
      this.double = new Uint8Array(c);
    }
    this.n = n;
  }

  /** Fills the columns from stop objects (null: NaN). */
  fromStops(stops: readonly RouteStop[]): this {
    this.reset(stops.length);
    for (let i = 0; i < stops.length; i++) {
      const s = stops[i]!;
      this.start[i] = s.start;
      this.end[i] = s.end;
      this.lat[i] = s.lat ?? Number.NaN;
      this.lon[i] = s.lon ?? Number.NaN;
      this.travelMinutes[i] = s.travelMinutes ?? Number.NaN;
      this.travelKm[i] = s.travelKm ?? Number.NaN;
      this.shiftStart[i] = s.shiftStart ?? Number.NaN;
      this.shiftEnd[i] = s.shiftEnd ?? Number.NaN;
      this.double[i] = s.double ? 1 : 0;
    }
    return this;
  }

  /**
   * Fills the columns from `n` stops packed at `stops[STOP × a …]` ({@link STOP} numbers each) and `double[a …]`.
   *
   * @example
   * d.fromPacked(batch.stops, batch.double, batch.first[j], batch.first[j + 1] - batch.first[j]);
   */
  fromPacked(stops: Float64Array, double: Uint8Array, a: number, n: number): this {
    this.reset(n);
    for (let i = 0; i < n; i++) {
      const x = STOP * (a + i);
      this.start[i] = stops[x]!;
      this.end[i] = stops[x + 1]!;
      this.lat[i] = stops[x + 2]!;
      this.lon[i] = stops[x + 3]!;
      this.travelMinutes[i] = stops[x + 4]!;
      this.travelKm[i] = stops[x + 5]!;
      this.shiftStart[i] = stops[x + 6]!;
      this.shiftEnd[i] = stops[x + 7]!;
      this.double[i] = double[a + i]!;
    }
    return this;
  }

  /** Whether every stop has coordinates. */
  hasCoordinates(): boolean {
    for (let i = 0; i < this.n; i++) if (Number.isNaN(this.lat[i]!) || Number.isNaN(this.lon[i]!)) return false;
    return true;
  }

  /** Whether the stops are in order of start (then {@link unionMinutesOf} needs no sort). */
  inStartOrder(): boolean {
    for (let i = 1; i < this.n; i++) if (this.start[i]! < this.start[i - 1]!) return false;
    return true;
  }

  /**
   * The travel matrix of the day's nodes (the base first when given, then the stops) under `model`,
   * as {@link travelMatrix} makes it: every pair, or with `path` only each node to the next and the
   * last back to the first (the others 0). The same legs are asked of the model (a road model
   * counts its fallbacks); the straight-line model's are computed here, each point's cosine once.
   */
  matrix(base: LatLon | null, model: DistanceModel, path: boolean): void {
    const off = base !== null ? 1 : 0;
    const N = this.n + off;
    this.nodes = N;
    if (N > this.nodeLat.length) {
      const c = Math.max(N, 2 * this.nodeLat.length);
      this.nodeLat = new Float64Array(c);
      this.nodeLon = new Float64Array(c);
      this.nodeCos = new Float64Array(c);
    }
    if (N * N > this.minutes.length) {
      this.minutes = new Float64Array(Math.max(N * N, 2 * this.minutes.length));
      this.km = new Float64Array(this.minutes.length);
    }
    const { nodeLat, nodeLon, nodeCos, minutes, km } = this;
    if (base !== null) {
      nodeLat[0] = base.lat;
      nodeLon[0] = base.lon;
    }
    for (let i = 0; i < this.n; i++) {
      nodeLat[i + off] = this.lat[i]!;
      nodeLon[i + off] = this.lon[i]!;
    }
    minutes.fill(0, 0, N * N);
    km.fill(0, 0, N * N);
    const straight = straightLineOf(model);
    if (straight === null) {
      const point = (t: number): LatLon => ({ lat: nodeLat[t]!, lon: nodeLon[t]! });
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          if (i === j || (path && j !== (i + 1) % N)) continue;
          const leg = model.leg(point(i), point(j));
          minutes[i * N + j] = leg.minutes;
          km[i * N + j] = leg.km;
        }
      }
      return;
    }
    for (let t = 0; t < N; t++) nodeCos[t] = Math.cos(nodeLat[t]! * RAD);
    const { circuity, speedKmh } = straight;
    if (path) {
      for (let i = 0; i < N; i++) {
        const j = (i + 1) % N;
        if (i === j) continue;
        const k = straightKm(nodeLat[i]!, nodeLon[i]!, nodeCos[i]!, nodeLat[j]!, nodeLon[j]!, nodeCos[j]!) * circuity;
        km[i * N + j] = k;
        minutes[i * N + j] = (k / speedKmh) * 60;
      }
      return;
    }
    // the straight line is the same both ways: each pair computed once
    for (let i = 0; i < N; i++) {
      for (let j = i + 1; j < N; j++) {
        const k = straightKm(nodeLat[i]!, nodeLon[i]!, nodeCos[i]!, nodeLat[j]!, nodeLon[j]!, nodeCos[j]!) * circuity;
        const m = (k / speedKmh) * 60;
        km[i * N + j] = k;
        km[j * N + i] = k;
        minutes[i * N + j] = m;
        minutes[j * N + i] = m;
      }
    }
  }

  /** Row i of the last matrix's minutes (or km) as a new array, for `bestOrder`. */
  rows(of: Float64Array): number[][] {
    const N = this.nodes;
    const out: number[][] = [];
    for (let i = 0; i < N; i++) out.push(Array.from(of.subarray(i * N, i * N + N)));
    return out;
  }
}

/**
 * {@link haversineKm} of two points given with the cosines of their latitudes (`Math.cos(lat × π/180)`),
 * the same expression in the same order, so the same number.
 *
 * @example
 * straightKm(0, 0, 1, 0, 1, 1); // → 111.19492664455873
 */
export function straightKm(aLat: number, aLon: number, aCos: number, bLat: number, bLon: number, bCos: number): number {
  const dLat = (bLat - aLat) * RAD;
  const dLon = (bLon - aLon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + aCos * bCos * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Minutes covered by the union of the intervals [start[i], end[i]) of i < n (epoch ms), each
 * counted once; the intervals in order of start (as a stable sort by start leaves them).
 *
 * @example
 * unionMinutesOf(Float64Array.of(0, 1_800_000), Float64Array.of(3_600_000, 5_400_000), 2); // → 90
 */
export function unionMinutesOf(start: Float64Array, end: Float64Array, n: number): number {
  let total = 0, from = -Infinity, to = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = start[i]!, e = end[i]!;
    if (s > to) {
      if (to > from) total += to - from;
      from = s;
      to = e;
    } else if (e > to) to = e;
  }
  if (to > from) total += to - from;
  return total / 60_000;
}
