/**
 * Result types of the route-efficiency figures (`kontinuitet/routes@1`).
 *
 * @module
 */

import type { RowIssue } from '../../errors.js';
import type { Spread } from '../../summary/spread.js';

/**
 * Why a staff-day has no detour figures: `'missing_coordinates'`, a visit without coordinates
 * (no model figures either; its travel is then taken from the log when every leg is logged, else
 * null); `'not_sampled'`, the day was left out of the seeded sample of staff-days whose best
 * orders are searched (`bestOrderSample`): it has its model figures, but no best order.
 *
 * @example
 * const r: RouteReason = 'missing_coordinates';
 */
export type RouteReason = 'missing_coordinates' | 'not_sampled';

/**
 * Where a staff-day's travel figures come from: every leg from the log, every leg from the
 * distance model, or some of each.
 *
 * @example
 * const s: TravelSource = 'mixed';
 */
export type TravelSource = 'logged' | 'model' | 'mixed';

/**
 * How a staff-day's best orders were found: proven optimal, by the heuristic, or by the quick
 * heuristic alone once the run's search budget was spent (see {@link StaffDayRoute}).
 *
 * @example
 * const b: BestSearch = 'heuristic';
 */
export type BestSearch = 'exact' | 'heuristic' | 'quick';

/**
 * The figures of one staff member's day (local day of the visits' start, in the log's zone). All
 * durations in minutes, distances in km. A visit is one row of the staff member, taken in start
 * order; a double-staffed visit (another staff member present together with this one for at
 * least `rules.handoverMinutes`, the staffing figures' rule; a handover is not) counts for each staff.
 *
 * - `workStart`/`workEnd`: ISO local times. The earliest `shift_start` (or first visit start, if
 *   earlier) to the latest `shift_end` (or last visit end) when the rows carry shift times;
 *   otherwise with a base: first start − travel from the base to last end + travel back;
 *   otherwise first start to last end.
 * - `clientMinutes`: time in clients' homes, the union of the visits' intervals (overlapping
 *   visits of one staff member counted once). `clientTimeShare` (brukartid) = clientMinutes /
 *   workingMinutes.
 * - `travelMinutes`/`travelKm`: the route as driven (start order): each leg from the log
 *   (`travel_minutes`, `travel_km` on the row the leg leads to) when present, else from the
 *   distance model; with a base the legs from and back to the base are included.
 * - `waitingMinutes`: Σ over the gaps between visits (and, with shift times or a base, from the
 *   start of work to the first visit and from the last to the end of work) of
 *   max(0, gap − travel of the leg).
 * - `model…`: the same route under the distance model (a full matrix is needed to compare
 *   orders, so the log's legs cannot be used there). `bestMinutes` is the fastest order of the
 *   same stops with the same start and end (with a base: a tour from and back to the base);
 *   `detourRatio = modelMinutes / bestMinutes` (1 when both are 0); `savingMinutes =
 *   modelMinutes − bestMinutes`, `savingKm` the km of the driven order minus those of the
 *   fastest order.
 * - `…Windows`: the same with time windows: each visit must start within ±windowMinutes of its
 *   actual start, a double-staffed visit exactly at its actual start (so the partner's day stays
 *   valid); visits keep their durations. `windowsFeasible` false: no order (not even the one
 *   driven) fits the windows under the model, and the `…Windows` figures are null.
 * - `bestSearch`: how the two best orders were found. `'exact'`: both proven optimal (the
 *   time-window one, or that none fits; up to `exactUpTo` stops, default 12, within the exact
 *   search's budget `exactLabels`); `'heuristic'`: at least one by the heuristic (more stops, or
 *   the exact search past its budget); `'quick'`: by the quick heuristic alone, the run's search
 *   budget (`searchBudgetMs`) being spent. A heuristic order is never worse than the driven one.
 *   `bestExact` is `bestSearch === 'exact'`; both null without coordinates.
 *
 * @example
 * { staff: 'S1', day: '2024-10-01', group: 'Norr', visits: 3, doubleStaffedVisits: 0,
 *   workStart: '2024-10-01T08:00', workEnd: '2024-10-01T11:00', workingMinutes: 180, clientMinutes: 120,
 *   clientTimeShare: 0.667, travelMinutes: 25.4, travelKm: 16.9, travelSource: 'model', waitingMinutes: 34.6,
 *   travelMinutesPerVisit: 8.5, kmPerVisit: 5.6, modelMinutes: 25.4, modelKm: 16.9, bestMinutes: 20.1, bestKm: 13.4,
 *   bestExact: true, bestSearch: 'exact', detourRatio: 1.26, savingMinutes: 5.3, savingKm: 3.5, windowsFeasible: true,
 *   bestMinutesWindows: 25.4, bestKmWindows: 16.9, detourRatioWindows: 1, savingMinutesWindows: 0,
 *   savingKmWindows: 0, reason: null }
 */
