import { KontinuitetError, type RowIssue } from '../errors.js';
import { civilFromDays, MS_PER_HOUR } from '../windows/civil.js';
import { parseDay } from '../windows/parse.js';
import type { LocalZone } from '../windows/zone.js';
import type { ReadOptions } from './types.js';

/**
 * The default plausible range of a visit's times, local dates: from 1990-01-01 (inclusive) to
 * 2100-01-01 (exclusive). Home-care visit logs are digital time registrations (the systems came
 * in the 2000s; the national indicator starts in 2010), so a time before 1990 is a placeholder
 * ("0001-01-01", "1900-01-01") or a typo; the upper end rejects "no end date" placeholders
 * ("2999-12-31", "9999-12-31") while leaving decades of real dates. Options `plausibleFrom` and
 * `plausibleTo` move it.
 *
 * @example
 * PLAUSIBLE_RANGE; // → { from: '1990-01-01', to: '2100-01-01' }
 */
export const PLAUSIBLE_RANGE = Object.freeze({ from: '1990-01-01', to: '2100-01-01' });

/**
 * The default longest plausible visit, in hours: 24. A home-care visit lasts minutes to a few
 * hours (2–6 visits a day); even a whole night's watch (nattvak) is well under a day, so a visit
 * longer than a day is an unclosed registration. Option `maxVisitHours` moves it.
 *
 * @example
 * MAX_VISIT_HOURS; // → 24
 */
export const MAX_VISIT_HOURS = 24;

/** The plausible times of a read (epoch ms, `to` exclusive) and the longest visit, from the options. */
export interface TimeLimits {
  from: number;
  to: number;
  maxVisitMs: number;
  /** The range as the user gave it, for messages. */
  range: string;
  maxVisitHours: number;
}

/**
 * The time limits of `options` in `zone` (local midnights of the range's dates); throws
 * `BAD_OPTION` for a date that is not `YYYY-MM-DD`, an empty range or a maximum that is not a
 * positive number of hours (`Infinity` allowed).
 */
export function timeLimits(options: Pick<ReadOptions, 'plausibleFrom' | 'plausibleTo' | 'maxVisitHours'>, zone: LocalZone): TimeLimits {
  const fromDay = rangeDay('plausibleFrom', options.plausibleFrom ?? PLAUSIBLE_RANGE.from);
  const toDay = rangeDay('plausibleTo', options.plausibleTo ?? PLAUSIBLE_RANGE.to);
  if (!(toDay > fromDay)) throw new KontinuitetError('BAD_OPTION', 'plausibleTo: must be after plausibleFrom');
  const hours = options.maxVisitHours ?? MAX_VISIT_HOURS;
  if (typeof hours !== 'number' || !(hours > 0)) throw new KontinuitetError('BAD_OPTION', 'maxVisitHours: must be a number of hours above 0');
  return {
    from: zone.startOfLocalDay(fromDay),
    to: zone.startOfLocalDay(toDay),
    maxVisitMs: hours * MS_PER_HOUR,
    range: `${civilFromDays(fromDay)} to ${civilFromDays(toDay)} (exclusive)`,
    maxVisitHours: hours,
  };
}

function rangeDay(name: string, text: string): number {
  const day = typeof text === 'string' ? parseDay(text) : Number.NaN;
  if (Number.isNaN(day)) throw new KontinuitetError('BAD_OPTION', `${name}: must be a YYYY-MM-DD date`);
  return day;
}

/** Whether time `t` (epoch ms) lies in the plausible range. */
export function plausible(limits: TimeLimits, t: number): boolean {
  return t >= limits.from && t < limits.to;
}

/** Whether a visit `[start, end)` (both plausible, end after start) is no longer than the maximum. */
export function shortEnough(limits: TimeLimits, start: number, end: number): boolean {
  return end - start <= limits.maxVisitMs;
}

/** The issue of a time outside the plausible range. */
export function implausibleTime(line: number, column: string, limits: TimeLimits): RowIssue {
  return {
    line, column, code: 'time_implausible',
    message: `line ${line}, column ${column}: is outside the plausible range ${limits.range}, e.g. a placeholder date (options plausibleFrom/plausibleTo)`,
  };
}

/** The issue of a visit longer than the maximum. */
export function visitTooLong(line: number, limits: TimeLimits): RowIssue {
  return {
    line, column: 'end', code: 'visit_too_long',
    message: `line ${line}, column end: the visit lasts more than ${limits.maxVisitHours} hours (option maxVisitHours)`,
  };
}
