import type { RowIssue, RowIssueCode } from '../errors.js';
import { parseDay, parseTimestamp, type TimeParseFailure } from '../windows/parse.js';
import type { LocalZone } from '../windows/zone.js';
import type { ColumnIndex } from './columns.js';
import { numberCell } from './cells.js';
import { implausibleTime, plausible, shortEnough, visitTooLong, type TimeLimits } from './plausible.js';
import type { Visit } from './types.js';

type IdMap = (id: string) => string;

const EMPTY: TimeParseFailure = { code: 'missing_value', why: 'is empty' };

/**
 * Turns the fields of one row into a {@link Visit}, or an issue naming the line and column.
 * One instance per input; the hot path does digit parsing only (no luxon, no regex).
 */
export class RowConverter {
  private readonly failure: TimeParseFailure = { code: 'time_format', why: '' };
  /** Birth dates repeat on every row of a client: parse each text once. */
  private readonly birthDays = new Map<string, number>();

  constructor(
    private readonly index: ColumnIndex,
    private readonly fieldCount: number,
    private readonly zone: LocalZone,
    private readonly mapId: IdMap | null,
    private readonly limits: TimeLimits,
  ) {}

  convert(f: readonly string[], line: number): Visit | RowIssue {
    const ix = this.index;
    if (this.fieldCount > 0 && f.length !== this.fieldCount) {
      return issue(line, null, 'field_count', `has ${f.length} fields, the header has ${this.fieldCount}`);
    }
    const client = trimmed(f[ix.client_id]);
    if (client === '') return issue(line, 'client_id', 'missing_value', 'is empty');
    const staff = trimmed(f[ix.staff_id]);
    if (staff === '') return issue(line, 'staff_id', 'missing_value', 'is empty');
    const start = this.time(f, ix.start) ?? EMPTY;
    if (typeof start !== 'number') return at(line, 'start', start);
    const limits = this.limits;
    if (!plausible(limits, start)) return implausibleTime(line, 'start', limits);
    const end = this.time(f, ix.end) ?? EMPTY;
    if (typeof end !== 'number') return at(line, 'end', end);
    if (!plausible(limits, end)) return implausibleTime(line, 'end', limits);
    if (!(end > start)) return issue(line, 'end', 'end_before_start', 'is not after the start');
    if (!shortEnough(limits, start, end)) return visitTooLong(line, limits);

    const birthDay = this.birthDayOf(trimmed(f[ix.client_birth_date]));
    if (Number.isNaN(birthDay)) return issue(line, 'client_birth_date', 'bad_date', 'is not a YYYY-MM-DD date');
    const age = this.ageOf(ix.client_age < 0 ? '' : trimmed(f[ix.client_age]));
    if (Number.isNaN(age)) return issue(line, 'client_age', 'bad_number', 'is not an age in years (0–130)');
    const lat = this.number(f, ix.lat, -90, 90);
    if (Number.isNaN(lat)) return issue(line, 'lat', 'bad_number', 'is not a latitude (-90–90)');
    const lon = this.number(f, ix.lon, -180, 180);
    if (Number.isNaN(lon)) return issue(line, 'lon', 'bad_number', 'is not a longitude (-180–180)');
    const travelMinutes = this.number(f, ix.travel_minutes, 0, 1440);
    if (Number.isNaN(travelMinutes)) return issue(line, 'travel_minutes', 'bad_number', 'is not a number of minutes (0–1440)');
    const travelKm = this.number(f, ix.travel_km, 0, 2000);
    if (Number.isNaN(travelKm)) return issue(line, 'travel_km', 'bad_number', 'is not a distance in km (0–2000)');
    const shiftStart = this.time(f, ix.shift_start);
    if (typeof shiftStart !== 'number' && shiftStart !== null) return at(line, 'shift_start', shiftStart);
    if (shiftStart !== null && !plausible(limits, shiftStart)) return implausibleTime(line, 'shift_start', limits);
    const shiftEnd = this.time(f, ix.shift_end);
    if (typeof shiftEnd !== 'number' && shiftEnd !== null) return at(line, 'shift_end', shiftEnd);
    if (shiftEnd !== null && !plausible(limits, shiftEnd)) return implausibleTime(line, 'shift_end', limits);

    const map = this.mapId;
    const contact = trimmed(f[ix.contact_staff_id]);
    return {
      line,
      visitId: trimmed(f[ix.visit_id]),
      client: map === null ? client : map(client),
      staff: map === null ? staff : map(staff),
      start,
      end,
      kind: trimmed(f[ix.kind]),
      group: trimmed(f[ix.group]),
      birthDay,
      age: age === null ? null : Math.floor(age),
      staffRole: trimmed(f[ix.staff_role]),
      contactStaff: map === null || contact === '' ? contact : map(contact),
      lat,
      lon,
      travelMinutes,
      travelKm,
      shiftStart,
      shiftEnd,
    };
  }

  /** A trimmed birth-date field as a day number, null when empty, NaN when not a date (each text parsed once). */
  birthDayOf(birth: string): number | null {
    if (birth === '') return null;
    let day = this.birthDays.get(birth);
    if (day === undefined) {
      day = parseDay(birth.length > 10 ? birth.slice(0, 10) : birth);
      if (this.birthDays.size < 200_000) this.birthDays.set(birth, day);
    }
    return day;
  }

  /** A trimmed age field: the age, null when empty, NaN when not an age (0–130). */
  ageOf(text: string): number | null {
    return decimal(text, 0, 130);
  }

  /** A time field: epoch ms, null when empty, or the failure. */
  private time(f: readonly string[], i: number): number | null | TimeParseFailure {
    const text = i < 0 ? '' : (f[i] ?? '');
    if (text === '' || (text.charCodeAt(0) === 32 && text.trim() === '')) return null;
    const t = parseTimestamp(text, this.zone, this.failure);
    return Number.isNaN(t) ? { ...this.failure } : t;
  }

  /** An optional number field (decimal comma allowed): the number, null when empty, NaN when bad. */
  private number(f: readonly string[], i: number, min: number, max: number): number | null {
    return i < 0 ? null : decimal(trimmed(f[i]), min, max);
  }
}

/** A trimmed decimal text (decimal comma allowed): the number, null when empty, NaN when bad or outside [min, max]. */
function decimal(text: string, min: number, max: number): number | null {
  const v = numberCell(text);
  if (v === null) return null;
  return Number.isFinite(v) && v >= min && v <= max ? v : Number.NaN;
}

/** A field without surrounding white space (cheap when there is none). */
export function trimmed(s: string | undefined): string {
  if (s === undefined) return '';
  const n = s.length;
  if (n === 0) return s;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(n - 1);
  // trim() also removes Unicode spaces (a no-break space from Excel): check any non-ASCII edge
  return a <= 32 || a >= 127 || b <= 32 || b >= 127 ? s.trim() : s;
}

function issue(line: number, column: string | null, code: RowIssueCode, what: string): RowIssue {
  return { line, column, code, message: `line ${line}${column === null ? '' : `, column ${column}`}: ${what}` };
}

function at(line: number, column: string, failure: TimeParseFailure): RowIssue {
  return issue(line, column, failure.code, failure.why);
}
