import { histogram, spread } from '../summary/spread.js';
import { summariseIndices, type ClientIndices } from '../measures/continuity/indices.js';
import { REASONS } from './evaluate.js';
import type { FigureColumns } from './job.js';
import type { ContinuitySummary } from '../measures/continuity/types.js';

/**
 * A window's figures for every client of the log, by client number ({@link FigureColumns}).
 *
 * @example
 * const columns: ClientColumns = { visits: Int32Array.of(28), staff: Int32Array.of(9), reason: Int8Array.of(0), firstShortDay: Int32Array.of(-1), doubleStaffedVisits: Int32Array.of(0), group: Int32Array.of(0), indices: null };
 */
export interface ClientColumns extends FigureColumns {
  /** With indices: per client (undefined for a client without counted rows). */
  indices: (ClientIndices | undefined)[] | null;
}

/** The code of `under_min_age` in {@link ClientColumns.reason}. */
const UNDER_MIN_AGE = REASONS.indexOf('under_min_age') + 1;

/**
 * Ånge's client counts, the spread of staff per eligible client, its histogram and (with indices)
 * the spread of each index, over the clients `members` (client numbers, in id order).
 *
 * @example
 * summariseClients(columns, Int32Array.of(0), 14, false).clients.eligible; // → 1
 */
export function summariseClients(columns: ClientColumns, members: ArrayLike<number>, target: number, withIndices: boolean): ContinuitySummary {
  let served = 0;
  let visitsRule = 0;
  let doubleStaffed = 0;
  const eligible: number[] = [];
  const indices: ClientIndices[] = [];
  for (let k = 0; k < members.length; k++) {
    const c = members[k]!;
    const reason = columns.reason[c]!;
    if (columns.visits[c]! > 0) served++;
    if (reason === 0 || reason === UNDER_MIN_AGE) visitsRule++;
    if (columns.doubleStaffedVisits[c]! > 0) doubleStaffed++;
    if (reason !== 0) continue;
    eligible.push(columns.staff[c]!);
    const index = columns.indices?.[c];
    if (index !== undefined) indices.push(index);
  }
  return {
    clients: { served, visitsRule, eligible: eligible.length, doubleStaffed },
    staffPerClient: spread(eligible, target),
    histogram: histogram(eligible),
    ...(withIndices ? { indices: summariseIndices(indices) } : {}),
  };
}
