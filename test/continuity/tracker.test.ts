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
