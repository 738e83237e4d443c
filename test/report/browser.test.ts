import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureForReport } from '../../src/outputs/report/html/measure.js';
import { renderReport } from '../../src/outputs/report/html/render.js';

/**
 * The report for the bundled sample, in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): charts drawn and sized, the clients table complete and sortable, no console
 * error, and no request but the page itself. Skipped only on a machine without Chromium outside
 * CI; in CI (`CI` set) a missing Chromium fails the test. A screenshot goes to
 * $TMPDIR/kontinuitet-report.png for a person to look at.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SAMPLE = fileURLToPath(new URL('../../data/sample-visits.csv', import.meta.url));
const PAGE = 'http://report.kontinuitet.test/report.html';
const available = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!available) console.warn(`browser.test.ts skipped: ${CHROMIUM} not found (install it with: apt-get install -y --no-install-recommends chromium). In CI this test runs and fails instead.`);

/**
 * The page `html` served at {@link PAGE} in a fresh Chromium profile (every other request
 * aborted), with console errors and warnings, page errors and requests noted in `seen`.
 */
async function openReport(chromium: typeof import('playwright-core').chromium, html: string, viewport: { width: number; height: number }, seen: { errors: string[]; requests: string[] }): Promise<{ profile: string; context: BrowserContext; page: Page }> {
  const profile = mkdtempSync(join(tmpdir(), 'kontinuitet-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport, acceptDownloads: true });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') seen.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => seen.requests.push(r.url()));
  await page.route('**/*', (route) => (route.request().url() === PAGE ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }) : route.abort()));
  await page.goto(PAGE, { waitUntil: 'load' });
  return { profile, context, page };
}

