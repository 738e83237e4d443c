/**
 * Bad rows become issues with a stable code, the right line and column, and a message that never
 * holds a client or staff id. The fixture uses personal-identity-number-like ids (19380412-1234,
 * 19791231-5678) so a leak would show.
 */
import { describe, expect, it } from 'vitest';
import { KontinuitetError } from '../../src/errors.js';
import { readVisits, scanVisits } from '../../src/read/read.js';
import type { Visit } from '../../src/read/types.js';
import { expectConsistentLedger, expectKontinuitetError, fixture, issueTriples, readText, utc } from './helpers.js';

const IDS = /19380412|19791231|1234|5678/;

/** Line by line, what rejections.csv must give (worked out by reading the fixture). */
const EXPECTED_ISSUES = [
  [2, 'start', 'time_out_of_range'], //   2024-02-31: February 2024 has 29 days
  [3, 'start', 'time_out_of_range'], //   24:00 is not a time of day
  [4, 'end', 'end_before_start'], //      10:00 → 09:00
  [5, 'end', 'end_before_start'], //      10:00 → 10:00 (end equal to start)
  [6, 'start', 'time_nonexistent'], //    2024-03-31 02:30: clocks jump 02:00 → 03:00 in Stockholm
  [7, null, 'field_count'], //            6 fields, header has 9
  [8, null, 'field_count'], //            10 fields
  [9, 'client_id', 'missing_value'], //   empty client id
  [10, 'staff_id', 'missing_value'], //   staff id of spaces only
  [11, 'lat', 'bad_number'], //           91.5 > 90
  [12, 'lat', 'bad_number'], //           'abc'
  [13, 'lon', 'bad_number'], //           -181 < -180
  [14, 'start', 'time_out_of_range'], //  10:61
  [15, 'start', 'time_format'], //        28/02/2024 10:00
  [16, 'start', 'missing_value'], //      empty start
  [18, 'start', 'time_out_of_range'], //  month 13
  [19, 'start', 'time_out_of_range'], //  2023-02-29: 2023 is not a leap year
  [21, 'end', 'time_nonexistent'], //     end 2024-03-31 02:30 is in the gap
];

describe('rejected rows in rejections.csv', () => {
  it('each bad row has its code, line and column', async () => {
    const { visits, ledger } = await readVisits(fixture('rejections.csv'));
    expect(issueTriples(ledger)).toEqual(EXPECTED_ISSUES);
    expect(ledger).toMatchObject({ read: 21, used: 3, rejected: 18, issuesOmitted: 0 });
    expect(ledger.rejectedByCode).toEqual({
      time_out_of_range: 5, end_before_start: 2, time_nonexistent: 2, field_count: 2, missing_value: 3, bad_number: 3, time_format: 1,
    });
    expectConsistentLedger(ledger);
    // the rows that pass: 17 (client id with spaces around it), 20 (2024 is a leap year), 22 (empty lat/lon)
    expect(visits.map((v) => [v.line, v.visitId, v.client, v.start, v.lat])).toEqual([
      [17, 'V16', '19380412-1234', utc(2024, 2, 28, 9, 0), 62.4], // 10:00 CET → 09:00Z
      [20, 'V19', '19380412-1234', utc(2024, 2, 29, 7, 0), 62.4], // 2024-02-29 08:00 CET → 07:00Z
      [22, 'V21', '19380412-1234', utc(2024, 2, 28, 9, 0), null],
    ]);
  });

  it('no message contains a client or staff id', async () => {
    const { ledger } = await readVisits(fixture('rejections.csv'));
    expect(ledger.issues.length).toBe(18);
    for (const issue of ledger.issues) expect(issue.message).not.toMatch(IDS);
  });

  it('no message contains an id when the ids are pseudonymised either', async () => {
    const { ledger } = await readVisits(fixture('rejections.csv'), { pseudonymise: { key: 'k' } });
    expect(issueTriples(ledger)).toEqual(EXPECTED_ISSUES);
    for (const issue of ledger.issues) expect(issue.message).not.toMatch(IDS);
  });

  it('malformed times are time_format', async () => {
    const bad = ['2024-01-15T08', '2024-01-15 8:00', '2024/01/15 08:00', '2024-01-15 08:00+1', '2024-01-15 08:00+25:00',
      '2024-01-15 08:00:00.', '2024-01-15 08:00:', '2024-01-15 08:00 CET', '2024-01-15_08:00', 'igår 08:00', '2024-1-15 08:00'];
    const text = ['client_id,staff_id,start,end', ...bad.map((t) => `C1,S1,${t},2030-01-01 00:00`)].join('\n');
    const { ledger } = await readText(text);
    expect(issueTriples(ledger)).toEqual(bad.map((_, i) => [i + 2, 'start', 'time_format']));
  });

  it('a bad birth date is bad_date; ages outside 0–130 are bad_number', async () => {
    const text = [
      'client_id;staff_id;start;end;Födelsedatum;Ålder',
      'C1;S1;2024-01-15 08:00;2024-01-15 09:00;1938-02-30;',
      'C1;S1;2024-01-15 08:00;2024-01-15 09:00;;131',
      'C1;S1;2024-01-15 08:00;2024-01-15 09:00;;-1',
      'C1;S1;2024-01-15 08:00;2024-01-15 09:00;1938-02-28;86,9',
    ].join('\n');
    const { visits, ledger } = await readText(text);
    expect(issueTriples(ledger)).toEqual([[2, 'client_birth_date', 'bad_date'], [3, 'client_age', 'bad_number'], [4, 'client_age', 'bad_number']]);
    expect(visits.map((v) => v.age)).toEqual([86]); // whole years: 86,9 → 86
  });
});

