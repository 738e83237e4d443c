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
 * One row as a planning system holds it in memory: any object whose keys are headers (canonical,
 * alias or mapped), so interface-typed rows need no index signature.
  *
  * @example
  * await readVisits([{ Brukare: 'C1', Personal: 'S1', Starttid: '2024-10-01 08:00', Sluttid: '2024-10-01 08:30' }]);
 */
export type VisitInput = object;

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
