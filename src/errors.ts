import { bounded, safeText } from './safe-text.js';

/**
 * Stable codes for failures that stop a run (as opposed to bad rows, which become {@link RowIssue}s).
 *
 * - `MISSING_COLUMN`: a required column is not in the header.
 * - `UNREADABLE_INPUT`: the file or stream cannot be read (missing file, permission, bad encoding name).
 * - `EMPTY_INPUT`: the input has no header row.
 * - `BAD_ROW`: a row was rejected and the `onError: 'stop'` policy is in force.
 * - `BAD_OPTION`: an option has a value the library cannot use (unknown zone, bad date, …).
 * - `BAD_SOURCE`: what was passed as visits is neither a path, a stream, nor rows (e.g. `null`, a number).
 * - `STALLED`: the engine made no progress for longer than its watchdog allows; the run was stopped
 *   rather than left waiting.
 * - `BAD_VISIT`: a call of the live tracker (`ContinuityTracker`) names a visit it does not hold,
 *   adds a visit id it holds already, assigns a staff member already at the visit or unassigns one
 *   who is not, or gives a visit it cannot use (no id or client, a time that is not a number, an
 *   end not after the start).
  *
  * @example
  * if (e instanceof KontinuitetError && e.code === 'MISSING_COLUMN') console.error(e.message);
 */
export type ErrorCode =
  | 'MISSING_COLUMN'
  | 'UNREADABLE_INPUT'
  | 'EMPTY_INPUT'
  | 'BAD_ROW'
  | 'BAD_OPTION'
  | 'BAD_SOURCE'
  | 'STALLED'
  | 'BAD_VISIT';

/**
 * The one error class of the library. `code` is stable and meant for programs to match on;
 * `message` is for people: one line of at most 300 characters (a longer one is cut and ends in
 * `…`), with control and bidi characters shown as visible stand-ins, so it prints safely to a
 * terminal or a CI log. Messages never contain client or staff ids.
 *
 * @example
 * try { await readVisits('missing.csv'); }
 * catch (e) { if (e instanceof KontinuitetError) console.log(e.code); } // → 'UNREADABLE_INPUT'
 */
export class KontinuitetError extends Error {
  override readonly name = 'KontinuitetError';
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** Extra facts (e.g. the missing columns), never ids nor header cells that may be data. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(bounded(safeText(message)));
    this.code = code;
    this.details = details;
  }
}

/**
 * Stable codes for rejected rows.
 * - `field_count`: the row has a different number of fields than the header.
 * - `missing_value`: a required field is empty.
 * - `time_format`: a time is not `YYYY-MM-DD[T ]HH:mm[:ss[.sss]]` with optional `Z`/`±HH:MM`.
 * - `time_out_of_range`: a date or time that does not exist on the calendar (2024-02-31, 24:00, 12:61).
 * - `time_nonexistent`: a local time inside a daylight-saving gap (02:30 on the last Sunday of March in Sweden).
 * - `end_before_start`: the end is not after the start.
 * - `time_implausible`: a real calendar time outside the plausible range (placeholders such as
 *   9999-12-31 or 0001-01-01; the range is an option).
 * - `visit_too_long`: the visit lasts longer than the longest plausible visit (an option).
 * - `bad_number`: a numeric field (lat, lon, age, travel) is not a number or out of range.
 * - `bad_date`: a birth date is not a valid `YYYY-MM-DD` date.
 * - `bad_quote`: a quoted field has characters after its closing quote, or is never closed.
 * - `bad_value`: a value of an in-memory row has a type that cannot be read (e.g. an object as an id).
  *
  * @example
  * ledger.rejectedByCode.time_out_of_range; // → rows with dates such as 2024-02-31
 */
export type RowIssueCode =
  | 'field_count'
  | 'missing_value'
  | 'time_format'
  | 'time_out_of_range'
  | 'time_nonexistent'
  | 'end_before_start'
  | 'time_implausible'
  | 'visit_too_long'
  | 'bad_number'
  | 'bad_date'
  | 'bad_quote'
  | 'bad_value';

/**
 * One rejected row. `line` is the 1-based line in the file where the row starts (for in-memory
 * sources: the 1-based position of the object); `column` is the canonical column name (or `null`
 * when the whole row is at fault). The message never contains client or staff ids.
 *
 * @example
 * { line: 12, column: 'start', code: 'time_out_of_range', message: 'line 12, column start: 2024-02-31 is not a calendar date' }
 */
export interface RowIssue {
  line: number;
  column: string | null;
  code: RowIssueCode;
  message: string;
}
