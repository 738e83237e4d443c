import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeJson } from '../../src/outputs/report/json.js';
import { routes, RoutesAccumulator } from '../../src/measures/routes/measure.js';
import type { Visit } from '../../src/read/types.js';
import { visit } from './routes-fixture.js';

// The rows are kept in columns (src/measures/routes/rows.ts): ids as numbers, visit ids as code units,
// times as whole seconds where they can be. These cases check, by hand, what each of those ways
// of keeping a row must give back exactly.

const A: [number, number] = [62.0, 15.0];

describe('rows kept in columns give back what was added', () => {
  it('visit ids beyond Latin-1 and very long ones: equal ids are one visit, different ones are not', () => {
    const v = (s: string, c: string, f: string, t: string, id: string) => visit(s, c, f, t, A, { visitId: id });
    const long = 'L'.repeat(5000);
    const rows = [
      v('S1', 'c1', '10:00', '11:00', 'V☃'), v('S2', 'c1', '10:00', '11:00', 'V☃'), // one visit, two staff: double-staffed
      v('S1', 'c1', '12:00', '12:30', 'V☃x'), v('S2', 'c1', '12:00', '12:30', 'V☃y'), // two visits
      v('S3', 'c2', '09:00', '09:30', long), v('S4', 'c2', '09:00', '09:30', long), // one visit
      v('S3', 'c2', '13:00', '13:30', `${long}1`), v('S4', 'c2', '13:00', '13:30', `${long}2`), // two visits
      v('S5', 'c3', '08:00', '08:30', 'Vä'), v('S6', 'c3', '08:00', '08:30', 'Va'), // 'ä' is Latin-1: two visits
      v('S7', 'c4', '08:00', '08:30', 'V\u2603'), v('S8', 'c4', '08:00', '08:30', 'V\u0003'), // the same low byte: two visits
      // 'v7pwu' and 've5fa' share their 32-bit FNV-1a hash (found by search): two visits, the second double-staffed
      v('S9', 'c5', '08:00', '08:30', 'v7pwu'), v('T1', 'c5', '08:00', '08:30', 've5fa'), v('T2', 'c5', '08:00', '08:30', 've5fa'),
    ];
    const w = routes(rows, { zone: 'UTC', all: true }).windows[0]!;
    expect(w.routes.map((d) => [d.staff, d.visits, d.doubleStaffedVisits])).toEqual([
      ['S1', 2, 1], ['S2', 2, 1], ['S3', 2, 1], ['S4', 2, 1], ['S5', 1, 0], ['S6', 1, 0], ['S7', 1, 0], ['S8', 1, 0],
      ['S9', 1, 0], ['T1', 1, 1], ['T2', 1, 1],
    ]);
  });
  it('rows without a visit id (also the first row) are grouped by overlap', () => {
    const rows = [visit('S1', 'c1', '10:00', '11:00', A), visit('S2', 'c1', '10:10', '11:00', A, { visitId: '' }), visit('S2', 'c2', '12:00', '12:20', A, { visitId: 'V9' })];
    const w = routes(rows, { zone: 'UTC', all: true }).windows[0]!;
    expect(w.routes.map((d) => [d.staff, d.visits, d.doubleStaffedVisits])).toEqual([['S1', 1, 1], ['S2', 2, 1]]);
  });
  it('times with milliseconds, after rows in whole seconds: kept exactly', () => {
    const ms = (hhmmss: string) => Date.parse(`2024-10-01T${hhmmss}Z`);
    const rows = [
      visit('S1', 'c1', '08:00', '08:30', A),
      { ...visit('S1', 'c2', '09:00', '09:30', A), start: ms('09:00:00.250'), end: ms('09:30:00.750') },
      visit('S1', 'c3', '10:00', '10:10', A),
    ];
    const d = routes(rows, { zone: 'UTC', all: true }).windows[0]!.routes[0]!;
    // client time 30 minutes + 30 minutes 0.5 s + 10 minutes; working time 08:00 to 10:10
    expect(d.clientMinutes).toBe((1_800_000 + 1_800_500 + 600_000) / 60_000);
    expect(d.workingMinutes).toBe(130);
  });
  it('more than 65,536 staff members and a visit of more than 18 hours (wider columns)', () => {
    const rows: Visit[] = [];
    for (let s = 0; s < 70_000; s++) rows.push(visit(`S${String(s).padStart(5, '0')}`, `c${s % 7}`, '08:00', '08:10', A, { visitId: `V${s}` }));
    rows.push({ ...visit('S69999', 'c1', '09:00', '09:00', A), end: Date.parse('2024-10-02T05:00:00Z') });
    const w = routes(rows, { zone: 'UTC', all: true }).windows[0]!;
    expect(w.staffDays).toBe(70_000);
    const last = w.routes[w.routes.length - 1]!;
    // the 20-hour visit counts until the window's end, midnight
    expect([last.staff, last.visits, last.clientMinutes]).toEqual(['S69999', 2, 10 + 15 * 60]);
    expect(w.perStaff[65_536]!.staff).toBe('S65536');
  });
});

describe('the streamed result', () => {
  it('is written as the same text as the result made into objects', async () => {
    const v = (s: string, c: string, f: string, t: string, at: [number, number]) => visit(s, c, f, t, at);
    const rows = [
      v('S2', 'c1', '08:00', '08:30', [62.0, 15.0]), v('S2', 'c2', '09:00', '09:30', [62.02, 15.2]), v('S2', 'c3', '10:00', '10:30', [62.01, 15.1]),
      v('S1', 'c4', '08:00', '09:00', [62.1, 15.3]), v('S1', 'c5', '10:00', '11:00', [62.0, 15.3]),
    ];
    const make = () => {
      const acc = new RoutesAccumulator({ zone: 'UTC', all: true });
      for (const r of rows) acc.add(r);
      return acc;
    };
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeJson(out, make().finishStreamed(), ['routes', 'perStaff']);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`${JSON.stringify(make().finish(), null, 2)}\n`);
  });
  it('an accumulator is finished once', () => {
    const acc = new RoutesAccumulator({ zone: 'UTC', all: true });
    acc.add(visit('S1', 'c1', '08:00', '08:30', A));
    acc.finish();
    expect(() => acc.finish()).toThrow(/finished/);
    expect(() => acc.add(visit('S1', 'c1', '09:00', '09:30', A))).toThrow(/finished/);
  });
});
