// A run of the route figures: the rows put in the order of the staff-days and every window's staff-days evaluated, in this thread or in threads (accumulator.ts gathers the rows and makes the result).
import { MS_PER_MINUTE } from '../../windows/civil.js';
import { collectGarbage } from '../../engine/garbage.js';
import type { DayWindow } from '../../windows/windows.js';
import type { LocalZone } from '../../windows/zone.js';
import { defaultThreads } from '../../engine-settings.js';
import type { ReadOptions } from '../../read/types.js';
import { evaluateWindow, evaluateWindowInThreads, startEvaluationThreads, type EvaluationContext } from './evaluation.js';
import { watched } from '../../engine/watchdog.js';
import type { DistanceModel, LatLon } from './distance.js';
import type { RouteRows } from './rows.js';
import { windowSample } from './sample.js';
import { StaffDays } from './staffdays.js';
import type { RoutesOptions } from './options.js';

/** Staff-days from which the evaluation takes the cores by default (fewer are done before a worker would start). */
const THREADED_DAYS = 2048;

/** The run's search budget without `searchBudgetMs`: this plus 1 ms per staff-day. */
const DEFAULT_BUDGET_MS = 60_000;

/** What a run's staff-days are evaluated with: the accumulator's settings, checked. */
export interface RunSettings {
  options: RoutesOptions;
  zone: LocalZone;
  model: DistanceModel;
  windowMinutes: number;
  handoverMinutes: number;
  base: LatLon | null;
  groupBases: ReadonlyMap<string, LatLon>;
  /** At most this many staff-days of a window get a best-order search, chosen by the seed. */
  sampleLimit: number;
  sampleSeed: number;
  onProgress: ReadOptions['onProgress'];
  /** Rows taken but not kept (too far from the one window to bear on it). */
  skipped: number;
}

/** Every window's staff-days evaluated, the rows held, the names, and the search budget in force (ms). */
export interface Evaluated {
  held: number;
  windows: DayWindow[];
  days: StaffDays[];
  staffNames: string[];
  groupNames: string[];
  budgetMs: number;
}

/**
 * Every window's staff-days of `rows`, in this thread (`windowsOf` gives the windows once the rows'
 * double staffing is marked; `warn` is told when the search budget ran out).
 *
 * @example
 * const e = evaluateRun(rows, () => windows, settings, (m) => warnings.push(m));
 * e.days[0].length; // → the first window's staff-days
 */
export function evaluateRun(rows: RouteRows, windowsOf: () => DayWindow[], s: RunSettings, warn: (message: string) => void): Evaluated {
  const run = prepare(rows, windowsOf, s);
  const days = run.windows.map((w, k) => evaluateWindow(run.ctx, w, run.days[k]!, run.samples[k]!));
  return evaluated(run, days, warn);
}

/**
 * {@link evaluateRun} with `given` threads in all (worker threads of the built package; by
 * default the cores, or one for fewer than {@link THREADED_DAYS} staff-days; with a road model, or
 * from the sources, this one alone), stopped with `STALLED` when they make no progress for `watchdogMs`.
 *
 * @example
 * const e = await evaluateRunInThreads(rows, () => windows, settings, warn, 2, 60_000);
 */
