/**
 * A staff-day's figures packed as numbers (how a batch's figures come back from a thread), and a
 * staff-day's local times as the result writes them.
 *
 * @module
 */

import { civilFromDays } from '../../windows/civil.js';
import type { LocalZone } from '../../windows/zone.js';
import type { DayCore } from './day.js';
import { REASONS, SEARCHES } from './summaryDays.js';
import type { TravelSource } from './types.js';

/**
 * The numbers of a {@link DayCore} packed per staff-day (NaN: null): workStart, workEnd,
 * clientMinutes, travelMinutes, travelKm, waitingMinutes, modelMinutes, modelKm, bestMinutes,
 * bestKm, bestMinutesWindows, bestKmWindows.
 */
export const WIDTH = 12;
/** A day's `travelSource` by its number (0: null). */
export const SOURCES: readonly (TravelSource | null)[] = [null, 'logged', 'model', 'mixed'];

/** A day's `windowsFeasible` as its number (0: null, 1: false, 2: true), and back. */
export const flagCode = (b: boolean | null): number => (b === null ? 0 : b ? 2 : 1);
export const flagOf = (c: number): boolean | null => (c === 0 ? null : c === 2);

/**
 * `YYYY-MM-DDTHH:mm` local time of an instant.
 *
 * @example
 * localTime(new LocalZone('UTC'), 1727773200000); // → '2024-10-01T09:00'
 */
export function localTime(zone: LocalZone, t: number): string {
  const local = zone.localMs(t);
  const day = Math.floor(local / 86_400_000);
  const minute = Math.floor((local - day * 86_400_000) / 60_000);
  return `${civilFromDays(day)}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Numbers a {@link DayCore} takes packed ({@link packCore}): visits, double-staffed visits, the {@link WIDTH} numbers, four kinds. */
export const CORE = 2 + WIDTH + 4;

/**
 * Writes a day's figures as {@link CORE} numbers at `out[at …]` (NaN: null; the travel source,
 * best search, windows' feasibility and reason by their numbers): how a batch's figures go from
 * a thread to {@link StaffDays.setFigures} without an object per day.
 *
 * @example
 * const out = new Float64Array(CORE);
 * packCore(core, out, 0); // out[0] → core.visits
 */
export function packCore(f: DayCore, out: Float64Array, at: number): void {
  out[at] = f.visits;
  out[at + 1] = f.doubleStaffedVisits;
  const x = at + 2;
  out[x] = f.workStart;
  out[x + 1] = f.workEnd;
  out[x + 2] = f.clientMinutes;
  out[x + 3] = f.travelMinutes ?? Number.NaN;
  out[x + 4] = f.travelKm ?? Number.NaN;
  out[x + 5] = f.waitingMinutes ?? Number.NaN;
  out[x + 6] = f.modelMinutes ?? Number.NaN;
  out[x + 7] = f.modelKm ?? Number.NaN;
  out[x + 8] = f.bestMinutes ?? Number.NaN;
  out[x + 9] = f.bestKm ?? Number.NaN;
  out[x + 10] = f.bestMinutesWindows ?? Number.NaN;
  out[x + 11] = f.bestKmWindows ?? Number.NaN;
  const c = x + WIDTH;
  out[c] = SOURCES.indexOf(f.travelSource);
  out[c + 1] = SEARCHES.indexOf(f.bestSearch);
  out[c + 2] = flagCode(f.windowsFeasible);
  out[c + 3] = REASONS.indexOf(f.reason);
}
