import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContinuityAccumulator } from '../../src/engine/accumulator.js';
import { ClientStaffer, type ClientWindowStaffing, type StafferOptions } from '../../src/measures/staffing/client.js';
import { ALL_VISITS_RULES } from '../../src/measures/staffing/measure.js';
import type { MeasureOptions } from '../../src/measures/continuity/settings.js';
import type { Row } from '../continuity/fixture.js';
import { FROM, staffingRows, visitLogs } from './fixture.js';

// The engine staffs each client from its columns (ColumnStaffer, in work.ts's WindowStaffer);
// the rule is ClientStaffer over the same counted rows as objects: the two give the same figures,
// lists and texts, key for key.

/** Random logs: visits of one to four staff rows (now and then one staff member twice, sometimes a zero-length row), with or without a visit id. */
const logs = visitLogs({ days: [5, 20], minutes: [400, 1300], staffIds: 11, staffPerVisit: 4, visits: 150 });

/** Per window, the clients as the engine staffs them and as ClientStaffer does, as JSON text (key order included), by client. */
function bothWays(rows: readonly Row[], options: MeasureOptions, staffer: StafferOptions): [string, string] {
  const acc = new ContinuityAccumulator(options);
  for (const r of rows) acc.add(r);
  const rule: ClientWindowStaffing[][] = [];
  acc.forEachCountedClient((k, window, client, rowsOf, age, columns) => {
    (rule[k] ??= []).push(new ClientStaffer(window, acc.rules, acc.zone, staffer).staff(client, columns, rowsOf, age));
  });
  acc.staffAlong(staffer);
  acc.finish();
  const text = (perWindow: ClientWindowStaffing[][]) => JSON.stringify(perWindow.map((clients) => [...clients].sort((x, y) => (x.client.client < y.client.client ? -1 : 1))));
  const staffed = acc.staffed();
  return [text(staffed), text(staffed.map((_, k) => rule[k] ?? []))];
}

describe('the engine staffs a client as ClientStaffer does', () => {
  it('on the hand-built log: every figure and list the same', () => {
    const [engine, rule] = bothWays(staffingRows(), { from: FROM }, { slots: {}, listVisits: true });
    expect(engine).toBe(rule);
    expect(JSON.parse(engine)[0].length).toBeGreaterThan(3);
  });

  it('on random logs, with either staff count, any handover threshold, listed or not, counted visits or all', () => {
    fc.assert(fc.property(logs, fc.boolean(), fc.constantFrom(0, 5, 20), fc.boolean(), fc.boolean(), (rows, countBothStaff, handoverMinutes, listVisits, all) => {
      const rules = { countBothStaff, handoverMinutes, ...(all ? ALL_VISITS_RULES : {}) };
      const [engine, rule] = bothWays(rows, { from: '2024-10-07', rules }, { slots: { toleranceMinutes: 45, minDayShare: 0.2 }, listVisits });
      expect(engine).toBe(rule);
    }), { numRuns: 200 });
  });
});
