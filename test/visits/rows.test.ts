/**
 * Rows from a planning system (issue 24): the same visits as the CSV sample, as canonical rows with
 * text times, as camelCase rows with `Date` times and birth dates, and with epoch-ms times, give the
 * same figures through every measure; `from` as a `Date` is the same window as its text; values
 * that are no time are row issues with a stable code; a log without a whole window says so.
 *
 * The rows are made here from the CSV text by hand (split on commas: the sample quotes nothing),
 * the local times turned into instants by luxon, not by the library's reader.
 */
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { continuity, measureContinuity, measureStaffing, readVisits, staffing, type VisitRowInput } from '../../src/index.js';
import { measureRoutes, routes } from '../../src/measures/routes/index.js';
import { measureSchedule } from '../../src/outputs/check/schedule.js';
import { KontinuitetError } from '../../src/errors.js';

const SAMPLE = new URL('../../data/sample-visits.csv', import.meta.url).pathname;
const ZONE = 'Europe/Stockholm';

/** The sample's header. */
type SampleColumn = 'visit_id' | 'client_id' | 'staff_id' | 'start' | 'end' | 'kind' | 'group' | 'client_birth_date' | 'staff_role' | 'contact_staff_id' | 'lat' | 'lon';

/** The sample's rows as records of their header, by hand. */
function sampleRecords(): Record<SampleColumn, string>[] {
  const [header, ...lines] = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
  const keys = header!.split(',');
  expect(keys).toEqual(['visit_id', 'client_id', 'staff_id', 'start', 'end', 'kind', 'group', 'client_birth_date', 'staff_role', 'contact_staff_id', 'lat', 'lon']);
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i]!, v])) as Record<SampleColumn, string>);
}

/** A local `YYYY-MM-DD HH:mm` of the sample as an instant (luxon, in Stockholm). */
function instant(text: string): Date {
  const t = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm', { zone: ZONE });
  expect(t.isValid).toBe(true);
  return t.toJSDate();
}

const records = sampleRecords();

/** Canonical keys, every value a text as in the file. */
const canonicalRows = records.map((r) => ({ ...r }));

/** camelCase keys, times and birth dates as Date objects, coordinates as numbers. */
const camelDateRows: VisitRowInput[] = records.map((r) => ({
  visitId: r.visit_id, clientId: r.client_id, staffId: r.staff_id,
  start: instant(r.start), end: instant(r.end), kind: r.kind, group: r.group,
  // UTC midnight of the birth date: in Stockholm (UTC+1/+2) the same calendar day
  birthDate: new Date(`${r.client_birth_date}T00:00:00Z`),
  staffRole: r.staff_role, contactStaffId: r.contact_staff_id, lat: Number(r.lat), lon: Number(r.lon),
}));

/** camelCase keys with epoch-ms times and the other camelCase spelling of the birth date. */
const camelEpochRows: VisitRowInput[] = records.map((r) => ({
  visitId: r.visit_id, clientId: r.client_id, staffId: r.staff_id,
  start: instant(r.start).getTime(), end: instant(r.end).getTime(), kind: r.kind, group: r.group,
  clientBirthDate: r.client_birth_date, staffRole: r.staff_role, contactStaffId: r.contact_staff_id, lat: r.lat, lon: r.lon,
}));

/** A result as JSON (the shape a user sees; the notebook display symbol aside). */
const json = (r: unknown): unknown => JSON.parse(JSON.stringify(r));

/**
 * A CSV result's JSON with its line numbers as positions: the file's line n is the row at
 * position n − 1 (the header is line 1), which is what rows in memory are numbered by.
 */
function asPositions(r: unknown): unknown {
  return JSON.parse(JSON.stringify(r), (key, value: unknown) => {
    if (key === 'line' && typeof value === 'number') return value - 1;
    if (key === 'lines' && Array.isArray(value)) return value.map((n: number) => n - 1);
    return value;
  });
}

