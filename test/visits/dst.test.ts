/**
 * Daylight-saving changes. Europe/Stockholm: 2024-10-27 03:00 CEST → 02:00 CET (02:00–02:59 happens
 * twice), 2025-03-30 02:00 CET → 03:00 CEST (02:00–02:59 does not exist). Every row is checked
 * against hand arithmetic and against luxon (DateTime.fromFormat/fromISO with the zone).
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readVisits } from '../../src/read/read.js';
import { existsInZone, fixture, fixtureBytes, issueTriples, luxonLocal, utc } from './helpers.js';

const ZONE = 'Europe/Stockholm';
const HOUR = 3_600_000;

/** Expected instants worked out by hand, one row per fixture line; null = rejected (DST gap). */
const BY_HAND: [line: number, id: string, start: number | null, end: number | null][] = [
  [2, 'A1', utc(2024, 10, 26, 20, 0), utc(2024, 10, 26, 21, 0)], //   22:00, 23:00 CEST (+2)
  [3, 'A2', utc(2024, 10, 26, 22, 30), utc(2024, 10, 26, 23, 30)], // 00:30, 01:30 CEST
  [4, 'A3', utc(2024, 10, 26, 23, 30), utc(2024, 10, 27, 2, 30)], //  01:30 CEST → 03:30 CET: 3 hours
  [5, 'A4', utc(2024, 10, 26, 23, 59), utc(2024, 10, 27, 1, 0)], //   01:59 CEST → 02:00 ambiguous, 2nd (CET): 01:00Z
  [6, 'A5', utc(2024, 10, 27, 1, 30), utc(2024, 10, 27, 1, 59, 59)], // 02:30 ambiguous → CET +1 → 01:30Z
  [7, 'A6', utc(2024, 10, 27, 2, 0), utc(2024, 10, 27, 3, 0)], //     03:00, 04:00 CET (+1)
  [8, 'A7', utc(2024, 10, 27, 11, 0), utc(2024, 10, 27, 11, 30)], //  12:00 CET
  [9, 'A8', utc(2024, 10, 28, 7, 0), utc(2024, 10, 28, 7, 30)], //    08:00 CET
  [10, 'B1', utc(2025, 3, 29, 21, 0), utc(2025, 3, 29, 22, 0)], //    22:00 CET
  [11, 'B2', utc(2025, 3, 29, 23, 30), utc(2025, 3, 30, 0, 30)], //   00:30, 01:30 CET
  [12, 'B3', utc(2025, 3, 30, 0, 30), utc(2025, 3, 30, 1, 30)], //    01:30 CET → 03:30 CEST: 1 hour
  [13, 'B4', utc(2025, 3, 30, 0, 59, 59), utc(2025, 3, 30, 1, 0)], // 01:59:59 CET → 03:00 CEST: 1 second
  [14, 'B5', null, null], //                                         02:00 does not exist
  [15, 'B6', null, null], //                                         02:30 does not exist
  [16, 'B7', utc(2025, 3, 30, 0, 0), null], //                       01:00 CET fine, end 02:59 does not exist
  [17, 'B8', utc(2025, 3, 30, 1, 0), utc(2025, 3, 30, 1, 30)], //     03:00, 03:30 CEST
  [18, 'B9', utc(2025, 3, 31, 6, 0), utc(2025, 3, 31, 6, 30)], //     08:00 CEST
  [19, 'B10', utc(2024, 10, 27, 0, 30), utc(2024, 10, 27, 0, 45)], // explicit +02:00: the first 02:30
  [20, 'B11', utc(2025, 3, 30, 1, 30), utc(2025, 3, 30, 2, 0)], //    explicit offsets: no gap applies
];

/** The fixture's rows as [line, id, start text, end text]. */
function fixtureRows(): [number, string, string, string][] {
  const lines = fixtureBytes('dst-stockholm.csv').toString('utf8').trimEnd().split('\n');
  return lines.slice(1).map((l, i) => {
    const [id = '', , , start = '', end = ''] = l.split(',');
    return [i + 2, id, start, end];
  });
}

