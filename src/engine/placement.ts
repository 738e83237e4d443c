import type { CodedRow } from './fast.js';
import { dayWindow, type DayWindow, type MonthAnchor } from '../windows/windows.js';
import type { LocalZone } from '../windows/zone.js';
import type { ContinuityRules } from '../measures/continuity/rules.js';

/**
 * Which window a row falls in and which day of it the row counts on: one fixed window, or the
 * window of each month (from its first day or first Monday).
 *
 * @example
 * const placement = new WindowPlacement(rules, zone, null, 'first-day');
 * placement.windowOf(row, 20_000); // → the first day of that day's month window, or null after the window's 14 days
 */
export class WindowPlacement {
  /** Local day → the first day of its month's window (a log has few distinct days). */
  private readonly monthStarts = new Map<number, number>();

  constructor(
    private readonly rules: ContinuityRules,
    private readonly zone: LocalZone,
    private readonly fixed: DayWindow | null,
    private readonly anchor: MonthAnchor,
  ) {}

  /** The window that starts on `fromDay`. */
  window(fromDay: number): DayWindow {
    if (this.fixed !== null && this.fixed.fromDay === fromDay) return this.fixed;
    return dayWindow(new Date(fromDay * 86_400_000).toISOString().slice(0, 10), this.rules.days, this.zone);
  }

  /** The first day of the window a row belongs to, by its start day (overlap mode: by the day it is counted on), or null. */
  windowOf(v: CodedRow, startDay: number): number | null {
    const day = this.rules.inWindowBy === 'overlap' ? this.overlapDay(v, startDay) ?? startDay : startDay;
    const from = this.fixed !== null ? this.fixed.fromDay : this.monthWindowStart(day);
    return day < from || day >= from + this.rules.days ? null : from;
  }

  /** Day of the window a counted row counts on, or -1 when it is outside the day hours (start mode: by the start's local day and minute). */
  countedDay(v: CodedRow, fromDay: number, startDay: number, startMinute: number): number {
    if (this.rules.inWindowBy === 'overlap') {
      const day = this.overlapDay(v, startDay);
      return day === null ? -1 : day - fromDay;
    }
    if (startMinute < this.rules.dayStartMinute || startMinute >= this.rules.dayEndMinute) return -1;
    return startDay - fromDay;
  }

  private monthWindowStart(day: number): number {
    let from = this.monthStarts.get(day);
    if (from === undefined) {
      const d = new Date(day * 86_400_000);
      const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000;
      const weekday = (new Date(first * 86_400_000).getUTCDay() + 6) % 7; // Monday = 0
      from = this.anchor === 'first-day' ? first : first + ((7 - weekday) % 7);
      this.monthStarts.set(day, from);
    }
    return from;
  }

  /** First local day whose day hours the row overlaps (it may start the evening before). */
  private overlapDay(v: CodedRow, startDay: number): number | null {
    for (let day = startDay; ; day++) {
      const open = this.zone.atLocalMinute(day, this.rules.dayStartMinute);
      if (open >= v.end) return null;
      if (this.zone.atLocalMinute(day, this.rules.dayEndMinute) > v.start) return day;
    }
  }
}
