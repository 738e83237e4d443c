/**
 * What the fast path (`./fast.ts`) hands its consumer: the coded columns, the coded row and the
 * sink that numbers text values and takes the rows.
 *
 * @module
 */

import type { Visit } from '../read/types.js';

/** The text columns the fast path hands on as numbers (the contact person is a staff id). */
export type CodedColumn = 'client' | 'staff' | 'group' | 'kind' | 'role';

/**
 * What the fast path hands on for a row (one object, reused): the fields a measure uses, with
 * every repeating text value as the consumer's number for it ({@link CodedSink.code}, asked once
 * per distinct value) and the visit id as ASCII bytes in the read buffer (`''` in `visitId`), or
 * as text when it has other bytes.
 *
 * @example
 * { line: 2, client: 0, staff: 0, group: 0, kind: 1, role: 0, contact: -1, start: 1727762400000, end: 1727764200000,
 *   birthDay: -11000, age: null, visitId: '', bytes: buf, visitFrom: 0, visitTo: 7, places: null }
 */
export interface CodedRow {
  line: number;
  client: number;
  staff: number;
  group: number;
  kind: number;
  role: number;
  /** The contact person's number among staff, or -1 when the row names none. */
  contact: number;
  start: number;
  end: number;
  birthDay: number | null;
  age: number | null;
  /** The visit id as text when it is not in `bytes` (`''`: none, or see `bytes`). */
  visitId: string;
  /** When not null, the visit id is the ASCII bytes [visitFrom, visitTo) of this buffer. */
  bytes: Uint8Array | null;
  visitFrom: number;
  visitTo: number;
  /**
   * When the read uses the place, travel or shift columns: their values (reused), by the slots of
   * `./places.ts` (`LAT`, `LON`, `TRAVEL_MINUTES`, `TRAVEL_KM`, `SHIFT_START`, `SHIFT_END`), NaN
   * for an empty field; else null.
   */
  places: Float64Array | null;
}

/**
 * The consumer of the fast path: numbers the text values it keeps, takes coded rows, and takes
 * the rows the fast path hands to the general converter as {@link Visit}s.
 *
 * @example
 * const sink: CodedSink = { wantsContact: false, code: (column, text) => names.id(text), addCoded: (row) => acc.addCoded(row), addVisit: (v) => acc.add(v) };
 */
export interface CodedSink {
  /** Whether rows should carry the contact person (else `contact` is -1). */
  readonly wantsContact: boolean;
  /**
   * The consumer's number for a text value of a column (a whole number ≥ 0 below 2³¹). `fresh` is true when the reader knows no
   * text equal to this one was asked before for the column (its bytes are new to the reader and
   * plain ASCII, so no other bytes decode to the same text) and the consumer has seen nothing
   * but this reader: it may then number it without looking it up.
   */
  code(column: CodedColumn, text: string, fresh?: boolean): number;
  /**
   * The consumer's number for a fresh value ({@link CodedSink.code} with `fresh` true) given as
   * its ASCII bytes [a, b) of `buf` (each byte one code unit of its text), so that no string need
   * be made. Optional: without it, `code` gets the text.
   */
  codeAscii?(column: CodedColumn, buf: Uint8Array, a: number, b: number): number;
  addCoded(row: CodedRow): void;
  addVisit(visit: Visit): void;
}
