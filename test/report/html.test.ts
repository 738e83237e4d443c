import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureContinuity } from '../../src/measures/continuity/measure.js';
import { measureForPage, measureForReport } from '../../src/outputs/report/html/measure.js';
import { generateRows } from '../../src/generate/index.js';
import { pageParts, renderReport, type ReportInput } from '../../src/outputs/report/html/render.js';
import { measureRoutesStreamed } from '../../src/measures/routes/measure.js';
import { REPORT_CSP } from '../../src/outputs/report/html/style.js';
import { measureStaffing } from '../../src/measures/staffing/measure.js';
import { fixtureRows } from '../continuity/fixture.js';

// The hand-built fixture of test/continuity/fixture.ts over 2024-10-21 … 11-03, worked out there:
// counted A (Norr, 4 staff, 30 visits), C (Norr, 3), E (Söder, 2), G (Söder, 3); not counted
// B (Norr, 2 staff, one visit on 2024-10-29) and D (Söder, 2, under 65); F has no visit in the window.
const FROM = '2024-10-21';
let input: { continuity: ReportInput['continuity']; staffing: NonNullable<ReportInput['staffing']> };
beforeAll(async () => {
  input = await measureForReport(fixtureRows(), { from: FROM });
});

/** The cells of the clients table, row by row (tags stripped). */
function clientRows(html: string): string[][] {
  const body = /<table class="sortable" id="clients-table">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1]!;
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1]!)));
}

/** Markup to text: tags dropped, the escapes undone. */
function text(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

const hmac10 = (key: string, id: string) => createHmac('sha256', key).update(id).digest('hex').slice(0, 10);

describe('measureForReport', () => {
  it('gives in one pass exactly what the two measures give', async () => {
    expect(JSON.stringify(input.continuity)).toBe(JSON.stringify(await measureContinuity(fixtureRows(), { from: FROM, indices: true })));
    expect(JSON.stringify(input.staffing)).toBe(JSON.stringify(await measureStaffing(fixtureRows(), { from: FROM })));
  });
});

describe('measureForPage', () => {
  it('gives what measureForReport gives but the list of double-staffed visits, whose count stays', async () => {
    const rows = [...generateRows({ clients: 60, days: 14, start: '2024-10-07', seed: 3 }).rows];
    const full = await measureForReport(rows, { from: '2024-10-07' });
    const page = await measureForPage(rows, { from: '2024-10-07' });
    const listed = full.staffing.windows[0]!.doubleStaffed.length;
    expect(listed).toBeGreaterThan(0);
    expect(page.staffing.windows[0]!.doubleStaffed).toEqual([]);
    expect(page.staffing.windows[0]!.doubleStaffedVisits).toBe(listed);
    const unlisted = { ...full.staffing, windows: full.staffing.windows.map((w) => ({ ...w, doubleStaffed: [] })) };
    expect(JSON.stringify(page.staffing)).toBe(JSON.stringify(unlisted));
    expect(JSON.stringify(page.continuity)).toBe(JSON.stringify(full.continuity));
  });
});

describe('renderReport', () => {
  it('is one page that may fetch nothing: the CSP, no external URL, an inline icon', () => {
    const html = renderReport(input, { generatedAt: null });
    expect(html.startsWith('<!doctype html>\n<html lang="sv">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP.replace(/'/g, '&#39;')}">`);
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(html).toContain('<link rel="icon" href="data:,">');
    const urls = [...html.matchAll(/\b(?:src|href|action|poster|data)=["']([^"']*)["']/g)].map((m) => m[1]!);
    expect(urls.filter((u) => !u.startsWith('#') && !u.startsWith('data:'))).toEqual([]);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/); // the SVG namespace is a name, not a request
    expect(html).not.toMatch(/@import|url\(/);
  });

  it('has the sections, the three charts and the key figures worked out by hand', () => {
    const html = renderReport(input, { lang: 'en', generatedAt: null });
    for (const id of ['headline', 'distribution', 'groups', 'staffing', 'clients', 'read']) expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toContain('<section id="trend">'); // one window: no trend
    expect(html.match(/<svg /g)).toHaveLength(6); // histogram and groups, each laid out for narrow, medium and wide screens
    expect(html).toContain('Mean (U21401)</div><div class="value">3</div>');
    expect(html).toContain('Median (U21402)</div><div class="value">3</div>');
    expect(html).toContain('Clients counted</div><div class="value">4</div><div class="sub">of 6 served');
    expect(html).toContain('<span class="chip ok">within the target</span>');
  });

  it('lists every served client, most staff first, and never shows an id by default', () => {
    const html = renderReport(input, { lang: 'en', pseudonymKey: 'k' });
    const rows = clientRows(html);
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r[2])).toEqual(['4', '3', '3', '2', '2', '2']);
    expect(rows[0]).toEqual([hmac10('k', 'A'), 'Norr', '4', '30', '0', '0', 'yes']);
    const names = new Map(['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((id) => [hmac10('k', id), id]));
    expect(rows.map((r) => names.get(r[0]!)).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'G']);
    expect(rows.find((r) => names.get(r[0]!) === 'B')!.at(-1)).toBe('no: < 2 visits on a day');
    expect(rows.find((r) => names.get(r[0]!) === 'D')!.at(-1)).toBe('no: younger than 65');
    expect(html).toContain('from a given key');
  });

  it('makes a new random key per report unless one is given, and says so', () => {
    const a = clientRows(renderReport(input)).map((r) => r[0]);
    const b = clientRows(renderReport(input)).map((r) => r[0]);
    expect(a.every((n) => /^[0-9a-f]{10}$/.test(n!))).toBe(true);
    expect(a).not.toEqual(b);
    expect(renderReport(input)).toContain('slumpad nyckel som bara gäller den här rapporten');
    expect(renderReport(input, { lang: 'en' })).toContain('random key made for this report only');
  });

  it('shows the raw ids only when asked, with a warning', () => {
    const html = renderReport(input, { lang: 'en', showIds: true });
    // staff descending, then visits descending (B has 27, D and E 28), then name
    expect(clientRows(html).map((r) => r[0])).toEqual(['A', 'C', 'G', 'D', 'E', 'B']);
    expect(html).toContain('The report may hold personal data.');
  });

  it('escapes what comes from the log: group names and ids', async () => {
    const evil = '<img src=x onerror="alert(1)">';
    const rows = fixtureRows().map((r) => ({ ...r, group: r.group === 'Norr' ? evil : r.group, client_id: r.client_id === 'E' ? `</td><script>x()</script>` : r.client_id }));
    const html = renderReport(await measureForReport(rows, { from: FROM }), { showIds: true });
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>x()');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('&lt;/td&gt;&lt;script&gt;x()&lt;/script&gt;');
    expect(html.match(/<script>/g)).toHaveLength(1); // the report's own
  });

  it('accounts for the rows and lists the first rejected ones', async () => {
    const rows = fixtureRows();
    const bad = [...rows.slice(0, 3), { ...rows[3]!, start: '2024-10-21 25:00' }, { ...rows[4]!, end: 'soon' }, ...rows.slice(5)];
    const html = renderReport(await measureForReport(bad, { from: FROM }), { lang: 'en', maxIssues: 1 });
    expect(html).toMatch(/<th scope="row">rejected \(bad rows\)<\/th><td class="num">2<\/td>/);
    expect(html).toContain('Every row is accounted for');
    expect(html.match(/<tr><td class="num">\d+<\/td><td>(start|end)<\/td>/g)).toHaveLength(1);
    expect(html).toContain('… and 1 more');
  });

  it('recounts the share above a target other than the measure’s', () => {
    // counted staff 4, 3, 2, 3: above 2 → 3 of 4
    const html = renderReport(input, { lang: 'en', target: 2 });
    expect(html).toContain('Share above the target</div><div class="value">75 %</div>');
  });

  it('details the window asked for, and tells when the log has none', async () => {
    expect(() => renderReport(input, { window: '2024-10-22' })).toThrow(/no window starts on 2024-10-22/);
    const empty = await measureForReport(fixtureRows().filter((r) => r.start.startsWith('2024-10-2')), {});
    expect(empty.continuity.windows).toEqual([]);
    const html = renderReport(empty, { lang: 'en' });
    expect(html).toContain('The log covers no whole window');
    expect(html).toContain('<section id="read">');
    expect(html).not.toContain('<svg');
  });
});

