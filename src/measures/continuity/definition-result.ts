/**
 * The bookkeeping of the definition (definition.ts), plain TypeScript as it: what the rows say of
 * each client, the row accounting, each window's summaries, the whole `kontinuitet/measure@1` result.
 *
 * @module
 */
import type { RowIssue } from '../../errors.js';
import { histogram, spread } from '../../summary/spread.js';
import type { DayWindow } from '../../windows/windows.js';
import type { ReadLedger } from '../../read/types.js';
import { summariseIndices } from './indices.js';
import type { CountedVisitRow } from './definition-visits.js';
import type { MeasureSettings, RowFacts } from './settings.js';
import type { ClientContinuity, ContinuityResult, ContinuitySummary, ContinuityWindow, ExclusionReason } from './types.js';

/**
 * What the rows of a log say of a client apart from its visits: the latest birth date given (a
 * day number), the lowest age given, and how often each contact person was listed.
 *
 * @example
 * const facts: ClientFacts = { birthDay: -11000, age: null, contacts: new Map([['S1', 28]]) };
 */
export interface ClientFacts {
  birthDay: number | null;
  age: number | null;
  contacts: Map<string, number>;
}

/**
 * Notes what a row says of its client (README: "a client with several values: the youngest"): the
 * latest birth date, the lowest age, and one more listing of its contact person.
 *
 * @example
 * noteClient(clients, visit); clients.get(visit.client); // → { birthDay: -11000, age: null, contacts: Map { 'S1' → 1 } }
 */
export function noteClient(clients: Map<string, ClientFacts>, v: RowFacts): void {
  const facts = clients.get(v.client) ?? clients.set(v.client, { birthDay: null, age: null, contacts: new Map() }).get(v.client)!;
  if (v.birthDay !== null && (facts.birthDay === null || v.birthDay > facts.birthDay)) facts.birthDay = v.birthDay;
  if (v.age !== null && (facts.age === null || v.age < facts.age)) facts.age = v.age;
  if (v.contactStaff !== '') facts.contacts.set(v.contactStaff, (facts.contacts.get(v.contactStaff) ?? 0) + 1);
}

/**
 * A client's contact person (README "Continuity indices"): the one listed most often on its rows
 * (ties: the first in sort order), or null when none is listed.
 *
 * @example
 * mostListed(new Map([['S2', 3], ['S1', 3]])); // → 'S1'
 */
export function mostListed(contacts: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let most = 0;
  for (const [id, n] of contacts) if (n > most || (n === most && id < best!)) [best, most] = [id, n];
  return best;
}

/**
 * A log read row by row ({@link readLog}): what each client's rows say of it, the counted rows by
 * window (first day) and client, the rows excluded by reason, and the first and last local start
 * day of any row (what a monthly series covers).
 *
 * @example
 * readLog(visits, placing).counted.get(window.fromDay)?.get('C1')?.length; // → C1's counted rows in the window
 */
export interface ReadLog {
  clients: Map<string, ClientFacts>;
  counted: Map<number, Map<string, CountedVisitRow[]>>;
  excluded: Partial<Record<ExclusionReason, number>>;
  firstDay: number;
  lastDay: number;
}

/**
 * The rows counted in the windows reported; those counted in a window that is not reported are
 * excluded now: `window_partly_covered` (a month the log covers only in part), `before_series`
 * (a month left out of a long series).
 *
 * @example
 * usedRows(log, reportedWindows(settings, log)); // → the rows counted; log.excluded.window_partly_covered set
 */
export function usedRows(log: ReadLog, reported: { windows: DayWindow[]; dropped: DayWindow[] }): number {
  const kept = new Set(reported.windows.map((w) => w.fromDay));
  const dropped = new Set(reported.dropped.map((w) => w.fromDay));
  let used = 0;
  let partly = 0;
  let before = 0;
  for (const [fromDay, byClient] of log.counted) {
    const n = [...byClient.values()].reduce((sum, rows) => sum + rows.length, 0);
    if (kept.has(fromDay)) used += n;
    else if (dropped.has(fromDay)) before += n;
    else partly += n;
  }
  if (partly > 0) log.excluded.window_partly_covered = partly;
  if (before > 0) log.excluded.before_series = before;
  return used;
}

