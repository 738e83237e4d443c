/**
 * The fast path's line scanner: splits lines on the delimiter byte (in JavaScript or by the
 * WebAssembly split kernel), takes the rows it can as coded rows and hands the others, and the
 * rest of the file from the first quote on, to the general reader.
 *
 * @module
 */

import { isUtf8 } from 'node:buffer';
import type { RowIssue } from '../errors.js';
import { parseDayCodes, parseTimeInto, type TimeParseFailure } from '../windows/parse.js';
import { daysFromCivil } from '../windows/civil.js';
import type { LocalZone } from '../windows/zone.js';
import { resolveColumns, type ColumnIndex } from '../read/columns.js';
import { CsvTokenizer, detectDelimiter } from '../read/csv.js';
import { badQuote, describeColumns, usedColumns } from '../read/read.js';
import { firstInvalidUtf8, lineEnds, loneCr, notUtf8 } from '../read/encoding.js';
import { KERNEL_ASCII_VISIT, KERNEL_PLAIN, RECORD_FLAGS, RECORD_HEAD, RECORD_VALUES, SplitKernel, type RowSettings } from './split-kernel.js';
import { RowConverter } from '../read/row.js';
import { plausible, shortEnough, timeLimits, type TimeLimits } from '../read/plausible.js';
import type { ReadLedger, ReadOptions, Visit } from '../read/types.js';
import type { CodedColumn, CodedRow, CodedSink } from './coded-row.js';
import { asciiBytes, Codes, Memo, NumberCodes, utf8 } from './byte-codes.js';
import { PlaceReader } from './places.js';

/** Words are read little-endian (byte k of a word is bits 8k–8k+7): true on every platform Node runs on, checked. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * Bytes that cannot begin (first table) or end (last table) white space that `String#trim`
 * removes: ASCII above the space, and UTF-8 bytes other than the lead bytes (C2, E1, E2, E3, EF)
 * and final bytes (80–8A, 9F, A0, A8, A9, AF, BF) of U+00A0, U+1680, U+2000–U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000 and U+FEFF. So "Öster" is plain; a no-break space at either
 * edge is not.
 */
const PLAIN_FIRST = new Uint8Array(256).map((_, x) => (x > 32 && x !== 127 && ![0xc2, 0xe1, 0xe2, 0xe3, 0xef].includes(x) ? 1 : 0));
const PLAIN_LAST = new Uint8Array(256).map((_, x) => (x > 32 && x !== 127 && !((x >= 0x80 && x <= 0x8a) || [0x9f, 0xa0, 0xa8, 0xa9, 0xaf, 0xbf].includes(x)) ? 1 : 0));

export const LF = 10;
export const CR = 13;
export const QUOTE = 34;

/**
 * A thread's split kernel, kept from one {@link fastScanPiece} to the next (null until the first
 * makes it): the pieces a thread reads share its hash tables instead of each making its own, so
 * a thread holds one set at a time. Drop it when the thread has read its pieces.
 *
 * @example
 * const kept: KeptKernel = { kernel: null };
 * for (const p of pieces) await fastScanPiece(path, table, p, 1, sink, options, kept);
 */
export interface KeptKernel {
  kernel: SplitKernel | null;
}

/**
 * Thrown by {@link fastScanPiece} when its piece holds a quote: a quoted field may hold a line
 * break, so the file cannot be split on line breaks and must be read from the start by one reader.
 *
 * @example
 * try { await fastScanPiece(path, table, 0, 2, sink, options); } catch (e) { if (e instanceof QuotedRange) … }
 */
export class QuotedRange extends Error {
  constructor() {
    super('the range holds a quote');
    this.name = 'QuotedRange';
  }
}

/** The values of a row's coded columns by the kernel's numbers (slots in {@link kernelRows} order). */
interface KernelCodes {
  clients: NumberCodes;
  staff: NumberCodes;
  groups: NumberCodes;
  kinds: NumberCodes;
  roles: NumberCodes;
  ages: Codes<number | null>;
}

/**
 * The kernel's row settings for a measure's columns: the fields {@link LineScanner.fast} checks
 * (client and staff filled, the others plain) and the coded slots in the order
 * {@link LineScanner.fastKernel} reads them: client, staff, contact (a staff id; only when
 * wanted), group, kind, role (an absent column: the empty value), birth date (read as a date) and
 * age (when present).
 */
