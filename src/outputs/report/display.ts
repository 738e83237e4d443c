import type { ContinuityResult, ContinuitySummary } from '../../measures/continuity/types.js';
import { routesTable } from '../routes/table.js';
import type { RoutesResult } from '../../measures/routes/types.js';
import { setJupyterRenderer } from '../../jupyter.js';
import { staffingTable } from '../staffing/table.js';
import type { StaffingResult, StaffingSummary } from '../../measures/staffing/types.js';
import { label, type Lang } from './labels.js';
import { rulePhrases } from './rule-labels.js';
import { esc } from './svg/markup.js';
import { continuityTable, fmt } from './table.js';

/**
 * The symbol Jupyter kernels for JavaScript (Deno's among them) look for: an object with a method
 * under it is shown by the media bundle the method returns. `Symbol.for`, so no Deno types or
 * runtime are needed.
 *
 * @example
 * const shown = { [JUPYTER_DISPLAY]: () => ({ 'text/plain': 'hi' }) }; // a notebook shows "hi"
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display') as typeof JUPYTER_DISPLAY;

/**
 * A media bundle: the same content in several MIME types; the notebook picks the richest it can show.
 *
 * @example
 * const bundle: MediaBundle = { 'text/plain': 'mean 13.2', 'text/html': '<b>mean 13.2</b>' };
 */
export type MediaBundle = { 'text/plain': string } & Partial<Record<'text/html' | 'image/svg+xml', string>>;

/**
 * An object that shows itself in a Jupyter notebook (Deno's kernel).
 *
 * @example
 * const d: Displayable = displaySvg('<svg xmlns="http://www.w3.org/2000/svg"/>');
 * d[JUPYTER_DISPLAY]()['image/svg+xml']; // → '<svg xmlns="http://www.w3.org/2000/svg"/>'
 */
export interface Displayable {
  [JUPYTER_DISPLAY](): MediaBundle;
}

/**
 * Options of {@link displayable}.
 *
 * @example
 * const options: DisplayOptions = { lang: 'sv', byGroup: false };
 */
export interface DisplayOptions {
  /** Language of the labels. Default `'en'`. */
  lang?: Lang;
  /** Also one row per group. Default true. */
  byGroup?: boolean;
}

/**
 * Makes a result of {@link measureContinuity} or {@link measureStaffing} show itself in a Deno
 * Jupyter notebook: as the last expression of a cell it displays as an HTML table (one row per
 * window, and per group) with the terminal table as its text form. The method is attached
 * under `Symbol.for('Jupyter.display')` as a non-enumerable property of the same object, so the
 * result's shape, its keys and `JSON.stringify` stay exactly as they were. Returns the result.
 *
 * @example
 * const r = displayable(await measureContinuity('visits.csv'), { lang: 'sv' });
 * r; // in a notebook cell: the table
 * JSON.stringify(r) === JSON.stringify(await measureContinuity('visits.csv')); // → true
 */
export function displayable<T extends ContinuityResult | StaffingResult>(result: T, options: DisplayOptions = {}): T & Displayable {
  const lang = options.lang ?? 'en';
  const byGroup = options.byGroup ?? true;
  const bundle = (): MediaBundle => (result.schema === 'kontinuitet/staffing@1'
    ? { 'text/plain': staffingTable(result as StaffingResult, { lang, byGroup }), 'text/html': staffingHtml(result as StaffingResult, lang, byGroup) }
    : { 'text/plain': continuityTable(result as ContinuityResult, { lang, byGroup }), 'text/html': continuityHtml(result as ContinuityResult, lang, byGroup) });
  Object.defineProperty(result, JUPYTER_DISPLAY, { value: bundle, enumerable: false, configurable: true, writable: true });
  return result as T & Displayable;
}

/**
 * Makes the measures' results show themselves in a notebook (Deno's Jupyter kernel): measure and
 * staffing results as their tables (in English, per group), routes results as their terminal
 * table. Each entry of the package calls it once when loaded (an explicit call: a bare import of
 * this module would be dropped by a bundler under `sideEffects: false`).
 *
 * @example
 * showResultsInNotebooks(); // then (await measureContinuity('visits.csv')) as a cell's last expression shows its table
 */
export function showResultsInNotebooks(): void {
  setJupyterRenderer((result) => {
    if (result.schema === 'kontinuitet/measure@1' || result.schema === 'kontinuitet/staffing@1') {
      const copy = displayable({ ...(result as ContinuityResult | StaffingResult) });
      return copy[JUPYTER_DISPLAY]();
    }
    if (result.schema === 'kontinuitet/routes@1') return { 'text/plain': routesTable(result as RoutesResult) };
    return undefined;
  });
}

