// Hand-worked cases for the continuity query: each figure below is worked out from the rules by
// hand (in the comments), not taken from the code.
import type { ContinuityRules } from '../../src/index.js';
import type { SqlClient, TableRow } from './databases.js';

/** A row of the table: a visit of `client` by `staff` from `start` to `end` (local), with the other columns as given. */
function row(client: string, staff: string, start: string, end: string, o: { id?: string | null; kind?: string; role?: string; birth?: string; age?: number } = {}): TableRow {
  return [o.id ?? null, client, staff, start, end, o.kind ?? 'omvårdnad', 'Norr', o.birth ?? null, o.age ?? null, o.role ?? 'undersköterska', null];
}

/** One table and what the query gives for it with each set of options. */
export interface Fixture {
  name: string;
  rows: TableRow[];
  runs: { from: string; rules: Partial<ContinuityRules>; expected: SqlClient[] }[];
}

const yes = (client_id: string, staff: number): SqlClient => ({ client_id, staff, counted: true });
const no = (client_id: string, staff: number): SqlClient => ({ client_id, staff, counted: false });

/** The two days 2024-10-21 and -22 of a two-day window, as in test/continuity/definition.test.ts. */
function twoDays(client: string, other: { birth?: string; age?: number }): TableRow[] {
  return [
    // day 0: V1 09:00–09:30 by S2 and S1 together (one visit; its first staff member S1, the lower id); V2 15:00 S3
    row(client, 'S2', '2024-10-21 09:00', '2024-10-21 09:30', { id: 'V1', ...other }),
    row(client, 'S1', '2024-10-21 09:00', '2024-10-21 09:30', { id: 'V1', ...other }),
    row(client, 'S3', '2024-10-21 15:00', '2024-10-21 15:30', { id: 'V2', ...other }),
    // day 1: no ids, 08:00–09:00 S4 and 08:40–09:10 S5 overlap 20 min ≥ half of 30: one visit, first S4;
    // V3 18:00 S1 and 18:27 S6 (a handover, still one visit by its id)
    row(client, 'S4', '2024-10-22 08:00', '2024-10-22 09:00', other),
    row(client, 'S5', '2024-10-22 08:40', '2024-10-22 09:10', { id: '', ...other }),
    row(client, 'S1', '2024-10-22 18:00', '2024-10-22 18:30', { id: 'V3', ...other }),
    row(client, 'S6', '2024-10-22 18:27', '2024-10-22 18:50', { id: 'V3', ...other }),
  ];
}

