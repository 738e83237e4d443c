import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import { generateCommand } from '../../src/cli/generate.js';
import { reportCommand } from '../../src/cli/report.js';
import { measureForReport } from '../../src/outputs/report/html/measure.js';
import { renderReport } from '../../src/outputs/report/html/render.js';
import { KontinuitetError } from '../../src/errors.js';
import { fixtureCsv, fixtureRows } from '../continuity/fixture.js';
import { run } from './run.js';

const SAMPLE = fileURLToPath(new URL('../../data/sample-visits.csv', import.meta.url));
// the hand-built fixture (test/continuity/fixture.ts) with personal identity numbers as client ids
const PNR: Record<string, string> = { A: '19400505-1234', B: '19400101-2345', C: '19400101-3456', D: '19591025-4567', E: '19591021-5678', F: '19400101-6789', G: '19350303-7890' };
let dir = '';
let file = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontinuitet-report-'));
  file = join(dir, 'visits.csv');
  writeFileSync(file, fixtureCsv(fixtureRows().map((r) => ({ ...r, client_id: PNR[r.client_id]! }))));
});

const savedKey = process.env.KONTINUITET_PSEUDONYM_KEY;
afterEach(() => {
  if (savedKey === undefined) delete process.env.KONTINUITET_PSEUDONYM_KEY;
  else process.env.KONTINUITET_PSEUDONYM_KEY = savedKey;
});

/** Runs the command in this process; returns its status, standard output and standard error. */
async function report(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out = new PassThrough(), err = new PassThrough();
  let o = '', e = '';
  out.on('data', (d) => (o += d));
  err.on('data', (d) => (e += d));
  const status = await reportCommand(args, out, err);
  return { status, out: o, err: e };
}

function clientNames(html: string): string[] {
  const body = /<table class="sortable" id="clients-table">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1]!;
  return [...body.matchAll(/<tr[^>]*><td class="id">([^<]*)<\/td>/g)].map((m) => m[1]!);
}

const hmac10 = (key: string, id: string) => createHmac('sha256', key).update(id).digest('hex').slice(0, 10);

describe('kontinuitet report', () => {
  it('writes one HTML file, in Swedish, with pseudonyms from a random key, and says so', async () => {
    delete process.env.KONTINUITET_PSEUDONYM_KEY;
    const path = join(dir, 'report.html');
    const r = await report([file, '--from', '2024-10-21', '--out', path]);
    expect(r).toEqual({ status: 0, out: '', err: `kontinuitet report: wrote ${path} (1 window; clients pseudonymised with a random key for this report)\n` });
    const html = readFileSync(path, 'utf8');
    expect(html.startsWith('<!doctype html>\n<html lang="sv">')).toBe(true);
    expect(html).toContain('Källa: <b>visits.csv</b>');
    expect(clientNames(html)).toHaveLength(6); // F has no visit in the window
    for (const pnr of Object.values(PNR)) expect(html).not.toContain(pnr);
    expect(html).toContain('slumpad nyckel');
  });

  it('takes the key from --pseudonym-key or KONTINUITET_PSEUDONYM_KEY, and shows ids only with --show-ids', async () => {
    const byFlag = clientNames((await report([file, '--from', '2024-10-21', '--out', '-', '--pseudonym-key', 'nyckel'])).out);
    expect(byFlag).toContain(hmac10('nyckel', PNR.A!));
    expect(new Set(byFlag)).toEqual(new Set(['A', 'B', 'C', 'D', 'E', 'G'].map((c) => hmac10('nyckel', PNR[c]!))));
    process.env.KONTINUITET_PSEUDONYM_KEY = 'nyckel';
    const env = await report([file, '--from', '2024-10-21', '--out', '-']);
    expect(clientNames(env.out)).toEqual(byFlag);
    expect(env.err).toContain('clients pseudonymised with the given key');
    const ids = await report([file, '--from', '2024-10-21', '--out', '-', '--show-ids', '--lang', 'en']);
    expect(clientNames(ids.out)[0]).toBe(PNR.A);
    expect(ids.out).toContain('The report may hold personal data.');
    await expect(report([file, '--show-ids', '--pseudonym-key', 'k'])).rejects.toThrow(UsageError);
  });

  it('runs the monthly series by default, with the trend, and details the window asked for', async () => {
    const r = await report([SAMPLE, '--out', '-', '--lang', 'en', '--pseudonym-key', 'k']);
    expect(r.err).toContain('(2 windows;');
    expect(r.out).toContain('<section id="trend">');
    expect(r.out).toContain('Key figures · 1–14 Nov 2024');
    const october = await report([SAMPLE, '--out', '-', '--lang', 'en', '--window', '2024-10-01', '--anchor', 'first-day']);
    expect(october.out).toContain('Key figures · 1–14 Oct 2024');
    await expect(report([SAMPLE, '--out', '-', '--window', '2024-10-02'])).rejects.toThrow(KontinuitetError);
  });

  it('passes the target and the rules on to the measure', async () => {
    const r = await report([file, '--from', '2024-10-21', '--out', '-', '--lang', 'en', '--target', '2', '--count-one-staff']);
    // one staff per visit: A 4, C 2, E 2, G 2 → above 2: 1 of 4
    expect(r.out).toContain('Share above the target</div><div class="value">25 %</div>');
    expect(r.out).toContain('only the first staff member counts');
  });

  it('refuses bad usage', async () => {
    await expect(report([])).rejects.toThrow('report needs exactly one input file');
    await expect(report([file, '--lang', 'de'])).rejects.toThrow('--lang must be one of sv, en');
    await expect(report([file, '--from', '2024-13-01'])).rejects.toThrow('--from must be a date');
    await expect(report([file, '--from', '2024-10-21', '--every', 'month'])).rejects.toThrow('not both');
    await expect(report([file, '--pseudonym-key', ''])).rejects.toThrow('must not be empty');
    expect((await report(['--help'])).out).toContain('kontinuitet report <file|-> --out report.html');
  });
});

