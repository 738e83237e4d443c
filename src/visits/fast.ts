import { KontinuitetError, type RowIssue } from '../errors.js';
import { parseTimeCodes, type TimeParseFailure } from '../time/parse.js';
import { LocalZone } from '../time/zone.js';
import { resolveColumns, type ColumnIndex } from './columns.js';
import { CsvTokenizer, detectDelimiter } from './csv.js';
import { accountant, badQuote, describeColumns, idMap, newLedger, openBytes, usedColumns } from './read.js';
import { ByteInterner } from './intern.js';
import { RowConverter } from './row.js';
import type { ReadLedger, ReadOptions, Visit } from './types.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** What the fast path hands on for a row: the fields a measure uses (one object, reused). */
export type FastRow = Pick<Visit, 'line' | 'visitId' | 'client' | 'staff' | 'start' | 'end' | 'kind' | 'group' | 'birthDay' | 'age' | 'staffRole' | 'contactStaff'>;

/**
 * Reads a CSV file straight from its bytes for a measure: lines are split on the delimiter byte,
 * times parsed where they lie in the buffer (the same parser as the general reader), and only the
 * fields a measure uses are decoded, into one reused object — no decoded chunk, no line string,
 * no array of fields, no {@link Visit} per row. A row the fast path cannot take as it is — a field
 * count that differs from the header, white space or non-ASCII bytes at the edge of a field, a
 * value the general reader would reject — goes through the general converter, so the issues and
 * the ledger are the general reader's. From the first line holding a quote on, the rest of the
 * file goes through the general tokenizer (quoted fields may hold line breaks).
 *
 * Returns null without reading rows when the options need the general path (Windows-1252, an
 * in-memory or stream source is not handled here).
 *
 * @example
 * const ledger = await fastScanFile('visits.csv', (row) => acc.add(row), (v) => acc.add(v), { use: MEASURE_COLUMNS });
 */
export async function fastScanFile(
  path: string,
  onRow: (row: FastRow) => void,
  onVisit: (visit: Visit) => void,
  options: ReadOptions,
): Promise<ReadLedger | null> {
  if (options.encoding === 'latin1') return null;
  const zone = new LocalZone(options.zone ?? 'Europe/Stockholm');
  const ledger = newLedger();
  const mapId = idMap(options);
  const account = accountant(ledger, options, onVisit);
  const stream = await openBytes(path);

  let scanner: LineScanner | null = null;
  let head: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (scanner === null) {
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
        const nl = head.indexOf(LF);
        if (nl < 0) continue;
        if (!headerFits(head, nl)) {
          (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          return null;
        }
        scanner = new LineScanner(head, nl, zone, mapId, options, ledger, account, onRow);
        scanner.push(head.subarray(nl + 1));
      } else scanner.push(chunk);
    }
  } catch (e) {
    if (e instanceof KontinuitetError || scanner?.consumerError === e) throw e;
    throw new KontinuitetError('UNREADABLE_INPUT', `cannot read the input: ${(e as Error).message}`);
  }
  if (scanner === null) {
    if (head.toString('utf8').trim() === '') throw new KontinuitetError('EMPTY_INPUT', 'the input is empty: expected a header row and visit rows');
    scanner = new LineScanner(head, head.length, zone, mapId, options, ledger, account, onRow);
  }
  scanner.end();
  return ledger;
}

/** A header the fast path can take: its quotes (if any) close on its first line. */
function headerFits(head: Buffer, headerEnd: number): boolean {
  let quotes = 0;
  for (let p = head.indexOf(QUOTE); p >= 0 && p < headerEnd; p = head.indexOf(QUOTE, p + 1)) quotes++;
  return quotes % 2 === 0;
}

class LineScanner {
  consumerError: unknown = undefined;
  private readonly delimiter: number;
  private readonly delimiterText: string;
  private readonly fieldCount: number;
  private readonly index: ColumnIndex;
  private readonly converter: RowConverter;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly failure: TimeParseFailure = { code: 'time_format', why: '' };
  private readonly row: FastRow = { line: 0, visitId: '', client: '', staff: '', start: 0, end: 0, kind: '', group: '', birthDay: null, age: null, staffRole: '', contactStaff: '' };
  private carry: Buffer = Buffer.alloc(0);
  /** Repeating values (ids, kinds, groups, roles, dates) decoded once each. */
  private readonly values = new ByteInterner();
  private line = 2;
  /** Set once a quote is seen: the rest goes through the general tokenizer. */
  private general: { tokenizer: CsvTokenizer; decoder: InstanceType<typeof TextDecoder> } | null = null;

  constructor(
    head: Buffer,
    headerEnd: number,
    private readonly zone: LocalZone,
    private readonly mapId: ((id: string) => string) | null,
    private readonly options: ReadOptions,
    private readonly ledger: ReadLedger,
    private readonly account: (result: Visit | RowIssue) => void,
    private readonly onRow: (row: FastRow) => void,
  ) {
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    const headerText = head.toString('utf8', bom, headerEnd).replace(/\r$/, '');
    const delimiterText = options.delimiter ?? detectDelimiter(headerText);
    let headers: string[] = [];
    const tokenizer = new CsvTokenizer(delimiterText, (fields) => { headers = fields; });
    tokenizer.push(headerText);
    tokenizer.end();
    const index = resolveColumns(headers, options.columns);
    ledger.delimiter = delimiterText;
    ledger.columns = describeColumns(index, headers);
    this.delimiterText = delimiterText;
    this.delimiter = delimiterText.charCodeAt(0);
    this.fieldCount = headers.length;
    this.index = usedColumns(index, options.use);
    this.converter = new RowConverter(this.index, headers.length, zone, mapId);
    this.starts = new Int32Array(headers.length + 1);
    this.ends = new Int32Array(headers.length + 1);
  }