function kernelRows(ix: ColumnIndex, fields: number, wantsContact: boolean): RowSettings {
  const checks = new Uint8Array(fields);
  for (const c of [ix.start, ix.end, ix.visit_id, ix.kind, ix.group, ix.staff_role, ix.contact_staff_id, ix.client_birth_date, ix.client_age]) if (c >= 0) checks[c] = 1;
  checks[ix.client_id] = 2;
  checks[ix.staff_id] = 2;
  const present = (c: number) => (c >= 0 ? c : -2);
  return {
    plainFirst: PLAIN_FIRST, plainLast: PLAIN_LAST, checks, visitColumn: ix.visit_id,
    slots: [
      { column: ix.client_id, table: 0 }, { column: ix.staff_id, table: 1 }, { column: wantsContact ? present(ix.contact_staff_id) : -2, table: 1 },
      { column: ix.group, table: 2 }, { column: ix.kind, table: 3 }, { column: ix.staff_role, table: 4 },
      { column: present(ix.client_birth_date), table: -1 }, { column: present(ix.client_age), table: 5 },
    ],
  };
}

export class LineScanner {
  consumerError: unknown = undefined;
  private readonly delimiter: number;
  private readonly delimiterText: string;
  private readonly fieldCount: number;
  private readonly index: ColumnIndex;
  private readonly converter: RowConverter;
  /** The plausible times and longest visit: a row outside them goes to the converter, which rejects it. */
  private readonly limits: TimeLimits;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly failure: TimeParseFailure = { code: 'time_format', why: '' };
  /** The buffer of {@link LineScanner.lines} as 32-bit words, or null (split byte by byte). */
  private words: Int32Array | null = null;
  /** A row's start and end (epoch ms), parsed into a typed array: no heap number per time. */
  private readonly times = new Float64Array(2);
  private readonly row: CodedRow = { line: 0, client: 0, staff: 0, group: 0, kind: 0, role: 0, contact: -1, start: 0, end: 0, birthDay: null, age: null, visitId: '', bytes: null, visitFrom: 0, visitTo: 0, places: null };
  /** The place, travel and shift fields, when the read uses them. */
  private readonly places: PlaceReader;
  private readonly clients: Memo<number>;
  private readonly staff: Memo<number>;
  private readonly groups: Memo<number>;
  private readonly kinds: Memo<number>;
  private readonly roles: Memo<number>;
  private readonly births: Memo<number | null>;
  private readonly ages: Memo<number | null>;
  private readonly wantsContact: boolean;
  private carry: Buffer = Buffer.alloc(0);
  /** Splits the lines of its own buffer in WebAssembly ({@link LineScanner.useKernel}), or null. */
  private kernel: SplitKernel | null = null;
  /** The values of the kernel's numbers, when it numbers the coded columns. */
  private kernelCodes: KernelCodes | null = null;
  /** Whether a value numbered here (not by the kernel) was asked of the consumer ({@link LineScanner.computes}). */
  private scannerAsked = false;
  /** Set once a quote is seen: the rest goes through the general tokenizer. */
  private general: { tokenizer: CsvTokenizer; decoder: InstanceType<typeof TextDecoder> } | null = null;
  /** No encoding was given: bytes that are not UTF-8 stop the read ({@link notUtf8}). */
  private readonly watchUtf8: boolean;

  constructor(
    head: Buffer,
    headerEnd: number,
    private readonly zone: LocalZone,
    private readonly mapId: ((id: string) => string) | null,
    private readonly options: ReadOptions,
    private readonly ledger: ReadLedger,
    private readonly account: (result: Visit | RowIssue) => void,
    private readonly sink: CodedSink,
    private line = 2,
    private readonly refuseQuotes = false,
  ) {
    this.watchUtf8 = options.encoding === undefined;
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
    this.limits = timeLimits(options, zone);
    this.converter = new RowConverter(this.index, headers.length, zone, mapId, this.limits);
    this.starts = new Int32Array(headers.length + 1);
    this.ends = new Int32Array(headers.length + 1);
    const f = this.computes(false);
    this.clients = new Memo(new NumberCodes(f.client));
    this.staff = new Memo(new NumberCodes(f.staff));
    this.groups = new Memo(new NumberCodes(f.group), true);
    this.kinds = new Memo(new NumberCodes(f.kind), true);
    this.roles = new Memo(new NumberCodes(f.role), true);
    this.births = new Memo(new Codes(f.birth));
    this.ages = new Memo(new Codes(f.age));
    this.wantsContact = sink.wantsContact;
    this.places = new PlaceReader(this.index, zone, this.limits);
    if (this.places.used) this.row.places = this.places.values;
  }

