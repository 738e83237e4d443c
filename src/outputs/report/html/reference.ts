import type { KoladaReference, PublishedFigures } from '../reference/kolada.js';
import { label as L } from '../labels.js';
import { esc, px } from '../svg/markup.js';
import type { PageWindow, ReportContext } from './context.js';
import { num, pct } from './format.js';

type Figure = 'mean' | 'median' | 'shareAbove20';
const FIGURES: readonly Figure[] = ['mean', 'median', 'shareAbove20'];

/** A figure in the page's format: staff with one decimal, shares in percent. */
function show(ctx: ReportContext, figure: Figure, v: number | null): string {
  return figure === 'shareAbove20' ? pct(v, ctx.lang) : num(v, ctx.lang);
}

/**
 * The band of one figure: the middle half of the municipalities (Q1–Q3) shaded on a line from 0
 * to the largest value, a mark for each value; the marks' names stand in the table beside it,
 * so no two labels can overlap.
 */
function band(values: readonly { key: string; v: number | null }[], quartiles: [number, number] | null, title: string): string {
  const known = values.filter((x): x is { key: string; v: number } => x.v !== null);
  const top = Math.max(...known.map((x) => x.v), ...(quartiles ?? [0])) * 1.1 || 1;
  const w = 240, h = 34, x = (v: number) => 8 + (v / top) * (w - 16);
  const marks = known.map((m) => `<g class="mark ${esc(m.key)}"><line x1="${px(x(m.v))}" x2="${px(x(m.v))}" y1="6" y2="28"/><title>${esc(m.key)}</title></g>`).join('');
  const shaded = quartiles === null ? '' : `<rect class="q" x="${px(x(quartiles[0]))}" y="10" width="${px(Math.max(1, x(quartiles[1]) - x(quartiles[0])))}" height="14"/>`;
  return `<svg class="band" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}"><line class="axis" x1="8" x2="${w - 8}" y1="17" y2="17"/>${shaded}${marks}</svg>`;
}

/**
 * The measured figures beside the published ones (Kolada): this log's window, the municipality's
 * published value, its peer group ("liknande kommuner, äldreomsorg"), the nation, and the middle
 * half of all municipalities as a band; with the note that the published figure comes from a yearly
 * survey, not the same 14 days, and the source.
 *
 * @example
 * referenceSection(ctx, window, reference); // → '<section id="reference">…</section>'
 */
export function referenceSection(ctx: ReportContext, w: PageWindow, reference: KoladaReference): string {
  const { lang } = ctx;
  const measured: PublishedFigures = { id: 'measured', title: null, mean: w.staffPerClient.mean, median: w.staffPerClient.median, shareAbove20: w.staffPerClient.shareAbove20 };
  const rows: [string, string, PublishedFigures | null][] = [
    ['measured', L('ref_measured', lang), measured],
    ['municipality', `${reference.municipality.title ?? reference.municipality.id} ${reference.year}`, reference.municipality],
    ['peers', L('ref_peers', lang), reference.peers],
    ['nation', `${L('ref_nation', lang)} ${reference.year}`, reference.nation],
  ];
  const shown = rows.filter((r): r is [string, string, PublishedFigures] => r[2] !== null);
  const head = `<tr><th>${esc(L('ref_what', lang))}</th>${FIGURES.map((f) => `<th class="num">${esc(L(`ref_${f}`, lang))}</th>`).join('')}</tr>`;
  const body = shown.map(([key, name, f]) => `<tr class="${esc(key)}"><td><span class="key ${esc(key)}"></span>${esc(name)}</td>${FIGURES.map((k) => `<td class="num">${esc(show(ctx, k, f[k]))}</td>`).join('')}</tr>`).join('');
  const quart = `<tr class="quartiles"><td><span class="key q"></span>${esc(L('ref_quartiles', lang))}</td>${FIGURES.map((k) => {
    const q = reference.quartiles[k];
    return `<td class="num">${q === null ? '–' : `${esc(show(ctx, k, q[0]))}–${esc(show(ctx, k, q[1]))}`}</td>`;
  }).join('')}</tr>`;
  const bands = `<tr class="bands"><td></td>${FIGURES.map((k) => `<td>${band(shown.map(([key, , f]) => ({ key, v: f[k] })), reference.quartiles[k], L(`ref_${k}`, lang))}</td>`).join('')}</tr>`;
  return `<section id="reference"><h2>${esc(L('reference', lang))}</h2>`
    + `<div class="scroll"><table id="reference-table"><thead>${head}</thead><tbody>${body}${quart}${bands}</tbody></table></div>`
    + `<p class="note">${esc(L('ref_note', lang, { year: reference.year, days: ctx.rule.days }))}</p></section>`;
}
