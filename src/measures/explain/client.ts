/**
 * One counted client explained: every staff member counted by the rule put in one category, the
 * visit shares, new faces, and the two counterfactuals, each recomputed by the definition
 * ({@link evaluateClient}) over the client's counted rows. docs/explain.md has each definition.
 *
 * @module
 */
import type { DayWindow } from '../../windows/windows.js';
import type { LocalZone } from '../../windows/zone.js';
import { evaluateClient, firstStaffRow } from '../continuity/definition.js';
import { doubleStaffed, visitsOf, type CountedVisitRow } from '../continuity/definition-visits.js';
import type { ContinuityRules } from '../continuity/rules.js';
import type { ClientContinuity } from '../continuity/types.js';
import type { ExplainSettings } from './read.js';
import type { CategoryCounts, ClientExplanation, StaffCategory } from './types.js';

/**
 * The categories in the order they are tried: a staff member falls in the first that applies.
 *
 * @example
 * STAFF_CATEGORIES[0]; // → 'contact'
 */
export const STAFF_CATEGORIES: readonly StaffCategory[] = ['contact', 'regular', 'doubleOnly', 'weekendOnly', 'eveningOnly', 'occasional'];

/**
 * What explaining a client needs besides its rows: the window, the rules and zone, explain's
 * settings, the contact person listed, and the staff met before the window (null: the log does
 * not reach back that far).
 *
 * @example
 * const context: ClientContext = { window, rules, zone, explain: explainSettings({}), contact: 'S1', metBefore: null };
 */
export interface ClientContext {
  window: DayWindow;
  rules: ContinuityRules;
  zone: LocalZone;
  explain: ExplainSettings;
  contact: string | null;
  metBefore: ReadonlySet<string> | null;
}

/**
 * One counted visit as explain sees it: the staff the rule counts at it, who was its first staff
 * member, whether double-staffed, whether on a weekend day and whether starting in the evening.
 *
 * @example
 * const v: SeenVisit = { counted: ['S1', 'S2'], first: 'S1', double: true, weekend: false, evening: true };
 */
export interface SeenVisit {
  counted: string[];
  first: string;
  double: boolean;
  weekend: boolean;
  evening: boolean;
}

/** Monday 0 … Sunday 6 of a day number (day 0, 1970-01-01, was a Thursday). */
const weekday = (day: number) => (((day + 3) % 7) + 7) % 7;

/** The client's counted visits ({@link visitsOf}); a visit's day and start are those of its earliest row, as the rule has them. */
function seenVisits(rows: readonly CountedVisitRow[], c: ClientContext): SeenVisit[] {
  return visitsOf(rows).map((visit) => {
    const earliest = rows[visit[0]!]!;
    const first = firstStaffRow(rows, visit).staff;
    const counted = c.rules.countBothStaff ? [...new Set(visit.map((i) => rows[i]!.staff))] : [first];
    return {
      counted,
      first,
      double: doubleStaffed(rows, visit, c.rules.handoverMinutes * 60_000),
      weekend: weekday(c.window.fromDay + earliest.day) >= 5,
      evening: c.zone.localMinuteOfDay(earliest.start) >= c.explain.eveningMinute,
    };
  });
}

/**
 * The category of each staff member counted at a client's visits ({@link StaffCategory}: the
 * first that applies of contact, regular, doubleOnly, weekendOnly, eveningOnly, occasional).
 *
 * @example
 * categorise([{ counted: ['S1', 'S2'], first: 'S1', double: true, weekend: false, evening: false }], null, 3); // → Map { 'S1' → 'occasional', 'S2' → 'doubleOnly' }
 */
export function categorise(visits: readonly SeenVisit[], contact: string | null, regularVisits: number): Map<string, StaffCategory> {
  const at = new Map<string, SeenVisit[]>();
  for (const v of visits) for (const s of v.counted) (at.get(s) ?? at.set(s, []).get(s)!).push(v);
  const category = new Map<string, StaffCategory>();
  for (const [s, vs] of at) {
    if (s === contact) category.set(s, 'contact');
    else if (vs.length >= regularVisits) category.set(s, 'regular');
    else if (vs.every((v) => v.double && v.first !== s)) category.set(s, 'doubleOnly');
    else if (vs.every((v) => v.weekend)) category.set(s, 'weekendOnly');
    else if (vs.every((v) => v.evening)) category.set(s, 'eveningOnly');
    else category.set(s, 'occasional');
  }
  return category;
}

/**
 * The count by the rule if every row of a staff member outside `familiar` had been made by a
 * familiar one not already at that visit (the first in sort order), or, when none is left, by a
 * stand-in (the first not already there): each client keeps its visits, times and double
 * staffing; only who came changes.
 */
function floorCount(client: string, rows: readonly CountedVisitRow[], familiar: readonly string[], age: number | null, c: ClientContext): number {
  const known = new Set(familiar);
  const rewritten = rows.slice();
  for (const visit of visitsOf(rows)) {
    const there = new Set(visit.map((i) => rows[i]!.staff).filter((s) => known.has(s)));
    const replaced = new Map<string, string>();
    for (const i of visit) {
      const row = rows[i]!;
      if (known.has(row.staff)) continue;
      let by = replaced.get(row.staff);
      if (by === undefined) {
        by = familiar.find((s) => !there.has(s));
        for (let k = 0; by === undefined; k++) if (!there.has(`\u0000stand-in ${k}`)) by = `\u0000stand-in ${k}`;
        there.add(by);
        replaced.set(row.staff, by);
      }
      rewritten[i] = { ...row, staff: by };
    }
  }
  return evaluateClient(client, rewritten, age, c.window, c.rules).staff;
}

/**
 * Explains one counted client from its counted rows in the window and the measure's own
 * evaluation of it (`official`: its group and staff count).
 *
 * @example
 * explainClient(official, rows, 2, context).categories; // → { contact: 1, regular: 2, … } adding up to official.staff
 */
export function explainClient(official: ClientContinuity, rows: readonly CountedVisitRow[], line: number, c: ClientContext): ClientExplanation {
  const visits = seenVisits(rows, c);
  const category = categorise(visits, c.contact, c.explain.regularVisits);
  const categories = Object.fromEntries(STAFF_CATEGORIES.map((k) => [k, 0])) as CategoryCounts;
  const members = Object.fromEntries(STAFF_CATEGORIES.map((k) => [k, [] as string[]])) as Record<StaffCategory, string[]>;
  for (const s of [...category.keys()].sort()) {
    const k = category.get(s)!;
    categories[k]++;
    members[k].push(s);
  }
  const share = (has: (s: string) => boolean) => (visits.length === 0 ? 0 : visits.filter((v) => v.counted.some(has)).length / visits.length);
  const isRegular = (s: string) => category.get(s) === 'regular';
  const familiar = [...members.contact, ...members.regular].sort();
  const oneStaff = c.rules.countBothStaff ? evaluateClient(official.client, rows, official.age, c.window, { ...c.rules, countBothStaff: false }).staff : official.staff;
  return {
    client: official.client,
    line,
    group: official.group,
    visits: official.visits,
    staff: official.staff,
    categories,
    members,
    contact: c.contact,
    contactShare: c.contact === null ? null : share((s) => s === c.contact),
    regularShare: share(isRegular),
    familiarShare: share((s) => s === c.contact || isRegular(s)),
    newFaces: c.metBefore === null ? null : [...category.keys()].filter((s) => !c.metBefore!.has(s)).length,
    oneStaff,
    floor: floorCount(official.client, rows, familiar, official.age, c),
  };
}
