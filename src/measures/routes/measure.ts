/**
 * Route efficiency over a visit log: every staff member's day as a route, with working time,
 * client time (brukartid), travel, waiting and detour ratios, summarised per staff, group and
 * municipality.
 *
 * @module
 */

import { groupBy, sortedKeys } from '../../summary/groupBy.js';
import { resolveRules, type ContinuityRules } from '../continuity/rules.js';
import type { EngineSettings } from '../../engine-settings.js';
import { KontinuitetError } from '../../errors.js';
import { checkEngineSettings, checkVisitList, dayText, flag, oneOf, refuseMovedSettings, shownValue } from '../../options.js';
import { VisitChecker } from '../../read/check.js';
import { selfDisplaying } from '../../jupyter.js';
import { civilFromDays, MS_PER_MINUTE } from '../../windows/civil.js';
import { dayWindow, maxWindowsOption, seriesWindows, type DayWindow, type MonthAnchor } from '../../windows/windows.js';
import { LocalZone } from '../../windows/zone.js';
import { isDoubleStaffed } from '../staffing/together.js';
import { groupVisits } from '../../engine/group.js';
import { DEFAULT_ZONE, scanVisits } from '../../read/read.js';
import type { ReadLedger, ReadOptions, Visit, VisitSource } from '../../read/types.js';
import { routeDay, type RouteStop } from './day.js';
import { haversineModel, type DistanceModel, type LatLon } from './distance.js';
import { roadModel, type RoadNetwork } from './roads.js';
import { summariseRoutes } from './summary.js';
import type { RoutesResult, RoutesWindow, StaffDayRoute } from './types.js';

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
 * - `exactUpTo`, `timeLimitMs`: passed to `bestOrder` (defaults 12 and 1000 ms).
 * - `rules`: the rules the route figures share with the measure, in the measure's shape (the
 *   measure's `rules` may be given as they are; the others do not apply to routes):
 *   `rules.days`, the days of a window (default 14), and `rules.handoverMinutes`: a visit is
 *   double-staffed when two different staff were together at it for at least this many minutes
 *   ({@link isDoubleStaffed}, the rule of the staffing figures; default 5); staff one after the
 *   other are a handover. Given at the top level (`days`, `handoverMinutes`), they are a
 *   `BAD_OPTION` saying where they went.
 *
 * @example
 * const o: RoutesOptions = { from: '2024-10-01', circuity: 1.3, speedKmh: 40, windowMinutes: 30, rules: { days: 14, handoverMinutes: 5 }, groupBases: { Norr: [62.52, 15.66] } };
 */
export interface RoutesOptions {
  from?: string;
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
  timeLimitMs?: number;
  rules?: Pick<Partial<ContinuityRules>, 'days' | 'handoverMinutes'>;
}

/** The optional columns the route figures read. */
const ROUTE_COLUMNS = ['visit_id', 'group', 'lat', 'lon', 'travel_minutes', 'travel_km', 'shift_start', 'shift_end'] as const;

/** A row kept for the routes: a stop plus whose and which day it is. */
interface Row extends RouteStop, Pick<Visit, 'staff' | 'client' | 'group' | 'visitId'> {
  /** Local day number of the start. */
  day: number;
}

