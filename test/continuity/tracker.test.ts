import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContinuityTracker, KontinuitetError, type TrackerOptions } from '../../src/index.js';
import { continuity as defined } from '../../src/measures/continuity/definition.js';
import type { RowFacts } from '../../src/measures/continuity/settings.js';
import { parseDay } from '../../src/windows/parse.js';
import { LocalZone } from '../../src/windows/zone.js';

// The live tracker (src/measures/continuity/tracker.ts) against the definition run from scratch on
// the log the tracker holds: one row per staff member assigned to a visit.

const zone = new LocalZone('Europe/Stockholm');
/** Epoch ms of minute `m` after local midnight of the day `d` days after `from`. */
const at = (from: string, d: number, m: number) => zone.atLocalMinute(parseDay(from) + d, m);

/** Staff ids whose text order is not their number order; N5 is a nurse (home health care: not counted). */
const STAFF = ['S1', 'S10', 'S2', 's3', 'Ö4', 'N5'];
const staffRole = (s: string) => (s === 'N5' ? 'sjuksköterska' : '');
const CLIENTS = ['C1', 'C2', 'C3'];

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const one = <T>(...xs: T[]) => fc.constantFrom(...xs);

const options = fc.record({
  from: one('2024-10-26', '2024-03-30', '2024-10-07'), // the days around the daylight-saving changes, and an ordinary week
  preset: one('kolada' as const, 'ange' as const),
  countBothStaff: fc.boolean(),
  inWindowBy: one('start' as const, 'overlap' as const),
  handoverMinutes: one(5, 0, 10),
  minAge: one(65, 65, null),
  days: fc.oneof(w(4, one(1, 2, 3)), w(1, one(14))),
  target: one(1, 2, 14),
});

const staffIndex = fc.integer({ min: 0, max: STAFF.length - 1 });
const op = fc.oneof(
  // one visit: a day from before the window to after it, border times of the day hours, 3-minute
  // visits (shorter than the handover), night visits that reach the next morning, excluded kinds
  w(6, fc.record({
    op: one('add' as const),
    client: fc.integer({ min: 0, max: 2 }),
    day: fc.integer({ min: -1, max: 3 }),
    minute: fc.oneof(w(6, one(480, 720, 1080)), w(3, one(419, 420, 1319, 1320, 1410, 150, 30)), w(1, fc.integer({ min: 0, max: 1439 }))),
    minutes: fc.oneof(w(6, fc.integer({ min: 10, max: 90 })), w(1, one(3, 540))),
    kind: fc.oneof(w(8, one('omvårdnad')), w(1, one('', 'Trygghetslarm - utryckning', 'matleverans'))),
    staff: fc.uniqueArray(staffIndex, { maxLength: 3 }),
  })),
  // two visits on every day of the window, so that clients meet the visits rule
  w(2, fc.record({ op: one('fill' as const), client: fc.integer({ min: 0, max: 2 }), staff: fc.array(staffIndex, { minLength: 1, maxLength: 4 }) })),
  w(2, fc.record({ op: one('remove' as const), pick: fc.nat() })),
  w(6, fc.record({ op: one('assign' as const), pick: fc.nat(), staff: staffIndex })),
  w(4, fc.record({ op: one('unassign' as const), pick: fc.nat(), staff: fc.nat() })),
  w(2, fc.record({ op: one('age' as const), client: fc.integer({ min: 0, max: 2 }), age: one(64, 65, 90, null), birthDate: one(null, null, '1940-05-05', '1959-10-27', '1960-01-01') })),
);

type Planned = { client: string; start: number; end: number; kind: string; staff: string[] };

