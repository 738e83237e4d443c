import { describe, expect, it } from 'vitest';
import { generateRows, type GeneratedRow } from '../../src/generate/index.js';

const rowsOf = (shifts: boolean) => [...generateRows({ clients: 120, days: 7, seed: 4, profile: 'ange2013', shifts }).rows];

describe('generate --shifts', () => {
  const plain = rowsOf(false);
  const withShifts = rowsOf(true);

  it('writes the same rows, with shift_start and shift_end added', () => {
    expect(withShifts.length).toBe(plain.length);
    withShifts.forEach((r, k) => {
      const { shift_start, shift_end, ...rest } = r;
      expect(rest).toEqual(plain[k]);
      expect(shift_start).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(shift_end).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    });
    expect(plain.every((r) => r.shift_start === undefined)).toBe(true);
  });

  it('gives each staff shift one span holding its visits, longer than first-to-last visit', () => {
    // group the rows by staff and by their written shift: every row lies inside it (text times
    // compare in order), and summed over shifts, rostered time exceeds first-to-last visit time
    const byShift = new Map<string, GeneratedRow[]>();
    for (const r of withShifts) {
      const key = `${r.staff_id} ${r.shift_start} ${r.shift_end}`;
      (byShift.get(key) ?? byShift.set(key, []).get(key)!).push(r);
    }
    const minutes = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00Z`) / 60_000;
    let rostered = 0, worked = 0;
    for (const rows of byShift.values()) {
      const { shift_start: from, shift_end: to } = rows[0]!;
      for (const r of rows) {
        expect(r.start >= from!).toBe(true);
        expect(r.end <= to!).toBe(true);
      }
      rostered += minutes(to!) - minutes(from!);
      worked += Math.max(...rows.map((r) => minutes(r.end))) - Math.min(...rows.map((r) => minutes(r.start)));
    }
    expect(rostered).toBeGreaterThan(worked * 1.05);
    // a day-shift care visit at 07:00–14:30 rostered hours: a shift starts at 07:00 or earlier
    const day = withShifts.find((r) => r.kind === 'omvårdnad' && r.start.endsWith('08:00'));
    if (day) expect(day.shift_start!.slice(11) <= '08:00').toBe(true);
  });

  it('writes night shifts across midnight', () => {
    const night = withShifts.filter((r) => r.kind === 'nattpatrull');
    expect(night.length).toBeGreaterThan(0);
    for (const r of night) expect(r.shift_start!.slice(0, 10) < r.shift_end!.slice(0, 10)).toBe(true);
  });
});
