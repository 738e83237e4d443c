/**
 * Summaries of staff-day routes: totals, pooled ratios and spreads.
 *
 * @module
 */

import { spreadOfSorted, type Spread } from '../../summary/spread.js';
import { collectGarbage } from '../../engine/garbage.js';
import type { RouteSpread, RouteSummary, StaffDayRoute } from './types.js';

/**
 * {@link spread} without the threshold shares.
 *
 * @example
 * routeSpread([1, 2, 3]).median; // → 2
 */
export function routeSpread(values: readonly number[]): RouteSpread {
  return withoutShares(spreadOfSorted(Float64Array.from(values.filter((v) => Number.isFinite(v))).sort()));
}

function withoutShares(s: Spread): RouteSpread {
  const { shareAbove20: _a, shareAboveTarget: _b, ...rest } = s;
  return rest;
}

/** Values in a list past which a summary collects garbage between its spreads. */
const BIG = 1 << 16;

/**
 * What {@link summariseRoutes} reads of a staff-day: its figures, without who and when.
 *
 * @example
 * const d: SummarisedDay = routeDay(stops, { model: haversineModel() });
 */
export type SummarisedDay = Omit<StaffDayRoute, 'staff' | 'day' | 'group' | 'workStart' | 'workEnd'>;

/** The figures {@link RouteSummary.spread} spreads, and where each comes from. */
const SPREADS = {
  clientTimeShare: (d: SummarisedDay) => d.clientTimeShare,
  detourRatio: (d: SummarisedDay) => d.detourRatio,
  detourRatioWindows: (d: SummarisedDay) => d.detourRatioWindows,
  travelMinutesPerVisit: (d: SummarisedDay) => d.travelMinutesPerVisit,
  kmPerVisit: (d: SummarisedDay) => d.kmPerVisit,
  travelMinutesPerDay: (d: SummarisedDay) => d.travelMinutes,
  waitingMinutesPerDay: (d: SummarisedDay) => d.waitingMinutes,
} as const;

/**
 * Totals and spreads over staff-days; definitions in {@link RouteSummary}. Travel totals and
 * per-visit figures are over the days with travel figures; detour figures over the days with
 * them. Sums are taken in the days' order. `days` is read once for the totals and once for each
 * spread (one list of values at a time): an array, or an iterable that starts afresh each time
 * (its days may be one object refilled for each).
 *
 * @example
 * summariseRoutes([]).staffDays; // → 0
 */
export function summariseRoutes(days: Iterable<SummarisedDay>): RouteSummary {
  let staffDays = 0, withoutCoordinates = 0, windowsInfeasible = 0, heuristic = 0, quick = 0, visits = 0, working = 0, client = 0, waiting = 0;
  let travelMin = 0, travelKm = 0, travelVisits = 0;
  let detourDays = 0, modelMin = 0, bestMin = 0, savingMin = 0, savingKm = 0;
  let windowDays = 0, modelMinW = 0, bestMinW = 0, savingMinW = 0, savingKmW = 0;
  // the seeded best-order sample: days searched, days left out, and the model travel of each
  let searched = 0, notSampled = 0, modelMinAll = 0, modelKmAll = 0, modelMinSearched = 0, modelKmSearched = 0;
  for (const d of days) {
    staffDays++;
    if (d.reason === 'not_sampled') notSampled++;
    if (d.modelMinutes !== null && d.modelKm !== null) {
      modelMinAll += d.modelMinutes;
      modelKmAll += d.modelKm;
      if (d.bestSearch !== null) {
        searched++;
        modelMinSearched += d.modelMinutes;
        modelKmSearched += d.modelKm;
      }
    }
    if (d.reason === 'missing_coordinates') withoutCoordinates++;
    if (d.windowsFeasible === false) windowsInfeasible++;
    if (d.bestSearch === 'heuristic' || d.bestSearch === 'quick') heuristic++;
    if (d.bestSearch === 'quick') quick++;
    visits += d.visits;
    working += d.workingMinutes;
    client += d.clientMinutes;
    if (d.waitingMinutes !== null) waiting += d.waitingMinutes;
    if (d.travelMinutes !== null) {
      travelMin += d.travelMinutes;
      if (d.travelKm !== null) travelKm += d.travelKm;
      travelVisits += d.visits;
    }
    if (d.bestMinutes !== null) {
      detourDays++;
      if (d.modelMinutes !== null) modelMin += d.modelMinutes;
      bestMin += d.bestMinutes;
      if (d.savingMinutes !== null) savingMin += d.savingMinutes;
      if (d.savingKm !== null) savingKm += d.savingKm;
    }
    if (d.bestMinutesWindows !== null) {
      windowDays++;
      if (d.modelMinutes !== null) modelMinW += d.modelMinutes;
      bestMinW += d.bestMinutesWindows;
      if (d.savingMinutesWindows !== null) savingMinW += d.savingMinutesWindows;
      if (d.savingKmWindows !== null) savingKmW += d.savingKmWindows;
    }
  }
  const spreads = {} as RouteSummary['spread'];
  for (const [name, figure] of Object.entries(SPREADS) as [keyof typeof SPREADS, (d: SummarisedDay) => number | null][]) {
    const values: number[] = [];
    for (const d of days) {
      const x = figure(d);
      if (x !== null) values.push(x);
    }
    spreads[name] = routeSpread(values);
    // a big list and its sorted copies go before the next is made (where the process allows it)
    if (values.length >= BIG) {
      values.length = 0;
      collectGarbage();
    }
  }
  // a sample's savings scaled up by the share of model travel searched (see RouteSummary.bestOrderSample)
  const sampled = notSampled > 0;
  const upMin = !sampled ? 1 : modelMinSearched > 0 ? modelMinAll / modelMinSearched : 0;
  const upKm = !sampled ? 1 : modelKmSearched > 0 ? modelKmAll / modelKmSearched : 0;
  return {
    staffDays,
    staffDaysWithoutCoordinates: withoutCoordinates,
    windowsInfeasible,
    daysHeuristic: heuristic,
    daysQuick: quick,
    visits,
    workingHours: working / 60,
    clientHours: client / 60,
    travelHours: travelMin / 60,
    travelKm,
    waitingHours: waiting / 60,
    clientTimeShare: working > 0 ? client / working : null,
    travelMinutesPerVisit: travelVisits > 0 ? travelMin / travelVisits : null,
    kmPerVisit: travelVisits > 0 ? travelKm / travelVisits : null,
    detourRatio: bestMin > 0 ? modelMin / bestMin : detourDays > 0 && modelMin === 0 ? 1 : null,
    detourRatioWindows: bestMinW > 0 ? modelMinW / bestMinW : windowDays > 0 && modelMinW === 0 ? 1 : null,
    savingMinutes: sampled ? savingMin * upMin : savingMin,
    savingKm: sampled ? savingKm * upKm : savingKm,
    savingMinutesWindows: sampled ? savingMinW * upMin : savingMinW,
    savingKmWindows: sampled ? savingKmW * upKm : savingKmW,
    ...(sampled ? { bestOrderSample: { searched, of: searched + notSampled } } : {}),
    spread: spreads,
  };
}
