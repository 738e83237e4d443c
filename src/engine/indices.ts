import { withContact, type ClientIndices } from '../measures/continuity/indices.js';
import { indicesOfCounts } from '../measures/indices/continuityIndices.js';
import { shareOf } from '../measures/indices/contactPersonShare.js';
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
    this.count = new Int32Array(staffNames.length);
    this.met = new Int32Array(staffNames.length);
    this.byRank = new Array<string>(staffNames.length);
    staffNames.forEach((name, n) => {
      const rank = ranks.staff[n]!;
      this.byRank[rank] = name;
      this.rankOf.set(name, rank);
    });
  }

  /** A client's rows in visit order (grown as needed). */
  private order = new Int32Array(64);
  /** Entries of each staff member (by rank) in the client's sequence: 0 but while a client is counted. */
  private readonly count: Int32Array;
  /** The client's staff ranks in order of first entry. */
  private readonly met: Int32Array;

  /**
   * The indices of ONE client's rows [a, b) of `store`'s columns during its
   * {@link GatheredRows.forEachClient} (after its evaluation: the grouping reuses the store's
   * scratch), with its contact person (a staff id) or null: the counts `continuityIndices`
   * makes of the staff sequence, made from the ranks (the indices by `indicesOfCounts`).
   */
  of(store: GatheredRows, a: number, b: number, contact: string | null): ClientIndices {
    const { start, end, staff } = store.columns;
    const n = b - a;
    if (this.order.length < n) this.order = new Int32Array(2 * n);
    const order = this.order;
    // visit order (start, end, staff rank), by insertion: a client's rows come nearly in order
    for (let k = 0; k < n; k++) {
      const j = a + k;
      let at = k;
      while (at > 0) {
        const x = order[at - 1]!;
        if ((start[x]! - start[j]! || end[x]! - end[j]! || staff[x]! - staff[j]!) <= 0) break;
        order[at] = x;
        at--;
      }
      order[at] = j;
    }
    const { count, met } = this;
    let distinct = 0, samePairs = 0;
    for (let k = 0; k < n; k++) {
      const s = staff[order[k]!]!;
      if (count[s]!++ === 0) met[distinct++] = s;
      if (k > 0 && s === staff[order[k - 1]!]) samePairs++;
    }
    let max = 0, usual = -1, sumSquares = 0;
    for (let d = 0; d < distinct; d++) {
      const s = met[d]!, c = count[s]!;
      count[s] = 0;
      sumSquares += c * c;
      if (c > max) {
        max = c;
        usual = s;
      }
    }
    const indices = indicesOfCounts({ n, staff: distinct, max, usualStaff: usual < 0 ? null : this.byRank[usual]!, sumSquares, samePairs });
    let share: number | null = null;
    if (contact !== null) {
      // a contact person who is nobody's staff member has no rank among the rows' staff: met at no visit
      const rank = this.rankOf.get(contact) ?? -1;
      const visits = store.group(a, b);
      const { members, bounds } = store;
      let byContact = 0;
      for (let v = 0; v < visits; v++) {
        let present = false;
        for (let m = bounds[v]!; m < bounds[v + 1]! && !present; m++) present = staff[members[m]!] === rank;
        if (present) byContact++;
      }
      share = shareOf(visits, byContact);
    }
    return withContact(indices, contact !== null, share);
  }
}
