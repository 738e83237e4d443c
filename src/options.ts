/**
 * Checks of what a caller passes to the library: options (a wrong value is a `BAD_OPTION`
 * naming the option and what it may be) and visit sources (`BAD_SOURCE`).
 *
 * @module
 */

import { ENGINE_SETTINGS, type EngineSettings } from './engine-settings.js';
import { KontinuitetError } from './errors.js';
import { civilFromDays } from './windows/civil.js';
import type { LocalZone } from './windows/zone.js';
import { CANONICAL_COLUMNS } from './read/columns.js';
import type { ReadOptions } from './read/types.js';

/**
 * A value for an option message: JSON-like, control characters escaped, at most 40 characters.
 *
 * @example
 * shownValue('year'); // → '"year"'
 */
export function shownValue(value: unknown): string {
  let s: string;
  if (value instanceof Date) s = Number.isNaN(value.getTime()) ? 'an Invalid Date' : 'a Date';
  else if (typeof value === 'bigint') s = `${value}n`;
  else if (typeof value === 'function' || typeof value === 'symbol') s = `a ${typeof value}`;
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = 'an object';
    }
  }
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

/**
 * The option's value when it is undefined or one of `allowed`; else `BAD_OPTION` naming the
 * option, the allowed values and the value given.
 *
 * @example
 * oneOf('every', 'year', ['month']); // throws BAD_OPTION: every: must be 'month', got "year"
 */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined || (allowed as readonly unknown[]).includes(value)) return value as T | undefined;
  const list = allowed.map((a) => `'${a}'`);
  const what = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
  throw new KontinuitetError('BAD_OPTION', `${name}: must be ${what}, got ${shownValue(value)}`);
}

/**
 * The option's value when it is undefined or a boolean; else `BAD_OPTION`.
 *
 * @example
 * flag('indices', 'yes'); // throws BAD_OPTION: indices: must be true or false, got "yes"
 */
export function flag(name: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new KontinuitetError('BAD_OPTION', `${name}: must be true or false, got ${shownValue(value)}`);
}

/**
 * The option's value when it is undefined or a whole number in [min, max]; else `BAD_OPTION`.
 *
 * @example
 * wholeNumber('maxIssues', -1, 0, Infinity); // throws BAD_OPTION
 */
