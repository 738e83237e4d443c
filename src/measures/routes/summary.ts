/**
 * Summaries of staff-day routes: totals, pooled ratios and spreads.
 *
 * @module
 */

import { spread } from '../../summary/spread.js';
import type { RouteSpread, RouteSummary, StaffDayRoute } from './types.js';

/**
 * {@link spread} without the threshold shares.
 *
 * @example
 * routeSpread([1, 2, 3]).median; // → 2
 */
export function routeSpread(values: readonly number[]): RouteSpread {
  const { shareAbove20: _a, shareAboveTarget: _b, ...rest } = spread(values.filter((v) => Number.isFinite(v)));
  return rest;
}

const nums = (xs: readonly (number | null)[]): number[] => xs.filter((x): x is number => x !== null);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * Totals and spreads over staff-days; definitions in {@link RouteSummary}. Travel totals and
 * per-visit figures are over the days with travel figures; detour figures over the days with
 * them.
 *
 * @example
 * summariseRoutes([]).staffDays; // → 0
 */
export function summariseRoutes(days: readonly StaffDayRoute[]): RouteSummary {
  const withTravel = days.filter((d) => d.travelMinutes !== null);
  const withDetour = days.filter((d) => d.bestMinutes !== null);
  const withWindows = days.filter((d) => d.bestMinutesWindows !== null);
  const working = sum(days.map((d) => d.workingMinutes));
  const client = sum(days.map((d) => d.clientMinutes));
  const travelMin = sum(nums(withTravel.map((d) => d.travelMinutes)));
  const travelKm = sum(nums(withTravel.map((d) => d.travelKm)));
  const travelVisits = sum(withTravel.map((d) => d.visits));
  const modelMin = sum(nums(withDetour.map((d) => d.modelMinutes)));
  const bestMin = sum(nums(withDetour.map((d) => d.bestMinutes)));
  const modelMinW = sum(nums(withWindows.map((d) => d.modelMinutes)));
  const bestMinW = sum(nums(withWindows.map((d) => d.bestMinutesWindows)));
  return {
    staffDays: days.length,
    staffDaysWithoutCoordinates: days.filter((d) => d.reason === 'missing_coordinates').length,
    windowsInfeasible: days.filter((d) => d.windowsFeasible === false).length,
    visits: sum(days.map((d) => d.visits)),
    workingHours: working / 60,
    clientHours: client / 60,
    travelHours: travelMin / 60,
    travelKm,
    waitingHours: sum(nums(days.map((d) => d.waitingMinutes))) / 60,
    clientTimeShare: working > 0 ? client / working : null,
    travelMinutesPerVisit: travelVisits > 0 ? travelMin / travelVisits : null,
    kmPerVisit: travelVisits > 0 ? travelKm / travelVisits : null,
    detourRatio: bestMin > 0 ? modelMin / bestMin : withDetour.length > 0 && modelMin === 0 ? 1 : null,
    detourRatioWindows: bestMinW > 0 ? modelMinW / bestMinW : withWindows.length > 0 && modelMinW === 0 ? 1 : null,
    savingMinutes: sum(nums(withDetour.map((d) => d.savingMinutes))),
    savingKm: sum(nums(withDetour.map((d) => d.savingKm))),
    savingMinutesWindows: sum(nums(withWindows.map((d) => d.savingMinutesWindows))),
    savingKmWindows: sum(nums(withWindows.map((d) => d.savingKmWindows))),
    spread: {
      clientTimeShare: routeSpread(nums(days.map((d) => d.clientTimeShare))),
      detourRatio: routeSpread(nums(days.map((d) => d.detourRatio))),
      detourRatioWindows: routeSpread(nums(days.map((d) => d.detourRatioWindows))),
      travelMinutesPerVisit: routeSpread(nums(days.map((d) => d.travelMinutesPerVisit))),
      kmPerVisit: routeSpread(nums(days.map((d) => d.kmPerVisit))),
      travelMinutesPerDay: routeSpread(nums(days.map((d) => d.travelMinutes))),
      waitingMinutesPerDay: routeSpread(nums(days.map((d) => d.waitingMinutes))),
    },
  };
}
