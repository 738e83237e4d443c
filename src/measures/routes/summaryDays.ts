/**
 * Staff-days as a summary reads them: a figure at a time for a run of days, a kind by its number.
 *
 * @module
 */

import type { BestSearch, RouteReason, StaffDayRoute } from './types.js';

/**
 * What {@link summariseRoutes} reads of a staff-day: its figures, without who and when.
 *
 * @example
 * const d: SummarisedDay = routeDay(stops, { model: haversineModel() });
 */
export type SummarisedDay = Omit<StaffDayRoute, 'staff' | 'day' | 'group' | 'workStart' | 'workEnd'>;

/**
 * The figures of a staff-day that {@link summariseRoutes} reads, by number ({@link SummaryDays.figure}).
 * The last three are kinds, read as their place in {@link SEARCHES}, {@link FLAGS} and {@link REASONS}.
 *
 * @example
 * days.figure(0, FIGURE.detourRatio); // → day 0's detour ratio (NaN: none)
 */
export const FIGURE = {
  visits: 0, workingMinutes: 1, clientMinutes: 2, travelMinutes: 3, travelKm: 4, waitingMinutes: 5, modelMinutes: 6,
  modelKm: 7, bestMinutes: 8, savingMinutes: 9, savingKm: 10, bestMinutesWindows: 11, savingMinutesWindows: 12,
  savingKmWindows: 13, clientTimeShare: 14, detourRatio: 15, detourRatioWindows: 16, travelMinutesPerVisit: 17,
  kmPerVisit: 18, bestSearch: 19, windowsFeasible: 20, reason: 21,
} as const;

/**
 * A number of {@link FIGURE}.
 *
 * @example
 * const f: Figure = FIGURE.kmPerVisit; // → 18
 */
export type Figure = (typeof FIGURE)[keyof typeof FIGURE];

/**
 * A day's `bestSearch` by its number (0: null); likewise `reason` ({@link REASONS}) and `windowsFeasible` ({@link FLAGS}).
 *
 * @example
 * SEARCHES[days.figure(0, FIGURE.bestSearch)]; // → 'exact'
 */
export const SEARCHES: readonly (BestSearch | null)[] = [null, 'exact', 'heuristic', 'quick'];
/** A day's `reason` by its number (0: null): `REASONS[2]` → `'not_sampled'`. */
export const REASONS: readonly (RouteReason | null)[] = [null, 'missing_coordinates', 'not_sampled'];
/** A day's `windowsFeasible` by its number (0: null, 1: false, 2: true): `FLAGS[1]` → `false`. */
export const FLAGS: readonly (boolean | null)[] = [null, false, true];

/**
 * Staff-days read a figure at a time for a run of days, without an object per day: what
 * {@link summariseRoutes} reads (a window's days in columns give it; a list of day objects is
 * read through {@link objectDays}).
 *
 * @example
 * const days: SummaryDays = objectDays([day]);
 * const out = new Float64Array(1);
 * days.column(FIGURE.visits, 0, 1, out); // out[0] → the day's visits
 */
export interface SummaryDays {
  /** Number of days. */
  readonly count: number;
  /** Figure `f` of days `from … to − 1` into `out[0 …]`: NaN where a day's figure is null; a kind by its number. */
  column(f: Figure, from: number, to: number, out: Float64Array): void;
}

/** The field of a day object each number figure is read from (the kinds are not numbers). */
const FIELDS: readonly (keyof SummarisedDay)[] = [
  'visits', 'workingMinutes', 'clientMinutes', 'travelMinutes', 'travelKm', 'waitingMinutes', 'modelMinutes',
  'modelKm', 'bestMinutes', 'savingMinutes', 'savingKm', 'bestMinutesWindows', 'savingMinutesWindows',
  'savingKmWindows', 'clientTimeShare', 'detourRatio', 'detourRatioWindows', 'travelMinutesPerVisit', 'kmPerVisit',
];

/** Figure `f` of a day object (see {@link SummaryDays.column}). */
function figureOf(d: SummarisedDay, f: Figure): number {
  if (f === FIGURE.bestSearch) return SEARCHES.indexOf(d.bestSearch);
  if (f === FIGURE.windowsFeasible) return FLAGS.indexOf(d.windowsFeasible);
  if (f === FIGURE.reason) return REASONS.indexOf(d.reason);
  return (d[FIELDS[f]!] as number | null) ?? Number.NaN;
}

/**
 * Day objects as {@link SummaryDays}: an array as it is; any other iterable is read once, each
 * day copied (its days may be one object refilled for each).
 *
 * @example
 * const out = new Float64Array(1);
 * objectDays([{ ...day, travelMinutes: null }]).column(FIGURE.travelMinutes, 0, 1, out); // out[0] → NaN
 */
export function objectDays(days: Iterable<SummarisedDay>): SummaryDays {
  const list: readonly SummarisedDay[] = Array.isArray(days) ? days : Array.from(days, (d) => ({ ...d }));
  return {
    count: list.length,
    column(f: Figure, from: number, to: number, out: Float64Array): void {
      for (let i = from; i < to; i++) out[i - from] = figureOf(list[i]!, f);
    },
  };
}
