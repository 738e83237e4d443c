import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteInterner } from '../../src/visits/intern.js';
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

  it('keeps every value through growth (100,000 ids) and decodes each once', () => {
    const interner = new ByteInterner();
    const ids = Array.from({ length: 100_000 }, (_, i) => `C${String(i).padStart(6, '0')}`);
    const buf = Buffer.from(ids.join(''));
    ids.forEach((_, i) => interner.id(buf, 7 * i, 7 * i + 7));
    ids.forEach((id, i) => expect(interner.id(buf, 7 * i, 7 * i + 7)).toBe(i));
    expect(interner.name(4321)).toBe('C004321');
    expect(interner.get(Buffer.from('xÖster'), 1, 7)).toBe('Öster');
    expect(interner.size).toBe(100_001);
  });
});

describe('Interner', () => {
  it('numbers strings in order of first sight; values vouched new are added without an index, which is built on the first lookup', () => {
    const names = new Interner();
    expect([names.fresh('C1'), names.fresh('C2')]).toEqual([0, 1]);
    expect(names.id('C2')).toBe(1); // the index is built from the names so far
    expect(names.fresh('C1')).toBe(0); // once there is an index, a "fresh" value is still looked up
    expect(names.id('C3')).toBe(2);
    expect(names.names).toEqual(['C1', 'C2', 'C3']);
  });
});
