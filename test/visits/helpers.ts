import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { DateTime } from 'luxon';
import { expect } from 'vitest';
import { KontinuitetError, type ErrorCode, type RowIssueCode } from '../../src/errors.js';
import { readVisits } from '../../src/read/read.js';
import type { ReadLedger, ReadOptions, Visit } from '../../src/read/types.js';

/** Absolute path of a fixture in test/fixtures/visits/. */
export function fixture(name: string): string {
  return new URL(`../fixtures/visits/${name}`, import.meta.url).pathname;
}

/** Raw bytes of a fixture. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(fixture(name));
}

/** A Node readable stream over the given bytes, cut into chunks of the given sizes (the last chunk takes the rest). */
export function chunkedStream(bytes: Uint8Array, sizes: readonly number[] = []): Readable {
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= bytes.length) break;
    chunks.push(Buffer.from(bytes.subarray(at, at + Math.max(1, size))));
    at += Math.max(1, size);
  }
  if (at < bytes.length) chunks.push(Buffer.from(bytes.subarray(at)));
  return Readable.from(chunks);
}

/** A Node readable stream of 1-byte chunks. */
export function byteByByte(bytes: Uint8Array): Readable {
  return chunkedStream(bytes, new Array<number>(bytes.length).fill(1));
}

/** Reads CSV text (UTF-8) through a byte stream. */
export function readText(text: string, options: ReadOptions = {}): ReturnType<typeof readVisits> {
  return readVisits(Readable.from([Buffer.from(text, 'utf8')]), options);
}

/** Epoch ms of a local wall time `yyyy-MM-dd HH:mm[:ss]` in a zone, by luxon (the independent method). */
export function luxonLocal(text: string, zone: string): DateTime {
  const fmt = text.length > 16 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm';
  return DateTime.fromFormat(text.replace('T', ' '), fmt, { zone });
}

/** True when luxon keeps the wall time as written, i.e. it exists in the zone (not in a DST gap). */
export function existsInZone(text: string, zone: string): boolean {
  const dt = luxonLocal(text, zone);
  return dt.isValid && dt.toFormat(text.length > 16 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm') === text.replace('T', ' ');
}

/** Compact view of the issues: `[line, column, code]`. */
export function issueTriples(ledger: ReadLedger): [number, string | null, RowIssueCode][] {
  return ledger.issues.map((i) => [i.line, i.column, i.code]);
}

/** Checks the ledger identity and that every issue message names its line (and column). */
export function expectConsistentLedger(ledger: ReadLedger): void {
  expect(ledger.read).toBe(ledger.used + ledger.rejected);
  const byCode = Object.values(ledger.rejectedByCode).reduce((a, n) => a + (n ?? 0), 0);
  expect(byCode).toBe(ledger.rejected);
  expect(ledger.issues.length + ledger.issuesOmitted).toBe(ledger.rejected);
  for (const issue of ledger.issues) {
    expect(issue.message).toContain(`line ${issue.line}`);
    if (issue.column !== null) expect(issue.message).toContain(`column ${issue.column}`);
  }
}

/** Awaits a promise that must reject with a KontinuitetError of the given code; returns the error. */
export async function expectKontinuitetError(p: Promise<unknown>, code: ErrorCode): Promise<KontinuitetError> {
  let caught: unknown = null;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a KontinuitetError ${code}`).toBeInstanceOf(KontinuitetError);
  const error = caught as KontinuitetError;
  expect(error.code).toBe(code);
  expect(error.name).toBe('KontinuitetError');
  return error;
}

/** A visit without its `line` (for comparing reads of the same data from sources that number rows differently). */
export function withoutLine(v: Visit): Omit<Visit, 'line'> {
  const { line: _line, ...rest } = v;
  return rest;
}

/** UTC epoch ms from parts (month 1-based), for hand-computed expectations. */
export function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/** Every valid row-issue code, from the documentation in src/errors.ts. */
export const ROW_ISSUE_CODES: readonly RowIssueCode[] = [
  'field_count', 'missing_value', 'time_format', 'time_out_of_range', 'time_nonexistent',
  'end_before_start', 'time_implausible', 'visit_too_long', 'bad_number', 'bad_date', 'bad_quote', 'bad_value',
];