describe('kontinuitet report on a log of more clients than one piece of the clients table', () => {
  it('writes, piece by piece, the sections renderReport makes of measureForReport', async () => {
    const log = join(dir, 'many.csv');
    await generateCommand(['--clients', '1500', '--days', '14', '--seed', '5', '--out', log], new PassThrough(), new PassThrough());
    const path = join(dir, 'many.html');
    expect((await report([log, '--from', '2024-10-01', '--pseudonym-key', 'k', '--out', path])).status).toBe(0);
    const cli = readFileSync(path, 'utf8');
    const library = renderReport(await measureForReport(log, { from: '2024-10-01' }), { pseudonymKey: 'k', generatedAt: null });
    // each section is one line of the page
    const section = (html: string, id: string) => {
      const at = html.indexOf(`<section id="${id}">`);
      return at < 0 ? '' : html.slice(at, html.indexOf('\n', at));
    };
    // more than the hundred rows of one piece (the log's clients with a counted visit)
    expect(section(cli, 'clients').split('<tr data-counted=').length - 1).toBeGreaterThan(1000);
    for (const id of ['headline', 'distribution', 'groups', 'indices', 'staffing', 'clients', 'read']) {
      expect(section(cli, id).length, id).toBeGreaterThan(0);
      expect(section(cli, id), id).toBe(section(library, id));
    }
  });
});