export function wholeNumber(name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) return value as number | undefined;
  const range = max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`;
  throw new KontinuitetError('BAD_OPTION', `${name}: must be a whole number ${range}, got ${shownValue(value)}`);
}

/**
 * A day option (`from`) as its `YYYY-MM-DD` text: undefined stays undefined, a text is returned
 * as given (its form is checked where the window is made), and a valid `Date` stands for the local
 * calendar day in `zone` that holds its instant (`new Date('2024-10-01')`, UTC midnight, and
 * `new Date(2024, 9, 1)` in a Swedish process are both 2024-10-01 in Europe/Stockholm). An
 * Invalid Date, a number or anything else is a `BAD_OPTION`.
 *
 * @example
 * dayOption('from', new Date('2024-10-01'), new LocalZone('Europe/Stockholm')); // → '2024-10-01'
 * dayOption('from', new Date('x'), zone); // throws BAD_OPTION: from: must be a YYYY-MM-DD date or a Date, got an Invalid Date
 */
export function dayOption(name: string, value: unknown, zone: LocalZone): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return civilFromDays(zone.localDay(value.getTime()));
  throw new KontinuitetError('BAD_OPTION', `${name}: must be a YYYY-MM-DD date or a Date, got ${shownValue(value)}`);
}

/**
 * Checks the reader's options ({@link ReadOptions}): enumerated values, numbers, column names.
 * `zone` and `pseudonymise` are checked where they are used.
 *
 * @example
 * checkReadOptions({ onError: 'skip' }); // throws BAD_OPTION: onError: must be 'collect' or 'stop', got "skip"
 */
export function checkReadOptions(options: ReadOptions): void {
  if (options === null || typeof options !== 'object') throw new KontinuitetError('BAD_OPTION', `options: must be an object, got ${shownValue(options)}`);
  oneOf('delimiter', options.delimiter, [',', ';', '\t']);
  oneOf('encoding', options.encoding, ['utf8', 'latin1']);
  oneOf('onError', options.onError, ['collect', 'stop']);
  if (options.maxIssues !== Infinity) wholeNumber('maxIssues', options.maxIssues, 0, Infinity);
  if (options.zone !== undefined && typeof options.zone !== 'string') throw new KontinuitetError('BAD_OPTION', `zone: must be an IANA zone name, got ${shownValue(options.zone)}`);
  const sheet = options.sheet;
  if (sheet !== undefined && !(typeof sheet === 'string' && sheet.trim() !== '') && !(Number.isInteger(sheet) && (sheet as number) >= 1)) {
    throw new KontinuitetError('BAD_OPTION', `sheet: must be a sheet name or a sheet number ≥ 1, got ${shownValue(sheet)}`);
  }
  if (options.use !== undefined) {
    if (!Array.isArray(options.use)) throw new KontinuitetError('BAD_OPTION', `use: must be a list of column names, got ${shownValue(options.use)}`);
    for (const c of options.use) oneOf('use', c, CANONICAL_COLUMNS);
  }
  if (options.columns !== undefined) {
    if (options.columns === null || typeof options.columns !== 'object') throw new KontinuitetError('BAD_OPTION', `columns: must be an object of column → header, got ${shownValue(options.columns)}`);
    for (const [c, h] of Object.entries(options.columns)) {
      oneOf('columns', c, CANONICAL_COLUMNS);
      if (h !== undefined && typeof h !== 'string') throw new KontinuitetError('BAD_OPTION', `columns.${c}: must be a header name, got ${shownValue(h)}`);
    }
  }
}

/**
 * Checks the engine's settings ({@link EngineSettings}): undefined, or an object of the known
 * settings with values they take; else `BAD_OPTION` naming `engine.<setting>`.
 *
 * @example
 * checkEngineSettings({ threads: 0 }); // throws BAD_OPTION: engine.threads: must be a whole number ≥ 1, got 0
 * checkEngineSettings({ thread: 2 }); // throws BAD_OPTION: engine.thread: not a setting (…)
 */
export function checkEngineSettings(engine: unknown): asserts engine is EngineSettings | undefined {
  if (engine === undefined) return;
  if (engine === null || typeof engine !== 'object' || Array.isArray(engine)) throw new KontinuitetError('BAD_OPTION', `engine: must be an object of settings, got ${shownValue(engine)}`);
  const e = engine as Record<string, unknown>;
  for (const key of Object.keys(e)) {
    if (!(ENGINE_SETTINGS as readonly string[]).includes(key)) throw new KontinuitetError('BAD_OPTION', `engine.${key}: not a setting (the settings: ${ENGINE_SETTINGS.join(', ')})`);
  }
  flag('engine.fastPath', e.fastPath);
  flag('engine.shareEvaluation', e.shareEvaluation);
  wholeNumber('engine.threads', e.threads, 1, Infinity);
  wholeNumber('engine.readUnit', e.readUnit, 1, Infinity);
  wholeNumber('engine.spillRows', e.spillRows, 1, Infinity);
  const ms = e.watchdogMs;
  if (ms !== undefined && !(typeof ms === 'number' && ms > 0)) throw new KontinuitetError('BAD_OPTION', `engine.watchdogMs: must be a number of milliseconds > 0, got ${shownValue(ms)}`);
}

/**
 * Throws `BAD_OPTION` when an option object gives an engine setting at its top level, where the
 * measure's options once took them (`threads: 2`): they live in `engine` now, apart from what is
 * measured (`engine: { threads: 2 }`).
 *
 * @example
 * refuseMovedSettings({ from: '2024-10-01', threads: 2 }); // throws BAD_OPTION: threads: moved to engine.threads
 */
export function refuseMovedSettings(options: object): void {
  for (const key of ENGINE_SETTINGS) {
    if ((options as Record<string, unknown>)[key] !== undefined) throw new KontinuitetError('BAD_OPTION', `${key}: moved to engine.${key}`);
  }
}

/**
 * Throws `BAD_SOURCE` unless `source` is something the reader takes: a path, a `file:` URL, a
 * readable byte stream, or an (async) iterable of rows.
 *
 * @example
 * checkSource(null); // throws BAD_SOURCE
 */
export function checkSource(source: unknown): void {
  if (typeof source === 'string' || source instanceof URL) return;
  if (source !== null && typeof source === 'object') {
    const s = source as Partial<NodeJS.ReadableStream> & Partial<Iterable<unknown>> & Partial<AsyncIterable<unknown>>;
    if (typeof s.pipe === 'function' || typeof s[Symbol.iterator] === 'function' || typeof s[Symbol.asyncIterator] === 'function') return;
  }
  throw new KontinuitetError('BAD_SOURCE', `the visits must be a file path, a file: URL, a readable stream or an (async) iterable of rows, got ${kindOf(source)}`);
}

/**
 * Throws `BAD_SOURCE` unless `visits` is an iterable of visits in memory (not a text: a path
 * goes to the streaming measures, e.g. `measureContinuity`).
 *
 * @example
 * checkVisitList('visits.csv'); // throws BAD_SOURCE: … use measureContinuity for a file
 */
export function checkVisitList(visits: unknown): void {
  if (typeof visits === 'string') throw new KontinuitetError('BAD_SOURCE', 'the visits must be visits in memory (e.g. from readVisits), got a text: read a file with the measure\'s streaming form (measureContinuity, measureStaffing, measureRoutes)');
  if (visits !== null && typeof visits === 'object' && typeof (visits as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') return;
  throw new KontinuitetError('BAD_SOURCE', `the visits must be an iterable of visits or rows (e.g. from readVisits, or a planning system's rows), got ${kindOf(visits)}`);
}

/** What a value is, for a message (never the value itself: it may be an id). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object that is neither a stream nor iterable';
  return `a ${typeof value}`;
}
