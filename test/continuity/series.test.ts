import { describe, expect, it } from 'vitest';
import { measureContinuity } from '../../src/index.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** One client with visits at 08:00 (S1) and 18:00 (S2, S3 in November) every day from `first` to 2024-11-30. */
function rows(firstOctoberDay: number) {
  const out: Record<string, string>[] = [];
  for (let d = firstOctoberDay; d <= 61; d++) {
    const date = d <= 31 ? `2024-10-${pad(d)}` : `2024-11-${pad(d - 31)}`;
    out.push({ client_id: 'C1', staff_id: 'S1', start: `${date} 08:00`, end: `${date} 08:30` });
    out.push({ client_id: 'C1', staff_id: d <= 31 ? 'S2' : 'S3', start: `${date} 18:00`, end: `${date} 18:30` });
  }
  return out;
}

describe('monthly series', () => {
  it('makes one window on the first day of each month the log covers', async () => {
    const r = await measureContinuity(rows(1), { every: 'month' });
    expect(r.windows.map((w) => [w.from, w.to])).toEqual([['2024-10-01', '2024-10-14'], ['2024-11-01', '2024-11-14']]);
    expect(r.windows.map((w) => w.perClient[0]!.staff)).toEqual([2, 2]);
    // 61 days × 2 rows = 122 read; 2 × 14 × 2 = 56 counted; the other 66 are outside a window
    expect(r.rows).toEqual({ read: 122, used: 56, rejected: 0, excluded: { outside_window: 66 } });
    expect(r.rule.ageFilter).toBe('none');
  });

  it('is the default without a from date', async () => {
    expect((await measureContinuity(rows(1))).windows.length).toBe(2);
  });

  it('starts on the first Monday with anchor first-monday (2024-10-07, 2024-11-04)', async () => {
    const r = await measureContinuity(rows(1), { every: 'month', anchor: 'first-monday' });
    expect(r.windows.map((w) => w.from)).toEqual(['2024-10-07', '2024-11-04']);
  });

  it('skips a month the log covers only in part, and says so in the row accounting', async () => {
    const r = await measureContinuity(rows(5), { every: 'month' });
    expect(r.windows.map((w) => w.from)).toEqual(['2024-11-01']);
    // October 5..14 = 10 days × 2 rows would have been in the October window
    expect(r.rows.excluded.window_partly_covered).toBe(20);
    expect(r.rows.used).toBe(28);
  });
});

describe('a series bounded to its latest windows (maxWindows)', () => {
  it('keeps the latest windows, excludes the rows of the earlier ones as before_series, and warns once', async () => {
    const warnings: string[] = [];
    const r = await measureContinuity(rows(1), { every: 'month', maxWindows: 1, onWarning: (m) => warnings.push(m) });
    expect(r.windows.map((w) => w.from)).toEqual(['2024-11-01']);
    // the October window's 14 days × 2 rows leave the series; the 66 rows outside both windows stay outside_window
    expect(r.rows).toEqual({ read: 122, used: 28, rejected: 0, excluded: { outside_window: 66, before_series: 28 } });
    expect(warnings).toEqual(['the log covers 2 monthly windows; the series keeps the latest 1, from 2024-11-01; give a first day, or a larger maxWindows (--max-windows)']);
  });

  it('a log of 7 years keeps 60 windows by default; maxWindows must be a whole number ≥ 1', async () => {
    // one row on the 1st of every month from 2018-01 to 2024-12: 84 months, each a window of one day
    const log = Array.from({ length: 84 }, (_, m) => ({ client_id: 'C1', staff_id: 'S1', start: `${2018 + Math.floor(m / 12)}-${pad((m % 12) + 1)}-01 08:00`, end: `${2018 + Math.floor(m / 12)}-${pad((m % 12) + 1)}-01 08:30` }));
    const r = await measureContinuity(log, { rules: { days: 1 } });
    expect(r.windows.length).toBe(60);
    expect([r.windows[0]!.from, r.windows.at(-1)!.from]).toEqual(['2020-01-01', '2024-12-01']);
    expect(r.rows.excluded).toEqual({ before_series: 24 });
    expect((await measureContinuity(log, { rules: { days: 1 }, maxWindows: 100 })).windows.length).toBe(84);
    await expect(measureContinuity(log, { maxWindows: 0 })).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });
});