  /**
   * What each coded column's text becomes, for the values numbered here (`byKernel` false) or by
   * the kernel. Bytes new to one numbering are fresh ({@link CodedSink.code}) only when they are
   * ASCII and that numbering is the only one that asked the consumer: the kernel's until this
   * scanner asks for a value (a line the kernel did not read), this scanner's when there is no
   * kernel. Ids mapped by pseudonymisation never are (two ids could map to one pseudonym).
   */
  private computes(byKernel: boolean) {
    const sink = this.sink;
    const mapId = this.mapId;
    const vouch = (): boolean => {
      if (byKernel) return !this.scannerAsked;
      this.scannerAsked = true;
      return this.kernelCodes === null;
    };
    // an id column's text goes through the pseudonymisation, when there is one
    const coded = (column: CodedColumn, mapped: ((id: string) => string) | null) => (buf: Uint8Array, a: number, b: number, ascii: boolean): number => {
      const fresh = vouch() && mapped === null && ascii;
      if (fresh && sink.codeAscii !== undefined) return sink.codeAscii(column, buf, a, b);
      const text = utf8(buf, a, b);
      return sink.code(column, mapped === null ? text : mapped(text), fresh);
    };
    return {
      client: coded('client', mapId),
      staff: coded('staff', mapId),
      group: coded('group', null),
      kind: coded('kind', null),
      role: coded('role', null),
      birth: (buf: Uint8Array, a: number, b: number) => this.converter.birthDayOf(utf8(buf, a, b)),
      age: (buf: Uint8Array, a: number, b: number) => this.converter.ageOf(utf8(buf, a, b)),
    };
  }

  /**
   * Splits lines with the WebAssembly kernel from now on, in buffers of up to `capacity` bytes
   * from {@link LineScanner.buffer} (not where the kernel cannot take the delimiter or
   * WebAssembly SIMD is missing: then lines are split in JavaScript, with the same result). The
   * kernel also checks the fields and numbers the coded columns' values ({@link kernelRows}); the
   * scanner maps its numbers to the consumer's ({@link LineScanner.fastKernel}). With `kept`, the
   * kernel kept there when it was made for the same settings, else a new one, kept there.
   */
  useKernel(capacity: number, kept: KeptKernel | null = null): void {
    if (this.delimiter >= 128 || this.delimiter === LF || this.delimiter === CR) return;
    const ix = this.index;
    // without a client or staff column no row is fast: the kernel only splits
    const rows = ix.client_id >= 0 && ix.staff_id >= 0 ? kernelRows(ix, this.fieldCount, this.wantsContact) : null;
    this.kernel = SplitKernel.reuse(kept?.kernel ?? null, capacity, this.fieldCount, ix.start, ix.end, rows);
    if (kept !== null) kept.kernel = this.kernel;
    if (this.kernel === null || rows === null) return;
    const f = this.computes(true);
    this.kernelCodes = {
      clients: new NumberCodes(f.client), staff: new NumberCodes(f.staff), groups: new NumberCodes(f.group), kinds: new NumberCodes(f.kind),
      roles: new NumberCodes(f.role), ages: new Codes(f.age),
    };
  }

  /** `buf` where it is now: the kernel's memory may have grown during {@link LineScanner.lines}. */
  moved(buf: Buffer): Buffer {
    return this.kernel === null ? buf : this.kernel.moved(buf);
  }

  /** A buffer of `size` bytes for {@link LineScanner.lines}: the kernel's when it has one that size. */
  buffer(size: number): Buffer {
    return this.kernel !== null && this.kernel.capacity === size ? this.kernel.buffer() : Buffer.allocUnsafe(size);
  }

