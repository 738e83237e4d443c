import type { RowIssue, RowIssueCode } from '../errors.js';
import { civilFromDays } from '../windows/civil.js';
import type { LocalZone } from '../windows/zone.js';
import { aliasOf, CANONICAL_COLUMNS, normaliseHeader, REQUIRED_COLUMNS, resolveColumns, type CanonicalColumn } from './columns.js';
import type { TimeLimits } from './plausible.js';
import { RowConverter } from './row.js';
import type { ReadOptions, Visit } from './types.js';

/** The largest |epoch ms| a JavaScript Date holds. */
const MAX_DATE_MS = 8.64e15;

/** Columns whose values are instants. */
const TIME_COLUMNS: ReadonlySet<CanonicalColumn> = new Set(['start', 'end', 'shift_start', 'shift_end']);

/**
 * Why an in-memory value cannot be read as its column's text: the row issue's code and what is
 * wrong (never the value: it may be an id).
 *
 * @example
 * const f: CellFailure = { code: 'time_format', why: 'is an Invalid Date' };
 */
export interface CellFailure {
  code: RowIssueCode;
  why: string;
}

/**
 * The text the reader parses for an in-memory value of `column` (the text a CSV file would hold):
 * strings as they are; `null` and `undefined` empty; numbers and booleans printed. In a time
 * column (`start`, `end`, `shift_start`, `shift_end`) a `Date` or a number of epoch milliseconds
 * is that instant (an ISO text with `Z`); in `client_birth_date` a `Date` is the local calendar
 * day in `zone` that holds its instant (as the measure's `from`). What cannot be read is a
 * {@link CellFailure}: an Invalid Date (`time_format` in a time column, `bad_date` in the birth
 * date, else `bad_value`), a number that is not a time (NaN, ±Infinity, beyond a Date's range:
 * `time_format`), any other object (`bad_value`).
 *
 * @example
 * cellText(Date.UTC(2024, 9, 1, 6), 'start', zone); // → '2024-10-01T06:00:00.000Z'
 * cellText(new Date(Number.NaN), 'start', zone); // → { code: 'time_format', why: 'is an Invalid Date' }
 */
export function cellText(v: unknown, column: CanonicalColumn, zone: LocalZone): string | CellFailure {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  const isTime = TIME_COLUMNS.has(column);
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) return { code: isTime ? 'time_format' : column === 'client_birth_date' ? 'bad_date' : 'bad_value', why: 'is an Invalid Date' };
    return column === 'client_birth_date' ? civilFromDays(zone.localDay(t)) : v.toISOString();
  }
  if (typeof v === 'number') {
    if (!isTime) return String(v);
    return Number.isFinite(v) && Math.abs(v) <= MAX_DATE_MS
      ? new Date(v).toISOString()
      : { code: 'time_format', why: 'is not a time: a number must be epoch milliseconds within the range of a Date' };
  }
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return { code: 'bad_value', why: 'has a value of a type that cannot be read' };
}

/** The issue of a row at `line` whose `column` cannot be read. */
function failed(line: number, column: string, f: CellFailure): RowIssue {
  return { line, column, code: f.code, message: `line ${line}, column ${column}: ${f.why}` };
}

/**
 * Reads rows in memory (objects, as a planning system holds its visits) as the reader reads the
 * lines of a file: the first object's keys are the header (canonical names, their camelCase
 * spellings, Swedish and English aliases, or `columns`; a required column missing is
 * `MISSING_COLUMN`), a key first seen later is read by its alias, each value is read by
 * {@link cellText} and the row converted and checked as a CSV row ({@link RowConverter}). Only
 * the required columns and those in `use` are read. Lines are the 1-based positions given.
 *
 * @example
 * const rows = new ObjectRowReader(zone, {}, null, timeLimits({}, zone));
 * rows.read({ clientId: 'C1', staffId: 'S1', start: new Date('2024-10-01T06:00Z'), end: '2024-10-01 08:30' }, 1); // → a Visit
 * rows.columns; // → { client_id: 'clientId', staff_id: 'staffId', start: 'start', end: 'end' }
 */
export class ObjectRowReader {
  /** Which key fed each canonical column, by the first object (as a ledger's `columns`). */
  columns: Partial<Record<CanonicalColumn, string>> = {};
  private converter: RowConverter | null = null;
  /** Key → index of its canonical column, -1 for a key that is none (or a column not read). */
  private readonly keyToColumn = new Map<string, number>();
  private readonly explicit: ReadonlySet<string>;
  private readonly used: ReadonlySet<CanonicalColumn>;

  constructor(
    private readonly zone: LocalZone,
    private readonly options: Pick<ReadOptions, 'columns' | 'use'>,
    private readonly mapId: ((id: string) => string) | null,
    private readonly limits: TimeLimits,
  ) {
    this.explicit = new Set(Object.values(options.columns ?? {}).filter((h): h is string => h !== undefined).map(normaliseHeader));
    this.used = new Set(options.use === undefined ? CANONICAL_COLUMNS : [...REQUIRED_COLUMNS, ...options.use]);
  }

  /** One row at `position`: the visit, or the issue that rejects it. The first row sets the header. */
  read(item: unknown, position: number): Visit | RowIssue {
    const converter = this.converter ?? this.start(item);
    if (item === null || typeof item !== 'object') return { line: position, column: null, code: 'bad_value', message: `line ${position}: is not an object` };
    const fields = new Array<string>(CANONICAL_COLUMNS.length).fill('');
    const record = item as Readonly<Record<string, unknown>>;
    for (const key in record) {
      let at = this.keyToColumn.get(key);
      if (at === undefined) {
        // a key the first object did not have: an alias of a canonical column, or nothing
        const column = this.explicit.has(normaliseHeader(key)) ? undefined : aliasOf(key);
        at = column === undefined || !this.used.has(column) ? -1 : CANONICAL_COLUMNS.indexOf(column);
        this.keyToColumn.set(key, at);
      }
      if (at < 0) continue;
      const column = CANONICAL_COLUMNS[at]!;
      const text = cellText(record[key], column, this.zone);
      if (typeof text !== 'string') return failed(position, column, text);
      fields[at] = text;
    }
    return converter.convert(fields, position);
  }

  /** Takes the first object's keys as the header. */
  private start(first: unknown): RowConverter {
    const headers = Object.keys(first ?? {});
    const index = resolveColumns(headers, this.options.columns);
    for (const c of CANONICAL_COLUMNS) {
      const i = index[c];
      if (i >= 0) {
        this.columns[c] = headers[i]!.replace(/^\uFEFF/, '').trim();
        this.keyToColumn.set(headers[i]!, this.used.has(c) ? CANONICAL_COLUMNS.indexOf(c) : -1);
      }
    }
    const identity = Object.fromEntries(CANONICAL_COLUMNS.map((c, i) => [c, this.used.has(c) ? i : -1])) as Record<CanonicalColumn, number>;
    this.converter = new RowConverter(identity, 0, this.zone, this.mapId, this.limits);
    return this.converter;
  }
}
