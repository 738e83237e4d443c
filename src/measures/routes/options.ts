// The options of the route figures (measure.ts), apart so the accumulator and the entry points share them.
import type { ContinuityRules } from '../continuity/rules.js';
import type { MonthAnchor } from '../../windows/windows.js';
import type { RoadNetwork } from './roads.js';

/**
 * Options of the route figures. Windows as the continuity measure: `from` (one window of
 * `rules.days` days, default 14), else a monthly series (`every: 'month'`, `anchor`, at most
 * `maxWindows` windows, the latest: default 60); `all: true` takes one window from the first to
 * the last local day of the log.
 *
 * - `roads`: a road network (see `parseRoadNetwork`); default none: straight line × `circuity`
 *   (default 1.3) at `speedKmh` (default 40), which also price the access to the network.
 * - `windowMinutes`: ± minutes around each visit's actual start in the time-window variant
 *   (default 30).
 * - `base`: `[lat, lon]` every staff-day starts from and returns to; `groupBases`: per group,
 *   overriding `base`. Default none: a day runs from the first visit to the last.
 * - `rules`: the rules the route figures share with the measure, in the measure's shape (the
 *   measure's `rules` may be given as they are; the others do not apply to routes):
 *   `rules.days`, the days of a window (default 14), and `rules.handoverMinutes`: a visit is
 *   double-staffed when two different staff were together at it for at least this many minutes
 *   ({@link isDoubleStaffed}, the rule of the staffing figures; default 5); staff one after the
 *   other are a handover. Given at the top level (`days`, `handoverMinutes`), they are a
 *   `BAD_OPTION` saying where they went.
 * - The best orders and the search's budget. A staff-day's two best orders (free, and within
 *   the windows) are found by `bestOrder`: exactly up to `exactUpTo` stops (default 12), the
 *   exact search with time windows keeping at most `exactLabels` labels a pass (default
 *   2,000,000, about a second; the same on every machine), else by the heuristic (`timeLimitMs`,
 *   default 1000 ms, its wall-clock safety cap). `searchBudgetMs` bounds the whole run: once the
 *   staff-days evaluated have taken that long (default 60 s + 1 ms per staff-day of the run; an
 *   ordinary log takes ~0.2 ms a staff-day, so only logs of over-full, overlapping days get
 *   there), every further staff-day is solved by the quick heuristic alone (no exact search, no
 *   perturbation rounds: ~0.1 ms a day) and a warning says how many. Which days those are
 *   depends on the machine's speed. 0: every day quick; `Infinity`: no budget. Each staff-day
 *   says how its orders were found (`bestSearch`: `'exact'`, `'heuristic'`, `'quick'`; and
 *   `bestExact`), each summary counts the days not proven (`daysHeuristic`) and those solved
 *   quick (`daysQuick`).
 * - `bestOrderSample`: at most this many staff-days of a window have their best orders searched
 *   (a whole number ≥ 1; default: every day). In a window with more, the sample is the days with
 *   the smallest keys hashed from (staff id, local day, `bestOrderSeed`, default 1; see
 *   `staffDayKey`): the same days whatever the order of the rows, on every run. A day left out
 *   keeps every figure but the best orders (`reason: 'not_sampled'`); each summary with such days
 *   says so (`bestOrderSample: { searched, of }`, with what its figures then mean): its detour
 *   ratios are the ratios of sums over its own searched days (a group's from the group's days, a
 *   staff member's from theirs), its savings are those days' savings scaled up by the share of
 *   model travel searched; staff-days, visits, client time and travel are over every day. The
 *   search is ~0.2 ms a staff-day and the sample's detour ratio of the sums is close to the whole
 *   window's after a few thousand days, so a report over a big log searches a sample.
 *
 * @example
 * const o: RoutesOptions = { from: '2024-10-01', circuity: 1.3, speedKmh: 40, windowMinutes: 30, rules: { days: 14, handoverMinutes: 5 }, groupBases: { Norr: [62.52, 15.66] } };
 */
export interface RoutesOptions {
  /** First day of one window: a `YYYY-MM-DD` text or a `Date` (its local day in `zone`), as the continuity measure's `from`. */
  from?: string | Date;
  every?: 'month';
  anchor?: MonthAnchor;
  maxWindows?: number;
  all?: boolean;
  zone?: string;
  roads?: RoadNetwork;
  circuity?: number;
  speedKmh?: number;
  windowMinutes?: number;
  base?: [number, number];
  groupBases?: Record<string, [number, number]>;
  exactUpTo?: number;
  exactLabels?: number;
  timeLimitMs?: number;
  rules?: Pick<Partial<ContinuityRules>, 'days' | 'handoverMinutes'>;
  searchBudgetMs?: number;
  bestOrderSample?: number;
  bestOrderSeed?: number;
}
