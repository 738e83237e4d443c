// The counted rows of a client as the evaluation and the measures built on it read them: as
// objects (CountedRow) and in columns (VisitColumns, ClientRows). Types only: the row store, the
// rules and the indices share them without importing one another.

/**
 * Rows in columns for `GatheredRows.group` (rowstore.ts): times, and per row the index of the
 * first row of the same client with the same visit id (the row itself when it is the first), or
 * -1 when the row has no visit id.
 *
 * @example
 * const rows: VisitColumns = { start: Float64Array.of(0, 5), end: Float64Array.of(60, 60), visit: Int32Array.of(0, 0) };
 */
export interface VisitColumns {
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly visit: Int32Array;
}

/** One counted row of a client in a window. */
export interface CountedRow {
  /** Line of the row in the log (`Visit.line`). */
  line: number;
  start: number;
  end: number;
  staff: number;
  /** Staff id text, for the tie-break of the first staff member of a visit. */
  staffId: string;
  visitId: string;
  group: string;
  /** Day of the window (0-based) the row counts on. */
  day: number;
}

/**
 * Counted rows in columns, as the evaluation reads them: a client's rows are a range [a, b).
 * Staff and groups are numbers whose order is the order of their text (ids compared as strings),
 * so ties are broken as on the text.
 *
 * @example
 * const rows: ClientRows = { start, end, visit, staff, group, day }; // one entry per row
 */
export interface ClientRows extends VisitColumns {
  readonly staff: Int32Array;
  readonly group: Int32Array;
  /** Day of the window (0-based) the row counts on. */
  readonly day: Int32Array;
}
