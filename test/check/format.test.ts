import { describe, expect, it } from 'vitest';
import { checkJunit, ghData, ghProperty, githubAnnotations, xmlEscape } from '../../src/outputs/check/format-ci.js';
import { checkMarkdown, checkTable, headline, mdCell } from '../../src/outputs/check/format-text.js';
import { measureSchedule } from '../../src/outputs/check/schedule.js';
import { checkTargets } from '../../src/outputs/check/targets.js';
import { ID, scheduleRows, withStaff } from '../fixtures/check/schedule.js';

// Figures by hand: mean 11, median 10, max 23 (S3, first line 114 in a CSV), share > 20 0.2.
const current = await measureSchedule(scheduleRows());
const baseline = (await measureSchedule(scheduleRows(withStaff({ S3: 18 }), '2024-10-21'))).result;
const firstLines = new Map([[ID.S3!, 114]]);
const report = checkTargets(current.result, { mean: 10, median: 12, maxStaff: 20, minContactShare: 0.3, groups: { 'A&B <Ö>': {} } }, {
  firstLines, warnWithin: { staff: 2 }, baseline, tolerance: { mean: 0.5 },
});

describe('escaping', () => {
  it('escapes XML text and attributes and drops characters XML cannot hold', () => {
    expect(xmlEscape(`a < b & "c" 'd' > e`)).toBe('a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt; e');
    expect(xmlEscape('x\u0000y\u001Fz\tw\n')).toBe('xyz\tw\n');
    expect(xmlEscape('\uD800x😀')).toBe('x😀');
  });

  it('escapes GitHub workflow command data and properties', () => {
    expect(ghData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(ghProperty('a: b, c')).toBe('a%3A b%2C c');
  });

  it('escapes Markdown table cells', () => {
    expect(mdCell('a|b <i>\nc')).toBe('a\\|b &lt;i&gt; c');
  });
});

describe('the report formats', () => {
  it('heads the report with the counts', () => {
    // Targets: mean fails, median 10 ≤ 12 by 2 → warn, maxStaff fails, contact share skipped, the absent
    // group A&B skipped ×4, rejected share passes. Baseline: mean +1 fails, median same, share +0.2 and
    // max +5 warn (no tolerance), rejected share same; the absent group's 4 figures skipped.
    expect(report.counts).toEqual({ pass: 3, warn: 3, fail: 3, skipped: 9 });
    expect(headline(report)).toBe('FAIL: 3 failed, 3 warnings, 3 passed, 9 skipped');
  });

  it('prints a readable table with marks, limits and margins, and no client id', () => {
    const t = checkTable(report);
    expect(t).toContain('Window 2024-11-04 – 2024-11-17: 5 clients counted (kolada, Europe/Stockholm)');
    expect(t).toMatch(/✗\s+mean staff per client\s+all\s+11\s+≤ 10\s+−1/);
    expect(t).toMatch(/!\s+median staff per client\s+all\s+10\s+≤ 12\s+\+2/);
    expect(t).toMatch(/–\s+contact-person share of visits\s+all\s+–\s+≥ 30 %\s+skipped/);
    expect(t).toContain('– skipped (1): the measure ran without the contact-person share (indices: true)');
    expect(t).toContain('– skipped (4): no client of group A&B <Ö> has counted visits in this window');
    expect(t).toContain('✗ staff for any one client is 23, above the limit 20 by 3; clients above it: line 114 (23 staff) (all clients, 2024-11-04 – 2024-11-17)');
    expect(t).toMatch(/✗\s+mean staff per client\s+all\s+10\s+11\s+\+1 worse\s+0.5/);
    for (const id of Object.values(ID)) expect(t).not.toContain(id);
  });

  it('writes GitHub annotations: errors, warnings, notices, with file and line', () => {
    const lines = githubAnnotations(report, { file: 'plans/schedule.csv' });
    expect(lines).toContain('::error file=plans/schedule.csv,title=kontinuitet%3A mean staff per client::mean staff per client is 11, above the limit 10 by 1 (all clients, 2024-11-04 – 2024-11-17)');
    expect(lines.find((l) => l.includes('staff for any one client'))).toMatch(/^::error file=plans\/schedule.csv,line=114,title=kontinuitet%3A staff for any one client::.*line 114 \(23 staff\)/);
    expect(lines.find((l) => l.includes('median'))).toMatch(/^::warning /);
    expect(lines).toContain('::notice title=kontinuitet%3A 1 target check skipped::the measure ran without the contact-person share (indices: true)');
    expect(lines).toContain('::notice title=kontinuitet%3A 4 target checks skipped::no client of group A&B <Ö> has counted visits in this window');
    expect(lines.find((l) => l.includes('vs baseline') && l.startsWith('::error'))).toContain('worsened from 10 to 11 (+1), beyond the tolerance 0.5');
    expect(lines.every((l) => /^::(error|warning|notice)( [a-z]+=[^:,]*(,[a-z]+=[^:,]*)*)?::[^\n]*$/.test(l))).toBe(true);
  });

  it('writes a Markdown job summary table', () => {
    const md = checkMarkdown(report);
    expect(md.startsWith('### kontinuitet check: ✗ FAIL: 3 failed')).toBe(true);
    expect(md).toContain('| ✗ | mean staff per client | all | 2024-11-04 – 2024-11-17 | 11 | ≤ 10 | −1 |');
    expect(md).toContain('| ✓ | share of rejected rows | all | whole log | 0 % | ≤ 0 % | ±0 pp |');
    expect(md).toContain('A&amp;B &lt;Ö&gt;');
    expect(md).toContain('**Against the baseline**');
  });

  it('writes JUnit XML: one suite, one case per target per window and scope, failures and skips', () => {
    const xml = checkJunit(report);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kontinuitet check" tests="18" failures="3" errors="0" skipped="9">')).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml.match(/<testcase /g)).toHaveLength(18);
    expect(xml.match(/<failure /g)).toHaveLength(3);
    expect(xml.match(/<skipped /g)).toHaveLength(9);
    expect(xml).toContain('<testcase classname="kontinuitet.check.2024-11-04.all" name="mean staff per client ≤ 10">');
    expect(xml).toContain('name="contact-person share of visits ≥ 30 %"');
    expect(xml).toContain('classname="kontinuitet.check.2024-11-04.group.A&amp;B &lt;Ö&gt;"');
    expect(xml).toContain('line 114: 23 staff (Söder)</failure>');
    expect(xml).toContain('<system-out>warning: median staff per client is 10, within 2 of the limit 12');
    // balanced: every opened testcase closes
    expect((xml.match(/<testcase [^>]*[^/]>/g) ?? []).length).toBe((xml.match(/<\/testcase>/g) ?? []).length);
    const text = xml.replace(/<[^<>]*>/g, '');
    expect(text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;|apos;)/);
  });
});
