/**
 * A hand-built log for explain over the window 2024-10-07 (Monday) .. 2024-10-13 (Sunday), 7 days
 * (`rules: { days: 7 }`), Europe/Stockholm, no clock change. Every client is born 1940. Every
 * figure in explain.test.ts is worked out by hand here, not from the code.
 *
 * A (Norr, contact person S1 on every row), 16 counted visits:
 * - mornings 08:00–08:30: Mon–Fri S1 (5 visits), Sat and Sun S3 (2);
 * - evenings 18:00–18:30: Mon–Thu S2 (4), Fri S4, Sat S5, Sun S6 and S7 together (one visit id,
 *   same times: double-staffed; first staff member S6, the lower id);
 * - Tue 12:00–12:30 S8 alone; Wed 12:00–12:30 S2 with S9 from 12:02 to 12:30 (together 28 ≥ 5
 *   min: double-staffed; S2 starts first).
 * Staff S1..S9 = 9. Categories, the first that applies:
 *   S1 contact · S2 regular (5 visits ≥ 3) · S7, S9 doubleOnly (only second at double-staffed
 *   visits) · S3 (Sat, Sun), S5 (Sat evening: weekend comes before evening), S6 (first at the Sun
 *   double visit, so not doubleOnly; Sunday) weekendOnly · S4 (Fri 18:00) eveningOnly · S8 (Tue
 *   noon) occasional → 1 + 1 + 2 + 3 + 1 + 1 = 9.
 * Shares of 16 visits: contact 5/16; regular (S2) 5/16; contact or regular 10/16.
 * One staff a visit (the first): S1, S3, S2, S4, S5, S6, S8 → 7 (S7 and S9 are never first).
 * Floor: familiar {S1, S2}; every other row is made by S1, or S2 where S1 is already at the visit
 *   (Sun evening S6 → S1, S7 → S2; Wed noon S9 → S1, S2 stays) → 2.
 * Before the window (2024-09-30, within the 28 days 2024-09-09 .. 2024-10-06): 09:00 S1 and S3
 *   (met), 23:00 S4 (outside the day hours: not met), 10:00 S5 Trygghetslarm (excluded kind: not
 *   met) → new faces 9 − 2 = 7.
 *
 * B (Söder, no contact person), 14 visits: mornings 08:00–08:30 every day P1 and P2 together (one
 * visit id): double-staffed, first P1; evenings 19:00–19:30 R1 Mon, Tue; R2 Wed, Thu; R3 Fri, Sat, Sun.
 *   P1, P2 regular (7 visits each), R3 regular (3), R1, R2 eveningOnly (weekday evenings) → 5.
 *   Shares: contact null; regular 7 mornings + 3 evenings = 10/14; familiar 10/14.
 *   One staff: P1, R1, R2, R3 → 4. Floor: familiar {P1, P2, R3}; R1, R2 → P1 → 3. New faces 5.
 *
 * C (Söder, no contact person), 14 visits: each day one person makes both visits (08:00 and
 * 20:00, 30 min): T1 Mon … T7 Sun. Each made 2 < 3 visits: T6, T7 weekendOnly; T1..T5 occasional
 * (a morning visit each: not evening-only) → 7. Shares 0, 0. One staff 7. Floor: no one familiar,
 * every visit by one stand-in → 1. New faces 7.
 *
 * Z (Söder): one visit 2024-09-09 10:00 S1: the log's first day, so the log reaches back the 28
 * days before the window (with 29 it does not). Z has no visit in the window: not counted.
 *
 * Window (3 counted clients): staff mean (9 + 5 + 7) / 3 = 7; category means contact 1/3,
 * regular (1 + 3 + 0)/3 = 4/3, doubleOnly 2/3, weekendOnly (3 + 0 + 2)/3 = 5/3, eveningOnly
 * (1 + 2 + 0)/3 = 1, occasional (1 + 0 + 5)/3 = 2 (sum 7); contact share 5/16 (only A has a
 * contact person; without contact 2); regular share (5 + 10 + 0)/44; familiar (10 + 10 + 0)/44;
 * new faces (7 + 5 + 7)/3 = 19/3; one staff (7 + 4 + 7)/3 = 6; floor (2 + 3 + 1)/3 = 2.
 * Groups: Norr = A; Söder = B, C: staff 6, regular 1.5, eveningOnly 1, weekendOnly 1,
 * occasional 2.5, regular share 10/28, one staff 5.5, floor 2, new faces 6.
 */