/**
 * The summary of a set of clients (domain.md "Why anyone measures this" and "Spread measures"):
 * Ånge's counts (served: any counted visit; visitsRule: meeting the visits rule, before the age
 * filter; eligible; doubleStaffed: any double-staffed visit), the spread of staff per eligible
 * client (mean U21401, median U21402, shareAbove20 U21436, …) and its histogram; with indices the
 * spread of each index over eligible clients.
 *
 * @example
 * summarise(window.perClient, 14, false).staffPerClient.mean; // → mean staff per eligible client
 */
export function summarise(clients: readonly ClientContinuity[], target: number, withIndices: boolean): ContinuitySummary {
  const eligible = clients.filter((c) => c.eligible);
  const staff = eligible.map((c) => c.staff);
  return {
    clients: {
      served: clients.filter((c) => c.visits > 0).length,
      visitsRule: clients.filter((c) => c.eligible || c.reason === 'under_min_age').length,
      eligible: eligible.length,
      doubleStaffed: clients.filter((c) => c.doubleStaffedVisits > 0).length,
    },
    staffPerClient: spread(staff, target),
    histogram: histogram(staff),
    ...(withIndices ? { indices: summariseIndices(eligible.flatMap((c) => c.indices ?? [])) } : {}),
  };
}

/**
 * One window of the result: the summary over every client of the log, then one per group (a
 * client's group is that of most of its counted visits; clients without counted visits are in
 * none), groups in name order; `perClient` as given (in client id order).
 *
 * @example
 * windowResult(window, perClient, 14, false).groups.map((g) => g.group); // → ['Norr', 'Söder']
 */
export function windowResult(window: DayWindow, perClient: ClientContinuity[], target: number, withIndices: boolean): ContinuityWindow {
  const served = perClient.filter((c) => c.visits > 0);
  const groups = [...new Set(served.map((c) => c.group))].sort();
  return {
    from: window.from,
    to: window.to,
    ...summarise(perClient, target, withIndices),
    groups: groups.map((group) => ({ group, ...summarise(served.filter((c) => c.group === group), target, withIndices) })),
    perClient,
  };
}

/**
 * The whole result from what the definition found: the rules (with the target and which age was
 * known: a birth-date column, else an age column, else none; by the reader's columns when its
 * ledger is given, else by the values seen), the row accounting (read = used + rejected +
 * excluded; the reader's read and rejected rows when given, with `rejected`'s after them), the
 * warnings (the reader's, then the measure's), and the windows.
 *
 * @example
 * resultOf(settings, { used, excluded, clients, windows, warnings: [] }, ledger, { rejected: 0, issues: [] }).rows.read; // → ledger.read
 */
export function resultOf(
  settings: MeasureSettings,
  found: {
    used: number; excluded: Partial<Record<ExclusionReason, number>>; clients: ReadonlyMap<string, ClientFacts>;
    windows: { window: DayWindow; perClient: ClientContinuity[] }[]; warnings: readonly string[];
  },
  ledger: ReadLedger | undefined,
  rejected: { readonly rejected: number; readonly issues: readonly RowIssue[] },
): ContinuityResult {
  const facts = [...found.clients.values()];
  const ageFilter = ledger !== undefined
    ? (ledger.columns.client_birth_date !== undefined ? 'birth_date' : ledger.columns.client_age !== undefined ? 'age' : 'none')
    : (facts.some((f) => f.birthDay !== null) ? 'birth_date' : facts.some((f) => f.age !== null) ? 'age' : 'none');
  const excludedTotal = Object.values(found.excluded).reduce((a, b) => a + b, 0);
  return {
    schema: 'kontinuitet/measure@1',
    rule: { ...settings.rules, target: settings.target, ageFilter },
    zone: settings.zone.name,
    rows: {
      read: ledger?.read ?? excludedTotal + found.used + rejected.rejected,
      used: found.used,
      rejected: (ledger?.rejected ?? 0) + rejected.rejected,
      excluded: found.excluded,
    },
    issues: [...ledger?.issues ?? [], ...rejected.issues],
    warnings: [...ledger?.warnings ?? [], ...found.warnings],
    windows: found.windows.map(({ window, perClient }) => windowResult(window, perClient, settings.target, settings.withIndices)),
  };
}
