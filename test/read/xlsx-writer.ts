// A minimal .xlsx writer for the tests and the benchmark, written from the file format itself
// (ECMA-376: a zip of XML parts) with node:zlib, independent of the library the reader uses: an
// Excel workbook as Excel lays it out (workbook, then the sheets, then styles and shared strings).
import { deflateRawSync } from 'node:zlib';

/** A cell: text (a shared string), a number, a boolean, a date-time serial (styled as a date, as Excel stores a date), an error, or empty. */
export type XlsxCell = string | number | boolean | { serial: number } | { error: string } | null | undefined;

/** One sheet: its name and rows (row k of the list is sheet row k + 1 unless `rowNumbers` says otherwise). */
export interface XlsxSheet {
  name: string;
  rows: Iterable<readonly XlsxCell[]>;
  /** The sheet row number of each row (default 1, 2, 3, …): gaps are rows absent from the sheet. */
  rowNumbers?: readonly number[];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A zip archive of the parts in the order given (deflated), as bytes. */
function zip(parts: readonly { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x0800, 8);
    head.writeUInt16LE(8, 10);
    head.writeUInt16LE(0, 12);
    head.writeUInt16LE(0x21, 14);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(packed.length, 20);
    head.writeUInt32LE(data.length, 24);
    head.writeUInt16LE(nameBytes.length, 28);
    head.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    central.push(head, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * The bytes of an .xlsx workbook with the sheets given. Text cells are shared strings (as Excel
 * writes them), serials carry a date-time number format; `date1904` sets the workbook's 1904
 * date system.
 */
export function xlsxBytes(sheets: readonly XlsxSheet[], options: { date1904?: boolean } = {}): Buffer {
  const strings = new Map<string, number>();
  const stringIndex = (s: string): number => {
    let i = strings.get(s);
    if (i === undefined) strings.set(s, (i = strings.size));
    return i;
  };
  const sheetParts = sheets.map((sheet, k) => {
    const chunks: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
    let r = 0;
    for (const row of sheet.rows) {
      const rowNumber = sheet.rowNumbers?.[r] ?? r + 1;
      r++;
      const cells: string[] = [];
      row.forEach((v, i) => {
        const ref = `${columnLetters(i)}${rowNumber}`;
        if (v === null || v === undefined) return;
        if (typeof v === 'string') cells.push(`<c r="${ref}" t="s"><v>${stringIndex(v)}</v></c>`);
        else if (typeof v === 'number') cells.push(`<c r="${ref}"><v>${v}</v></c>`);
        else if (typeof v === 'boolean') cells.push(`<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`);
        else if ('serial' in v) cells.push(`<c r="${ref}" s="1"><v>${v.serial}</v></c>`);
        else cells.push(`<c r="${ref}" t="e"><v>${xml(v.error)}</v></c>`);
      });
      chunks.push(`<row r="${rowNumber}">${cells.join('')}</row>`);
    }
    chunks.push('</sheetData></worksheet>');
    return { name: `xl/worksheets/sheet${k + 1}.xml`, data: Buffer.from(chunks.join(''), 'utf8') };
  });
  const sst = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">`,
    ...[...strings.keys()].map((s) => `<si><t xml:space="preserve">${xml(s)}</t></si>`), '</sst>'].join('');
  const n = sheets.length;
  const contentTypes = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets.map((_, k) => `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>';
  const rels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
  const workbook = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<workbookPr${options.date1904 === true ? ' date1904="1"' : ''}/><sheets>` +
    sheets.map((s, k) => `<sheet name="${xml(s.name)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join('') + '</sheets></workbook>';
  const workbookRels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    sheets.map((_, k) => `<Relationship Id="rId${k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const styles = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>' +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>';
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(contentTypes) },
    { name: '_rels/.rels', data: Buffer.from(rels) },
    { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(workbookRels) },
    ...sheetParts,
    { name: 'xl/styles.xml', data: Buffer.from(styles) },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(sst, 'utf8') },
  ]);
}

/**
 * The Excel serial (1900 date system, days since 1899-12-30; 1904: since 1904-01-01) of a
 * local wall time `YYYY-MM-DD HH:mm[:ss]`, computed from its digits.
 */
export function serialOf(wall: string, date1904 = false): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(wall);
  if (m === null) throw new Error(`not a wall time: ${wall}`);
  const days = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) / 86_400_000 - Date.UTC(date1904 ? 1904 : 1899, date1904 ? 0 : 11, date1904 ? 1 : 30) / 86_400_000;
  return days + ((+(m[4] ?? 0)) * 3600 + (+(m[5] ?? 0)) * 60 + (+(m[6] ?? 0))) / 86_400;
}
