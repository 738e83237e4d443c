import { groupSeries, groupTrendSvg } from '../svg/multiples.js';
import { label as L } from '../labels.js';
import { esc } from '../svg/markup.js';
import type { ReportContext } from './context.js';
import { int, num } from './format.js';

/**
 * Groups over time (with two or more windows): one small chart per group with its mean per window
 * and the target, all on one scale, each captioned with the group's latest mean and count.
 *
 * @example
 * groupsOverTimeSection(ctx); // → '<section id="groups-over-time">…</section>'
 */
export function groupsOverTimeSection(ctx: ReportContext): string {
  const { lang, result } = ctx;
  const series = groupSeries(result.windows);
  const highest = Math.max(22, ctx.target + 2, ...series.flatMap((s) => s.means.map((m) => m ?? 0)));
  const charts = series.map((s, k) => {
    const lastAt = s.means.findLastIndex((m) => m !== null);
    const latest = lastAt < 0 ? '' : ` · ${L('latest', lang)} ${num(s.means[lastAt]!, lang)} (n = ${int(s.n[lastAt]!, lang)})`;
    const svg = groupTrendSvg(s, result.windows, { target: ctx.target, lang, yMax: highest, id: `kt-group-trend-${k}` });
    return `<figure class="group-trend" data-group="${esc(s.group)}"><figcaption><b>${esc(s.group || '–')}</b>${esc(latest)}</figcaption>${svg}</figure>`;
  }).join('');
  return `<section id="groups-over-time"><h2>${esc(L('groupsOverTime', lang))}</h2><p class="muted">${esc(L('groupsOverTimeNote', lang))}</p><div class="multiples">${charts}</div></section>`;
}
