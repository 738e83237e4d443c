/**
 * Property tests of the reader with fast-check:
 * (a) any log written by fast-csv's formatter reads back identically;
 * (b) randomly corrupted logs never crash the reader and every row is accounted for;
 * (c) the order of the data rows does not change what is read.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { writeToString } from 'fast-csv';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { KontinuitetError } from '../../src/errors.js';
import { readVisits } from '../../src/read/read.js';
import type { Visit } from '../../src/read/types.js';
import { ROW_ISSUE_CODES, expectConsistentLedger, withoutLine } from './helpers.js';

const ZONE = 'Europe/Stockholm';
const T0 = Date.UTC(2024, 0, 1);
const T1 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

type TimeFormat = 'utc' | 'offset' | 'local' | 'local-seconds';

interface Row {
  visit_id: string;
  client_id: string;
  staff_id: string;
  start: string;
  end: string;
  kind: string;
  group: string;
}

/** Text that survives the reader's trimming: no whitespace at either end, no NUL (fast-csv drops NULs). */
const textUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('a', 'Ö', 'å', '"', ',', ';', '\t', '\n', '\r\n', '\r', ' ', 'x', '€', '😀', '|', "'") },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const text = (minLength: number): fc.Arbitrary<string> =>
  fc.array(textUnit, { minLength, maxLength: 8 }).map((a) => a.join('')).filter((s) => s.trim() === s && !s.includes('\0') && s.length >= minLength);

function formatTime(ms: number, format: TimeFormat): string {
  switch (format) {
    case 'utc': return new Date(ms).toISOString();
    case 'offset': return DateTime.fromMillis(ms, { zone: ZONE }).toISO({ suppressMilliseconds: true }) ?? '';
    case 'local': return DateTime.fromMillis(ms, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');
    case 'local-seconds': return DateTime.fromMillis(ms, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
  }
}

/** What a time text means, by luxon: ISO with offset as written; local wall time in the zone. */
function luxonMillis(t: string): number {
  if (/Z$|[+-]\d\d:\d\d$/.test(t)) return DateTime.fromISO(t, { setZone: true }).toMillis();
  return DateTime.fromFormat(t.replace('T', ' '), t.length > 16 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm', { zone: ZONE }).toMillis();
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  visit_id: text(0),
  client_id: text(1),
  staff_id: text(1),
  startMinute: fc.integer({ min: 0, max: (T1 - T0) / MINUTE }),
  minutes: fc.integer({ min: 1, max: 240 }),
  format: fc.constantFrom<TimeFormat>('utc', 'offset', 'local', 'local-seconds'),
  kind: text(0),
  group: text(0),
}).map(({ startMinute, minutes, format, ...rest }) => {
  const start = T0 + startMinute * MINUTE;
  return { ...rest, start: formatTime(start, format), end: formatTime(start + minutes * MINUTE, format) };
});

const csvOptions = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t'),
  rowDelimiter: fc.constantFrom('\n', '\r\n'),
  quoteColumns: fc.boolean(),
  writeBOM: fc.boolean(),
  includeEndRowDelimiter: fc.boolean(),
});

interface CsvOptions { delimiter: string; rowDelimiter: string; quoteColumns: boolean; writeBOM: boolean; includeEndRowDelimiter: boolean }

async function writeCsv(rows: readonly Row[], options: CsvOptions): Promise<string> {
  // a lone CR ends a line (CR-only exports): a field holding one must be quoted, which fast-csv does only for the row delimiter
  const quoteColumns = options.quoteColumns || rows.some((r) => Object.values(r).some((v) => String(v).includes('\r')));
  return writeToString(rows as Row[], { headers: ['visit_id', 'client_id', 'staff_id', 'start', 'end', 'kind', 'group'], ...options, quoteColumns });
}

const read = (csv: string, maxIssues = Infinity) => readVisits(Readable.from([Buffer.from(csv, 'utf8')]), { maxIssues });

/** Line breaks: LF, CRLF (one) and a lone CR. */
const lineBreaks = (s: string): number => s.split(/\r\n|\r|\n/).length - 1;

