import type { ContinuitySummary } from '../../measures/continuity/types.js';
import { label, type LabelKey } from '../report/labels.js';
import type { Figure, TargetKey } from './types.js';

/**
 * A label of the check outputs, which are in English.
 *
 * @example
 * en('check_mean'); // → 'mean staff per client'
 */
export const en = (key: LabelKey): string => label(key, 'en');

/** What each target limits, in words, and whether it is an upper (`max`) or lower (`min`) limit. */
export const TARGETS: Readonly<Record<TargetKey, { label: string; comparison: 'max' | 'min'; unit: 'staff' | 'share' }>> = {
  mean: { label: en('check_mean'), comparison: 'max', unit: 'staff' },
  median: { label: en('check_median'), comparison: 'max', unit: 'staff' },
  shareAbove20: { label: en('check_shareAbove20'), comparison: 'max', unit: 'share' },
  maxStaff: { label: en('check_maxStaff'), comparison: 'max', unit: 'staff' },
  minContactShare: { label: en('check_contactShare'), comparison: 'min', unit: 'share' },
  maxRejectedShare: { label: en('check_rejectedShare'), comparison: 'max', unit: 'share' },
};

/** The figure behind each baseline comparison, in words; `higherIsBetter` only for the contact share. */
export const FIGURES: Readonly<Record<Figure, { label: string; unit: 'staff' | 'share'; higherIsBetter: boolean }>> = {
  mean: { label: en('check_mean'), unit: 'staff', higherIsBetter: false },
  median: { label: en('check_median'), unit: 'staff', higherIsBetter: false },
  shareAbove20: { label: en('check_shareAbove20'), unit: 'share', higherIsBetter: false },
  maxStaff: { label: en('check_mostStaff'), unit: 'staff', higherIsBetter: false },
  contactShare: { label: en('check_contactShare'), unit: 'share', higherIsBetter: true },
  rejectedShare: { label: en('check_rejectedShare'), unit: 'share', higherIsBetter: false },
};

/** Differences smaller than this are float noise, not a change (values are means and shares of counts). */
export const EPSILON = 1e-9;

/** Rounds away float noise (12 significant digits) so JSON shows 0.3, not 0.30000000000000004. */
export function clean(v: number): number {
  return Math.abs(v) < EPSILON ? 0 : Number(v.toPrecision(12));
}

/**
 * A figure for people: staff with at most 2 decimals, shares as a percentage with at most 1.
 *
 * @example
 * show(0.25, 'share'); // → '25 %'
 * show(14.333, 'staff'); // → '14.33'
 */
export function show(v: number | null, unit: 'staff' | 'share'): string {
  if (v === null) return '–';
  if (unit === 'share') return `${String(Math.round(v * 1000) / 10)} %`;
  return String(Math.round(v * 100) / 100);
}

/** An unsigned difference for people: staff as a number, shares in percentage points (`13.3 pp`). */
export function showAmount(v: number, unit: 'staff' | 'share'): string {
  return unit === 'share' ? `${String(Math.round(Math.abs(v) * 1000) / 10)} pp` : String(Math.round(Math.abs(v) * 100) / 100);
}

/** A signed change for people: `+1.5`, `−2`, `±0`; shares in percentage points (`+2 pp`). */
export function showChange(v: number, unit: 'staff' | 'share'): string {
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const a = Math.abs(v);
  return unit === 'share' ? `${sign}${String(Math.round(a * 1000) / 10)} pp` : `${sign}${String(Math.round(a * 100) / 100)}`;
}

/** Where a check applies, for messages: `all clients, 2024-10-21 – 2024-11-03`, `group Norr, …` or `whole log`. */
export function where(group: string | null, from: string | null, to: string | null): string {
  if (group === null && from === null) return 'whole log';
  const scope = group === null ? 'all clients' : `group ${group === '' ? '(none)' : group}`;
  return from === null ? scope : `${scope}, ${from} – ${to ?? ''}`;
}

/**
 * The contact-person share of a summary: the mean, over eligible clients with a listed contact
 * person, of the share of the client's counted visits at which the contact person was present
 * (`indices.contactShare.mean` of the measure run with `indices: true`). `null` when no eligible
 * client has a contact person listed; `undefined` when the measure ran without indices.
 *
 * @example
 * contactShareOf(measured.windows[0]); // → 0.25
 */
export function contactShareOf(summary: ContinuitySummary): number | null | undefined {
  const ix = summary.indices;
  if (ix === undefined) return undefined;
  return ix.contactShare.n === 0 ? null : ix.contactShare.mean;
}
