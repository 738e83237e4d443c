import { groupBy, sortedKeys } from '../summary/groupBy.js';
import { histogram, spread } from '../summary/spread.js';
import type { DayWindow } from '../time/windows.js';
import { summariseIndices } from './indices.js';
import type { ClientContinuity, ContinuitySummary, ContinuityWindow } from './types.js';

/**
 * A window's result from every client's result: the clients sorted by id, the summary over the
 * municipality and one per group (a client's group: that of most of its counted visits; clients
 * without counted visits belong to none).
 *
 * @example
 * windowResult(window, perClient, 14, false).staffPerClient.mean; // → mean over eligible clients
 */
export function windowResult(window: DayWindow, clients: ClientContinuity[], target: number, withIndices: boolean): ContinuityWindow {
  const perClient = clients.sort((a, b) => (a.client < b.client ? -1 : a.client > b.client ? 1 : 0));
  const byGroup = groupBy(perClient.filter((c) => c.visits > 0), (c) => c.group);
  return {
    from: window.from,
    to: window.to,
    ...summarise(perClient, target, withIndices),
    groups: sortedKeys(byGroup).map((group) => ({ group, ...summarise(byGroup.get(group)!, target, withIndices) })),
    perClient,
  };
}

/**
 * Ånge's client counts, the spread of staff per eligible client, its histogram and (with indices)
 * the spread of each index, over some clients.
 *
 * @example
 * summarise(perClient, 14, false).clients.eligible; // → clients counted in the indicator
 */
export function summarise(clients: readonly ClientContinuity[], target: number, withIndices: boolean): ContinuitySummary {
  const eligible = clients.filter((c) => c.eligible).map((c) => c.staff);
  return {
    clients: {
      served: clients.filter((c) => c.visits > 0).length,
      visitsRule: clients.filter((c) => c.eligible || c.reason === 'under_min_age').length,
      eligible: eligible.length,
      doubleStaffed: clients.filter((c) => c.doubleStaffedVisits > 0).length,
    },
    staffPerClient: spread(eligible, target),
    histogram: histogram(eligible),
    ...(withIndices ? { indices: summariseIndices(clients.filter((c) => c.eligible && c.indices !== undefined).map((c) => c.indices!)) } : {}),
  };
}
