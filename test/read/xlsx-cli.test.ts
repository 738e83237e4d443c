// The built CLI (npm run build first) on an .xlsx written by this test from the canonical fixture,
// on a CSV whose headers no alias knows (--column, the config's columns), and MISSING_COLUMN's hint.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';
import { serialOf, xlsxBytes } from './xlsx-writer.js';

const SAMPLE = new URL('../../data/sample-visits.csv', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-xlsx-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = readFileSync(SAMPLE, 'utf8');
const lines = text.trim().split('\n').map((l) => l.split(','));
const header = lines[0]!;
const TIMES = new Set(['start', 'end'].map((c) => header.indexOf(c)));

const book = join(dir, 'besok.xlsx');
writeFileSync(book, xlsxBytes([
  { name: 'Läs mig', rows: [['Besök oktober']] },
  { name: 'Besök', rows: lines.map((r, i) => (i === 0 ? r : r.map((v, j) => (TIMES.has(j) ? { serial: serialOf(v) } : v)))) },
]));

/** The sample with client_id and staff_id under headers no alias knows. */
const renamed = join(dir, 'renamed.csv');
writeFileSync(renamed, text.replace(/^visit_id,client_id,staff_id,/, 'visit_id,Kund nr,Personal nr,'));

function json(args: string[], cwd = dir): unknown {
  const r = run(args, { cwd });
  expect(r.stderr).not.toMatch(/Error|UNREADABLE|MISSING/);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe('the CLI on an .xlsx', () => {
  const cases: [string, string[]][] = [
    ['measure', ['measure', '--by-group', '--format', 'json']],
    ['staffing', ['staffing', '--format', 'json']],
    ['routes', ['routes', '--format', 'json']],
    ['check', ['check', '--target-mean', '14', '--format', 'json']],
  ];
  for (const [name, args] of cases) {
    it(`${name}: the second sheet (--sheet 2, serial times) gives the CSV's JSON`, () => {
      expect(json([...args, book, '--sheet', '2'])).toEqual(json([...args, SAMPLE]));
    });
  }

  it('report: an HTML page with the CSV\'s figures', () => {
    const a = join(dir, 'a.html');
    const b = join(dir, 'b.html');
    writeFileSync(join(dir, 'besok.csv'), text);
    // one pseudonym key, so the clients table is the same
    expect(run(['report', 'besok.csv', '--out', a, '--pseudonym-key', 'k'], { cwd: dir }).status).toBe(0);
    expect(run(['report', 'besok.xlsx', '--sheet', 'Besök', '--out', b, '--pseudonym-key', 'k'], { cwd: dir }).status).toBe(0);
    // the page names its input and when it was made; apart from that it is the same page
    const page = (p: string) => readFileSync(p, 'utf8').replaceAll('besok.xlsx', 'besok.csv').replace(/Skapad: <b>[^<]*<\/b>/, '');
    expect(page(b)).toBe(page(a));
  });

  it('a sheet that is not there: exit 2 naming the sheets', () => {
    const r = run(['measure', book, '--sheet', 'Oktober']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"Läs mig", "Besök"');
  });
});

describe('--column and the config\'s columns', () => {
  const mapped = ['--column', 'client_id=Kund nr', '--column', 'staff_id=Personal nr'];

  it('a renamed-header CSV with --column gives the figures of the original', () => {
    expect(json(['measure', '--format', 'json', renamed, ...mapped])).toEqual(json(['measure', '--format', 'json', SAMPLE]));
    expect(json(['staffing', '--format', 'json', renamed, ...mapped])).toEqual(json(['staffing', '--format', 'json', SAMPLE]));
  });

  it('check takes columns from kontinuitet.config.json, and a --column flag wins over it', () => {
    const cwd = mkdtempSync(join(dir, 'config-'));
    writeFileSync(join(cwd, 'kontinuitet.config.json'), JSON.stringify({ targets: { mean: 14 }, columns: { client_id: 'Kund nr', staff_id: 'Fel rubrik' } }));
    const original = json(['check', '--target-mean', '14', '--format', 'json', SAMPLE]);
    expect(json(['check', '--format', 'json', renamed, '--column', 'staff_id=Personal nr'], cwd)).toEqual(original);
    // without the flag, the config's wrong header is named
    const r = run(['check', renamed], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('MISSING_COLUMN');
    expect(r.stderr).toContain('"Fel rubrik" given for staff_id');
  });

  it('a bad --column is a usage error naming the columns', () => {
    const r = run(['measure', renamed, '--column', 'kund=Kund nr']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('client_id, staff_id');
  });
});

describe('MISSING_COLUMN', () => {
  /** Every client id, staff id, time and group of the fixture: none may appear in a message. */
  const data = new Set(lines.slice(1).flatMap((r) => [1, 2, 3, 4, 6].map((j) => r[j]!)));
  const echoesData = (message: string) => [...data].some((v) => message.includes(v));

  it('suggests the nearest header with the exact flag, and shows no data value', () => {
    const r = run(['measure', renamed]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing required columns client_id, staff_id');
    expect(r.stderr).toContain('--column client_id="Kund nr"');
    expect(r.stderr).toContain('--column staff_id="Personal nr"');
    expect(echoesData(r.stderr)).toBe(false);
    // the flags it shows work as they are shown (through a shell's quoting)
    const flags = [...r.stderr.matchAll(/--column (\w+)="([^"]+)"/g)].flatMap((m) => ['--column', `${m[1]}=${m[2]}`]);
    expect(json(['measure', '--format', 'json', renamed, ...flags])).toEqual(json(['measure', '--format', 'json', SAMPLE]));
  });

  it('a file without a header row: no cell of its first row is suggested or shown', () => {
    const headless = join(dir, 'headless.csv');
    writeFileSync(headless, text.slice(text.indexOf('\n') + 1));
    const r = run(['measure', headless]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--column client_id="YourHeader"');
    expect(echoesData(r.stderr)).toBe(false);
  });

  it('a header with control characters is suggested with them made visible', () => {
    const odd = join(dir, 'odd.csv');
    writeFileSync(odd, text.replace(/^visit_id,client_id,/, 'visit_id,Kund\u0007nr,'));
    const r = run(['measure', odd]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain('\u0007');
    expect(r.stderr).toContain('--column client_id="Kund');
  });
});
