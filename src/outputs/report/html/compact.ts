// The page's results held compactly: what the report's second pass (the routes) runs beside.
import type { PageClient, PageResult, PageStaffingClient, PageStaffingResult } from './context.js';

/** Strings numbered in the order first seen (client ids, group names, reasons). */
class Numbering<T> {
  readonly values: T[] = [];
  private readonly numbers = new Map<T, number>();

  of(value: T): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.values.push(value);
      this.numbers.set(value, n);
    }
    return n;
  }
}

/** A window's clients in columns (ids, groups and reasons numbered), made into {@link PageClient}s in the same order when read. */
class ClientColumns implements Iterable<PageClient> {
  private readonly id: Int32Array;
  private readonly group: Int32Array;
  private readonly reason: Uint8Array;
  private readonly eligible: Uint8Array;
  private readonly visits: Int32Array;
  private readonly staff: Int32Array;
  private readonly doubleStaffedVisits: Int32Array;

  constructor(clients: readonly PageClient[], private readonly ids: Numbering<string>, private readonly groups: Numbering<string>, private readonly reasons: Numbering<PageClient['reason']>) {
    const n = clients.length;
    [this.id, this.group, this.visits, this.staff, this.doubleStaffedVisits] = [new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n)];
    [this.reason, this.eligible] = [new Uint8Array(n), new Uint8Array(n)];
    clients.forEach((c, i) => {
      this.id[i] = ids.of(c.client);
      this.group[i] = groups.of(c.group);
      this.reason[i] = reasons.of(c.reason);
      this.eligible[i] = c.eligible ? 1 : 0;
      this.visits[i] = c.visits;
      this.staff[i] = c.staff;
      this.doubleStaffedVisits[i] = c.doubleStaffedVisits;
    });
  }

  *[Symbol.iterator](): Iterator<PageClient> {
    for (let i = 0; i < this.id.length; i++) {
      yield {
        client: this.ids.values[this.id[i]!]!, group: this.groups.values[this.group[i]!]!, eligible: this.eligible[i] === 1, visits: this.visits[i]!,
        staff: this.staff[i]!, reason: this.reasons.values[this.reason[i]!]!, doubleStaffedVisits: this.doubleStaffedVisits[i]!,
      };
    }
  }
}

/** A staffing window's clients in columns (ids numbered with the continuity's), made into {@link PageStaffingClient}s when read. */
class StaffingColumns implements Iterable<PageStaffingClient> {
  private readonly id: Int32Array;
  private readonly withSecond: Int32Array;
  private readonly withoutSecond: Int32Array;

  constructor(clients: Iterable<PageStaffingClient>, private readonly ids: Numbering<string>) {
    const list = [...clients];
    [this.id, this.withSecond, this.withoutSecond] = [new Int32Array(list.length), new Int32Array(list.length), new Int32Array(list.length)];
    list.forEach((c, i) => {
      this.id[i] = ids.of(c.client);
      this.withSecond[i] = c.staffWithSecond;
      this.withoutSecond[i] = c.staffWithoutSecond;
    });
  }

  *[Symbol.iterator](): Iterator<PageStaffingClient> {
    for (let i = 0; i < this.id.length; i++) yield { client: this.ids.values[this.id[i]!]!, staffWithSecond: this.withSecond[i]!, staffWithoutSecond: this.withoutSecond[i]! };
  }
}

/**
 * The results of a page with only what the page reads of each client, in columns: the continuity
 * windows' clients (id, group, eligible, visits, staff, reason, double-staffed visits: not their
 * age, first short day or indices), the staffing windows' clients (id and staff with and without the
 * second staff member) and their recurring slots' number. Every figure of the windows themselves
 * is kept, and the page rendered from either is the same. What the CLI's report holds while its
 * second pass reads the log: the 2M-row log's 38,300 clients take ~20 MB as objects (their
 * indices, the staffing's clients and slots), ~1.5 MB so.
 *
 * @example
 * const page = compactForPage(await measureForPage('visits.csv'));
 * renderReport({ ...page, routes }) === renderReport({ ...full, routes }); // → true (same key and time)
 */
export function compactForPage<R extends { continuity: PageResult; staffing?: PageStaffingResult | undefined }>(results: R): Omit<R, 'continuity' | 'staffing'> & { continuity: PageResult; staffing?: PageStaffingResult | undefined } {
  const ids = new Numbering<string>(), groups = new Numbering<string>(), reasons = new Numbering<PageClient['reason']>();
  const continuity: PageResult = { ...results.continuity, windows: results.continuity.windows.map((w) => ({ ...w, perClient: new ClientColumns([...w.perClient], ids, groups, reasons) })) };
  const staffing = results.staffing === undefined ? undefined : {
    ...results.staffing,
    windows: results.staffing.windows.map((w) => ({ ...w, perClient: new StaffingColumns(w.perClient, ids), recurringSlots: { length: w.recurringSlots.length } })),
  };
  return { ...results, continuity, staffing };
}
