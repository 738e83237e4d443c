/**
 * plan.csv: the input file again, with exactly its columns and rows in the same order, and only
 * the staff_id cells of reassigned rows changed. Every other cell keeps its text (the reader's
 * tokenizer gives the fields; they are written back quoted only where the CSV needs it), so any
 * planning system or `kontinuitet measure` reads the plan as it read the input.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { KontinuitetError } from '../errors.js';
import { CsvTokenizer, detectDelimiter } from '../read/csv.js';
import { resolveColumns, type CanonicalColumn } from '../read/columns.js';

/**
 * How to read the input again: its encoding, delimiter and column mapping (as given to the reader).
 *
 * @example
 * const o: PlanCsvOptions = { encoding: 'utf8', delimiter: ';', columns: { staff_id: 'Personal' } };
 */
export interface PlanCsvOptions {
  encoding?: 'utf8' | 'latin1';
  delimiter?: ',' | ';' | '\t';
  columns?: Partial<Record<CanonicalColumn, string>>;
}

/**
 * The text of plan.csv from the input's text: the row starting on line `line` gets
 * `staffByLine.get(line)` as its staff_id when given. Line breaks are the input's first kind
 * (`\r\n` or `\n`); a byte-order mark stays.
 *
 * @example
 * planCsvText('client_id,staff_id,start,end\nC1,S1,2024-10-01 08:00,2024-10-01 08:30\n', new Map([[2, 'S2']]));
 * // → 'client_id,staff_id,start,end\nC1,S2,2024-10-01 08:00,2024-10-01 08:30\n'
 */
export function planCsvText(text: string, staffByLine: ReadonlyMap<number, string>, options: PlanCsvOptions = {}): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = bom === '' ? text : text.slice(1);
  const firstLine = body.split(/\r\n|\r|\n/, 1)[0]!;
  const delimiter = options.delimiter ?? detectDelimiter(firstLine);
  const eol = /\r\n/.test(body.slice(0, firstLine.length + 2)) ? '\r\n' : '\n';
  const out: string[] = [];
  let staffColumn = -1;
  const tokenizer = new CsvTokenizer(delimiter, (fields, line, malformed) => {
    if (malformed) throw new KontinuitetError('UNREADABLE_INPUT', `line ${line}: a quoted field is not closed: the plan cannot be written from this file`);
    if (staffColumn < 0) staffColumn = resolveColumns(fields, options.columns).staff_id;
    else {
      const staff = staffByLine.get(line);
      if (staff !== undefined) fields[staffColumn] = staff;
    }
    out.push(fields.map((f) => quoted(f, delimiter)).join(delimiter));
  });
  tokenizer.push(body);
  tokenizer.end();
  return bom + out.join(eol) + eol;
}

/** A field as CSV: in quotes (inner quotes doubled) only when it holds the delimiter, a quote or a line break. */
function quoted(field: string, delimiter: string): string {
  return field.includes(delimiter) || /["\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * Reads a file's text in the encoding the reader used (`latin1`: Windows-1252).
 *
 * @example
 * const text = await readText('visits.csv', {});
 */
export async function readText(path: string, options: PlanCsvOptions): Promise<string> {
  const bytes = await readFile(path);
  return new TextDecoder(options.encoding === 'latin1' ? 'windows-1252' : 'utf-8', { ignoreBOM: true }).decode(bytes);
}
