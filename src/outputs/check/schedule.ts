import { Readable } from 'node:stream';
import { materialise } from '../../engine/clientlist.js';
import type { MeasureOptions } from '../../measures/continuity/settings.js';
import type { ContinuityResult } from '../../measures/continuity/types.js';
import { fillAccumulator } from '../../engine/door.js';
import type { EngineSettings } from '../../engine-settings.js';
import { checkSource, refuseMovedSettings } from '../../options.js';
import { civilFromDays } from '../../windows/civil.js';
import { LocalZone } from '../../windows/zone.js';
import { DEFAULT_ZONE } from '../../read/read.js';
import type { ReadOptions, VisitInput, VisitSource } from '../../read/types.js';
import { checkTargets, type CheckOptions } from './targets.js';
import type { CheckConfig, CheckReport } from './types.js';

/**
 * The window and rule options of a check (the measure's, from a {@link CheckConfig}), whether to
 * compute the contact-person share and the other indices, and how the engine reads the log
 * (`engine`, {@link EngineSettings}: the same figures with any settings).
 *
 * @example
 * const options: ScheduleOptions = { from: '2024-10-07', engine: { threads: 2 } };
 */
export type ScheduleOptions = Pick<CheckConfig, 'every' | 'anchor' | 'days' | 'preset' | 'zone' | 'countBothStaff' | 'inWindowBy'> & {
  /** The window's first day: a `YYYY-MM-DD` text or a `Date` (its local day in `zone`, as the measure's `from`). */
  from?: string | Date;
  indices?: boolean;
  engine?: EngineSettings;
};

/** The keys of a {@link CheckConfig} that are {@link ScheduleOptions}. */
const SCHEDULE_KEYS = ['from', 'every', 'anchor', 'days', 'preset', 'zone', 'countBothStaff', 'inWindowBy'] as const;

/**
 * A measure of a schedule with what a check needs beyond it.
 *
 * @example
 * const m: ScheduleMeasure = await measureSchedule('schedule.csv', config);
 */
export interface ScheduleMeasure {
  result: ContinuityResult;
  /** Client id (as read: pseudonymised when asked) → line of the client's first row. */
  firstLines: Map<string, number>;
  /** First and last local day with a visit (`YYYY-MM-DD`), or null when the log has no visit. */
  firstDay: string | null;
  lastDay: string | null;
}

/**
 * Measures a schedule (or any visit log) for a check, reading it through the engine's door as the
 * measure does (the engine's door: the fast path, the threads, spilling, as `engine` says).
 * Without `from` or `every` the single window starts on the first local day of the log — found by
 * a first pass over the source, through the same door (a byte stream such as standard input is
 * held in memory as bytes for the second pass; a file is read twice). Reads only the columns the
 * measure uses, as `measureContinuity` does, so a bad value in another column does not reject a
 * row.
 *
 * @example
 * const { result, firstDay } = await measureSchedule('schedule.csv', {});
 * result.windows[0].from === firstDay; // → true
 */
export async function measureSchedule(source: VisitSource, options: ScheduleOptions & ReadOptions = {}): Promise<ScheduleMeasure> {
  checkSource(source);
  const { from: given, every, anchor, days, preset, countBothStaff, inWindowBy, indices, ...read } = options;
  const zone = new LocalZone(options.zone ?? DEFAULT_ZONE).name;
  let from = given;
  let input = source;
  const defaulted = from === undefined && every === undefined;
  if (defaulted) {
    const again = await replayable(source);
    // the first pass wants only the first day: a one-day window before any plausible time keeps
    // no row, while the accumulator notes the day of every row it takes
    const seen = await fillAccumulator(again(), { ...read, zone, from: FIRST_PASS_DAY, rules: { days: 1 } }, ({ acc }) => acc.seenDays());
    from = seen === null ? '1970-01-01' : civilFromDays(seen.first); // no visit: no window is reported (below)
    input = again();
  }
  const measure: MeasureOptions & ReadOptions = {
    ...read,
    zone,
    ...(indices === true ? { indices: true } : {}),
    rules: {
      ...(preset !== undefined ? { preset } : {}),
      ...(days !== undefined ? { days } : {}),
      ...(countBothStaff !== undefined ? { countBothStaff } : {}),
      ...(inWindowBy !== undefined ? { inWindowBy } : {}),
    },
    ...(from !== undefined ? { from } : { every: 'month' as const }),
    ...(anchor !== undefined && from === undefined ? { anchor } : {}),
  };
  return fillAccumulator(input, measure, async ({ acc, evaluate }) => {
    const seen = acc.seenDays();
    const firstLines = acc.firstLines();
    const result = materialise(await evaluate());
    if (defaulted && seen === null) result.windows = [];
    return {
      result,
      firstLines,
      firstDay: seen === null ? null : civilFromDays(seen.first),
      lastDay: seen === null ? null : civilFromDays(seen.last),
    };
  });
}

