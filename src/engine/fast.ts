/**
 * The engine's fast reading path: {@link fastScanFile} reads a whole CSV file, {@link fastScanPiece}
 * one piece of a {@link WorkTable} (a thread's share), both through the line scanner of
 * `./line-scanner.ts`. The row contract with consumers is in `./coded-row.ts`; it and the
 * scanner's {@link QuotedRange} and {@link KeptKernel} are re-exported here for the importers.
 *
 * @module
 */

import { isUtf8 } from 'node:buffer';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { KontinuitetError } from '../errors.js';
import { LocalZone } from '../windows/zone.js';
import { accountant, closeLedger, idMap, newLedger, openBytes } from '../read/read.js';
import type { WorkTable } from './worktable.js';
import type { ReadLedger, ReadOptions } from '../read/types.js';
import type { CodedSink } from './coded-row.js';
import { CR, LF, LineScanner, QUOTE, type KeptKernel } from './line-scanner.js';

export type { CodedColumn, CodedRow, CodedSink } from './coded-row.js';
export { QuotedRange, type KeptKernel } from './line-scanner.js';

/**
 * Reads a CSV file straight from its bytes for a measure: lines are split on the delimiter byte,
 * times parsed where they lie in the buffer (the same parser as the general reader), and every
 * repeating text value is looked up by its bytes and handed on as the consumer's number for it —
 * no decoded chunk, no line string, no array of fields, no {@link Visit} per row. A row the fast
 * path cannot take as it is — a field count that differs from the header, white space or
 * non-ASCII bytes at the edge of a field, a value the general reader would reject — goes through
 * the general converter, so the issues and the ledger are the general reader's. From the first
 * line holding a quote on, the rest of the file goes through the general tokenizer (quoted fields
 * may hold line breaks).
 *
 * Returns null without reading rows when the options need the general path (Windows-1252).
 *
 * @example
 * const ledger = await fastScanFile('visits.csv', sink, { use: MEASURE_COLUMNS });
 */
export async function fastScanFile(path: string, sink: CodedSink, options: ReadOptions): Promise<ReadLedger | null> {
  if (options.encoding === 'latin1') return null;
  const zone = new LocalZone(options.zone ?? 'Europe/Stockholm');
  const ledger = newLedger();
  const mapId = idMap(options);
  const account = accountant(ledger, options, (v) => sink.addVisit(v));
  const stream = await openBytes(path, options.onProgress);

  let scanner: LineScanner | null = null;
  let head: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (scanner === null) {
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
        const nl = head.indexOf(LF);
        const cr = head.indexOf(CR);
        // a lone CR before the first LF (CR line ends): the general reader reads the file
        if (cr >= 0 && (nl < 0 ? cr + 1 < head.length : cr + 1 < nl)) {
          (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          return null;
        }
        if (nl < 0) continue;
        // a header that is not UTF-8: the general reader gives the error
        if (!headerFits(head, nl) || (options.encoding === undefined && !isUtf8(head.subarray(0, nl)))) {
          (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          return null;
        }
        scanner = new LineScanner(head, nl, zone, mapId, options, ledger, account, sink);
        scanner.push(head.subarray(nl + 1));
      } else scanner.push(chunk);
    }
  } catch (e) {
    if (e instanceof KontinuitetError || scanner?.consumerError === e) throw e;
    throw new KontinuitetError('UNREADABLE_INPUT', `cannot read the input: ${(e as Error).message}`);
  }
  if (scanner === null) {
    if (options.encoding === undefined && !isUtf8(head)) return null;
    if (head.toString('utf8').trim() === '') throw new KontinuitetError('EMPTY_INPUT', 'the input is empty: expected a header row and visit rows');
    scanner = new LineScanner(head, head.length, zone, mapId, options, ledger, account, sink);
  }
  scanner.end();
  return closeLedger(ledger, options);
}

/**
 * {@link fastScanFile} over piece `p` of a {@link WorkTable} (the header is read from the file's
 * start): the lines that start in the piece ({@link WorkTable} says which), its units claimed one
 * at a time, so another thread may take the back of it meanwhile. Lines are numbered from
 * `firstLine`. Throws {@link QuotedRange} when the piece holds a quote; returns null when the file
 * needs the general path. `nextLine` is the number the line after the piece would get. Lines are
 * split by the WebAssembly kernel ({@link SplitKernel}) unless `kernel` is false (then in
 * JavaScript: the same rows; tests compare the two); given a {@link KeptKernel}, by the kernel
 * kept there (made and kept when there is none that fits).
 *
 * @example
 * const { ledger, nextLine } = await fastScanPiece('visits.csv', table, 1, 1, sink, options);
 */
