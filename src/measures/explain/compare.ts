import { selfDisplaying } from '../../jupyter.js';
import { wholeNumber } from '../../options.js';
import type { ReadOptions, VisitSource } from '../../read/types.js';
import type { ClientContinuity, ContinuityWindow } from '../continuity/types.js';
import { differVisits } from './compare-visits.js';
import type { ClientChange, ClientFigures, CompareOptions, CompareResult, CompareWindow, StaffMove } from './compare-types.js';
import { STAFF_CATEGORIES } from './client.js';
import { explainRead } from './explain.js';
import { readForExplain, type ExplainRead } from './read.js';
import type { ClientExplanation, ExplainResult, ExplainSummary, ExplainWindow, StaffCategory } from './types.js';

/**
 * Two schedules side by side (plan and actual, this month and last, a proposal and today): both
 * logs explained with the same options ({@link explainContinuity}), and for each window both
 * report, per municipality, group and client the figures of both and the change (after −
 * before); the clients who became or stopped being counted; the staff whose category moved; and
 * the counted visits in one log and not the other (matched by visit id, else by client, start and
 * end: counted, and the first `maxListed` listed), so a "better" schedule that dropped visits
 * shows it plainly. See docs/explain.md.
 *
 * @example
 * const r = await compareContinuity('october-plan.csv', 'october-actual.csv', { from: '2024-10-01' });
 * r.windows[0].change.staff; // → the change of the mean staff per counted client
 * r.windows[0].visits.onlyBefore; // → planned counted visits missing from the actual log
 */
export async function compareContinuity(before: VisitSource, after: VisitSource, options: CompareOptions & ReadOptions = {}): Promise<CompareResult> {
  const maxListed = wholeNumber('maxListed', options.maxListed, 0, Infinity) ?? 100;
  const { maxListed: _m, ...explainOptions } = options;
  const a = await readForExplain(before, explainOptions);
  const b = await readForExplain(after, explainOptions);
  const ea = explainRead(a);
  const eb = explainRead(b);
  const fromsA = ea.windows.map((w) => w.from);
  const fromsB = eb.windows.map((w) => w.from);
  const windows = fromsA.filter((f) => fromsB.includes(f)).map((from) => {
    const k = fromsA.indexOf(from);
    const j = fromsB.indexOf(from);
    return compareWindow({ read: a, explained: ea, k }, { read: b, explained: eb, k: j }, maxListed);
  });
  return selfDisplaying({
    schema: 'kontinuitet/compare@1' as const,
    rule: eb.rule,
    zone: eb.zone,
    before: { rows: ea.rows, issues: ea.issues },
    after: { rows: eb.rows, issues: eb.issues },
    windows,
    unpaired: { before: fromsA.filter((f) => !fromsB.includes(f)), after: fromsB.filter((f) => !fromsA.includes(f)) },
  });
}

/** One log's window: the log read, its explanation, the window's index there. */
interface Side {
  read: ExplainRead;
  explained: ExplainResult;
  k: number;
}

/**
 * The change of every figure of an explained summary: after − before, null where either is null.
 *
 * @example
 * summaryChange(before, after).categories.regular; // → +0.4 regulars per counted client
 */
export function summaryChange(before: ExplainSummary, after: ExplainSummary): ExplainSummary {
  const d = (x: number | null, y: number | null) => (x === null || y === null ? null : y - x);
  return {
    clients: after.clients - before.clients,
    visits: after.visits - before.visits,
    staff: d(before.staff, after.staff),
    categories: Object.fromEntries(STAFF_CATEGORIES.map((c) => [c, d(before.categories[c], after.categories[c])])) as Record<StaffCategory, number | null>,
    contactShare: d(before.contactShare, after.contactShare),
    withoutContact: after.withoutContact - before.withoutContact,
    regularShare: d(before.regularShare, after.regularShare),
    familiarShare: d(before.familiarShare, after.familiarShare),
    newFaces: d(before.newFaces, after.newFaces),
    oneStaff: d(before.oneStaff, after.oneStaff),
    floor: d(before.floor, after.floor),
  };
}

/** The summary fields of an explained window or group (its own keys left out). */
function summaryOf(s: ExplainSummary): ExplainSummary {
  const { clients, visits, staff, categories, contactShare, withoutContact, regularShare, familiarShare, newFaces, oneStaff, floor } = s;
  return { clients, visits, staff, categories, contactShare, withoutContact, regularShare, familiarShare, newFaces, oneStaff, floor };
}