/** luxon's reading of a time text: with an offset taken as written, else local to the zone. */
function luxonTime(text: string, zone: string): DateTime {
  return /[Zz]$|[+-]\d\d:?\d\d$/.test(text) ? DateTime.fromISO(text, { setZone: true }) : luxonLocal(text, zone);
}

describe('Europe/Stockholm across 2024-10-27 and 2025-03-30', () => {
  it('matches the hand-worked instants, gap rows rejected as time_nonexistent', async () => {
    const { visits, ledger } = await readVisits(fixture('dst-stockholm.csv'));
    const accepted = BY_HAND.filter(([, , s, e]) => s !== null && e !== null);
    expect(visits.map((v) => [v.line, v.visitId, v.start, v.end])).toEqual(accepted);
    expect(issueTriples(ledger)).toEqual([[14, 'start', 'time_nonexistent'], [15, 'start', 'time_nonexistent'], [16, 'end', 'time_nonexistent']]);
    for (const issue of ledger.issues) expect(issue.message).toContain('Europe/Stockholm');
  });

  it('durations across the changes: 3 h in autumn, 1 h and 1 s in spring', async () => {
    const { visits } = await readVisits(fixture('dst-stockholm.csv'));
    const byId = new Map(visits.map((v) => [v.visitId, v.end - v.start]));
    expect(byId.get('A3')).toBe(3 * HOUR); // 01:30 → 03:30 on the wall is 2 h, plus the repeated hour
    expect(byId.get('B3')).toBe(HOUR); //     01:30 → 03:30 on the wall is 2 h, minus the skipped hour
    expect(byId.get('B4')).toBe(1000);
  });

  it('every row agrees with luxon (epoch ms), and luxon places the ambiguous 02:30 at +01:00', async () => {
    const { visits, ledger } = await readVisits(fixture('dst-stockholm.csv'));
    const byLine = new Map(visits.map((v) => [v.line, v]));
    const rejected = new Map(ledger.issues.map((i) => [i.line, i]));
    for (const [line, , startText, endText] of fixtureRows()) {
      const start = luxonTime(startText, ZONE);
      const end = luxonTime(endText, ZONE);
      const startExists = startText.length > 19 || existsInZone(startText, ZONE);
      const endExists = endText.length > 19 || existsInZone(endText, ZONE);
      if (startExists && endExists) {
        expect(byLine.get(line)?.start, `line ${line} start`).toBe(start.toMillis());
        expect(byLine.get(line)?.end, `line ${line} end`).toBe(end.toMillis());
      } else {
        expect(rejected.get(line), `line ${line}`).toMatchObject({ code: 'time_nonexistent', column: startExists ? 'end' : 'start' });
      }
    }
    const ambiguous = DateTime.fromFormat('2024-10-27 02:30', 'yyyy-MM-dd HH:mm', { zone: ZONE });
    expect(ambiguous.offset).toBe(60);
    expect(ambiguous.toMillis()).toBe(utc(2024, 10, 27, 1, 30));
    expect(byLine.get(6)?.start).toBe(ambiguous.toMillis());
  });
});

/** Days around DST changes in 2024–2025 (± a day), per zone; a random time on them is often in a gap or a repeat. */
const CHANGE_DAYS: Record<string, string[]> = {
  'Europe/Stockholm': ['2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26'],
  'Europe/Dublin': ['2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26'], // 01:00 changes, "negative DST" in tzdata
  'America/New_York': ['2024-03-10', '2024-11-03', '2025-03-09', '2025-11-02'],
  'America/St_Johns': ['2024-03-10', '2024-11-03'], // -03:30 / -02:30
  'Australia/Sydney': ['2024-04-07', '2024-10-06', '2025-04-06', '2025-10-05'],
  'America/Santiago': ['2024-04-06', '2024-04-07', '2024-09-08', '2025-04-06', '2025-09-07'], // changes at midnight
  'Australia/Lord_Howe': ['2024-04-07', '2024-10-06'], // 30-minute changes: +11 → +10:30 at 02:00, +10:30 → +11 at 02:00
  UTC: ['2024-02-29'],
};

