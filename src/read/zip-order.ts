/**
 * A workbook's zip archive with its worksheets after the parts they need (`xl/sharedStrings.xml`,
 * `xl/_rels/workbook.xml.rels`, `xl/workbook.xml`). Excel writes the sheets first; exceljs's
 * streaming reader then parks each sheet in a temporary file and reads it back later, and that
 * path loses the start of a sheet now and then (its header row: a `MISSING_COLUMN` on a good
 * file, about one read in five in our tests). The entries are moved whole (no recompression):
 * local records in the new order, the central directory's offsets changed to match.
 *
 * @module
 */

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const NEEDED = new Set(['xl/sharedStrings.xml', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml']);

interface Entry { name: string; local: number; cdStart: number; cdEnd: number }

/** The end-of-central-directory record's offset, or -1 (searched back over its comment). */
function endRecord(bytes: Buffer): number {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) if (bytes.readUInt32LE(i) === END) return i;
  return -1;
}

/** The central directory's entries, or null when the archive is not one this can move (zip64, damaged). */
function entries(bytes: Buffer): { list: Entry[]; cdOffset: number; end: number } | null {
  const end = endRecord(bytes);
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  const cdOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdOffset > end) return null;
  const list: Entry[] = [];
  let at = cdOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    if (local >= cdOffset || bytes.readUInt32LE(local) !== LOCAL) return null;
    list.push({ name: bytes.toString('utf8', at + 46, at + 46 + nameLength), local, cdStart: at, cdEnd: next });
    at = next;
  }
  return { list, cdOffset, end };
}

/**
 * The archive with its worksheets moved after every other entry (each entry's bytes unchanged,
 * the central directory's offsets made to match), or the same bytes when it cannot be moved.
 *
 * @example
 * const reordered = sheetsLast(readFileSync('export.xlsx'));
 */
export function sheetsLast(bytes: Buffer): Buffer {
  const found = entries(bytes);
  if (found === null) return bytes;
  const byOffset = [...found.list].sort((a, b) => a.local - b.local);
  const record = new Map(byOffset.map((e, i) => [e, bytes.subarray(e.local, i + 1 < byOffset.length ? byOffset[i + 1]!.local : found.cdOffset)] as const));
  const order = [...byOffset.filter((e) => !SHEET.test(e.name)), ...byOffset.filter((e) => SHEET.test(e.name))];
  const parts: Buffer[] = [];
  const offsets = new Map<Entry, number>();
  let at = 0;
  for (const e of order) {
    offsets.set(e, at);
    parts.push(record.get(e)!);
    at += record.get(e)!.length;
  }
  const cdOffset = at;
  for (const e of order) {
    const central = Buffer.from(bytes.subarray(e.cdStart, e.cdEnd));
    central.writeUInt32LE(offsets.get(e)!, 42);
    parts.push(central);
    at += central.length;
  }
  const endRecordBytes = Buffer.from(bytes.subarray(found.end));
  endRecordBytes.writeUInt32LE(cdOffset, 16);
  parts.push(endRecordBytes);
  return Buffer.concat(parts);
}
