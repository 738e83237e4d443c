// The random visit logs of the property tests (the definition against the engine in
// definition.test.ts, the SQL against the definition in test/sql): logs around the daylight-saving
// changes of 2024 in Europe/Stockholm, written as CSV text, and the measure options to run them with;
// test/explain holds explain to the definition over the same logs.
import fc from 'fast-check';
import type { MeasureOptions } from '../../src/index.js';

export const pad = (n: number) => String(n).padStart(2, '0');

/** Two periods around the daylight-saving changes of 2024 in Europe/Stockholm. */
export const PERIODS = {
  spring: { first: Date.UTC(2024, 1, 24), days: 56, from: ['2024-03-25', '2024-03-18', '2024-04-01'], birth: ['1959-03-04', '1959-03-01', '1959-03-25', '1959-04-02'] },
  autumn: { first: Date.UTC(2024, 8, 26), days: 58, from: ['2024-10-21', '2024-10-27', '2024-10-14'], birth: ['1959-10-07', '1959-10-01', '1959-10-21', '1959-11-04'] },
} as const;

/** `YYYY-MM-DD HH:MM` of minute `m` (may pass 1440) after local midnight of day `d` of the period. */
export function local(first: number, d: number, m: number): string {
  const date = new Date(first + (d + Math.floor(m / 1440)) * 86_400_000).toISOString().slice(0, 10);
  const t = ((m % 1440) + 1440) % 1440;
  return `${date} ${pad(Math.floor(t / 60))}:${pad(t % 60)}`;
}

export const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
export const one = <T>(...xs: T[]) => fc.constantFrom(...xs);

/** One visit: its start (border times of the day hours, across midnight, 02:30 on the change days), staff, a second staff row or none. */
export const visit = fc.record({
  start: fc.oneof(w(8, one(480, 570, 720, 900, 1080)), w(3, one(419, 420, 1319, 1320, 1410, 390, 15)), w(1, one(150)), w(1, fc.integer({ min: 0, max: 1439 }))),
  minutes: fc.oneof(w(6, fc.integer({ min: 5, max: 90 })), w(1, one(540, 600))), // a night visit reaches the next day's 07:00
  staff: fc.integer({ min: 0, max: 9 }),
  second: fc.oneof(w(5, one('none' as const)), w(2, one('double' as const, 'handover' as const)), w(1, one('duplicate' as const))),
  secondStaff: fc.integer({ min: 0, max: 9 }),
  offset: fc.oneof(w(1, one(0)), w(2, fc.integer({ min: 0, max: 40 }))),
  secondGroup: fc.oneof(w(3, one(null)), w(1, one('Norr', 'Söder', 'Öst'))),
  id: fc.oneof(w(5, one('own' as const)), w(2, one('none' as const)), w(1, one('shared' as const))),
  kind: fc.oneof(w(8, one('omvårdnad')), w(1, one('Trygghetslarm', 'matleverans', 'HSL-insats', 'service'))),
  role: fc.oneof(w(8, one('undersköterska')), w(1, one('sjuksköterska', ''))),
  group: fc.oneof(w(6, one('Norr')), w(3, one('Söder')), w(1, one('', 'Öst'))),
  bad: fc.oneof(w(60, one(false)), w(1, one(true))),
});

/** A visit in the day hours, of a kind and role that count, with one staff member or two together. */
export const regularVisit = fc.record({
  start: one(480, 570, 720, 900, 1080, 1200),
  minutes: fc.integer({ min: 10, max: 60 }),
  staff: fc.integer({ min: 0, max: 9 }),
  second: fc.oneof(w(6, one('none' as const)), w(1, one('double' as const))),
  secondStaff: fc.integer({ min: 0, max: 9 }),
  offset: fc.oneof(w(1, one(0)), w(2, fc.integer({ min: 0, max: 40 }))),
  secondGroup: fc.oneof(w(3, one(null)), w(1, one('Norr', 'Söder', 'Öst'))),
  id: fc.oneof(w(4, one('own' as const)), w(1, one('none' as const))),
  kind: one('omvårdnad'),
  role: one('undersköterska'),
  group: fc.oneof(w(6, one('Norr')), w(1, one('Söder'))),
  bad: one(false),
});

/**
 * A client: the days it has visits (from `begin`, for `length` days; 2–3 a day mostly, some days
 * fewer), its birth date (another on each day's first row with `otherBirth`), age and contact
 * persons (one on each day's first row, the other on the rest); a regular client's visits are
 * mostly regular ones, so that it meets the visits rule.
 */
