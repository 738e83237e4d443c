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

/**
 * Writes rows of plain objects as CSV with fast-csv (headers from `columns`, formula escaping
 * on) to a writable stream, and resolves when written.
 *
 * @example
 * await writeCsv(process.stdout, [{ a: 1, b: '=x' }], ['a', 'b']); // prints a,b / 1,'=x
 */
export async function writeCsv(out: NodeJS.WritableStream, rows: Iterable<Record<string, unknown>>, columns: readonly string[], options: FormatterOptionsArgs<Record<string, unknown>, Record<string, unknown>> = {}): Promise<void> {
  // loaded when CSV is written: a command that prints a table or JSON does without it
  const { format } = await import('fast-csv');
  return new Promise((resolve, reject) => {
    const stream = format<Record<string, unknown>, Record<string, unknown>>({
      headers: [...columns],
      ...options,
      transform: (row: Record<string, unknown>) => Object.fromEntries(columns.map((c) => [c, escapeFormula(row[c] ?? '')])),
    });
    stream.on('error', reject);
    stream.on('end', resolve);
    stream.pipe(out, { end: false });
    for (const row of rows) stream.write(row);
    stream.end();
  });
}
