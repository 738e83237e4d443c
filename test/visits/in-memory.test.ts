/**
 * Visits, sources and options handed to the library in memory are checked as the reader checks a
 * file (issue 22, item 9): a bad visit is a row issue with the reader's code, a non-source is
 * BAD_SOURCE, a wrong option value is BAD_OPTION naming the option.
 */
import { describe, expect, it } from 'vitest';
import {
  continuity, KontinuitetError, measureContinuity, measureStaffing, readVisits, scanVisits, staffing, type ErrorCode, type Visit,
} from '../../src/index.js';
import { ContinuityAccumulator } from '../../src/engine/accumulator.js';
import { renderReport } from '../../src/outputs/report/index.js';
import { measureRoutes, routes } from '../../src/measures/routes/index.js';
import { measureSchedule } from '../../src/outputs/check/schedule.js';
import { dayWindow } from '../../src/windows/windows.js';
import { LocalZone } from '../../src/windows/zone.js';
import { expectKontinuitetError } from './helpers.js';

/** 2024-10-01 08:00 and 08:30 in Stockholm (UTC+2), by hand. */
const T8 = Date.UTC(2024, 9, 1, 6, 0);
const T830 = T8 + 30 * 60_000;

const good: Visit = {
  line: 1, visitId: '', client: 'C1', staff: 'S1', start: T8, end: T830, kind: '', group: 'Norr', birthDay: null, age: null,
  staffRole: '', contactStaff: '', lat: null, lon: null, travelMinutes: null, travelKm: null, shiftStart: null, shiftEnd: null,
};

/** A visit with some fields replaced (types deliberately loose: this is what a JavaScript caller may pass). */
function bad(line: number, fields: Record<string, unknown>): Visit {
  return { ...good, line, ...fields } as unknown as Visit;
}

function triples(issues: readonly { line: number; column: string | null; code: string }[]): [number, string | null, string][] {
  return issues.map((i) => [i.line, i.column, i.code]);
}

