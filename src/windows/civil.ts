/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). Exact for all years ≥ 0. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Number of days in a month of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The civil date of a day number (inverse of {@link daysFromCivil}), as `YYYY-MM-DD`. */
export function civilFromDays(days: number): string {
  const k = civilNumber(days);
  const y = Math.floor(k / 10000);
  const m = Math.floor(k / 100) % 100;
  const d = k % 100;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/**
 * The civil date of a day number (years 0–9999) as the number YYYYMMDD: no string, and one date
 * is later than another exactly when its number is larger.
 *
 * @example
 * civilNumber(0); // → 19700101
 */
export function civilNumber(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10000 + m * 100 + d;
}

/**
 * Age in whole years on day `atDay` of someone born on day `birthDay` (day numbers): a year is
 * added on the birthday, not before; a 29 February birthday comes on 1 March in other years.
 *
 * @example
 * ageOn(daysFromCivil(1959, 10, 25), daysFromCivil(2024, 10, 21)); // → 64
 */
export function ageOn(birthDay: number, atDay: number): number {
  // YYYYMMDD numbers: the difference's ten-thousands are the years, less one before the birthday
  return Math.floor((civilNumber(atDay) - civilNumber(birthDay)) / 10000);
}
