import fc from 'fast-check';
import type { Row } from '../continuity/fixture.js';

/**
 * A hand-built log for the double-staffing figures over the window 2024-10-07 (Monday) ..
 * 2024-10-20 (Europe/Stockholm, no clock change inside). Every client is born 1940. Every figure
 * in fixtures.test.ts is worked out by hand from this description, not from the code.
 *
 * Norr
 * - P, two staff sharing a visit id: 10-07 `P1` S1 08:00–08:45 and S2 08:02–08:40 (together 38
 *   min; staff time 45 + 38 = 83 min); 10-07 17:00–17:30 S3 alone. Visits 2, double-staffed 1;
 *   staff with second {S1,S2,S3} = 3, without: S1 starts first → {S1,S3} = 2; met only at the
 *   double-staffed visit: S1, S2 → 2. Staff time 83 + 30 = 113 min.
 * - Q, the same without visit id: 10-08 S4 09:00–10:00 and S5 09:10–10:00 (overlap 50 ≥ half the
 *   shorter, 25: one visit; together 50 min; staff time 60 + 50 = 110 min); 10-08 14:00–14:30 S4.
 *   Visits 2, double 1; with {S4,S5} = 2, without {S4} = 1; only at double: S5 → 1. Time 140 min.
 * - H, a handover: 10-09 `H1` S6 10:00–10:30, S7 10:27–11:00: together 3 min < 5 → a handover,
 *   not double staffing. Visits 1, handovers 1; staff with 2; without 1 (the measure's
 *   `countBothStaff: false` keeps only the first staff member of EVERY visit, handovers included).
 *   Time 30 + 33 = 63 min. With `handoverMinutes: 2` it is double-staffed (3 ≥ 2).
 * Söder
 * - D, duplicate registrations: 10-10 `D1` S8 08:00–08:30 twice (the 9th and 10th rows: lines 9, 10
 *   as objects, 10, 11 in a CSV with its header); 10-10 13:00–13:30 S8 twice without visit id (the
 *   11th and 12th rows; full overlap, one visit). Visits 2, no
 *   double staffing, duplicate registrations 2; staff time counts each once: 30 + 30 = 60 min.
 * - T, three staff at once: 10-11 `T1` S1 07:30–08:30, S2 07:30–08:30, S9 07:45–08:15: peak 3,
 *   together (longest pair) 60 min, staff time 60 + 60 + 30 = 150 min. First staff member: S1
 *   (same start and end as S2, lower id). With 3, without 1, only at double 3.
 * - M, double staffing across midnight: `M1` S10 + S11 10-12 23:30 – 10-13 00:30, and `M2` S10 +
 *   S11 10-20 (the window's last day) 23:30 – 10-21 00:30. They start at 23:30, outside the
 *   measure's day hours (07–22): not in the default scope (4 rows `outside_day_hours`); with
 *   `scope: 'all'` both are double-staffed visits of this window (placed by start day), together
 *   60 min each, staff time 4 × 60 = 240 min.
 * - R, a recurring pair: every day k = 0..13 a morning visit `R-k` at 08:00 + OFF[k] minutes,
 *   40 min, S12 and (k ∈ {3, 7, 11} ? S15 : S13), both for the whole visit; days 0–2 also
 *   `RE-k` 19:00–19:30 S12 + S13; every day `RL-k` 13:00–13:30 S14 alone. Visits 14 + 3 + 14 =
 *   31, double 17; ≥ 2 visits every day → counted by the indicator. With {S12,S13,S15,S14} = 4,
 *   without: S12 (lower id at equal times) and S14 → 2; only at double: S12, S13, S15 → 3. Time
 *   14·80 + 3·60 + 14·30 = 1120 + 180 + 420 = 1720 min, on double-staffed visits 1300 min.
 *   Slot: seed 08:10 (k = 1) has all 14 mornings within ±30 min (−20..+40 are within 30 of +10);
 *   their median offset is 0 (sorted: −20 −10 −5 0 0 0 0 | 0 5 10 15 20 25 40) → 08:00; within
 *   ±30 of 08:00 are all but k = 12 (+40) → 13 days, 13 visits; usual pair S12 + S13, together
 *   at 13 − 3 = 10 of them (k = 3, 7, 11 had S15). The 19:00 visits cover 3 days < 7: no slot.
 */
export const FROM = '2024-10-07';

const OFF = [0, 10, -10, 20, -20, 5, 0, 15, -5, 25, 0, 0, 40, 0];

