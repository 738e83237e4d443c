import { EXCLUDED_KIND_SYNONYMS } from '../../../measures/continuity/rules.js';
import { issueLabel, label as L, type Lang } from '../labels.js';
import { exclusionLabel } from '../rule-labels.js';
import { esc } from '../svg/markup.js';
import type { ReportContext } from './context.js';
import { int } from './format.js';

/**
 * What was read: rows read, used, rejected and excluded by reason (with the check that they add
 * up), the first rejected rows (line, column, code, message: never an id), and the rules.
 */
export function readSection(ctx: ReportContext, maxIssues: number): string {
  const { lang, result } = ctx;
  const r = result.rows;
  const excluded = Object.entries(r.excluded).filter(([, n]) => n !== undefined && n > 0) as [string, number][];
  const excludedTotal = excluded.reduce((a, [, n]) => a + n, 0);
  const rows: [string, number, boolean][] = [
    [L('read', lang), r.read, false], [L('rowsUsed', lang), r.used, false], [L('rowsRejected', lang), r.rejected, false], [L('rowsExcluded', lang), excludedTotal, false],
    ...excluded.map(([reason, n]) => [exclusionLabel(reason, lang, ctx.rule), n, true] as [string, number, boolean]),
  ];
  const accounted = r.read === r.used + r.rejected + excludedTotal;
  const table = `<div class="scroll"><table id="rows-table"><caption>${esc(L('rows', lang))}</caption><tbody>${rows.map(([k, n, sub]) => `<tr><th scope="row"${sub ? ' style="padding-left:24px;font-weight:400"' : ''}>${esc(k)}</th><td class="num">${esc(int(n, lang))}</td></tr>`).join('')}</tbody></table></div>`;
  const issues = result.issues.slice(0, maxIssues);
  const more = r.rejected - issues.length;
  const issueTable = issues.length === 0 ? '' : `<div class="scroll"><table id="issues-table"><caption>${esc(L('firstIssues', lang))}</caption><thead><tr><th class="num">${esc(L('line', lang))}</th><th>${esc(L('column', lang))}</th><th>${esc(L('code', lang))}</th><th>${esc(L('message', lang))}</th></tr></thead><tbody>`
    + issues.map((i) => `<tr><td class="num">${esc(int(i.line, lang))}</td><td>${esc(i.column ?? '')}</td><td>${esc(issueLabel(i.code, lang))} <code>${esc(i.code)}</code></td><td>${esc(i.message)}</td></tr>`).join('')
    + `</tbody></table></div>${more > 0 ? `<p class="muted">${esc(L('moreIssues', lang, { n: int(more, lang) }))}</p>` : ''}`;
  return `<section id="read"><h2>${esc(L('whatWasRead', lang))}</h2><div class="two"><div>${table}${accounted ? `<p class="muted">✓ ${esc(L('accounted', lang))}</p>` : ''}</div><div>${rules(ctx)}</div></div>${issueTable}</section>`;
}

function rules(ctx: ReportContext): string {
  const { lang, result } = ctx;
  const rule = result.rule;
  const said = ctx.rule;
  const items: [string, string][] = [
    [L('window', lang), `${said.days} (${said.preset})`],
    [L('ruleHours', lang), said.countedHours],
    [L('ruleKinds', lang), kindsText(rule.excludedKinds, lang)],
    [L('eligible', lang), said.visitsRule],
    [L('ruleAge', lang), rule.minAge !== null && rule.ageFilter === 'none' ? L('noAge', lang) : said.age],
    [L('doubleStaffedVisits', lang), said.staff],
    [L('zone', lang), result.zone],
  ];
  return `<h3>${esc(L('rules', lang))}</h3><dl class="rules">${items.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}

/** Excluded kinds, a whole synonym group by its name (`trygghetslarm (+ 6 synonyms)`), the rest one by one. */
function kindsText(kinds: readonly string[], lang: Lang): string {
  const left = new Set(kinds);
  const parts: string[] = [];
  for (const [name, synonyms] of Object.entries(EXCLUDED_KIND_SYNONYMS)) {
    if (!synonyms.every((k) => left.has(k))) continue;
    for (const k of synonyms) left.delete(k);
    parts.push(L('ruleKindGroup', lang, { name, n: synonyms.length - 1 }));
  }
  return [...parts, ...left].join(', ') || '–';
}