describe.skipIf(!available)('the report in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let profile = '';
  const requests: string[] = [];
  const errors: string[] = [];
  let served = 0;
  let counted = 0;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    const input = await measureForReport(SAMPLE); // one window a month
    const last = input.continuity.windows.at(-1)!;
    served = last.perClient.filter((c) => c.visits > 0).length;
    counted = last.clients.eligible;
    const html = renderReport(input, { lang: 'sv', source: 'sample-visits.csv', pseudonymKey: 'browser-test' });
    ({ profile, context, page } = await openReport(chromium, html, { width: 1100, height: 900 }, { errors, requests }));
  });

  afterAll(async () => {
    await context?.close();
    if (profile !== '') rmSync(profile, { recursive: true, force: true });
  });

  it('draws the three charts with a size, each an image with an accessible name', async () => {
    // each chart is laid out three times (narrow, medium, wide); at 1100 px the wide one shows
    expect(await page.locator('svg.kt-chart.wide').count()).toBe(3);
    expect(await page.locator('svg.kt-chart.narrow:visible, svg.kt-chart.medium:visible').count()).toBe(0);
    for (const kind of ['trend', 'histogram', 'groups']) {
      const box = await page.locator(`svg.kt-${kind}.wide`).boundingBox();
      expect(box, kind).not.toBeNull();
      expect(box!.width, kind).toBeGreaterThan(300);
      expect(box!.height, kind).toBeGreaterThan(100);
    }
    expect(await page.getByRole('img', { name: 'Utveckling per period' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Fördelning: personal per brukare' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Grupper sida vid sida' }).count()).toBe(1);
    // bars and the reference lines are drawn, not just present in the markup
    const bar = await page.locator('svg.kt-histogram.wide g.bar rect').first().boundingBox();
    expect(bar!.height).toBeGreaterThan(0);
    expect(await page.locator('svg.kt-histogram.wide line.ref').count()).toBe(4);
  });

  it('lists every client of the window with a counted visit', async () => {
    expect(served).toBeGreaterThan(40);
    expect(await page.locator('#clients-table tbody tr').count()).toBe(served);
  });

  it('sorts the clients table when a heading is clicked', async () => {
    // runs in the page; typed structurally, as the project compiles without the DOM library
    type Row = { cells: ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }> };
    const column = async (i: number) => page.locator('#clients-table tbody tr').evaluateAll((rows, k) => rows.map((r) => {
      const cell = (r as unknown as Row).cells[k]!;
      return cell.getAttribute('data-v') ?? (cell.textContent ?? '').trim();
    }), i);
    const staff = (await column(2)).map(Number);
    expect(staff).toEqual([...staff].sort((a, b) => b - a)); // worst first as delivered
    const heading = page.locator('#clients-table thead th').nth(2);
    expect(await heading.getAttribute('aria-sort')).toBe('descending');
    await heading.locator('button').click();
    expect(await heading.getAttribute('aria-sort')).toBe('ascending');
    expect((await column(2)).map(Number)).toEqual([...staff].sort((a, b) => a - b));
    const visitsHeading = page.locator('#clients-table thead th').nth(3);
    await visitsHeading.locator('button').click();
    expect(await visitsHeading.getAttribute('aria-sort')).toBe('descending');
    expect(await heading.getAttribute('aria-sort')).toBeNull();
    const visits = (await column(3)).map(Number);
    expect(visits).toEqual([...visits].sort((a, b) => b - a));
    await page.locator('#clients-table thead th').nth(0).locator('button').click();
    const names = await column(0);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'sv', { numeric: true })));
    expect(await page.locator('#clients-table tbody tr').count()).toBe(served); // sorting loses no row
  });

  it('hides the clients not counted when asked', async () => {
    await page.getByLabel('Visa bara brukare som räknas').check();
    expect(await page.locator('#clients-table tbody tr:visible').count()).toBe(counted);
    await page.getByLabel('Visa bara brukare som räknas').uncheck();
    expect(await page.locator('#clients-table tbody tr:visible').count()).toBe(served);
  });

  it('keeps the charts sized for print', async () => {
    await page.emulateMedia({ media: 'print' });
    const box = await page.locator('svg.kt-groups.wide').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    await page.emulateMedia({ media: 'screen' });
  });

  it('logs no error and sends no request but the page itself', async () => {
    await page.screenshot({ path: join(tmpdir(), 'kontinuitet-report.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([PAGE]);
  });
});

/**
 * A generated municipality (300 clients, 110 days: four monthly windows, eight groups, routes) at
 * a phone's width (390 px) and a desktop's (1400 px): the page never scrolls sideways, no two
 * texts of a chart overlap, chart text stays ≥ 11 px, a wide table scrolls inside itself with its
 * first column in view, every table downloads as the CSV of its cells, the clients filter by
 * group, and one small trend per group. Screenshots go to $TMPDIR/kontinuitet-report-390.png and
 * -1400.png.
 */
describe.skipIf(!available)('the report of a generated log on a phone and a desktop', () => {
  let context: BrowserContext;
  let page: Page;
  let profile = '';
  let groups: string[] = [];
  let served: { group: string }[] = [];
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    const { generateRows } = await import('../../src/generate/index.js');
    const { measureRoutesStreamed } = await import('../../src/measures/routes/measure.js');
    const options = { clients: 300, days: 110, seed: 5 };
    const input = await measureForReport(generateRows(options).rows);
    const routes = await measureRoutesStreamed(generateRows(options).rows);
    const last = input.continuity.windows.at(-1)!;
    groups = [...new Set(input.continuity.windows.flatMap((w) => w.groups.map((g) => g.group)))];
    served = last.perClient.filter((c) => c.visits > 0);
    const html = renderReport({ ...input, routes }, { lang: 'sv', source: 'generated.csv', pseudonymKey: 'browser-test' });
    ({ profile, context, page } = await openReport(chromium, html, { width: 390, height: 800 }, { errors, requests }));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (profile !== '') rmSync(profile, { recursive: true, force: true });
  });

  // runs in the page; typed structurally, as the project compiles without the DOM library
  type Box = { left: number; right: number; top: number; bottom: number; width: number; height: number };
  type El = { getBoundingClientRect(): Box; querySelectorAll(s: string): ArrayLike<El>; textContent: string | null; getAttribute(n: string): string | null };
  type Svg = El & { viewBox: { baseVal: { width: number } } };
  const charts = () => page.locator('svg.kt-chart:visible').evaluateAll((svgs) => svgs.map((node) => {
    const svg = node as unknown as Svg;
    const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const texts = Array.from(svg.querySelectorAll('text')).map((t) => {
      const r = t.getBoundingClientRect();
      const size = Number.parseFloat((globalThis as unknown as { getComputedStyle(e: El): { fontSize: string } }).getComputedStyle(t).fontSize);
      return { text: t.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom, px: size * k };
    }).filter((t) => t.right > t.left && t.text.trim() !== '');
    return { name: `${svg.getAttribute('class')} ${svg.getAttribute('aria-labelledby')}`, texts };
  }));

  for (const width of [390, 1400]) {
    it(`fits a ${width} px screen: no sideways scrolling, no overlapping chart text, text ≥ 11 px`, async () => {
      await page.setViewportSize({ width, height: 800 });
      const [scrollWidth, innerWidth] = await page.evaluate(() => {
        const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
        return [g.document.documentElement.scrollWidth, g.innerWidth];
      });
      expect(innerWidth).toBe(width);
      expect(scrollWidth).toBe(width);
      const drawn = await charts();
      expect(drawn.length).toBe(3 + groups.length); // trend, histogram, groups and one small trend per group
      const overlaps: string[] = [];
      let smallest = Infinity;
      for (const chart of drawn) {
        chart.texts.forEach((a, i) => {
          smallest = Math.min(smallest, a.px);
          for (const b of chart.texts.slice(0, i)) {
            const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (x > 0.5 && y > 0.5) overlaps.push(`${chart.name}: "${a.text}" × "${b.text}"`);
          }
        });
      }
      expect(overlaps).toEqual([]);
      expect(smallest).toBeGreaterThanOrEqual(11);
      await page.screenshot({ path: join(tmpdir(), `kontinuitet-report-${width}.png`), fullPage: true });
    });
  }

  it('scrolls a wide table inside itself with its first column in view', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    const wrap = page.locator('#groups .scroll');
    const [inner, outer] = await wrap.evaluate((e) => [(e as unknown as { scrollWidth: number }).scrollWidth, (e as unknown as { clientWidth: number }).clientWidth]);
    expect(inner).toBeGreaterThan(outer); // twelve columns do not fit 390 px
    const before = (await page.locator('#groups-table tbody tr td').first().boundingBox())!;
    const third = (await page.locator('#groups-table tbody tr td').nth(2).boundingBox())!;
    await wrap.evaluate((e) => { (e as unknown as { scrollLeft: number }).scrollLeft = 10_000; });
    const after = (await page.locator('#groups-table tbody tr td').first().boundingBox())!;
    const thirdAfter = (await page.locator('#groups-table tbody tr td').nth(2).boundingBox())!;
    expect(thirdAfter.x).toBeLessThan(third.x - 50); // the table moved
    expect(after.x).toBeCloseTo(before.x, 0); // its key column did not
  });

  it('shows one small trend per group, with the target line', async () => {
    expect(await page.locator('#groups-over-time figure.group-trend').count()).toBe(groups.length);
    expect(await page.locator('#groups-over-time svg line.ref.target').count()).toBe(groups.length);
  });

  /** A CSV as the page writes it: `;` between cells, `"` around cells that hold one, a BOM first. */
  function parseCsv(text: string): string[][] {
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows: string[][] = [];
    let row: string[] = [], cell = '', quoted = false;
    const body = text.slice(1);
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (quoted) {
        if (c === '"' && body[i + 1] === '"') (cell += '"'), i++;
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ';') row.push(cell), (cell = '');
      else if (c === '\r' && body[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
      else cell += c;
    }
    return rows;
  }
  const cells = (table: string) => page.locator(`${table} tr:visible`).evaluateAll((rows) => rows
    .map((r) => Array.from((r as unknown as { cells: ArrayLike<El> }).cells).map((c) => (c.textContent ?? '').replace(/[ \t\r\n]+/g, ' ').trim()))
    .filter((r) => r.some((c) => c !== '')));
  const download = async (table: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`button.csv[title="${table}.csv"]`).click()]);
    expect(file.suggestedFilename()).toBe(`${table}.csv`);
    return parseCsv(readFileSync(await file.path(), 'utf8'));
  };

  it('downloads every table as the CSV of its cells, formula-escaped, without a request', async () => {
    await page.setViewportSize({ width: 1400, height: 800 });
    const tables = await page.locator('main table').evaluateAll((ts) => ts.map((t) => (t as unknown as { id: string }).id));
    expect(tables).toEqual(expect.arrayContaining(['trend-table', 'stats-table', 'groups-table', 'indices-table', 'staffing-table', 'routes-table', 'clients-table', 'rows-table']));
    expect(await page.locator('button.csv').count()).toBe(tables.length);
    for (const id of ['groups-table', 'trend-table', 'routes-table']) {
      const shown = await cells(`#${id}`);
      expect(shown.length).toBeGreaterThan(2);
      expect(await download(id)).toEqual(shown);
    }
    // a cell a spreadsheet would run gets an apostrophe; a Swedish decimal comma stays in its cell
    await page.locator('#groups-table tbody tr td').first().evaluate((c) => { (c as unknown as { textContent: string }).textContent = '=HYPERLINK("x")'; });
    await page.locator('#groups-table tbody tr td').nth(1).evaluate((c) => { (c as unknown as { textContent: string }).textContent = '-3;4'; });
    const csv = await download('groups-table');
    expect(csv[1]!.slice(0, 2)).toEqual(['\'=HYPERLINK("x")', "'-3;4"]);
    expect(csv[1]!.slice(2)).toEqual((await cells('#groups-table'))[1]!.slice(2));
  });

  it('filters the clients table by group, and the CSV holds the rows shown', async () => {
    const group = groups[0]!;
    await page.locator('select[data-group-filter="clients-table"]').selectOption(group);
    const expected = served.filter((c) => c.group === group).length;
    expect(expected).toBeGreaterThan(5);
    expect(await page.locator('#clients-table tbody tr:visible').count()).toBe(expected);
    const csv = await download('clients-table');
    expect(csv.length).toBe(1 + expected);
    expect(csv.slice(1).every((r) => r[1] === group)).toBe(true);
    await page.locator('select[data-group-filter="clients-table"]').selectOption('');
    expect(await page.locator('#clients-table tbody tr:visible').count()).toBe(served.length);
  });

  it('logs no error and sends no request but the page itself', () => {
    expect(errors).toEqual([]);
    expect(requests).toEqual([PAGE]);
  });
});
