import { groupsChartRows, groupsLayoutParts } from '../svg/groups.js';
import { histogramSvg } from '../svg/histogram.js';
import { capital, label as L, periodLabel } from '../labels.js';
import { esc } from '../svg/markup.js';
import { trendSvg } from '../svg/trend.js';
import { shareAboveTarget, type PageWindow, type ReportContext } from './context.js';
import { int, num, pct, signed } from './format.js';
import { chartFigure, chartFigureParts } from './charts.js';

function card(label: string, value: string, sub: string, cls = ''): string {
  return `<div class="card${cls ? ` ${cls}` : ''}"><div class="label">${label}</div><div class="value">${value}</div><div class="sub">${sub}</div></div>`;
}

function change(ctx: ReportContext, now: number | null, before: number | null): string {
  const p = ctx.previous;
  if (p === undefined || now === null || before === null) return '';
  return `<br>${esc(L('change', ctx.lang, { d: signed(now - before, ctx.lang), p: periodLabel(p.from, p.to, ctx.lang) }))}`;
}

/** The key figures of the detailed window, with the target and the change since the window before. */
export function headlineSection(ctx: ReportContext, w: PageWindow): string {
  const { lang } = ctx;
  const s = w.staffPerClient;
  const prev = ctx.previous?.staffPerClient;
  const over = s.mean !== null && s.mean > ctx.target;
  const status = s.mean === null ? '' : `<span class="chip ${over ? 'over' : 'ok'}">${esc(L(over ? 'aboveTarget' : 'withinTarget', lang))}</span> `;
  const targetText = esc(L('targetValue', lang, { v: num(ctx.target, lang) }));
  const aboveTarget = shareAboveTarget(ctx, w, w);
  // the Kolada codes only where the figures are Kolada's (the official rules)
  const code = (kolada: string) => (ctx.rule.codes === '' ? '' : ` (${kolada})`);
  const count = (share: number | null) => (share === null ? '' : `${esc(int(Math.round(share * s.n), lang))} ${esc(L('clients', lang).toLowerCase())}`);
  return `<section id="headline"><h2>${esc(L('headline', lang))} · ${esc(periodLabel(w.from, w.to, lang))}</h2><div class="cards">`
    + card(`${esc(capital(L('mean', lang)))}${code('U21401')}`, esc(num(s.mean, lang)), `${status}${targetText}${change(ctx, s.mean, prev?.mean ?? null)}`, s.mean === null ? '' : over ? 'over' : 'ok')
    + card(`${esc(capital(L('median', lang)))}${code('U21402')}`, esc(num(s.median, lang)), `${esc(L('staffPerClientUnit', lang))}${change(ctx, s.median, prev?.median ?? null)}`)
    + card(`${esc(L('shareAbove20', lang))}${code('U21436')}`, esc(pct(s.shareAbove20, lang)), count(s.shareAbove20))
    + card(esc(L('shareAboveTarget', lang)), esc(pct(aboveTarget, lang)), `${count(aboveTarget)} · ${targetText}`)
    + card(esc(L('eligible', lang)), esc(int(w.clients.eligible, lang)), `${esc(L('ofServed', lang, { n: int(w.clients.served, lang) }))}<br>${esc(L('visitsRuleCount', lang, { n: int(w.clients.visitsRule, lang), visitsRule: ctx.rule.visitsRule }))}`)
    + card(esc(L('doubleStaffed', lang)), esc(int(w.clients.doubleStaffed, lang)), esc(L('ofServed', lang, { n: int(w.clients.served, lang) })))
    + '</div></section>';
}