function checkPoint(name: string, p: [number, number]): LatLon {
  const [lat, lon] = p;
  if (!(Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
    throw new KontinuitetError('BAD_OPTION', `${name}: must be [lat, lon] in degrees`);
  }
  return { lat, lon };
}

/**
 * Accumulates visit rows (kept compactly: route figures need a staff member's whole day) and
 * computes the route figures per window in {@link RoutesAccumulator.finish}.
 *
 * @example
 * const acc = new RoutesAccumulator({ all: true });
 * for (const v of visits) acc.add(v);
 * acc.finish().windows[0].clientTimeShare; // → pooled brukartid of the log
 */
export class RoutesAccumulator {
  readonly zone: LocalZone;
  private readonly options: RoutesOptions;
  private readonly model: DistanceModel & { fallbacks?: number };
  private readonly windowMinutes: number;
  private readonly handoverMinutes: number;
  private readonly days: number;
  private readonly maxWindows: number;
  private readonly onWarning: ((message: string) => void) | undefined;
  private readonly base: LatLon | null;
  private readonly groupBases = new Map<string, LatLon>();
  private readonly rows: Row[] = [];
  /** Checks the visits given to {@link RoutesAccumulator.add}; holds those it rejects. */
  private readonly checker: VisitChecker;
  private firstDay = Infinity;
  private lastDay = -Infinity;

  constructor(options: RoutesOptions & Pick<ReadOptions, 'onWarning'> = {}) {
    if (options === null || typeof options !== 'object') throw new KontinuitetError('BAD_OPTION', `options: must be an object, got ${shownValue(options)}`);
    oneOf('every', options.every, ['month']);
    dayText('from', options.from);
    flag('all', options.all);
    this.options = options;
    this.zone = new LocalZone(options.zone ?? DEFAULT_ZONE);
    this.checker = new VisitChecker(this.zone, ROUTE_COLUMNS);
    const straight = { ...(options.circuity !== undefined ? { circuity: options.circuity } : {}), ...(options.speedKmh !== undefined ? { speedKmh: options.speedKmh } : {}) };
    this.model = options.roads !== undefined ? roadModel(options.roads, straight) : haversineModel(straight);
    this.windowMinutes = options.windowMinutes ?? 30;
    if (!(this.windowMinutes >= 0 && this.windowMinutes <= 720)) throw new KontinuitetError('BAD_OPTION', 'windowMinutes: must be from 0 to 720');
    for (const key of ['days', 'handoverMinutes']) {
      if ((options as Record<string, unknown>)[key] !== undefined) throw new KontinuitetError('BAD_OPTION', `${key}: moved to rules.${key}`);
    }
    const rules = options.rules ?? {};
    if (rules === null || typeof rules !== 'object') throw new KontinuitetError('BAD_OPTION', `rules: must be an object, got ${shownValue(rules)}`);
    this.handoverMinutes = rules.handoverMinutes ?? resolveRules().handoverMinutes;
    if (!(this.handoverMinutes >= 0)) throw new KontinuitetError('BAD_OPTION', 'handoverMinutes: must be ≥ 0');
    this.days = rules.days ?? 14;
    if (!Number.isInteger(this.days) || this.days < 1 || this.days > 366) throw new KontinuitetError('BAD_OPTION', 'days: must be a whole number from 1 to 366');
    const modes = [options.from !== undefined, options.every !== undefined, options.all === true].filter(Boolean).length;
    if (modes > 1) throw new KontinuitetError('BAD_OPTION', 'give one of from (one window), every (a series) or all (the whole log)');
    if (options.from !== undefined) dayWindow(options.from, this.days, this.zone);
    if (options.from === undefined && options.all !== true && this.days > 28) throw new KontinuitetError('BAD_OPTION', 'days: a monthly series needs windows of at most 28 days');
    this.maxWindows = maxWindowsOption(options.maxWindows);
    this.onWarning = typeof options.onWarning === 'function' ? options.onWarning : undefined;
    const anchor = options.anchor ?? 'first-day';
    if (anchor !== 'first-day' && anchor !== 'first-monday') throw new KontinuitetError('BAD_OPTION', `anchor: must be 'first-day' or 'first-monday'`);
    this.base = options.base !== undefined ? checkPoint('base', options.base) : null;
    for (const [g, p] of Object.entries(options.groupBases ?? {})) this.groupBases.set(g, checkPoint(`groupBases.${g}`, p));
  }

  /**
   * Takes one visit row (copied: a reader may reuse the object). A visit the reader would reject
   * (see {@link VisitChecker}) is rejected: counted and listed in the result.
   */
  add(visit: Visit): void {
    const v = this.checker.check(visit);
    if (v === null) return;
    const day = this.zone.localDay(v.start);
    if (day < this.firstDay) this.firstDay = day;
    if (day > this.lastDay) this.lastDay = day;
    this.rows.push({
      staff: v.staff, client: v.client, group: v.group, visitId: v.visitId, start: v.start, end: v.end, lat: v.lat, lon: v.lon,
      travelMinutes: v.travelMinutes, travelKm: v.travelKm, shiftStart: v.shiftStart, shiftEnd: v.shiftEnd, day, double: false,
    });
  }

  /** Computes every window; `ledger` (from the reader) completes the row accounting. */
  finish(ledger?: ReadLedger): RoutesResult {
    this.markDoubleStaffed();
    const windows = this.reportedWindows();
    let inside = 0;
    const results = windows.map((w) => {
      const r = this.evaluateWindow(w);
      inside += r.visits;
      return r;
    });
    const own = this.checker;
    const used = (ledger?.used ?? this.rows.length + own.rejected) - own.rejected;
    const fallbacks = this.model.fallbacks;
    return selfDisplaying({
      schema: 'kontinuitet/routes@1',
      zone: this.zone.name,
      options: {
        distance: this.model.kind,
        circuity: this.options.circuity ?? 1.3,
        speedKmh: this.options.speedKmh ?? 40,
        windowMinutes: this.windowMinutes,
        handoverMinutes: this.handoverMinutes,
        base: this.base === null ? null : [this.base.lat, this.base.lon],
        groupBases: Object.fromEntries([...this.groupBases].map(([g, p]) => [g, [p.lat, p.lon]])),
        ...(fallbacks !== undefined ? { roadFallbacks: fallbacks } : {}),
      },
      rows: { read: ledger?.read ?? used + own.rejected, used, rejected: (ledger?.rejected ?? 0) + own.rejected, outsideWindows: used - inside },
      issues: own.issues.length === 0 ? ledger?.issues ?? [] : [...ledger?.issues ?? [], ...own.issues],
      windows: results,
    });
  }

  /**
   * Marks the rows of double-staffed visits: a client's rows grouped into visits as the measure
   * groups them ({@link groupVisits}), a visit double-staffed by {@link isDoubleStaffed} (the
   * staffing figures' rule), so a handover (one staff member after the other) is not.
   */
  private markDoubleStaffed(): void {
    const handoverMs = this.handoverMinutes * MS_PER_MINUTE;
    for (const rows of groupBy(this.rows, (r) => r.client).values()) {
      for (const visit of groupVisits(rows)) {
        if (visit.length > 1 && isDoubleStaffed(rows, visit, handoverMs)) for (const i of visit) rows[i]!.double = true;
      }
    }
  }

  private reportedWindows(): DayWindow[] {
    const o = this.options;
    if (o.from !== undefined) return [dayWindow(o.from, this.days, this.zone)];
    if (this.firstDay > this.lastDay) return [];
    if (o.all === true) return [dayWindow(civilFromDays(this.firstDay), this.lastDay - this.firstDay + 1, this.zone)];
    const series = seriesWindows(this.firstDay, this.lastDay, this.days, o.anchor ?? 'first-day', this.zone, this.maxWindows);
    if (series.warning !== null) this.onWarning?.(series.warning);
    return series.windows;
  }

  private evaluateWindow(w: DayWindow): RoutesWindow {
    // a visit (or shift) across the window's end gives the window only its part
    const end = w.dayStarts[w.days]!;
    const inWindow = this.rows.filter((r) => r.day >= w.fromDay && r.day < w.fromDay + w.days)
      .map((r) => (r.end > end || (r.shiftEnd !== null && r.shiftEnd > end) ? { ...r, end: Math.min(r.end, end), shiftEnd: r.shiftEnd === null ? null : Math.min(r.shiftEnd, end) } : r));
    const byStaffDay = groupBy(inWindow, (r) => `${r.staff}\u0000${r.day}`);
    const routes: StaffDayRoute[] = [];
    for (const rows of byStaffDay.values()) routes.push(this.route(rows));
    routes.sort((a, b) => (a.staff < b.staff ? -1 : a.staff > b.staff ? 1 : a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    const byGroup = groupBy(routes, (r) => r.group);
    const byStaff = groupBy(routes, (r) => r.staff);
    return {
      from: w.from,
      to: w.to,
      days: w.days,
      ...summariseRoutes(routes),
      groups: sortedKeys(byGroup).map((group) => ({ group, ...summariseRoutes(byGroup.get(group)!) })),
      perStaff: sortedKeys(byStaff).map((s) => {
        const own = byStaff.get(s)!;
        return { staff: s, group: mostFrequent(own.map((r) => r.group)), ...summariseRoutes(own) };
      }),
      routes,
    };
  }

  private route(rows: Row[]): StaffDayRoute {
    rows.sort((a, b) => a.start - b.start || a.end - b.end);
    const group = mostFrequent(rows.map((r) => r.group));
    const stops: RouteStop[] = rows;
    const figures = routeDay(stops, {
      model: this.model,
      windowMinutes: this.windowMinutes,
      base: this.groupBases.get(group) ?? this.base,
      ...(this.options.exactUpTo !== undefined ? { exactUpTo: this.options.exactUpTo } : {}),
      ...(this.options.timeLimitMs !== undefined ? { timeLimitMs: this.options.timeLimitMs } : {}),
    });
    return {
      staff: rows[0]!.staff,
      day: civilFromDays(rows[0]!.day),
      group,
      ...figures,
      workStart: this.localTime(figures.workStart),
      workEnd: this.localTime(figures.workEnd),
    };
  }

  /** `YYYY-MM-DDTHH:mm` local time of an instant. */
  private localTime(t: number): string {
    const local = this.zone.localMs(t);
    const day = Math.floor(local / 86_400_000);
    const minute = Math.floor((local - day * 86_400_000) / 60_000);
    return `${civilFromDays(day)}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  }
}

/** The most frequent value, ties by the smallest. */
function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '', n = -1;
  for (const [v, c] of counts) if (c > n || (c === n && v < best)) { best = v; n = c; }
  return best;
}

/**
 * Route efficiency of a visit log, streamed from a file, stream or rows: per window every
 * staff-day's route figures, summarised per staff, group and municipality (see
 * {@link RoutesResult}). `engine` takes the same bag as the other commands ({@link EngineSettings},
 * checked the same way, a setting at the top level refused), so one can go to all; the route
 * figures need the coordinate columns, which the engine's byte-level reader does not read, so the
 * log is read by the general reader in one thread with any settings.
 *
 * @example
 * const r = await measureRoutes('visits.csv', { from: '2024-10-01', circuity: 1.3, speedKmh: 40 });
 * r.windows[0].clientTimeShare; // → pooled brukartid, e.g. 0.58
 */
export async function measureRoutes(source: VisitSource, options: RoutesOptions & ReadOptions & { engine?: EngineSettings } = {}): Promise<RoutesResult> {
  refuseMovedSettings(options);
  checkEngineSettings(options.engine);
  const acc = new RoutesAccumulator(options);
  const ledger = await scanVisits(source, (v) => acc.add(v), { use: ROUTE_COLUMNS, ...options, zone: acc.zone.name });
  return acc.finish(ledger);
}

/**
 * The same figures over visits in memory; a pure function. Each visit is checked as the reader
 * checks a row (a bad one is rejected and listed in `issues`); anything but an iterable of visits
 * is a `BAD_SOURCE`.
 *
 * @example
 * routes(visits, { all: true }).windows[0].detourRatio; // → e.g. 1.08
 */
export function routes(visits: Iterable<Visit>, options: RoutesOptions = {}, ledger?: ReadLedger): RoutesResult {
  checkVisitList(visits);
  const acc = new RoutesAccumulator(options);
  for (const v of visits) acc.add(v);
  return acc.finish(ledger);
}
