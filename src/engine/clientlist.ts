import { STREAMED_ROWS } from '../streamed-rows.js';
import { clientContinuity, REASONS, type ClientFigures } from './evaluate.js';
import { clientIndices, type ClientIndices } from '../measures/continuity/indices.js';
import { ageAt, type ClientFacts, type WindowFigures } from './job.js';
import { summariseClients, type ClientColumns } from './summaries.js';
import { selfDisplaying } from '../jupyter.js';
import type { ClientContinuity, ContinuityResult, ContinuityWindow } from '../measures/continuity/types.js';

/**
 * A window's {@link ContinuityWindow.perClient}, kept in columns by client number and made into
 * objects a slice at a time, in client id order: what the CLI writes, so a national log's clients
 * are never all objects at once. `toJSON` (and {@link materialise}) give the plain array.
 *
 * @example
 * const list = windowClients(ids, clientOrder(ids), groups, figures, facts, window.fromDay);
 * list.length;      // → every client of the log
 * list.slice(0, 2); // → [{ client: 'C00001', group: 'Norr', eligible: true, … }, …]
 */
export class ClientList implements Iterable<ClientContinuity> {
  readonly [STREAMED_ROWS] = true;

  constructor(
    private readonly ids: readonly string[],
    private readonly groups: readonly string[],
    /** The client numbers in id order. */
    readonly order: Int32Array,
    readonly columns: ClientColumns,
    private readonly facts: ClientFacts,
    private readonly fromDay: number,
  ) {}

  get length(): number {
    return this.order.length;
  }

  /** The clients [from, to) in id order, as objects. */
  slice(from = 0, to = this.length): ClientContinuity[] {
    const out: ClientContinuity[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) out.push(this.client(this.order[i]!));
    return out;
  }

  *[Symbol.iterator](): Iterator<ClientContinuity> {
    for (let i = 0; i < this.length; i++) yield this.client(this.order[i]!);
  }

  toJSON(): ClientContinuity[] {
    return this.slice();
  }

  private client(c: number): ClientContinuity {
    const col = this.columns;
    const reason = col.reason[c]!;
    const figures: ClientFigures = {
      visits: col.visits[c]!, staff: col.staff[c]!, reason: reason === 0 ? null : REASONS[reason - 1]!,
      firstShortDay: col.firstShortDay[c]!, doubleStaffedVisits: col.doubleStaffedVisits[c]!, group: col.group[c]!,
    };
    const result = clientContinuity(this.ids[c]!, figures, this.groups[figures.group] ?? '', ageAt(this.facts, c, this.fromDay), this.fromDay);
    if (col.indices !== null) result.indices = col.indices[c] ?? clientIndices([], this.facts.contact?.[c] ?? null, () => []);
    return result;
  }
}

/**
 * The client numbers in the order of their ids (compared as strings): the order of every window's
 * clients, so sorted once per result.
 *
 * @example
 * clientOrder(['C2', 'C1']); // → Int32Array [1, 0]
 */
export function clientOrder(ids: readonly string[]): Int32Array {
  return Int32Array.from({ length: ids.length }, (_, c) => c).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
}

/**
 * Every client of the log in one window, from the jobs' figures (a client without counted rows
 * gets the figures of none: the visits rule is the first to fail), in client id order (`order`:
 * {@link clientOrder}).
 *
 * @example
 * windowClients(ids, clientOrder(ids), groups, results.map((job) => job[0]), facts, window.fromDay).length; // → ids.length
 */
export function windowClients(ids: readonly string[], order: Int32Array, groups: readonly string[], evaluated: readonly WindowFigures[], facts: ClientFacts, fromDay: number): ClientList {
  const n = ids.length;
  const columns: ClientColumns = {
    visits: new Int32Array(n), staff: new Int32Array(n), reason: new Int8Array(n).fill(1), firstShortDay: new Int32Array(n).fill(-1),
    doubleStaffedVisits: new Int32Array(n), group: new Int32Array(n).fill(-1), indices: facts.contact === null ? null : new Array<ClientIndices | undefined>(n),
  };
  for (const w of evaluated) {
    for (let k = 0; k < w.count; k++) {
      const c = w.client[k]!;
      columns.visits[c] = w.visits[k]!;
      columns.staff[c] = w.staff[k]!;
      columns.reason[c] = w.reason[k]!;
      columns.firstShortDay[c] = w.firstShortDay[k]!;
      columns.doubleStaffedVisits[c] = w.doubleStaffedVisits[k]!;
      columns.group[c] = w.group[k]!;
      if (columns.indices !== null && w.indices !== null) columns.indices[c] = w.indices[k]!;
    }
  }
  return new ClientList(ids, groups, order, columns, facts, fromDay);
}

/**
 * A window's result from its clients: the summary over the municipality and one per group (a
 * client's group: that of most of its counted visits; clients without counted visits belong to
 * none), groups in name order, clients in id order.
 *
 * @example
 * windowOf(window, list, groups, 14, false).staffPerClient.mean; // → mean over eligible clients
 */
export function windowOf(window: { from: string; to: string }, clients: ClientList, groups: readonly string[], target: number, withIndices: boolean): StreamedWindow {
  const { order, columns } = clients;
  // members of each group (by its rank, which is the order of the names), in id order
  const members: number[][] = groups.map(() => []);
  for (const c of order) if (columns.visits[c]! > 0 && columns.group[c]! >= 0) members[columns.group[c]!]!.push(c);
  return {
    from: window.from,
    to: window.to,
    ...summariseClients(columns, order, target, withIndices),
    groups: members.flatMap((m, g) => (m.length === 0 ? [] : [{ group: groups[g]!, ...summariseClients(columns, m, target, withIndices) }])),
    perClient: clients,
  };
}

/** A {@link ContinuityWindow} whose clients are a {@link ClientList}. */
export type StreamedWindow = Omit<ContinuityWindow, 'perClient'> & { perClient: ClientList };

/** A {@link ContinuityResult} whose windows' clients are {@link ClientList}s (what the CLI writes). */
export type StreamedResult = Omit<ContinuityResult, 'windows'> & { windows: StreamedWindow[] };

/**
 * The result with every window's clients as a plain array (the library's {@link ContinuityResult}).
 *
 * @example
 * materialise(streamed).windows[0].perClient.length; // → every client of the log
 */
export function materialise(result: StreamedResult): ContinuityResult {
  return selfDisplaying({ ...result, windows: result.windows.map((w) => ({ ...w, perClient: w.perClient.slice() })) });
}