function figures(official: ClientContinuity | undefined, explained: ClientExplanation | undefined): ClientFigures | null {
  if (official === undefined || official.visits === 0) return null;
  return { counted: official.eligible, visits: official.visits, staff: official.staff, categories: explained?.categories ?? null };
}

/** The category of each staff member of an explained client. */
function categoryOf(c: ClientExplanation): Map<string, StaffCategory> {
  const m = new Map<string, StaffCategory>();
  for (const k of STAFF_CATEGORIES) for (const s of c.members[k]) m.set(s, k);
  return m;
}

function staffMoves(a: ClientExplanation, b: ClientExplanation): StaffMove[] {
  const ca = categoryOf(a);
  const cb = categoryOf(b);
  const moved: StaffMove[] = [];
  for (const s of [...new Set([...ca.keys(), ...cb.keys()])].sort()) {
    const before = ca.get(s) ?? null;
    const after = cb.get(s) ?? null;
    if (before !== after) moved.push({ staff: s, before, after });
  }
  return moved;
}

function compareWindow(a: Side, b: Side, maxListed: number): CompareWindow {
  const wa: ExplainWindow = a.explained.windows[a.k]!;
  const wb: ExplainWindow = b.explained.windows[b.k]!;
  const oa: ContinuityWindow = a.read.result.windows[a.k]!;
  const ob: ContinuityWindow = b.read.result.windows[b.k]!;
  const officialA = new Map(oa.perClient.map((c) => [c.client, c]));
  const officialB = new Map(ob.perClient.map((c) => [c.client, c]));
  const explainedA = new Map(wa.perClient.map((c) => [c.client, c]));
  const explainedB = new Map(wb.perClient.map((c) => [c.client, c]));
  const lineOf = (client: string) => b.read.firstLines.get(client) ?? a.read.firstLines.get(client) ?? 0;
  const perClient: ClientChange[] = [...new Set([...explainedA.keys(), ...explainedB.keys()])].sort().map((client) => {
    const ea = explainedA.get(client);
    const eb = explainedB.get(client);
    const before = figures(officialA.get(client), ea);
    const after = figures(officialB.get(client), eb);
    return {
      client,
      line: lineOf(client),
      group: (eb ?? ea)!.group,
      status: ea !== undefined && eb !== undefined ? 'both' : eb !== undefined ? 'became' : 'stopped',
      before,
      after,
      change: before !== null && after !== null ? { visits: after.visits - before.visits, staff: after.staff - before.staff } : null,
      moved: ea !== undefined && eb !== undefined ? staffMoves(ea, eb) : [],
    };
  });
  const moves = new Map<string, { before: StaffCategory | null; after: StaffCategory | null; staff: number }>();
  for (const c of perClient) {
    for (const m of c.moved) {
      const key = `${m.before}>${m.after}`;
      (moves.get(key) ?? moves.set(key, { before: m.before, after: m.after, staff: 0 }).get(key)!).staff++;
    }
  }
  const order = (k: StaffCategory | null) => (k === null ? STAFF_CATEGORIES.length : STAFF_CATEGORIES.indexOf(k));
  const groupsA = new Map(wa.groups.map((g) => [g.group, summaryOf(g)]));
  const groupsB = new Map(wb.groups.map((g) => [g.group, summaryOf(g)]));
  const fromDay = a.read.windows[a.k]!.fromDay;
  return {
    from: wb.from,
    to: wb.to,
    before: summaryOf(wa),
    after: summaryOf(wb),
    change: summaryChange(wa, wb),
    groups: [...new Set([...groupsA.keys(), ...groupsB.keys()])].sort().map((group) => {
      const x = groupsA.get(group) ?? null;
      const y = groupsB.get(group) ?? null;
      return { group, before: x, after: y, change: x !== null && y !== null ? summaryChange(x, y) : null };
    }),
    becameCounted: perClient.filter((c) => c.status === 'became').length,
    stoppedCounted: perClient.filter((c) => c.status === 'stopped').length,
    perClient,
    moves: [...moves.values()].sort((x, y) => order(x.before) - order(y.before) || order(x.after) - order(y.after)),
    visits: differVisits(a.read.log.counted.get(fromDay), b.read.log.counted.get(fromDay), lineOf, b.read.settings.zone, maxListed),
  };
}
