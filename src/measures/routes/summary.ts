/**
 * Summaries of staff-day routes: totals, pooled ratios and spreads.
 *
 * @module
 */

import { spreadOfSorted, type Spread } from '../../summary/spread.js';
import type { BestSearch, RouteReason, RouteSpread, RouteSummary, StaffDayRoute } from './types.js';

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
 * Staff-days read one figure at a time, without an object per day: what {@link summariseRoutes}
 * reads (a window's days in columns give it; a list of day objects is read through
 * {@link objectDays}).
 *
 * @example
 * const days: SummaryDays = objectDays([day]);
 * days.figure(0, FIGURE.visits); // → the day's visits
 */
export interface SummaryDays {
  /** Number of days. */
  readonly count: number;
  /** Figure `f` of day `i` as a number: NaN where the day's figure is null; a kind by its number. */
  figure(i: number, f: Figure): number;
}

/** The field of a day object each number figure is read from (the kinds are not numbers). */
const FIELDS: readonly (keyof SummarisedDay)[] = [
  'visits', 'workingMinutes', 'clientMinutes', 'travelMinutes', 'travelKm', 'waitingMinutes', 'modelMinutes',
  'modelKm', 'bestMinutes', 'savingMinutes', 'savingKm', 'bestMinutesWindows', 'savingMinutesWindows',
  'savingKmWindows', 'clientTimeShare', 'detourRatio', 'detourRatioWindows', 'travelMinutesPerVisit', 'kmPerVisit',
];

/**
 * Day objects as {@link SummaryDays}: an array as it is; any other iterable is read once, each
 * day copied (its days may be one object refilled for each).
 *
 * @example
 * objectDays([{ ...day, travelMinutes: null }]).figure(0, FIGURE.travelMinutes); // → NaN
 */
export function objectDays(days: Iterable<SummarisedDay>): SummaryDays {
  const list: readonly SummarisedDay[] = Array.isArray(days) ? days : Array.from(days, (d) => ({ ...d }));
  return {
    count: list.length,
    figure(i: number, f: Figure): number {
      const d = list[i]!;
      if (f === FIGURE.bestSearch) return SEARCHES.indexOf(d.bestSearch);
      if (f === FIGURE.windowsFeasible) return FLAGS.indexOf(d.windowsFeasible);
      if (f === FIGURE.reason) return REASONS.indexOf(d.reason);
      return (d[FIELDS[f]!] as number | null) ?? Number.NaN;
    },
  };
}

const isSummaryDays = (days: Iterable<SummarisedDay> | SummaryDays): days is SummaryDays =>
  typeof (days as Partial<SummaryDays>).figure === 'function';

/** The figures {@link RouteSummary.spread} spreads (in its keys' order), and where each comes from. */
const SPREADS: readonly [keyof RouteSummary['spread'], Figure][] = [
  ['clientTimeShare', FIGURE.clientTimeShare],
  ['detourRatio', FIGURE.detourRatio],
  ['detourRatioWindows', FIGURE.detourRatioWindows],
  ['travelMinutesPerVisit', FIGURE.travelMinutesPerVisit],
  ['kmPerVisit', FIGURE.kmPerVisit],
  ['travelMinutesPerDay', FIGURE.travelMinutes],
  ['waitingMinutesPerDay', FIGURE.waitingMinutes],
];

const NOT_SAMPLED = REASONS.indexOf('not_sampled'), MISSING = REASONS.indexOf('missing_coordinates');
const HEURISTIC = SEARCHES.indexOf('heuristic'), QUICK = SEARCHES.indexOf('quick');
const INFEASIBLE = FLAGS.indexOf(false);
const has = (x: number): boolean => !Number.isNaN(x);

/**
 * Totals and spreads over staff-days; definitions in {@link RouteSummary}. Travel totals and
 * per-visit figures are over the days with travel figures; detour figures over the days with
 * them. Sums are taken in the days' order. `days` is read once for the totals and once for each
 * spread (one figure of each day at a time, into one array of that figure's values): days read
 * one figure at a time ({@link SummaryDays}), or day objects (see {@link objectDays}).
 *
 * @example
 * summariseRoutes([]).staffDays; // → 0
 */
