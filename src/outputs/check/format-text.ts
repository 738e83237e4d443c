import { columns } from '../report/table.js';
import { safeLines, safeText } from '../../safe-text.js';
import { capital } from '../report/labels.js';
import { en, FIGURES, show, showAmount, showChange, TARGETS } from './figures.js';
import type { BaselineChange, CheckItem, CheckReport, CheckStatus } from './types.js';

/** The mark of a status in the readable outputs. */
export const MARKS: Readonly<Record<CheckStatus, string>> = { pass: '✓', warn: '!', fail: '✗', skipped: '–' };

/**
 * One line on the whole report: `FAIL: 2 failed, 1 warning, 5 passed, 1 skipped`.
 *
 * @example
 * headline(report); // → 'PASS: 6 passed'
 */
export function headline(report: CheckReport): string {
  const c = report.counts;
  const parts = [
    c.fail > 0 ? `${c.fail} failed` : '',
    c.warn > 0 ? `${c.warn} warning${c.warn > 1 ? 's' : ''}` : '',
    `${c.pass} passed`,
    c.skipped > 0 ? `${c.skipped} skipped` : '',
  ].filter((p) => p !== '');
  return `${report.status.toUpperCase()}: ${parts.join(', ')}`;
}

/** The cells of one check: mark, target, scope, value, limit, margin. */
export function checkCells(c: CheckItem): string[] {
  const { label, comparison, unit } = TARGETS[c.target];
  return [
    MARKS[c.status],
    label,
    c.group === null ? 'all' : c.group === '' ? '(none)' : safeText(c.group),
    show(c.value, unit),
    `${comparison === 'max' ? '≤' : '≥'} ${show(c.limit, unit)}`,
    c.margin === null ? (c.status === 'fail' ? 'fails' : 'skipped') : showChange(c.margin, unit),
  ];
}

/** The cells of one baseline change: mark, figure, scope, previous, current, change, tolerance. */
export function changeCells(c: BaselineChange): string[] {
  const { label, unit } = FIGURES[c.figure];
  return [
    MARKS[c.status],
    label,
    c.group === null ? 'all' : c.group === '' ? '(none)' : safeText(c.group),
    show(c.previous, unit),
    show(c.current, unit),
    c.change === null ? '–' : `${showChange(c.change, unit)}${c.direction === 'worse' ? ' worse' : c.direction === 'better' ? ' better' : ''}`,
    c.tolerance === null ? '–' : showAmount(c.tolerance, unit),
  ];
}

const CHECK_HEADER = ['', en('target'), en('check_scope'), en('check_value'), en('check_limit'), en('check_margin')];
const CHANGE_HEADER = ['', en('check_figure'), en('check_scope'), en('check_baseline'), en('check_now'), en('check_change'), en('check_tolerance')];

/**
 * The report for a terminal or a CI log: the headline, then per window a table of the targets
 * (✓ holds, ! holds narrowly, ✗ fails, – skipped) with value, limit and margin, the clients above
 * the failures in words (with the clients above `maxStaff`), the row check, the baseline comparison and the notes.
 * Text from the input (group names, messages) is made safe to print (control characters visible,
 * no line starting `::`).
 *
 * @example
 * console.log(checkTable(report));
 * // FAIL: 1 failed, 3 passed
 * // Window 2024-10-21 – 2024-11-03: 4 clients counted (kolada, Europe/Stockholm)
 * //    target                  scope  value  limit  margin
 * // ✗  mean staff per client   all    15     ≤ 14   −1
 */
export function checkTable(report: CheckReport): string {
  const out = [`kontinuitet check ${headline(report)}`];
  for (const w of report.windows) {
    out.push('', `Window ${w.from} – ${w.to}: ${w.eligible} clients counted (${report.rule.preset}, ${report.rule.zone})`);
    out.push(...block(report.checks.filter((c) => c.from === w.from)));
  }
  const whole = report.checks.filter((c) => c.from === null);
  const rows = report.rows;
  out.push('', `Rows: read ${rows.read}, used ${rows.used}, rejected ${rows.rejected} (${show(rows.rejectedShare, 'share')})`);
  if (whole.length > 0) out.push(...block(whole));
  if (report.baseline !== null) {
    const b = report.baseline;
    const dates = b.windows.map((w) => `${w.from} – ${w.to}`).join(', ');
    out.push('', `Against the baseline (${dates || 'no whole window'}; read ${b.rows.read}, rejected ${b.rows.rejected})`);
    out.push(columns([CHANGE_HEADER, ...b.changes.map(changeCells)]));
    for (const c of b.changes) if (c.status === 'fail') out.push(`  ${MARKS.fail} ${c.message}`);
  }
  if (report.notes.length > 0) out.push('', 'Notes:', ...report.notes.map((n) => `  - ${n}`));
  return safeLines(out.join('\n'));
}

function block(checks: readonly CheckItem[]): string[] {
  if (checks.length === 0) return ['  (no targets)'];
  const lines = [columns([CHECK_HEADER, ...checks.map(checkCells)])];
  for (const c of checks) if (c.status === 'fail') lines.push(`  ${MARKS.fail} ${c.message}`);
  const skipped = new Map<string, number>();
  for (const c of checks) if (c.status === 'skipped' && c.reason !== null) skipped.set(c.reason, (skipped.get(c.reason) ?? 0) + 1);
  for (const [reason, n] of skipped) lines.push(`  ${MARKS.skipped} skipped (${n}): ${reason}`);
  return lines;
}

/** Escapes a table cell of GitHub-flavoured Markdown (pipes, HTML, line breaks). */
export function mdCell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.map(mdCell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)];
}

/**
 * The report as GitHub-flavoured Markdown (for `$GITHUB_STEP_SUMMARY`): the headline, a table of
 * every target per window and scope, the failures in words, the baseline table and the notes.
 *
 * @example
 * appendFileSync(process.env.GITHUB_STEP_SUMMARY, checkMarkdown(report));
 */
export function checkMarkdown(report: CheckReport, title = 'kontinuitet check'): string {
  const out = [`### ${mdCell(title)}: ${MARKS[report.status]} ${mdCell(headline(report))}`, ''];
  const rows = report.checks.map((c) => {
    const [mark, label, scope, value, limit, margin] = checkCells(c);
    return [mark!, label!, scope!, c.from === null ? 'whole log' : `${c.from} – ${c.to}`, value!, limit!, margin!];
  });
  out.push(...mdTable(['', ...[en('target'), en('check_scope'), en('window'), en('check_value'), en('check_limit'), en('check_margin')].map(capital)], rows), '');
  const failed = report.checks.filter((c) => c.status === 'fail');
  if (failed.length > 0) out.push('**Failed**', '', ...failed.map((c) => `- ${mdCell(c.message)}`), '');
  if (report.baseline !== null) {
    out.push('**Against the baseline**', '', ...mdTable(CHANGE_HEADER.map(capital), report.baseline.changes.map(changeCells)), '');
  }
  if (report.notes.length > 0) out.push('**Notes**', '', ...report.notes.map((n) => `- ${mdCell(n)}`), '');
  return `${out.join('\n')}\n`;
}
