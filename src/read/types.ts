import type { RowIssue, RowIssueCode } from '../errors.js';
import type { CanonicalColumn } from './columns.js';
import type { ProgressEvent } from '../progress.js';

/**
 * One row of a visit log: one staff member at one visit. Times are epoch milliseconds (UTC
 * instants); absent optional text fields are `''`, absent numbers `null`.
 *
 * @example
 * { line: 2, visitId: 'V1', client: 'C1', staff: 'S1', start: 1727766000000, end: 1727767800000,
 *   kind: 'omvårdnad', group: 'Norr', birthDay: -11000, age: null, staffRole: '', contactStaff: 'S1',
 *   lat: 62.4, lon: 15.6, travelMinutes: null, travelKm: null, shiftStart: null, shiftEnd: null }
 */
export interface Visit {
  /** 1-based line where the row starts (an Excel sheet: the sheet row; object sources: 1-based position). */
  line: number;
  /** Visit id; `''` when the log has none (visits are then grouped by overlap). */
  visitId: string;
  client: string;
  staff: string;
  start: number;
  end: number;
  /** Kind of service (insats), as written; `''` when absent. */
  kind: string;
  group: string;
  /** Client's birth date as a day number (days since 1970-01-01), or null. */
  birthDay: number | null;
  /** Client's age in whole years as given in the log, or null. */
  age: number | null;
  staffRole: string;
  contactStaff: string;
  lat: number | null;
  lon: number | null;
  /** Logged travel leg that led to this visit. */
  travelMinutes: number | null;
  travelKm: number | null;
  shiftStart: number | null;
  shiftEnd: number | null;
}

/**
 * What happened to every input row: `read = used + rejected`, always. Rejected rows are listed
 * in `issues` (the first `maxIssues`; the rest only counted in `issuesOmitted` and `rejectedByCode`).
 *
 * @example
 * { read: 3, used: 2, rejected: 1, rejectedByCode: { time_out_of_range: 1 }, issues: [ … ], issuesOmitted: 0,
 *   blankLines: 0, delimiter: ';', columns: { client_id: 'Brukare', … }, warnings: [] }
 */
export interface ReadLedger {
  read: number;
  used: number;
  rejected: number;
  rejectedByCode: Partial<Record<RowIssueCode, number>>;
  issues: RowIssue[];
  issuesOmitted: number;
  /** Empty lines in a CSV file, or empty rows of a sheet (not rows, not counted in `read`). */
  blankLines: number;
  /** Delimiter used (`null` for in-memory rows). */
  delimiter: string | null;
  /** Which input header fed each canonical column present. */
  columns: Partial<Record<CanonicalColumn, string>>;
  /** The sheet read, for an Excel workbook (absent for CSV text and rows in memory). */
  sheet?: string;
  /**
   * What the reader warns of, e.g. `'the file has a header but no rows'` (a file whose header
   * was read but which gives no row: used + rejected = 0). Also passed to `onWarning`.
   */
  warnings: string[];
}

/**
 * A time in a row in memory: a `Date` (an instant), a number of epoch milliseconds (an instant),
 * or a text as in a CSV file (`YYYY-MM-DD HH:mm[:ss]`, local to `zone`, or with `Z` / `±HH:MM`).
 * An Invalid Date, NaN or a number beyond a Date's range rejects the row as `time_format`.
 *
 * @example
 * const t: TimeValue = new Date('2024-10-01T08:00:00+02:00'); // or 1727762400000, or '2024-10-01 08:00'
 */
export type TimeValue = Date | number | string | null | undefined;

/**
 * One visit row as a planning system holds it in memory: one staff member at one visit, keyed by
 * the canonical column names (`client_id`, `staff_id`, `start`, `end`, …) or by their camelCase
 * spellings (`clientId`, `staffId`, `visitId`, `clientBirthDate` or `birthDate`, `clientAge`,
 * `staffRole`, `contactStaffId`, `travelMinutes`, `travelKm`, `shiftStart`, `shiftEnd`). Ids are
 * texts or numbers; times are {@link TimeValue}s (`Date`, epoch ms or text); the birth date a
 * `YYYY-MM-DD` text or a `Date` (the local day in `zone` that holds it); numbers may be texts with
 * a decimal comma. `null`, `undefined` or a missing key is an empty cell. The required columns
 * are client, staff, start and end; a row without one is rejected as `missing_value` (the first
 * row names the columns: without a key for one, the read stops with `MISSING_COLUMN`).
 *
 * Rows keyed otherwise (Swedish export headers such as `Brukare`, `Personal`, `Starttid`, or a
 * `columns` mapping) are read as well: every function that takes rows takes any object
 * ({@link VisitInput}); this type is for a planning system that wants its rows checked by the
 * compiler.
 *
 * @example
 * const rows: VisitRowInput[] = plan.visits.map((v) => ({
 *   visitId: v.id, clientId: v.client.id, staffId: v.carer.id,
 *   start: v.plannedStart, end: v.plannedEnd, // Date objects
 *   kind: v.service, group: v.team, birthDate: v.client.birthDate, staffRole: v.carer.role,
 * }));
 * const result = continuity(rows, { from: new Date('2024-10-07') });
 */
