import { neutraliseControls } from '../../safe-text.js';
import { FIGURES, show, TARGETS } from './figures.js';
import type { BaselineChange, CheckItem, CheckReport } from './types.js';

/** Escapes the message of a GitHub Actions workflow command (`%`, CR, LF); other control and bidi characters are made visible. */
export function ghData(text: string): string {
  return neutraliseControls(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escapes a property value of a GitHub Actions workflow command (also `:` and `,`). */
export function ghProperty(text: string): string {
  return ghData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: 'error' | 'warning' | 'notice', props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${ghProperty(String(v))}`).join(',');
  return `::${kind}${p === '' ? '' : ` ${p}`}::${ghData(message)}`;
}

const KIND = { fail: 'error', warn: 'warning', skipped: 'notice' } as const;

/**
 * The report as GitHub Actions annotations, one line each: `::error` for every failed target or
 * baseline change, `::warning` for narrow passes and worsenings within tolerance, one `::notice`
 * per reason targets were skipped for, and one per note. With `file` (the input's path, relative to the repository) an annotation on a
 * client or row points at its line.
 *
 * @example
 * githubAnnotations(report, { file: 'schedule.csv' });
 * // → ['::error file=schedule.csv,line=14,title=kontinuitet%3A staff for any one client::staff for any one client is 23, above the limit 20 by 3; …']
 */
export function githubAnnotations(report: CheckReport, options: { file?: string; title?: string } = {}): string[] {
  const title = options.title ?? 'kontinuitet';
  const lines: string[] = [];
  const skipped = new Map<string, number>();
  for (const c of report.checks) {
    if (c.status === 'pass') continue;
    if (c.status === 'skipped') {
      skipped.set(c.reason ?? '', (skipped.get(c.reason ?? '') ?? 0) + 1);
      continue;
    }
    const line = c.clients[0]?.line ?? undefined;
    lines.push(command(KIND[c.status], { file: options.file, line: options.file === undefined ? undefined : line, title: `${title}: ${TARGETS[c.target].label}${scopeOf(c)}` }, c.message));
  }
  for (const [reason, n] of skipped) lines.push(command('notice', { title: `${title}: ${n} target check${n > 1 ? 's' : ''} skipped` }, reason));
  for (const c of report.baseline?.changes ?? []) {
    if (c.status === 'pass' || c.status === 'skipped') continue;
    lines.push(command(KIND[c.status], { file: options.file, title: `${title}: ${FIGURES[c.figure].label}${scopeOf(c)} vs baseline` }, c.message));
  }
  for (const n of report.notes) lines.push(command('notice', { title: `${title}: note` }, n));
  return lines;
}

function scopeOf(c: CheckItem | BaselineChange): string {
  return c.group === null ? '' : ` (${c.group})`;
}

/**
 * Escapes text for XML 1.0 content and attributes: `& < > " '` as entities, and characters XML
 * cannot hold (controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF) dropped.
 *
 * @example
 * xmlEscape('a < b & "c"'); // → 'a &lt; b &amp; &quot;c&quot;'
 */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Case { classname: string; name: string; status: CheckItem['status']; message: string; type: string; detail: string }

/**
 * The report as a JUnit XML document any CI shows: one test suite, one test case per target per
 * window and scope (and per baseline figure), `<failure>` for a failed one, `<skipped>` for a skipped
 * one, warnings in the case's `<system-out>`, notes in the suite's.
 *
 * @example
 * writeFileSync('continuity.xml', checkJunit(report));
 */
export function checkJunit(report: CheckReport, name = 'kontinuitet check'): string {
  const cases: Case[] = report.checks.map((c) => ({
    classname: `kontinuitet.check.${c.from ?? 'log'}.${c.group === null ? 'all' : `group.${c.group}`}`,
    name: `${TARGETS[c.target].label} ${TARGETS[c.target].comparison === 'max' ? '≤' : '≥'} ${show(c.limit, TARGETS[c.target].unit)}`,
    status: c.status,
    message: c.message,
    type: c.target,
    detail: c.clients.map((x) => `${x.ref}: ${x.staff} staff (${x.group})`).join('\n'),
  }));
  for (const c of report.baseline?.changes ?? []) {
    cases.push({
      classname: `kontinuitet.baseline.${c.from ?? 'log'}.${c.group === null ? 'all' : `group.${c.group}`}`,
      name: `${FIGURES[c.figure].label} against the baseline`,
      status: c.status,
      message: c.message,
      type: c.figure,
      detail: '',
    });
  }
  const failures = cases.filter((c) => c.status === 'fail').length;
  const skipped = cases.filter((c) => c.status === 'skipped').length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xmlEscape(name)}" ${counts}>`, `  <testsuite name="${xmlEscape(name)}" ${counts}>`];
  for (const c of cases) {
    const open = `    <testcase classname="${xmlEscape(c.classname)}" name="${xmlEscape(c.name)}"`;
    if (c.status === 'pass') {
      out.push(`${open}/>`);
      continue;
    }
    out.push(`${open}>`);
    if (c.status === 'fail') out.push(`      <failure message="${xmlEscape(c.message)}" type="${xmlEscape(c.type)}">${xmlEscape([c.message, c.detail].filter((x) => x !== '').join('\n'))}</failure>`);
    else if (c.status === 'skipped') out.push(`      <skipped message="${xmlEscape(c.message)}"/>`);
    else out.push(`      <system-out>${xmlEscape(`warning: ${c.message}`)}</system-out>`);
    out.push('    </testcase>');
  }
  if (report.notes.length > 0) out.push(`    <system-out>${xmlEscape(report.notes.join('\n'))}</system-out>`);
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}
