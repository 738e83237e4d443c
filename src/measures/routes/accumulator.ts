// The route figures' accumulator: rows kept in columns, figures made per window once (measure.ts's entry points use it).
import { resolveRules } from '../continuity/rules.js';
import { KontinuitetError } from '../../errors.js';
import { dayOption, flag, oneOf, shownValue } from '../../options.js';
import { VisitChecker } from '../../read/check.js';
import { selfDisplaying } from '../../jupyter.js';
import { civilFromDays } from '../../windows/civil.js';
import { collectGarbage } from '../../engine/garbage.js';
import { dayWindow, maxWindowsOption, seriesWindows, type DayWindow } from '../../windows/windows.js';
import { LocalZone } from '../../windows/zone.js';
import { DEFAULT_ZONE } from '../../read/read.js';
import { MAX_VISIT_HOURS } from '../../read/plausible.js';
import type { ReadLedger, ReadOptions, Visit, VisitInput } from '../../read/types.js';
import { DEFAULT_EXACT_LABELS, DEFAULT_EXACT_UP_TO } from './bestOrder.js';
import { evaluateRun, evaluateRunInThreads, type Evaluated, type RunSettings } from './run.js';
import { haversineModel, type DistanceModel, type LatLon } from './distance.js';
import { roadModel } from './roads.js';
import { RouteRows } from './rows.js';
import { DaysKept, type KeptDays, type RouteRowsPart } from './rows-part.js';
import { DEFAULT_SAMPLE_SEED } from './sample.js';
import type { StaffDays } from './staffdays.js';
import type { RoutesResult, RouteTotalsWindow } from './types.js';
import { materialised, windowSummary, windowTotals, type StreamedRoutesResult } from './streamed.js';
import type { RoutesOptions } from './options.js';
import type { CodedRow, CodedSink } from '../../engine/coded-row.js';

/** The route figures with each window's totals only ({@link RouteTotalsWindow}). */
export type RouteTotalsResult = Omit<RoutesResult, 'windows'> & { windows: RouteTotalsWindow[] };

/** A window's summaries: all, per group, per staff member, and its staff-days. */
const summaries = (w: DayWindow, days: StaffDays, e: { staffNames: readonly string[]; groupNames: readonly string[] }) => windowSummary(w, days, e.staffNames, e.groupNames);

/** The optional columns the route figures read. */
export const ROUTE_COLUMNS = ['visit_id', 'group', 'lat', 'lon', 'travel_minutes', 'travel_km', 'shift_start', 'shift_end'] as const;