export interface StaffDayRoute {
  staff: string;
  day: string;
  group: string;
  visits: number;
  doubleStaffedVisits: number;
  workStart: string;
  workEnd: string;
  workingMinutes: number;
  clientMinutes: number;
  clientTimeShare: number | null;
  travelMinutes: number | null;
  travelKm: number | null;
  travelSource: TravelSource | null;
  waitingMinutes: number | null;
  travelMinutesPerVisit: number | null;
  kmPerVisit: number | null;
  modelMinutes: number | null;
  modelKm: number | null;
  bestMinutes: number | null;
  bestKm: number | null;
  bestExact: boolean | null;
  bestSearch: BestSearch | null;
  detourRatio: number | null;
  savingMinutes: number | null;
  savingKm: number | null;
  windowsFeasible: boolean | null;
  bestMinutesWindows: number | null;
  bestKmWindows: number | null;
  detourRatioWindows: number | null;
  savingMinutesWindows: number | null;
  savingKmWindows: number | null;
  reason: RouteReason | null;
}

/**
 * {@link Spread} without the two threshold shares, which mean nothing for these figures.
 *
 * @example
 * { n: 3, mean: 2, median: 2, min: 1, max: 3, q1: 1.5, q3: 2.5, p10: 1.2, p90: 2.8, sd: 1, iqr: 1 }
 */
export type RouteSpread = Omit<Spread, 'shareAbove20' | 'shareAboveTarget'>;

/**
 * Figures over a set of staff-days (a window, a group, a staff member). Pooled ratios are sums
 * over the staff-days with the figure: `clientTimeShare = Σ clientMinutes / Σ workingMinutes`,
 * `detourRatio = Σ modelMinutes / Σ bestMinutes` (over days with a detour figure). Spreads are
 * over staff-days.
 *
 * @example
 * { staffDays: 40, staffDaysWithoutCoordinates: 2, windowsInfeasible: 1, daysHeuristic: 3, daysQuick: 0, visits: 380, workingHours: 260, clientHours: 150,
 *   travelHours: 30, travelKm: 1200, clientTimeShare: 0.58, travelMinutesPerVisit: 4.9, kmPerVisit: 3.3,
 *   detourRatio: 1.12, detourRatioWindows: 1.04, savingMinutes: 190, savingKm: 127, savingMinutesWindows: 70,
 *   savingKmWindows: 46, spread: { clientTimeShare: {…}, … } }
 */
export interface RouteSummary {
  staffDays: number;
  /** Staff-days without coordinates on some visit: no model or detour figures. */
  staffDaysWithoutCoordinates: number;
  /** Staff-days whose visits fit no order under the time windows. */
  windowsInfeasible: number;
  /** Staff-days whose best orders are not proven optimal (`bestSearch` `'heuristic'` or `'quick'`). */
  daysHeuristic: number;
  /** Of those, the staff-days solved by the quick heuristic alone: the run's search budget was spent. */
  daysQuick: number;
  visits: number;
  workingHours: number;
  clientHours: number;
  travelHours: number;
  travelKm: number;
  waitingHours: number;
  clientTimeShare: number | null;
  travelMinutesPerVisit: number | null;
  kmPerVisit: number | null;
  detourRatio: number | null;
  detourRatioWindows: number | null;
  savingMinutes: number;
  savingKm: number;
  savingMinutesWindows: number;
  savingKmWindows: number;
  /**
   * Present only when some staff-day of these was left out of the seeded best-order sample
   * (`bestOrderSample`): `searched` staff-days had their best orders searched, of `of` with
   * coordinates. The detour ratios (and their spreads, `daysHeuristic`, `daysQuick`,
   * `windowsInfeasible`) are then over the searched days only, the ratios of sums over them; the
   * four savings are estimates: the searched days' savings × Σ model travel of all `of` days ÷ Σ
   * model travel of the searched ones (minutes by minutes, km by km; 0 when none was searched).
   * Every other figure is over all the staff-days.
   */
  bestOrderSample?: { searched: number; of: number };
  spread: {
    clientTimeShare: RouteSpread;
    detourRatio: RouteSpread;
    detourRatioWindows: RouteSpread;
    travelMinutesPerVisit: RouteSpread;
    kmPerVisit: RouteSpread;
    travelMinutesPerDay: RouteSpread;
    waitingMinutesPerDay: RouteSpread;
  };
}

