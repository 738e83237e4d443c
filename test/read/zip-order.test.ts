import { describe, expect, it } from 'vitest';
import { sheetsLast } from '../../src/read/zip-order.js';
import { xlsxBytes } from './xlsx-writer.js';

/** The names of the local records in file order, read by walking the local headers (sizes from the headers: the writer sets them). */
function localNames(zip: Buffer): string[] {
  const names: string[] = [];
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50;) {
    const size = zip.readUInt32LE(at + 18), nameLength = zip.readUInt16LE(at + 26), extra = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 30, at + 30 + nameLength));
    at += 30 + nameLength + extra + size;
  }
  return names;
}

describe('sheetsLast', () => {
  const book = Buffer.from(xlsxBytes([{ name: 'A', rows: [['client_id'], ['K1']] }, { name: 'B', rows: [['x']] }]));

  it('moves the worksheets after every other part, each entry unchanged, the directory pointing at them', () => {
    const before = localNames(book);
    expect(before.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(before.indexOf('xl/sharedStrings.xml')); // as Excel saves
    const after = sheetsLast(book);
    const names = localNames(after);
    expect(names).toEqual([...before.filter((n) => !n.startsWith('xl/worksheets/')), 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    expect(after.length).toBe(book.length);
    // every central-directory entry's offset is a local header with the same name
    const end = after.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let at = after.readUInt32LE(end + 16);
    for (let k = 0; k < after.readUInt16LE(end + 10); k++) {
      const nameLength = after.readUInt16LE(at + 28);
      const local = after.readUInt32LE(at + 42);
      expect(after.readUInt32LE(local)).toBe(0x04034b50);
      expect(after.toString('utf8', local + 30, local + 30 + nameLength)).toBe(after.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + after.readUInt16LE(at + 30) + after.readUInt16LE(at + 32);
    }
  });

  it('leaves bytes it cannot read as they are', () => {
    const cut = book.subarray(0, book.length - 30);
    expect(sheetsLast(cut)).toBe(cut);
  });
});
