/**
 * Which counted visits of a window are in one log and not the other. A visit is the definition's
 * ({@link visitsOf}): rows of one client sharing a visit id, or without one overlapping by half.
 * Visits are matched per client, first by visit id (both with the same id), then the rest by
 * start (earliest row) and end (latest row), as many times as each appears.
 *
 * @module
 */
import { civilFromDays } from '../../windows/civil.js';
import type { LocalZone } from '../../windows/zone.js';
import { visitsOf, type CountedVisitRow } from '../continuity/definition-visits.js';
import type { UnmatchedVisit, VisitDifference } from './compare-types.js';

/** One counted visit: its id (`''` when none), start, end and different staff. */
interface SimpleVisit {
  visitId: string;
  start: number;
  end: number;
  staff: number;
}

function simpleVisits(rows: readonly CountedVisitRow[]): SimpleVisit[] {
  return visitsOf(rows).map((visit) => ({
    visitId: rows[visit[0]!]!.visitId,
    start: Math.min(...visit.map((i) => rows[i]!.start)),
    end: Math.max(...visit.map((i) => rows[i]!.end)),
    staff: new Set(visit.map((i) => rows[i]!.staff)).size,
  }));
}

/** Removes from `a` and `b` the visits with equal keys (each match once); keyless visits stay. */
function matchBy(a: SimpleVisit[], b: SimpleVisit[], key: (v: SimpleVisit) => string | null): [SimpleVisit[], SimpleVisit[], number] {
  const waiting = new Map<string, number>();
  for (const v of b) {
    const k = key(v);
    if (k !== null) waiting.set(k, (waiting.get(k) ?? 0) + 1);
  }
  const restA: SimpleVisit[] = [];
  const taken = new Map<string, number>();
  for (const v of a) {
    const k = key(v);
    if (k !== null && (waiting.get(k) ?? 0) > 0) {
      waiting.set(k, waiting.get(k)! - 1);
      taken.set(k, (taken.get(k) ?? 0) + 1);
    } else restA.push(v);
  }
  const restB: SimpleVisit[] = [];
  for (const v of b) {
    const k = key(v);
    if (k !== null && (taken.get(k) ?? 0) > 0) taken.set(k, taken.get(k)! - 1);
    else restB.push(v);
  }
  return [restA, restB, a.length - restA.length];
}

/** Local `YYYY-MM-DD HH:MM` of an instant. */
function localText(zone: LocalZone, t: number): string {
  const m = zone.localMinuteOfDay(t);
  return `${civilFromDays(zone.localDay(t))} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * The visits of a window's counted rows in both logs (client → rows), matched.
 *
 * @example
 * differVisits(before.get(fromDay), after.get(fromDay), lineOf, zone, 100).onlyBefore; // → visits dropped
 */
export function differVisits(
  before: ReadonlyMap<string, CountedVisitRow[]> | undefined,
  after: ReadonlyMap<string, CountedVisitRow[]> | undefined,
  lineOf: (client: string) => number,
  zone: LocalZone,
  maxListed: number,
): VisitDifference {
  const clients = [...new Set([...before?.keys() ?? [], ...after?.keys() ?? []])].sort();
  const diff: VisitDifference = { before: 0, after: 0, matched: 0, onlyBefore: 0, onlyAfter: 0, listed: [] };
  const list = (side: 'before' | 'after', client: string, vs: readonly SimpleVisit[]) => {
    for (const v of vs) {
      if (diff.listed.length >= maxListed) return;
      diff.listed.push({ in: side, client, line: lineOf(client), visitId: v.visitId, start: localText(zone, v.start), end: localText(zone, v.end), staff: v.staff });
    }
  };
  for (const client of clients) {
    const a = simpleVisits(before?.get(client) ?? []);
    const b = simpleVisits(after?.get(client) ?? []);
    const [a1, b1, byId] = matchBy(a, b, (v) => (v.visitId === '' ? null : `${v.visitId}`));
    const [a2, b2, byTime] = matchBy(a1, b1, (v) => `${v.start}/${v.end}`);
    diff.before += a.length;
    diff.after += b.length;
    diff.matched += byId + byTime;
    diff.onlyBefore += a2.length;
    diff.onlyAfter += b2.length;
    list('before', client, a2);
    list('after', client, b2);
  }
  return diff;
}