  push(chunk: Buffer): void {
    if (this.general !== null) return this.pushGeneral(chunk, false);
    const buf = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    let from = 0;
    const quote = buf.indexOf(QUOTE);
    const fastEnd = quote < 0 ? buf.length : buf.lastIndexOf(LF, quote) + 1;
    for (let nl = buf.indexOf(LF, from); nl >= 0 && nl < fastEnd; nl = buf.indexOf(LF, from)) {
      this.take(buf, from, nl);
      from = nl + 1;
    }
    if (quote >= 0) {
      this.general = { tokenizer: this.generalTokenizer(), decoder: new TextDecoder('utf-8', { ignoreBOM: true }) };
      this.carry = Buffer.alloc(0);
      return this.pushGeneral(buf.subarray(from), false);
    }
    this.carry = Buffer.from(buf.subarray(from));
  }

  end(): void {
    if (this.general !== null) return this.pushGeneral(Buffer.alloc(0), true);
    if (this.carry.length > 0) this.take(this.carry, 0, this.carry.length);
  }

  private generalTokenizer(): CsvTokenizer {
    return new CsvTokenizer(this.delimiterText, (fields, line, malformed) => {
      this.guard(() => this.account(malformed ? badQuote(line) : this.converter.convert(fields, line)));
    }, this.line);
  }

  private pushGeneral(bytes: Buffer, final: boolean): void {
    const g = this.general!;
    g.tokenizer.push(g.decoder.decode(bytes, { stream: !final }));
    if (final) {
      g.tokenizer.end();
      this.ledger.blankLines += g.tokenizer.blankLines;
    }
  }

  private guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      this.consumerError = e;
      throw e;
    }
  }

  /** One line [a, b) without its LF. */
  private take(buf: Buffer, a: number, b: number): void {
    const line = this.line++;
    if (b > a && buf[b - 1] === CR) b--;
    if (b === a) {
      this.ledger.blankLines++;
      return;
    }
    const d = this.delimiter;
    const starts = this.starts;
    const ends = this.ends;
    const n = this.fieldCount;
    let k = 0;
    starts[0] = a;
    for (let p = a; p < b; p++) {
      if (buf[p] === d) {
        ends[k] = p;
        if (++k >= n) break;
        starts[k] = p + 1;
      }
    }
    if (k === n - 1) {
      ends[k] = b;
      if (this.fast(buf, line)) return;
    }
    // anything else: exactly what the general reader does with a line without quotes
    const fields = buf.toString('utf8', a, b).split(this.delimiterText);
    this.guard(() => this.account(this.converter.convert(fields, line)));
  }

  /** Takes a row with the header's field count if every used field is plain; false to fall back. */
  private fast(buf: Buffer, line: number): boolean {
    const ix = this.index;
    const r = this.row;
    const client = this.text(buf, ix.client_id);
    const staff = this.text(buf, ix.staff_id);
    if (client === null || client === '' || staff === null || staff === '') return false;
    if (!this.plain(buf, ix.start) || !this.plain(buf, ix.end)) return false;
    const start = parseTimeCodes(buf, this.starts[ix.start]!, this.ends[ix.start]!, this.zone, this.failure);
    const end = parseTimeCodes(buf, this.starts[ix.end]!, this.ends[ix.end]!, this.zone, this.failure);
    if (!(end > start)) return false;
    const visitId = this.text(buf, ix.visit_id, false);
    const kind = this.text(buf, ix.kind);
    const group = this.text(buf, ix.group);
    const role = this.text(buf, ix.staff_role);
    const contact = this.text(buf, ix.contact_staff_id);
    const birth = this.text(buf, ix.client_birth_date);
    const ageText = this.text(buf, ix.client_age);
    if (visitId === null || kind === null || group === null || role === null || contact === null || birth === null || ageText === null) return false;
    const birthDay = this.converter.birthDayOf(birth);
    const age = this.converter.ageOf(ageText);
    if (Number.isNaN(birthDay) || Number.isNaN(age)) return false;
    const map = this.mapId;
    r.line = line;
    r.client = map === null ? client : map(client);
    r.staff = map === null ? staff : map(staff);
    r.start = start;
    r.end = end;
    r.visitId = visitId;
    r.kind = kind;
    r.group = group;
    r.birthDay = birthDay;
    r.age = age === null ? null : Math.floor(age);
    r.staffRole = role;
    r.contactStaff = map === null || contact === '' ? contact : map(contact);
    this.ledger.read++;
    this.ledger.used++;
    this.guard(() => this.onRow(r));
    return true;
  }

  /** True when the field has no white space or non-ASCII byte at either edge (so trimming is a no-op). */
  private plain(buf: Buffer, column: number): boolean {
    if (column < 0) return true;
    const a = this.starts[column]!;
    const b = this.ends[column]!;
    if (a === b) return true;
    const x = buf[a]!;
    const y = buf[b - 1]!;
    return x > 32 && x < 128 && y > 32 && y < 128;
  }

  /** The decoded field ('' when the column is absent or empty), or null when it is not plain. Values that repeat are interned. */
  private text(buf: Buffer, column: number, repeats = true): string | null {
    if (column < 0) return '';
    if (!this.plain(buf, column)) return null;
    const a = this.starts[column]!;
    const b = this.ends[column]!;
    if (a === b) return '';
    return repeats ? this.values.get(buf, a, b) : buf.toString('utf8', a, b);
  }
}