describe('the same visits as CSV and as rows give the same figures', () => {
  const options = { every: 'month', anchor: 'first-monday' } as const;

  it('continuity() and measureContinuity() over canonical, camelCase-with-Date and epoch-ms rows equal the CSV', async () => {
    const csv = json(await measureContinuity(SAMPLE, options));
    // the figures data/README.md states for the sample (computed by the definition when it was made)
    const windows = (csv as { windows: { from: string; staffPerClient: { mean: number; n: number } }[] }).windows;
    expect(windows.map((w) => [w.from, Math.round(w.staffPerClient.mean * 10) / 10, w.staffPerClient.n])).toEqual([['2024-10-07', 14.4, 43], ['2024-11-04', 13.2, 43]]);
    for (const rows of [canonicalRows, camelDateRows, camelEpochRows]) {
      expect(json(continuity(rows, options))).toEqual(csv);
      expect(json(await measureContinuity(rows, options))).toEqual(csv);
    }
  });

  it('the camelCase keys name the canonical columns in the ledger', async () => {
    const { ledger } = await readVisits(camelDateRows.slice(0, 1));
    expect(ledger.columns).toEqual({
      visit_id: 'visitId', client_id: 'clientId', staff_id: 'staffId', start: 'start', end: 'end', kind: 'kind', group: 'group',
      client_birth_date: 'birthDate', staff_role: 'staffRole', contact_staff_id: 'contactStaffId', lat: 'lat', lon: 'lon',
    });
  });

  it('every camelCase spelling reads as its canonical column, visit for visit', async () => {
    const camel = {
      visitId: 'V1', clientId: 'C1', staffId: 'S1', start: '2024-10-01 08:00', end: '2024-10-01 08:30', kind: 'omvårdnad', group: 'Norr',
      clientBirthDate: '1938-04-12', clientAge: 86, staffRole: 'undersköterska', contactStaffId: 'S2', lat: 62.4, lon: 15.6,
      travelMinutes: 7, travelKm: 3.5, shiftStart: '2024-10-01 07:00', shiftEnd: '2024-10-01 15:00',
    };
    const canonical = {
      visit_id: 'V1', client_id: 'C1', staff_id: 'S1', start: '2024-10-01 08:00', end: '2024-10-01 08:30', kind: 'omvårdnad', group: 'Norr',
      client_birth_date: '1938-04-12', client_age: 86, staff_role: 'undersköterska', contact_staff_id: 'S2', lat: 62.4, lon: 15.6,
      travel_minutes: 7, travel_km: 3.5, shift_start: '2024-10-01 07:00', shift_end: '2024-10-01 15:00',
    };
    const a = await readVisits([camel]);
    const b = await readVisits([canonical]);
    expect(Object.keys(a.ledger.columns).sort()).toEqual(Object.keys(canonical).sort());
    expect(a.visits).toEqual(b.visits);
    // by hand: 08:00 CEST is 06:00Z; the birth date 1938-04-12 is day −11587 since 1970-01-01
    expect(a.visits[0]).toMatchObject({ start: Date.UTC(2024, 9, 1, 6), end: Date.UTC(2024, 9, 1, 6, 30), birthDay: -11587, age: 86, shiftStart: Date.UTC(2024, 9, 1, 5) });
  });

  it('rows keyed by Swedish aliases still read, in continuity() too', () => {
    const swedish = records.map((r) => ({
      'Besöks-ID': r.visit_id, Brukare: r.client_id, Personal: r.staff_id, Starttid: r.start, Sluttid: r.end, Insats: r.kind, Grupp: r.group,
      Födelsedatum: r.client_birth_date, Yrkesroll: r.staff_role, Kontaktperson: r.contact_staff_id,
    }));
    expect(json(continuity(swedish, { from: '2024-10-07' }))).toEqual(json(continuity(canonicalRows, { from: '2024-10-07' })));
  });

  it('staffing() and measureStaffing() over rows equal the CSV', async () => {
    const csv = asPositions(await measureStaffing(SAMPLE, { from: '2024-10-07' }));
    expect(JSON.stringify(csv)).toMatch(/"lines":\[\d/); // double-staffed visits name their rows
    expect(json(staffing(camelDateRows, { from: '2024-10-07' }))).toEqual(csv);
    expect(json(await measureStaffing(camelEpochRows, { from: '2024-10-07' }))).toEqual(csv);
  });

  it('routes() and measureRoutes() over rows equal the CSV (three days)', async () => {
    const o = { from: '2024-10-07', rules: { days: 3 } };
    const csv = asPositions(await measureRoutes(SAMPLE, o));
    expect((csv as { windows: { visits: number }[] }).windows[0]!.visits).toBeGreaterThan(0);
    expect(json(routes(camelDateRows, o))).toEqual(csv);
    expect(json(await measureRoutes(canonicalRows, o))).toEqual(csv);
  });

  it('the check measures rows as the CSV', async () => {
    const csv = await measureSchedule(SAMPLE, { from: '2024-10-07' });
    const rows = await measureSchedule(camelEpochRows, { from: new Date('2024-10-07') });
    expect(json(rows.result)).toEqual(json(csv.result));
    expect([rows.firstDay, rows.lastDay]).toEqual(['2024-10-01', '2024-11-18']);
  });

  it('the age filter follows the columns of the rows, as the reader\'s ledger says (not the values seen)', async () => {
    const rows = [
      { clientId: 'C1', staffId: 'S1', start: '2024-10-01 08:00', end: '2024-10-01 08:30', birthDate: null },
      { clientId: 'C1', staffId: 'S2', start: '2024-10-01 12:00', end: '2024-10-01 12:30' },
    ];
    // a birth-date column without a value: the column is there, so the rule says 'birth_date'
    expect(continuity(rows, { from: '2024-10-01' }).rule.ageFilter).toBe('birth_date');
    expect((await measureContinuity(rows, { from: '2024-10-01' })).rule.ageFilter).toBe('birth_date');
    const noColumn = rows.map(({ birthDate: _b, ...r }) => r);
    expect(continuity(noColumn, { from: '2024-10-01' }).rule.ageFilter).toBe('none');
  });

  it('a first row without the required columns is MISSING_COLUMN, as the reader says', () => {
    expect(() => continuity([{ clientId: 'C1', start: '2024-10-01 08:00', end: '2024-10-01 09:00' }])).toThrow(KontinuitetError);
    try {
      continuity([{ clientId: 'C1', start: '2024-10-01 08:00', end: '2024-10-01 09:00' }]);
    } catch (e) {
      expect((e as KontinuitetError).code).toBe('MISSING_COLUMN');
      expect((e as KontinuitetError).message).toContain('staff_id');
    }
  });
});

describe('from as a Date', () => {
  it('is the window of its local day: a Date equals its text, in every measure', async () => {
    const text = json(continuity(camelDateRows, { from: '2024-10-07' }));
    expect(json(continuity(camelDateRows, { from: new Date('2024-10-07') }))).toEqual(text); // UTC midnight = 02:00 in Stockholm
    expect(json(continuity(camelDateRows, { from: new Date('2024-10-07T23:59:00+02:00') }))).toEqual(text); // the last minute of the day
    expect(json(await measureContinuity(SAMPLE, { from: new Date('2024-10-07') }))).toEqual(json(await measureContinuity(SAMPLE, { from: '2024-10-07' })));
    expect(json(staffing(camelDateRows, { from: new Date('2024-10-07') }))).toEqual(json(staffing(camelDateRows, { from: '2024-10-07' })));
    const o = { rules: { days: 2 } };
    expect(json(routes(camelDateRows, { ...o, from: new Date('2024-10-07') }))).toEqual(json(routes(camelDateRows, { ...o, from: '2024-10-07' })));
  });

  it('the day is the one in the measure\'s zone that holds the instant', () => {
    const rows = [{ clientId: 'C1', staffId: 'S1', start: '2024-10-06 08:00', end: '2024-10-06 08:30' }];
    // 2024-10-06 23:30 in Stockholm is 21:30Z: the 6th there, whatever the process's zone
    expect(continuity(rows, { from: new Date('2024-10-06T21:30:00Z') }).windows[0]!.from).toBe('2024-10-06');
    // UTC midnight of the 7th is 20:00 on the 6th in New York
    expect(continuity(rows, { from: new Date('2024-10-07T00:00:00Z'), zone: 'America/New_York' }).windows[0]!.from).toBe('2024-10-06');
  });
});

describe('values that are no time are row issues with a stable code', () => {
  const base = { clientId: 'C1', staffId: 'S1', start: Date.UTC(2024, 9, 1, 6), end: Date.UTC(2024, 9, 1, 7) };
  const cases: [string, Record<string, unknown>, string, string, string][] = [
    ['an Invalid Date start', { start: new Date(Number.NaN) }, 'start', 'time_format', 'is an Invalid Date'],
    ['a NaN end', { end: Number.NaN }, 'end', 'time_format', 'is not a time: a number must be epoch milliseconds within the range of a Date'],
    ['an end beyond a Date', { end: 1e16 }, 'end', 'time_format', 'is not a time: a number must be epoch milliseconds within the range of a Date'],
    ['an Infinity shift start', { shiftStart: Infinity }, 'shift_start', 'time_format', 'is not a time: a number must be epoch milliseconds within the range of a Date'],
    ['an Invalid Date birth date', { birthDate: new Date('x') }, 'client_birth_date', 'bad_date', 'is an Invalid Date'],
    ['an object as a start', { start: { at: 8 } }, 'start', 'bad_value', 'has a value of a type that cannot be read'],
  ];
  for (const [name, fields, column, code, why] of cases) {
    it(name, async () => {
      const rows = [base, { ...base, ...fields }];
      const { ledger } = await readVisits(rows);
      expect(ledger.issues).toEqual([{ line: 2, column, code, message: `line 2, column ${column}: ${why}` }]);
      // continuity() reads the columns it uses: a shift start is not one of them
      const r = continuity(rows, { from: '2024-10-01' });
      expect(r.rows).toMatchObject(column === 'shift_start' ? { read: 2, rejected: 0 } : { read: 2, rejected: 1 });
      if (column !== 'shift_start') expect(r.issues).toEqual(ledger.issues);
      // routes reads the times and shift times, not the birth date
      expect(routes(rows, { from: '2024-10-01' }).issues).toEqual(column === 'client_birth_date' ? [] : ledger.issues);
    });
  }
});

describe('a log without a whole window says why', () => {
  // the sample's first 10 days (2024-10-01 … 10-10): October's window (1–14) is not wholly in it
  const tenDays = camelDateRows.filter((r) => (r.start as Date) < new Date('2024-10-11T00:00:00+02:00'));
  const expected = "no whole window: the log runs from 2024-10-01 to 2024-10-10 (10 days), and no monthly window (14 days from the first day of a month) lies within it; for one window give its first day: from (CLI --from), e.g. 2024-10-01, the log's first day";

  it('continuity() and measureContinuity(): no window, the warning in the result and to onWarning, every row accounted for', async () => {
    const r = continuity(tenDays, {});
    expect(r.windows).toEqual([]);
    expect(r.warnings).toEqual([expected]);
    const told: string[] = [];
    const m = await measureContinuity(tenDays, { onWarning: (w) => told.push(w) });
    expect(told).toEqual([expected]);
    expect(json(m)).toEqual(json(r));
    const excluded = Object.values(r.rows.excluded).reduce((a, b) => a + b, 0);
    expect([r.rows.read, r.rows.used, excluded]).toEqual([tenDays.length, 0, tenDays.length]);
  });

  it('with the first Monday as anchor it says so; a log with whole windows has no warning', async () => {
    const r = continuity(tenDays, { anchor: 'first-monday' });
    expect(r.warnings[0]).toContain('(14 days from the first Monday of a month)');
    expect((await measureContinuity(SAMPLE, { anchor: 'first-monday' })).warnings).toEqual([]);
  });

  it('staffing and routes warn the same, in their results too', async () => {
    const told: string[] = [];
    const s = await measureStaffing(tenDays, { onWarning: (w) => told.push(w) });
    const r = await measureRoutes(tenDays, { onWarning: (w) => told.push(w) });
    expect(told).toEqual([expected, expected]);
    expect([s.warnings, s.windows]).toEqual([[expected], []]);
    expect([r.warnings, r.windows]).toEqual([[expected], []]);
    expect(staffing(tenDays).warnings).toEqual([expected]);
  });
});