export const FIXTURES: Fixture[] = [
  {
    // C: 4 visits, 2 a day; staff S1–S6 = 6, first staff members only S1, S3, S4 = 3; age 70.
    // D: the same rows, born 1959-10-22: 64 on 2024-10-21, not counted. E: born 1959-10-21: 65, counted.
    // Y: 3 visits on day 0 and 1 on day 1: fails "every day" (kolada), meets 4 ≥ 2 × 2 on average (ange).
    name: 'one visit by id and by half-overlap, the first staff member, the age and the every-day rule',
    rows: [
      ...twoDays('C', { age: 70 }), ...twoDays('D', { birth: '1959-10-22' }), ...twoDays('E', { birth: '1959-10-21' }),
      row('Y', 'S1', '2024-10-21 08:00', '2024-10-21 08:30'), row('Y', 'S1', '2024-10-21 12:00', '2024-10-21 12:30'),
      row('Y', 'S2', '2024-10-21 18:00', '2024-10-21 18:30'), row('Y', 'S2', '2024-10-22 08:00', '2024-10-22 08:30'),
    ],
    runs: [
      { from: '2024-10-21', rules: { days: 2 }, expected: [yes('C', 6), no('D', 6), yes('E', 6), no('Y', 2)] },
      { from: '2024-10-21', rules: { days: 2, countBothStaff: false }, expected: [yes('C', 3), no('D', 3), yes('E', 3), no('Y', 2)] },
      { from: '2024-10-21', rules: { days: 2, preset: 'ange' }, expected: [yes('C', 6), no('D', 6), yes('E', 6), yes('Y', 2)] },
      { from: '2024-10-21', rules: { days: 2, minAge: null }, expected: [yes('C', 6), yes('D', 6), yes('E', 6), no('Y', 2)] },
      // one day: only day 0's rows are in the window (C: V1 and V2, staff S1–S3)
      { from: '2024-10-21', rules: { days: 1 }, expected: [yes('C', 3), no('D', 3), yes('E', 3), yes('Y', 2)] },
    ],
  },
  {
    // X: 08:00 S1 and 18:00 S2 each day (2 a day); an excluded kind (S7, "Trygghetslarm - utryckning"),
    // an excluded role (S8, "Sjuksköterska"), 06:59 (S9) and 22:00 (S10) outside the day hours; 21:59
    // (S11) counts. Staff: S1, S2, S11 = 3. Z: only a safety alarm in the window, and a visit the day
    // before it: seen, 0 staff, not counted. W: visits only before the window: not seen.
    name: 'exclusions: kinds and roles matched by their first word, the day hours 07–22 by start or overlap',
    rows: [
      row('X', 'S1', '2024-10-21 08:00', '2024-10-21 08:30'), row('X', 'S2', '2024-10-21 18:00', '2024-10-21 18:30'),
      row('X', 'S1', '2024-10-22 08:00', '2024-10-22 08:30'), row('X', 'S2', '2024-10-22 18:00', '2024-10-22 18:30'),
      row('X', 'S7', '2024-10-21 12:00', '2024-10-21 12:20', { kind: 'Trygghetslarm - utryckning' }),
      row('X', 'S8', '2024-10-21 13:00', '2024-10-21 13:20', { role: 'Sjuksköterska' }),
      row('X', 'S9', '2024-10-22 06:59', '2024-10-22 07:30'),
      row('X', 'S10', '2024-10-22 22:00', '2024-10-22 22:30'),
      row('X', 'S11', '2024-10-22 21:59', '2024-10-22 22:30'),
      row('Z', 'S1', '2024-10-21 12:00', '2024-10-21 12:20', { kind: 'larm' }),
      row('Z', 'S1', '2024-10-20 12:00', '2024-10-20 12:20'),
      row('W', 'S1', '2024-10-20 08:00', '2024-10-20 08:20'),
    ],
    runs: [
      { from: '2024-10-21', rules: { days: 2 }, expected: [yes('X', 3), no('Z', 0)] },
      // kinds given: only meal deliveries are excluded, so the alarms count (X: + S7; Z: S1 on one day of two)
      { from: '2024-10-21', rules: { days: 2, excludedKinds: ['matleverans'] }, expected: [yes('X', 4), no('Z', 1)] },
      // by overlap: S9 (06:59–07:30) overlaps the hours and counts; S10 (22:00–22:30) does not
      { from: '2024-10-21', rules: { days: 2, inWindowBy: 'overlap' }, expected: [yes('X', 4), no('Z', 0)] },
    ],
  },
  {
    // The autumn change (2024-10-27: 03:00 summer time becomes 02:00 winter time; a wall time in the
    // repeated hour is read as its second occurrence). Hours 01:00–24:00 so the night rows count.
    // N: no ids; S1 01:50–02:20 lasts 90 real minutes (30 on the wall clock), S2 02:00–03:00 60 minutes;
    // together 20 minutes: 40 ≥ 30 on the wall clock would join them, 40 < 60 in real time does not.
    // So two visits (counted with 2 a day), first staff members S1 and S2 = 2.
    // Spring (2024-03-31: 02:00 becomes 03:00): P's row at 02:30 (S3) does not exist and is left out.
    name: 'daylight saving: durations in real time, local times that do not exist',
    rows: [
      row('N', 'S1', '2024-10-27 01:50', '2024-10-27 02:20'), row('N', 'S2', '2024-10-27 02:00', '2024-10-27 03:00'),
      row('P', 'S1', '2024-03-31 08:00', '2024-03-31 08:30'), row('P', 'S2', '2024-03-31 18:00', '2024-03-31 18:30'),
      row('P', 'S3', '2024-03-31 02:30', '2024-03-31 03:30'),
    ],
    runs: [
      { from: '2024-10-27', rules: { days: 1, dayStartMinute: 60, dayEndMinute: 1440, countBothStaff: false }, expected: [yes('N', 2)] },
      { from: '2024-03-31', rules: { days: 1, dayStartMinute: 0, dayEndMinute: 1440 }, expected: [yes('P', 2)] },
    ],
  },
  {
    // R: two visits a day by S1 and S2, and rows the reader rejects: an end before its start (S3), a
    // visit of 25 hours (S4), an empty staff id, an age of 131 (S5). Q: two rows at one time without
    // ids, by "a9" and "Z6" (first by byte order: "Z6"), and one by "a9" alone: first staff
    // members Z6 and a9 = 2 (Q has 2 visits on day 0, 0 on day 1: not counted).
    name: 'rows the reader rejects are left out; staff ids compared byte by byte',
    rows: [
      row('R', 'S1', '2024-10-21 08:00', '2024-10-21 08:30'), row('R', 'S2', '2024-10-21 18:00', '2024-10-21 18:30'),
      row('R', 'S1', '2024-10-22 08:00', '2024-10-22 08:30'), row('R', 'S2', '2024-10-22 18:00', '2024-10-22 18:30'),
      row('R', 'S3', '2024-10-21 12:00', '2024-10-21 11:00'), row('R', 'S4', '2024-10-21 12:00', '2024-10-22 13:00'),
      row('R', ' ', '2024-10-21 12:00', '2024-10-21 13:00'), row('R', 'S5', '2024-10-21 12:00', '2024-10-21 13:00', { age: 131 }),
      row('Q', 'a9', '2024-10-21 09:00', '2024-10-21 09:30'), row('Q', 'Z6', '2024-10-21 09:00', '2024-10-21 09:30'),
      row('Q', 'a9', '2024-10-21 15:00', '2024-10-21 15:30'),
    ],
    runs: [
      { from: '2024-10-21', rules: { days: 2 }, expected: [no('Q', 2), yes('R', 2)] },
      { from: '2024-10-21', rules: { days: 2, countBothStaff: false }, expected: [no('Q', 2), yes('R', 2)] },
    ],
  },
];
