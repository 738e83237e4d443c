/**
 * Visits of one client, how many of them its contact person made, and the share.
 *
 * @example
 * contactPersonShare(['K', 'A'], 'K').share; // → 0.5
 */
export interface ContactShare {
  /** Number of entries in the sequence (a double-staffed visit contributes one entry per staff present). */
  visits: number;
  /** Number of those entries made by the contact person. */
  byContact: number;
  /** `byContact / visits`; `null` when `visits` = 0 (no visits: no share to report). */
  share: number | null;
}

/**
 * Share of a client's visits made by the client's contact person (fast omsorgskontakt, offered to
 * every Swedish home-care client since 2022).
 *
 * `share = byContact / visits`, where `visits` is the number of entries and `byContact` the number
 * of entries equal to `contactStaffId`. `share` is `null` when there are no visits. It is the
 * contact person's n_j / N in the notation of `continuityIndices`, so it is at most UPC, and
 * equals UPC when the contact person is the usual staff.
 *
 * Same input convention as `continuityIndices`: the staff id of each visit ordered by start
 * (ties: end, then staff id) — the caller orders it; the order does not change this result — and a
 * double-staffed visit contributes one entry per staff member present. So a double-staffed visit
 * where the contact person is present adds 2 to `visits` and 1 to `byContact`; a caller who wants a
 * per-visit share must collapse each visit to one entry first.
 *
 * Staff ids are compared exactly (case- and whitespace-sensitive).
 *
 * @param staffInVisitOrder staff id of each entry, in visit order.
 * @param contactStaffId the staff id of the client's contact person.
 *
 * @example
 * contactPersonShare(['K', 'A', 'K', 'K'], 'K'); // → { visits: 4, byContact: 3, share: 0.75 }
 * contactPersonShare(['A', 'B'], 'K'); // → { visits: 2, byContact: 0, share: 0 }
 * contactPersonShare([], 'K'); // → { visits: 0, byContact: 0, share: null }
 */
export function contactPersonShare(staffInVisitOrder: readonly string[], contactStaffId: string): ContactShare {
  const visits = staffInVisitOrder.length;
  let byContact = 0;
  for (const s of staffInVisitOrder) if (s === contactStaffId) byContact++;
  return { visits, byContact, share: shareOf(visits, byContact) };
}

/**
 * The share of {@link contactPersonShare} from its counts: `byContact / visits`, null for no visits.
 *
 * @example
 * shareOf(4, 3); // → 0.75
 */
export function shareOf(visits: number, byContact: number): number | null {
  return visits === 0 ? null : byContact / visits;
}
