/**
 * Arrays made a slice at a time: the engine's and the measures' long lists (a row per client or
 * staff-day) carry this mark, and the JSON writer asks them for one batch at a time.
 *
 * @module
 */

/**
 * Marks an object that stands for an array made a slice at a time (`length`, `slice(from, to)`,
 * and `toJSON()` giving the whole array; optionally `batch`, how many elements to ask for at once,
 * default 256): `writeJson` (outputs/report/json.ts) writes it under a streamed key without ever
 * holding all its elements.
 *
 * @example
 * const rows = { [STREAMED_ROWS]: true, length: 1e6, slice: (a, b) => make(a, b), toJSON: () => make(0, 1e6) };
 */
export const STREAMED_ROWS = Symbol('kontinuitet.streamedRows');

/**
 * An array made a slice at a time ({@link STREAMED_ROWS}).
 *
 * @example
 * const rows: StreamedRows = { [STREAMED_ROWS]: true, length: 2, slice: (a, b) => [1, 2].slice(a, b) };
 */
export interface StreamedRows {
  readonly [STREAMED_ROWS]: true;
  readonly length: number;
  readonly batch?: number;
  slice(from: number, to: number): unknown[];
}

/**
 * Whether a value is an array made a slice at a time.
 *
 * @example
 * isStreamedRows([1, 2]); // → false
 */
export function isStreamedRows(value: unknown): value is StreamedRows {
  return typeof value === 'object' && value !== null && (value as Partial<StreamedRows>)[STREAMED_ROWS] === true;
}

