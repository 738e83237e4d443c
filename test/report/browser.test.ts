import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
    profile = mkdtempSync(join(tmpdir(), 'kontinuitet-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1100, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.route('**/*', (route) => (route.request().url() === PAGE ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }) : route.abort()));
    await page.goto(PAGE, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await context?.close();
    if (profile !== '') rmSync(profile, { recursive: true, force: true });
  });

  it('draws the three charts with a size, each an image with an accessible name', async () => {
    const charts = page.locator('svg.kt-chart');
    expect(await charts.count()).toBe(3);
    for (const kind of ['trend', 'histogram', 'groups']) {
      const box = await page.locator(`svg.kt-${kind}`).boundingBox();
      expect(box, kind).not.toBeNull();
      expect(box!.width, kind).toBeGreaterThan(300);
      expect(box!.height, kind).toBeGreaterThan(100);
    }
    expect(await page.getByRole('img', { name: 'Utveckling per period' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Fördelning: personal per brukare' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Grupper sida vid sida' }).count()).toBe(1);
    // bars and the reference lines are drawn, not just present in the markup
    const bar = await page.locator('svg.kt-histogram g.bar rect').first().boundingBox();
    expect(bar!.height).toBeGreaterThan(0);
    expect(await page.locator('svg.kt-histogram line.ref').count()).toBe(4);
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
    const box = await page.locator('svg.kt-groups').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    await page.emulateMedia({ media: 'screen' });
  });

  it('logs no error and sends no request but the page itself', async () => {
    await page.screenshot({ path: join(tmpdir(), 'kontinuitet-report.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([PAGE]);
  });
});
