import { Readable } from 'node:stream';
import { ContinuityAccumulator } from '../continuity/accumulator.js';
import { MEASURE_COLUMNS, type MeasureOptions } from '../continuity/options.js';
import type { ContinuityResult } from '../continuity/types.js';
import { checkSource } from '../options.js';
import { civilFromDays } from '../time/civil.js';
import { LocalZone } from '../time/zone.js';
import { DEFAULT_ZONE, scanVisits } from '../visits/read.js';
import type { ReadOptions, VisitInput, VisitSource } from '../visits/types.js';
import { checkTargets, type CheckOptions } from './targets.js';
import type { CheckConfig, CheckReport } from './types.js';

/**
 * The window and rule options of a check (the measure's, from a {@link CheckConfig}), and whether to compute the contact-person share and the other indices.
 *
 * @example
 * const options: ScheduleOptions = { read: { zone: 'Europe/Stockholm' } };
 */
export type ScheduleOptions = Pick<CheckConfig, 'from' | 'every' | 'anchor' | 'days' | 'preset' | 'zone' | 'countBothStaff' | 'inWindowBy'> & { indices?: boolean };

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
 * Measures a schedule (or any visit log) for a check. Without `from` or `every` the single window
 * starts on the first local day of the log — found by a first pass over the source (a byte stream
 * such as standard input is held in memory as bytes for the second pass; a file is read twice).
 * Reads only the columns the measure uses, as `measureContinuity` does, so a bad value in another
 * column does not reject a row.
 *
 * @example
 * const { result, firstDay } = await measureSchedule('schedule.csv', {});
 * result.windows[0].from === firstDay; // → true
 */
export async function measureSchedule(source: VisitSource, options: ScheduleOptions & ReadOptions = {}): Promise<ScheduleMeasure> {
  checkSource(source);
  const zone = new LocalZone(options.zone ?? DEFAULT_ZONE);
  const read: ReadOptions = { use: MEASURE_COLUMNS, ...options, zone: zone.name };
  let from = options.from;
  let input = source;
  const defaulted = from === undefined && options.every === undefined;
  if (defaulted) {
    const again = await replayable(source);
    let first = Infinity;
    await scanVisits(again(), (v) => { first = Math.min(first, zone.localDay(v.start)); }, read);
    from = first === Infinity ? '1970-01-01' : civilFromDays(first); // no visit: no window is reported (below)
    input = again();
  }
  const measure: MeasureOptions = {
    zone: zone.name,
    ...(options.indices === true ? { indices: true } : {}),
    rules: {
      ...(options.preset !== undefined ? { preset: options.preset } : {}),
      ...(options.days !== undefined ? { days: options.days } : {}),
      ...(options.countBothStaff !== undefined ? { countBothStaff: options.countBothStaff } : {}),
      ...(options.inWindowBy !== undefined ? { inWindowBy: options.inWindowBy } : {}),
    },
    ...(from !== undefined ? { from } : { every: 'month' as const }),
    ...(options.anchor !== undefined && from === undefined ? { anchor: options.anchor } : {}),
  };
  const acc = new ContinuityAccumulator(measure);
  const firstLines = new Map<string, number>();
  let firstDay = Infinity;
  let lastDay = -Infinity;
  const ledger = await scanVisits(input, (v) => {
    if (!firstLines.has(v.client)) firstLines.set(v.client, v.line);
    const day = zone.localDay(v.start);
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    acc.add(v);
  }, read);
  const result = acc.finish(ledger);
  if (defaulted && firstDay === Infinity) result.windows = [];
  return {
    result,
    firstLines,
    firstDay: firstDay === Infinity ? null : civilFromDays(firstDay),
    lastDay: lastDay === -Infinity ? null : civilFromDays(lastDay),
  };
}

/**
 * Measures a schedule and checks it against a configuration, optionally against a baseline log
 * (measured with the same rules: with `from` on the same window, otherwise on its own first day,
 * or monthly with `every`). Adds notes when a window reaches past the end (or before the start)
 * of the log, since clients are then ineligible for the days without visits. The contact-person
 * share is measured when a `minContactShare` target or a baseline asks for it.
 *
 * @example
 * const report = await checkSchedule('schedule.csv', { targets: { mean: 14, maxStaff: 20 } });
 * report.status; // → 'pass' | 'warn' | 'fail'
 */
export async function checkSchedule(
  source: VisitSource,
  config: CheckConfig,
  options: Pick<CheckOptions, 'clientRef'> & { baseline?: VisitSource; read?: ReadOptions } = {},
): Promise<CheckReport> {
  const indices = options.baseline !== undefined || config.targets.minContactShare !== undefined
    || Object.values(config.targets.groups ?? {}).some((g) => g.minContactShare !== undefined && g.minContactShare !== null);
  const schedule = await measureSchedule(source, { ...config, ...options.read, indices });
  const baseline = options.baseline === undefined ? undefined : await measureSchedule(options.baseline, { ...config, ...options.read, indices });
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
