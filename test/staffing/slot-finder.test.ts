import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recurringSlots, type SlotVisit } from '../../src/measures/staffing/slots.js';
import { SlotFinder } from '../../src/engine/staffing/slot-finder.js';

// The engine's slot finder against the rule (recurringSlots), one finder for many clients in turn.

const visit = fc.record({
  day: fc.integer({ min: 0, max: 13 }),
  // times around a few centres, across midnight too
  minute: fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 440, max: 520 }), fc.integer({ min: 1400, max: 1439 }), fc.integer({ min: 0, max: 40 })),
  staff: fc.array(fc.constantFrom('S1', 'S2', 'S10', 'S3', 'Sx'), { minLength: 1, maxLength: 4 }),
});

describe('SlotFinder', () => {
  it('gives the slots of recurringSlots, client after client', () => {
    fc.assert(fc.property(
      fc.array(fc.array(visit, { maxLength: 60 }), { minLength: 1, maxLength: 4 }), fc.constantFrom(0, 10, 30, 45, 720), fc.constantFrom(0.05, 0.2, 0.5, 1), fc.constantFrom(7, 14),
      (clients: SlotVisit[][], toleranceMinutes, minDayShare, days) => {
        const finder = new SlotFinder();
        for (const visits of clients) {
          const options = { toleranceMinutes, minDayShare };
          expect(JSON.stringify(finder.find(visits, days, options))).toBe(JSON.stringify(recurringSlots(visits, days, options)));
        }
      },
    ), { numRuns: 400 });
  });

  it('finds the hand-worked slot: mornings around 08:00 on 3 of 4 days', () => {
    const v = (day: number, minute: number) => ({ day, minute, staff: ['S1', 'S2'] });
    expect(new SlotFinder().find([v(0, 480), v(1, 490), v(2, 470), v(3, 1200)], 4)).toEqual([{ time: '08:00', days: 3, visits: 3, usualPair: ['S1', 'S2'], pairVisits: 3 }]);
  });
});