export async function evaluateRunInThreads(rows: RouteRows, windowsOf: () => DayWindow[], s: RunSettings, warn: (message: string) => void,
  given: number | undefined, watchdogMs: number): Promise<Evaluated> {
  // the threads start up while this one puts the rows in order (fewer rows than THREADED_DAYS: fewer staff-days, one thread)
  const early = s.options.roads === undefined && (given !== undefined || rows.count >= THREADED_DAYS);
  const workers = early ? startEvaluationThreads((given ?? defaultThreads()) - 1) : [];
  try {
    await Promise.all(workers.map((t) => t.started())); // their heaps set up before this thread's work (see TaskThread.started)
    const run = prepare(rows, windowsOf, s);
    const threads = given ?? (run.ctx.clock.total < THREADED_DAYS ? 1 : defaultThreads());
    const unused = workers.splice(Math.max(0, threads - 1));
    await Promise.all(unused.map((t) => t.close()));
    const days: StaffDays[] = [];
    const all = async () => {
      for (let k = 0; k < run.windows.length; k++) days.push(await evaluateWindowInThreads(run.ctx, run.windows[k]!, run.days[k]!, run.samples[k]!, workers));
    };
    await watched(all(), watchdogMs, () => run.ctx.clock.done);
    return evaluated(run, days, warn);
  } finally {
    await Promise.all(workers.map((t) => t.close()));
  }
}

/** The rows in the order of the staff-days, the windows and what their evaluation needs. */
function prepare(rows: RouteRows, windowsOf: () => DayWindow[], s: RunSettings) {
  rows.markDoubleStaffed(s.handoverMinutes * MS_PER_MINUTE);
  collectGarbage(); // the client numbers and visit ids
  const windows = windowsOf();
  const order = rows.staffDays(s.zone);
  // the rows put in the order of the staff-days, in place: the order's 4 bytes a row let go
  rows.reorder(order, windows.map((w) => w.dayStarts[w.days]!));
  collectGarbage(); // the rows' days, staff numbers and order
  const staffNames = rows.staffNames.texts(), groupNames = rows.groupNames.texts();
  const counts = windows.map((w) => rows.eachStaffDay(order, w));
  const total = counts.reduce((a, b) => a + b, 0);
  const o = s.options;
  const budgetMs = o.searchBudgetMs ?? DEFAULT_BUDGET_MS + total;
  // each group's base (null: none), looked up by its name once
  const bases: (LatLon | null | undefined)[] = [];
  const ctx: EvaluationContext = {
    rows, order, zone: s.zone, model: s.model,
    straight: o.roads !== undefined ? null : { ...(o.circuity !== undefined ? { circuity: o.circuity } : {}), ...(o.speedKmh !== undefined ? { speedKmh: o.speedKmh } : {}) },
    search: {
      windowMinutes: s.windowMinutes,
      ...(o.exactUpTo !== undefined ? { exactUpTo: o.exactUpTo } : {}),
      ...(o.exactLabels !== undefined ? { exactLabels: o.exactLabels } : {}),
      ...(o.timeLimitMs !== undefined ? { timeLimitMs: o.timeLimitMs } : {}),
    },
    baseOf: (group) => {
      let base = bases[group];
      if (base === undefined) bases[group] = base = s.groupBases.get(rows.groupNames.name(group)) ?? s.base;
      return base;
    },
    clock: { deadline: Date.now() + budgetMs, quick: 0, done: 0, total },
    onProgress: s.onProgress,
  };
  return {
    ctx, windows, staffNames, groupNames, budgetMs, held: rows.count + s.skipped,
    days: windows.map((_, k) => new StaffDays(counts[k]!, staffNames, groupNames, s.zone)),
    samples: windows.map((w, k) => windowSample(rows, order, w, counts[k]!, staffNames, s.sampleLimit, s.sampleSeed)),
  };
}

/** The evaluated windows, with a warning when the search budget ran out. */
function evaluated(run: ReturnType<typeof prepare>, days: StaffDays[], warn: (message: string) => void): Evaluated {
  const { quick, total } = run.ctx.clock;
  if (quick > 0) {
    warn(`routes: the best-order search used its budget (searchBudgetMs ${Math.round(run.budgetMs)} ms) after ${total - quick} of ${total} staff-days; `
      + `the other ${quick} were solved by the quick heuristic alone (bestSearch 'quick', counted in daysQuick)`);
  }
  return { held: run.held, windows: run.windows, days, staffNames: run.staffNames, groupNames: run.groupNames, budgetMs: run.budgetMs };
}
