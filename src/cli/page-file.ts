// The report's page written to a file or a stream a piece at a time (report.ts).
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { collectGarbage } from '../engine/garbage.js';

/**
 * Characters of the page written between two full collections (see {@link writeParts}): a page
 * of ~38,000 clients (~28 M characters) is written without one; a national page collects now and then.
 */
const COLLECT_EVERY = 32 << 20;

/** A piece of the page: text, or a file of the page written before (its bytes, {@link pieces}). */
export type PagePiece = string | { file: string };

/** Characters of the page's text gathered before they are written at once (the page's start comes in ~9,000 pieces at 2M rows). */
const TEXT_PIECE = 1 << 16;

/**
 * The page's pieces as text or bytes: consecutive text joined into pieces of at least 64 K
 * characters (or up to the next file), a file's bytes in pieces of 1 MB, each read into the same
 * buffer (`reused`: for a writer done with a piece when it takes the next), else each a copy of its own.
 */
export function* pieces(parts: Iterable<PagePiece>, reused: boolean): Generator<string | Buffer> {
  const buf = Buffer.allocUnsafe(1 << 20);
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      if (text.length >= TEXT_PIECE) {
        yield text;
        text = '';
      }
      continue;
    }
    if (text !== '') {
      yield text;
      text = '';
    }
    const fd = openSync(part.file, 'r');
    try {
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        yield reused ? buf.subarray(0, n) : Buffer.from(buf.subarray(0, n));
      }
    } finally {
      closeSync(fd);
    }
  }
  if (text !== '') yield text;
}

/**
 * Writes the page's pieces to `file` as they are made (a national log's page is never one
 * string), with a full collection every {@link COLLECT_EVERY} characters: what the pieces are
 * made of (the clients as objects, their names, a chart's rows) outlives V8's young generation and
 * would otherwise pile up until V8 next grows its heap. No half page is left on an error.
 */
export function writeParts(file: string, parts: Iterable<PagePiece>): void {
  const fd = openSync(file, 'w');
  try {
    let written = 0;
    for (const part of pieces(parts, true)) {
      if (typeof part === 'string') writeSync(fd, part);
      else writeSync(fd, part);
      written += part.length;
      if (written >= COLLECT_EVERY) {
        written = 0;
        collectGarbage();
      }
    }
  } catch (e) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw e;
  }
  closeSync(fd);
}