const pad = (n: number): string => String(n).padStart(2, '0');

function wallTimeOn(days: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...days), fc.integer({ min: -1, max: 1 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.boolean())
    .map(([day, shift, h, m, withSeconds]) => {
      const d = DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: shift }).toFormat('yyyy-MM-dd');
      return `${d} ${pad(h)}:${pad(m)}${withSeconds ? `:${pad((h * 7 + m) % 60)}` : ''}`;
    });
}

/** Reads wall times as starts (end far in the future: plausible times and visit length widened) and checks each against luxon. */
async function expectAgreesWithLuxon(zone: string, texts: readonly string[]): Promise<void> {
  const rows = texts.map((t) => ({ client_id: 'C', staff_id: 'S', start: t, end: '2100-01-01T00:00Z' }));
  const { visits, ledger } = await readVisits(rows, { zone, maxIssues: Infinity, plausibleTo: '2101-01-01', maxVisitHours: Infinity });
  const byLine = new Map(visits.map((v) => [v.line, v.start]));
  const issues = new Map(ledger.issues.map((i) => [i.line, i.code]));
  texts.forEach((t, i) => {
    if (existsInZone(t, zone)) expect(byLine.get(i + 1), `${zone} ${t}`).toBe(luxonLocal(t, zone).toMillis());
    else expect(issues.get(i + 1), `${zone} ${t}`).toBe('time_nonexistent');
  });
}

describe('a DST matrix against luxon (property)', () => {
  for (const [zone, days] of Object.entries(CHANGE_DAYS)) {
    it(`${zone}: random wall times on change days agree with luxon or are rejected exactly when luxon moves them`, async () => {
      await fc.assert(fc.asyncProperty(fc.array(wallTimeOn(days), { minLength: 1, maxLength: 60, size: 'max' }), (texts) => expectAgreesWithLuxon(zone, texts)), { numRuns: 60 });
    });
  }

  it('every minute of both Stockholm change days, in one read (cache filled in any order)', async () => {
    const texts: string[] = [];
    for (const day of ['2024-10-27', '2025-03-30']) for (let h = 23; h >= 0; h--) for (let m = 0; m < 60; m += 1) texts.push(`${day} ${pad(h)}:${pad(m)}`);
    await expectAgreesWithLuxon(ZONE, texts);
  });
});

describe('changes of 30 minutes (Australia/Lord_Howe)', () => {
  // 2024-10-06 02:00 local (+10:30) the clocks go to 02:30 (+11:00): 02:00–02:29 do not exist.
  // (Found by this suite: the per-hour offset cache took 02:00–02:29 for +11:00; fixed in a29aa45.)
  const LORD_HOWE = 'Australia/Lord_Howe';
  it('02:15 on 2024-10-06 is time_nonexistent; 01:59 and 02:45 are on either side of the change', async () => {
    const rows = [
      { client_id: 'C', staff_id: 'S', start: '2024-10-06 01:59', end: '2024-10-06 03:00' }, // +10:30 → 15:29Z on the 5th
      { client_id: 'C', staff_id: 'S', start: '2024-10-06 02:15', end: '2024-10-06 03:00' }, // in the gap
      { client_id: 'C', staff_id: 'S', start: '2024-10-06 02:45', end: '2024-10-06 03:00' }, // +11:00 → 15:45Z on the 5th
    ];
    const { visits, ledger } = await readVisits(rows, { zone: LORD_HOWE });
    expect(visits.map((v) => [v.line, v.start])).toEqual([[1, utc(2024, 10, 5, 15, 29)], [3, utc(2024, 10, 5, 15, 45)]]);
    expect(issueTriples(ledger)).toEqual([[2, 'start', 'time_nonexistent']]);
  });

  it('every minute of both 2024 change days agrees with luxon', async () => {
    const texts: string[] = [];
    for (const day of ['2024-04-07', '2024-10-06']) for (let h = 0; h < 24; h++) for (let m = 0; m < 60; m++) texts.push(`${day} ${pad(h)}:${pad(m)}`);
    await expectAgreesWithLuxon(LORD_HOWE, texts);
  });
});
