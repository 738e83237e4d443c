/**
 * What the live tracker ({@link ./tracker.ts}) keeps of each client, and the summary's tallies
 * over the clients: the least state from which the definition's figures follow.
 *
 * @module
 */
import { spreadOfSorted } from '../../summary/spread.js';
import { countedOrWhyNot } from './definition.js';
import type { ContinuityRules } from './rules.js';
import type { TrackerSummary } from './tracker-types.js';
import type { IneligibleReason } from './types.js';

/**
 * One client in the tracker: the staff met (a multiset: staff → counted visits at which they are
 * met; its size is the official count), the counted visits per day of the window and in all, the
 * double-staffed ones, the age at the window start, and whether it is counted (the reason it is
 * not, and its first short day), as {@link countedOrWhyNot} says.
 *
 * @example
 * const c: ClientState = newClient(resolveRules({})); // no visits: reason 'no_counted_visits'
 */
export interface ClientState {
  readonly met: Map<string, number>;
  readonly perDay: Int32Array;
  counted: number;
  doubleStaffed: number;
  age: number | null;
  reason: IneligibleReason | null;
  shortDay: number;
}

/**
 * A client without visits (of unknown age).
 *
 * @example
 * newClient(resolveRules({})).reason; // → 'no_counted_visits'
 */
export function newClient(rules: ContinuityRules): ClientState {
  const c: ClientState = { met: new Map(), perDay: new Int32Array(rules.days), counted: 0, doubleStaffed: 0, age: null, reason: null, shortDay: -1 };
  reconsider(c, rules);
  return c;
}

/**
 * Whether the client is counted now, by the definition's visits and age rules ({@link countedOrWhyNot}).
 *
 * @example
 * reconsider(c, rules); c.reason; // → null when counted
 */
export function reconsider(c: ClientState, rules: ContinuityRules): void {
  const { reason, shortDay } = countedOrWhyNot(c.perDay, c.counted, c.age, rules);
  c.reason = reason;
  c.shortDay = shortDay;
}

/**
 * One more (`step` 1) or one fewer (-1) counted visit at which the client meets `staff`; a staff
 * member at none is no longer met.
 *
 * @example
 * meet(c.met, 'S1', 1); c.met.get('S1'); // → 1
 */
export function meet(met: Map<string, number>, staff: string, step: 1 | -1): void {
  const n = (met.get(staff) ?? 0) + step;
  if (n === 0) met.delete(staff);
  else met.set(staff, n);
}

/**
 * The tallies of the summary over the clients, kept as clients change: a client is taken out
 * (`add(c, -1)`) before it changes and put back (`add(c, 1)`) after. Counted clients are tallied by
 * their staff count, from which the sorted values of the spread are written out in order.
 *
 * @example
 * const t = new Tallies(); t.add(c, 1); t.summary(14).clients.served; // → 1 when c has a counted visit
 */
export class Tallies {
  private served = 0;
  private visitsRule = 0;
  private eligible = 0;
  private doubleStaffed = 0;
  /** Counted clients by staff count. */
  private readonly byCount: number[] = [];

  /**
   * Puts a client in (1) or takes it out (-1): served (any counted visit), visits rule met (counted,
   * or left out by age only), counted, double-staffed (any double-staffed visit).
   *
   * @example
   * tallies.add(client, -1); change(client); tallies.add(client, 1);
   */
  add(c: ClientState, step: 1 | -1): void {
    if (c.counted > 0) this.served += step;
    if (c.reason === null || c.reason === 'under_min_age') this.visitsRule += step;
    if (c.doubleStaffed > 0) this.doubleStaffed += step;
    if (c.reason === null) {
      this.eligible += step;
      this.byCount[c.met.size] = (this.byCount[c.met.size] ?? 0) + step;
    }
  }

  /**
   * The summary as the measure's ({@link summarise}): the client counts, the spread of staff per
   * counted client by the same function ({@link spreadOfSorted}) of the same values in the same
   * order, and the histogram from the smallest count to the largest, gaps included.
   *
   * @example
   * tallies.summary(14).staffPerClient.mean; // → mean staff per counted client
   */
  summary(target: number): TrackerSummary {
    const sorted = new Float64Array(this.eligible);
    const histogram: { value: number; count: number }[] = [];
    for (let value = 0, k = 0; k < this.eligible; value++) {
      const count = this.byCount[value] ?? 0;
      if (k > 0 || count > 0) histogram.push({ value, count });
      sorted.fill(value, k, k + count);
      k += count;
    }
    return {
      clients: { served: this.served, visitsRule: this.visitsRule, eligible: this.eligible, doubleStaffed: this.doubleStaffed },
      staffPerClient: spreadOfSorted(sorted, target),
      histogram,
    };
  }
}
