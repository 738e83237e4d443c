/**
 * The label catalogue's lookup: one table (labels-catalogue.ts), one lookup ({@link label}); a
 * text used by several outputs is there once. Calendar days and periods for people are here too;
 * the phrases that state a rule are in rule-labels.ts.
 *
 * @module
 */

import { LABELS, type Lang } from './labels-catalogue.js';

export type { Lang } from './labels-catalogue.js';


/**
 * A key of the label catalogue.
 *
 * @example
 * const key: LabelKey = 'eligible';
 */
export type LabelKey = keyof typeof LABELS;

/**
 * The text of a key in a language, with `{name}` placeholders filled from `vars` (a missing one is
 * left as it is).
 *
 * @example
 * label('ofServed', 'sv', { n: 12 }); // → 'av 12 med insats'
 */
export function label(key: LabelKey, lang: Lang, vars: Readonly<Record<string, string | number>> = {}): string {
  return LABELS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/**
 * A text with its first letter in upper case: a label that starts a heading or a card
 * (`capital(label('mean', 'sv'))` → `'Medel'`).
 *
 * @example
 * capital('andel timmar'); // → 'Andel timmar'
 */
export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Why a row was rejected, for people (`time_out_of_range` → `tid som inte finns i kalendern` /
 * `time not in the calendar`); unknown codes come back as they are.
 *
 * @example
 * issueLabel('end_before_start', 'sv'); // → 'slut före start'
 */
export function issueLabel(code: string, lang: Lang): string {
  const key = `issue_${code}`;
  return hasLabel(key) ? label(key, lang) : code;
}

/**
 * Whether the catalogue has a text under `key` (for keys made from codes: `issue_…`, `reason_…`).
 *
 * @example
 * hasLabel('issue_end_before_start'); // → true
 */
export function hasLabel(key: string): key is LabelKey {
  return key in LABELS;
}

const MONTHS = {
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
} as const;

/**
 * A calendar day `YYYY-MM-DD` for people: `7 okt 2024` / `7 Oct 2024` (without the year with
 * `year: false`). Text that is not such a day comes back as it is.
 *
 * @example
 * dayLabel('2024-10-07', 'sv'); // → '7 okt 2024'
 */
export function dayLabel(day: string, lang: Lang, year = true): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = m === null ? undefined : MONTHS[lang][Number(m[2]) - 1];
  if (m === null || month === undefined) return day;
  return `${Number(m[3])} ${month}${year ? ` ${m[1]}` : ''}`;
}

/**
 * A window `from`–`to` for people: `7–20 okt 2024`, `28 okt – 10 nov 2024`, `23 dec 2024 – 5 jan 2025`.
 *
 * @example
 * periodLabel('2024-10-07', '2024-10-20', 'en'); // → '7–20 Oct 2024'
 */
export function periodLabel(from: string, to: string, lang: Lang): string {
  if (from.slice(0, 7) === to.slice(0, 7)) return `${Number(from.slice(8, 10))}–${dayLabel(to, lang)}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${dayLabel(from, lang, false)} – ${dayLabel(to, lang)}`;
  return `${dayLabel(from, lang)} – ${dayLabel(to, lang)}`;
}
