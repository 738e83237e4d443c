import type { Lang } from '../labels.js';
import { fmt } from '../table.js';

/** A whole number with thousands grouped: `12 940` (sv, narrow no-break space) or `12,940` (en). */
export function int(n: number, lang: Lang): string {
  const whole = Math.round(Math.abs(n));
  const s = whole < 1000 ? String(whole) : String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'sv' ? '\u202f' : ',');
  return n < 0 ? `−${s}` : s;
}

/**
 * A number with at most `digits` decimals (`–` for null), decimal comma in Swedish, and the
 * thousands grouped as {@link int} groups them: `12 940,5` (sv) / `12,940.5` (en); a minus sign.
 */
export function num(v: number | null | undefined, lang: Lang, digits = 1): string {
  const s = fmt(v ?? null, digits, lang);
  if (s === '–') return s;
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const mark = lang === 'sv' ? ',' : '.';
  const at = body.indexOf(mark);
  const whole = at < 0 ? body : body.slice(0, at);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'sv' ? '\u202f' : ',');
  return `${neg ? '−' : ''}${grouped}${at < 0 ? '' : body.slice(at)}`;
}

/** A share 0–1 as a percentage with one decimal: `11,6 %`; `–` for null. */
export function pct(v: number | null | undefined, lang: Lang): string {
  return v === null || v === undefined ? '–' : `${num(v * 100, lang)} %`;
}

/** A change with its sign: `+0,4`, `−1,2`, `±0`. */
export function signed(d: number, lang: Lang, digits = 1): string {
  const r = Math.round(d * 10 ** digits) / 10 ** digits;
  if (r === 0) return '±0';
  return `${r > 0 ? '+' : '−'}${num(Math.abs(r), lang, digits)}`;
}
