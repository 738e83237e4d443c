import type { ExplainSummary, ExplainWindow, StaffCategory } from '../../../measures/explain/types.js';
import { label as L } from '../labels.js';
import { esc } from '../svg/markup.js';
import type { ReportContext } from './context.js';
import { int, num, pct } from './format.js';

const CATEGORIES: readonly StaffCategory[] = ['contact', 'regular', 'doubleOnly', 'weekendOnly', 'eveningOnly', 'occasional'];

/** One bar of the categories' means, side by side in proportion to the count (widths in % of the longest). */
function bar(s: ExplainSummary, longest: number): string {
  if (s.staff === null || longest <= 0) return '';
  const parts = CATEGORIES.map((c) => {
    const v = s.categories[c] ?? 0;
    return v <= 0 ? '' : `<span class="seg ${c}" style="width:${((100 * v) / longest).toFixed(2)}%"></span>`;
  }).join('');
  return `<div class="stack" aria-hidden="true">${parts}</div>`;
}

/**
 * Why clients meet the staff they meet, in the detailed window (from `explainContinuity`): the mean
 * staff per counted client split into the client's contact person, regulars, staff met only at
 * double-staffed visits, only at weekends, only in the evening, and the occasional rest (they add
 * up to the mean), per group and for all; with the share of visits made by regulars and by the
 * contact person, and two counterfactuals by the official rule (one staff member per double-staffed
 * visit; only contact person and regulars).
 *
 * @example
 * explainSection(ctx, explained.windows[0], explained.rule); // → '<section id="explain">…</section>'
 */
export function explainSection(ctx: ReportContext, w: ExplainWindow, rule: { regularVisits: number; eveningFrom: string }): string {
  const { lang } = ctx;
  const rows: [string, ExplainSummary][] = [...w.groups.map((g) => [g.group === '' ? '–' : g.group, g] as [string, ExplainSummary]), [L('all', lang), w]];
  const longest = Math.max(0, ...rows.map(([, s]) => s.staff ?? 0));
  const head = ['group', 'eligible', 'ex_staff', ...CATEGORIES.map((c) => `ex_${c}`), 'ex_regularShare', 'ex_contactShare', 'ex_oneStaff', 'ex_floor']
    .map((k, i) => `<th${i > 0 ? ' class="num"' : ''}>${esc(L(k as never, lang))}</th>`).join('');
  const line = ([name, s]: [string, ExplainSummary], total: boolean) => `<tr${total ? ' class="total"' : ''}><td>${esc(name)}${bar(s, longest)}</td>`
    + [int(s.clients, lang), num(s.staff, lang), ...CATEGORIES.map((c) => num(s.categories[c], lang)), pct(s.regularShare, lang), pct(s.contactShare, lang), num(s.oneStaff, lang), num(s.floor, lang)]
      .map((v) => `<td class="num">${esc(v)}</td>`).join('') + '</tr>';
  const legend = CATEGORIES.map((c) => `<span><span class="key seg ${c}"></span>${esc(L(`ex_${c}`, lang))}</span>`).join(' ');
  return `<section id="explain"><h2>${esc(L('explain', lang))}</h2><p class="note">${esc(L('ex_intro', lang, { regular: rule.regularVisits, evening: rule.eveningFrom }))}</p>`
    + `<p class="legend">${legend}</p>`
    + `<div class="scroll"><table id="explain-table"><thead><tr>${head}</tr></thead><tbody>${rows.slice(0, -1).map((r) => line(r, false)).join('')}</tbody>`
    + `<tfoot>${line(rows[rows.length - 1]!, true)}</tfoot></table></div>`
    + `<p class="note">${esc(L('ex_counterfactuals', lang))}</p></section>`;
}
