import type { RowIssueCode } from '../errors.js';
import { daysFromCivil, daysInMonth, MS_PER_DAY, MS_PER_MINUTE } from './civil.js';
import type { LocalZone } from './zone.js';

/** Why the last {@link parseTimestamp} call returned `NaN`. */
export interface TimeParseFailure { code: RowIssueCode; why: string }

const C0 = 48;

/** Code units of a time: a string's UTF-16 units or a file's bytes (ASCII). */
type Codes = Uint8Array | Uint16Array;

function digits(s: Codes, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s[i]! - C0;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

const scratch = new Uint16Array(256);

/**
 * Parses `YYYY-MM-DD[T| ]HH:mm[:ss[.fff]]` with an optional `Z` or `±HH[:MM]` offset into epoch ms.
 * Without an offset the time is local to `zone`. Returns `NaN` and fills `failure` when the text
 * is not such a time, names a date or time that does not exist (2024-02-31, 24:00), or a local
 * time inside a daylight-saving gap. No luxon call per row: see {@link LocalZone}.
 *
 * @example
 * const f = { code: 'time_format', why: '' };
 * parseTimestamp('2024-03-31 02:30', new LocalZone('Europe/Stockholm'), f); // → NaN, f.code === 'time_nonexistent'
 */
export function parseTimestamp(text: string, zone: LocalZone, failure: TimeParseFailure): number {
  const s = text.length > 0 && (text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32) ? text.trim() : text;
  if (s.length > scratch.length) return fail(failure, 'time_format', scratch, 0, s.length);
  for (let i = 0; i < s.length; i++) scratch[i] = s.charCodeAt(i);
  return parseTimeCodes(scratch, 0, s.length, zone, failure);
}

/**
 * {@link parseTimestamp} over code units `[from, to)` of a string's units or of a file's bytes
 * (the measure's fast path parses times where they lie in the read buffer). The range must be
 * trimmed; bytes must be ASCII (other bytes never form a time).
 *
 * @example
 * parseTimeCodes(Buffer.from('2024-10-01 08:00'), 0, 16, new LocalZone('Europe/Stockholm'), f); // → 1727762400000
 */
export function parseTimeCodes(s: Codes, from: number, to: number, zone: LocalZone, failure: TimeParseFailure): number {
  parseTimeInto(ONE, 0, s, from, to, zone, failure);
  return ONE[0]!;
}

const ONE = new Float64Array(1);

/**
 * {@link parseTimeCodes} written to `out[k]` (NaN when it fails): the measure's fast path keeps
 * its times in a typed array, so a time is never boxed as a heap number.
 *
 * @example
 * parseTimeInto(times, 0, Buffer.from('2024-10-01 08:00'), 0, 16, new LocalZone('Europe/Stockholm'), f); // times[0] → 1727762400000
 */
export function parseTimeInto(out: Float64Array, k: number, s: Codes, from: number, to: number, zone: LocalZone, failure: TimeParseFailure): void {
  const f = from;
  if (to - f < 16 || s[f + 4] !== 45 || s[f + 7] !== 45 || s[f + 13] !== 58) return void (out[k] = fail(failure, 'time_format', s, f, to));
  const sep = s[f + 10];
  if (sep !== 84 && sep !== 32 && sep !== 116) return void (out[k] = fail(failure, 'time_format', s, f, to));
  const year = digits(s, f, 4), month = digits(s, f + 5, 2), day = digits(s, f + 8, 2);
  const hour = digits(s, f + 11, 2), minute = digits(s, f + 14, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return void (out[k] = fail(failure, 'time_format', s, f, to));
  let i = f + 16, second = 0, ms = 0;
  if (i < to && s[i] === 58) {
    second = digits(s, i + 1, 2);
    if (second < 0 || i + 3 > to) return void (out[k] = fail(failure, 'time_format', s, f, to));
    i += 3;
    if (i < to && (s[i] === 46 || s[i] === 44)) {
      let scale = 100, j = i + 1;
      for (; j < to; j++) {
        const c = s[j]! - C0;
        if (!(c >= 0 && c <= 9)) break;
        ms += c * scale;
        scale /= 10;
      }
      if (j === i + 1) return void (out[k] = fail(failure, 'time_format', s, f, to));
      ms = Math.floor(ms);
      i = j;
    }
  }
  // only the date-shaped part [f, i) is echoed: text after it may be an id from a misaligned cell
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return void (out[k] = fail(failure, 'time_out_of_range', s, f, i, 'is not a calendar date'));
  if (hour > 23 || minute > 59 || second > 59) return void (out[k] = fail(failure, 'time_out_of_range', s, f, i, 'is not a time of day (00:00–23:59)'));
  if (i === to) {
    const t = zone.toEpoch(year, month, day, hour, minute, second, ms);
    return void (out[k] = Number.isNaN(t) ? fail(failure, 'time_nonexistent', s, f, to, `does not exist in ${zone.name} (daylight-saving gap)`) : t);
  }
  const offset = parseOffset(s, i, to);
  if (Number.isNaN(offset)) return void (out[k] = fail(failure, 'time_format', s, f, to));
  out[k] = (daysFromCivil(year, month, day) * MS_PER_DAY) + ((hour * 60 + minute - offset) * MS_PER_MINUTE) + second * 1000 + ms;
}

/** Offset in minutes of `Z`, `±HH`, `±HHMM` or `±HH:MM` from position i to `to`, or NaN. */
function parseOffset(s: Codes, i: number, to: number): number {
  const c = s[i];
  if ((c === 90 || c === 122) && i + 1 === to) return 0;
  if (c !== 43 && c !== 45) return Number.NaN;
  const rest = to - i - 1;
  const h = digits(s, i + 1, 2);
  let m = 0;
  if (rest === 5 && s[i + 3] === 58) m = digits(s, i + 4, 2);
  else if (rest === 4) m = digits(s, i + 3, 2);
  else if (rest !== 2) return Number.NaN;
  if (h < 0 || m < 0 || h > 18 || m > 59) return Number.NaN;
  return (c === 45 ? -1 : 1) * (h * 60 + m);
}

function fail(failure: TimeParseFailure, code: RowIssueCode, s: Codes, from: number, to: number, why?: string): number {
  failure.code = code;
  // a value that is not a time is not echoed (it may be an id in the wrong column); a date-shaped one is
  failure.why = why === undefined
    ? `a value of ${to - from} characters is not a time (expected YYYY-MM-DD HH:mm[:ss], optionally with Z or ±HH:MM)`
    : `${String.fromCharCode(...s.subarray(from, Math.min(to, from + 40)))} ${why}`;
  return Number.NaN;
}

/**
 * Parses a `YYYY-MM-DD` date (a birth date, a window start) to a day number (days since
 * 1970-01-01), or `NaN` when it is not a calendar date.
 *
 * @example
 * parseDay('1970-01-02'); // → 1
 */
export function parseDay(text: string): number {
  const t = text.trim();
  if (t.length !== 10) return Number.NaN;
  for (let i = 0; i < 10; i++) scratch[i] = t.charCodeAt(i);
  return parseDayCodes(scratch, 0, 10);
}

/**
 * {@link parseDay} over code units `[from, to)` of a string's units or of a file's bytes, not
 * trimmed (the measure's fast path reads birth dates where they lie in the read buffer).
 *
 * @example
 * parseDayCodes(Buffer.from('x,1970-01-02'), 2, 12); // → 1
 */
export function parseDayCodes(s: Codes, from: number, to: number): number {
  if (to - from !== 10 || s[from + 4] !== 45 || s[from + 7] !== 45) return Number.NaN;
  const y = digits(s, from, 4), m = digits(s, from + 5, 2), d = digits(s, from + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return Number.NaN;
  return daysFromCivil(y, m, d);
}
