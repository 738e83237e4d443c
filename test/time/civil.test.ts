import { describe, expect, it } from 'vitest';
import { ageOn, civilFromDays, civilNumber, daysFromCivil } from '../../src/windows/civil.js';

describe('civil dates without strings', () => {
  it('civilNumber is YYYYMMDD, and civilFromDays prints it', () => {
    expect(civilNumber(0)).toBe(19700101);
    expect(civilNumber(-1)).toBe(19691231);
    expect(civilNumber(19782)).toBe(20240229); // 54 × 365 + 13 leap days + 31 + 28
    expect(civilFromDays(19782)).toBe('2024-02-29');
  });

  it('ageOn counts a year on the birthday, not before; a 29 February birthday falls on 1 March in other years', () => {
    const born = daysFromCivil(1940, 2, 29);
    expect(ageOn(born, daysFromCivil(2024, 2, 28))).toBe(83);
    expect(ageOn(born, daysFromCivil(2024, 2, 29))).toBe(84);
    expect(ageOn(born, daysFromCivil(2023, 2, 28))).toBe(82);
    expect(ageOn(born, daysFromCivil(2023, 3, 1))).toBe(83);
    expect(ageOn(daysFromCivil(1959, 10, 25), daysFromCivil(2024, 10, 21))).toBe(64);
    expect(ageOn(daysFromCivil(1959, 10, 21), daysFromCivil(2024, 10, 21))).toBe(65);
  });
});