describe("onError: 'stop'", () => {
  it('throws BAD_ROW at the first bad row, with its issue and no id', async () => {
    const e = await expectKontinuitetError(readVisits(fixture('rejections.csv'), { onError: 'stop' }), 'BAD_ROW');
    expect(e.details).toMatchObject({ issue: { line: 2, column: 'start', code: 'time_out_of_range' } });
    expect(e.message).toContain('line 2');
    expect(e.message).not.toMatch(IDS);
  });

  it('rows before the first bad one have been delivered, none after', async () => {
    const seen: Visit[] = [];
    const e = await expectKontinuitetError(scanVisits(fixture('quoted.csv'), (v) => seen.push(v), { onError: 'stop' }), 'BAD_ROW');
    expect(e.details).toMatchObject({ issue: { line: 8, code: 'time_out_of_range' } });
    expect(seen.map((v) => v.visitId)).toEqual(['V1', 'V2', 'V3', 'V4']);
  });

  it('in-memory rows stop the same way', async () => {
    const rows = [
      { client_id: 'C1', staff_id: 'S1', start: '2024-01-10 08:00', end: '2024-01-10 09:00' },
      { client_id: '19380412-1234', staff_id: 'S1', start: '2024-01-10 08:00', end: '2024-01-10 07:00' },
    ];
    const e = await expectKontinuitetError(readVisits(rows, { onError: 'stop' }), 'BAD_ROW');
    expect(e.details).toMatchObject({ issue: { line: 2, column: 'end', code: 'end_before_start' } });
    expect(e.message).not.toMatch(IDS);
  });

  it("'collect' (the default) does not throw", async () => {
    const { ledger } = await readVisits(fixture('rejections.csv'), { onError: 'collect' });
    expect(ledger.rejected).toBe(18);
  });
});

describe('maxIssues', () => {
  it('lists the first maxIssues issues and counts the rest', async () => {
    const { ledger } = await readVisits(fixture('rejections.csv'), { maxIssues: 3 });
    expect(issueTriples(ledger)).toEqual(EXPECTED_ISSUES.slice(0, 3));
    expect(ledger.issuesOmitted).toBe(15);
    expect(ledger.rejected).toBe(18);
    // the counts by code still cover every rejected row
    expect(Object.values(ledger.rejectedByCode).reduce((a, n) => a + (n ?? 0), 0)).toBe(18);
    expectConsistentLedger(ledger);
  });

  it('0 lists none, Infinity lists all', async () => {
    const none = await readVisits(fixture('rejections.csv'), { maxIssues: 0 });
    expect(none.ledger.issues).toEqual([]);
    expect(none.ledger.issuesOmitted).toBe(18);
    const all = await readVisits(fixture('rejections.csv'), { maxIssues: Infinity });
    expect(all.ledger.issues).toHaveLength(18);
    expect(all.ledger.issuesOmitted).toBe(0);
  });

  it('defaults to 1000', async () => {
    const rows = Array.from({ length: 1005 }, () => ({ client_id: 'C', staff_id: 'S', start: '2024-01-10 08:00', end: '2024-01-10 08:00' }));
    const { ledger } = await readVisits(rows);
    expect(ledger.issues).toHaveLength(1000);
    expect(ledger.issuesOmitted).toBe(5);
    expect(ledger.issues[999]?.line).toBe(1000);
  });
});

describe('the error class', () => {
  it('is exported with a stable code and name', async () => {
    const e = await expectKontinuitetError(readVisits(fixture('missing-column.csv')), 'MISSING_COLUMN');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(KontinuitetError);
  });
});

// Found by this suite and fixed in a29aa45.
describe('ids stay out of errors and numbers are plain decimals', () => {
  it('a log without a header row does not put the ids of its first row into the MISSING_COLUMN error', async () => {
    const text = 'V1,19380412-1234,19791231-5678,2024-01-10 08:00,2024-01-10 09:00\nV2,19380412-1234,19791231-5678,2024-01-10 10:00,2024-01-10 11:00\n';
    const e = await expectKontinuitetError(readText(text), 'MISSING_COLUMN');
    expect(e.message).not.toMatch(IDS);
    expect(JSON.stringify(e.details)).not.toMatch(IDS);
  });

  it('a hexadecimal or binary literal is not a latitude ("0x10" would be 16 to Number())', async () => {
    const text = ['client_id,staff_id,start,end,lat', 'C1,S1,2024-01-10 08:00,2024-01-10 09:00,0x10', 'C1,S1,2024-01-10 08:00,2024-01-10 09:00,0b1'].join('\n');
    const { ledger } = await readText(text);
    expect(issueTriples(ledger)).toEqual([[2, 'lat', 'bad_number'], [3, 'lat', 'bad_number']]);
  });
});