  push(chunk: Buffer): void {
    this.words = null;
    if (this.general !== null) return this.pushGeneral(chunk, false);
    const buf = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    let from = 0;
    const quote = buf.indexOf(QUOTE);
    if (quote >= 0 && this.refuseQuotes) throw new QuotedRange();
    let fastEnd = quote < 0 ? buf.lastIndexOf(LF) + 1 : buf.lastIndexOf(LF, quote) + 1;
    // a lone CR ends a line: from its line on, the general tokenizer reads (as after a quote)
    const cr = loneCr(buf, 0, fastEnd);
    if (cr >= 0) {
      if (this.refuseQuotes) throw new QuotedRange();
      fastEnd = buf.lastIndexOf(LF, cr) + 1;
    }
    this.checkText(buf, 0, fastEnd);
    for (let nl = buf.indexOf(LF, from); nl >= 0 && nl < fastEnd; nl = buf.indexOf(LF, from)) {
      this.take(buf, from, nl);
      from = nl + 1;
    }
    if (quote >= 0 || cr >= 0) {
      this.general = { tokenizer: this.generalTokenizer(), decoder: this.decoder() };
      this.carry = Buffer.alloc(0);
      return this.pushGeneral(buf.subarray(from), false);
    }
    this.carry = Buffer.from(buf.subarray(from));
  }

  /**
   * Takes the complete lines of `buf[0, end)` (no carry, no quotes allowed: range mode) and
   * returns where the unfinished last line starts.
   */
  lines(buf: Buffer, end: number): number {
    if (buf.subarray(0, end).indexOf(QUOTE) >= 0) throw new QuotedRange();
    const last = buf.lastIndexOf(LF, end - 1) + 1;
    // a lone CR, or bytes that are not UTF-8: one reader reads the file from its start
    if (loneCr(buf, 0, last) >= 0 || (this.watchUtf8 && !isUtf8(buf.subarray(0, last)))) throw new QuotedRange();
    if (this.kernel !== null && this.kernel.holds(buf)) return this.linesByKernel(this.kernel, buf, end);
    // little-endian words over the buffer when it is 4-byte aligned: split four bytes at a time
    this.words = LITTLE_ENDIAN && buf.byteOffset % 4 === 0 ? new Int32Array(buf.buffer, buf.byteOffset, buf.length >> 2) : null;
    let from = 0;
    for (let nl = buf.indexOf(LF); nl >= 0 && nl < end; nl = buf.indexOf(LF, from)) {
      this.take(buf, from, nl);
      from = nl + 1;
    }
    return from;
  }

  /** {@link LineScanner.lines} with the fields found by the kernel: the same lines, the same rows. */
  private linesByKernel(kernel: SplitKernel, buf: Buffer, end: number): number {
    const stride = kernel.stride;
    const starts = this.starts;
    const ends = this.ends;
    const delimiters = this.fieldCount - 1;
    for (let from = 0; ;) {
      const n = kernel.split(from, end, this.delimiter);
      buf = kernel.moved(buf);
      const records = kernel.records;
      for (let l = 0, r = 0; l < n; l++, r += stride) {
        const a = records[r]!;
        let b = records[r + 1]!;
        const k = records[r + 2]!;
        const line = this.line++;
        if (b > a && buf[b - 1] === CR) b--;
        if (b === a) {
          this.ledger.blankLines++;
          continue;
        }
        if (k === delimiters) {
          starts[0] = a;
          for (let i = 0; i < k; i++) {
            const d = records[r + RECORD_HEAD + i]!;
            ends[i] = d;
            starts[i + 1] = d + 1;
          }
        }
        this.takeFields(buf, a, b, line, k, r);
      }
      from = kernel.done;
      if (n < kernel.maxLines) return from;
    }
  }

  /** The number the next line would get. */
  get nextLine(): number {
    return this.line;
  }

  end(): void {
    if (this.general === null && this.carry.length > 0) {
      const c = this.carry;
      // the last line, without a line end: a CR in it that is not its last byte ends a line
      if (loneCr(c, 0, c.length - 1) >= 0) {
        if (this.refuseQuotes) throw new QuotedRange();
        this.general = { tokenizer: this.generalTokenizer(), decoder: this.decoder() };
        this.carry = Buffer.alloc(0);
        this.pushGeneral(c, false);
      } else {
        this.checkText(c, 0, c.length);
        this.take(c, 0, c.length);
        return;
      }
    }
    if (this.general !== null) return this.pushGeneral(Buffer.alloc(0), true);
  }

