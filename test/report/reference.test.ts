import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchKoladaReference, loadReference, saveReference, type KoladaReference } from '../../src/outputs/report/reference/kolada.js';
import { renderReport } from '../../src/outputs/report/html/render.js';
import { measureContinuity } from '../../src/index.js';
import { fixtureCsv, tempFiles } from '../continuity/fixture.js';
import { run } from '../cli/run.js';

// Kolada's answers, recorded in the shape its API documents (v2: { values, count, next_page });
// v3 is made to answer 404 so the v2 fallback is taken.
const recorded = JSON.parse(readFileSync(new URL('../fixtures/kolada/recorded-v2.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const asked: string[] = [];
const fetcher = async (url: string) => {
  asked.push(url);
  const path = url.replace('https://api.kolada.se/', '');
  const body = recorded[path];
  return { ok: body !== undefined, status: body === undefined ? 404 : 200, json: async () => body };
};

/** The figures of the fixture, worked out by hand (U21436 is published in percent). */
const EXPECTED = {
  year: 2023, // the latest year with a value for Ånge (2024 has none)
  municipality: { id: '2260', title: 'Ånge', mean: 17, median: 16, shareAbove20: 0.215 },
  nation: { id: '0000', title: 'Riket', mean: 15, median: 14, shareAbove20: 0.12 },
  peers: { id: 'G34200', title: 'Liknande kommuner äldreomsorg, Ånge', mean: 16.5, median: 15.5, shareAbove20: null },
  // eight municipalities (the nation and the group left out); quartiles as Excel's QUARTILE.INC:
  // h = (n − 1)·p = 1.75 and 5.25: Q1 = x[1] + 0.75·(x[2] − x[1]), Q3 = x[5] + 0.25·(x[6] − x[5])
  quartiles: { mean: [13.5, 20.5], median: [12.5, 19.5], shareAbove20: [0.0875, 0.2625] },
};

describe('the Kolada reference', () => {
  it('is fetched as documented, v2 after v3, every page, and worked out as by hand', async () => {
    const r = await fetchKoladaReference('2260', { fetcher });
    expect(r).toMatchObject({ schema: 'kontinuitet/reference@1', source: 'Kolada', ...EXPECTED });
    expect(asked[0]).toMatch(/^https:\/\/api\.kolada\.se\/v3\//);
    expect(asked).toContain('https://api.kolada.se/v2/data/kpi/U21401,U21402,U21436/year/2023?page=2');
  });

  it('says so when Kolada cannot be reached, and checks the municipality code', async () => {
    await expect(fetchKoladaReference('2260', { fetcher: async () => { throw new Error('offline'); } })).rejects.toMatchObject({ code: 'UNREADABLE_INPUT', message: expect.stringMatching(/--reference FILE/) });
    await expect(fetchKoladaReference('22', { fetcher })).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });

  it('is saved and read back offline; a file not in the shape is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-ref-'));
    const r = await fetchKoladaReference('2260', { fetcher });
    await saveReference(join(dir, 'ref.json'), r);
    expect(await loadReference(join(dir, 'ref.json'))).toEqual(r);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...r, nation: { ...r.nation, shareAbove20: 12 } }));
    await expect(loadReference(join(dir, 'bad.json'))).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringMatching(/nation\.shareAbove20/) });
  });
});

describe('the report beside the nation', () => {
  const file = tempFiles('kontinuitet-ref-report-');

  it('shows the measured figures beside the municipality, its peers, the nation and the quartiles', async () => {
    const reference = await fetchKoladaReference('2260', { fetcher });
    const continuity = await measureContinuity(file(fixtureCsv()), { from: '2024-10-21' });
    const html = renderReport({ continuity, reference }, { lang: 'sv', generatedAt: null, pseudonymKey: 'k' });
    const row = (cls: string) => (new RegExp(`<tr class="${cls}">(.*?)</tr>`).exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '|').split('|').filter((c) => c !== '');
    expect(row('municipality')).toEqual(['Ånge 2023', '17', '16', '21,5 %']);
    expect(row('peers')).toEqual(['Liknande kommuner, äldreomsorg', '16,5', '15,5', '–']);
    expect(row('nation')).toEqual(['Riket 2023', '15', '14', '12 %']);
    expect(row('quartiles')).toEqual(['Mittersta hälften av kommunerna', '13,5–20,5', '12,5–19,5', '8,8 %–26,3 %']);
    const w = continuity.windows[0]!.staffPerClient;
    expect(row('measured')[1]).toBe(String(w.mean).replace('.', ','));
    expect(html).toContain('inte från samma 14 dagar som loggen');
  });

  it('from the CLI (built), with a saved file, offline', async () => {
    const reference: KoladaReference = await fetchKoladaReference('2260', { fetcher });
    const saved = file(JSON.stringify(reference));
    const r = run(['report', file(fixtureCsv()), '--from', '2024-10-21', '--reference', saved, '--kommun', '2260', '--lang', 'en']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('<section id="reference">');
    expect(r.stdout).toMatch(/<tr class="nation">.*Nation 2023.*<\/tr>/);
    const other = run(['report', file(fixtureCsv()), '--reference', saved, '--kommun', '1860']);
    expect(other.status).toBe(2);
    expect(other.stderr).toContain('holds the figures of municipality 2260, not 1860');
    const missing = run(['report', file(fixtureCsv()), '--reference', join(tmpdir(), 'no-such-ref.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('give --kommun CODE');
  });
});
