import type { ContinuityResult, ContinuitySummary, ContinuityWindow, RowCounts } from '../../measures/continuity/types.js';
import type { RowIssue } from '../../errors.js';
import { safeLines, safeText } from '../../safe-text.js';
import type { Spread } from '../../summary/spread.js';
import { capital, issueLabel, label, type Lang } from './labels.js';
import { exclusionLabel, rulePhrases, type RulePhrases } from './rule-labels.js';

/** Formats a number for people: at most `digits` decimals, no trailing zeros; `–` for null. */
export function fmt(v: number | null, digits = 1, lang: Lang = 'en'): string {
  if (v === null) return '–';
  const s = String(Math.round(v * 10 ** digits) / 10 ** digits);
  return lang === 'sv' ? s.replace('.', ',') : s;
}

function pct(v: number | null, lang: Lang): string {
  return v === null ? '–' : `${fmt(v * 100, 1, lang)} %`;
}

/**
 * Lays out rows of cells as aligned columns (first column left, the rest right).
 *
 * @example
 * columns([['a', '1'], ['bb', '22']]); // → 'a    1\nbb  22'
 */
export function columns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

const STATS = ['n', 'mean', 'median', 'min', 'max', 'q1', 'q3', 'p10', 'p90', 'sd', 'iqr'] as const;

function statCells(s: Spread, lang: Lang): string[] {
  return [...STATS.map((k) => (k === 'n' ? String(s.n) : fmt(s[k], 1, lang))), pct(s.shareAbove20, lang), pct(s.shareAboveTarget, lang)];
}

function header(first: string, lang: Lang): string[] {
  return [first, ...STATS.map((k) => label(k, lang)), label('shareAbove20Short', lang), label('shareAboveTargetShort', lang)];
}

function counts(s: ContinuitySummary, rule: RulePhrases, lang: Lang): string[][] {
  return [
    [label('served', lang), String(s.clients.served)],
    [label('visitsRule', lang, rule), String(s.clients.visitsRule)],
    [label('eligible', lang), String(s.clients.eligible)],
    [label('doubleStaffed', lang), String(s.clients.doubleStaffed)],
  ];
}

/**
 * The measure as a terminal table: per window the client counts and the spread of staff per
 * client, optionally per group, then the row accounting and the rules in force in one line. Text
 * from the input (group names, issues) is made safe to print (control characters visible, no line
 * starting `::`).
 *
 * @example
 * console.log(continuityTable(result, { lang: 'sv', byGroup: true }));
 */
export function continuityTable(result: Omit<ContinuityResult, 'windows'> & { windows: readonly Omit<ContinuityWindow, 'perClient'>[] }, options: { lang?: Lang; byGroup?: boolean } = {}): string {
  const lang = options.lang ?? 'en';
  const rule = rulePhrases(result.rule, lang);
  const out: string[] = [];
  if (result.windows.length === 0) out.push(label('noWindows', lang));
  for (const w of result.windows) {
    out.push(`${label('window', lang)} ${w.from} – ${w.to}  (${label('target', lang)} ${fmt(result.rule.target, 1, lang)})`);
    out.push(columns(counts(w, rule, lang)));
    out.push('');
    out.push(label('staffPerClient', lang, rule));
    const byGroup = options.byGroup === true;
    const rows = [header(byGroup ? label('group', lang) : '', lang), [byGroup ? label('all', lang) : '', ...statCells(w.staffPerClient, lang)]];
    if (byGroup) for (const g of w.groups) rows.push([safeText(g.group) || '–', ...statCells(g.staffPerClient, lang)]);
    out.push(columns(rows));
    if (w.indices !== undefined) {
      const x = w.indices;
      out.push('');
      out.push(columns([
        [label('indicesMean', lang), 'UPC', 'COC', 'SECON', 'HHI', 'MMCI', label('contactShare', lang)],
        [label('mean', lang), fmt(x.upc.mean, 2, lang), fmt(x.coc.mean, 2, lang), fmt(x.secon.mean, 2, lang), fmt(x.hhi.mean, 2, lang), fmt(x.mmci.mean, 2, lang), pct(x.contactShare.mean, lang)],
      ]));
      if (x.withoutContact > 0) out.push(`${label('withoutContact', lang)}: ${x.withoutContact}`);
    }
    out.push('');
  }
  const [rows, ...issues] = ledgerLines(result, lang, rule);
  out.push(rows!);
  if (result.rule.ageFilter === 'none') out.push(`${capital(label('noAge', lang))}.`);
  out.push(...issues, rule.summary);
  return safeLines(out.join('\n'));
}

/**
 * The row ledger of a result for a text table, in its language: `Rows: read 4, used 1, rejected 1,
 * excluded 2 (outside 07–22: 1; …)`, the reasons in the words of the rule in force, then the first
 * five rejected rows, each named and coded (`  end before start [end_before_start]: line 4, …`),
 * and how many more.
 *
 * @example
 * ledgerLines(result, 'sv', rulePhrases(result.rule, 'sv'))[0]; // → 'Rader: lästa 4, använda 1, avvisade 1, uteslutna 2 (…)'
 */
export function ledgerLines(result: { rows: RowCounts; issues: readonly RowIssue[] }, lang: Lang, rule: RulePhrases): string[] {
  const r = result.rows;
  const reasons = Object.entries(r.excluded).map(([k, n]) => `${exclusionLabel(k, lang, rule)}: ${n}`);
  const excludedRows = Object.values(r.excluded).reduce((a, n) => a + n, 0);
  const out = [`${label('rows', lang)}: ${label('read', lang)} ${r.read}, ${label('used', lang)} ${r.used}, ${label('rejected', lang)} ${r.rejected}, ${label('excluded', lang)} ${excludedRows}${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}`];
  for (const issue of result.issues.slice(0, 5)) out.push(`  ${issueLabel(issue.code, lang)} [${issue.code}]: ${issue.message}`);
  if (result.issues.length > 5 || r.rejected > result.issues.length) out.push(`  ${label('moreRejected', lang, { n: r.rejected - Math.min(5, result.issues.length) })}`);
  return out;
}