  /**
   * Bytes [a, b) of `buf` (whole lines) must be UTF-8 when no encoding was given: else the read
   * stops with an error naming the option, never reading Windows-1252 text as other text.
   */
  private checkText(buf: Buffer, a: number, b: number): void {
    if (!this.watchUtf8 || isUtf8(buf.subarray(a, b))) return;
    if (this.refuseQuotes) throw new QuotedRange();
    throw notUtf8(this.line + lineEnds(buf, a, firstInvalidUtf8(buf, a, b)));
  }

  private decoder(): InstanceType<typeof TextDecoder> {
    return new TextDecoder('utf-8', { ignoreBOM: true, fatal: this.watchUtf8 });
  }

  private generalTokenizer(): CsvTokenizer {
    return new CsvTokenizer(this.delimiterText, (fields, line, malformed) => {
      this.guard(() => this.account(malformed ? badQuote(line) : this.converter.convert(fields, line)));
    }, this.line);
  }

  private pushGeneral(bytes: Buffer, final: boolean): void {
    const g = this.general!;
    let text: string;
    try {
      text = g.decoder.decode(bytes, { stream: !final });
    } catch {
      throw notUtf8(g.tokenizer.lineAtEnd() + lineEnds(bytes, 0, firstInvalidUtf8(bytes, 0, bytes.length)));
    }
    g.tokenizer.push(text);
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
    this.takeFields(buf, a, b, line, this.words !== null ? this.splitWords(buf, a, b) : this.splitBytes(buf, a, b), -1);
  }

  /**
   * Line [a, b) (not blank, without its line break), split: `k` delimiters, the fields in
   * `starts`/`ends` when `k` is one less than the header's field count (the last field's end
   * is set here); `record`: where the kernel's record of the line starts, -1 when it was split
   * here. Such a row is taken by {@link LineScanner.fast} if it can; any other goes to the general
   * converter.
   */
  private takeFields(buf: Buffer, a: number, b: number, line: number, k: number, record: number): void {
    if (k === this.fieldCount - 1) {
      this.ends[k] = b;
      if (record >= 0 && this.kernelCodes !== null ? this.fastKernel(buf, line, record, this.kernelCodes) : this.fast(buf, line, record)) return;
    }
    // anything else: exactly what the general reader does with a line without quotes
    const fields = buf.toString('utf8', a, b).split(this.delimiterText);
    this.guard(() => this.account(this.converter.convert(fields, line)));
  }

  /**
   * Splits line [a, b) on the delimiter into `starts`/`ends` (the last field's end is left to the
   * caller); returns the number of delimiters, stopping at the header's field count.
   */
  private splitBytes(buf: Buffer, a: number, b: number): number {
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
    return k;
  }

  /**
   * {@link LineScanner.splitBytes} four bytes at a time over `words` (the buffer as 32-bit words):
   * a word's delimiter bytes are found at once (the bytes of word ^ delimiters that are zero, by
   * an exact per-byte test), so the loop branches once per word instead of once per byte.
   */
  private splitWords(buf: Buffer, a: number, b: number): number {
    const d = this.delimiter;
    const pattern = Math.imul(d, 0x01010101);
    const words = this.words!;
    const starts = this.starts;
    const ends = this.ends;
    const n = this.fieldCount;
    let k = 0;
    starts[0] = a;
    let p = a;
    for (; p < b && (p & 3) !== 0; p++) {
      if (buf[p] === d) {
        ends[k] = p;
        if (++k >= n) return k;
        starts[k] = p + 1;
      }
    }
    for (; p + 4 <= b; p += 4) {
      const x = words[p >> 2]! ^ pattern;
      // high bit of each byte of x that is zero (exact: no borrow between bytes)
      let zero = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
      while (zero !== 0) {
        const at = p + ((31 - Math.clz32(zero & -zero)) >> 3);
        ends[k] = at;
        if (++k >= n) return k;
        starts[k] = at + 1;
        zero &= zero - 1;
      }
    }
    for (; p < b; p++) {
      if (buf[p] === d) {
        ends[k] = p;
        if (++k >= n) return k;
        starts[k] = p + 1;
      }
    }
    return k;
  }

