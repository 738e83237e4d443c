/**
 * Calendar helpers for the generator: plain proleptic-Gregorian day arithmetic on "epoch days"
 * (days since 1970-01-01), with no time zone, locale or clock involved.
 */

import { civilFromDays } from '../windows/civil.js';
import { parseDay } from '../windows/parse.js';

/**
 * Parses a `YYYY-MM-DD` calendar date to an epoch-day number (days since 1970-01-01), or returns
 * `null` when the text is not a real calendar date (the library's {@link parseDay}, without
 * surrounding white space).
 *
 * @example
 * parseEpochDay('1970-01-02'); // → 1
 * parseEpochDay('2024-02-30'); // → null
 */
export function parseEpochDay(text: string): number | null {
  const day = text === text.trim() ? parseDay(text) : Number.NaN;
  return Number.isNaN(day) ? null : day;
}

/**
 * Formats an epoch-day number as `YYYY-MM-DD` (the library's {@link civilFromDays}).
 *
 * @example
 * formatEpochDay(0); // → '1970-01-01'
 */
export const formatEpochDay = civilFromDays;

/**
 * ISO weekday of an epoch day: 0 = Monday … 6 = Sunday.
 *
 * @example
 * weekday(0); // → 3 (1970-01-01 was a Thursday)
 */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * `true` when the epoch day is a Swedish (EU) daylight-saving change day: the last Sunday of March
 * (02:00–03:00 does not exist) or of October (02:00–03:00 happens twice). The generator keeps every
 * time on those nights outside 02:00–03:00.
 *
 * @example
 * isDstChangeDay(parseEpochDay('2024-10-27')!); // → true
 * isDstChangeDay(parseEpochDay('2025-03-30')!); // → true
 */
export function isDstChangeDay(day: number): boolean {
  if (weekday(day) !== 6) return false;
  const dt = new Date(day * 86400000);
  const month = dt.getUTCMonth() + 1;
  return (month === 3 || month === 10) && dt.getUTCDate() >= 25;
}

/**
 * Zero-padded decimal of a non-negative integer.
 *
 * @example
 * pad(7, 3); // → '007'
 */
export function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/**
 * `HH:mm` for every minute of the day, index 0 … 1439.
 *
 * @example
 * HHMM[7 * 60 + 5]; // → '07:05'
 */
export const HHMM: readonly string[] = Array.from(
  { length: 1440 },
  (_, m) => `${pad(Math.floor(m / 60), 2)}:${pad(m % 60, 2)}`,
);
