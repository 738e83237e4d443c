/**
 * The roster the planner may take (`--roster FILE`, option `roster`): one row per shift of a staff
 * member. Columns (headers matched as the visit reader matches them, Swedish aliases included):
 * `staff_id`, `date` (YYYY-MM-DD; also `day`, `datum`, `dag`), `shift_start` and `shift_end`
 * (HH:MM on that date, or a full local date-time; an end at or before the start on the same
 * date is the next day, so 22:00–07:00 is a night shift; 24:00 is the next midnight), and the
 * optional `group` and `role`. Every row is used or rejected with its line, column and a stable
 * code; messages never show a cell.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { KontinuitetError, type RowIssue, type RowIssueCode } from '../errors.js';
import { CsvTokenizer, detectDelimiter } from '../read/csv.js';
import { HEADER_ALIASES, normaliseHeader } from '../read/columns.js';
import { trimmed } from '../read/row.js';
import { civilFromDays } from '../windows/civil.js';
import { parseDay, parseTimestamp, type TimeParseFailure } from '../windows/parse.js';
import { LocalZone } from '../windows/zone.js';
import { DEFAULT_ZONE } from '../read/read.js';

/**
 * One shift of the roster: a staff member is available from `start` to `end` (epoch ms).
 *
 * @example
 * const s: RosterShift = { line: 2, staff: 'S1', start: 1727758800000, end: 1727787600000, group: 'Norr', role: 'undersköterska' };
 */
export interface RosterShift {
  /** 1-based line of the roster file (or position of the row in memory). */
  line: number;
  staff: string;
  start: number;
  end: number;
  /** `''` when the roster has no group for the shift. */
  group: string;
  /** `''` when the roster has no role for the shift. */
  role: string;
}

/**
 * What became of the roster's rows: `rows = used + rejected`; every rejected row is in `issues`
 * (line, column, stable code; never a cell's text).
 *
 * @example
 * const l: RosterLedger = { rows: 40, used: 39, rejected: 1, issues: [{ line: 7, column: 'shift_end', code: 'time_format', message: 'roster line 7, column shift_end: is not a time (HH:MM or YYYY-MM-DD HH:MM)' }] };
 */
export interface RosterLedger {
  rows: number;
  used: number;
  rejected: number;
  issues: RowIssue[];
}

/**
 * A roster: a CSV file's path, or rows in memory keyed by the column names or their aliases
 * (`{ staff_id: 'S1', date: '2024-10-01', shift_start: '07:00', shift_end: '15:30' }`).
 *
 * @example
 * const r: RosterSource = [{ Personal: 'S1', Datum: '2024-10-01', Passtart: '07:00', Passlut: '15:30' }];
 */
export type RosterSource = string | readonly Record<string, unknown>[];

const COLUMNS = ['staff_id', 'date', 'shift_start', 'shift_end', 'group', 'role'] as const;
type RosterColumn = (typeof COLUMNS)[number];

const ALIASES: Record<RosterColumn, readonly string[]> = {
  staff_id: HEADER_ALIASES.staff_id,
  date: ['date', 'day', 'datum', 'dag', 'shift_date', 'passdatum', 'arbetsdag'],
  shift_start: [...HEADER_ALIASES.shift_start, 'start', 'starttid', 'fran', 'borjar', 'shift_from', 'from'],
  shift_end: [...HEADER_ALIASES.shift_end, 'end', 'sluttid', 'slut', 'till', 'slutar', 'shift_to', 'to'],
  group: HEADER_ALIASES.group,
  role: HEADER_ALIASES.staff_role,
};

const HHMM = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;

/**
 * Reads a roster (a file or rows in memory). Times are local to `zone` (an IANA name; default
 * Europe/Stockholm); a file is read as UTF-8 or, with `encoding` `'latin1'`, as Windows-1252 (as
 * the visit reader reads its file).
 *
 * @example
 * const { shifts, ledger } = await readRoster('roster.csv');
 * ledger.used; // → rows that became shifts
 */
