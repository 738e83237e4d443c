import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

// groups that would be workflow commands or terminal control sequences if printed raw
const GROUPS = ['::error::pwned', '::add-mask::x', '\u001b[2J\u001b]0,title\u0007', 'Norr\u202eroN', '##[error]old'];
// a control character or a bidi control, other than the line breaks an output builds itself
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let file = '';
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontinuitet-safety-'));
  file = join(dir, 'visits.csv');
  const lines = ['client_id;staff_id;start;end;kind;group;lat;lon'];
  GROUPS.forEach((g, k) => {
    for (let d = 7; d <= 20; d++) {
      const day = `2024-10-${String(d).padStart(2, '0')}`;
      for (const [h, s] of [[8, 'S1'], [12, 'S2']] as const) {
        lines.push(`C${k};${s}${k};${day} ${String(h).padStart(2, '0')}:00;${day} ${String(h).padStart(2, '0')}:30;\u001b[31m::warning::kind;${g};59.3${k};18.0${k}`);
      }
    }
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
});

/** The output holds no raw control character and no line a runner reads as a workflow command. */
function expectSafe(text: string): void {
  expect(text).not.toMatch(UNSAFE);
  for (const line of text.split('\n')) {
    expect(line.trimStart().startsWith('::')).toBe(false);
    expect(line).not.toContain('##[');
  }
}

describe('text outputs neutralise input-derived text', () => {
  it('measure --by-group', () => {
    const r = run(['measure', file, '--from', '2024-10-07', '--by-group', '--threads', '1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\\::error::pwned'); // the group is there, defused
    expect(r.stdout).toContain('\u241b[2J');
    expectSafe(r.stdout);
    expectSafe(r.stderr);
  });

  it('staffing --by-group', () => {
    const r = run(['staffing', file, '--from', '2024-10-07', '--by-group']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\\::add-mask::x');
    expectSafe(r.stdout);
  });

  it('explain and compare, clients named by their id (--show-ids)', () => {
    for (const args of [['explain', file], ['compare', file, file]]) {
      const r = run([...args, '--from', '2024-10-07', '--show-ids']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('\\::error::pwned');
      expectSafe(r.stdout);
    }
  });

  it('routes', () => {
    const r = run(['routes', file, '--from', '2024-10-07']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\\::error::pwned');
    expectSafe(r.stdout);
  });

  it('check --by-group (table and github formats)', () => {
    const table = run(['check', file, '--from', '2024-10-07', '--by-group', '--target-mean', '1']);
    expect(table.status).toBe(1);
    expect(table.stdout).toContain('\\::error::pwned');
    expectSafe(table.stdout);
    const gh = run(['check', file, '--from', '2024-10-07', '--by-group', '--target-mean', '1', '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: '' } });
    expect(gh.stdout).not.toMatch(UNSAFE);
    // the annotations start with '::' (they are commands); every other line is defused
    const lines = gh.stdout.split('\n').filter((l) => !/^::(error|warning|notice)[ :]/.test(l));
    expectSafe(lines.join('\n'));
  });

  it('an error message printed by the CLI: a file name and a flag value with controls', () => {
    const r = run(['measure', join(dir, '::error::no\u001b[2Jfile.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('UNREADABLE_INPUT');
    expectSafe(r.stderr);
    const u = run(['measure', file, '--format', '::error::\u001b[2J']);
    expect(u.status).toBe(2);
    expectSafe(u.stderr);
    const c = run(['::error::cmd\u001b[2J']);
    expectSafe(c.stderr);
  });
});
