import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureContinuity, readVisits, type MeasureOptions } from '../../src/index.js';
import { doubleStaffed, visitsOf } from '../../src/measures/continuity/definition-visits.js';
import { continuity as defined, dayOfHours, evaluateClient, monthWindowStart, placeRow, placingOf, type CountedVisitRow } from '../../src/measures/continuity/definition.js';
import { measureSettings, type RowFacts } from '../../src/measures/continuity/settings.js';
import { resolveRules } from '../../src/measures/continuity/rules.js';
import { daysFromCivil } from '../../src/windows/civil.js';
import { dayWindow } from '../../src/windows/windows.js';
import { LocalZone } from '../../src/windows/zone.js';
import { tempFiles } from './fixture.js';

// The engine (measureContinuity on a file: the byte-level fast path, the general reader, threads
// reading small units) against the definition (src/measures/continuity/definition.ts) over the same rows.

const file = tempFiles('kontinuitet-def-');
const pad = (n: number) => String(n).padStart(2, '0');

/** Two periods around the daylight-saving changes of 2024 in Europe/Stockholm. */
const PERIODS = {
  spring: { first: Date.UTC(2024, 1, 24), days: 56, from: ['2024-03-25', '2024-03-18', '2024-04-01'], birth: ['1959-03-04', '1959-03-01', '1959-03-25', '1959-04-02'] },
  autumn: { first: Date.UTC(2024, 8, 26), days: 58, from: ['2024-10-21', '2024-10-27', '2024-10-14'], birth: ['1959-10-07', '1959-10-01', '1959-10-21', '1959-11-04'] },
} as const;

/** `YYYY-MM-DD HH:MM` of minute `m` (may pass 1440) after local midnight of day `d` of the period. */
function local(first: number, d: number, m: number): string {
  const date = new Date(first + (d + Math.floor(m / 1440)) * 86_400_000).toISOString().slice(0, 10);
  const t = ((m % 1440) + 1440) % 1440;
  return `${date} ${pad(Math.floor(t / 60))}:${pad(t % 60)}`;
}

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const one = <T>(...xs: T[]) => fc.constantFrom(...xs);