  /** Takes a row with the header's field count if every used field is plain; false to fall back. */
  private fast(buf: Buffer, line: number, record: number): boolean {
    const ix = this.index;
    const starts = this.starts;
    const ends = this.ends;
    if (!this.filled(buf, ix.client_id) || !this.filled(buf, ix.staff_id)) return false;
    if (!this.plain(buf, ix.start) || !this.plain(buf, ix.end)) return false;
    const times = this.times;
    this.timeInto(0, buf, ix.start, record);
    this.timeInto(1, buf, ix.end, record);
    if (!this.timesFit()) return false;
    if (!this.plain(buf, ix.visit_id) || !this.plain(buf, ix.kind) || !this.plain(buf, ix.group) || !this.plain(buf, ix.staff_role)
      || !this.plain(buf, ix.contact_staff_id) || !this.plain(buf, ix.client_birth_date) || !this.plain(buf, ix.client_age)) return false;
    const birthDay = ix.client_birth_date < 0 ? null : this.birthDayAt(buf, starts[ix.client_birth_date]!, ends[ix.client_birth_date]!);
    const age = ix.client_age < 0 ? null : this.ages.get(buf, starts[ix.client_age]!, ends[ix.client_age]!);
    if (Number.isNaN(birthDay) || Number.isNaN(age)) return false;
    if (this.places.used && !this.places.read(buf, starts, ends)) return false;
    const r = this.row;
    r.client = this.clients.get(buf, starts[ix.client_id]!, ends[ix.client_id]!);
    r.staff = this.staff.get(buf, starts[ix.staff_id]!, ends[ix.staff_id]!);
    r.group = this.codeOf(this.groups, buf, ix.group);
    r.kind = this.codeOf(this.kinds, buf, ix.kind);
    r.role = this.codeOf(this.roles, buf, ix.staff_role);
    r.contact = this.hasContact() ? this.staff.get(buf, starts[ix.contact_staff_id]!, ends[ix.contact_staff_id]!) : -1;
    this.visitOf(buf, ix.visit_id, this.ascii(buf, ix.visit_id));
    return this.deliver(line, birthDay, age);
  }

  /**
   * {@link LineScanner.fast} for a row the kernel read (its record at `record`): the kernel
   * checked that the fields are plain and numbered the coded values; the same checks follow, in
   * the same order, and the same row is handed on.
   */
  private fastKernel(buf: Buffer, line: number, record: number, codes: KernelCodes): boolean {
    const records = this.kernel!.records;
    const flags = records[record + RECORD_FLAGS]!;
    if ((flags & KERNEL_PLAIN) === 0) return false;
    const ix = this.index;
    const starts = this.starts;
    const ends = this.ends;
    const times = this.times;
    this.timeInto(0, buf, ix.start, record);
    this.timeInto(1, buf, ix.end, record);
    if (!this.timesFit()) return false;
    const v = record + RECORD_VALUES;
    const bd = ix.client_birth_date;
    const date = records[v + 6]!;
    const birthDay = bd < 0 ? null : date >= 0 ? daysFromCivil(date >> 9, (date >> 5) & 15, date & 31) : this.births.get(buf, starts[bd]!, ends[bd]!);
    const age = ix.client_age < 0 ? null : codes.ages.get(records[v + 7]!, buf, starts[ix.client_age]!, ends[ix.client_age]!);
    if (Number.isNaN(birthDay) || Number.isNaN(age)) return false;
    if (this.places.used && !this.places.read(buf, starts, ends)) return false;
    const r = this.row;
    r.client = codes.clients.get(records[v]!, buf, starts[ix.client_id]!, ends[ix.client_id]!);
    r.staff = codes.staff.get(records[v + 1]!, buf, starts[ix.staff_id]!, ends[ix.staff_id]!);
    r.group = this.kernelCode(codes.groups, records[v + 3]!, buf, ix.group);
    r.kind = this.kernelCode(codes.kinds, records[v + 4]!, buf, ix.kind);
    r.role = this.kernelCode(codes.roles, records[v + 5]!, buf, ix.staff_role);
    r.contact = this.hasContact() ? codes.staff.get(records[v + 2]!, buf, starts[ix.contact_staff_id]!, ends[ix.contact_staff_id]!) : -1;
    this.visitOf(buf, ix.visit_id, (flags & KERNEL_ASCII_VISIT) !== 0);
    return this.deliver(line, birthDay, age);
  }

