import type { RouteTotals, RouteTotalsWindow } from '../../../measures/routes/types.js';
import { esc } from '../svg/markup.js';
import type { ReportContext } from './context.js';
import { int, num, pct } from './format.js';
import { label as L } from '../labels.js';

const COLUMNS = ['group', 'r_staffDays', 'visits', 'r_clientTime', 'r_travelPerVisit', 'kmPerVisit', 'r_detour', 'r_detourWindows', 'r_savingHours', 'r_savingHoursWindows'] as const;
/** The value cells from the detour ratios on (after the group's name): those a best-order sample gives. */
const SAMPLED_FROM = 5;

/**
 * Route efficiency in the detailed window (when the log has coordinates or travel legs): the
 * client-time share (brukartid), travel per visit, the detour ratio against the best order freely
 * and within the time windows, and the saving, for the municipality and per group. When the
 * window's best orders were searched on a seeded sample of its staff-days (`bestOrderSample`),
 * the note says how many of how many, the savings read "≈", and those cells carry
 * `data-sample="searched/of"`.
 *
 * @example
 * routesSection(ctx, routesWindow, routes.options.windowMinutes); // → '<section id="routes">…</section>'
 */
export function routesSection(ctx: ReportContext, w: RouteTotalsWindow, windowMinutes: number): string {
  const { lang } = ctx;
  const head = COLUMNS.map((k, i) => `<th${i > 0 ? ' class="num" data-type="num"' : ''}><button type="button">${esc(L(k, lang, { minutes: windowMinutes }))}</button></th>`).join('');
  const line = (name: string, s: RouteTotals) => {
    const sample = s.bestOrderSample;
    // from a sample: the savings are estimates (≈), none without a searched day
    const saving = (minutes: number): [number | null, string] => (sample === undefined ? [minutes / 60, num(minutes / 60, lang, 0)]
      : sample.searched === 0 ? [null, '–'] : [minutes / 60, `≈ ${num(minutes / 60, lang, 0)}`]);
    const values: [number | null, string][] = [
      [s.staffDays, int(s.staffDays, lang)], [s.visits, int(s.visits, lang)], [s.clientTimeShare, pct(s.clientTimeShare, lang)],
      [s.travelMinutesPerVisit, num(s.travelMinutesPerVisit, lang)], [s.kmPerVisit, num(s.kmPerVisit, lang)],
      [s.detourRatio, num(s.detourRatio, lang, 2)], [s.detourRatioWindows, num(s.detourRatioWindows, lang, 2)],
      saving(s.savingMinutes), saving(s.savingMinutesWindows),
    ];
    // the cells of figures from the sample say so (data-sample: searched/of staff-days)
    const mark = sample === undefined ? '' : ` data-sample="${sample.searched}/${sample.of}"`;
    return `<td>${esc(name)}</td>${values.map(([v, text], i) => `<td class="num" data-v="${v ?? -1}"${i >= SAMPLED_FROM ? mark : ''}>${esc(text)}</td>`).join('')}`;
  };
  const sample = w.bestOrderSample;
  const note = sample === undefined ? '' : ` ${L('routesSample', lang, { n: int(sample.searched, lang), m: int(sample.of, lang) })}`;
  return `<section id="routes"><h2>${esc(L('routes', lang))}</h2><p class="note">${esc(L('routesIntro', lang, { minutes: windowMinutes }) + note)}</p>`
    + `<div class="scroll"><table class="sortable" id="routes-table"><thead><tr>${head}</tr></thead><tbody>${w.groups.map((g) => `<tr>${line(g.group || '–', g)}</tr>`).join('')}</tbody>`
    + `<tfoot><tr class="total">${line(L('all', lang), w)}</tr></tfoot></table></div></section>`;
}
