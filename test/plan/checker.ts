// An independent feasibility checker for plans (written apart from src/plan's constraint code):
// coverage, overlaps, availability, travel, pairs distinct, roles. Returns the broken rules.
import type { Visit } from '../../src/read/types.js';

const DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
const dates = new Map<number, string>();
const localDate = (ms: number) => dates.get(ms) ?? dates.set(ms, DAY.format(new Date(ms))).get(ms)!;
const FIELDS = ['line', 'visitId', 'client', 'start', 'end', 'kind', 'group', 'birthDay', 'age', 'staffRole', 'contactStaff', 'lat', 'lon', 'travelMinutes', 'travelKm', 'shiftStart', 'shiftEnd'] as const;
const isNurseRole = (role: string) => /^(hsl|hemsjukv|sjuksk)/i.test(role.trim());

/** Minutes of travel between two rows: haversine × 1.3 at 40 km/h (the routes model's defaults), 0 without coordinates. */
export function travelMin(a: Visit, b: Visit): number {
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return 0;
  const r = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  const km = 2 * 6371 * Math.asin(Math.sqrt(h)) * 1.3;
  return (km / 40) * 60;
}

/** Total travel minutes of consecutive rows of each staff-day. */
export function totalTravel(rows: readonly Visit[]): number {
  let sum = 0;
  for (const day of staffDays(rows).values()) for (let k = 1; k < day.length; k++) sum += travelMin(rows[day[k - 1]!]!, rows[day[k]!]!);
  return sum;
}

function staffDays(rows: readonly Visit[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  rows.forEach((v, i) => {
    const key = `${v.staff}\u0000${localDate(v.start)}`;
    (m.get(key) ?? m.set(key, []).get(key)!).push(i);
  });
  for (const list of m.values()) list.sort((a, b) => rows[a]!.start - rows[b]!.start || rows[a]!.end - rows[b]!.end || a - b);
  return m;
}

/** A roster shift as the tests write it by hand (epoch ms). */
export interface CheckedShift { staff: string; start: number; end: number; role?: string }

/**
 * The hard rules a plan breaks ([] when none). With a roster: a rostered staff member keeps every
 * row they had; a row moved to them must lie in their shifts touching its date, joined by the rows
 * they keep that date; a staff member with a nurse role in the roster takes no moved row.
 */
export function violations(input: readonly Visit[], plan: readonly Visit[], roster?: readonly CheckedShift[]): string[] {
  const out: string[] = [];
  if (input.length !== plan.length) return [`coverage: ${plan.length} rows for ${input.length}`];
  const overlap = (a: Visit, b: Visit) => a.start < b.end && b.start < a.end;
  const nurses = new Set(input.filter((v) => isNurseRole(v.staffRole)).map((v) => v.staff));
  for (const r of roster ?? []) if (isNurseRole(r.role ?? '')) nurses.add(r.staff);
  const rostered = new Set((roster ?? []).map((r) => r.staff));
  const rosterSpans = new Map<string, [number, number][]>();
  for (const r of roster ?? []) {
    const dates = new Set<string>();
    for (let t = r.start; t < r.end; t += 3_600_000) dates.add(localDate(t));
    dates.add(localDate(r.end - 1));
    for (const d of dates) {
      const key = `${r.staff}\u0000${d}`;
      (rosterSpans.get(key) ?? rosterSpans.set(key, []).get(key)!).push([r.start, r.end]);
    }
  }
  input.forEach((v, i) => {
    if (!rostered.has(v.staff) || plan[i]!.staff !== v.staff) return;
    const key = `${v.staff}\u0000${localDate(v.start)}`;
    (rosterSpans.get(key) ?? rosterSpans.set(key, []).get(key)!).push([v.start, v.end]);
  });
  // Availability: per staff-day, one span from the first start to the last end of the rows without
  // shift columns, and each row's shift where given; a row fits when one span, or a chain of
  // overlapping spans, holds it.
  const spans = new Map<string, [number, number][]>();
  const hulls = new Map<string, [number, number]>();
  for (const v of input) {
    const key = `${v.staff}\u0000${localDate(v.start)}`;
    const list = spans.get(key) ?? spans.set(key, []).get(key)!;
    if (v.shiftStart !== null || v.shiftEnd !== null) list.push([Math.min(v.start, v.shiftStart ?? v.start), Math.max(v.end, v.shiftEnd ?? v.end)]);
    else {
      const hull = hulls.get(key);
      if (hull === undefined) list.push(hulls.set(key, [v.start, v.end]).get(key)!);
      else { hull[0] = Math.min(hull[0], v.start); hull[1] = Math.max(hull[1], v.end); }
    }
  }
  const fits = (key: string, a: number, b: number, from = spans) => {
    // grow the covered stretch from a by any span that starts inside it, until it reaches b
    const list = from.get(key) ?? [];
    let reach = -Infinity;
    for (const s of list) if (s[0] <= a && s[1] > reach) reach = s[1];
    if (reach === -Infinity) return false;
    for (let grown = true; grown && reach < b;) {
      grown = false;
      for (const s of list) if (s[0] <= reach && s[1] > reach) { reach = s[1]; grown = true; }
    }
    return reach >= b;
  };
  input.forEach((v, i) => {
    const p = plan[i]!;
    if (FIELDS.some((f) => v[f] !== p[f])) out.push(`coverage: row ${i} changed more than its staff`);
    if (p.staff !== v.staff) {
      if (isNurseRole(v.staffRole)) out.push(`role: nurse row ${i} moved`);
      if (nurses.has(p.staff)) out.push(`role: care row ${i} given to a nurse`);
    }
    const key = `${p.staff}\u0000${localDate(p.start)}`;
    if (rostered.has(p.staff) ? p.staff !== v.staff && !fits(key, p.start, p.end, rosterSpans) : !fits(key, p.start, p.end)) out.push(`availability: row ${i} outside its staff's span`);
  });
  const inputPairs = new Set<string>();
  for (const day of staffDays(input).values()) for (let k = 1; k < day.length; k++) inputPairs.add(`${day[k - 1]},${day[k]}`);
  for (const day of staffDays(plan).values()) {
    for (let x = 0; x < day.length; x++) {
      for (let y = x + 1; y < day.length; y++) {
        const a = day[x]!, b = day[y]!;
        if (overlap(plan[a]!, plan[b]!) && !(input[a]!.staff === plan[a]!.staff && input[b]!.staff === plan[b]!.staff)) out.push(`overlap: rows ${a} and ${b}`);
      }
      if (x > 0) {
        const a = day[x - 1]!, b = day[x]!;
        const tight = plan[a]!.end + travelMin(plan[a]!, plan[b]!) * 60_000 > plan[b]!.start + 1e-6;
        if (tight && !overlap(plan[a]!, plan[b]!) && !inputPairs.has(`${a},${b}`)) out.push(`travel: rows ${a} → ${b}`);
      }
    }
  }
  plan.forEach((a, i) => plan.forEach((b, j) => {
    if (i < j && a.visitId !== '' && a.visitId === b.visitId && a.staff === b.staff && overlap(a, b) && input[i]!.staff !== input[j]!.staff) out.push(`pair: rows ${i} and ${j} of one visit share staff`);
  }));
  return out;
}