/**
 * Wraps an SVG string (from {@link histogramSvg}, {@link trendSvg} or {@link groupsSvg}) so that a
 * notebook shows the picture rather than the markup. `svg` holds the string, `toString()` gives it back.
 *
 * @example
 * displaySvg(histogramSvg(r.windows[0]));   // as the last expression of a cell: the chart
 * String(displaySvg('<svg/>')); // → '<svg/>'
 */
export function displaySvg(svg: string): Displayable & { svg: string } {
  const title = /<title[^>]*>([^<]*)<\/title>/.exec(svg)?.[1] ?? 'SVG';
  return {
    svg,
    toString: () => svg,
    [JUPYTER_DISPLAY]: () => ({ 'image/svg+xml': svg, 'text/plain': unescape(title) }),
  } as Displayable & { svg: string };
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

const CELL = 'style="text-align:right;padding:2px 8px"';
const HEAD = 'style="text-align:right;padding:2px 8px;border-bottom:1px solid #999"';
const FIRST = 'style="text-align:left;padding:2px 8px;white-space:nowrap"';

function table(caption: string, head: string[], rows: string[][]): string {
  const th = head.map((h, i) => `<th ${i === 0 ? HEAD.replace('right', 'left') : HEAD}>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td ${i === 0 ? FIRST : CELL}>${c}</td>`).join('')}</tr>`).join('');
  return `<table style="border-collapse:collapse;font-variant-numeric:tabular-nums"><caption style="text-align:left;font-weight:600">${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function pct(v: number | null, lang: Lang): string {
  return v === null ? '–' : `${fmt(v * 100, 1, lang)} %`;
}

function rowsOf<W extends { from: string; to: string; groups: (S & { group: string })[] }, S>(windows: readonly W[], byGroup: boolean, lang: Lang, cells: (s: W | S) => string[]): string[][] {
  return windows.flatMap((w) => [
    [`<b>${esc(`${w.from} – ${w.to}`)}</b>`, ...cells(w)],
    ...(byGroup ? w.groups.map((g) => [`&nbsp;&nbsp;${esc(g.group || '–')}`, ...cells(g)]) : []),
  ]).concat(windows.length === 0 ? [[esc(label('noWindows', lang))]] : []);
}

function continuityHtml(r: ContinuityResult, lang: Lang, byGroup: boolean): string {
  const head = [label('window', lang), label('served', lang), label('eligible', lang), label('mean', lang), label('median', lang), label('q1', lang), label('q3', lang), label('min', lang), label('max', lang), label('shareAbove20Short', lang), `${label('shareAboveTargetShort', lang)} (${fmt(r.rule.target, 1, lang)})`];
  const cells = (s: ContinuitySummary) => [String(s.clients.served), String(s.clients.eligible), ...(['mean', 'median', 'q1', 'q3', 'min', 'max'] as const).map((k) => fmt(s.staffPerClient[k], 1, lang)), pct(s.staffPerClient.shareAbove20, lang), pct(s.staffPerClient.shareAboveTarget, lang)];
  const rows = r.rows;
  const rule = rulePhrases(r.rule, lang);
  const note = `<p style="font-size:90%">${esc(label('rows', lang))}: ${esc(label('read', lang))} ${rows.read}, ${esc(label('used', lang))} ${rows.used}, ${esc(label('rejected', lang))} ${rows.rejected}<br>${esc(rule.summary)}</p>`;
  return table(label('staffPerClient', lang, rule), head, rowsOf(r.windows, byGroup, lang, cells)) + note;
}

function staffingHtml(r: StaffingResult, lang: Lang, byGroup: boolean): string {
  const head = [label('window', lang), label('served', lang), label('doubleStaffed', lang), label('visits', lang), label('doubleStaffedVisits', lang), label('doubleStaffedShare', lang), label('hoursShare', lang), label('meanWith', lang), label('meanWithout', lang)];
  const cells = (s: StaffingSummary) => [String(s.clients.served), String(s.clients.doubleStaffed), String(s.visits), String(s.doubleStaffedVisits), pct(s.doubleStaffedShare, lang), pct(s.doubleStaffedHoursShare, lang), fmt(s.staffPerClient.withSecond.mean, 1, lang), fmt(s.staffPerClient.withoutSecond.mean, 1, lang)];
  return table(label('doubleStaffedVisits', lang), head, rowsOf(r.windows, byGroup, lang, cells));
}
