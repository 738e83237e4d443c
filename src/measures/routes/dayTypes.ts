/**
 * The types of a staff-day route's figures (day.ts): its stops, the options, and the figures.
 *
 * @module
 */

import type { DistanceModel, LatLon } from './distance.js';
import type { StaffDayRoute } from './types.js';
import type { Visit } from '../../read/types.js';

/**
 * One visit of a staff-day as the route needs it. Times are epoch ms; `travelMinutes`/`travelKm`
 * are the logged leg that led to the visit; `double` marks a double-staffed visit.
 *
 * @example
 * const s: RouteStop = { start: 0, end: 1_800_000, lat: 62.5, lon: 15.6, travelMinutes: null, travelKm: null,
 *   shiftStart: null, shiftEnd: null, double: false };
 */
export interface RouteStop extends Pick<Visit, 'start' | 'end' | 'lat' | 'lon' | 'travelMinutes' | 'travelKm' | 'shiftStart' | 'shiftEnd'> {
  /** The visit is double-staffed (pinned to its time when the order is constrained). */
  double: boolean;
}

/**
 * Options of `routeDay`: the distance model, the ± minutes of the time windows (default
 * 30), the base the day starts and ends at (default none), and the solver's limits, passed to
 * `bestOrder` for both orders: `exactUpTo`, `exactLabels`, `timeLimitMs`, and `quick` (the quick
 * heuristic alone: the day's `bestSearch` is then `'quick'`); `search: false` searches no best
 * order (a day left out of the sample: the model figures only, `reason: 'not_sampled'`).
 *
 * @example
 * const o: RouteDayOptions = { model: haversineModel(), windowMinutes: 30, base: { lat: 62.52, lon: 15.66 } };
 */
export interface RouteDayOptions {
  model: DistanceModel;
  windowMinutes?: number;
  base?: LatLon | null;
  exactUpTo?: number;
  exactLabels?: number;
  timeLimitMs?: number;
  quick?: boolean;
  search?: boolean;
}

/**
 * The figures of `routeDay`: a {@link StaffDayRoute} without who and when, the start and
 * end of work in epoch ms.
 *
 * @example
 * const f: DayFigures = routeDay(stops, { model: haversineModel() });
 * f.workStart; // → 1727773200000 (epoch ms)
 */
export type DayFigures = Omit<StaffDayRoute, 'staff' | 'day' | 'group' | 'workStart' | 'workEnd'> & { workStart: number; workEnd: number };

/**
 * The figures of a day that the others follow from: `routeDay` finds these, and
 * `dayFigures` derives the rest (so a day kept in columns is made into the same figures).
 *
 * @example
 * const c: DayCore = { visits: 2, doubleStaffedVisits: 0, workStart: 0, workEnd: 5_400_000, clientMinutes: 60,
 *   travelMinutes: 10, travelKm: 7, travelSource: 'logged', waitingMinutes: 20, modelMinutes: null, modelKm: null,
 *   bestMinutes: null, bestKm: null, bestSearch: null, windowsFeasible: null, bestMinutesWindows: null,
 *   bestKmWindows: null, reason: 'missing_coordinates' };
 */
export type DayCore = Pick<DayFigures, 'visits' | 'doubleStaffedVisits' | 'workStart' | 'workEnd' | 'clientMinutes' | 'travelMinutes' | 'travelKm'
  | 'travelSource' | 'waitingMinutes' | 'modelMinutes' | 'modelKm' | 'bestMinutes' | 'bestKm' | 'bestSearch' | 'windowsFeasible'
  | 'bestMinutesWindows' | 'bestKmWindows' | 'reason'>;
