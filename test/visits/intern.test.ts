import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteInterner } from '../../src/engine/intern.js';
import { Interner } from '../../src/engine/store.js';

describe('ByteInterner', () => {
  it('numbers byte strings in order of first sight, as a Map of their texts does (property)', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 13 }), { maxLength: 400, size: 'max' }), (values) => {
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

describe('ByteInterner without lookups', () => {
  it('appends values unlooked-up, then finds them all once a lookup makes its table; a dropped table is made again', () => {
    const ids = new ByteInterner();
    const b = Buffer.from('C1C2Åsa');
    expect([ids.append(b, 0, 2), ids.append(b, 2, 4), ids.append(b, 4, 8)]).toEqual([0, 1, 2]);
    expect(ids.find(b, 2, 4)).toBe(1); // the table is made now, from the bytes kept
    expect(ids.find(Buffer.from('C3'), 0, 2)).toBe(-1);
    expect(ids.id(b, 4, 8)).toBe(2);
    expect(ids.append(Buffer.from('C3'), 0, 2)).toBe(3); // after the table: it catches up on the next lookup
    ids.dropIndex();
    expect(ids.id(Buffer.from('xC3'), 1, 3)).toBe(3);
    expect(ids.id(b, 0, 2)).toBe(0);
    expect([ids.name(2), ids.decode(3), ids.size]).toEqual(['Åsa', 'C3', 4]);
    expect(Array.from(ids.packed().ends)).toEqual([2, 4, 8, 10]);
    expect(ids.packed().bytes.toString()).toBe('C1C2ÅsaC3');
  });

  it('numbers as a Map of the texts does, however appends (of new values) and lookups interleave (property)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.uint8Array({ maxLength: 12 }), fc.boolean()), { maxLength: 3000, size: 'max' }), (values) => {
      const ids = new ByteInterner();
      const reference = new Map<string, number>();
      for (const [v, append] of values) {
        const key = Buffer.from(v).toString('hex');
        const buf = Buffer.from(v);
        if (append && !reference.has(key)) expect(ids.append(buf, 0, buf.length)).toBe(reference.size);
        else expect(ids.id(buf, 0, buf.length)).toBe(reference.get(key) ?? reference.size);
        if (!reference.has(key)) reference.set(key, reference.size);
      }
      for (const [key, n] of reference) expect(ids.find(Buffer.from(key, 'hex'), 0, key.length / 2)).toBe(n);
      expect(ids.size).toBe(reference.size);
    }));
  });
});

describe('Interner', () => {
  it('numbers strings in order of first sight; values vouched new are added without an index, which is built on the first lookup', () => {
    const names = new Interner();
    expect([names.fresh('C1'), names.freshAscii(Buffer.from('xC2'), 1, 3)]).toEqual([0, 1]);
    expect(names.id('C2')).toBe(1); // the index is built from the names so far
    expect(names.fresh('C1')).toBe(0); // once there is an index, a "fresh" value is still looked up
    expect(names.freshAscii(Buffer.from('C2'), 0, 2)).toBe(1);
    expect(names.id('C3')).toBe(2);
    expect(names.texts()).toEqual(['C1', 'C2', 'C3']);
    expect([names.size, names.name(1), names.text(2)]).toEqual([3, 'C2', 'C3']);
  });

  it('gives the bytes of an ASCII name, and null for any other', () => {
    const names = new Interner();
    ['C1', 'Åsa', '\uD800'].forEach((n) => names.id(n));
    expect(Buffer.from(names.ascii(0)!).toString()).toBe('C1');
    expect([names.ascii(1), names.ascii(2)]).toEqual([null, null]);
  });

  it('merges packed names by their bytes: known ones get their number, new ones the next, and "fresh" no longer trusts the reader', () => {
    const names = new Interner();
    ['C1', 'Åsa', 'C2'].forEach((n) => names.fresh(n));
    const other = new Interner();
    ['C2', 'Örjan', 'Åsa', 'C1', ''].forEach((n) => other.fresh(n));
    const packed = other.packed();
    expect(Array.from(packed.ends)).toEqual([2, 8, 12, 14, 14]); // Ö and Å are two bytes each
    expect(Array.from(names.idsOf(packed))).toEqual([2, 3, 1, 0, 4]);
    expect(names.texts()).toEqual(['C1', 'Åsa', 'C2', 'Örjan', '']);
    // a reader that vouches for 'Örjan' or 'C2' as new cannot know it came from another reader
    expect(names.freshAscii(Buffer.from('C2'), 0, 2)).toBe(2);
    expect(names.fresh('Örjan')).toBe(3);
    expect(names.fresh('C9')).toBe(5);
    // the byte index follows names added since, and is made again once dropped
    const more = new Interner();
    ['C9', 'C1'].forEach((n) => more.fresh(n));
    expect(Array.from(names.idsOf(more.packed()))).toEqual([5, 0]);
    names.forgetBytes();
    names.fresh('C10');
    const last = new Interner();
    ['C10', 'Örjan', 'C11'].forEach((n) => last.fresh(n));
    expect(Array.from(names.idsOf(last.packed()))).toEqual([6, 3, 7]);
  });

  it('keeps strings that are not well-formed UTF-16 exactly, as their code units: two lone surrogates are two names', () => {
    const names = new Interner();
    names.fresh('\uD800');
    names.fresh('\uDFFF');
    names.fresh('\uFFFD');
    const other = new Interner();
    ['x', '\uDFFF', '\uFFFD', 'a\uD800b'].forEach((n) => other.fresh(n));
    expect(Array.from(names.idsOf(other.packed()))).toEqual([3, 1, 2, 4]);
    expect(names.id('x')).toBe(3);
    expect(names.texts()).toEqual(['\uD800', '\uDFFF', '\uFFFD', 'x', 'a\uD800b']);
    expect(names.name(4)).toBe('a\uD800b');
  });
});