/** One visit: its start (border times of the day hours, across midnight, 02:30 on the change days), staff, a second staff row or none. */
const visit = fc.record({
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
const regularVisit = fc.record({
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
const client = fc.boolean().chain((regular) => fc.record({
  begin: fc.integer({ min: 0, max: 20 }),
  length: fc.integer({ min: 10, max: 58 }),
  perDay: fc.array(regular ? fc.oneof(w(40, one(2, 3)), w(1, one(0, 1, 4))) : fc.oneof(w(8, one(2, 3)), w(1, one(0, 1, 4))), { minLength: 58, maxLength: 58 }),
  visits: fc.array(regular ? fc.oneof(w(30, regularVisit), w(1, visit)) : visit, { minLength: 40, maxLength: 40 }),
  birth: fc.integer({ min: 0, max: 5 }),
  otherBirth: fc.oneof(w(2, one(null)), w(1, fc.integer({ min: 0, max: 5 }))),
  age: fc.oneof(w(3, one(64, 65, 66, 88)), w(1, one(null))),
  contact: fc.oneof(w(3, fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }))), w(1, one(null))),
}));

const log = fc.record({
  period: one('spring' as const, 'autumn' as const),
  clients: fc.array(client, { minLength: 1, maxLength: 4 }),
  columns: fc.record({ visitId: fc.boolean(), group: fc.boolean(), birth: fc.boolean(), age: fc.boolean(), role: fc.boolean(), contact: fc.boolean() }),
});

type Log = typeof log extends fc.Arbitrary<infer L> ? L : never;

/** Staff ids whose text order is not their number order: multi-digit, lower case, Swedish letters. */
const STAFF = ['S1', 'S10', 'S2', 's3', 'Ö4', 'Å5', 'Z6', 'É7', 'S08', 'a9'];

const HEADER = ['visit_id', 'client_id', 'staff_id', 'start', 'end', 'kind', 'group', 'client_birth_date', 'client_age', 'staff_role', 'contact_staff_id'];

/** The log as a CSV file (only the columns it has). */
function csvOf(l: Log): string {
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

const options = fc.record({
  window: fc.oneof(fc.record({ fromIndex: fc.integer({ min: 0, max: 2 }) }), fc.record({ anchor: one('first-day' as const, 'first-monday' as const), maxWindows: one(undefined, 1, 60) })),
  preset: one('kolada' as const, 'ange' as const),
  countBothStaff: fc.boolean(),
  inWindowBy: one('start' as const, 'overlap' as const),
  indices: fc.boolean(),
  handoverMinutes: one(5, 0, 10),
  minAge: one(65, 65, null),
  days: fc.oneof(w(6, one(14)), w(1, one(21, 28))),
});

function optionsOf(o: typeof options extends fc.Arbitrary<infer O> ? O : never, period: keyof typeof PERIODS): MeasureOptions {
  const { preset, countBothStaff, inWindowBy, handoverMinutes, minAge, days } = o;
  const base: MeasureOptions = { rules: { preset, countBothStaff, inWindowBy, handoverMinutes, minAge, days }, indices: o.indices };
  if ('fromIndex' in o.window) return { ...base, from: PERIODS[period].from[o.window.fromIndex]! };
  return { ...base, anchor: o.window.anchor, ...(o.window.maxWindows === undefined ? {} : { maxWindows: o.window.maxWindows }) };
}

const json = (x: unknown) => JSON.stringify(x);

describe('the definition, by hand', () => {
  const zone = new LocalZone('Europe/Stockholm');
  /** Epoch ms of a local `YYYY-MM-DD HH:MM` in Stockholm. */
  const at = (t: string) => zone.toEpoch(+t.slice(0, 4), +t.slice(5, 7), +t.slice(8, 10), +t.slice(11, 13), +t.slice(14, 16), 0, 0);
  const day = (t: string) => daysFromCivil(+t.slice(0, 4), +t.slice(5, 7), +t.slice(8, 10));

  it('a monthly window starts on the first day of the month, or on its first Monday', () => {
    expect(monthWindowStart(day('2024-10-20'), 'first-day')).toBe(day('2024-10-01'));
    expect(monthWindowStart(day('2024-10-20'), 'first-monday')).toBe(day('2024-10-07')); // 1 October 2024 is a Tuesday
    expect(monthWindowStart(day('2024-09-30'), 'first-monday')).toBe(day('2024-09-02')); // 1 September a Sunday
    expect(monthWindowStart(day('2024-04-01'), 'first-monday')).toBe(day('2024-04-01')); // a Monday itself
  });

  it('day hours are local: by start 07:00 counts and 06:59 not, also the morning after the clocks go back; by overlap a night visit counts on the day it reaches', () => {
    const start = resolveRules({});
    const overlap = resolveRules({ inWindowBy: 'overlap' });
    const row = (from: string, to: string) => ({ start: at(from), end: at(to) });
    expect(dayOfHours(row('2024-10-27 06:59', '2024-10-27 07:30'), start, zone)).toBe(null);
    expect(dayOfHours(row('2024-10-27 07:00', '2024-10-27 07:30'), start, zone)).toBe(day('2024-10-27'));
    expect(dayOfHours(row('2024-03-31 21:59', '2024-03-31 22:30'), start, zone)).toBe(day('2024-03-31'));
    expect(dayOfHours(row('2024-03-31 22:00', '2024-03-31 22:30'), start, zone)).toBe(null);
    expect(dayOfHours(row('2024-10-26 22:30', '2024-10-27 07:30'), overlap, zone)).toBe(day('2024-10-27'));
    expect(dayOfHours(row('2024-10-26 22:30', '2024-10-27 07:00'), overlap, zone)).toBe(null); // ends as the hours open
    expect(dayOfHours(row('2024-10-26 06:30', '2024-10-26 07:10'), overlap, zone)).toBe(day('2024-10-26'));
  });

  it('a row is excluded for the first reason that applies: window, kind, role, day hours', () => {
    const p = placingOf(measureSettings({ from: '2024-10-21' }));
    const row = (t: string, kind: string, role: string): RowFacts => ({
      line: 1, visitId: '', client: 'C', staff: 'S', start: at(t), end: at(t) + 1_800_000, kind, group: '', birthDay: null, age: null, staffRole: role, contactStaff: '',
    });
    expect(placeRow(row('2024-10-20 23:00', 'Trygghetslarm', 'sjuksköterska'), p)).toBe('outside_window');
    expect(placeRow(row('2024-10-21 23:00', 'Trygghetslarm', 'sjuksköterska'), p)).toBe('excluded_kind');
    expect(placeRow(row('2024-10-21 23:00', 'omvårdnad', 'sjuksköterska'), p)).toBe('excluded_role');
    expect(placeRow(row('2024-10-21 23:00', 'omvårdnad', 'undersköterska'), p)).toBe('outside_day_hours');
    expect(placeRow(row('2024-11-03 21:00', 'omvårdnad', 'undersköterska'), p)).toEqual({ fromDay: day('2024-10-21'), day: 13 });
  });

  describe('one client in a two-day window', () => {
    // day 0: visit V1 09:00–09:30 by S1 (Norr) and S2 (Söder) together: one double-staffed visit, first
    //   staff member S1 (same start and end: the lower id), so Norr; V2 15:00 S3 (Söder).
    // day 1: no ids: 08:00–09:00 S4 and 08:40–09:10 S5 (Söder) overlap 20 min ≥ half of 30: one visit,
    //   double-staffed, first S4; V3 18:00–18:30 S1 (Norr) and 18:27–18:50 S6: together 3 min, a handover.
    // → 4 visits, 2 a day; staff S1–S6 = 6 (first staff members only: S1, S3, S4 = 3); 2 double-staffed;
    //   groups Norr 2, Söder 2: the tie goes to Norr.
    const window = dayWindow('2024-10-21', 2, zone);
    const r = (d: number, from: string, to: string, staff: string, group: string, visitId = ''): CountedVisitRow =>
      ({ start: at(`2024-10-2${1 + d} ${from}`), end: at(`2024-10-2${1 + d} ${to}`), staff, visitId, group, day: d });
    const rows = [
      r(0, '09:00', '09:30', 'S2', 'Söder', 'V1'), r(0, '09:00', '09:30', 'S1', 'Norr', 'V1'), r(0, '15:00', '15:30', 'S3', 'Söder', 'V2'),
      r(1, '08:00', '09:00', 'S4', 'Söder'), r(1, '08:40', '09:10', 'S5', 'Söder'),
      r(1, '18:00', '18:30', 'S1', 'Norr', 'V3'), r(1, '18:27', '18:50', 'S6', 'Norr', 'V3'),
    ];
    const rules = resolveRules({ days: 2 });

    it('counts visits, staff, double staffing and the majority group', () => {
      expect(evaluateClient('C', rows, 70, window, rules)).toEqual({
        client: 'C', group: 'Norr', eligible: true, visits: 4, staff: 6, reason: null, firstShortDay: null, age: 70, doubleStaffedVisits: 2,
      });
      expect(evaluateClient('C', rows, 70, window, { ...rules, countBothStaff: false }).staff).toBe(3);
      expect(evaluateClient('C', rows, 70, window, { ...rules, handoverMinutes: 3 }).doubleStaffedVisits).toBe(3);
    });

    it('applies the visits rule before the age rule', () => {
      expect(evaluateClient('C', rows, 64, window, rules)).toMatchObject({ eligible: false, reason: 'under_min_age' });
      const short = rows.filter((x) => x.staff !== 'S3');
      expect(evaluateClient('C', short, 64, window, rules)).toMatchObject({ reason: 'too_few_visits_on_a_day', firstShortDay: '2024-10-21' });
      expect(evaluateClient('C', short, 64, window, { ...rules, dailyRule: 'average' })).toMatchObject({ reason: 'too_few_visits_on_average', firstShortDay: null });
      expect(evaluateClient('C', [], 64, window, rules)).toMatchObject({ reason: 'no_counted_visits', group: '', visits: 0, staff: 0 });
    });
  });
});

describe('the engine equals the definition', () => {
  // DEF_RUNS=n runs more logs, DEF_SEED=s repeats a run; a failure names the CSV file (kept) and the read
  // path, and is not shrunk unless DEF_SHRINK=1 (slow)
  it('on random logs around the daylight-saving changes, for one window and monthly series, on every read path', async () => {
    await fc.assert(fc.asyncProperty(log, options, async (l, o) => {
      const path = file(csvOf(l));
      const opts = optionsOf(o, l.period);
      const { visits, ledger } = await readVisits(path);
      const expected = json(defined(visits, opts, ledger));
      for (const how of [{ threads: 1 }, { fastPath: false, spillRows: 64 }, { threads: 3, readUnit: 4096 }].map((engine) => ({ engine }))) {
        const got = json(await measureContinuity(path, { ...opts, ...how }));
        const where = `${path} ${json({ ...opts, ...how })}`;
        if (got !== expected) expect(JSON.parse(got), where).toEqual(JSON.parse(expected)); // a readable difference
        expect(got, where).toBe(expected);
      }
      rmSync(path); // kept when it fails
    }), {
      numRuns: Number(process.env.DEF_RUNS ?? 100),
      endOnFailure: process.env.DEF_SHRINK === undefined,
      ...(process.env.DEF_SEED === undefined ? {} : { seed: Number(process.env.DEF_SEED) }),
    });
  }, 180_000);
});

describe('the definition is plain TypeScript', () => {
  const ENGINE = ['accumulator', 'placement', 'store', 'rowstore', 'job', 'partitions', 'parallel', 'thread', 'readers', 'clients', 'clientlist', 'evaluate', 'measure', 'kernel/', 'visits/fast', 'visits/intern', 'visits/group', 'engine/'];
  const source = (name: string) => readFileSync(new URL(`../../src/measures/continuity/${name}`, import.meta.url), 'utf8');

  it('definition.ts reaches no engine module, directly or through the modules it imports', () => {
    // every module the definition loads (type-only imports too), followed through src/
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      // code the definition loads: type-only imports (the engine's settings type) load nothing
      for (const m of text.matchAll(/^(?:import|export)(?! type)[^;]*?from '(\.[^']+)'/gm)) walk(fileURLToPath(new URL(m[1]!.replace(/\.js$/, '.ts'), pathToFileURL(file))));
    };
    walk(fileURLToPath(new URL('../../src/measures/continuity/definition.ts', import.meta.url)));
    const reached = [...seen].map((f) => f.replace(/\\/g, '/').replace(/^.*\/src\//, '').replace(/\.ts$/, ''));
    expect(reached).toEqual(expect.arrayContaining(['measures/continuity/definition-visits', 'measures/continuity/definition-result', 'measures/continuity/rules', 'windows/windows']));
    const engine = reached.filter((path) => ENGINE.some((e) => (e.endsWith('/') ? path.includes(e) : path.endsWith(`/${e}`) || path === e)));
    expect(engine).toEqual([]);
  });

  for (const name of ['definition.ts', 'definition-result.ts', 'definition-visits.ts', 'settings.ts']) {

    it(`${name}: every export has a JSDoc comment with an @example`, () => {
      const text = source(name);
      const missing: string[] = [];
      for (const m of text.matchAll(/^export (?:async )?(?:function|const|class|interface|type) (\w+)/gm)) {
        const doc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*$/.exec(text.slice(0, m.index));
        if (doc === null || !doc[1]!.includes('@example')) missing.push(m[1]!);
      }
      expect(missing).toEqual([]);
    });
  }
});

describe('what one visit is, and double staffing, by hand', () => {
  const r = (start: number, end: number, staff: string, visitId = '') => ({ start, end, staff, visitId });
  it('rows without an id join by half-overlap, transitively; rows with an id only by id', () => {
    // 0–60 and 20–80 overlap by 40 ≥ 30; 70–90 overlaps 20–80 by 10 ≥ 10 (half of 20): one chain.
    // 100–130 overlaps nothing. V1 rows join each other, not the loose row they overlap.
    const rows = [r(0, 60, 'A'), r(70, 90, 'C'), r(20, 80, 'B'), r(100, 130, 'A'), r(0, 60, 'D', 'V1'), r(200, 230, 'E', 'V1')];
    expect(visitsOf(rows)).toEqual([[0, 2, 1], [4, 5], [3]]); // in the order of each visit's first row (start 0: row 0, then row 4)
    // 0–60 and 45–90 overlap by 15 < 30 (half of the shorter, 45): two visits
    expect(visitsOf([r(0, 60, 'A'), r(45, 90, 'B')])).toEqual([[0], [1]]);
  });
  it('double-staffed: two different staff together at least the handover time', () => {
    const min = 60_000;
    expect(doubleStaffed([r(0, 30 * min, 'A'), r(0, 30 * min, 'B')], [0, 1], 5 * min)).toBe(true);
    expect(doubleStaffed([r(0, 30 * min, 'A'), r(26 * min, 50 * min, 'B')], [0, 1], 5 * min)).toBe(false); // 4 minutes: a handover
    expect(doubleStaffed([r(0, 30 * min, 'A'), r(0, 30 * min, 'A')], [0, 1], 5 * min)).toBe(false); // one staff member twice
  });
});
