import { describe, expect, it } from 'vitest';
import type { ContinuityWindow } from '../../src/measures/continuity/types.js';
import { spread } from '../../src/summary/spread.js';
import { groupsSvg, groupsSvgParts } from '../../src/outputs/report/svg/groups.js';
import { chartFigure, chartFigureParts } from '../../src/outputs/report/html/charts.js';
import { histogramSvg } from '../../src/outputs/report/svg/histogram.js';
import { dayLabel, periodLabel } from '../../src/outputs/report/svg/index.js';
import { escapeHtml } from '../../src/outputs/report/svg/markup.js';
import { linearScale, niceTicks } from '../../src/outputs/report/svg/scale.js';
import { trendSvg } from '../../src/outputs/report/svg/trend.js';

/** The accessible-name contract every chart keeps. */
function expectAccessible(svg: string, kind: string): void {
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg).toContain(`class="kt-chart kt-${kind}"`);
  expect(svg).toContain('role="img"');
  const labelled = /aria-labelledby="([^"]+) ([^"]+)"/.exec(svg);
  expect(labelled).not.toBeNull();
  expect(svg).toContain(`<title id="${labelled![1]}">`);
  expect(svg).toContain(`<desc id="${labelled![2]}">`);
  expect(svg).toMatch(/width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
  expect(svg.endsWith('</svg>')).toBe(true);
}

function client(group: string, staff: number, eligible = true): ContinuityWindow['perClient'][number] {
  return { client: `${group}-${staff}`, group, eligible, visits: 28, staff, reason: eligible ? null : 'under_min_age', firstShortDay: null, age: 80, doubleStaffedVisits: 0 };
}

function windowOf(groups: Record<string, number[]>): Pick<ContinuityWindow, 'groups' | 'perClient' | 'staffPerClient'> {
  const all = Object.values(groups).flat();
  return {
    staffPerClient: spread(all),
    perClient: Object.entries(groups).flatMap(([g, values]) => values.map((v) => client(g, v))),
    groups: Object.entries(groups).map(([group, values]) => ({ group, staffPerClient: spread(values), clients: { served: values.length, visitsRule: values.length, eligible: values.length, doubleStaffed: 0 }, histogram: [] })),
  };
}

describe('scales and labels', () => {
  it('maps linearly, also onto a reversed range', () => {
    const y = linearScale([0, 20], [200, 0]);
    expect([y(0), y(5), y(20)]).toEqual([200, 150, 0]);
  });
  it('picks round ticks: steps of 1, 2 or 5 × 10^k covering the interval', () => {
    expect(niceTicks(0, 23, 5)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceTicks(0, 3, 8, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(6, 27, 12, true)).toEqual([6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28]); // raw step 1.75 → 2
    expect(niceTicks(6, 27, 10, true)).toEqual([5, 10, 15, 20, 25, 30]); // raw step 2.1 → 5
    expect(niceTicks(0, 0.9, 4)).toEqual([0, 0.5, 1]); // raw step 0.225 → 0.5
    expect(niceTicks(5, 5)).toEqual([5]);
  });
  it('writes days and windows for people', () => {
    expect(dayLabel('2024-10-07', 'sv')).toBe('7 okt 2024');
    expect(dayLabel('2024-05-31', 'en', false)).toBe('31 May');
    expect(dayLabel('not a day', 'en')).toBe('not a day');
    expect(periodLabel('2024-10-07', '2024-10-20', 'en')).toBe('7–20 Oct 2024');
    expect(periodLabel('2024-10-28', '2024-11-10', 'sv')).toBe('28 okt – 10 nov 2024');
    expect(periodLabel('2024-12-23', '2025-01-05', 'sv')).toBe('23 dec 2024 – 5 jan 2025');
  });
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<b a='1'>"x" & y</b>`)).toBe('&lt;b a=&#39;1&#39;&gt;&quot;x&quot; &amp; y&lt;/b&gt;');
    // control and bidi characters from the input become visible stand-ins
    expect(escapeHtml('N\u001b[31m<orr\u202e')).toBe('N\u241b[31m&lt;orr\\u202e');
  });
});

describe('histogramSvg', () => {
  // staff 2, 3, 3, 4, 22: mean 6.8, median 3
  const values = [2, 3, 3, 4, 22];
  const summary = { histogram: [{ value: 2, count: 1 }, { value: 3, count: 2 }, { value: 4, count: 1 }, ...Array.from({ length: 17 }, (_, i) => ({ value: 5 + i, count: 0 })), { value: 22, count: 1 }], staffPerClient: spread(values) };

  it('draws one bar per staff count present, with its count, and the four reference lines', () => {
    const svg = histogramSvg(summary, { target: 14, lang: 'en' });
    expectAccessible(svg, 'histogram');
    const bars = [...svg.matchAll(/class="bar" data-value="(\d+)" data-count="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(bars).toEqual([[2, 1], [3, 2], [4, 1], [22, 1]]);
    for (const cls of ['mean', 'median', 'target', 'limit20']) expect(svg).toContain(`class="ref ${cls}"`);
    expect(svg).toContain('>mean 6.8<');
    expect(svg).toContain('>median 3<');
    expect(svg).toContain('>target 14<');
    expect(svg).toContain('Staff met in 14 days');
    expect(svg).toContain('>Clients<');
  });

  it('colours bars by the target and 20, and says the figures in its description', () => {
    const svg = histogramSvg(summary, { target: 3, lang: 'sv', days: 7 });
    const fills = [...svg.matchAll(/data-value="(\d+)"[^>]*><rect [^>]*fill="(#[0-9a-f]+)"/g)].map((m) => [Number(m[1]), m[2]]);
    expect(fills).toEqual([[2, '#4e79a7'], [3, '#4e79a7'], [4, '#f0a04b'], [22, '#b8323c']]);
    const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)![1]!;
    expect(desc).toContain('7 dagar');
    expect(desc).toContain('n = 5; 2–22; medel 6,8, median 3, mål 3; &gt; 20: 1 (20 %).'); // escaped as markup
  });

  it('says so when no client is counted', () => {
    const svg = histogramSvg({ histogram: [], staffPerClient: spread([]) }, { lang: 'en' });
    expectAccessible(svg, 'histogram');
    expect(svg).toContain('No counted clients');
    expect(svg).not.toContain('class="bar"');
  });

  it('takes the ids it is given and otherwise derives them from the content', () => {
    expect(histogramSvg(summary, { id: 'h1' })).toContain('aria-labelledby="h1-title h1-desc"');
    expect(histogramSvg(summary)).toBe(histogramSvg(summary));
    expect(histogramSvg(summary, { target: 10 })).not.toEqual(histogramSvg(summary));
  });
});

describe('trendSvg', () => {
  const point = (from: string, values: number[]) => ({ from, to: from, staffPerClient: spread(values) });

  it('has one labelled point per window with counted clients, a gap for a window without', () => {
    const windows = [point('2024-10-01', [10, 12, 14]), point('2024-11-01', []), point('2024-12-01', [9, 11]), point('2025-01-01', [8, 10])];
    const svg = trendSvg(windows, { lang: 'en', target: 14 });
    expectAccessible(svg, 'trend');
    expect([...svg.matchAll(/class="point" data-from="([^"]+)" data-mean="([^"]+)"/g)].map((m) => [m[1], Number(m[2])]))
      .toEqual([['2024-10-01', 12], ['2024-12-01', 10], ['2025-01-01', 9]]);
    // the gap splits the lines: the lone October point has no line, December–January one
    expect(svg.match(/<polyline class="mean"/g)).toHaveLength(1);
    expect(svg).toContain('class="ref target"');
    expect(svg).toContain('class="ref limit20"');
    expect(svg).toContain('>1 Oct 2024<');
    expect(svg).toContain('>1 Jan 2025<'); // the year again when it changes
    expect(svg).toContain('>1 Dec<');
    const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)![1]!;
    expect(desc).toContain('mean: 1 Oct 2024: 12; 1 Nov 2024: –; 1 Dec 2024: 10; 1 Jan 2025: 9; target 14.');
  });

  it('draws a single window and no windows', () => {
    expect(trendSvg([point('2024-10-07', [3, 5])]).match(/class="point"/g)).toHaveLength(1);
    const none = trendSvg([], { lang: 'sv' });
    expectAccessible(none, 'trend');
    expect(none).toContain('Inga hela perioder');
  });
});

describe('groupsSvg', () => {
  it('puts the municipality first, then the groups by median, highest first, each with its n', () => {
    const svg = groupsSvg(windowOf({ Norr: [10, 12, 14], Söder: [15, 16, 20, 21], Väst: [8] }), { lang: 'en' });
    expectAccessible(svg, 'groups');
    expect([...svg.matchAll(/class="group-row" data-group="([^"]+)" data-n="(\d+)"/g)].map((m) => [m[1], Number(m[2])]))
      .toEqual([['All', 8], ['Söder', 4], ['Norr', 3], ['Väst', 1]]);
    // one dot per counted client, in every row including All
    expect(svg.match(/<circle /g)).toHaveLength(16);
    const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)![1]!;
    expect(desc).toContain('Söder: n = 4, median 18, mean 18, q1–q3 15.8–20.3, min–max 15–21');
  });

  it('escapes group names and shortens long ones', () => {
    const svg = groupsSvg(windowOf({ '<script>alert("x")</script>': [5], 'A very long group name indeed, longer than fits': [6] }), { all: false });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // cut to fit the names' column (150 px at this width: at most 150 / (12 px × 0.6) = 20 characters)
    const shown = /<text x="8" y="[\d.]+">(A very long[^<]*)<\/text>/.exec(svg)![1]!;
    expect(shown.endsWith('…')).toBe(true);
    expect('A very long group name indeed, longer than fits'.startsWith(shown.slice(0, -1))).toBe(true);
    expect([...shown].length).toBeLessThanOrEqual(20);
  });

  it('draws a chart of thousands of clients in pieces that join to the chart drawn whole', () => {
    // 2,500 + 1,800 + 3 clients: the All row's dots take three pieces, Norr's two
    const big = windowOf({ Norr: Array.from({ length: 2500 }, (_, i) => 3 + (i % 17)), Söder: Array.from({ length: 1800 }, (_, i) => 5 + (i % 11)), Väst: [8, 9, 30] });
    const whole = groupsSvg(big, { lang: 'sv' }); // no id: drawn as one string, its id hashed from the body
    const id = /aria-labelledby="(\S+)-title/.exec(whole)![1]!;
    const parts = groupsSvgParts(big, { lang: 'sv', id });
    expect(typeof parts).not.toBe('string');
    const pieces = [...parts as Iterable<string>];
    expect(pieces.join('')).toBe(whole);
    expect(whole.match(/<circle /g)).toHaveLength(2 * 4303);
    expect(Math.max(...pieces.map((p) => p.match(/<circle /g)?.length ?? 0))).toBe(2000);
    // the figure's layouts from the pieces are those from the whole chart
    const draw = (width: number, chart: string) => groupsSvg(big, { lang: 'sv', id: chart, width });
    expect([...chartFigureParts((width, chart) => groupsSvgParts(big, { lang: 'sv', id: chart, width }), 'kt-groups')].join('')).toBe(chartFigure(draw, 'kt-groups'));
  });

  it('says so when no client is counted', () => {
    const svg = groupsSvg({ ...windowOf({}), perClient: [client('Norr', 9, false)] }, { lang: 'en' });
    expectAccessible(svg, 'groups');
    expect(svg).toContain('No counted clients');
  });
});
