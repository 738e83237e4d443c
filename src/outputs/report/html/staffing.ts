import type { StaffingSummary } from '../../../measures/staffing/types.js';
import { esc } from '../svg/markup.js';
import type { PageStaffingWindow, ReportContext } from './context.js';
import { int, num, pct } from './format.js';
import { capital, label as L } from '../labels.js';

function card(label: string, value: string, sub: string): string {
  return `<div class="card"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div><div class="sub">${esc(sub)}</div></div>`;
}

/**
 * Double staffing in the detailed window (from the staffing result): clients, visits and staff
 * hours, the price in continuity (staff per client with and without the second staff member),
 * recurring slots, handovers and duplicates, and the groups in a sortable table.
 */
export function staffingSection(ctx: ReportContext, w: PageStaffingWindow): string {
  const { lang } = ctx;
  const withS = w.staffPerClient.withSecond, without = w.staffPerClient.withoutSecond;
  const cards = w.doubleStaffedVisits === 0 ? `<p>${esc(L('noStaffing', lang))}</p>` : '<div class="cards">'
    + card(L('doubleStaffed', lang), int(w.clients.doubleStaffed, lang), L('ofServed', lang, { n: int(w.clients.served, lang) }))
    + card(L('doubleStaffedVisits', lang), int(w.doubleStaffedVisits, lang), L('ofVisits', lang, { p: pct(w.doubleStaffedShare, lang), n: int(w.visits, lang) }))
    + card(L('doubleStaffedHours', lang), num(w.doubleStaffedHours, lang, 0), L('ofHours', lang, { p: pct(w.doubleStaffedHoursShare, lang), n: int(w.staffHours, lang) }))
    + card(L('priceInContinuity', lang), `${num(withS.mean, lang)} / ${num(without.mean, lang)}`, L('addedBySecondValue', lang, { m: num(w.addedBySecond.mean, lang), x: num(w.addedBySecond.max, lang) }))
    + card(L('recurringSlots', lang), int(w.recurringSlots.length, lang), '')
    + card(L('handoversDuplicates', lang), `${int(w.handovers, lang)} / ${int(w.duplicateRegistrations, lang)}`, '')
    + '</div>';
  const cols: [string, boolean][] = [
    [L('group', lang), false], [L('servedCol', lang), true], [L('withDs', lang), true], [L('visits', lang), true], [L('dsShare', lang), true],
    [capital(L('hoursShare', lang)), true], [capital(L('meanWith', lang)), true], [capital(L('meanWithout', lang)), true],
  ];
  const head = cols.map(([h, n]) => `<th${n ? ' class="num" data-type="num"' : ''}><button type="button">${esc(h)}</button></th>`).join('');
  const line = (name: string, g: StaffingSummary) => {
    const values: [number | null, string][] = [
      [g.clients.served, int(g.clients.served, lang)], [g.clients.doubleStaffed, int(g.clients.doubleStaffed, lang)], [g.visits, int(g.visits, lang)],
      [g.doubleStaffedShare, pct(g.doubleStaffedShare, lang)], [g.doubleStaffedHoursShare, pct(g.doubleStaffedHoursShare, lang)],
      [g.staffPerClient.withSecond.mean, num(g.staffPerClient.withSecond.mean, lang)], [g.staffPerClient.withoutSecond.mean, num(g.staffPerClient.withoutSecond.mean, lang)],
    ];
    return `<td>${esc(name)}</td>${values.map(([v, text]) => `<td class="num" data-v="${v ?? -1}">${esc(text)}</td>`).join('')}`;
  };
  return `<section id="staffing"><h2>${esc(L('staffing', lang))}</h2>${cards}`
    + `<div class="scroll"><table class="sortable" id="staffing-table"><thead><tr>${head}</tr></thead><tbody>${w.groups.map((g) => `<tr>${line(g.group || '–', g)}</tr>`).join('')}</tbody>`
    + `<tfoot><tr class="total">${line(L('all', lang), w)}</tr></tfoot></table></div></section>`;
}
