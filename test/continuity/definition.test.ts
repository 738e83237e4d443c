import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureContinuity, readVisits } from '../../src/index.js';
import { doubleStaffed, visitsOf } from '../../src/measures/continuity/definition-visits.js';
import { continuity as defined, dayOfHours, evaluateClient, monthWindowStart, placeRow, placingOf, type CountedVisitRow } from '../../src/measures/continuity/definition.js';
import { measureSettings, type RowFacts } from '../../src/measures/continuity/settings.js';
import { resolveRules } from '../../src/measures/continuity/rules.js';
import { daysFromCivil } from '../../src/windows/civil.js';
import { dayWindow } from '../../src/windows/windows.js';
import { LocalZone } from '../../src/windows/zone.js';
import { tempFiles } from './fixture.js';
import { csvOf, log, options, optionsOf } from './generator.js';

// The engine (measureContinuity on a file: the byte-level fast path, the general reader, threads
// reading small units) against the definition (src/measures/continuity/definition.ts) over the same rows.

const file = tempFiles('kontinuitet-def-');
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
