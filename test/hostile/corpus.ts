/**
 * The hostile-input corpus (issue 22): visit logs of the kinds an audit of real exports turned up
 * (encodings, quotes, placeholder dates, injection strings, binary files, line ends, …), made at
 * run time so nothing large is committed. Each file lists the client and staff ids it holds
 * (distinctive strings, so a leak into any message is found by a substring search).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../src/generate/rng.js';

/** One hostile file. */
export interface HostileFile {
  /** File name without extension; the test's describe title. */
  name: string;
  /** What it probes (and the issue-22 item when one is about it). */
  about: string;
  /** Client and staff ids the file holds: none may appear in a message or a text output. */
  ids: readonly string[];
  bytes: Buffer;
  /** The same records in another order (absent when the file has no records to shuffle). */
  shuffled?: Buffer;
  /** Data records in the file: a successful measure must have read exactly these. */
  records?: number;
  /** Only these commands (big files); default every command. */
  commands?: readonly string[];
  /** A file with the same visits in a plain form: the figures must be equal. */
  twin?: string;
}

/** Where a written corpus file lies. */
export interface WrittenFile extends HostileFile {
  path: string;
  shuffledPath?: string;
}

// ---------- a small seeded generator of realistic rows ----------

/** A seeded generator of numbers in [0, 1): the project's own (the synthetic municipality's). */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.float();
}

function shuffle<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  const r = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export const HEADER = ['visit_id', 'client_id', 'staff_id', 'start', 'end', 'kind', 'group', 'client_birth_date', 'staff_role', 'contact_staff_id', 'lat', 'lon'];
const SWEDISH = ['Besöks-ID', 'Brukare', 'Personal', 'Starttid', 'Sluttid', 'Insats', 'Hemtjänstgrupp', 'Födelsedatum', 'Yrkesroll', 'Kontaktperson', 'Latitud', 'Longitud'];

const CLIENTS = [
  { id: 'Zz-ClientAnna-17', name: 'Anna Zzlindqvist', pnr: '19310314-9817', birth: '1931-03-14', group: 'Norr', lat: 62.5101, lon: 15.6903 },
  { id: 'Zz-ClientBo-23', name: 'Bo Zzholmgren', pnr: '19401102-9823', birth: '1940-11-02', group: 'Norr', lat: 62.5203, lon: 15.7011 },
  { id: 'Zz-ClientCarin-31', name: 'Carin Zzöberg', pnr: '19750630-9831', birth: '1975-06-30', group: 'Söder', lat: 62.4902, lon: 15.6512 },
  { id: 'Zz-ClientDag-44', name: 'Dag Zzåkesson', pnr: '19280109-9844', birth: '1928-01-09', group: 'Söder', lat: 62.4855, lon: 15.6621 },
  { id: 'Zz-ClientEbba-58', name: 'Ebba Zzström', pnr: '19450821-9858', birth: '1945-08-21', group: 'Söder', lat: 62.4799, lon: 15.6733 },
];
const STAFF: readonly (readonly [string, string])[] = [
  ['Qx-StaffFrida-61', 'Frida Qxberg'], ['Qx-StaffGustav-62', 'Gustav Qxdahl'], ['Qx-StaffHanna-63', 'Hanna Qxlund'],
  ['Qx-StaffIvar-64', 'Ivar Qxsson'], ['Qx-StaffJonna-65', 'Jonna Qxvik'], ['Qx-StaffKalle-66', 'Kalle Qxnäs'],
  ['Qx-StaffLisa-67', 'Lisa Qxholm'], ['Qx-StaffMoa-68', 'Moa Qxstrand'], ['Qx-StaffNurseOla-69', 'Ola Qxsköld'],
];

type IdStyle = 'code' | 'name' | 'pnr';
type Row = string[];

const pad = (n: number) => String(n).padStart(2, '0');
const at = (day: number, minute: number) => `2024-10-${pad(1 + day + Math.floor(minute / 1440))} ${pad(Math.floor((minute % 1440) / 60))}:${pad(minute % 60)}`;