export interface ExplainRow {
  visit_id: string; client_id: string; staff_id: string; start: string; end: string;
  kind: string; group: string; client_birth_date: string; contact_staff_id: string;
}

/** 2024-10-07 (Monday) + d days, `YYYY-MM-DD`. */
export const day = (d: number) => `2024-10-${String(7 + d).padStart(2, '0')}`;

export function explainRows(): ExplainRow[] {
  const rows: ExplainRow[] = [];
  let seq = 0;
  const add = (client: string, group: string, date: string, from: string, to: string, staff: string, o: Partial<ExplainRow> = {}) => {
    rows.push({
      visit_id: o.visit_id ?? `V${++seq}`, client_id: client, staff_id: staff, start: `${date} ${from}`, end: `${date} ${to}`,
      kind: o.kind ?? 'omvårdnad', group, client_birth_date: '1940-01-01', contact_staff_id: o.contact_staff_id ?? '',
    });
  };
  add('Z', 'Söder', '2024-09-09', '10:00', '10:30', 'S1');
  const a = (date: string, from: string, to: string, staff: string, o: Partial<ExplainRow> = {}) => add('A', 'Norr', date, from, to, staff, { contact_staff_id: 'S1', ...o });
  a('2024-09-30', '09:00', '09:30', 'S1');
  a('2024-09-30', '09:00', '09:30', 'S3', { visit_id: 'before' });
  a('2024-09-30', '23:00', '23:30', 'S4');
  a('2024-09-30', '10:00', '10:30', 'S5', { kind: 'Trygghetslarm' });
  for (let d = 0; d < 7; d++) a(day(d), '08:00', '08:30', d < 5 ? 'S1' : 'S3');
  for (let d = 0; d < 4; d++) a(day(d), '18:00', '18:30', 'S2');
  a(day(4), '18:00', '18:30', 'S4');
  a(day(5), '18:00', '18:30', 'S5');
  a(day(6), '18:00', '18:30', 'S7', { visit_id: 'Asun' });
  a(day(6), '18:00', '18:30', 'S6', { visit_id: 'Asun' });
  a(day(1), '12:00', '12:30', 'S8');
  a(day(2), '12:00', '12:30', 'S2', { visit_id: 'Awed' });
  a(day(2), '12:02', '12:30', 'S9', { visit_id: 'Awed' });
  for (let d = 0; d < 7; d++) {
    add('B', 'Söder', day(d), '08:00', '08:30', 'P2', { visit_id: `B${d}` });
    add('B', 'Söder', day(d), '08:00', '08:30', 'P1', { visit_id: `B${d}` });
    add('B', 'Söder', day(d), '19:00', '19:30', d < 2 ? 'R1' : d < 4 ? 'R2' : 'R3');
    add('C', 'Söder', day(d), '08:00', '08:30', `T${d + 1}`);
    add('C', 'Söder', day(d), '20:00', '20:30', `T${d + 1}`);
  }
  return rows;
}

/** The rows as CSV text (every field plain: no quoting needed). */
export function explainCsv(rows: readonly ExplainRow[]): string {
  const header = Object.keys(rows[0]!) as (keyof ExplainRow)[];
  return `${[header.join(','), ...rows.map((r) => header.map((h) => r[h]).join(','))].join('\n')}\n`;
}