const day = (k: number) => `2024-10-${String(7 + k).padStart(2, '0')}`;
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export function staffingRows(): Row[] {
  const rows: Row[] = [];
  const add = (client: string, group: string, visit: string, staff: string, start: string, end: string): void => {
    rows.push({ visit_id: visit, client_id: client, staff_id: staff, start, end, kind: 'omvårdnad', group, client_birth_date: '1940-01-01', staff_role: 'undersköterska' });
  };
  add('P', 'Norr', 'P1', 'S1', '2024-10-07 08:00', '2024-10-07 08:45');
  add('P', 'Norr', 'P1', 'S2', '2024-10-07 08:02', '2024-10-07 08:40');
  add('P', 'Norr', 'P2', 'S3', '2024-10-07 17:00', '2024-10-07 17:30');
  add('Q', 'Norr', '', 'S4', '2024-10-08 09:00', '2024-10-08 10:00');
  add('Q', 'Norr', '', 'S5', '2024-10-08 09:10', '2024-10-08 10:00');
  add('Q', 'Norr', '', 'S4', '2024-10-08 14:00', '2024-10-08 14:30');
  add('H', 'Norr', 'H1', 'S6', '2024-10-09 10:00', '2024-10-09 10:30');
  add('H', 'Norr', 'H1', 'S7', '2024-10-09 10:27', '2024-10-09 11:00');
  add('D', 'Söder', 'D1', 'S8', '2024-10-10 08:00', '2024-10-10 08:30');
  add('D', 'Söder', 'D1', 'S8', '2024-10-10 08:00', '2024-10-10 08:30');
  add('D', 'Söder', '', 'S8', '2024-10-10 13:00', '2024-10-10 13:30');
  add('D', 'Söder', '', 'S8', '2024-10-10 13:00', '2024-10-10 13:30');
  add('T', 'Söder', 'T1', 'S1', '2024-10-11 07:30', '2024-10-11 08:30');
  add('T', 'Söder', 'T1', 'S2', '2024-10-11 07:30', '2024-10-11 08:30');
  add('T', 'Söder', 'T1', 'S9', '2024-10-11 07:45', '2024-10-11 08:15');
  add('M', 'Söder', 'M1', 'S10', '2024-10-12 23:30', '2024-10-13 00:30');
  add('M', 'Söder', 'M1', 'S11', '2024-10-12 23:30', '2024-10-13 00:30');
  add('M', 'Söder', 'M2', 'S10', '2024-10-20 23:30', '2024-10-21 00:30');
  add('M', 'Söder', 'M2', 'S11', '2024-10-20 23:30', '2024-10-21 00:30');
  for (let k = 0; k < 14; k++) {
    const start = 480 + OFF[k]!;
    add('R', 'Söder', `R-${k}`, 'S12', `${day(k)} ${hhmm(start)}`, `${day(k)} ${hhmm(start + 40)}`);
    add('R', 'Söder', `R-${k}`, [3, 7, 11].includes(k) ? 'S15' : 'S13', `${day(k)} ${hhmm(start)}`, `${day(k)} ${hhmm(start + 40)}`);
    if (k < 3) {
      add('R', 'Söder', `RE-${k}`, 'S12', `${day(k)} 19:00`, `${day(k)} 19:30`);
      add('R', 'Söder', `RE-${k}`, 'S13', `${day(k)} 19:00`, `${day(k)} 19:30`);
    }
    add('R', 'Söder', `RL-${k}`, 'S14', `${day(k)} 13:00`, `${day(k)} 13:30`);
  }
  return rows;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A wall time `minute` minutes after 2024-10-01 00:00 (no clock change before 2024-10-27). */
export function wall(minute: number): string {
  const day = 1 + Math.floor(minute / 1440);
  const m = minute % 1440;
  return `2024-10-${pad(day)} ${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The bounds of {@link visitLogs}: days of October, minutes of a day (mostly), staff numbers, staff a visit, visits a log; kinds drawn per visit when given. */
export interface LogBounds {
  days: [number, number];
  minutes: [number, number];
  staffIds: number;
  staffPerVisit: number;
  visits: number;
  kinds?: readonly string[];
}

/**
 * Random logs of visits for four clients (0, 1 in Norr; 2, 3 in Söder), each visit of one or more
 * staff rows with jittered arrival and leaving (now and then one staff member twice, sometimes a
 * row of one minute), with or without a shared visit id, mostly within `minutes` of a day, now and
 * then at any hour.
 *
 * @example
 * fc.assert(fc.property(visitLogs({ days: [4, 21], minutes: [360, 1380], staffIds: 7, staffPerVisit: 3, visits: 120 }), (rows) => …));
 */
export function visitLogs(b: LogBounds): fc.Arbitrary<Row[]> {
  const visit = {
    client: fc.integer({ min: 0, max: 3 }),
    day: fc.integer({ min: b.days[0], max: b.days[1] }),
    minute: fc.oneof(fc.integer({ min: b.minutes[0], max: b.minutes[1] }), fc.integer({ min: 0, max: 1439 })),
    length: fc.integer({ min: 10, max: 90 }),
    withId: fc.boolean(),
    ...(b.kinds !== undefined ? { kind: fc.constantFrom(...b.kinds) } : {}),
    staff: fc.array(fc.record({ id: fc.integer({ min: 0, max: b.staffIds }), late: fc.integer({ min: 0, max: 12 }), early: fc.integer({ min: -8, max: 8 }) }), { minLength: 1, maxLength: b.staffPerVisit }),
  };
  return fc.array(fc.record(visit), { maxLength: b.visits, size: 'max' }).map((visits) => visits.flatMap((v, i): Row[] => v.staff.map((s) => {
    const start = v.day * 1440 + v.minute + s.late;
    const end = Math.max(start + 1, v.day * 1440 + v.minute + v.length - s.early);
    return {
      visit_id: v.withId ? `V${i}` : '', client_id: `C${v.client}`, staff_id: `S${s.id}`, start: wall(start), end: wall(end),
      kind: (v as { kind?: string }).kind ?? 'omvårdnad', group: v.client < 2 ? 'Norr' : 'Söder', client_birth_date: '1940-01-01', staff_role: 'undersköterska',
    };
  })));
}