/**
 * A realistic 15-day log (2024-10-01 – 10-15) of five clients and nine staff in two groups:
 * three day visits per client and day, a double-staffed morning visit, night patrol, safety
 * alarms, a nurse (excluded role) and two rows after the window: every exclusion reason occurs.
 */
export function baseRows(style: IdStyle = 'code', options: { doubles?: boolean } = {}): { rows: Row[]; ids: string[] } {
  const cid = (c: number) => (style === 'name' ? CLIENTS[c]!.name : style === 'pnr' ? CLIENTS[c]!.pnr : CLIENTS[c]!.id);
  const sid = (s: number) => (style === 'code' ? STAFF[s]![0] : STAFF[s]![1]);
  const r = rng(11);
  const rows: Row[] = [];
  let v = 0;
  const add = (c: number, s: number, start: number, end: number, day: number, kind: string, role = 'undersköterska', visit = `Vv-${++v}`) => {
    const k = CLIENTS[c]!;
    rows.push([visit, cid(c), sid(s), at(day, start), at(day, end), kind, k.group, k.birth, role, sid(k.group === 'Norr' ? c : 4 + c - 2), k.lat.toFixed(4), k.lon.toFixed(4)]);
  };
  for (let day = 0; day < 14; day++) {
    CLIENTS.forEach((k, c) => {
      const pool = k.group === 'Norr' ? [0, 1, 2, 3] : [4, 5, 6, 7];
      const pick = () => pool[Math.floor(r() * 4)]!;
      const morning = 450 + c * 20;
      const s1 = pick();
      add(c, s1, morning, morning + 40, day, 'omvårdnad');
      if (c === 0 && options.doubles !== false) add(c, pool[(pool.indexOf(s1) + 1) % 4]!, morning, morning + 40, day, 'omvårdnad', 'undersköterska', `Vv-${v}`);
      add(c, pick(), 720 + c * 25, 750 + c * 25, day, 'tillsyn');
      add(c, pick(), 1080 + c * 20, 1110 + c * 20, day, 'omvårdnad');
      if (c === 3) add(c, pick(), 120, 135, day, 'nattpatrull');
      if (c === 4 && day % 3 === 0) add(c, pick(), 1390, 1410, day, 'trygghetslarm');
      if (c === 1 && day % 4 === 0) add(c, 8, 840, 860, day, 'omvårdnad', 'sjuksköterska');
    });
  }
  add(2, 4, 600, 630, 14, 'omvårdnad');
  add(3, 5, 600, 630, 14, 'tillsyn');
  const ids = [...CLIENTS.map((_, c) => cid(c)), ...STAFF.map((_, s) => sid(s))];
  return { rows, ids };
}

