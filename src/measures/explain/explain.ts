import { selfDisplaying } from '../../jupyter.js';
import type { ReadOptions, VisitSource } from '../../read/types.js';
import { groupBy, sortedKeys } from '../../summary/groupBy.js';
import { civilFromDays } from '../../windows/civil.js';
import { mostListed } from '../continuity/definition-result.js';
import { explainClient, STAFF_CATEGORIES } from './client.js';
import { readForExplain, type ExplainRead } from './read.js';
import type { ClientExplanation, ExplainOptions, ExplainResult, ExplainSummary, ExplainWindow, StaffCategory } from './types.js';

/**
 * Why each counted client met the staff they met: for each window, every counted client's
 * official staff count (the definition's, to the letter) split into categories, the first that
 * applies – `contact` (the named contact person), `regular` (made ≥ `regularVisits`, default 3, of
 * the client's counted visits), `doubleOnly` (only ever a second staff member at double-staffed
 * visits), `weekendOnly`, `eveningOnly` (only at visits from `eveningFrom`, default 17:00),
 * `occasional` – so the categories add up to the count; the share of counted visits made by the
 * contact person and by regulars; new faces (staff not met in the `lookbackDays`, default 28,
 * before the window; null when the log does not reach back that far); and two counterfactuals by
 * the rule: one staff member per double-staffed visit, and only the contact person and regulars
 * (a floor). Per group and municipality the means (the categories add up to the mean) and the
 * pooled shares. The source is a file path, a stream or rows in memory, read once; its counted
 * rows are held in memory, as `continuity()` holds them. See docs/explain.md.
 *
 * @example
 * const r = await explainContinuity('data/sample-visits.csv', { from: '2024-10-01' });
 * r.windows[0].categories; // → { contact: 0.9, regular: 5.1, doubleOnly: 1.2, weekendOnly: 2.3, eveningOnly: 1.4, occasional: 3.6 }
 */
export async function explainContinuity(source: VisitSource, options: ExplainOptions & ReadOptions = {}): Promise<ExplainResult> {
  return explainRead(await readForExplain(source, options));
}

/**
 * The explanation of a log already read ({@link readForExplain}); compare explains both logs so.
 *
 * @example
 * explainRead(await readForExplain('visits.csv', {})).windows.length; // → windows reported
 */
export function explainRead(read: ExplainRead): ExplainResult {
  const { settings, explain, log, met, firstLines, result } = read;
  const windows = result.windows.map((w, k): ExplainWindow => {
    const window = read.windows[k]!;
    const lookbackFrom = window.fromDay - explain.lookbackDays;
    const covered = log.firstDay <= lookbackFrom;
    const perClient = w.perClient.filter((c) => c.eligible).map((official) => {
      const facts = log.clients.get(official.client)!;
      const rows = log.counted.get(window.fromDay)?.get(official.client) ?? [];
      return explainClient(official, rows, firstLines.get(official.client) ?? 0, {
        window, rules: settings.rules, zone: settings.zone, explain,
        contact: mostListed(facts.contacts),
        metBefore: covered ? met.before(official.client, window.fromDay, explain.lookbackDays) : null,
      });
    });
    const byGroup = groupBy(perClient, (c) => c.group);
    return {
      from: w.from,
      to: w.to,
      lookback: { from: civilFromDays(lookbackFrom), to: civilFromDays(window.fromDay - 1), covered },
      ...summariseExplained(perClient, covered),
      groups: sortedKeys(byGroup).map((group) => ({ group, ...summariseExplained(byGroup.get(group)!, covered) })),
      perClient,
    };
  });
  return selfDisplaying({
    schema: 'kontinuitet/explain@1',
    rule: { ...result.rule, regularVisits: explain.regularVisits, eveningFrom: explain.eveningFrom, lookbackDays: explain.lookbackDays },
    zone: result.zone,
    rows: result.rows,
    issues: result.issues,
    windows,
  });
}

/**
 * The summary of explained clients: means over them (the categories' means add up to the mean
 * staff), shares pooled over their counted visits (the contact share over the clients with a
 * contact person listed).
 *
 * @example
 * summariseExplained(window.perClient, true).categories.regular; // → mean regulars per counted client
 */
export function summariseExplained(clients: readonly ClientExplanation[], covered: boolean): ExplainSummary {
  const n = clients.length;
  const mean = (f: (c: ClientExplanation) => number) => (n === 0 ? null : clients.reduce((s, c) => s + f(c), 0) / n);
  const visits = clients.reduce((s, c) => s + c.visits, 0);
  // a share times the client's visits is the whole number of visits it counts
  const pooled = (over: readonly ClientExplanation[], f: (c: ClientExplanation) => number) => {
    const all = over.reduce((s, c) => s + c.visits, 0);
    return all === 0 ? null : over.reduce((s, c) => s + Math.round(f(c) * c.visits), 0) / all;
  };
  const withContact = clients.filter((c) => c.contactShare !== null);
  return {
    clients: n,
    visits,
    staff: mean((c) => c.staff),
    categories: Object.fromEntries(STAFF_CATEGORIES.map((k) => [k, mean((c) => c.categories[k])])) as Record<StaffCategory, number | null>,
    contactShare: pooled(withContact, (c) => c.contactShare!),
    withoutContact: n - withContact.length,
    regularShare: pooled(clients, (c) => c.regularShare),
    familiarShare: pooled(clients, (c) => c.familiarShare),
    newFaces: covered ? mean((c) => c.newFaces!) : null,
    oneStaff: mean((c) => c.oneStaff),
    floor: mean((c) => c.floor),
  };
}