export async function fastScanPiece(path: string, table: WorkTable, p: number, firstLine: number, sink: CodedSink, options: ReadOptions, kernel: boolean | KeptKernel = true): Promise<{ ledger: ReadLedger; nextLine: number } | null> {
  if (options.encoding === 'latin1') return null;
  const head = await readHeader(path);
  if (head === null || !headerFits(head.bytes, head.end) || (options.encoding === undefined && !isUtf8(head.bytes.subarray(0, head.end)))) return null;
  const ledger = newLedger();
  const account = accountant(ledger, options, (v) => sink.addVisit(v));
  const scanner = new LineScanner(head.bytes, head.end, new LocalZone(options.zone ?? 'Europe/Stockholm'), idMap(options), options, ledger, account, sink, firstLine, true);
  if (kernel !== false) scanner.useKernel(pieceBufferSize(table), kernel === true ? null : kernel);
  const fd = openSync(path, 'r');
  try {
    readPiece(fd, table, p, scanner);
  } finally {
    closeSync(fd);
  }
  scanner.end();
  return { ledger, nextLine: scanner.nextLine };
}

/**
 * Reads piece `p` into the scanner, synchronously (a worker has nothing else to do while it
 * waits): from the byte before the piece (a line break there means the piece starts on a line),
 * skipping to the first line start, then unit by unit into one reused buffer whose unfinished last
 * line moves to the front (a bigger buffer while a line does not fit), and after the last unit on
 * to the end of the line it is in.
 */
function readPiece(fd: number, table: WorkTable, p: number, scanner: LineScanner): void {
  const size = pieceBufferSize(table);
  let buf = scanner.buffer(size);
  let kept = 0;
  let seeking = true; // until the first line start
  const take = (at: number, length: number): number => {
    if (buf.length < kept + length) buf = Buffer.concat([buf.subarray(0, kept), Buffer.allocUnsafe(Math.max(length, buf.length))]);
    let n = 0;
    while (n < length) {
      const read = readSync(fd, buf, kept + n, length - n, at + n);
      if (read <= 0) break;
      n += read;
    }
    let end = kept + n;
    if (seeking) {
      const nl = buf.subarray(0, end).indexOf(LF);
      if (nl < 0) end = 0;
      else {
        buf.copyWithin(0, nl + 1, end);
        end -= nl + 1;
        seeking = false;
      }
    }
    kept = end;
    return n;
  };
  for (let unit = table.claim(p), first = true; unit >= 0; unit = table.claim(p), first = false) {
    const { from, to } = table.piece(p);
    const length = Math.min(table.unit, to - unit);
    // the first unit with the byte before it: a line break there is where the piece's first line starts
    if (first) take(from - 1, length + 1);
    else take(unit, length);
    const done = scanner.lines(buf, kept);
    buf = scanner.moved(buf);
    buf.copyWithin(0, done, kept);
    kept -= done;
    // after a line longer than the buffer: back to the first buffer (the kernel's) once the rest fits
    if (buf.length > size && kept + table.unit + 1 <= size) {
      const first = scanner.buffer(size);
      buf.copy(first, 0, 0, kept);
      buf = first;
    }
  }
  if (seeking) return; // no line starts in the piece: the line it is in is the piece before's
  // the line the last unit ends in, to its line break (or the end of the file)
  for (let at = table.end(p); kept > 0;) {
    const before = kept;
    const n = take(at, 1 << 16);
    if (n === 0) break;
    at += n;
    const nl = buf.subarray(before, kept).indexOf(LF);
    if (nl >= 0) {
      scanner.lines(buf, before + nl + 1);
      kept = 0;
    }
  }
  if (kept > 0) scanner.push(Buffer.from(buf.subarray(0, kept)));
}

/** The buffer {@link readPiece} starts with: a unit, the byte before it and room for a line's end. */
function pieceBufferSize(table: WorkTable): number {
  return table.unit + 1 + (1 << 16);
}

/** The bytes of a file up to its first LF (`end`: where the LF is), or null when it has none or its first line ends in a lone CR. */
export async function readHeader(path: string): Promise<{ bytes: Buffer; end: number } | null> {
  let bytes = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    bytes = Buffer.concat([bytes, chunk as Buffer]);
    const end = bytes.indexOf(LF);
    const cr = bytes.indexOf(CR);
    if (cr >= 0 && (end < 0 ? cr + 1 < bytes.length : cr + 1 < end)) return null; // CR line ends
    if (end >= 0) return { bytes, end };
  }
  return null;
}

/** A header the fast path can take: its quotes (if any) close on its first line. */
function headerFits(head: Buffer, headerEnd: number): boolean {
  let quotes = 0;
  for (let p = head.indexOf(QUOTE); p >= 0 && p < headerEnd; p = head.indexOf(QUOTE, p + 1)) quotes++;
  return quotes % 2 === 0;
}
