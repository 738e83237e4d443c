import { KontinuitetError } from '../errors.js';

const LF = 10;
const CR = 13;

/**
 * The error of a file read without an encoding that holds bytes that are not UTF-8 (most often a
 * Windows-1252 export): reading on would turn its letters into other text (a header such as
 * `Hemtjänstgrupp` no longer found, groups and birth dates lost), so the read stops and names
 * the option.
 *
 * @example
 * notUtf8(2).message; // → 'line 2: bytes that are not UTF-8 …: give --encoding latin1 …'
 */
export function notUtf8(line: number): KontinuitetError {
  return new KontinuitetError('UNREADABLE_INPUT', `line ${line}: bytes that are not UTF-8 (the file may be Windows-1252, as older Excel exports are): give --encoding latin1 (option encoding: 'latin1') to read it as Windows-1252, or convert it to UTF-8`);
}

/**
 * Where the first byte of `buf[a, b)` that is not part of a valid UTF-8 sequence is (`b` when
 * there is none; a sequence cut by `b` counts as invalid).
 *
 * @example
 * firstInvalidUtf8(Buffer.from([0x41, 0xe4, 0x42]), 0, 3); // → 1
 */
export function firstInvalidUtf8(buf: Uint8Array, a: number, b: number): number {
  for (let p = a; p < b;) {
    const c = buf[p]!;
    if (c < 0x80) { p++; continue; }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) { n = 2; if (c === 0xe0) lo = 0xa0; else if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; if (c === 0xf0) lo = 0x90; else if (c === 0xf4) hi = 0x8f; }
    else return p;
    if (p + n >= b) return p;
    const second = buf[p + 1]!;
    if (second < lo || second > hi) return p;
    for (let k = 2; k <= n; k++) if ((buf[p + k]! & 0xc0) !== 0x80) return p;
    p += n + 1;
  }
  return b;
}

/**
 * Line ends in `buf[a, b)`: LF, CRLF (one) and lone CR.
 *
 * @example
 * lineEnds(Buffer.from('a\r\nb\rc\n'), 0, 7); // → 3
 */
export function lineEnds(buf: Uint8Array, a: number, b: number): number {
  let n = 0;
  for (let p = a; p < b; p++) if (buf[p] === LF || (buf[p] === CR && buf[p + 1] !== LF)) n++;
  return n;
}

/**
 * Where the first CR of `buf[a, b)` not followed by LF is, or -1 (a CR at `b - 1` is judged by
 * the byte at `b`). One search per CR: nothing for a file with LF line ends.
 *
 * @example
 * loneCr(Buffer.from('a\r\nb\rc'), 0, 6); // → 4
 */
export function loneCr(buf: Uint8Array, a: number, b: number): number {
  for (let p = buf.indexOf(CR, a); p >= 0 && p < b; p = buf.indexOf(CR, p + 2)) if (buf[p + 1] !== LF) return p;
  return -1;
}