/** The monthly series: the trend chart and the windows in figures (only with two or more windows). */
export function trendSection(ctx: ReportContext): string {
  const { lang, result } = ctx;
  const head = [L('window', lang), L('countedCol', lang), capital(L('mean', lang)), capital(L('median', lang)), L('above20', lang), L('aboveTargetShort', lang)];
  const rows = result.windows.map((w) => {
    const s = w.staffPerClient;
    return `<tr><td class="nowrap">${esc(periodLabel(w.from, w.to, lang))}</td><td class="num">${esc(int(s.n, lang))}</td><td class="num">${esc(num(s.mean, lang))}</td><td class="num">${esc(num(s.median, lang))}</td>`
      + `<td class="num">${esc(pct(s.shareAbove20, lang))}</td><td class="num">${esc(pct(shareAboveTarget(ctx, w, w), lang))}</td></tr>`;
  }).join('');
  return `<section id="trend"><h2>${esc(L('trend', lang))}</h2>${chartFigure((width, id) => trendSvg(result.windows, { target: ctx.target, lang, id, width }), 'kt-trend')}`
    + `<div class="scroll"><table id="trend-table"><caption>${esc(L('trendTable', lang))}</caption><thead><tr>${head.map((h, i) => `<th${i > 0 ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

/** The distribution of staff per client in the detailed window: the histogram and the spread. */
export function distributionSection(ctx: ReportContext, w: PageWindow): string {
  const { lang } = ctx;
  const s = w.staffPerClient;
  const stats: [string, string][] = [
    ['n', int(s.n, lang)], [capital(L('mean', lang)), num(s.mean, lang)], [capital(L('median', lang)), num(s.median, lang)], ['q1 – q3', `${num(s.q1, lang)} – ${num(s.q3, lang)}`],
    ['p10 – p90', `${num(s.p10, lang)} – ${num(s.p90, lang)}`], ['min – max', `${num(s.min, lang)} – ${num(s.max, lang)}`], [L('sd', lang), num(s.sd, lang)],
    [L('above20', lang), pct(s.shareAbove20, lang)], [L('aboveTargetShort', lang), pct(shareAboveTarget(ctx, w, w), lang)],
  ];
  return `<section id="distribution"><h2>${esc(L('distribution', lang))}</h2><div class="two">${chartFigure((width, id) => histogramSvg(w, { target: ctx.target, lang, days: ctx.days, id, width }), 'kt-histogram', 600)}`
    + `<div><div class="scroll"><table id="stats-table"><caption>${esc(L('staffPerClientUnit', lang))}</caption><tbody>${stats.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td class="num">${esc(v)}</td></tr>`).join('')}</tbody></table></div></div></div></section>`;
}

/** Groups side by side: the box plots and a sortable table with the counts. */
export function groupsSection(ctx: ReportContext, w: PageWindow): string {
  return [...groupsSectionParts(ctx, w)].join('');
}

/** {@link groupsSection} in pieces (each layout of the chart, then the table): a log of a thousand groups draws megabytes. */
export function* groupsSectionParts(ctx: ReportContext, w: PageWindow): Generator<string> {
  const { lang } = ctx;
  const cols: [string, boolean][] = [
    [L('group', lang), false], [L('servedCol', lang), true], [L('countedCol', lang), true], [capital(L('mean', lang)), true], [capital(L('median', lang)), true], [L('q1', lang), true],
    [L('q3', lang), true], [L('min', lang), true], [L('max', lang), true], [L('above20', lang), true], [L('aboveTargetShort', lang), true], [L('withDs', lang), true],
  ];
  const line = (name: string, g: PageWindow | (PageWindow['groups'][number]), group?: string) => {
    const s = g.staffPerClient;
    const cells = [s.mean, s.median, s.q1, s.q3, s.min, s.max].map((v) => `<td class="num" data-v="${v ?? -1}">${esc(num(v, lang))}</td>`).join('');
    const a20 = s.shareAbove20, aT = shareAboveTarget(ctx, w, g, group);
    return `<td>${esc(name)}</td><td class="num" data-v="${g.clients.served}">${esc(int(g.clients.served, lang))}</td><td class="num" data-v="${s.n}">${esc(int(s.n, lang))}</td>${cells}`
      + `<td class="num" data-v="${a20 ?? -1}">${esc(pct(a20, lang))}</td><td class="num" data-v="${aT ?? -1}">${esc(pct(aT, lang))}</td><td class="num" data-v="${g.clients.doubleStaffed}">${esc(int(g.clients.doubleStaffed, lang))}</td>`;
  };
  const sorted = [...w.groups].sort((a, b) => (b.staffPerClient.median ?? -1) - (a.staffPerClient.median ?? -1) || (b.staffPerClient.mean ?? -1) - (a.staffPerClient.mean ?? -1));
  const head = cols.map(([h, n]) => `<th${n ? ' class="num" data-type="num"' : ''}><button type="button">${esc(h)}</button></th>`).join('');
  yield `<section id="groups"><h2>${esc(L('groups', lang))}</h2>`;
  const rows = groupsChartRows(w, { lang });
  yield* chartFigureParts((width, id) => groupsLayoutParts(rows, { target: ctx.target, lang, days: ctx.days, id, width }), 'kt-groups');
  yield `<div class="scroll"><table class="sortable" id="groups-table"><thead><tr>${head}</tr></thead><tbody>${sorted.map((g) => `<tr>${line(g.group || '–', g, g.group)}</tr>`).join('')}</tbody>`
    + `<tfoot><tr class="total">${line(L('all', lang), w)}</tr></tfoot></table></div></section>`;
}