export function summariseRoutes(input: Iterable<SummarisedDay> | SummaryDays): RouteSummary {
  const days = isSummaryDays(input) ? input : objectDays(input);
  const F = FIGURE;
  let staffDays = 0, withoutCoordinates = 0, windowsInfeasible = 0, heuristic = 0, quick = 0, visits = 0, working = 0, client = 0, waiting = 0;
  let travelMin = 0, travelKm = 0, travelVisits = 0;
  let detourDays = 0, modelMin = 0, bestMin = 0, savingMin = 0, savingKm = 0;
  let windowDays = 0, modelMinW = 0, bestMinW = 0, savingMinW = 0, savingKmW = 0;
  // the seeded best-order sample: days searched, days left out, and the model travel of each
  let searched = 0, notSampled = 0, modelMinAll = 0, modelKmAll = 0, modelMinSearched = 0, modelKmSearched = 0;
  for (let i = 0; i < days.count; i++) {
    staffDays++;
    const reason = days.figure(i, F.reason), search = days.figure(i, F.bestSearch);
    const modelMinutes = days.figure(i, F.modelMinutes), modelKm = days.figure(i, F.modelKm);
    if (reason === NOT_SAMPLED) notSampled++;
    if (has(modelMinutes) && has(modelKm)) {
      modelMinAll += modelMinutes;
      modelKmAll += modelKm;
      if (search > 0) {
        searched++;
        modelMinSearched += modelMinutes;
        modelKmSearched += modelKm;
      }
    }
    if (reason === MISSING) withoutCoordinates++;
    if (days.figure(i, F.windowsFeasible) === INFEASIBLE) windowsInfeasible++;
    if (search === HEURISTIC || search === QUICK) heuristic++;
    if (search === QUICK) quick++;
    const dayVisits = days.figure(i, F.visits);
    visits += dayVisits;
    working += days.figure(i, F.workingMinutes);
    client += days.figure(i, F.clientMinutes);
    const waitingMinutes = days.figure(i, F.waitingMinutes);
    if (has(waitingMinutes)) waiting += waitingMinutes;
    const travelMinutes = days.figure(i, F.travelMinutes);
    if (has(travelMinutes)) {
      travelMin += travelMinutes;
      const km = days.figure(i, F.travelKm);
      if (has(km)) travelKm += km;
      travelVisits += dayVisits;
    }
    const bestMinutes = days.figure(i, F.bestMinutes);
    if (has(bestMinutes)) {
      detourDays++;
      if (has(modelMinutes)) modelMin += modelMinutes;
      bestMin += bestMinutes;
      const sm = days.figure(i, F.savingMinutes), sk = days.figure(i, F.savingKm);
      if (has(sm)) savingMin += sm;
      if (has(sk)) savingKm += sk;
    }
    const bestMinutesWindows = days.figure(i, F.bestMinutesWindows);
    if (has(bestMinutesWindows)) {
      windowDays++;
      if (has(modelMinutes)) modelMinW += modelMinutes;
      bestMinW += bestMinutesWindows;
      const sm = days.figure(i, F.savingMinutesWindows), sk = days.figure(i, F.savingKmWindows);
      if (has(sm)) savingMinW += sm;
      if (has(sk)) savingKmW += sk;
    }
  }
  const spreads = {} as RouteSummary['spread'];
  // one array for every spread's values (sorted in place): no list, copy or sorted copy per spread
  const values = new Float64Array(days.count);
  for (const [name, figure] of SPREADS) {
    let n = 0;
    for (let i = 0; i < days.count; i++) {
      const x = days.figure(i, figure);
      if (Number.isFinite(x)) values[n++] = x;
    }
    spreads[name] = withoutShares(spreadOfSorted(values.subarray(0, n).sort()));
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