/**
 * A {@link RouteSummary} without its spreads: the totals and pooled ratios of some staff-days.
 *
 * @example
 * const t: RouteTotals = { staffDays: 40, visits: 380, clientTimeShare: 0.58, … };
 */
export type RouteTotals = Omit<RouteSummary, 'spread'>;

/**
 * One window of the route figures: the summary of all staff-days, per group (a staff-day's group
 * is the most frequent group of its rows, ties by name), per staff member, and every staff-day.
 *
 * @example
 * { from: '2024-10-01', to: '2024-10-14', days: 14, staffDays: 40, visits: 380, …, groups: [{ group: 'Norr', … }],
 *   perStaff: [{ staff: 'S1', group: 'Norr', … }], routes: [{ staff: 'S1', day: '2024-10-01', … }] }
 */
export interface RoutesWindow extends RouteSummary {
  from: string;
  to: string;
  days: number;
  groups: (RouteSummary & { group: string })[];
  perStaff: (RouteSummary & { staff: string; group: string })[];
  routes: StaffDayRoute[];
}

/**
 * A window of the route figures with its totals, all and per group, without spreads, staff
 * summaries or staff-days: what a page of figures per group reads.
 *
 * @example
 * const w: RouteTotalsWindow = { from: '2024-10-01', to: '2024-10-14', days: 14, staffDays: 40, …, groups: [{ group: 'Norr', … }] };
 */
export type RouteTotalsWindow = Omit<RoutesWindow, 'routes' | 'perStaff' | 'groups' | 'spread'> & { groups: (RouteTotals & { group: string })[] };

/**
 * The route-efficiency result, JSON schema `kontinuitet/routes@1`: the options in force
 * (`distance` says which model the matrix used), the zone, the row accounting (`read = used +
 * rejected`; used rows outside every window are counted in `outsideWindows`), the reader's
 * issues and one entry per window.
 *
 * @example
 * { schema: 'kontinuitet/routes@1', zone: 'Europe/Stockholm',
 *   options: { distance: 'haversine', circuity: 1.3, speedKmh: 40, windowMinutes: 30, handoverMinutes: 5, exactUpTo: 12,
 *     exactLabels: 2000000, searchBudgetMs: 62231, base: null, groupBases: {} },
 *   rows: { read: 420, used: 420, rejected: 0, outsideWindows: 40 }, issues: [], warnings: [], windows: [ … ] }
 */
export interface RoutesResult {
  schema: 'kontinuitet/routes@1';
  zone: string;
  options: {
    distance: 'haversine' | 'roads';
    circuity: number;
    speedKmh: number;
    windowMinutes: number;
    /** Staff together at least this long make a visit double-staffed (shorter: a handover). */
    handoverMinutes: number;
    /** Stops up to which a best order is searched exactly. */
    exactUpTo: number;
    /** Labels a pass of the exact search with time windows may keep. */
    exactLabels: number;
    /** The run's search budget in ms (null: none); past it, staff-days are solved quick. */
    searchBudgetMs: number | null;
    base: [number, number] | null;
    groupBases: Record<string, [number, number]>;
    /** At most this many staff-days of a window had their best orders searched (given only when set: see `RoutesOptions.bestOrderSample`). */
    bestOrderSample?: number;
    /** The seed of that sample (given with `bestOrderSample`). */
    bestOrderSeed?: number;
    /** Road legs between nodes the network does not connect (straight line used instead). */
    roadFallbacks?: number;
  };
  rows: { read: number; used: number; rejected: number; outsideWindows: number };
  issues: RowIssue[];
  /** What the reader and the measure warned of (also given to `onWarning`): e.g. a log with no whole window, a search that used its budget. */
  warnings: string[];
  windows: RoutesWindow[];
}