describe('pageParts', () => {
  it('gives renderReport\'s page when its end is made first and the routes are given to its start after', async () => {
    const rows = fixtureRows().map((r, i) => ({ ...r, lat: 62.39 + (i % 7) / 100, lon: 17.3 + (i % 5) / 100 }));
    const page = await measureForReport(rows, { from: FROM });
    const routes = await measureRoutesStreamed(rows, { from: FROM, rules: { days: 14 } });
    const options = { pseudonymKey: 'k', generatedAt: null, source: 'visits.csv' };
    const parts = pageParts(page, options);
    const end = [...parts.tail].join('');
    const whole = [...parts.head({ routes }), end].join('');
    expect(whole).toBe(renderReport({ ...page, routes }, options));
    // the contents name every section of the page, in its order, the routes among them
    const contents = [.../<nav class="toc"[^>]*>(.*?)<\/nav>/.exec(whole)![1]!.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(contents).toEqual([...whole.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]));
    expect(contents).toEqual(expect.arrayContaining(['routes', 'clients', 'read']));
    expect(whole.indexOf('<section id="routes">')).toBeLessThan(whole.indexOf('<section id="clients">'));
    expect(end.startsWith('<section id="clients">')).toBe(true);
    expect(clientRows(end).map((r) => r[0])).toEqual(clientRows(renderReport(page, options)).map((r) => r[0]));
  });
});

describe('the indices section', () => {
  it('lists the mean of each index over counted clients and the contact-person share', async () => {
    // the hand-built fixture has no contact persons: every counted client is without one
    const w = input.continuity.windows[0]!;
    const html = renderReport(input, { generatedAt: null, lang: 'en' });
    expect(html).toContain('<section id="indices">');
    const upcMean = w.indices!.upc.mean!;
    expect(html).toMatch(new RegExp(`<th scope="row">UPC</th><td class="num">${w.indices!.upc.n}</td><td class="num">${upcMean.toFixed(2).replace(/0$/, '').replace(/\.$/, '')}`));
    expect(html).toContain(`${w.clients.eligible} clients have no listed contact person`);
  });
});
