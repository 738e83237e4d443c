import { describe, expect, it } from 'vitest';
import { generateRows } from '../../src/generate/index.js';
import { compactForPage } from '../../src/outputs/report/html/compact.js';
import { measureForPage, measureForReport } from '../../src/outputs/report/html/measure.js';
import { reportParts } from '../../src/outputs/report/html/render.js';

const page = (input: Parameters<typeof reportParts>[0], options: Parameters<typeof reportParts>[1] = {}) => [...reportParts(input, { pseudonymKey: 'k', generatedAt: null, ...options })].join('');

describe('compactForPage', () => {
  // a monthly series of three windows (the change and the trend read the window before), double staffing, groups
  const rows = [...generateRows({ clients: 80, days: 70, start: '2024-09-01', seed: 5 }).rows];

  it("keeps what the page reads of each client, as the measure's arrays give it, in the same order", async () => {
    const full = await measureForReport(rows, {});
    const compact = compactForPage(full);
    expect(compact.continuity.windows.length).toBeGreaterThan(1);
    full.continuity.windows.forEach((w, k) => {
      const pick = w.perClient.map(({ client, group, eligible, visits, staff, reason, doubleStaffedVisits }) => ({ client, group, eligible, visits, staff, reason, doubleStaffedVisits }));
      expect([...compact.continuity.windows[k]!.perClient]).toEqual(pick);
      const { perClient: _a, ...figures } = w;
      const { perClient: _b, ...kept } = compact.continuity.windows[k]!;
      expect(kept).toEqual(figures);
    });
    full.staffing.windows.forEach((w, k) => {
      const c = compact.staffing!.windows[k]!;
      expect([...c.perClient]).toEqual(w.perClient.map(({ client, staffWithSecond, staffWithoutSecond }) => ({ client, staffWithSecond, staffWithoutSecond })));
      expect(c.recurringSlots.length).toBe(w.recurringSlots.length);
    });
    expect(full.staffing.windows.some((w) => w.recurringSlots.length > 0 && w.perClient.some((c) => c.staffWithSecond > c.staffWithoutSecond))).toBe(true);
  });

  it('gives the same page as the results it was made from, in both languages, for every window and a target of its own', async () => {
    const full = await measureForPage(rows, {});
    const compact = compactForPage(full);
    for (const lang of ['sv', 'en'] as const) expect(page(compact, { lang })).toBe(page(full, { lang }));
    for (const w of full.continuity.windows) expect(page(compact, { window: w.from, target: 9 })).toBe(page(full, { window: w.from, target: 9 }));
    expect(page(compact, { showIds: true })).toBe(page(full, { showIds: true }));
  });

  it('reads each client list once: an iterable read once gives the same page', async () => {
    const full = await measureForReport(rows, {});
    const once = <T>(list: readonly T[]): Iterable<T> => {
      let read = false;
      return { [Symbol.iterator]: () => { expect(read).toBe(false); read = true; return list[Symbol.iterator](); } };
    };
    const input = {
      continuity: { ...full.continuity, windows: full.continuity.windows.map((w) => ({ ...w, perClient: once(w.perClient) })) },
      staffing: { ...full.staffing, windows: full.staffing.windows.map((w) => ({ ...w, perClient: once(w.perClient) })) },
    };
    expect(page(compactForPage(input))).toBe(page(full));
  });
});