function checkPoint(name: string, p: [number, number]): LatLon {
  const [lat, lon] = p;
  if (!(Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
    throw new KontinuitetError('BAD_OPTION', `${name}: must be [lat, lon] in degrees`);
  }
  return { lat, lon };
}

/**
 * Accumulates visit rows (kept in columns, {@link RouteRows}: route figures need a staff member's
 * whole day) and computes the route figures per window in {@link RoutesAccumulator.finish}, once:
 * the rows are let go as the figures are made.
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
  private readonly onProgress: ReadOptions['onProgress'];
  /** What this measure warned of (also given to `onWarning`). */
  private readonly warnings: string[] = [];
  /** The one window's first day (`from` as a `YYYY-MM-DD` text), or undefined. */
  private readonly from: string | undefined;
  private readonly base: LatLon | null;
  private readonly groupBases = new Map<string, LatLon>();
  private rows: RouteRows | null = new RouteRows();
  /** Checks the visits given to {@link RoutesAccumulator.add}; holds those it rejects. */
  private readonly checker: VisitChecker;
  /** The local days whose rows are kept [from, to) (all without a window of its own); rows taken but not kept (too far from the one window to bear on it), the first and last day kept. */
  private readonly kept: DaysKept;
  /** At most this many staff-days of a window get a best-order search, chosen by the seed. */
  private readonly sampleLimit: number;
  private readonly sampleSeed: number;

  constructor(options: RoutesOptions & Pick<ReadOptions, 'onWarning' | 'onProgress'> = {}) {
    if (options === null || typeof options !== 'object') throw new KontinuitetError('BAD_OPTION', `options: must be an object, got ${shownValue(options)}`);
    oneOf('every', options.every, ['month']);
    flag('all', options.all);
    this.options = options;
    this.zone = new LocalZone(options.zone ?? DEFAULT_ZONE);
    this.from = dayOption('from', options.from, this.zone);
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
    const modes = [this.from !== undefined, options.every !== undefined, options.all === true].filter(Boolean).length;
    if (modes > 1) throw new KontinuitetError('BAD_OPTION', 'give one of from (one window), every (a series) or all (the whole log)');
    let keep: KeptDays = [-Infinity, Infinity];
    if (this.from !== undefined) {
      // one window: only rows within a margin of it are kept (a visit's rows overlap, and none is
      // longer than the reader's longest visit), so a long log is not held whole for one window
      const w = dayWindow(this.from, this.days, this.zone);
      const hours = (options as Pick<ReadOptions, 'maxVisitHours'>).maxVisitHours;
      const margin = 1 + Math.ceil((typeof hours === 'number' && hours > 0 ? hours : MAX_VISIT_HOURS) / 24);
      keep = [w.fromDay - margin, w.fromDay + w.days + margin];
    }
    this.kept = new DaysKept(keep);
    if (this.from === undefined && options.all !== true && this.days > 28) throw new KontinuitetError('BAD_OPTION', 'days: a monthly series needs windows of at most 28 days');
    this.maxWindows = maxWindowsOption(options.maxWindows);
    this.onWarning = typeof options.onWarning === 'function' ? options.onWarning : undefined;
    this.onProgress = typeof options.onProgress === 'function' ? options.onProgress : undefined;
    const anchor = options.anchor ?? 'first-day';
    if (anchor !== 'first-day' && anchor !== 'first-monday') throw new KontinuitetError('BAD_OPTION', `anchor: must be 'first-day' or 'first-monday'`);
    if (options.exactUpTo !== undefined && !(typeof options.exactUpTo === 'number' && options.exactUpTo >= 0)) throw new KontinuitetError('BAD_OPTION', 'exactUpTo: must be a number ≥ 0');
    if (options.exactLabels !== undefined && !(Number.isInteger(options.exactLabels) && options.exactLabels >= 0)) throw new KontinuitetError('BAD_OPTION', 'exactLabels: must be a whole number ≥ 0');
    if (options.searchBudgetMs !== undefined && !(typeof options.searchBudgetMs === 'number' && options.searchBudgetMs >= 0)) throw new KontinuitetError('BAD_OPTION', 'searchBudgetMs: must be a number of ms ≥ 0 (Infinity: no budget)');
    if (options.bestOrderSample !== undefined && !(options.bestOrderSample === Infinity || (Number.isInteger(options.bestOrderSample) && options.bestOrderSample >= 1))) {
      throw new KontinuitetError('BAD_OPTION', 'bestOrderSample: must be a whole number of staff-days ≥ 1 (Infinity: every day)');
    }
    if (options.bestOrderSeed !== undefined && !(Number.isInteger(options.bestOrderSeed) && options.bestOrderSeed >= 0 && options.bestOrderSeed < 2 ** 32)) {
      throw new KontinuitetError('BAD_OPTION', 'bestOrderSeed: must be a whole number from 0 to 2^32 − 1');
    }
    this.sampleLimit = options.bestOrderSample ?? Infinity;
    this.sampleSeed = options.bestOrderSeed ?? DEFAULT_SAMPLE_SEED;
    this.base = options.base !== undefined ? checkPoint('base', options.base) : null;
    for (const [g, p] of Object.entries(options.groupBases ?? {})) this.groupBases.set(g, checkPoint(`groupBases.${g}`, p));
  }

  /**
   * Takes one visit row (copied: a reader may reuse the object). A visit the reader would reject
   * (see {@link VisitChecker}) is rejected: counted and listed in the result.
   */
  add(visit: Visit | VisitInput): void {
    const rows = this.rows;
    if (rows === null) throw new KontinuitetError('BAD_SOURCE', 'RoutesAccumulator: finished, it takes no more rows');
    const v = this.checker.check(visit);
    if (v === null || !this.kept.keeps(this.zone.localDay(v.start))) return;
    rows.add(v);
  }

  /**
   * Takes a row of the engine's fast path, its values numbered by {@link RoutesAccumulator.sink}'s
   * `code`: the fast path checked it as the reader checks a row.
   */
  addCoded(r: CodedRow): void {
    const rows = this.rows;
    if (rows === null) throw new KontinuitetError('BAD_SOURCE', 'RoutesAccumulator: finished, it takes no more rows');
    if (this.kept.keeps(this.zone.localDay(r.start))) rows.addCoded(r);
  }

  /**
   * Takes the rows of a part another thread read (a `RowsPart` of {@link RoutesAccumulator.keptDays}),
   * after those taken so far: parts in file order give what one
   * thread reading the file gives.
   */
  absorb(part: RouteRowsPart): void {
    const rows = this.rows;
    if (rows === null) throw new KontinuitetError('BAD_SOURCE', 'RoutesAccumulator: finished, it takes no more rows');
    rows.absorb(part);
    this.kept.add(part.seen);
  }

  /** The days whose rows are kept, [from, to) (local day numbers; all without a window of its own): what a `RowsPart` for this accumulator keeps. */
  get keptDays(): KeptDays {
    return this.kept.keep;
  }

  /** The consumer of the engine's fast path: numbers values as {@link RoutesAccumulator.add} does, takes coded rows and the general reader's visits. */
  readonly sink: CodedSink = {
    wantsContact: false,
    code: (column, text) => {
      if (this.rows === null) throw new KontinuitetError('BAD_SOURCE', 'RoutesAccumulator: finished, it takes no more rows');
      return this.rows.code(column, text);
    },
    addCoded: (r) => this.addCoded(r),
    addVisit: (v) => this.add(v),
  };

  /** Computes every window; `ledger` (from the reader) completes the row accounting. */
  finish(ledger?: ReadLedger): RoutesResult {
    return materialised(this.finishStreamed(ledger));
  }

  /** {@link RoutesAccumulator.finish} with each window's staff-days in columns ({@link StaffDays}: made into objects as they are read). */
  finishStreamed(ledger?: ReadLedger): StreamedRoutesResult {
    return this.result(this.evaluate(), ledger, summaries);
  }

  /**
   * {@link RoutesAccumulator.finishStreamed} with the staff-days evaluated by `threads` threads
   * (worker threads of the built package; the same figures as one thread; by default the cores,
   * or one for fewer than {@link THREADED_DAYS} staff-days), stopped with `STALLED` when they make
   * no progress for `watchdogMs`.
   */
  async finishInThreads(ledger: ReadLedger | undefined, threads: number | undefined, watchdogMs: number): Promise<StreamedRoutesResult> {
    return this.result(await this.evaluateInThreads(threads, watchdogMs), ledger, summaries);
  }

  /** {@link RoutesAccumulator.finishInThreads} with each window's totals only, all and per group ({@link RouteTotalsWindow}). */
  async totalsInThreads(ledger: ReadLedger | undefined, threads: number | undefined, watchdogMs: number): Promise<RouteTotalsResult> {
    return this.result(await this.evaluateInThreads(threads, watchdogMs), ledger, (w, days, e) => windowTotals(w, days, e.groupNames));
  }

  private result<W extends { visits: number }>(evaluated: Evaluated, ledger: ReadLedger | undefined, summarise: (w: DayWindow, days: StaffDays, e: Evaluated) => W): Omit<RoutesResult, 'windows'> & { windows: W[] } {
    const { held, windows, days } = evaluated;
    collectGarbage(); // the rows
    let inside = 0;
    const results = windows.map((w, k) => {
      const r = summarise(w, days[k]!, evaluated);
      inside += r.visits;
      return r;
    });
    const own = this.checker;
    const used = (ledger?.used ?? held + own.rejected) - own.rejected;
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
        exactUpTo: this.options.exactUpTo ?? DEFAULT_EXACT_UP_TO,
        exactLabels: this.options.exactLabels ?? DEFAULT_EXACT_LABELS,
        searchBudgetMs: Number.isFinite(evaluated.budgetMs) ? evaluated.budgetMs : null,
        base: this.base === null ? null : [this.base.lat, this.base.lon],
        groupBases: Object.fromEntries([...this.groupBases].map(([g, p]) => [g, [p.lat, p.lon]])),
        ...(this.sampleLimit !== Infinity ? { bestOrderSample: this.sampleLimit, bestOrderSeed: this.sampleSeed } : {}),
        ...(fallbacks !== undefined ? { roadFallbacks: fallbacks } : {}),
      },
      rows: { read: ledger?.read ?? used + own.rejected, used, rejected: (ledger?.rejected ?? 0) + own.rejected, outsideWindows: used - inside },
      issues: own.issues.length === 0 ? ledger?.issues ?? [] : [...ledger?.issues ?? [], ...own.issues],
      warnings: [...ledger?.warnings ?? [], ...this.warnings],
      windows: results,
    });
  }

  /** Every window's staff-days, in this thread; lets the rows go (they are not needed after). */
  private evaluate(): Evaluated {
    return evaluateRun(this.takeRows(), () => this.reportedWindows(), this.runSettings(), (m) => this.warn(m));
  }

  /** {@link RoutesAccumulator.evaluate} with `threads` threads in all, under the engine's watchdog (see {@link evaluateRunInThreads}). */
  private evaluateInThreads(given: number | undefined, watchdogMs: number): Promise<Evaluated> {
    return evaluateRunInThreads(this.takeRows(), () => this.reportedWindows(), this.runSettings(), (m) => this.warn(m), given, watchdogMs);
  }

  /** The rows, let go here: the figures are made once. */
  private takeRows(): RouteRows {
    const rows = this.rows;
    if (rows === null) throw new KontinuitetError('BAD_SOURCE', 'RoutesAccumulator: finished already');
    this.rows = null;
    return rows;
  }

  /** What the run's staff-days are evaluated with. */
  private runSettings(): RunSettings {
    return {
      options: this.options, zone: this.zone, model: this.model, windowMinutes: this.windowMinutes, handoverMinutes: this.handoverMinutes,
      base: this.base, groupBases: this.groupBases, sampleLimit: this.sampleLimit, sampleSeed: this.sampleSeed,
      onProgress: this.onProgress, skipped: this.kept.seen.skipped,
    };
  }

  private warn(message: string): void {
    this.warnings.push(message);
    this.onWarning?.(message);
  }

  private reportedWindows(): DayWindow[] {
    const o = this.options;
    if (this.from !== undefined) return [dayWindow(this.from, this.days, this.zone)];
    const { firstDay, lastDay } = this.kept.seen;
    if (firstDay > lastDay) return [];
    if (o.all === true) return [dayWindow(civilFromDays(firstDay), lastDay - firstDay + 1, this.zone)];
    const series = seriesWindows(firstDay, lastDay, this.days, o.anchor ?? 'first-day', this.zone, this.maxWindows);
    if (series.warning !== null) this.warn(series.warning);
    return series.windows;
  }
}