export interface VisitRowInput {
  visit_id?: string | number | null;
  visitId?: string | number | null;
  client_id?: string | number | null;
  clientId?: string | number | null;
  staff_id?: string | number | null;
  staffId?: string | number | null;
  start?: TimeValue;
  end?: TimeValue;
  kind?: string | null;
  group?: string | null;
  client_birth_date?: string | Date | null;
  clientBirthDate?: string | Date | null;
  birthDate?: string | Date | null;
  client_age?: number | string | null;
  clientAge?: number | string | null;
  staff_role?: string | null;
  staffRole?: string | null;
  contact_staff_id?: string | number | null;
  contactStaffId?: string | number | null;
  lat?: number | string | null;
  lon?: number | string | null;
  travel_minutes?: number | string | null;
  travelMinutes?: number | string | null;
  travel_km?: number | string | null;
  travelKm?: number | string | null;
  shift_start?: TimeValue;
  shiftStart?: TimeValue;
  shift_end?: TimeValue;
  shiftEnd?: TimeValue;
}

/**
 * One row in memory as the library takes it: a {@link VisitRowInput} (canonical or camelCase
 * keys), or any object whose keys are headers (aliases such as `Brukare`, or mapped by
 * `columns`), so interface-typed rows need no index signature.
 *
 * @example
 * await readVisits([{ Brukare: 'C1', Personal: 'S1', Starttid: '2024-10-01 08:00', Sluttid: '2024-10-01 08:30' }]);
 * await readVisits([{ clientId: 'C1', staffId: 'S1', start: new Date('2024-10-01T06:00Z'), end: 1727764200000 }]);
 */
export type VisitInput = VisitRowInput | object;

/**
 * Where visits come from: a file path (or `file:` URL), a Node readable byte stream, or an
 * (async) iterable of plain objects.
  *
  * @example
  * await readVisits(process.stdin); // or a path, a file: URL, or rows in memory
 */
export type VisitSource = string | URL | NodeJS.ReadableStream | Iterable<VisitInput> | AsyncIterable<VisitInput>;

/**
 * Options for reading a visit log. Every option has a default.
 *
 * @example
 * await readVisits('export.csv', { encoding: 'latin1', delimiter: ';', columns: { client_id: 'Kundnr' }, onError: 'stop' });
 */
export interface ReadOptions {
  /** IANA zone of times without offset. Default `'Europe/Stockholm'`. */
  zone?: string;
  /** Field delimiter; default: detected from the header line (`;`, tab or `,`). */
  delimiter?: ',' | ';' | '\t';
  /** Text encoding of a file or byte stream: `'utf8'` (default, BOM allowed) or `'latin1'` (Windows-1252). */
  encoding?: 'utf8' | 'latin1';
  /**
   * The sheet of an Excel workbook (.xlsx) to read: its name (exact, else ignoring case), or its
   * position in the workbook, 1-based. Default: the first sheet. Not used for CSV text.
   */
  sheet?: string | number;
  /** Explicit header for canonical columns, e.g. `{ client_id: 'Kundnr' }`; wins over aliases. */
  columns?: Partial<Record<CanonicalColumn, string>>;
  /** `'collect'` (default): reject bad rows and go on; `'stop'`: throw `BAD_ROW` at the first. */
  onError?: 'collect' | 'stop';
  /** How many issues to list; the rest are counted. Default 1000. */
  maxIssues?: number;
  /**
   * The optional columns to read and check (default: all present). A column left out is not
   * parsed, so a bad value in it does not reject the row: a measure asks only for what it uses.
   * The required columns (client_id, staff_id, start, end) are always read.
   */
  use?: readonly CanonicalColumn[];
  /** Called with each warning of the reader as it is found (they are also in the ledger's `warnings`), e.g. to print them. */
  onWarning?: (message: string) => void;
  /**
   * Called as long work goes on: the bytes of a file read, the phase after it (evaluating the
   * clients, searching routes, writing a report), e.g. to show a progress line. It changes no figure.
   */
  onProgress?: (event: ProgressEvent) => void;
  /** Replace client and staff ids by a keyed hash (HMAC-SHA-256, hex, truncated to `length`, default 16). */
  pseudonymise?: { key: string; length?: number };
  /**
   * First local date of plausible times, `YYYY-MM-DD` (default `'1990-01-01'`). A start, end,
   * shift start or shift end before it rejects the row as `time_implausible` (placeholders such
   * as 0001-01-01 or 1900-01-01).
   */
  plausibleFrom?: string;
  /**
   * First local date no longer plausible, `YYYY-MM-DD`, exclusive (default `'2100-01-01'`): a time
   * on or after it rejects the row as `time_implausible` ("no end date" placeholders such as 9999-12-31).
   */
  plausibleTo?: string;
  /** Longest plausible visit in hours (default 24); a longer one (end − start) is rejected as `visit_too_long`. */
  maxVisitHours?: number;
}