describe('the tracker equals the definition', () => {
  it('after any sequence of addVisit, assign, unassign and removeVisit: every client and the summary', () => {
    fc.assert(fc.property(options, fc.array(op, { minLength: 5, maxLength: 40, size: 'max' }), (o, ops) => {
      const trackerOptions: TrackerOptions = {
        from: o.from, target: o.target, staffRole,
        rules: { preset: o.preset, countBothStaff: o.countBothStaff, inWindowBy: o.inWindowBy, handoverMinutes: o.handoverMinutes, minAge: o.minAge, days: o.days },
      };
      const t = new ContinuityTracker([], trackerOptions);
      // the model: the visits and ages the tracker was given, from which the log is written
      const visits = new Map<string, Planned>();
      const ages = new Map<string, { age: number | null; birthDate: string | null }>();
      let n = 0;
      const add = (client: string, start: number, end: number, kind: string, staff: string[]) => {
        const id = `V${++n}`;
        t.addVisit({ id, client, start, end, kind, staff });
        visits.set(id, { client, start, end, kind, staff: [...staff] });
      };
      const picked = (k: number) => [...visits.keys()][k % visits.size]!;

      for (const x of ops) {
        if (x.op === 'add') add(CLIENTS[x.client]!, at(o.from, x.day, x.minute), at(o.from, x.day, x.minute) + x.minutes * 60_000, x.kind, x.staff.map((s) => STAFF[s]!));
        else if (x.op === 'fill') {
          for (let d = 0; d < o.days; d++) for (const [j, m] of [480, 1020].entries()) add(CLIENTS[x.client]!, at(o.from, d, m), at(o.from, d, m + 30), 'omvårdnad', [STAFF[x.staff[(2 * d + j) % x.staff.length]!]!]);
        } else if (x.op === 'age') {
          t.setClientAge(CLIENTS[x.client]!, { age: x.age, birthDate: x.birthDate });
          ages.set(CLIENTS[x.client]!, { age: x.age, birthDate: x.birthDate });
        } else if (visits.size === 0) continue;
        else if (x.op === 'remove') {
          const id = picked(x.pick);
          t.removeVisit(id);
          visits.delete(id);
        } else if (x.op === 'assign') {
          const id = picked(x.pick);
          const v = visits.get(id)!;
          const s = STAFF[x.staff]!;
          if (v.staff.includes(s)) expect(() => t.assign(id, s)).toThrow(expect.objectContaining({ code: 'BAD_VISIT' }));
          else {
            // what candidates() foresees is what assign() does
            const [c] = t.candidates(id, [s]);
            expect(t.assign(id, s)).toBe(c!.staffCount);
            const metNow = (t.candidates(id, [s])[0]!.share ?? 0) > 0;
            expect(c!.newFace).toBe(!c!.share && metNow);
            v.staff.push(s);
          }
        } else if (x.op === 'unassign') {
          const id = picked(x.pick);
          const v = visits.get(id)!;
          if (v.staff.length === 0) expect(() => t.unassign(id, 'S1')).toThrow(expect.objectContaining({ code: 'BAD_VISIT' }));
          else {
            const s = v.staff[x.staff % v.staff.length]!;
            t.unassign(id, s);
            v.staff.splice(v.staff.indexOf(s), 1);
          }
        }

        // the log the tracker holds, measured from scratch by the definition
        const rows: RowFacts[] = [];
        for (const [id, v] of visits) {
          const a = ages.get(v.client);
          const birthDay = a?.birthDate == null ? null : parseDay(a.birthDate);
          for (const s of v.staff) {
            rows.push({ line: rows.length + 1, visitId: id, client: v.client, staff: s, start: v.start, end: v.end, kind: v.kind, group: '', birthDay, age: a?.age ?? null, staffRole: staffRole(s), contactStaff: '' });
          }
        }
        const window = defined(rows, { from: o.from, target: o.target, rules: trackerOptions.rules! }).windows[0]!;
        for (const client of CLIENTS) {
          const expected = window.perClient.find((c) => c.client === client);
          if (expected === undefined) expect(t.staffCount(client)).toBe(0); // no row: not in the log
          else {
            const { group: _, ...rest } = expected;
            expect(t.client(client)).toEqual(rest);
            expect(t.staffCount(client)).toBe(expected.staff);
          }
        }
        const { clients, staffPerClient, histogram } = window;
        expect(t.summary()).toEqual({ clients, staffPerClient, histogram });
      }
    }), { numRuns: Number(process.env.TRACKER_RUNS ?? 200), ...(process.env.TRACKER_SEED === undefined ? {} : { seed: Number(process.env.TRACKER_SEED) }) });
  }, 120_000);
});

