import { describe, expect, it } from 'vitest';
import { staffedInOrder } from '../../src/engine/staffed.js';
import type { WindowFigures } from '../../src/engine/job.js';
import type { ClientWindowStaffing } from '../../src/measures/staffing/client.js';

const figures = (clients: number[], names: string[]): WindowFigures => {
  const none = new Int32Array(clients.length);
  return {
    count: clients.length, client: Int32Array.from(clients), visits: none, staff: none, reason: new Int8Array(clients.length), firstShortDay: none,
    doubleStaffedVisits: none, group: none, indices: null, staffing: names.map((name) => ({ client: { client: name } }) as unknown as ClientWindowStaffing),
  };
};

describe('staffedInOrder', () => {
  it('puts the clients of every job in the order given, leaving out clients not staffed', () => {
    // ids by number: 0 'C3', 1 'C1', 2 'C2', 3 'C0' (not staffed); id order: 3, 1, 2, 0
    const order = Int32Array.of(3, 1, 2, 0);
    const staffed = staffedInOrder(order, [figures([0, 2], ['C3', 'C2']), figures([1], ['C1'])]);
    expect(staffed.map((c) => c.client.client)).toEqual(['C1', 'C2', 'C3']);
  });

  it('gives none for jobs without staffing', () => {
    const { staffing: _, ...plain } = figures([0], ['C0']);
    expect(staffedInOrder(Int32Array.of(0), [plain])).toEqual([]);
  });
});