describe('kontinuitet report\'s own files', () => {
  it('are gone when it is done: the page\'s end written first, the measure\'s and the route rows\' spill files', async () => {
    const saved = process.env.TMPDIR;
    const own = mkdtempSync(join(tmpdir(), 'kontinuitet-report-tmp-'));
    process.env.TMPDIR = own;
    try {
      const path = join(dir, 'own.html');
      expect((await report([SAMPLE, '--pseudonym-key', 'k', '--threads', '2', '--out', path])).status).toBe(0);
      expect(readFileSync(path, 'utf8')).toContain('<section id="clients">');
      expect(readdirSync(own)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});

describe('kontinuitet report, the built CLI', () => {
  it('is a command of the CLI, reads standard input and writes the file', () => {
    expect(run(['help']).stdout).toMatch(/^ {2}report <file>/m);
    const path = join(dir, 'stdin.html');
    const r = run(['report', '-', '--from', '2024-10-21', '--out', path, '--lang', 'en'], { input: readFileSync(file, 'utf8') });
    expect(r.stderr).toBe(`kontinuitet report: wrote ${path} (1 window; clients pseudonymised with a random key for this report)\n`);
    expect(r.status).toBe(0);
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('Source: <b>standard input</b>');
    expect(clientNames(html)).toHaveLength(6);
    const bad = run(['report', file, '--lang', 'de']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('kontinuitet report: --lang must be one of sv, en');
  });
});

describe('kontinuitet report on the sample (coordinates present)', () => {
  it('has a routes section whose totals equal kontinuitet routes for the same window', () => {
    const sample = fileURLToPath(new URL('../../data/sample-visits.csv', import.meta.url));
    const r = run(['report', sample, '--anchor', 'first-monday', '--lang', 'en']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('<section id="routes">');
    const routes = JSON.parse(run(['routes', sample, '--anchor', 'first-monday', '--format', 'json']).stdout);
    const last = routes.windows.at(-1);
    // the report details the last window; its total row shows the staff-days of that window
    const total = /<tfoot><tr class="total"><td>All<\/td><td class="num" data-v="(\d+)"/.exec(r.stdout.slice(r.stdout.indexOf('<section id="routes">')));
    expect(Number(total?.[1])).toBe(last.staffDays);
    // every staff-day searched (the sample's days are below the default limit): nothing said
    expect(r.stdout).not.toContain('seeded sample');
    expect(r.stdout).not.toContain('data-sample=');
  });

  it('gives the same page when a thread of the measure\'s read reads the route rows beside the clients\' evaluation (--threads 2)', () => {
    const args = ['report', SAMPLE, '--anchor', 'first-monday', '--lang', 'en', '--pseudonym-key', 'k'];
    const one = run([...args, '--threads', '1']), two = run([...args, '--threads', '2']);
    expect([one.status, two.status]).toEqual([0, 0]);
    expect(two.stdout).toContain('<section id="routes">');
    expect(two.stdout).toBe(one.stdout);
  });

  it('computes the route figures of the window it details (--window: the first of the series)', () => {
    const sample = fileURLToPath(new URL('../../data/sample-visits.csv', import.meta.url));
    const routes = JSON.parse(run(['routes', sample, '--anchor', 'first-monday', '--format', 'json']).stdout);
    expect(routes.windows.length).toBeGreaterThan(1);
    const first = routes.windows[0];
    expect(first.visits).not.toBe(routes.windows.at(-1).visits);
    const r = run(['report', sample, '--anchor', 'first-monday', '--lang', 'en', '--window', first.from]);
    expect(r.status).toBe(0);
    // the total row: staff-days, then visits
    const total = /<tfoot><tr class="total"><td>All<\/td><td class="num" data-v="(\d+)">[^<]*<\/td><td class="num" data-v="(\d+)"/.exec(r.stdout.slice(r.stdout.indexOf('<section id="routes">')));
    expect([Number(total?.[1]), Number(total?.[2])]).toEqual([first.staffDays, first.visits]);
  });

  it('says when the detour ratios come from a seeded sample (--route-sample), in English and Swedish', async () => {
    const routes = JSON.parse(run(['routes', SAMPLE, '--anchor', 'first-monday', '--format', 'json']).stdout);
    const last = routes.windows.at(-1);
    const withCoordinates = last.staffDays - last.staffDaysWithoutCoordinates;
    expect(withCoordinates).toBeGreaterThan(50);
    const en = (await report([SAMPLE, '--anchor', 'first-monday', '--lang', 'en', '--route-sample', '50', '--out', '-'])).out;
    const section = en.slice(en.indexOf('<section id="routes">'), en.indexOf('</section>', en.indexOf('<section id="routes">')));
    expect(section).toContain(`Detour ratios from a seeded sample of 50 of ${withCoordinates.toLocaleString('en-US')} staff-days`);
    // the figures from the sample say so: the whole-window row's detour and saving cells, the savings as estimates
    const total = /<tfoot><tr class="total">([\s\S]*?)<\/tr>/.exec(section)![1]!;
    expect(total.match(/data-sample="50\/(\d+)"/g)).toHaveLength(4);
    expect(total).toContain(`data-sample="50/${withCoordinates}"`);
    expect(total).toMatch(/>≈ [\d,]+<\/td>$/);
    // the other figures stay those of every staff-day
    expect(Number(/<td class="num" data-v="(\d+)"/.exec(total)![1])).toBe(last.staffDays);
    const sv = (await report([SAMPLE, '--anchor', 'first-monday', '--route-sample', '50', '--out', '-'])).out;
    const n = withCoordinates.toLocaleString('en-US').replace(/,/g, '\u202f');
    expect(sv).toContain(`Omvägskvoter från ett seedat urval av 50 av ${n} arbetsdagar`);
    expect((await report([SAMPLE, '--anchor', 'first-monday', '--route-sample', 'all', '--out', '-'])).out).not.toContain('seedat urval');
  });

  it('refuses a --route-sample that is neither a whole number ≥ 1 nor all', async () => {
    for (const bad of ['0', 'abc', '-5', '1.5', '']) {
      await expect(report([SAMPLE, `--route-sample=${bad}`, '--out', '-']), bad).rejects.toThrow(/--route-sample must be a whole number/);
    }
    await expect(report([SAMPLE, '--route-sample', '0', '--out', '-'])).rejects.toThrow(UsageError);
  });
});
