import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteInterner, packNames, unpackNames } from '../../src/visits/intern.js';
import { Interner } from '../../src/continuity/store.js';

describe('ByteInterner', () => {
  it('numbers byte strings in order of first sight, as a Map of their texts does (property)', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 13 }), { maxLength: 400 }), (values) => {
      const interner = new ByteInterner();
      const reference = new Map<string, number>();
      const buf = Buffer.concat(values.map((v) => Buffer.from(v)));
      let at = 0;
      for (const v of values) {
        const key = Buffer.from(v).toString('hex');
        if (!reference.has(key)) reference.set(key, reference.size);
        expect(interner.id(buf, at, at + v.length)).toBe(reference.get(key));
        at += v.length;
      }
      expect(interner.size).toBe(reference.size);
    }));
  });

  it('keeps every value through growth (100,000 ids) and decodes each once, made small or with room for all', () => {
    for (const interner of [new ByteInterner(), new ByteInterner(100_001)]) keepsAll(interner);
  });
});

/** Numbers 100,000 ids and finds each again with its number. */
function keepsAll(interner: ByteInterner): void {
  const ids = Array.from({ length: 100_000 }, (_, i) => `C${String(i).padStart(6, '0')}`);
  const buf = Buffer.from(ids.join(''));
  ids.forEach((_, i) => interner.id(buf, 7 * i, 7 * i + 7));
  ids.forEach((id, i) => expect(interner.id(buf, 7 * i, 7 * i + 7)).toBe(i));
  expect(interner.name(4321)).toBe('C004321');
  expect(interner.get(Buffer.from('xÖster'), 1, 7)).toBe('Öster');
  expect(interner.size).toBe(100_001);
}

describe('Interner', () => {
  it('numbers strings in order of first sight; values vouched new are added without an index, which is built on the first lookup', () => {
    const names = new Interner();
    expect([names.fresh('C1'), names.fresh('C2')]).toEqual([0, 1]);
    expect(names.id('C2')).toBe(1); // the index is built from the names so far
    expect(names.fresh('C1')).toBe(0); // once there is an index, a "fresh" value is still looked up
    expect(names.id('C3')).toBe(2);
    expect(names.names).toEqual(['C1', 'C2', 'C3']);
  });

  it('merges packed names by their bytes: known ones get their number, new ones the next, and "fresh" no longer trusts the reader', () => {
    const names = new Interner();
    ['C1', 'Åsa', 'C2'].forEach((n) => names.fresh(n));
    const packed = packNames(['C2', 'Örjan', 'Åsa', 'C1', '']);
    expect(Array.from(packed.ends)).toEqual([2, 8, 12, 14, 14]); // Ö and Å are two bytes each
    expect(unpackNames(packed)).toEqual(['C2', 'Örjan', 'Åsa', 'C1', '']);
    expect(Array.from(names.idsOf(packed))).toEqual([2, 3, 1, 0, 4]);
    expect(names.names).toEqual(['C1', 'Åsa', 'C2', 'Örjan', '']);
    // a reader that vouches for 'Örjan' as new cannot know it came from another reader
    expect(names.fresh('Örjan')).toBe(3);
    expect(names.fresh('C9')).toBe(5);
    // the byte index follows names added since, and is made again once dropped
    expect(Array.from(names.idsOf(packNames(['C9', 'C1'])))).toEqual([5, 0]);
    names.forgetBytes();
    names.fresh('C10');
    expect(Array.from(names.idsOf(packNames(['C10', 'Örjan', 'C11'])))).toEqual([6, 3, 7]);
  });

  it('merges by text when two of its names have the same bytes (lone surrogates are not UTF-8 text)', () => {
    const names = new Interner();
    names.fresh('\uD800');
    names.fresh('\uDFFF');
    expect(Array.from(names.idsOf(packNames(['x', '\uDFFF'])))).toEqual([2, 3]); // the packed surrogate reads back as U+FFFD
    expect(names.id('x')).toBe(2);
    expect(names.names[3]).toBe('\uFFFD');
  });
});
