import { withContact, type ClientIndices } from '../measures/continuity/indices.js';
import { continuityIndices } from '../measures/indices/continuityIndices.js';
import { contactPersonShare } from '../measures/indices/contactPersonShare.js';
import type { GatheredRows } from './rowstore.js';
import type { Ranks } from './store.js';

/**
 * The continuity indices of clients read from the row store's columns (staff as ranks of their
 * text) rather than from rows made into objects: what `clientIndices` (measures/continuity/indices.ts) gives for the same
 * rows. The staff sequence is ordered by start, then end, then staff rank (the order of the staff
 * ids' text, so the order `clientIndices` sorts by); the visits are the store's own grouping
 * ({@link GatheredRows.group}, the rule `groupVisits` applies to objects).
 *
 * @example
 * const ix = new StoreIndices(job.staff, job.ranks);
 * store.forEachClient(job.ranks, (c, rows, a, b) => ix.of(store, a, b, facts.contact[c])); // → { n, staff, upc, …, contactShare }
 */
export class StoreIndices {
  /** Staff id by rank. */
  private readonly byRank: string[];
  /** Staff id → rank. */
  private readonly rankOf = new Map<string, number>();

  constructor(staffNames: readonly string[], ranks: Ranks) {
    this.byRank = new Array<string>(staffNames.length);
    staffNames.forEach((name, n) => {
      const rank = ranks.staff[n]!;
      this.byRank[rank] = name;
      this.rankOf.set(name, rank);
    });
  }

  /**
   * The indices of ONE client's rows [a, b) of `store`'s columns during its
   * {@link GatheredRows.forEachClient} (after its evaluation: the grouping reuses the store's
   * scratch), with its contact person (a staff id) or null.
   */
  of(store: GatheredRows, a: number, b: number, contact: string | null): ClientIndices {
    const { start, end, staff } = store.columns;
    const order: number[] = [];
    for (let j = a; j < b; j++) order.push(j);
    order.sort((x, y) => start[x]! - start[y]! || end[x]! - end[y]! || staff[x]! - staff[y]!);
    const indices = continuityIndices(order.map((j) => this.byRank[staff[j]!]!));
    let share: number | null = null;
    if (contact !== null) {
      // a contact person who is nobody's staff member has no rank among the rows' staff: met at no visit
      const rank = this.rankOf.get(contact) ?? -1;
      const visits = store.group(a, b);
      const { members, bounds } = store;
      const met: string[] = [];
      for (let v = 0; v < visits; v++) {
        let present = false;
        for (let m = bounds[v]!; m < bounds[v + 1]! && !present; m++) present = staff[members[m]!] === rank;
        met.push(present ? contact : '');
      }
      share = contactPersonShare(met, contact).share;
    }
    return withContact(indices, contact !== null, share);
  }
}
