/**
 * The cells of an Excel sheet as the reader's text fields: a time or date as Excel stores it (a
 * date-time serial number) becomes the local wall time it shows, so the one time parser reads it
 * as it reads a CSV (local to `zone`, daylight saving included).
 *
 * @module
 */

/** What a cell of a time column or a date column is read as. */
export type CellKind = 'time' | 'day' | 'other';

const DAY_MS = 86_400_000;
/** Day 0 of the 1900 date system (1899-12-30: Excel's leap-year 1900 makes serials from 61 on count from here) and of the 1904 system. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The wall time (or, for `day`, the date) an Excel date-time serial shows: days since the
 * workbook's day 0, the fraction the time of day, rounded to the millisecond (a serial holds
 * about 15 digits: 08:00 is stored as 0.33333333333333). Null when it is no date a JavaScript
 * `Date` holds.
 *
 * @example
 * serialText(45566.33333333333, false, 'time'); // → '2024-10-01 08:00:00'
 * serialText(14432, false, 'day'); // → '1939-07-06'
 */
export function serialText(serial: number, date1904: boolean, kind: 'time' | 'day'): string | null {
  if (!Number.isFinite(serial)) return null;
  const ms = Math.round(serial * DAY_MS) + (date1904 ? EPOCH_1904 : EPOCH_1900);
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year < 1 || year > 9999) return null;
  const date = `${String(year).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  if (kind === 'day') return date;
  const milli = d.getUTCMilliseconds();
  return `${date} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}${milli === 0 ? '' : `.${String(milli).padStart(3, '0')}`}`;
}

/** A cell value as the streaming reader gives it: text, number, boolean, a date, or an object for rich text, formulas, links and errors. */
export type CellValue = unknown;

/** The text of a cell that cannot be read as a field, with why (an error value such as #N/A, an unknown object). */
export interface CellFailure {
  why: string;
}

/**
 * The text field of a cell: text as it is, a number printed (a serial in a time or date column
 * as the wall time or date it shows, see {@link serialText}), a boolean as `true`/`false`, rich
 * text joined, a formula's cached result, a hyperlink's text; `''` for an empty cell. An error
 * value (#N/A, #VALUE!, …) or an unknown object is a {@link CellFailure}.
 *
 * @example
 * cellText(45566.5, 'time', false); // → '2024-10-01 12:00:00'
 * cellText({ richText: [{ text: 'Norr' }, { text: 'malm' }] }, 'other', false); // → 'Norrmalm'
 */
export function cellText(value: CellValue, kind: CellKind, date1904: boolean): string | CellFailure {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (kind === 'other') return Number.isFinite(value) ? String(value) : { why: 'is not a finite number' };
    return serialText(value, date1904, kind) ?? { why: 'is a number that is no Excel date' };
  }
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    // a date cell read with its style: the wall time in UTC fields, as Excel shows it
    if (Number.isNaN(value.getTime())) return { why: 'is not a date' };
    return serialText((value.getTime() - EPOCH_1900) / DAY_MS, false, kind === 'day' ? 'day' : 'time')!;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: unknown; result?: unknown; formula?: unknown; sharedFormula?: unknown; text?: unknown; hyperlink?: unknown; error?: unknown };
    if (typeof v.error === 'string') return { why: 'is an Excel error value' };
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: unknown }) => (typeof r?.text === 'string' ? r.text : '')).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, kind, date1904);
    if ('hyperlink' in v || 'text' in v) return cellText(v.text, kind, date1904);
  }
  return { why: 'has a value of a type that cannot be read' };
}
