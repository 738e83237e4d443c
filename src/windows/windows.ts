import { DateTime } from 'luxon';
import { KontinuitetError } from '../errors.js';
import { shownValue } from '../options.js';
import { civilFromDays } from './civil.js';
import { parseDay } from './parse.js';
import type { LocalZone } from './zone.js';

/**
 * A window of whole local calendar days: `from` to `to` inclusive, in one zone. `dayStarts[k]`
 * is the instant of local midnight starting day k (k = 0..days), so `dayStarts[days]` is the
 * exclusive end; a day across a daylight-saving change is 23 or 25 hours long.
 *
 * @example
 * const w = dayWindow('2024-10-21', 14, new LocalZone('Europe/Stockholm'));
 * w.to; // → '2024-11-03'
 * (w.dayStarts[7] - w.dayStarts[6]) / 3_600_000; // → 25 (2024-10-27, clocks go back)
 */
export interface DayWindow {
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** Last day (inclusive), `YYYY-MM-DD`. */
  to: string;
  /** Number of days. */
  days: number;
  /** Day number (days since 1970-01-01) of `from`. */
  fromDay: number;
  /** Epoch ms of each local midnight, `days + 1` entries. */
  dayStarts: number[];
}

/**
 * The window of `days` local calendar days starting on `from` (`YYYY-MM-DD`).
 *
 * @example
 * dayWindow('2024-10-01', 14, new LocalZone('Europe/Stockholm')).to; // → '2024-10-14'
 */
export function dayWindow(from: string, days: number, zone: LocalZone): DayWindow {
  if (typeof from !== 'string') throw new KontinuitetError('BAD_OPTION', `from: must be a YYYY-MM-DD date, got ${shownValue(from)}`);
  const fromDay = parseDay(from);
  if (Number.isNaN(fromDay)) throw new KontinuitetError('BAD_OPTION', `from: "${from}" is not a YYYY-MM-DD date`);
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new KontinuitetError('BAD_OPTION', `days: must be a whole number from 1 to 366, got ${days}`);
  const dayStarts: number[] = [];
  for (let k = 0; k <= days; k++) dayStarts.push(zone.startOfLocalDay(fromDay + k));
  return { from: civilFromDays(fromDay), to: civilFromDays(fromDay + days - 1), days, fromDay, dayStarts };
}

/**
 * How a monthly series places its window in each month.
 *
 * @example
 * measureContinuity('visits.csv', { every: 'month', anchor: 'first-monday' });
 */
export type MonthAnchor = 'first-day' | 'first-monday';

/**
 * One window per calendar month from the month of `firstDay` to the month of `lastDay` (day
 * numbers of the first and last local day with data), starting on the first day of the month
 * or on its first Monday. Only windows lying wholly inside `[firstDay, lastDay]` are returned: a
 * window the log covers only in part would count clients as ineligible for days without data.
 *
 * @example
 * monthlyWindows(parseDay('2024-10-01'), parseDay('2024-11-30'), 14, 'first-day', zone).map((w) => w.from);
 * // → ['2024-10-01', '2024-11-01']
 */
export function monthlyWindows(firstDay: number, lastDay: number, days: number, anchor: MonthAnchor, zone: LocalZone): DayWindow[] {
  const windows: DayWindow[] = [];
  const first = DateTime.fromISO(civilFromDays(firstDay), { zone: 'UTC' }).startOf('month');
  for (let month = first; ; month = month.plus({ months: 1 })) {
    let start = month;
    if (anchor === 'first-monday') start = month.plus({ days: (8 - month.weekday) % 7 });
    const startDay = parseDay(start.toISODate() ?? '');
    if (startDay > lastDay) break;
    if (startDay >= firstDay && startDay + days - 1 <= lastDay) windows.push(dayWindow(civilFromDays(startDay), days, zone));
  }
  return windows;
}

/**
 * The most windows a monthly series makes without being asked for them (`maxWindows`): five
 * years of months.
 */
export const MAX_SERIES_WINDOWS = 60;

/**
 * A monthly series ({@link monthlyWindows}) bounded to its latest `maxWindows` windows, and the
 * message to give when windows were left out (a placeholder year in a log would otherwise make a
 * series of centuries) or when a log with rows holds no whole window ({@link noWholeWindow}).
 * `maxWindows` must be a whole number ≥ 1.
 *
 * @example
 * seriesWindows(parseDay('2019-01-01'), parseDay('2024-12-31'), 14, 'first-day', zone, 60).windows[0].from; // → '2020-01-01'
 */
export function seriesWindows(firstDay: number, lastDay: number, days: number, anchor: MonthAnchor, zone: LocalZone, maxWindows: number): { windows: DayWindow[]; dropped: DayWindow[]; warning: string | null } {
  const all = firstDay > lastDay ? [] : monthlyWindows(firstDay, lastDay, days, anchor, zone);
  if (all.length === 0 && firstDay <= lastDay) return { windows: all, dropped: [], warning: noWholeWindow(firstDay, lastDay, days, anchor) };
  if (all.length <= maxWindows) return { windows: all, dropped: [], warning: null };
  const windows = all.slice(all.length - maxWindows);
  return {
    windows,
    dropped: all.slice(0, all.length - maxWindows),
    warning: `the log covers ${all.length} monthly windows; the series keeps the latest ${maxWindows}, from ${windows[0]!.from}; give a first day, or a larger maxWindows (--max-windows)`,
  };
}

/**
 * The warning of a monthly series that finds no window wholly in the log (e.g. a 14-day plan
 * from 2024-10-07 to 10-20, or 10 days of visits: no month's window lies inside them), so that 0
 * windows are never reported in silence. It says which days the log covers, what a window needs,
 * and how to measure one window anyway (`from`, the log's first day).
 *
 * @example
 * noWholeWindow(parseDay('2024-10-07'), parseDay('2024-10-20'), 14, 'first-day');
 * // → 'no whole window: the log runs from 2024-10-07 to 2024-10-20 (14 days), and no monthly window (14 days from the first day of a month) lies within it; for one window give its first day: from (CLI --from), e.g. 2024-10-07, the log\'s first day'
 */
export function noWholeWindow(firstDay: number, lastDay: number, days: number, anchor: MonthAnchor): string {
  const n = lastDay - firstDay + 1;
  const first = civilFromDays(firstDay);
  const start = anchor === 'first-monday' ? 'the first Monday' : 'the first day';
  return `no whole window: the log runs from ${first} to ${civilFromDays(lastDay)} (${n} day${n === 1 ? '' : 's'}), and no monthly window `
    + `(${days} days from ${start} of a month) lies within it; for one window give its first day: from (CLI --from), e.g. ${first}, the log's first day`;
}

/** Checks a `maxWindows` option: a whole number ≥ 1; the default {@link MAX_SERIES_WINDOWS}. */
export function maxWindowsOption(value: unknown): number {
  if (value === undefined) return MAX_SERIES_WINDOWS;
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1)) throw new KontinuitetError('BAD_OPTION', 'maxWindows: must be a whole number ≥ 1');
  return value;
}

/** Index of the day of `window` that instant `t` falls in, or -1 when outside. */
export function dayIndex(window: DayWindow, t: number): number {
  const s = window.dayStarts;
  if (t < s[0]! || t >= s[window.days]!) return -1;
  let k = Math.floor(((t - s[0]!) / 86_400_000));
  if (k > window.days - 1) k = window.days - 1;
  while (k > 0 && t < s[k]!) k--;
  while (k < window.days - 1 && t >= s[k + 1]!) k++;
  return k;
}
