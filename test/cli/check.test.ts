import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIENTS, ID, scheduleCsv, scheduleRows, withContact, withStaff } from '../fixtures/check/schedule.js';
import { run } from './run.js';

// The default schedule (test/fixtures/check/schedule.ts), by hand: eligible clients meet 4, 6, 10,
// 12 and 23 staff → mean 11, median 10, max 23 (S3, first row on line 114), share > 20 = 0.2;
// Norr (10, 12) mean 11; Söder (4, 6, 23) mean 11. 167 rows, none rejected.
let dir = '';
let schedule = '';
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const config = (name: string, value: unknown) => file(name, JSON.stringify(value));
/** Runs `kontinuitet check` in the temp dir (no kontinuitet.config.json there unless a test puts one). */
const check = (args: string[], options: Parameters<typeof run>[1] = {}) => run(['check', ...args], { cwd: dir, ...options });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontinuitet-check-'));
  schedule = file('schedule.csv', scheduleCsv());
});

describe('kontinuitet check: targets', () => {
  it('exits 0 when every target holds, with a readable summary', () => {
    const r = check([schedule, '--target-mean', '14', '--target-median', '14', '--max-share-above-20', '0.2', '--max-staff', '23']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('kontinuitet check PASS: 5 passed');
    expect(r.stdout).toContain('Window 2024-11-04 – 2024-11-17: 5 clients counted');
    expect(r.stdout).toMatch(/✓\s+mean staff per client\s+all\s+11\s+≤ 14\s+\+3/);
    expect(r.stdout).toMatch(/✓\s+share of clients above 20 staff\s+all\s+20 %\s+≤ 20 %\s+±0 pp/);
  });

  it.each([
    ['--target-mean', '10', 'mean staff per client is 11, above the limit 10 by 1'],
    ['--target-median', '9.5', 'median staff per client is 10, above the limit 9.5 by 0.5'],
    ['--max-share-above-20', '0.1', 'share of clients above 20 staff is 20 %, above the limit 10 % by 10 pp'],
    ['--max-staff', '20', 'staff for any one client is 23, above the limit 20 by 3; clients above it: line 114 (23 staff)'],
  ])('exits 1 when %s %s fails, saying by how much', (flag, value, message) => {
    const r = check([schedule, flag, value, '--format', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.schema).toBe('kontinuitet/check@1');
    expect(report.status).toBe('fail');
    const failed = report.checks.filter((c: { status: string }) => c.status === 'fail');
    expect(failed).toHaveLength(1);
    expect(failed[0].message).toContain(message);
  });

  it('gives the same report with --threads 3 (worker threads), the client above the limit still named by its first line', () => {
    const args = [schedule, '--max-staff', '20', '--format', 'json'];
    const one = check([...args, '--threads', '1']);
    const three = check([...args, '--threads', '3']);
    expect(one.status).toBe(1);
    expect(three.status).toBe(1);
    expect(three.stdout).toBe(one.stdout);
    expect(three.stdout).toContain('line 114 (23 staff)');
    expect(check([schedule, '--target-mean', '14', '--threads', '0']).status).toBe(2);
  });

  it('fails a schedule with a bad row (maxRejectedShare defaults to 0) and passes it with a limit', () => {
    const bad = file('bad-row.csv', scheduleCsv(scheduleRows(), ['Z-1;19990101-0000;S;2024-11-05 10:00;2024-11-05 09:00;Norr;omvårdnad;']));
    const r = check([bad, '--target-mean', '14']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('share of rejected rows');
    expect(r.stdout).toContain('Rows: read 168, used 167, rejected 1');
    expect(r.stdout).toContain('share of rejected rows is 0.6 %, above the limit 0 % by 0.6 pp: 1 of 168 rows rejected, first line 169, column end: is not after the start (whole log)');
    expect(check([bad, '--target-mean', '14', '--max-rejected-share', '0.01']).status).toBe(0);
  });

  it('applies a per-group override from the config file found in the working directory', () => {
    const cwd = join(dir, 'project');
    mkdirSync(cwd);
    config('project/kontinuitet.config.json', { targets: { mean: 12, groups: { Söder: { mean: 10 }, Norr: { mean: 11 } } } });
    const r = check([schedule, '--format', 'json'], { cwd });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('targets from');
    const checks = JSON.parse(r.stdout).checks as { target: string; group: string | null; status: string; limit: number; value: number }[];
    expect(checks.find((c) => c.target === 'mean' && c.group === null)).toMatchObject({ status: 'pass', limit: 12, value: 11 });
    expect(checks.find((c) => c.target === 'mean' && c.group === 'Norr')).toMatchObject({ status: 'pass', limit: 11, value: 11 });
    expect(checks.find((c) => c.target === 'mean' && c.group === 'Söder')).toMatchObject({ status: 'fail', limit: 10, value: 11 });
    // a flag overrides the config's top-level target
    const flagged = JSON.parse(check([schedule, '--format', 'json', '--target-mean', '10.5'], { cwd }).stdout);
    expect(flagged.checks.find((c: { target: string; group: string | null }) => c.target === 'mean' && c.group === null)).toMatchObject({ limit: 10.5, status: 'fail' });
  });

  it('warns (exit 0) when a target holds within --warn-within', () => {
    const r = check([schedule, '--target-mean', '11.5', '--max-share-above-20', '0.21', '--warn-within', '1,0.02']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('WARN: 2 warnings, 1 passed'); // the rejected share 0 ≤ 0 never warns
    expect(r.stdout).toMatch(/!\s+mean staff per client\s+all\s+11\s+≤ 11.5\s+\+0.5/);
  });

  it('reads standard input with -', () => {
    const r = check(['-', '--target-mean', '11', '--format', 'json'], { input: scheduleCsv() });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).windows).toEqual([{ from: '2024-11-04', to: '2024-11-17', eligible: 5 }]);
  });

  it('fails a schedule that does not cover the window, saying so', () => {
    const short = file('short.csv', scheduleCsv(scheduleRows(CLIENTS, '2024-11-04', 10)));
    const r = check([short, '--target-mean', '14']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('no eligible client in this window');
    expect(r.stdout).toContain('the log ends on 2024-11-13, before the window 2024-11-04 – 2024-11-17 does');
  });
});

describe('kontinuitet check: client references', () => {
  it('never prints a client id unless --show-ids', () => {
    const plain = check([schedule, '--max-staff', '11', '--format', 'json']);
    for (const id of Object.values(ID)) expect(plain.stdout).not.toContain(id);
    expect(JSON.parse(plain.stdout).checks[0].clients.map((c: { ref: string }) => c.ref)).toEqual(['line 114', 'line 30']);
    const shown = check([schedule, '--max-staff', '11', '--show-ids']);
    expect(shown.stdout).toContain(`${ID.S3} (23 staff)`);
  });

  it('names clients by pseudonym with --pseudonymise', () => {
    const r = check([schedule, '--max-staff', '20', '--pseudonymise', '--pseudonym-key', 'k'], {});
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/clients above it: pseudonym [0-9a-f]{16} \(23 staff\)/);
    expect(r.stdout).not.toContain(ID.S3!);
  });
});

describe('kontinuitet check: errors (exit 2)', () => {
  it('names the key of a bad config', () => {
    const bad = config('bad.json', { targets: { groups: { Norr: { mean: '16' } } } });
    const r = check([schedule, '--config', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('BAD_OPTION');
    expect(r.stderr).toContain('targets.groups.Norr.mean: must be a number or null, got "16"');
    const unknown = check([schedule, '--config', config('unknown.json', { targets: { meanStaff: 14 } })]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('targets.meanStaff: unknown key (known: mean, median');
    const syntax = check([schedule, '--config', file('syntax.json', '{ "targets": { "mean": 14, } }')]);
    expect(syntax.status).toBe(2);
    expect(syntax.stderr).toContain('not valid JSON');
  });

  it('reports a missing schedule, config or baseline file', () => {
    const missing = check([join(dir, 'nope.csv'), '--target-mean', '14']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('UNREADABLE_INPUT');
    const noConfig = check([schedule, '--config', join(dir, 'nope.json')]);
    expect(noConfig.status).toBe(2);
    expect(noConfig.stderr).toContain('cannot read the config file');
    const noBaseline = check([schedule, '--target-mean', '14', '--baseline', join(dir, 'nope-before.csv')]);
    expect(noBaseline.status).toBe(2);
    expect(noBaseline.stderr).toContain('UNREADABLE_INPUT');
  });

  it('refuses to run without targets, and on bad flags', () => {
    const none = check([schedule], { cwd: dir });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no targets');
    const share = check([schedule, '--max-share-above-20', '20']);
    expect(share.status).toBe(2);
    expect(share.stderr).toContain('--max-share-above-20 must be a share from 0 to 1');
    expect(check([schedule, '--target-mean', '14', '--format', 'xml']).status).toBe(2);
    expect(check([schedule, '--target-mean', '14', '--tolerance', 'avg=1']).stderr).toContain('--tolerance takes KEY=VALUE');
  });
});

describe('kontinuitet check: baseline', () => {
  it('fails when the schedule worsened beyond the tolerance', () => {
    // previous fortnight: S3 met 18 → mean 10; now 11 (+1 > 0.5)
    const before = file('before-better.csv', scheduleCsv(scheduleRows(withStaff({ S3: 18 }), '2024-10-21')));
    const r = check([schedule, '--target-mean', '14', '--baseline', before, '--tolerance', 'mean=0.5']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Against the baseline (2024-10-21 – 2024-11-03');
    expect(r.stdout).toContain('mean staff per client worsened from 10 to 11 (+1), beyond the tolerance 0.5');
  });

  it('passes when the schedule improved', () => {
    // previous fortnight: S3 met 28, S1 9 → mean 13; now 11
    const before = file('before-worse.csv', scheduleCsv(scheduleRows(withStaff({ S3: 28, S1: 9 }), '2024-10-21')));
    const r = check([schedule, '--target-mean', '14', '--baseline', before, '--tolerance', 'mean=0.5', '--format', 'json']);
    expect(r.status).toBe(0);
    const mean = JSON.parse(r.stdout).baseline.changes.find((c: { figure: string; group: string | null }) => c.figure === 'mean' && c.group === null);
    expect(mean).toMatchObject({ previous: 13, current: 11, change: -2, direction: 'better', status: 'pass' });
  });

  it('takes the tolerance from the config', () => {
    const before = file('before-2.csv', scheduleCsv(scheduleRows(withStaff({ S3: 18 }), '2024-10-21')));
    const cfg = config('tolerant.json', { targets: { mean: 14 }, baseline: { tolerance: { mean: 1 } } });
    expect(check([schedule, '--config', cfg, '--baseline', before]).status).toBe(0); // +1 ≤ 1: warning only
  });
});

describe('kontinuitet check: CI formats', () => {
  it('--format github: annotations on stdout and a Markdown table in GITHUB_STEP_SUMMARY', () => {
    const summary = file('summary.md', '# earlier step\n');
    const r = check(['schedule.csv', '--target-mean', '10', '--max-staff', '20', '--format', 'github'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('::error file=schedule.csv,title=kontinuitet%3A mean staff per client::mean staff per client is 11, above the limit 10 by 1 (all clients, 2024-11-04 – 2024-11-17)');
    expect(lines.some((l) => l.startsWith('::error file=schedule.csv,line=114,title=kontinuitet%3A staff for any one client::'))).toBe(true);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n### kontinuitet check: ✗ FAIL')).toBe(true);
    expect(md).toContain('| ✗ | mean staff per client | all | 2024-11-04 – 2024-11-17 | 11 | ≤ 10 | −1 |');
  });

  it('--format junit --out: XML in the file, the table on stdout', () => {
    const out = join(dir, 'report.xml');
    const r = check([schedule, '--target-mean', '10', '--target-median', '14', '--format', 'junit', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('kontinuitet check FAIL');
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('<testsuites name="kontinuitet check" tests="3" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<failure message="mean staff per client is 11, above the limit 10 by 1 (all clients, 2024-11-04 – 2024-11-17)" type="mean">');
  });

  it('documents the command in --help', () => {
    const r = check(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--baseline FILE');
    expect(r.stdout).toContain('Exit status: 0');
  });
});

describe('kontinuitet check: contact-person share', () => {
  it('checks --min-contact-share when the schedule lists contact persons, and skips it when none does', () => {
    // Only S1 lists a contact person (column Kontaktperson), present at 7 of 28 visits → 0.25.
    const listed = file('contact.csv', scheduleCsv(scheduleRows(withContact())));
    const fail = check([listed, '--min-contact-share', '0.3', '--format', 'json']);
    expect(fail.status).toBe(1);
    expect(JSON.parse(fail.stdout).checks[0]).toMatchObject({ target: 'minContactShare', comparison: 'min', value: 0.25, status: 'fail' });
    expect(check([listed, '--min-contact-share', '0.25']).status).toBe(0);
    const none = check([schedule, '--min-contact-share', '0.3']);
    expect(none.status).toBe(0);
    expect(none.stdout).toContain('skipped (1): no eligible client has a contact person listed');
  });
});
