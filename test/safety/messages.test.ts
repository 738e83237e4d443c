import { describe, expect, it } from 'vitest';
import { KontinuitetError } from '../../src/errors.js';
import { bounded, safeLines, safeText } from '../../src/safe-text.js';
import { readText } from '../visits/helpers.js';

// control and bidi characters that must never reach an output raw
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('safeText', () => {
  it('shows controls as visible stand-ins and defuses a leading :: and ##[', () => {
    expect(safeText('a\u001b[31mb')).toBe('a\u241b[31mb');
    expect(safeText('x\ny\r\u0000\u007f')).toBe('x\u240ay\u240d\u2400\u2421');
    expect(safeText('\u202eabc\u2066')).toBe('\\u202eabc\\u2066');
    expect(safeText('\u0085')).toBe('\\u0085');
    expect(safeText('::error::x')).toBe('\\::error::x');
    expect(safeText('  ::add-mask::x')).toBe('  \\::add-mask::x');
    expect(safeText('a ##[error]b')).toBe('a #\\#[error]b');
    expect(safeText('Norr :: Söder')).toBe('Norr :: Söder');
    for (const s of ['::error::x', 'a\u001bb', '##[x']) expect(safeText(safeText(s))).toBe(safeText(s));
  });

  it('safeLines keeps the line breaks and defuses every line', () => {
    expect(safeLines('Window\n::error::x\n ok\u001b')).toBe('Window\n\\::error::x\n ok\u241b');
  });

  it('bounded cuts with … and never inside a surrogate pair', () => {
    expect(bounded('abcdef', 4)).toBe('abc…');
    expect(bounded('abc', 4)).toBe('abc');
    expect(bounded('ab😀cd', 4)).toBe('ab…');
  });
});

describe('KontinuitetError messages', () => {
  it('are at most 300 characters, one line, without raw controls', () => {
    const e = new KontinuitetError('BAD_OPTION', `x\u001b[2J\n::error::y${'z'.repeat(80_000)}`);
    expect(e.message.length).toBeLessThanOrEqual(300);
    expect(e.message.endsWith('…')).toBe(true);
    expect(e.message).not.toMatch(UNSAFE);
    expect(e.message).not.toContain('\n');
  });
});

describe('MISSING_COLUMN never echoes header cells that may be data', () => {
  it('a log without a header row whose first row holds names: none of the names in the message or details', async () => {
    const names = ['Anna Lindqvist', 'Karl Berg', 'Eva Holm', 'Per Ek'];
    const text = `${names.join(';')};2024-10-21 08:00;2024-10-21 09:00\nLisa Ström;Olof Sund;2024-10-21 10:00;2024-10-21 11:00\n`;
    const e = await readText(text).then(() => null, (x: unknown) => x as KontinuitetError);
    expect(e).toBeInstanceOf(KontinuitetError);
    expect(e!.code).toBe('MISSING_COLUMN');
    expect(e!.message).toContain('6 columns found, none with a known column name');
    const everything = `${e!.message} ${JSON.stringify(e!.details)}`;
    for (const n of [...names, 'Anna', 'Berg', '2024-10-21']) expect(everything).not.toContain(n);
    expect(e!.details).toMatchObject({ missing: ['client_id', 'staff_id', 'start', 'end'], columns: 6 });
  });

  it('a mapped header that is missing: the mapping names count as known names', async () => {
    const text = 'Kundnr;Personal;Hemlig Person;Start;Slut\nK1;P1;x;2024-10-21 08:00;2024-10-21 09:00\n';
    const e = await readText(text, { columns: { client_id: 'Kundnr', end: 'Sluttid X' } }).then(() => null, (x: unknown) => x as KontinuitetError);
    expect(e!.code).toBe('MISSING_COLUMN');
    expect(e!.message).toContain('"Sluttid X"');
    expect(e!.message).toContain('5 columns found; known names among them: Kundnr, Personal, Start, Slut; the other 1 are not shown');
    expect(e!.message).not.toContain('Hemlig');
  });
});