describe('candidates, by hand', () => {
  const FROM = '2024-10-21'; // a Monday; no clock change in the window
  const t0 = (d: number, hhmm: string) => at(FROM, d, +hhmm.slice(0, 2) * 60 + +hhmm.slice(3));
  const visit = (id: string, d: number, hhmm: string, staff: string[] = [], kind = 'omvårdnad') =>
    ({ id, client: 'C1', start: t0(d, hhmm), end: t0(d, hhmm) + 30 * 60_000, kind, staff });

  it('both staff counted (the default): the count after, a new face, the share of counted visits', () => {
    // C1: V1 S1, V2 S1, V3 S2 counted → met S1 at 2 of 3 visits, S2 at 1: count 2. V4 has nobody yet.
    const t = new ContinuityTracker([visit('V1', 0, '08:00', ['S1']), visit('V2', 0, '17:00', ['S1']), visit('V3', 1, '08:00', ['S2']), visit('V4', 1, '17:00')], { from: FROM, staffRole });
    expect(t.staffCount('C1')).toBe(2);
    expect(t.candidates('V4', ['S1', 'S2', 'S3'])).toEqual([
      { staff: 'S1', counts: true, staffCount: 2, newFace: false, share: 2 / 3 },
      { staff: 'S2', counts: true, staffCount: 2, newFace: false, share: 1 / 3 },
      { staff: 'S3', counts: true, staffCount: 3, newFace: true, share: 0 },
    ]);
    // a second staff member at V3: S2 stays, S3 is one more face (the client meets both)
    expect(t.candidates('V3', ['S2', 'S3'])).toEqual([
      { staff: 'S2', counts: true, staffCount: 2, newFace: false, share: 1 / 3 }, // at the visit already: nothing changes
      { staff: 'S3', counts: true, staffCount: 3, newFace: true, share: 0 },
    ]);
    // a nurse (home health care) is not counted: assigning N5 changes nothing
    expect(t.candidates('V4', ['N5'])).toEqual([{ staff: 'N5', counts: false, staffCount: 2, newFace: false, share: 0 }]);
    expect(t.assign('V4', 'N5')).toBe(2);
    expect(t.client('C1').visits).toBe(3); // V4 with only a nurse is not a counted visit
    expect(t.assign('V4', 'S3')).toBe(3);
    expect(t.client('C1').visits).toBe(4);
  });

  it('visits that do not count: outside the day hours, an excluded kind, outside the window; a client without counted visits has no share', () => {
    // V5 starts 22:00 (the day hours end then), V6 is a safety alarm, V7 is on the day before the window
    const t = new ContinuityTracker([visit('V5', 0, '22:00'), visit('V6', 0, '10:00', [], 'Trygghetslarm'), visit('V7', -1, '10:00')], { from: FROM });
    for (const id of ['V5', 'V6', 'V7']) expect(t.candidates(id, ['S1'])).toEqual([{ staff: 'S1', counts: false, staffCount: 0, newFace: false, share: null }]);
    expect(t.assign('V5', 'S1')).toBe(0);
  });

  it('first staff member only (countBothStaff: false): a candidate first in id order takes the visit’s place in the count', () => {
    // V1 has S2, V2 has S3: met S2 (1 of 2 visits) and S3 (1 of 2): count 2.
    // At V1: S1 sorts before S2 ('S1' < 'S2'), so S1 would be the visit's first staff member: S1 met,
    // S2 no longer met anywhere → count 2 + 1 − 1 = 2, a new face. S3 and S9 sort after S2: S2 stays
    // first, the count stays 2, no new face.
    const rules = { countBothStaff: false };
    const t = new ContinuityTracker([visit('V1', 0, '08:00', ['S2']), visit('V2', 0, '17:00', ['S3'])], { from: FROM, rules });
    expect(t.candidates('V1', ['S1', 'S3', 'S9'])).toEqual([
      { staff: 'S1', counts: true, staffCount: 2, newFace: true, share: 0 },
      { staff: 'S3', counts: true, staffCount: 2, newFace: false, share: 1 / 2 },
      { staff: 'S9', counts: true, staffCount: 2, newFace: false, share: 0 },
    ]);
    // At V2: S1 would replace S3, who is met only there → 2; S2 sorts before S3 and is met at V1 → 2 − 1 = 1
    expect(t.candidates('V2', ['S1', 'S2']).map((c) => [c.staffCount, c.newFace])).toEqual([[2, true], [1, false]]);
    expect(t.assign('V2', 'S2')).toBe(1);
    expect(t.candidates('V2', ['S3'])[0]).toEqual({ staff: 'S3', counts: true, staffCount: 1, newFace: false, share: 0 }); // S3 is at V2 but not met
  });

  it('the visits rule and the summary: two days, two visits a day; under 65 is not counted', () => {
    // C1: 2 visits on each of 2 days, staff S1, S2, S1, S3 → 3 staff, counted. C2: only day 0 → not counted.
    const c2 = (id: string, hhmm: string, staff: string) => ({ ...visit(id, 0, hhmm, [staff]), client: 'C2' });
    const t = new ContinuityTracker([
      visit('V1', 0, '08:00', ['S1']), visit('V2', 0, '17:00', ['S2']), visit('V3', 1, '08:00', ['S1']), visit('V4', 1, '17:00', ['S3']),
      c2('W1', '09:00', 'S4'), c2('W2', '18:00', 'S4'),
    ], { from: FROM, rules: { days: 2 }, target: 2 });
    expect(t.client('C2')).toMatchObject({ eligible: false, reason: 'too_few_visits_on_a_day', firstShortDay: '2024-10-22' });
    const s = t.summary();
    expect(s.clients).toEqual({ served: 2, visitsRule: 1, eligible: 1, doubleStaffed: 0 });
    expect(s.staffPerClient).toMatchObject({ n: 1, mean: 3, median: 3, shareAbove20: 0, shareAboveTarget: 1 });
    expect(s.histogram).toEqual([{ value: 3, count: 1 }]);
    t.setClientAge('C1', { birthDate: '1960-01-01' }); // 64 on 2024-10-21
    expect(t.client('C1')).toMatchObject({ eligible: false, reason: 'under_min_age', age: 64 });
    expect(t.summary().clients).toEqual({ served: 2, visitsRule: 1, eligible: 0, doubleStaffed: 0 });
    expect(t.summary().staffPerClient.mean).toBe(null);
  });

  it('calls it cannot follow are a BAD_VISIT, without ids in the message; a tracker without from a BAD_OPTION', () => {
    const t = new ContinuityTracker([visit('V1', 0, '08:00', ['S1'])], { from: FROM });
    const code = (f: () => unknown) => {
      try { f(); } catch (e) { expect(e).toBeInstanceOf(KontinuitetError); expect((e as Error).message).not.toMatch(/C1|S1|V1/); return (e as KontinuitetError).code; }
      return 'no error';
    };
    expect(code(() => t.assign('V9', 'S1'))).toBe('BAD_VISIT');
    expect(code(() => t.assign('V1', 'S1'))).toBe('BAD_VISIT');
    expect(code(() => t.unassign('V1', 'S2'))).toBe('BAD_VISIT');
    expect(code(() => t.addVisit(visit('V1', 0, '09:00')))).toBe('BAD_VISIT');
    expect(code(() => t.addVisit({ ...visit('V2', 0, '09:00'), end: t0(0, '09:00') }))).toBe('BAD_VISIT'); // the end not after the start
    expect(code(() => t.addVisit({ ...visit('V2', 0, '09:00'), staff: ['S1', 'S1'] }))).toBe('BAD_VISIT');
    expect(code(() => t.setClientAge('C1', { birthDate: '1960-02-30' }))).toBe('BAD_VISIT');
    expect(code(() => new ContinuityTracker([], {} as TrackerOptions))).toBe('BAD_OPTION');
    expect(code(() => new ContinuityTracker([], { from: FROM, rules: { days: 0 } }))).toBe('BAD_OPTION');
    expect(t.staffCount('C1')).toBe(1); // nothing half done
    expect(t.summary().clients.served).toBe(1);
  });
});
