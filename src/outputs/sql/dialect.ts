/**
 * What the continuity query says differently in DuckDB and in PostgreSQL: the instant of a local
 * time, the first word of a normalised kind, and text compared byte by byte. Everything else in
 * the query (query.ts) is SQL both read alike.
 *
 * @module
 */

/**
 * The SQL dialects {@link continuitySql} writes.
 *
 * @example
 * const dialect: SqlDialect = 'postgres';
 */
export type SqlDialect = 'duckdb' | 'postgres';

/**
 * The names of the dialects.
 *
 * @example
 * SQL_DIALECTS; // → ['duckdb', 'postgres']
 */
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres'];

/** The dialect-specific expressions of the query (each takes SQL expressions, returns one). */
export interface DialectParts {
  /** Epoch milliseconds (BIGINT) of the instant of a local TIMESTAMP in a zone (a quoted literal). */
  epochMs(localTime: string, zone: string): string;
  /** The leading run of `[a-z0-9_]` of a text, `''` when it has none. */
  leadingWord(text: string): string;
  /** A text as it sorts byte by byte (UTF-8: by code point), whatever the database's collation. */
  bytewise(text: string): string;
}

const DUCKDB: DialectParts = {
  // timezone(zone, TIMESTAMP) reads the wall time in the zone (ICU, built into DuckDB's builds)
  epochMs: (t, zone) => `epoch_ms(timezone(${zone}, ${t}))`,
  leadingWord: (text) => `regexp_extract(${text}, '^[a-z0-9_]+')`,
  bytewise: (text) => text, // DuckDB compares text by its bytes unless a default collation is set
};

const POSTGRES: DialectParts = {
  // TIMESTAMP AT TIME ZONE: the timestamptz of that wall time in the zone; its epoch is numeric seconds
  epochMs: (t, zone) => `CAST(FLOOR(EXTRACT(EPOCH FROM ((${t}) AT TIME ZONE ${zone})) * 1000) AS BIGINT)`,
  leadingWord: (text) => `COALESCE(substring(${text} from '^[a-z0-9_]+'), '')`,
  bytewise: (text) => `(${text} COLLATE "C")`,
};

/**
 * The parts of a dialect.
 *
 * @example
 * dialectParts('postgres').bytewise('staff'); // → '(staff COLLATE "C")'
 */
export function dialectParts(dialect: SqlDialect): DialectParts {
  return dialect === 'duckdb' ? DUCKDB : POSTGRES;
}
