import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { day, explainCsv, explainRows } from '../explain/fixture.js';
import { run } from './run.js';

// Figures of test/explain/fixture.ts, worked out there by hand.
let before = '';
let after = '';
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-explain-cli-'));
  before = join(dir, 'before.csv');
  after = join(dir, 'after.csv');
  writeFileSync(before, explainCsv(explainRows()));
  // after: A's Tuesday noon visit (S8) dropped
  writeFileSync(after, explainCsv(explainRows().filter((r) => !(r.client_id === 'A' && r.staff_id === 'S8'))));
});

const WINDOW = ['--from', '2024-10-07', '--days', '7'];

describe('kontinuitet explain', () => {
  it('prints the explain@1 JSON with the hand-worked figures', () => {
    const r = run(['explain', before, ...WINDOW, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.schema).toBe('kontinuitet/explain@1');
    const w = json.windows[0];
    expect([w.clients, w.staff, w.oneStaff, w.floor]).toEqual([3, 7, 6, 2]);
    expect(w.perClient.map((c: { categories: Record<string, number> }) => Object.values(c.categories))).toEqual([[1, 1, 2, 3, 1, 1], [0, 3, 0, 0, 2, 0], [0, 0, 0, 2, 0, 5]]);
  });

  it('the table names clients by the line of their first row, never by id; --show-ids shows ids; the flags reach the options', () => {
    const r = run(['explain', before, ...WINDOW]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Window 2024-10-07 – 2024-10-13: 3 counted clients, mean 7 staff');
    // A's first row is the 3rd row of the file (line 3 with the header); B's 21st row, C's 24th (after B's first two)
    expect(r.stdout).toMatch(/^line 3 +Norr +16 +9 +1 +1 +2 +3 +1 +1 +7 +7 +2$/m);
    expect(r.stdout).not.toMatch(/\b(S[1-9]|P[12]|R[1-3]|T[1-7])\b/); // no staff id
    expect(r.stdout).not.toMatch(/^[ABC] /m);
    const ids = run(['explain', before, ...WINDOW, '--show-ids', '--regular-visits', '2', '--lookback-days', '29']);
    expect(ids.stdout).toMatch(/^A +Norr +16 +9 +1 +2 +/m); // regular-visits 2: S3 is a regular too
    expect(ids.stdout).toContain('New faces: not known (the log does not reach back to 2024-09-08).');
    const pseudo = run(['explain', before, ...WINDOW, '--pseudonymise', '--pseudonym-key', 'k']);
    expect(pseudo.stdout).toMatch(/^pseudonym [0-9a-f]{16} +Norr +16 +9 /m);
  });

  it('speaks Swedish with --lang sv: the same figures, decimal commas, clients by "rad N"', () => {
    const r = run(['explain', before, ...WINDOW, '--lang', 'sv']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Period 2024-10-07 – 2024-10-13: 3 brukare räknas, medel 7 personal');
    expect(r.stdout).toMatch(/^brukare +grupp +besök +personal +kontakt +ordinarie +bara dubbel +bara helg +bara kväll +tillfällig +nya ansikten +en per besök +golv$/m);
    expect(r.stdout).toMatch(/^rad 3 +Norr +16 +9 +1 +1 +2 +3 +1 +1 +7 +7 +2$/m);
    // categories means over A, B, C: regular (1 + 3 + 0) / 3 = 1,3; weekend only (3 + 0 + 2) / 3 = 1,7
    expect(r.stdout).toMatch(/^alla +3 +7 +0,3 +1,3 +0,7 +1,7 +/m);
    expect(r.stdout).not.toMatch(/\b(line|Window|staff)\b/);
    const en = run(['explain', before, ...WINDOW, '--lang', 'en']);
    expect(en.stdout).toMatch(/^all +3 +7 +0.3 +1.3 +0.7 +1.7 +/m);
  });

  it('writes one CSV row per counted client', () => {
    const r = run(['explain', before, ...WINDOW, '--format', 'csv', '--evening-from', '18:30']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe('from,to,client,group,visits,staff,contact,regular,double_only,weekend_only,evening_only,occasional,contact_share,regular_share,familiar_share,new_faces,one_staff,floor');
    expect(lines.slice(1).map((l) => l.split(',').slice(2, 12).join(','))).toEqual(['A,Norr,16,9,1,1,2,3,0,2', 'B,Söder,14,5,0,3,0,0,2,0', 'C,Söder,14,7,0,0,0,2,0,5']);
  });

  it('refuses bad flags with exit 2, naming the flag', () => {
    for (const [flag, value] of [['--evening-from', '7pm'], ['--regular-visits', '0'], ['--lookback-days', 'x'], ['--format', 'xml']] as const) {
      const r = run(['explain', before, flag, value]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(flag);
    }
  });
});

describe('kontinuitet compare', () => {
  it('shows the dropped visit plainly and the change', () => {
    const r = run(['compare', before, after, ...WINDOW]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // A: 9 → 8; mean (8 + 5 + 7) / 3 = 6.7
    expect(r.stdout).toContain('Window 2024-10-07 – 2024-10-13: mean staff 7 → 6.7 (-0.3); counted clients 3 → 3');
    expect(r.stdout).toContain('Counted visits: 44 before, 43 after; 43 in both, 1 only before, 0 only after.');
    expect(r.stdout).toMatch(new RegExp(`^before +line 3 +${day(1)} 12:00 +${day(1)} 12:30 +1$`, 'm'));
    expect(r.stdout).toContain('Staff moved between categories: occasional → not met 1.');
  });

  it('compares in Swedish with --lang sv', () => {
    const r = run(['compare', before, after, ...WINDOW, '--lang', 'sv']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Period 2024-10-07 – 2024-10-13: medel personal 7 → 6,7 (-0,3); brukare som räknas 3 → 3');
    expect(r.stdout).toContain('Räknade besök: 44 före, 43 efter; 43 i båda, 1 bara före, 0 bara efter.');
    expect(r.stdout).toMatch(new RegExp(`^före +rad 3 +${day(1)} 12:00 +${day(1)} 12:30 +1$`, 'm'));
    expect(r.stdout).toContain('Personal som bytt kategori: tillfällig → inte mött 1.');
  });

  it('prints compare@1 JSON and CSV', () => {
    const json = JSON.parse(run(['compare', before, after, ...WINDOW, '--format', 'json']).stdout);
    expect(json.schema).toBe('kontinuitet/compare@1');
    expect(json.windows[0].visits).toMatchObject({ before: 44, after: 43, onlyBefore: 1, onlyAfter: 0 });
    const csv = run(['compare', before, after, ...WINDOW, '--format', 'csv']).stdout.trim().split(/\r?\n/);
    expect(csv[1]).toBe('2024-10-07,2024-10-13,A,Norr,both,true,16,9,true,15,8,-1,-1,S8:occasional>none');
  });

  it('needs two files', () => {
    const r = run(['compare', before]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('compare needs two input files');
  });
});
