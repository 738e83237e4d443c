import { DateTime, IANAZone } from 'luxon';
import { KontinuitetError } from '../errors.js';
import { daysFromCivil, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from './civil.js';

/** A gap hour: every local time in it is skipped by a daylight-saving change. */
const GAP = Number.NaN;
/** An hour whose offset changes inside it (not on the hour): resolve each time with luxon. */
const MIXED = Number.POSITIVE_INFINITY;

/**
 * Converts local wall-clock times of one IANA zone to epoch milliseconds, and back to local days
 * and hours, with luxon's zone rules but without calling luxon per row: the UTC offset is looked
 * up once per local hour and cached (design.md: ~0.2 µs instead of ~15 µs per timestamp).
 *
 * Ambiguous local times (the repeated hour when clocks go back, 02:00–03:00 on the last Sunday
 * of October in Sweden) resolve to the second occurrence (standard time), as luxon does. Local times inside the spring-forward gap do not exist: {@link LocalZone.toEpoch}
 * returns `NaN` for them.
 *
 * @example
 * const z = new LocalZone('Europe/Stockholm');
 * z.toEpoch(2024, 10, 27, 12, 0, 0, 0); // → 1730026800000 (2024-10-27T11:00:00Z, after the change to CET)
 */
export class LocalZone {
  readonly name: string;
  private readonly offsets = new Map<number, number>();
  private readonly utcOffsets = new Map<number, number>();
  private readonly localDayOffsets = new Map<number, number>();
  private readonly utcDayOffsets = new Map<number, number>();
  private readonly zone: IANAZone;
  private readonly minuteInstants = new Map<number, number>();
  // the last local date of toEpoch and UTC day of offsetAt, with their offsets (NaN: none yet)
  private lastYear = Number.NaN;
  private lastMonth = Number.NaN;
  private lastDate = Number.NaN;
  private lastLocalDay = 0;
  private lastLocalDayOffset = 0;
  private lastUtcDay = Number.NaN;
  private lastUtcDayOffset = 0;

  constructor(name: string) {
    if (!IANAZone.isValidZone(name)) {
      throw new KontinuitetError('BAD_OPTION', `unknown time zone "${name}" (use an IANA name such as Europe/Stockholm)`);
    }
    this.name = name;
    this.zone = IANAZone.create(name);
  }

  /** Epoch ms of a local wall time, or `NaN` when the time falls in a daylight-saving gap. */
  toEpoch(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
    // the last date asked, remembered: a log's times come mostly in runs of one date
    let localDay: number;
    let offset: number | undefined;
    if (year === this.lastYear && month === this.lastMonth && day === this.lastDate) {
      localDay = this.lastLocalDay;
      offset = this.lastLocalDayOffset;
    } else {
      localDay = daysFromCivil(year, month, day);
      offset = this.localDayOffsets.get(localDay);
      if (offset === undefined) {
        offset = this.offsetOfLocalDay(year, month, day);
        this.localDayOffsets.set(localDay, offset);
      }
      this.lastYear = year;
      this.lastMonth = month;
      this.lastDate = day;
      this.lastLocalDay = localDay;
      this.lastLocalDayOffset = offset;
    }
    const localHour = localDay * 24 + hour;
    if (offset === MIXED) {
      offset = this.offsets.get(localHour);
      if (offset === undefined) {
        offset = this.offsetOfLocalHour(year, month, day, hour);
        this.offsets.set(localHour, offset);
      }
    }
    if (Number.isNaN(offset)) return GAP;
    const wall = localHour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + ms;
    if (offset === MIXED) return this.luxonEpoch(year, month, day, hour, minute, second, ms);
    return wall - offset * MS_PER_MINUTE;
  }

  /** UTC offset in minutes at an instant. */
  offsetAt(epochMs: number): number {
    const utcDay = Math.floor(epochMs / MS_PER_DAY);
    let offset: number | undefined;
    if (utcDay === this.lastUtcDay) offset = this.lastUtcDayOffset;
    else {
      offset = this.utcDayOffsets.get(utcDay);
      if (offset === undefined) {
        offset = this.constantOffset(utcDay * MS_PER_DAY, MS_PER_DAY);
        this.utcDayOffsets.set(utcDay, offset);
      }
      this.lastUtcDay = utcDay;
      this.lastUtcDayOffset = offset;
    }
    if (offset !== MIXED) return offset;
    const utcHour = Math.floor(epochMs / MS_PER_HOUR);
    offset = this.utcOffsets.get(utcHour);
    if (offset === undefined) {
      offset = this.constantOffset(utcHour * MS_PER_HOUR, MS_PER_HOUR);
      this.utcOffsets.set(utcHour, offset);
    }
    return offset === MIXED ? this.zone.offset(epochMs) : offset;
  }

  /** The offset over [from, from + length), or MIXED when it changes (at most one change a day in real zones). */
  private constantOffset(from: number, length: number): number {
    const a = this.zone.offset(from);
    return a === this.zone.offset(from + length - 1) ? a : MIXED;
  }

  /** Local wall-clock ms since 1970-01-01T00:00 local (for day and time-of-day arithmetic). */
  localMs(epochMs: number): number {
    return epochMs + this.offsetAt(epochMs) * MS_PER_MINUTE;
  }

  /** Local day number (days since 1970-01-01 in this zone's calendar) of an instant. */
  localDay(epochMs: number): number {
    return Math.floor(this.localMs(epochMs) / MS_PER_DAY);
  }

  /** Local minute of the day (0–1439) of an instant. */
  localMinuteOfDay(epochMs: number): number {
    const local = this.localMs(epochMs);
    return Math.floor((local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE);
  }

  /** Epoch ms of local midnight at the start of a local day number. */
  startOfLocalDay(dayNumber: number): number {
    return this.atLocalMinute(dayNumber, 0);
  }

  /**
   * Epoch ms of a local minute of a local day (0–1440; 1440 is the next midnight). A minute in a
   * daylight-saving gap is moved forward by the length of the gap (as luxon does).
   */
  atLocalMinute(dayNumber: number, minuteOfDay: number): number {
    const key = dayNumber * 1441 + minuteOfDay;
    let t = this.minuteInstants.get(key);
    if (t === undefined) {
      t = this.luxonAtLocalMinute(dayNumber, minuteOfDay);
      if (this.minuteInstants.size > 100_000) this.minuteInstants.clear();
      this.minuteInstants.set(key, t);
    }
    return t;
  }

  private luxonAtLocalMinute(dayNumber: number, minuteOfDay: number): number {
    const d = DateTime.fromMillis((dayNumber + Math.floor(minuteOfDay / 1440)) * MS_PER_DAY, { zone: 'UTC' });
    const m = minuteOfDay % 1440;
    return DateTime.fromObject({ year: d.year, month: d.month, day: d.day, hour: Math.floor(m / 60), minute: m % 60 }, { zone: this.name }).toMillis();
  }

  private offsetOfLocalDay(year: number, month: number, day: number): number {
    const first = DateTime.fromObject({ year, month, day, hour: 0 }, { zone: this.name });
    const last = DateTime.fromObject({ year, month, day, hour: 23, minute: 59, second: 59, millisecond: 999 }, { zone: this.name });
    return first.hour === 0 && last.hour === 23 && first.offset === last.offset && last.toMillis() - first.toMillis() === MS_PER_DAY - 1 ? first.offset : MIXED;
  }

  private offsetOfLocalHour(year: number, month: number, day: number, hour: number): number {
    const first = DateTime.fromObject({ year, month, day, hour, minute: 0 }, { zone: this.name });
    const last = DateTime.fromObject({ year, month, day, hour, minute: 59, second: 59, millisecond: 999 }, { zone: this.name });
    if (first.hour !== hour && last.hour !== hour) return GAP;
    if (first.hour !== hour || first.minute !== 0 || first.offset !== last.offset) return MIXED;
    return first.offset;
  }

  private luxonEpoch(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
    const t = DateTime.fromObject({ year, month, day, hour, minute, second, millisecond: ms }, { zone: this.name });
    return t.hour === hour && t.minute === minute ? t.toMillis() : GAP;
  }
}