describe('(a) logs written by fast-csv read back identically', () => {
  it('ids, kinds, groups, times and line numbers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 25 }), csvOptions, async (rows, options) => {
        const csv = await writeCsv(rows, options);
        const { visits, ledger } = await read(csv);
        expect(ledger.delimiter).toBe(options.delimiter);
        // Line of each row: header on line 1, each row takes 1 line plus its quoted line breaks.
        let line = 2;
        const expected: Partial<Visit>[] = [];
        const rejectedLines: number[] = [];
        for (const r of rows) {
          const start = luxonMillis(r.start);
          const end = luxonMillis(r.end);
          // a local time written in the repeated autumn hour is read as its second occurrence,
          // which can put the end before the start: then the row is rejected, as luxon says
          if (end > start) expected.push({ line, visitId: r.visit_id, client: r.client_id, staff: r.staff_id, start, end, kind: r.kind, group: r.group });
          else rejectedLines.push(line);
          line += 1 + lineBreaks(Object.values(r).join(''));
        }
        expect(visits.map((v) => ({ line: v.line, visitId: v.visitId, client: v.client, staff: v.staff, start: v.start, end: v.end, kind: v.kind, group: v.group }))).toEqual(expected);
        expect(ledger.issues.map((i) => [i.line, i.code])).toEqual(rejectedLines.map((l) => [l, 'end_before_start']));
        expect(ledger.read).toBe(rows.length);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});

/** Personal-identity-number-like ids, so a leak into a message is recognisable. */
const pnr = fc.tuple(fc.integer({ min: 1920, max: 1959 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1000, max: 9999 }))
  .map(([y, m, d, n]) => `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}-${n}`);

const pnrRowArb: fc.Arbitrary<Row> = fc.tuple(rowArb, pnr, pnr).map(([r, c, s]) => ({ ...r, client_id: c, staff_id: s }));

type Mutation = { op: 'delete' | 'truncate'; at: number } | { op: 'insert'; at: number; text: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom('"', ',', ';', '\n', '\r\n', '\t', '""', '\r', ' ') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
);

function mutate(s: string, mutations: readonly Mutation[]): string {
  let out = s;
  for (const m of mutations) {
    const at = Math.min(out.length, Math.floor(m.at * out.length));
    if (m.op === 'delete') out = out.slice(0, at) + out.slice(at + 1);
    else if (m.op === 'truncate') out = out.slice(0, at);
    else if (m.op === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
  }
  return out;
}

describe('(b) corrupted logs: never a crash, every row accounted for', () => {
  it('read = used + rejected, every rejection listed with a valid code and line, no id in any message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pnrRowArb, { minLength: 1, maxLength: 15 }), csvOptions, fc.array(mutationArb, { minLength: 1, maxLength: 6 }), async (rows, options, mutations) => {
        const original = (await writeCsv(rows, options)).replace(/^\uFEFF/, '');
        const csv = mutate(original, mutations);
        const header = original.slice(0, original.indexOf(options.rowDelimiter));
        const headerIntact = csv.startsWith(header + options.rowDelimiter);
        let result: Awaited<ReturnType<typeof read>>;
        try {
          result = await read(csv);
        } catch (e) {
          // only a broken header may stop the reader, and only with a documented error
          expect(headerIntact, `threw ${String(e)} with an intact header`).toBe(false);
          expect(e).toBeInstanceOf(KontinuitetError);
          expect(['MISSING_COLUMN', 'EMPTY_INPUT']).toContain((e as KontinuitetError).code);
          return;
        }
        const { visits, ledger } = result;
        expectConsistentLedger(ledger);
        expect(ledger.issues).toHaveLength(ledger.rejected);
        expect(ledger.issuesOmitted).toBe(0);
        const lastLine = lineBreaks(csv) + 1;
        for (const issue of ledger.issues) {
          expect(ROW_ISSUE_CODES).toContain(issue.code);
          expect(issue.line).toBeGreaterThanOrEqual(2);
          expect(issue.line).toBeLessThanOrEqual(lastLine);
          for (const r of rows) {
            expect(issue.message).not.toContain(r.client_id);
            expect(issue.message).not.toContain(r.staff_id);
          }
        }
        for (const v of visits) {
          expect(v.line).toBeGreaterThanOrEqual(2);
          expect(v.line).toBeLessThanOrEqual(lastLine);
          expect(v.client).not.toBe('');
          expect(v.staff).not.toBe('');
          expect(v.end).toBeGreaterThan(v.start);
        }
        // each row is reported once: lines are distinct
        const lines = [...visits.map((v) => v.line), ...ledger.issues.map((i) => i.line)];
        expect(new Set(lines).size).toBe(lines.length);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 400) },
    );
  });
});

describe('(c) row order does not matter', () => {
  const sortKey = (v: Visit): string => JSON.stringify(withoutLine(v));
  it('shuffling the data rows gives the same multiset of visits and of rejection codes', async () => {
    const rowsAndShuffle = fc.array(rowArb, { minLength: 1, maxLength: 20 })
      .chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })));
    await fc.assert(
      fc.asyncProperty(rowsAndShuffle, csvOptions, async ([rows, shuffled], options) => {
        const a = await read(await writeCsv(rows, options));
        const b = await read(await writeCsv(shuffled, options));
        expect(b.visits.map(sortKey).sort()).toEqual(a.visits.map(sortKey).sort());
        expect(b.ledger.rejectedByCode).toEqual(a.ledger.rejectedByCode);
        expect(b.ledger.read).toBe(a.ledger.read);
      }),
      { numRuns: 200 },
    );
  });
});
