/**
 * kontinuitet: staff continuity, double staffing and route efficiency from home-care visit logs.
 * @packageDocumentation
 */
export { KontinuitetError, type ErrorCode, type RowIssue, type RowIssueCode } from './errors.js';
export { readVisits, scanVisits, DEFAULT_ZONE } from './visits/read.js';
export type { Visit, ReadLedger, ReadOptions, VisitInput, VisitSource } from './visits/types.js';
export { CANONICAL_COLUMNS, HEADER_ALIASES, REQUIRED_COLUMNS, normaliseHeader, resolveColumns, type CanonicalColumn } from './visits/columns.js';
export { detectDelimiter } from './visits/csv.js';
export { pseudonymiser } from './visits/pseudonymise.js';
export { LocalZone } from './time/zone.js';
export { parseTimestamp, parseDay } from './time/parse.js';
export * from './indices/index.js';
