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
