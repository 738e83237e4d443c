import { describe, expect, it } from 'vitest';
import { parseDay, parseDayCodes } from '../../src/windows/parse.js';
import { LocalZone } from '../../src/windows/zone.js';

describe('LocalZone remembers the last day it was asked about, and only that day', () => {
  // Stockholm: CEST (UTC+2) until 2024-10-27 01:00 UTC, CET (UTC+1) after it
  it('gives each day its own offset whatever the order of the questions', () => {
    const z = new LocalZone('Europe/Stockholm');
    const asked = [Date.UTC(2024, 9, 26, 12), Date.UTC(2024, 9, 28, 12), Date.UTC(2024, 9, 26, 13), Date.UTC(2024, 9, 25, 9), Date.UTC(2024, 9, 29, 9), Date.UTC(2024, 9, 27, 0, 30), Date.UTC(2024, 9, 27, 1, 30)];
    expect(asked.map((t) => z.offsetAt(t))).toEqual([120, 60, 120, 120, 60, 120, 60]);
  });

  it('turns local times of alternating dates into their instants', () => {
    const z = new LocalZone('Europe/Stockholm');
    const local = [[2024, 10, 26, 8], [2024, 10, 28, 8], [2024, 10, 26, 9], [2024, 10, 28, 9], [2024, 10, 27, 8]] as const;
    expect(local.map(([y, m, d, h]) => z.toEpoch(y, m, d, h, 0, 0, 0))).toEqual([
      Date.UTC(2024, 9, 26, 6), Date.UTC(2024, 9, 28, 7), Date.UTC(2024, 9, 26, 7), Date.UTC(2024, 9, 28, 8), Date.UTC(2024, 9, 27, 7),
    ]);
  });
});

describe('parseDayCodes', () => {
  it('reads a date where it lies in a buffer, as parseDay reads the text', () => {
    const b = Buffer.from('x,2024-02-29,2023-02-29,1970-01-02,2024-1-029');
    // 2024-01-01 is day 19723 (54 years, 13 of them leap: 54 × 365 + 13); + 31 + 28 → 19782
    expect(parseDayCodes(b, 2, 12)).toBe(19782);
    expect(parseDayCodes(b, 13, 23)).toBeNaN(); // 2023 is no leap year
    expect(parseDayCodes(b, 24, 34)).toBe(1);
    expect(parseDayCodes(b, 35, 45)).toBeNaN();
    expect(parseDayCodes(b, 2, 11)).toBeNaN(); // nine bytes
    expect(parseDay(' 2024-02-29 ')).toBe(19782);
  });
});
