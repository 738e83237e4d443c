import { describe, expect, it } from 'vitest';
import { measureContinuity } from '../../src/measures/continuity/measure.js';
import { displayable, displaySvg, JUPYTER_DISPLAY } from '../../src/outputs/report/display.js';
import { histogramSvg } from '../../src/outputs/report/svg/histogram.js';
import { continuityTable } from '../../src/outputs/report/table.js';
import { measureStaffing } from '../../src/measures/staffing/measure.js';
import { staffingTable } from '../../src/outputs/staffing/table.js';
import { fixtureRows } from '../continuity/fixture.js';

const FROM = '2024-10-21';

describe('displayable', () => {
  it('is the key Deno’s kernel calls: Symbol.for("Jupyter.display")', () => {
    expect(JUPYTER_DISPLAY).toBe(Symbol.for('Jupyter.display'));
  });

  it('leaves the result as it was: same object, same keys, same JSON', async () => {
    const plain = await measureContinuity(fixtureRows(), { from: FROM });
    const json = JSON.stringify(plain);
    const keys = Object.keys(plain);
    const shown = displayable(plain);
    expect(shown).toBe(plain);
    expect(JSON.stringify(shown)).toBe(json);
    expect(Object.keys(shown)).toEqual(keys);
    expect({ ...shown }).not.toHaveProperty([JUPYTER_DISPLAY as unknown as string]);
    expect(Object.getOwnPropertyDescriptor(shown, JUPYTER_DISPLAY)?.enumerable).toBe(false);
    expect(structuredClone(shown)).toEqual(JSON.parse(json));
  });

  it('shows a continuity result as an HTML table per window and group, with the terminal table as text', async () => {
    const r = displayable(await measureContinuity(fixtureRows(), { from: FROM }), { lang: 'en' });
    const bundle = r[JUPYTER_DISPLAY]();
    expect(bundle['text/plain']).toBe(continuityTable(r, { lang: 'en', byGroup: true }));
    const html = bundle['text/html']!;
    expect(html.startsWith('<table')).toBe(true);
    // window, then groups Norr and Söder; counted staff 4, 3, 2, 3 → mean 3 (Norr 4, 3 → 3.5; Söder 2, 3 → 2.5)
    const rows = [...html.matchAll(/<tr><td[^>]*>(.*?)<\/td>(?:<td[^>]*>(.*?)<\/td>)(?:<td[^>]*>(.*?)<\/td>)(?:<td[^>]*>(.*?)<\/td>)/g)].map((m) => [m[1]!.replace(/<[^>]+>|&nbsp;/g, ''), m[2], m[3], m[4]]);
    expect(rows).toEqual([['2024-10-21 – 2024-11-03', '6', '4', '3'], ['Norr', '3', '2', '3.5'], ['Söder', '3', '2', '2.5']]);
  });

  it('shows a staffing result too, in Swedish when asked', async () => {
    const r = displayable(await measureStaffing(fixtureRows(), { from: FROM }), { lang: 'sv', byGroup: false });
    const bundle = r[JUPYTER_DISPLAY]();
    expect(bundle['text/plain']).toBe(staffingTable(r, { lang: 'sv', byGroup: false }));
    expect(bundle['text/html']).toContain('Dubbelbemannade besök');
    expect(bundle['text/html']!.match(/<tr><td/g)).toHaveLength(1);
  });
});

describe('displaySvg', () => {
  it('shows a chart as SVG, its title as text, and gives the markup back', () => {
    const svg = histogramSvg({ histogram: [{ value: 3, count: 1 }], staffPerClient: { n: 1, mean: 3, median: 3 } }, { title: 'Staff & <clients>' });
    const d = displaySvg(svg);
    expect(d[JUPYTER_DISPLAY]()).toEqual({ 'image/svg+xml': svg, 'text/plain': 'Staff & <clients>' });
    expect(String(d)).toBe(svg);
    expect(d.svg).toBe(svg);
  });
});

describe('results show themselves', () => {
  it('a measure result from the package entry has the display method, and its JSON is unchanged', async () => {
    const { measureContinuity: measure, measureStaffing: staffing } = await import('../../src/index.js');
    const r = await measure(fixtureRows(), { from: FROM });
    const shown = (r as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY]!();
    // the same bundle displayable() gives in English per group
    expect(shown).toEqual(displayable(JSON.parse(JSON.stringify(r)), { lang: 'en' })[JUPYTER_DISPLAY]());
    expect(Object.keys(r)).toEqual(['schema', 'rule', 'zone', 'rows', 'issues', 'warnings', 'windows']);
    const s = await staffing(fixtureRows(), { from: FROM });
    expect((s as unknown as Record<symbol, () => Record<string, string>>)[JUPYTER_DISPLAY]!()['text/html']).toContain('<table');
  });
});
