import { once } from 'node:events';
import type { FormatterOptionsArgs } from 'fast-csv';

/**
 * Makes a cell safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading `'` so it is not run as a formula (CSV injection). Numbers are
 * left alone.
 *
 * @example
 * escapeFormula('=HYPERLINK("x")'); // → "'=HYPERLINK(\"x\")"
 * escapeFormula(-3); // → -3
 */
export function escapeFormula(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  const c = value.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${value}` : value;
}

/** Bytes of CSV text gathered before they are written to the stream at once (each piece a new buffer, garbage once written). */
const PIECE_BYTES = 1 << 14;

/**
 * Writes rows of plain objects as CSV with fast-csv (headers from `columns`, formula escaping
 * on) to a writable stream, and resolves when written. The rows are taken as the stream accepts
 * them (a slow reader, such as a pipe, holds back the rows rather than the memory filling), and
 * the text goes out in pieces of 16 KiB rather than a write a row.
 *
 * @example
 * await writeCsv(process.stdout, [{ a: 1, b: '=x' }], ['a', 'b']); // prints a,b / 1,'=x
 */
export async function writeCsv(out: NodeJS.WritableStream, rows: Iterable<Record<string, unknown>>, columns: readonly string[], options: FormatterOptionsArgs<Record<string, unknown>, unknown[]> = {}): Promise<void> {
  // loaded when CSV is written: a command that prints a table or JSON does without it
  const { format } = await import('fast-csv');
  const stream = format<Record<string, unknown>, unknown[]>({
    headers: [...columns],
    ...options,
    // a row's cells in the columns' order: fast-csv takes them as they are under the headers given
    transform: (row: Record<string, unknown>) => columns.map((c) => escapeFormula(row[c] ?? '')),
  });
  const written = new Promise<void>((resolve, reject) => {
    let pieces: Buffer[] = [];
    let bytes = 0;
    const send = () => {
      const ok = out.write(pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, bytes));
      pieces = [];
      bytes = 0;
      return ok;
    };
    stream.on('data', (text: Buffer) => {
      pieces.push(text);
      bytes += text.length;
      if (bytes < PIECE_BYTES || send()) return;
      stream.pause();
      out.once('drain', () => stream.resume());
    });
    stream.on('error', reject);
    stream.on('end', () => {
      if (bytes > 0) send();
      resolve();
    });
  });
  const fed = (async () => {
    for (const row of rows) if (!stream.write(row)) await once(stream, 'drain');
    stream.end();
  })();
  await Promise.all([written, fed]);
}