/** The window of the first pass of {@link measureSchedule}: before the default plausible times (1990 on). */
const FIRST_PASS_DAY = '1900-01-01';

/**
 * Measures a schedule and checks it against a configuration, optionally against a baseline log
 * (measured with the same rules: with `from` on the same window, otherwise on its own first day,
 * or monthly with `every`). Adds notes when a window reaches past the end (or before the start)
 * of the log, since clients are then ineligible for the days without visits. The contact-person
 * share is measured when a `minContactShare` target or a baseline asks for it. `options.engine`
 * ({@link EngineSettings}) says how the engine reads both logs ({@link measureSchedule}); the
 * report is the same with any settings.
 *
 * @example
 * const report = await checkSchedule('schedule.csv', { targets: { mean: 14, maxStaff: 20 } }, { engine: { threads: 2 } });
 * report.status; // → 'pass' | 'warn' | 'fail'
 */
export async function checkSchedule(
  source: VisitSource,
  config: CheckConfig,
  options: Pick<CheckOptions, 'clientRef'> & { baseline?: VisitSource; read?: ReadOptions; engine?: EngineSettings } = {},
): Promise<CheckReport> {
  refuseMovedSettings(options);
  const indices = options.baseline !== undefined || config.targets.minContactShare !== undefined
    || Object.values(config.targets.groups ?? {}).some((g) => g.minContactShare !== undefined && g.minContactShare !== null);
  const window: ScheduleOptions = {};
  for (const key of SCHEDULE_KEYS) if (config[key] !== undefined) Object.assign(window, { [key]: config[key] });
  // the config's columns, each overridden by the reader's (the CLI's --column)
  const columns = config.columns === undefined ? undefined : { ...config.columns, ...options.read?.columns };
  const measure: ScheduleOptions & ReadOptions = { ...window, ...options.read, ...(columns !== undefined ? { columns } : {}), indices, ...(options.engine !== undefined ? { engine: options.engine } : {}) };
  const schedule = await measureSchedule(source, measure);
  const baseline = options.baseline === undefined ? undefined : await measureSchedule(options.baseline, measure);
  const report = checkTargets(schedule.result, config.targets, {
    firstLines: schedule.firstLines,
    ...(options.clientRef !== undefined ? { clientRef: options.clientRef } : {}),
    ...(config.warnWithin !== undefined ? { warnWithin: config.warnWithin } : {}),
    ...(config.byGroup !== undefined ? { byGroup: config.byGroup } : {}),
    ...(baseline !== undefined ? { baseline: baseline.result } : {}),
    ...(config.baseline?.tolerance !== undefined ? { tolerance: config.baseline.tolerance } : {}),
  });
  report.notes.unshift(...coverageNotes(schedule, 'the log'), ...(baseline === undefined ? [] : coverageNotes(baseline, 'the baseline')));
  return report;
}

/** Notes on windows the log does not cover from end to end, and on rows outside every window. */
export function coverageNotes(m: ScheduleMeasure, name: string): string[] {
  if (m.firstDay === null) return [`${name} has no visits`];
  const notes: string[] = [];
  if (m.result.windows.length === 0) notes.push(`${name} (${m.firstDay} – ${m.lastDay}) covers no whole ${m.result.rule.days}-day window`);
  const outside = (m.result.rows.excluded.outside_window ?? 0) + (m.result.rows.excluded.window_partly_covered ?? 0) + (m.result.rows.excluded.before_series ?? 0);
  if (outside > 0 && m.result.windows.length > 0) notes.push(`${outside} rows of ${name} lie outside the window${m.result.windows.length > 1 ? 's' : ''} checked`);
  for (const w of m.result.windows) {
    if (m.lastDay !== null && w.to > m.lastDay) notes.push(`${name} ends on ${m.lastDay}, before the window ${w.from} – ${w.to} does: clients are not eligible for the days without visits`);
    if (w.from < m.firstDay) notes.push(`${name} starts on ${m.firstDay}, after the window ${w.from} – ${w.to} does: clients are not eligible for the days without visits`);
  }
  return notes;
}

/** A source that can be read twice: paths and arrays as they are; streams and other iterables held in memory. */
async function replayable(source: VisitSource): Promise<() => VisitSource> {
  if (typeof source === 'string' || source instanceof URL || Array.isArray(source)) return () => source;
  if (typeof (source as NodeJS.ReadableStream).pipe === 'function') {
    const chunks: Buffer[] = [];
    for await (const c of source as AsyncIterable<Buffer | string>) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
    return () => Readable.from(chunks);
  }
  const rows: VisitInput[] = [];
  for await (const r of source as AsyncIterable<VisitInput>) rows.push(r);
  return () => rows;
}