export async function readRoster(source: RosterSource, zone: string = DEFAULT_ZONE, encoding: 'utf8' | 'latin1' = 'utf8'): Promise<{ shifts: RosterShift[]; ledger: RosterLedger }> {
  if (typeof source === 'string') {
    let text: string;
    try {
      text = new TextDecoder(encoding === 'latin1' ? 'windows-1252' : 'utf-8').decode(await readFile(source));
    } catch (e) {
      throw new KontinuitetError('UNREADABLE_INPUT', `roster: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return parseRoster(text, zone);
  }
  if (!Array.isArray(source)) throw new KontinuitetError('BAD_OPTION', 'roster: must be a file path or an array of rows');
  const headers = [...new Set(source.flatMap((r) => (r !== null && typeof r === 'object' ? Object.keys(r) : [])))];
  const rows = source.map((r) => headers.map((h) => cellText((r as Record<string, unknown>)?.[h])));
  return rosterRows(headers, rows.map((fields, k) => ({ fields, line: k + 1 })), new LocalZone(zone));
}

/**
 * Parses a roster's CSV text (delimiter `;`, tab or `,` as its header shows; a byte-order mark is
 * dropped). Times are local to `zone` (an IANA name; default Europe/Stockholm).
 *
 * @example
 * const { shifts } = parseRoster('staff_id;date;shift_start;shift_end\nS1;2024-10-01;22:00;07:00\n');
 * shifts[0].end - shifts[0].start; // → 32400000 (9 hours: the shift ends 07:00 the next day)
 */
export function parseRoster(text: string, zoneName: string = DEFAULT_ZONE): { shifts: RosterShift[]; ledger: RosterLedger } {
  const zone = new LocalZone(zoneName);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const delimiter = detectDelimiter(body.split(/\r\n|\r|\n/, 1)[0]!);
  let headers: string[] | null = null;
  const rows: { fields: string[]; line: number; malformed: boolean }[] = [];
  const tokenizer = new CsvTokenizer(delimiter, (fields, line, malformed) => {
    if (headers === null) headers = fields;
    else rows.push({ fields, line, malformed });
  });
  tokenizer.push(body);
  tokenizer.end();
  if (headers === null) throw new KontinuitetError('EMPTY_INPUT', 'roster: the file has no header row');
  return rosterRows(headers, rows, zone);
}

function rosterRows(headers: readonly string[], rows: readonly { fields: string[]; line: number; malformed?: boolean }[], zone: LocalZone): { shifts: RosterShift[]; ledger: RosterLedger } {
  const index = rosterColumns(headers);
  const shifts: RosterShift[] = [];
  const issues: RowIssue[] = [];
  for (const { fields, line, malformed } of rows) {
    const r = malformed ? issue(line, null, 'bad_quote', 'a quoted field is not closed') : rosterRow(fields, line, index, headers.length, zone);
    if ('code' in r) issues.push(r);
    else shifts.push(r);
  }
  return { shifts, ledger: { rows: rows.length, used: shifts.length, rejected: issues.length, issues } };
}

/** Where each roster column sits; `MISSING_COLUMN` without staff_id, shift_start or shift_end. */
function rosterColumns(headers: readonly string[]): Record<RosterColumn, number> {
  const normal = headers.map(normaliseHeader);
  const index = Object.fromEntries(COLUMNS.map((c) => [c, normal.findIndex((h) => ALIASES[c].includes(h))])) as Record<RosterColumn, number>;
  const missing = (['staff_id', 'shift_start', 'shift_end'] as const).filter((c) => index[c] < 0);
  if (missing.length > 0) {
    throw new KontinuitetError('MISSING_COLUMN', `roster: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the roster needs staff_id, date, shift_start, shift_end; group and role optional)`, { missing });
  }
  return index;
}

function rosterRow(f: readonly string[], line: number, ix: Record<RosterColumn, number>, width: number, zone: LocalZone): RosterShift | RowIssue {
  if (f.length !== width) return issue(line, null, 'field_count', `has ${f.length} fields, the header has ${width}`);
  const cell = (c: RosterColumn) => (ix[c] < 0 ? '' : trimmed(f[ix[c]]));
  const staff = cell('staff_id');
  if (staff === '') return issue(line, 'staff_id', 'missing_value', 'is empty');
  const dateText = cell('date');
  const day = dateText === '' ? null : parseDay(dateText);
  if (day !== null && Number.isNaN(day)) return issue(line, 'date', 'bad_date', 'is not a YYYY-MM-DD date');
  const start = shiftTime(cell('shift_start'), day, 'shift_start', line, zone);
  if (typeof start !== 'number') return start;
  let end = shiftTime(cell('shift_end'), day, 'shift_end', line, zone);
  if (typeof end !== 'number') return end;
  // a clock time at or before the start on the same date ends the next day (a night shift)
  if (end <= start && day !== null && HHMM.test(cell('shift_end'))) {
    const next = shiftTime(cell('shift_end'), day + 1, 'shift_end', line, zone);
    if (typeof next !== 'number') return next;
    end = next;
  }
  if (!(end > start)) return issue(line, 'shift_end', 'end_before_start', 'is not after the shift start');
  if (end - start > DAY_MS) return issue(line, 'shift_end', 'time_implausible', 'makes a shift longer than 24 hours');
  return { line, staff, start, end, group: cell('group'), role: cell('role') };
}

/** A shift time: HH:MM on `day` (24:00 is the next midnight), or a full date-time. */
function shiftTime(text: string, day: number | null, column: RosterColumn, line: number, zone: LocalZone): number | RowIssue {
  if (text === '') return issue(line, column, 'missing_value', 'is empty');
  const failure: TimeParseFailure = { code: 'time_format', why: '' };
  const clock = HHMM.exec(text);
  if (clock === null) {
    const t = parseTimestamp(text, zone, failure);
    return Number.isNaN(t) ? issue(line, column, failure.code, 'is not a time (HH:MM or YYYY-MM-DD HH:MM)') : t;
  }
  if (day === null) return issue(line, 'date', 'missing_value', `is empty: a clock time in ${column} needs the date`);
  const hour = Number(clock[1]), minute = Number(clock[2]);
  const midnight = hour === 24 && minute === 0 && clock[3] === undefined;
  const at = midnight ? `${civilFromDays(day + 1)} 00:00` : `${civilFromDays(day)} ${clock[1]!.padStart(2, '0')}:${clock[2]}${clock[3] === undefined ? '' : `:${clock[3]}`}`;
  const t = parseTimestamp(at, zone, failure);
  return Number.isNaN(t) ? issue(line, column, failure.code, failure.code === 'time_nonexistent' ? 'falls in a daylight-saving gap' : 'is not a time of day (00:00–24:00)') : t;
}

function issue(line: number, column: string | null, code: RowIssueCode, what: string): RowIssue {
  return { line, column, code, message: `roster line ${line}${column === null ? '' : `, column ${column}`}: ${what}` };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString();
  return typeof v === 'string' || typeof v === 'number' ? String(v) : 'invalid';
}
