const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Called once per row: its fields, the 1-based line it starts on, and whether a quote was malformed. */
export type RowSink = (fields: string[], line: number, malformed: boolean) => void;

/**
 * An incremental RFC 4180 tokenizer over string chunks. Rows end at LF, CRLF or a lone CR (old
 * Excel and Mac exports), mixed in one file as they come; fields may be
 * quoted with `"` (a doubled `""` is a quote) and then hold delimiters and line breaks. Every row is
 * emitted with the line it starts on, whatever its number of fields: a short row stays a short
 * row (some fast CSV parsers merge it with the next one), so the caller can reject it by line.
 * Blank lines are counted in {@link CsvTokenizer.blankLines}, not emitted. A quote that never
 * closes (by the end of the input, or within 1 Mi characters) makes its row malformed, and
 * reading goes on at the next line, so the rows after a stray quote are not lost.
 *
 * Unquoted rows take a fast path: find the line end, check there is no quote, `split`.
 */
export class CsvTokenizer {
  /** Blank lines seen (not rows). */
  blankLines = 0;
  private buf = '';
  private line: number;
  private readonly delimiter: string;
  private readonly delimiterCode: number;

  constructor(delimiter: string, private readonly sink: RowSink, firstLine = 1) {
    this.line = firstLine;
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    this.buf = this.buf.length > 0 ? this.buf + chunk : chunk;
    this.scan(false);
  }

  /** The number of the line the next character pushed falls on. */
  lineAtEnd(): number {
    return this.line + countLineBreaks(this.buf);
  }

  /** Ends the input: the last row may lack a line break; an unclosed quote is reported as malformed. */
  end(): void {
    this.scan(true);
    this.buf = '';
  }

  private scan(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    let i = 0;
    let nextQuote = buf.indexOf('"');
    if (nextQuote < 0) nextQuote = n;
    let nextCr = buf.indexOf('\r');
    if (nextCr < 0) nextCr = n;
    while (i < n) {
      let nl = buf.indexOf('\n', i);
      if (nextCr < i) {
        nextCr = buf.indexOf('\r', i);
        if (nextCr < 0) nextCr = n;
      }
      // a lone CR ends a line too (a CR last in the buffer may be the first half of a CRLF)
      if (nextCr < n && (nl < 0 || nextCr + 1 < nl)) {
        if (nextCr + 1 >= n && !final) break;
        nl = nextCr;
      }
      if (nl < 0) {
        if (!final) break;
        nl = n;
      }
      if (nextQuote < i) {
        nextQuote = buf.indexOf('"', i);
        if (nextQuote < 0) nextQuote = n;
      }
      if (nextQuote >= nl) {
        const lineEnd = nl > i && buf.charCodeAt(nl - 1) === CR && buf.charCodeAt(nl) === LF ? nl - 1 : nl;
        if (lineEnd === i) this.blankLines++;
        else this.sink(buf.slice(i, lineEnd).split(this.delimiter), this.line, false);
        this.line++;
        i = nl + 1;
        continue;
      }
      const next = this.quotedRow(buf, i, final);
      if (next < 0) break;
      i = next;
    }
    this.buf = i >= n ? '' : buf.slice(i);
  }

  /** Reports the row starting at `i` as malformed and goes on at the line after its first line. */
  private resync(buf: string, i: number): number {
    this.sink([], this.line, true);
    this.line++;
    for (let p = i; p < buf.length; p++) {
      const c = buf.charCodeAt(p);
      if (c === LF) return p + 1;
      if (c === CR) return buf.charCodeAt(p + 1) === LF ? p + 2 : p + 1;
    }
    return buf.length;
  }

  /** Parses one row that holds a quote, starting at `i`. Returns the index after it, or -1 if more input is needed. */
  private quotedRow(buf: string, i: number, final: boolean): number {
    const n = buf.length;
    const d = this.delimiterCode;
    const fields: string[] = [];
    let lines = 1;
    let malformed = false;
    let j = i;
    for (;;) {
      let value: string;
      if (j < n && buf.charCodeAt(j) === QUOTE) {
        value = '';
        let seg = j + 1;
        for (;;) {
          const k = buf.indexOf('"', seg);
          if (k < 0 || (k + 1 >= n && !final)) {
            if (!final && n - i <= MAX_ROW) return -1;
            // never closed (or absurdly long): the row is malformed; read on from its next line
            return this.resync(buf, i);
          }
          if (buf.charCodeAt(k + 1) === QUOTE) {
            value += buf.slice(seg, k + 1);
            seg = k + 2;
            continue;
          }
          value += buf.slice(seg, k);
          j = k + 1;
          break;
        }
        lines += countLineBreaks(value);
        const k = fieldEnd(buf, j, d);
        if (k >= n && !final) return -1;
        if (k > j) {
          malformed = true;
          value += buf.slice(j, k);
        }
        j = k;
      } else {
        const k = fieldEnd(buf, j, d);
        if (k >= n && !final) return -1;
        value = buf.slice(j, k);
        j = k;
      }
      fields.push(value);
      if (j < n && buf.charCodeAt(j) === d) {
        j++;
        if (j >= n && !final) return -1;
        continue;
      }
      break;
    }
    // the line end: LF, CRLF or a lone CR (a CR last in the buffer waits for what follows it)
    if (j < n && buf.charCodeAt(j) === CR) {
      if (j + 1 >= n && !final) return -1;
      if (buf.charCodeAt(j + 1) === LF) j++;
    }
    if (j < n) j++;
    this.sink(fields, this.line, malformed);
    this.line += lines;
    return j;
  }
}

/**
 * A row longer than this (in UTF-16 units) whose quote has not closed is taken as a stray quote,
 * so one bad quote cannot make the reader hold and rescan the rest of the file.
 */
const MAX_ROW = 1 << 20;

/** Where the field starting at `j` ends: at the delimiter `d`, a line end (LF or CR) or the end of the buffer. */
function fieldEnd(buf: string, j: number, d: number): number {
  let k = j;
  for (let c = buf.charCodeAt(k); k < buf.length && c !== d && c !== LF && c !== CR; c = buf.charCodeAt(++k));
  return k;
}

/** Line breaks in `s`: LF, CRLF (one) and lone CR. */
function countLineBreaks(s: string): number {
  let count = 0;
  for (let p = 0; p < s.length; p++) {
    const c = s.charCodeAt(p);
    if (c === LF || (c === CR && s.charCodeAt(p + 1) !== LF)) count++;
  }
  return count;
}

/**
 * Picks the delimiter of a header line: the most frequent of `;`, tab and `,` outside quotes
 * (ties in that order, since Swedish exports favour `;`). Returns `,` when none occurs.
 *
 * @example
 * detectDelimiter('Brukare;Personal;Starttid'); // → ';'
 */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([[';', 0], ['\t', 0], [',', 0]]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [ch, c] of counts) {
    if (c > bestCount) {
      best = ch;
      bestCount = c;
    }
  }
  return best;
}
