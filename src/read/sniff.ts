import { open } from 'node:fs/promises';
import { KontinuitetError } from '../errors.js';

/** How many bytes from the start of an input {@link sniffStart} looks at. */
export const SNIFF_BYTES = 4096;

const FIX = 'save it as "CSV UTF-8" (Excel: Save As → CSV UTF-8) and read that file';

function unreadable(what: string, fix: string = FIX): KontinuitetError {
  return new KontinuitetError('UNREADABLE_INPUT', `the input ${what}, not a CSV text file: ${fix}`, { sniffed: what });
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b);
}

/**
 * Looks at the first bytes of an input before it is read as CSV and throws `UNREADABLE_INPUT`
 * with what the input looks like and how to fix it, without echoing any of its bytes: UTF-16
 * (a byte-order mark FF FE / FE FF, or a NUL in every other byte), a binary file (a zip such as
 * an Excel .xlsx, an old .xls, gzip, PDF; NULs in more than 1 % of the bytes, or NULs and
 * control bytes in more than 10 %), or JSON (`[` or `{` first, then JSON). Returns quietly for anything else.
 *
 * @example
 * sniffStart(new Uint8Array([0xff, 0xfe, 0x61, 0x00])); // throws UNREADABLE_INPUT: looks like UTF-16
 */
export function sniffStart(bytes: Uint8Array): void {
  const b = bytes.subarray(0, SNIFF_BYTES);
  const n = b.length;
  if (n === 0) return;
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) {
    throw unreadable(`looks like UTF-16 text (byte-order mark ${b[0] === 0xff ? 'FF FE' : 'FE FF'})`);
  }
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) throw unreadable('looks like a zip archive such as an Excel workbook (.xlsx)');
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0])) throw unreadable('looks like an old Excel workbook (.xls)');
  if (startsWith(b, [0x1f, 0x8b])) throw unreadable('looks like a gzip-compressed file', 'unpack it first (gunzip)');
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) throw unreadable('looks like a PDF file', 'export the visit log as CSV instead');
  let nulEven = 0;
  let nulOdd = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    } else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  const half = n / 2;
  // UTF-16 without a byte-order mark: mostly ASCII text, so a NUL in (nearly) every other byte
  if (n >= 4 && ((nulOdd >= 0.4 * half && nulEven <= 0.05 * half) || (nulEven >= 0.4 * half && nulOdd <= 0.05 * half))) {
    throw unreadable(`looks like UTF-16 text (${nulOdd > nulEven ? 'little' : 'big'}-endian, without a byte-order mark)`);
  }
  const nul = nulEven + nulOdd;
  if (nul > 0.01 * n || nul + control > 0.1 * n) throw unreadable('looks like a binary file (an Excel workbook?)');
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < n && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  const first = b[i];
  if (first === 0x5b || first === 0x7b) {
    let j = i + 1;
    while (j < n && (b[j] === 0x20 || b[j] === 0x09 || b[j] === 0x0a || b[j] === 0x0d)) j++;
    const next = b[j];
    // '[' then a value or ']', '{' then a key or '}': JSON; a CSV header cell in brackets is not
    const json = j >= n || (first === 0x5b ? next === 0x7b || next === 0x5b || next === 0x22 || next === 0x5d : next === 0x22 || next === 0x7d);
    if (json) throw unreadable('looks like JSON', 'give the command a CSV file, or pass the rows as objects to readVisits / measureContinuity');
  }
}

/**
 * The chunks of a byte stream as they come, after {@link sniffStart} has looked at its first
 * {@link SNIFF_BYTES} bytes (chunks are held until then, and passed on unchanged).
 *
 * @example
 * for await (const chunk of sniffed(process.stdin)) { … }
 */
export async function* sniffed(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  const held: (Uint8Array | string)[] = [];
  let size = 0;
  let done = false;
  for await (const chunk of source) {
    if (done) {
      yield chunk;
      continue;
    }
    held.push(chunk);
    size += chunk.length;
    if (size < SNIFF_BYTES) continue;
    done = true;
    sniffStart(joined(held));
    yield* held.splice(0);
  }
  if (!done) {
    sniffStart(joined(held));
    yield* held;
  }
}

function joined(chunks: readonly (Uint8Array | string)[]): Uint8Array {
  return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
}

/**
 * {@link sniffStart} on the first {@link SNIFF_BYTES} bytes of a file (a file that cannot be
 * opened is left to the reader, which names the error).
 *
 * @example
 * await sniffFile('visits.xlsx'); // throws UNREADABLE_INPUT: looks like a zip archive such as an Excel workbook
 */
export async function sniffFile(path: string): Promise<void> {
  let head: Uint8Array;
  try {
    const file = await open(path, 'r');
    try {
      const buf = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await file.read(buf, 0, SNIFF_BYTES, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch {
    return;
  }
  sniffStart(head);
}
