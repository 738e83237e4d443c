/**
 * Distance models of the route figures: straight line (haversine) times a circuity factor at an
 * average speed, and the travel matrix of a day's stops under a model.
 *
 * @module
 */

import { KontinuitetError } from '../../errors.js';

/**
 * Mean Earth radius used by {@link haversineKm}, in km (IUGG mean radius, rounded).
 *
 * @example
 * (2 * Math.PI * EARTH_RADIUS_KM) / 360; // → 111.19492664455873 (km per degree of a great circle)
 */
export const EARTH_RADIUS_KM = 6371;

/**
 * A point: latitude and longitude in decimal degrees (WGS 84).
 *
 * @example
 * const p: LatLon = { lat: 62.52, lon: 15.66 };
 */
export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * Travel between two points: minutes and kilometres.
 *
 * @example
 * const leg: Leg = { minutes: 9, km: 6 }; // 6 km at 40 km/h
 */
export interface Leg {
  minutes: number;
  km: number;
}

/**
 * A distance model: the travel from one point to another. Implementations may be asymmetric.
 *
 * @example
 * const model: DistanceModel = haversineModel({ circuity: 1.3, speedKmh: 40 });
 * model.leg({ lat: 62.5, lon: 15.6 }, { lat: 62.5, lon: 15.6 }); // → { minutes: 0, km: 0 }
 */
export interface DistanceModel {
  /** `'haversine'` or `'roads'`: reported with the figures. */
  readonly kind: 'haversine' | 'roads';
  leg(from: LatLon, to: LatLon): Leg;
}

/**
 * Great-circle distance in km between two points: the haversine formula on a sphere of radius
 * {@link EARTH_RADIUS_KM}: `2R·asin(√(sin²(Δφ/2) + cos φ₁·cos φ₂·sin²(Δλ/2)))`.
 *
 * @example
 * haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 }); // → 111.19492664455873 (one degree on the equator)
 */
export function haversineKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The models made by {@link haversineModel}, with their settings. */
const straightModels = new WeakMap<DistanceModel, { circuity: number; speedKmh: number }>();

/**
 * Options of {@link haversineModel}.
 *
 * - `circuity`: road distance ÷ straight-line distance, ≥ 1 (default 1.3; Swedish roads
 *   typically 1.2–1.4).
 * - `speedKmh`: average speed over the road distance, > 0 (default 40 km/h).
 *
 * @example
 * const o: HaversineOptions = { circuity: 1.25, speedKmh: 35 };
 */
export interface HaversineOptions {
  circuity?: number;
  speedKmh?: number;
}

/**
 * The straight-line model: `km = haversineKm × circuity`, `minutes = km / speedKmh × 60`.
 *
 * @example
 * haversineModel({ circuity: 1, speedKmh: 60 }).leg({ lat: 0, lon: 0 }, { lat: 0, lon: 1 });
 * // → { km: 111.19492664455873, minutes: 111.19492664455873 }
 */
export function haversineModel(options: HaversineOptions = {}): DistanceModel & { circuity: number; speedKmh: number } {
  const circuity = options.circuity ?? 1.3;
  const speedKmh = options.speedKmh ?? 40;
  if (!(Number.isFinite(circuity) && circuity >= 1)) throw new KontinuitetError('BAD_OPTION', `circuity: must be a number ≥ 1, got ${circuity}`);
  if (!(Number.isFinite(speedKmh) && speedKmh > 0)) throw new KontinuitetError('BAD_OPTION', `speedKmh: must be a number above 0, got ${speedKmh}`);
  const model = {
    kind: 'haversine' as const,
    circuity,
    speedKmh,
    leg(from: LatLon, to: LatLon): Leg {
      const km = haversineKm(from, to) * circuity;
      return { km, minutes: (km / speedKmh) * 60 };
    },
  };
  straightModels.set(model, { circuity, speedKmh });
  return model;
}

/**
 * The circuity and speed of a model made by {@link haversineModel} (whose legs can then be
 * computed without asking it, the same numbers), or null for any other model.
 *
 * @example
 * straightLineOf(haversineModel()); // → { circuity: 1.3, speedKmh: 40 }
 */
export function straightLineOf(model: DistanceModel): { circuity: number; speedKmh: number } | null {
  return straightModels.get(model) ?? null;
}

/**
 * The travel matrices of points under a model: `minutes[i][j]` and `km[i][j]` from point i to
 * point j (0 on the diagonal). With `path`, only the legs of the points in their order (each to
 * the next, the last back to the first) are computed, the others left 0: all a driven order reads.
 *
 * @example
 * travelMatrix([{ lat: 0, lon: 0 }, { lat: 0, lon: 1 }], haversineModel({ circuity: 1, speedKmh: 60 })).km[0][1];
 * // → 111.19492664455873
 */
export function travelMatrix(points: readonly LatLon[], model: DistanceModel, path = false): { minutes: number[][]; km: number[][] } {
  const n = points.length;
  const minutes: number[][] = [];
  const km: number[][] = [];
  for (let i = 0; i < n; i++) {
    const mRow = new Array<number>(n).fill(0);
    const kRow = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) {
      if (i === j || (path && j !== (i + 1) % n)) continue;
      const leg = model.leg(points[i]!, points[j]!);
      mRow[j] = leg.minutes;
      kRow[j] = leg.km;
    }
    minutes.push(mRow);
    km.push(kRow);
  }
  return { minutes, km };
}