export const client = fc.boolean().chain((regular) => fc.record({
  begin: fc.integer({ min: 0, max: 20 }),
  length: fc.integer({ min: 10, max: 58 }),
  perDay: fc.array(regular ? fc.oneof(w(40, one(2, 3)), w(1, one(0, 1, 4))) : fc.oneof(w(8, one(2, 3)), w(1, one(0, 1, 4))), { minLength: 58, maxLength: 58 }),
  visits: fc.array(regular ? fc.oneof(w(30, regularVisit), w(1, visit)) : visit, { minLength: 40, maxLength: 40 }),
  birth: fc.integer({ min: 0, max: 5 }),
  otherBirth: fc.oneof(w(2, one(null)), w(1, fc.integer({ min: 0, max: 5 }))),
  age: fc.oneof(w(3, one(64, 65, 66, 88)), w(1, one(null))),
  contact: fc.oneof(w(3, fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }))), w(1, one(null))),
}));

export const log = fc.record({
  period: one('spring' as const, 'autumn' as const),
  clients: fc.array(client, { minLength: 1, maxLength: 4 }),
  columns: fc.record({ visitId: fc.boolean(), group: fc.boolean(), birth: fc.boolean(), age: fc.boolean(), role: fc.boolean(), contact: fc.boolean() }),
});

export type Log = typeof log extends fc.Arbitrary<infer L> ? L : never;

/** Staff ids whose text order is not their number order: multi-digit, lower case, Swedish letters. */
export const STAFF = ['S1', 'S10', 'S2', 's3', 'Ö4', 'Å5', 'Z6', 'É7', 'S08', 'a9'];

export const HEADER = ['visit_id', 'client_id', 'staff_id', 'start', 'end', 'kind', 'group', 'client_birth_date', 'client_age', 'staff_role', 'contact_staff_id'];

/** The log as a CSV file (only the columns it has). */
export function csvOf(l: Log): string {
  const p = PERIODS[l.period];
  const keep = [l.columns.visitId, true, true, true, true, true, l.columns.group, l.columns.birth, l.columns.age, l.columns.role, l.columns.contact];
  const lines: string[][] = [];
  l.clients.forEach((c, k) => {
    let n = 0;
    let used = 0;
    const births = [p.birth[c.birth % 4]!, '1940-05-05', '1962-01-01'];
    for (let d = c.begin; d < Math.min(p.days, c.begin + c.length); d++) {
      for (let j = 0; j < c.perDay[d]!; j++) {
        const v = c.visits[used++ % c.visits.length]!;
        const id = v.id === 'own' ? `V${++n}` : v.id === 'shared' ? `V${n % 3}` : '';
        const birth = c.otherBirth !== null && j === 0 ? births[c.otherBirth % 3]! : births[0]!;
        const row = (staff: number, from: number, to: number, group = v.group) => {
          const start = v.bad && staff === v.staff ? `${local(p.first, d, from).slice(0, 11)}25:00` : local(p.first, d, from);
          lines.push([id, `19${50 + k}0101-${1000 + k}`, STAFF[staff]!, start, local(p.first, d, to), v.kind, group, birth,
            c.age === null ? '' : String(c.age + (j === 1 && c.otherBirth !== null ? 5 : 0)), v.role, c.contact === null ? '' : STAFF[c.contact[j === 0 ? 0 : 1]]!]);
        };
        const end = v.start + v.minutes;
        row(v.staff, v.start, end);
        if (v.second === 'double') row(v.secondStaff, v.start + Math.min(v.offset, v.minutes - 1), end, v.secondGroup ?? v.group);
        if (v.second === 'duplicate') row(v.staff, v.start, end);
        if (v.second === 'handover') row(v.secondStaff, end - 1 - (v.offset % 6), end + 20);
      }
    }
  });
  const cols = (r: string[]) => r.filter((_, i) => keep[i]).join(',');
  return `${[cols(HEADER), ...lines.map(cols)].join('\n')}\n`;
}

export const options = fc.record({
  window: fc.oneof(fc.record({ fromIndex: fc.integer({ min: 0, max: 2 }) }), fc.record({ anchor: one('first-day' as const, 'first-monday' as const), maxWindows: one(undefined, 1, 60) })),
  preset: one('kolada' as const, 'ange' as const),
  countBothStaff: fc.boolean(),
  inWindowBy: one('start' as const, 'overlap' as const),
  indices: fc.boolean(),
  handoverMinutes: one(5, 0, 10),
  minAge: one(65, 65, null),
  days: fc.oneof(w(6, one(14)), w(1, one(21, 28))),
});

/** One draw of {@link options}. */
export type LogOptions = typeof options extends fc.Arbitrary<infer O> ? O : never;

/** The measure options of a draw of {@link options} for a log of `period`. */
export function optionsOf(o: LogOptions, period: keyof typeof PERIODS): MeasureOptions {
  const { preset, countBothStaff, inWindowBy, handoverMinutes, minAge, days } = o;
  const base: MeasureOptions = { rules: { preset, countBothStaff, inWindowBy, handoverMinutes, minAge, days }, indices: o.indices };
  if ('fromIndex' in o.window) return { ...base, from: PERIODS[period].from[o.window.fromIndex]! };
  return { ...base, anchor: o.window.anchor, ...(o.window.maxWindows === undefined ? {} : { maxWindows: o.window.maxWindows }) };
}

