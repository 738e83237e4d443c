import type { Visit } from '../../src/read/types.js';

/** A visit row for the route tests: times `HH:mm` on 2024-10-01 UTC. */
export function visit(staff: string, client: string, from: string, to: string, at: [number, number] | null, extra: Partial<Visit> = {}): Visit {
  const t = (hhmm: string) => Date.parse(`2024-10-01T${hhmm}:00Z`);
  return {
    line: 0, visitId: '', client, staff, start: t(from), end: t(to), kind: '', group: 'G', birthDay: null, age: null, staffRole: '',
    contactStaff: '', lat: at?.[0] ?? null, lon: at?.[1] ?? null, travelMinutes: null, travelKm: null, shiftStart: null, shiftEnd: null, ...extra,
  };
}

/** `HH:mm` on 2024-10-01 UTC as epoch ms. */
export const at = (hhmm: string): number => Date.parse(`2024-10-01T${hhmm}:00Z`);

/** Haversine on a sphere of 6371 km, written out independently of src/. */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

/** All permutations of a list. */
export function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}