function throwsCode(fn: () => unknown, code: ErrorCode): KontinuitetError {
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a KontinuitetError ${code}`).toBeInstanceOf(KontinuitetError);
  expect((caught as KontinuitetError).code).toBe(code);
  return caught as KontinuitetError;
}

/** Each bad visit of issue 22 item 9, with the issue the reader gives for the same values in an object row. */
const CASES: { name: string; fields: Record<string, unknown>; row: Record<string, unknown>; column: string; code: string }[] = [
  // a number or a Date in a time column that is no instant is a time the reader cannot read (not "empty", not a wrong type)
  { name: 'start NaN', fields: { start: Number.NaN }, row: { start: Number.NaN }, column: 'start', code: 'time_format' },
  { name: 'start an Invalid Date', fields: { start: new Date(Number.NaN) }, row: { start: new Date(Number.NaN) }, column: 'start', code: 'time_format' },
  { name: 'end Infinity', fields: { end: Infinity }, row: { end: Infinity }, column: 'end', code: 'time_format' },
  { name: 'start a text that is not a time', fields: { start: 'soon' }, row: { start: 'soon' }, column: 'start', code: 'time_format' },
  { name: 'end before start', fields: { end: T8 - 60_000 }, row: { end: T8 - 60_000 }, column: 'end', code: 'end_before_start' },
  { name: 'end equal to start', fields: { end: T8 }, row: { end: T8 }, column: 'end', code: 'end_before_start' },
  { name: 'client null', fields: { client: null }, row: { client_id: null }, column: 'client_id', code: 'missing_value' },
  { name: 'client blank', fields: { client: '  ' }, row: { client_id: '  ' }, column: 'client_id', code: 'missing_value' },
  { name: 'client an object', fields: { client: { id: 1 } }, row: { client_id: { id: 1 } }, column: 'client_id', code: 'bad_value' },
  { name: 'staff undefined', fields: { staff: undefined }, row: { staff_id: undefined }, column: 'staff_id', code: 'missing_value' },
  { name: 'age out of range', fields: { age: 200 }, row: { client_age: 200 }, column: 'client_age', code: 'bad_number' },
  { name: 'birth day not a whole day', fields: { birthDay: 1.5 }, row: { client_birth_date: 1.5 }, column: 'client_birth_date', code: 'bad_date' },
];

describe('continuity() checks each visit as the reader checks a row', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const r = continuity([good, bad(2, c.fields)], { from: '2024-10-01' });
      expect(triples(r.issues)).toEqual([[2, c.column, c.code]]);
      expect(r.rows).toMatchObject({ read: 2, used: 1, rejected: 1 });
      // the reader, given the same values as an object row, says the same
      const row = { client_id: 'C1', staff_id: 'S1', start: T8, end: T830, client_age: null, client_birth_date: null, ...c.row };
      const { ledger } = await readVisits([row]);
      expect(triples(ledger.issues)).toEqual([[1, c.column, c.code]]);
    });
  }

  it('a visit that is not an object is bad_value at its position', () => {
    const r = continuity([good, null as unknown as Visit, 7 as unknown as Visit], { from: '2024-10-01' });
    expect(triples(r.issues)).toEqual([[2, null, 'bad_value'], [3, null, 'bad_value']]);
    expect(r.rows).toMatchObject({ read: 3, used: 1, rejected: 2 });
  });

  it('a numeric id reads as its text, as an object row with a number does; a text time is parsed in the zone', () => {
    const r = continuity([bad(1, { client: 12345, start: '2024-10-01 08:00', end: '2024-10-01 08:30' })], { from: '2024-10-01' });
    expect(r.issues).toEqual([]);
    expect(r.rows).toMatchObject({ read: 1, used: 1, rejected: 0 });
    expect(r.windows[0]!.perClient.map((c) => [c.client, c.visits])).toEqual([['12345', 1]]);
  });

  it('ids with white space are trimmed, as the reader trims', () => {
    const r = continuity([good, bad(2, { client: ' C1 ', staff: 'S2\t' })], { from: '2024-10-01' });
    expect(r.windows[0]!.perClient.map((c) => [c.client, c.staff])).toEqual([['C1', 2]]);
  });

  it('a visit without a line number gets its position', () => {
    const r = continuity([good, good, bad(0, { start: Number.NaN })], { from: '2024-10-01' });
    expect(triples(r.issues)).toEqual([[3, 'start', 'time_format']]);
  });

  it('the rejections add to a reader ledger given along', async () => {
    const { visits, ledger } = await readVisits([{ client_id: 'C1', staff_id: 'S1', start: T8, end: T830 }, { client_id: '', staff_id: 'S1', start: T8, end: T830 }]);
    const r = continuity([...visits, bad(3, { end: T8 - 3_600_000 })], { from: '2024-10-01' }, ledger);
    expect(triples(r.issues)).toEqual([[2, 'client_id', 'missing_value'], [3, 'end', 'end_before_start']]);
    expect(r.rows).toMatchObject({ read: 2, used: 1, rejected: 2 });
  });

  it('the accumulator checks what add is given', () => {
    const acc = new ContinuityAccumulator({ from: '2024-10-01' });
    acc.add(good);
    acc.add(bad(2, { start: 'yesterday' }));
    expect(triples(acc.finish().issues)).toEqual([[2, 'start', 'time_format']]);
  });

  it('a bad latitude does not reject a visit for continuity (a column it does not use), but does for routes', () => {
    const v = bad(2, { lat: 'north', lon: 15 });
    expect(continuity([good, v], { from: '2024-10-01' }).rows.rejected).toBe(0);
    const r = routes([good, v], { from: '2024-10-01' });
    expect(triples(r.issues)).toEqual([[2, 'lat', 'bad_number']]);
    expect(r.rows).toMatchObject({ read: 2, used: 1, rejected: 1 });
  });

  it('staffing() and routes() reject the same visits', () => {
    const visits = [good, bad(2, { start: Number.NaN }), bad(3, { end: T8 - 1 }), bad(4, { staff: null })];
    const expected = [[2, 'start', 'time_format'], [3, 'end', 'end_before_start'], [4, 'staff_id', 'missing_value']];
    const s = staffing(visits, { from: '2024-10-01' });
    expect(triples(s.issues)).toEqual(expected);
    expect(s.rows).toMatchObject({ read: 4, used: 1, rejected: 3 });
    const r = routes(visits, { from: '2024-10-01' });
    expect(triples(r.issues)).toEqual(expected);
    expect(r.rows).toMatchObject({ read: 4, used: 1, rejected: 3 });
  });
});

describe('a non-source is BAD_SOURCE', () => {
  for (const [name, source] of [['null', null], ['undefined', undefined], ['a number', 42], ['a plain object', { a: 1 }], ['a boolean', true]] as const) {
    it(`${name} to the streaming measures and the reader`, async () => {
      const s = source as unknown as string;
      const e = await expectKontinuitetError(measureContinuity(s), 'BAD_SOURCE');
      expect(e.message).toMatch(/path|stream|iterable/);
      await expectKontinuitetError(measureStaffing(s), 'BAD_SOURCE');
      await expectKontinuitetError(measureRoutes(s), 'BAD_SOURCE');
      await expectKontinuitetError(readVisits(s), 'BAD_SOURCE');
      await expectKontinuitetError(scanVisits(s, () => {}), 'BAD_SOURCE');
      await expectKontinuitetError(measureSchedule(s), 'BAD_SOURCE');
    });
    it(`${name} to the in-memory measures`, () => {
      const v = source as unknown as Visit[];
      throwsCode(() => continuity(v), 'BAD_SOURCE');
      throwsCode(() => staffing(v), 'BAD_SOURCE');
      throwsCode(() => routes(v), 'BAD_SOURCE');
    });
  }

  it('a text to continuity() is a path given to the wrong function', () => {
    const e = throwsCode(() => continuity('visits.csv' as unknown as Visit[]), 'BAD_SOURCE');
    expect(e.message).toContain('measureContinuity');
  });
});

describe('option values are checked', () => {
  it("every: 'year' is BAD_OPTION naming the option and the allowed value", async () => {
    const e = throwsCode(() => continuity([good], { every: 'year' as 'month' }), 'BAD_OPTION');
    expect(e.message).toBe(`every: must be 'month', got "year"`);
    await expectKontinuitetError(measureContinuity([], { every: 'year' as 'month' }), 'BAD_OPTION');
    throwsCode(() => staffing([good], { every: 'weekly' as 'month' }), 'BAD_OPTION');
    throwsCode(() => routes([good], { every: 'year' as 'month' }), 'BAD_OPTION');
  });

  it('an Invalid Date or a number as from is BAD_OPTION (a valid Date is a day: test/visits/rows.test.ts)', () => {
    expect(throwsCode(() => continuity([good], { from: new Date(Number.NaN) }), 'BAD_OPTION').message).toBe('from: must be a YYYY-MM-DD date or a Date, got an Invalid Date');
    throwsCode(() => staffing([good], { from: new Date(Number.NaN) }), 'BAD_OPTION');
    throwsCode(() => routes([good], { from: new Date(Number.NaN) }), 'BAD_OPTION');
    throwsCode(() => routes([good], { from: 20241001 as unknown as string }), 'BAD_OPTION');
    throwsCode(() => dayWindow(null as unknown as string, 14, new LocalZone('Europe/Stockholm')), 'BAD_OPTION');
  });

  it('flags must be booleans, the reader options their listed values', async () => {
    throwsCode(() => continuity([good], { indices: 'yes' as unknown as boolean }), 'BAD_OPTION');
    throwsCode(() => routes([good], { all: 1 as unknown as boolean }), 'BAD_OPTION');
    throwsCode(() => continuity([good], null as unknown as object), 'BAD_OPTION');
    expect((await expectKontinuitetError(readVisits([], { onError: 'skip' as 'stop' }), 'BAD_OPTION')).message).toBe(`onError: must be 'collect' or 'stop', got "skip"`);
    await expectKontinuitetError(readVisits([], { delimiter: '|' as ',' }), 'BAD_OPTION');
    await expectKontinuitetError(readVisits([], { encoding: 'utf16' as 'utf8' }), 'BAD_OPTION');
    await expectKontinuitetError(readVisits([], { maxIssues: -1 }), 'BAD_OPTION');
    await expectKontinuitetError(readVisits([], { use: ['latitude' as 'lat'] }), 'BAD_OPTION');
    await expectKontinuitetError(readVisits([], { columns: { klient: 'Kund' } as unknown as { client_id: string } }), 'BAD_OPTION');
    await expectKontinuitetError(measureContinuity([], { engine: { fastPath: 'no' as unknown as boolean } }), 'BAD_OPTION');
  });

  it('an Invalid Date as the report time is BAD_OPTION', () => {
    const result = continuity([good], { from: '2024-10-01' });
    throwsCode(() => renderReport({ continuity: result }, { generatedAt: new Date(Number.NaN) }), 'BAD_OPTION');
    expect(renderReport({ continuity: result }, { generatedAt: null })).toContain('<!doctype html>');
  });
});