  /** Whether the row's times (in `times`) are plausible, the end after the start and the visit not too long: the converter's checks on times. */
  private timesFit(): boolean {
    const start = this.times[0]!, end = this.times[1]!;
    const limits = this.limits;
    return end > start && plausible(limits, start) && plausible(limits, end) && shortEnough(limits, start, end);
  }

  /** Whether the row names a contact person the consumer wants. */
  private hasContact(): boolean {
    const c = this.index.contact_staff_id;
    return this.wantsContact && c >= 0 && this.starts[c] !== this.ends[c];
  }

  /** Hands on the row (its coded fields set; the times in `times`) and counts it used. */
  private deliver(line: number, birthDay: number | null, age: number | null): true {
    const r = this.row;
    r.line = line;
    r.start = this.times[0]!;
    r.end = this.times[1]!;
    r.birthDay = birthDay;
    r.age = age === null ? null : Math.floor(age);
    this.ledger.read++;
    this.ledger.used++;
    try {
      this.sink.addCoded(r); // no closure per row, as guard() would make
    } catch (e) {
      this.consumerError = e;
      throw e;
    }
    return true;
  }

  /**
   * Time `k` of the row (0 start, 1 end: words 3–4 and 5–6 of the kernel's record) into `times[k]`:
   * a time the kernel read (the same reading as parseTimeInto's) only needs its zone offset (NaN
   * in a daylight-saving gap); any other is parsed from field `column`.
   */
  private timeInto(k: 0 | 1, buf: Buffer, column: number, record: number): void {
    const date = record < 0 ? -1 : this.kernel!.records[record + 3 + 2 * k]!;
    if (date < 0) return parseTimeInto(this.times, k, buf, this.starts[column]!, this.ends[column]!, this.zone, this.failure);
    const clock = this.kernel!.records[record + 4 + 2 * k]!;
    this.times[k] = this.zone.toEpoch(date >> 9, (date >> 5) & 15, date & 31, clock >> 12, (clock >> 6) & 63, clock & 63, 0);
  }

  /**
   * The birth day of field [a, b): a plain `YYYY-MM-DD` is parsed where it lies (the general
   * reader's parser, so the same day); anything else (empty, longer, not a date) is left to the
   * general reader's rule, once per distinct value.
   */
  private birthDayAt(buf: Buffer, a: number, b: number): number | null {
    const day = parseDayCodes(buf, a, b);
    return Number.isNaN(day) ? this.births.get(buf, a, b) : day;
  }

  /** The number of a text field ('' when the column is absent or empty). */
  private codeOf(coder: Memo<number>, buf: Buffer, column: number): number {
    return column < 0 ? coder.get(buf, 0, 0) : coder.get(buf, this.starts[column]!, this.ends[column]!);
  }

  /** The number of a text field by the kernel's number `raw` for it ('' when the column is absent or empty). */
  private kernelCode(codes: NumberCodes, raw: number, buf: Buffer, column: number): number {
    return column < 0 ? codes.get(raw, buf, 0, 0) : codes.get(raw, buf, this.starts[column]!, this.ends[column]!);
  }

  /** Whether field `column` has only ASCII bytes (true when absent). */
  private ascii(buf: Buffer, column: number): boolean {
    return column < 0 || asciiBytes(buf, this.starts[column]!, this.ends[column]!);
  }

  /** Points the row at the visit id: its bytes when they are ASCII (`ascii`), else its text. */
  private visitOf(buf: Buffer, column: number, ascii: boolean): void {
    const r = this.row;
    r.visitId = '';
    r.bytes = null;
    if (column < 0) return;
    const a = this.starts[column]!;
    const b = this.ends[column]!;
    if (!ascii) {
      r.visitId = buf.toString('utf8', a, b);
      return;
    }
    r.bytes = buf;
    r.visitFrom = a;
    r.visitTo = b;
  }

  /** True when the field is present, not empty and plain. */
  private filled(buf: Buffer, column: number): boolean {
    return column >= 0 && this.starts[column]! < this.ends[column]! && this.plain(buf, column);
  }

  /** True when the field cannot start or end with white space (so trimming it is a no-op). */
  private plain(buf: Buffer, column: number): boolean {
    if (column < 0) return true;
    const a = this.starts[column]!;
    const b = this.ends[column]!;
    return a === b || (PLAIN_FIRST[buf[a]!] === 1 && PLAIN_LAST[buf[b - 1]!] === 1);
  }
}
