import { contactPersonShare, type ContactShare } from '../indices/contactPersonShare.js';
import { continuityIndices, type ContinuityIndices } from '../indices/continuityIndices.js';
import type { Spread } from '../../summary/spread.js';
import { spread } from '../../summary/spread.js';

/**
 * A client's continuity indices and contact-person share in one window (opt-in: `indices: true`).
 *
 * @example
 * result.windows[0].perClient[0].indices; // → { n: 28, staff: 2, upc: 0.75, …, hasContact: true, contactShare: 0.25 }
 */
export interface ClientIndices extends ContinuityIndices {
  /** The client's contact person was listed (`contact_staff_id`). */
  hasContact: boolean;
  /** Share of the client's counted visits at which the contact person was present; null without a contact person or visits. */
  contactShare: number | null;
}

/**
 * Spread of each index over clients, and the clients without a listed contact person.
 *
 * @example
 * result.windows[0].indices.upc.mean; // → mean UPC over counted clients
 */
export interface IndicesSummary {
  upc: Spread;
  coc: Spread;
  secon: Spread;
  hhi: Spread;
  mmci: Spread;
  contactShare: Spread;
  /** Clients in the summary with no contact person listed (not in `contactShare`). */
  withoutContact: number;
}

/**
 * What the indices read of a counted row: its times, its staff member's id and its visit id
 * (`''` when the log has none).
 *
 * @example
 * const row: IndexRow = { start: 1727766000000, end: 1727767800000, staffId: 'S1', visitId: 'V1' };
 */
export interface IndexRow {
  readonly start: number;
  readonly end: number;
  readonly staffId: string;
  readonly visitId: string;
}

const byVisitOrder = (a: IndexRow, b: IndexRow) => a.start - b.start || a.end - b.end || (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0);

/**
 * The indices of one client's counted rows: the staff of every row ordered by start, then end,
 * then staff id (a double-staffed visit gives one entry per staff member, as the indices are
 * defined here); the contact-person share counts VISITS (rows of one visit once): the share of the
 * client's visits at which the contact person was present, the visits as `visitsOf` groups the
 * rows (the measure's rule of one visit: the definition's or the engine's).
 *
 * @example
 * clientIndices(rows, 'S1', visitsOf); // → { n: 4, staff: 2, upc: 0.75, …, hasContact: true, contactShare: 0.75 }
 */
export function clientIndices(rows: readonly IndexRow[], contact: string | null, visitsOf: (rows: readonly IndexRow[]) => number[][]): ClientIndices {
  const ordered = [...rows].sort(byVisitOrder);
  const indices = continuityIndices(ordered.map((r) => r.staffId));
  let share: ContactShare | null = null;
  if (contact !== null) {
    const visits = visitsOf(rows);
    const met = visits.map((v) => (v.some((i) => rows[i]!.staffId === contact) ? contact : ''));
    share = contactPersonShare(met, contact);
  }
  return withContact(indices, contact !== null, share?.share ?? null);
}

/**
 * A client's {@link ClientIndices}: its indices and whether it has a contact person, and the
 * contact-person share. The same keys in the same order as `{ ...indices, hasContact, contactShare }`,
 * written out: objects made by spreading objects whose values are sometimes null, sometimes a
 * number each got a hidden class of their own in V8 (~350 bytes each).
 *
 * @example
 * withContact(continuityIndices(['A', 'A', 'B']), true, 0.5); // → { n: 3, staff: 2, upc: 0.666…, …, hasContact: true, contactShare: 0.5 }
 */
export function withContact(indices: ContinuityIndices, hasContact: boolean, contactShare: number | null): ClientIndices {
  return {
    n: indices.n, staff: indices.staff, upc: indices.upc, usualStaff: indices.usualStaff, coc: indices.coc,
    secon: indices.secon, hhi: indices.hhi, mmci: indices.mmci, hasContact, contactShare,
  };
}

/**
 * Spread of each index over the given clients (nulls left out), as for staff per client.
 *
 * @example
 * summariseIndices([a, b]).upc.mean; // → mean UPC of clients a and b
 */
export function summariseIndices(clients: readonly ClientIndices[], target = 14): IndicesSummary {
  const values = (pick: (c: ClientIndices) => number | null) => clients.map(pick).filter((v): v is number => v !== null);
  return {
    upc: spread(values((c) => c.upc), target),
    coc: spread(values((c) => c.coc), target),
    secon: spread(values((c) => c.secon), target),
    hhi: spread(values((c) => c.hhi), target),
    mmci: spread(values((c) => c.mmci), target),
    contactShare: spread(values((c) => c.contactShare), target),
    withoutContact: clients.filter((c) => !c.hasContact).length,
  };
}