function field(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

interface Layout {
  header?: readonly string[] | null;
  delimiter?: string;
  eol?: string | ((i: number) => string);
  encoding?: 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'utf16le-nobom' | 'latin1';
}

function encode(text: string, encoding: Layout['encoding'] = 'utf8'): Buffer {
  switch (encoding) {
    case 'utf8bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16le-nobom': return Buffer.from(text, 'utf16le');
    case 'utf16be': return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'latin1': return Buffer.from(text, 'latin1');
    default: return Buffer.from(text, 'utf8');
  }
}

function assemble(records: readonly string[], layout: Layout): Buffer {
  const d = layout.delimiter ?? ',';
  const header = layout.header === undefined ? HEADER : layout.header;
  const lines = header === null ? [...records] : [header.map((h) => field(h, d)).join(d), ...records];
  const eol = layout.eol ?? '\n';
  const text = lines.map((l, i) => l + (typeof eol === 'string' ? eol : eol(i))).join('');
  return encode(text, layout.encoding);
}

/** A CSV file from rows: records serialised, the shuffled twin from the same records. */
function csv(name: string, about: string, ids: readonly string[], rows: readonly Row[], layout: Layout = {}, extra: Partial<HostileFile> = {}): HostileFile {
  const d = layout.delimiter ?? ',';
  const records = rows.map((r) => r.map((v) => field(v, d)).join(d));
  return csvRecords(name, about, ids, records, layout, extra);
}

function csvRecords(name: string, about: string, ids: readonly string[], records: readonly string[], layout: Layout = {}, extra: Partial<HostileFile> = {}): HostileFile {
  return {
    name, about, ids,
    bytes: assemble(records, layout),
    shuffled: records.length > 1 ? assemble(shuffle(records), layout) : undefined,
    records: records.length,
    ...extra,
  } as HostileFile;
}

function raw(name: string, about: string, ids: readonly string[], bytes: Buffer, extra: Partial<HostileFile> = {}): HostileFile {
  return { name, about, ids, bytes, ...extra };
}

/** Replaces column `col` of rows picked by `every` with values from `values`, in turn. */
function put(rows: readonly Row[], col: string, values: readonly string[], every = 7): Row[] {
  const c = HEADER.indexOf(col);
  let n = 0;
  return rows.map((r, i) => (i % every === 3 ? r.map((v, j) => (j === c ? values[n++ % values.length]! : v)) : [...r]));
}

const setRow = (rows: readonly Row[], index: number, col: string, value: string): Row[] =>
  rows.map((r, i) => (i === index ? r.map((v, j) => (j === HEADER.indexOf(col) ? value : v)) : [...r]));

/** Bytes of a (truncated) xlsx: a zip's local header with its shared strings stored uncompressed. */
function xlsxBytes(rows: readonly Row[]): Buffer {
  const xml = Buffer.from(`<?xml version="1.0"?><sst>${rows.slice(0, 40).flat().map((v) => `<si><t>${v}</t></si>`).join('')}</sst>`);
  const name = Buffer.from('xl/sharedStrings.xml');
  const head = Buffer.alloc(30);
  head.writeUInt32LE(0x04034b50, 0);
  head.writeUInt16LE(20, 4);
  head.writeUInt32LE(xml.length, 18);
  head.writeUInt32LE(xml.length, 22);
  head.writeUInt16LE(name.length, 26);
  return Buffer.concat([head, name, xml, randomBytes(2048, 5)]);
}

function randomBytes(n: number, seed: number): Buffer {
  const r = rng(seed);
  return Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
}

/** Every hostile file. */
export function hostileCorpus(): HostileFile[] {
  const { rows, ids } = baseRows();
  const noDoubles = baseRows('code', { doubles: false }).rows;
  const names = baseRows('name');
  const pnr = baseRows('pnr');
  const text = (rs: readonly Row[], d = ',') => [HEADER.join(d), ...rs.map((r) => r.map((v) => field(v, d)).join(d))].join('\n') + '\n';
  const files: HostileFile[] = [
    csv('clean', 'a plain valid log: the control case, every assertion must hold', ids, rows),
    raw('empty', 'a file of 0 bytes', [], Buffer.alloc(0)),
    raw('header-only', 'the header and no rows (item 6: a 0-row warning)', [], Buffer.from(`${HEADER.join(',')}\n`), { records: 0 }),
    raw('header-only-no-eol', 'the header without a line end', [], Buffer.from(HEADER.join(',')), { records: 0 }),
    csv('blank-lines', 'blank and whitespace-only lines between rows', ids, rows.flatMap((r, i) => (i % 10 === 0 ? [r, [''], ['   ']] : [r]))),
    csv('no-header-ids', 'no header row: the first row holds ids and times', ids, rows, { header: null }),
    csv('no-header-names', 'no header row, ids are names without digits (item 5: headers found echoed)', names.ids, names.rows, { header: null }),
    csv('names-as-ids', 'client and staff ids that are names', names.ids, names.rows),
    csv('personnummer-ids', 'client ids that are personal identity numbers, staff names', pnr.ids, pnr.rows),
    csv('utf16le-bom', 'UTF-16 LE with BOM, Swedish headers (item 5)', ids, rows, { header: SWEDISH, delimiter: ';', encoding: 'utf16le' }, { twin: 'clean' }),
    csv('utf16be-bom', 'UTF-16 BE with BOM (item 5)', ids, rows, { header: SWEDISH, delimiter: ';', encoding: 'utf16be' }, { twin: 'clean' }),
    csv('utf16le-no-bom', 'UTF-16 LE without BOM: many NUL bytes (item 5)', ids, rows, { encoding: 'utf16le-nobom' }, { twin: 'clean' }),
    csv('windows-1252', 'Windows-1252, Swedish headers, an under-65 client, no --encoding (item 7)', ids, rows, { header: SWEDISH, delimiter: ';', encoding: 'latin1' }, { twin: 'clean' }),
    csv('utf8-bom-semicolon', 'UTF-8 with BOM, ; and Swedish headers (valid)', ids, rows, { header: SWEDISH, delimiter: ';', encoding: 'utf8bom' }, { twin: 'clean' }),
    csv('invalid-utf8', '', ids, []),
    csv('quote-unclosed', '', ids, []),
    csv('quote-text-after', '', ids, []),
    csv('quoted-newlines', 'quoted fields holding \\n, \\r\\n and "" (valid)', ids, put(rows, 'kind', ['omvårdnad\nextra', 'tillsyn\r\n"x"', 'städ, tvätt'])),
    csv('date-9999', 'a placeholder date 9999-12-31 (item 2)', ids, setRow(setRow(rows, 30, 'start', '9999-12-31 08:00'), 30, 'end', '9999-12-31 09:00')),
    csv('date-0001', 'a placeholder date 0001-01-01 (item 2)', ids, setRow(setRow(rows, 30, 'start', '0001-01-01 00:00'), 30, 'end', '0001-01-01 01:00')),
    csv('dates-1900-2999', 'one row in 1900 and one in 2999 (item 2)', ids, setRow(setRow(setRow(setRow(rows, 30, 'start', '1900-01-01 08:00'), 30, 'end', '1900-01-01 09:00'), 60, 'start', '2999-12-31 08:00'), 60, 'end', '2999-12-31 09:00')),
    csv('date-feb-31', 'an impossible date 2024-02-31 and 2024-13-01', ids, setRow(setRow(rows, 30, 'start', '2024-02-31 08:00'), 60, 'end', '2024-13-01 09:00')),
    csv('dst-gap', 'times in the spring gap and the repeated autumn hour', ids, [...rows, [...rows[0]!.slice(0, 3), '2024-03-31 02:30', '2024-03-31 03:10', ...rows[0]!.slice(5)], [...rows[0]!.slice(0, 3), '2024-10-27 02:30', '2024-10-27 02:50', ...rows[0]!.slice(5)]]),
    csv('visit-absurd-length', 'a visit 2024-10-05 08:00 → 9999-12-31 23:59 (items 2, 3)', ids, setRow(rows, 60, 'end', '9999-12-31 23:59')),
    csv('visit-30h', 'a visit of 30 hours (item 3)', ids, setRow(rows, 60, 'end', '2024-10-07 14:00')),
    csv('dates-mixed', 'times in other formats, empty, NaN, null, 24:00, 25:61', ids, put(rows, 'start', ['2024-10-02T07:30:00Z', '2024-10-02 07:30:00+02:00', '02/10/2024 07:30', '2024-10-02 7:30', '', 'NaN', 'null', '2024-10-02 24:00', '2024-10-02 25:61', 'Infinity'])),
    csv('end-before-start', 'ends before starts and zero-length visits', ids, put(rows, 'end', ['2024-10-01 00:00', '2024-09-30 23:59'])),
    csv('inject-workflow', 'GitHub workflow commands in group and kind (item 4)', ids, put(put(rows, 'group', ['::error::x', '::add-mask::hemligt', '::warning file=a.ts::b', '::stop-commands::tok']), 'kind', ['::error title=t::k', '  ::notice::k'], 5)),
    csv('inject-esc', 'ESC, C1 CSI, BEL, backspace, NUL and DEL in group and kind (item 4)', ids, put(put(rows, 'group', ['\u001b[31mRöd\u001b[0m', '\u001b]0;title\u0007', 'Norr\u001b[2J', '\u009b31mC1', 'A\u0008B', 'N\u0000ul', 'D\u007fel']), 'kind', ['\u001b[1momvårdnad', 'x\u000bvt\u000cff'], 5)),
    csv('inject-bidi', 'bidi overrides and isolates in group and kind (item 4)', ids, put(put(rows, 'group', ['Norr\u202eredlof', '\u2066Söder\u2069', '\u202aLRE', '\u200fRLM']), 'kind', ['omv\u202ebrå', '\u2067tillsyn'], 5)),
    csv('inject-formula', 'spreadsheet formulas in group and kind', ids, put(put(rows, 'group', ["=cmd|' /C calc'!A0", '@SUM(1+1)', '+1', '-1']), 'kind', ['=HYPERLINK("http://x")', '\t=1+1'], 5)),
    csv('inject-html', 'HTML in group and kind (the report must escape it)', ids, put(put(rows, 'group', ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</style><b>x']), 'kind', ['<!--', ']]>'], 5)),
    csv('inject-header', 'extra header cells with workflow commands and ESC (item 4)', ids, rows.map((r) => [...r, 'x', 'y']), { header: [...HEADER, '::error::hdr', '\u001b[31mHdr'] }),
    csv('inject-missing-column', 'staff_id missing; the other headers hold injections (items 4, 5)', ids, rows.map((r) => r.filter((_, j) => j !== 2)), { header: HEADER.filter((h) => h !== 'staff_id').map((h, j) => (j === 5 ? '::error::grp' : j === 6 ? '\u001b[2Jbirth' : h)) }),
    raw('binary-xlsx', 'an Excel file (zip bytes, shared strings with the ids) (item 5)', ids, xlsxBytes(rows)),
    raw('binary-random', 'random bytes around a piece of a log (item 5)', ids, Buffer.concat([randomBytes(8192, 3), Buffer.from(text(rows.slice(0, 20))), randomBytes(8192, 4)])),
    raw('json-one-line', 'a JSON array of the rows on one 80 KB line (item 5)', ids, Buffer.from(JSON.stringify(rows.map((r) => Object.fromEntries(HEADER.map((h, j) => [h, r[j]])))).padEnd(80_000, ' '))),
    csv('cr-only', 'CR-only line ends (item 6)', ids, rows, { eol: '\r' }, { twin: 'clean' }),
    csv('mixed-line-ends', 'CRLF, LF and CR line ends mixed (item 6)', ids, rows, { eol: (i) => ['\r\n', '\n', '\r'][i % 3]! }, { twin: 'clean' }),
    csv('crlf', 'CRLF line ends (valid)', ids, rows, { eol: '\r\n' }, { twin: 'clean' }),
    csv('tab-separated', 'tab-separated (valid)', ids, rows, { delimiter: '\t' }, { twin: 'clean' }),
    csv('many-columns', '2,000 extra columns (valid: ignored)', ids, rows.map((r) => [...r, ...Array.from({ length: 2000 }, () => '')]), { header: [...HEADER, ...Array.from({ length: 2000 }, (_, j) => `extra${j}`)] }, { twin: 'clean' }),
    csv('duplicate-headers', 'client_id and start twice with different values', ids, rows.map((r) => [...r, CLIENTS[1]!.id, '2024-10-03 03:00']), { header: [...HEADER, 'client_id', 'start'] }),
    csv('field-count', 'rows with too few and too many fields', ids, rows.map((r, i) => (i % 9 === 2 ? r.slice(0, 4) : i % 9 === 5 ? [...r, 'x', 'y'] : r))),
    csv('idless-overlap', 'no visit ids; 3,000 overlapping rows at one client (item 10)', ids, [
      ...rows.map((r) => r.slice(1)),
      ...Array.from({ length: 3000 }, (_, i) => [CLIENTS[0]!.id, STAFF[i % 4]![0], at(2, 600 + (i % 50)), at(2, 660 + (i % 50)), 'omvårdnad', 'Norr', CLIENTS[0]!.birth, 'undersköterska', STAFF[0]![0], '62.5101', '15.6903']),
    ], { header: HEADER.slice(1) }),
    csv('handover', 'visits handed over: one visit id, staff in sequence (item 8)', ids, noDoubles.flatMap((r, i) =>
      i % 6 === 0 ? [[...r.slice(0, 4), later(r[3]!, 20), ...r.slice(5)], [r[0]!, r[1]!, STAFF[(i / 6) % 8]![0], later(r[3]!, 20), ...r.slice(4)]] : [r])),
    csv('duplicate-rows', 'exact duplicate rows (duplicate registrations)', ids, rows.flatMap((r, i) => (i % 8 === 0 ? [r, r] : [r]))),
    csv('whitespace', 'fields padded with spaces, tabs and no-break spaces', ids, rows.map((r, i) => r.map((v) => (i % 4 === 0 ? ` ${v}\t` : i % 4 === 1 ? `\u00a0${v}` : v)))),
    csv('all-excluded', 'only night patrol and safety alarms: no client counted', ids, rows.filter((r) => r[5] === 'nattpatrull' || r[5] === 'trygghetslarm')),
    csv('single-row', 'one row', ids.slice(0, 1).concat(STAFF.map((s) => s[0])), rows.slice(0, 1)),
    csv('long-ids', 'ids of 3,000 characters', [`Zz-Long-${'k'.repeat(3000)}-1`, `Qx-Long-${'s'.repeat(3000)}-2`], rows.map((r) => [r[0]!, `Zz-Long-${'k'.repeat(3000)}-1`, `Qx-Long-${'s'.repeat(3000)}-2`, ...r.slice(3)])),
    csv('coordinates-garbage', 'lat/lon as text, out of range, decimal comma, empty', ids, put(put(rows, 'lat', ['abc', '999', '62,5101', '', 'NaN'], 3), 'lon', ['-', '1e9', '15,69', ''], 4)),
    csv('header-cell-1mb', 'a 1 MB header cell and a missing column (item 5: message bound)', ids, rows.map((r) => r.filter((_, j) => j !== 4)), { header: [...HEADER.filter((h) => h !== 'end').slice(0, -1), `Q${'x'.repeat(1 << 20)}`] }),
    csv('field-10mb', 'one 10 MB kind field: the threaded reader (items 1, 5)', ids, setRow(rows, 50, 'kind', 'k'.repeat(10 << 20)), {}, { commands: ['measure --by-group', 'staffing'] }),
  ];
  // byte-level cases the row serialiser cannot express
  const bad = (name: string, about: string, edit: (line: string, i: number) => Buffer | string) => {
    const records = rows.map((r) => r.map((v) => field(v, ',')).join(','));
    // edited first, then shuffled: the twin holds the same records in another order
    const edited = records.map((l, i) => { const e = edit(l, i); return Buffer.concat([typeof e === 'string' ? Buffer.from(e) : e, Buffer.from('\n')]); });
    const build = (rs: readonly Buffer[]) => Buffer.concat([Buffer.from(`${HEADER.join(',')}\n`), ...rs]);
    return { name, about, ids, bytes: build(edited), shuffled: build(shuffle(edited)), records: records.length } as HostileFile;
  };
  const replaceAt = (name: string, f: HostileFile) => { const i = files.findIndex((x) => x.name === name); files[i] = f; };
  replaceAt('invalid-utf8', bad('invalid-utf8', 'invalid UTF-8 bytes in kind and group (item 7)', (l, i) => {
    if (i % 11 !== 4) return l;
    const [head, tail] = l.split(/,(?:omvårdnad|tillsyn|nattpatrull|trygghetslarm),/);
    return Buffer.concat([Buffer.from(`${head},Kind`), Buffer.from([0xc3, 0x28, 0xff, 0x80]), Buffer.from(`,${tail}`)]);
  }));
  replaceAt('quote-unclosed', bad('quote-unclosed', 'a quote opened and never closed', (l, i) => (i === 40 ? l.replace(',Norr,', ',"Norr,').replace(',Söder,', ',"Söder,') : l)));
  replaceAt('quote-text-after', bad('quote-text-after', 'text after a closing quote', (l, i) => (i % 13 === 6 ? l.replace(/,(Norr|Söder),/, ',"$1"x,') : l)));
  for (const f of files) if (f.name === 'quote-unclosed' || f.name === 'blank-lines') delete f.records;
  // an unclosed quote takes the rows after it into one field: which rows depends on their order
  delete files.find((f) => f.name === 'quote-unclosed')!.shuffled;
  // the late Windows-1252 byte: a UTF-8 log over 1 MB with one 1252 byte near its end, and its twin
  const many = Array.from({ length: 9 }, (_, k) => rows.map((r) => [r[0]! + `-${k}`, ...r.slice(1)])).flat();
  const late = many.map((r) => r.map((v) => field(v, ',')).join(','));
  const lateBytes = (rs: readonly string[], byte: boolean) => Buffer.concat([Buffer.from(`${HEADER.join(',')}\n`), ...rs.map((l, i) => (i === rs.length - 5 ? Buffer.concat([Buffer.from(l.replace(/,Söder,|,Norr,/, byte ? ',S\u00f6der,' : ',Söder,'), byte ? 'latin1' : 'utf8'), Buffer.from('\n')]) : Buffer.from(`${l}\n`)))]);
  const lateOnly = ['measure --by-group'];
  files.push({ name: 'utf8-late-twin', about: 'the UTF-8 twin of windows-1252-late', ids, bytes: lateBytes(late, false), records: late.length, commands: lateOnly });
  files.push({ name: 'windows-1252-late', about: 'UTF-8 until one Windows-1252 byte past the first 1 MB (item 7)', ids, bytes: lateBytes(late, true), records: late.length, commands: lateOnly, twin: 'utf8-late-twin' });
  return files;
}

/** `YYYY-MM-DD HH:mm` plus `minutes` (calendar arithmetic; the corpus has no DST day there). */
function later(t: string, minutes: number): string {
  return new Date(Date.parse(`${t.replace(' ', 'T')}:00Z`) + minutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Writes the corpus into `dir` (file and shuffled twin); `only` filters by name (comma-separated substrings). */
export function writeCorpus(dir: string, only?: string): WrittenFile[] {
  mkdirSync(dir, { recursive: true });
  const all = hostileCorpus();
  const wanted = only === undefined || only === '' ? all : all.filter((f) => only.split(',').some((o) => f.name.includes(o.trim())));
  // a twin is written too, as the comparison needs it
  const names = new Set(wanted.map((f) => f.name));
  for (const f of wanted) if (f.twin !== undefined) names.add(f.twin);
  return all.filter((f) => names.has(f.name)).map((f) => {
    const path = join(dir, `${f.name}.csv`);
    writeFileSync(path, f.bytes);
    const w: WrittenFile = { ...f, path };
    if (f.shuffled !== undefined) {
      w.shuffledPath = join(dir, `${f.name}.shuffled.csv`);
      writeFileSync(w.shuffledPath, f.shuffled);
    }
    return w;
  });
}
