/**
 * Reading an Excel workbook (.xlsx) as a visit log: one sheet (the first, or the one `sheet`
 * names), its first non-empty row the header, every later row a row of the log numbered by its
 * sheet row. The rows go through the same converter as a CSV's, so a row is used, excluded or
 * rejected exactly as it would be in a CSV, and an issue names the sheet and the sheet row.
 *
 * The workbook is streamed (exceljs' streaming WorkbookReader: the zip is read entry by entry,
 * a sheet stored before the shared strings waits in a temporary file), and the library is loaded
 * only when a workbook is read.
 *
 * @module
 */

import { sheetsLast } from './zip-order.js';
import { open, readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { KontinuitetError, type RowIssue } from '../errors.js';
import { safeText } from '../safe-text.js';
import type { LocalZone } from '../windows/zone.js';
import { CANONICAL_COLUMNS, describeColumns, resolveColumns, usedColumns, type CanonicalColumn } from './columns.js';
import { timeLimits } from './plausible.js';
import { RowConverter } from './row.js';
import { cellText, type CellKind } from './xlsx-cells.js';
import type { ReadLedger, ReadOptions, Visit } from './types.js';

/** The first bytes of a zip archive, as every .xlsx is. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;

/**
 * Whether bytes start as a zip archive (an .xlsx workbook is one).
 *
 * @example
 * isWorkbookStart(new Uint8Array([0x50, 0x4b, 0x03, 0x04])); // → true
 */
export function isWorkbookStart(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** Whether the file at `path` starts as a zip archive; false when it cannot be opened (the reader names that error). */
export async function isWorkbookFile(path: string): Promise<boolean> {
  try {
    const file = await open(path, 'r');
    try {
      const head = Buffer.alloc(4);
      const { bytesRead } = await file.read(head, 0, 4, 0);
      return bytesRead === 4 && isWorkbookStart(head);
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
}

/**
 * Looks at the first bytes of a byte stream without losing them: whether it is a workbook, and
 * a stream that gives every byte from the first (the chunks read to look, then the rest).
 */
export async function peekStream(stream: NodeJS.ReadableStream): Promise<{ workbook: boolean; stream: NodeJS.ReadableStream }> {
  const it = (stream as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
  const held: (Uint8Array | string)[] = [];
  let size = 0;
  let done = false;
  while (size < ZIP_MAGIC.length) {
    const next = await it.next();
    if (next.done === true) {
      done = true;
      break;
    }
    held.push(next.value);
    if (typeof next.value === 'string') break; // a decoded text stream is no workbook
    size += next.value.length;
  }
  const first = held[0];
  const workbook = first !== undefined && typeof first !== 'string' && isWorkbookStart(Buffer.concat(held as Uint8Array[]));
  async function* replay(): AsyncGenerator<Uint8Array | string> {
    yield* held;
    if (done) return;
    for (let next = await it.next(); next.done !== true; next = await it.next()) yield next.value;
  }
  return { workbook, stream: Readable.from(replay(), { objectMode: false }) };
}

/** The most bytes from the end of a zip archive its end record can start at (22 bytes and a comment of up to 65,535). */
const ZIP_END_SPAN = 22 + 0xffff;

/** Whether `tail` (the last bytes of an archive) holds a zip end-of-central-directory record. */
function hasZipEnd(tail: Uint8Array): boolean {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) return true;
  }
  return false;
}

/**
 * The workbook as the streaming reader takes it, once its archive is known to be whole (a zip
 * cut short would leave the reader waiting for the rest): held in memory (the compressed
 * workbook: about 60 bytes a row) with its worksheets moved after the parts they need.
 */
async function wholeWorkbook(input: string | NodeJS.ReadableStream): Promise<NodeJS.ReadableStream> {
  let bytes: Buffer;
  if (typeof input === 'string') bytes = await readFile(input);
  else {
    const chunks: Buffer[] = [];
    for await (const chunk of input as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    bytes = Buffer.concat(chunks);
  }
  if (!hasZipEnd(bytes.subarray(Math.max(0, bytes.length - ZIP_END_SPAN)))) throw new KontinuitetError('UNREADABLE_INPUT', `${UNREADABLE_START}: the end of its zip archive is missing (a file cut short?)`);
  // the worksheets after the parts they need, so the reader never parks a sheet (see zip-order.ts)
  return Readable.from([sheetsLast(bytes)], { objectMode: false });
}

/** The part of exceljs the reader uses (kept narrow: the same API is excelts', its maintained fork). */
interface SheetRowLike { number: number; values: unknown[] }
interface SheetReaderLike extends AsyncIterable<SheetRowLike> { name?: string }
interface WorkbookReaderLike extends AsyncIterable<SheetReaderLike> {
  model?: { sheets?: { name?: string }[] };
  properties?: { model?: { date1904?: boolean } };
  stream?: { destroy?: () => void };
}
type WorkbookReaderClass = new (input: string | NodeJS.ReadableStream, options: Record<string, string>) => WorkbookReaderLike;

async function workbookReaderClass(): Promise<WorkbookReaderClass> {
  const mod = (await import('exceljs')) as unknown as { default?: { stream: { xlsx: { WorkbookReader: WorkbookReaderClass } } }; stream?: { xlsx: { WorkbookReader: WorkbookReaderClass } } };
  return (mod.default ?? mod).stream!.xlsx.WorkbookReader;
}

/** The sheet's name as a message may show it: control characters made visible, at most 40 characters. */
function shownSheet(name: string): string {
  const s = safeText(name);
  return `"${s.length > 40 ? `${s.slice(0, 39)}…` : s}"`;
}

const TIME_COLUMNS: ReadonlySet<CanonicalColumn> = new Set(['start', 'end', 'shift_start', 'shift_end']);

/** Whether this sheet (the `position`-th in the workbook, 1-based) is the one `wanted` names; the first when none is named. */
function isWanted(name: string, position: number, wanted: string | number | undefined): boolean {
  if (wanted === undefined) return position === 1;
  if (typeof wanted === 'number') return position === wanted;
  return name === wanted || name.trim().toLowerCase() === wanted.trim().toLowerCase();
}

const UNREADABLE_START = 'cannot read the input as an Excel workbook (.xlsx)';
const UNREADABLE = `${UNREADABLE_START}: it is damaged, or a zip archive of something else; save it again from Excel, or as "CSV UTF-8"`;

/**
 * Reads the sheet of a workbook (a path or a byte stream) into the ledger: the header from its
 * first non-empty row (`resolveColumns`, so aliases and `columns` apply), then each row through
 * the converter, its line the sheet row. Empty rows are counted as blank lines. Throws
 * `UNREADABLE_INPUT` for a damaged workbook or a sheet that is not there (naming the sheets),
 * `EMPTY_INPUT` for an empty sheet.
 *
 * @example
 * await readXlsx('visits.xlsx', { sheet: 'Besök' }, zone, null, ledger, account);
 */
export async function readXlsx(
  input: string | NodeJS.ReadableStream,
  options: ReadOptions,
  zone: LocalZone,
  mapId: ((id: string) => string) | null,
  ledger: ReadLedger,
  account: (result: Visit | RowIssue) => void,
): Promise<void> {
  const limits = timeLimits(options, zone);
  const whole = await wholeWorkbook(input);
  const WorkbookReader = await workbookReaderClass();
  const reader = new WorkbookReader(whole, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
  const names: string[] = [];
  let found: string | null = null;
  let headerSeen = false;
  // an error thrown while taking a row (onError 'stop', a consumer's error) is the caller's, not the workbook's
  let own: unknown = undefined;
  try {
    for await (const sheet of reader) {
      const name = sheet.name ?? `Sheet${names.length + 1}`;
      names.push(name);
      // the position in the workbook's tab order when the workbook part was read, else in the archive
      const order = reader.model?.sheets?.map((s) => s.name ?? '') ?? [];
      const position = order.includes(name) ? order.indexOf(name) + 1 : names.length;
      if (found !== null || !isWanted(name, position, options.sheet)) {
        // read through, not left: a sheet exceljs parked in a temporary file opens it lazily, and an
        // open after the file went was an uncaught ENOENT
        for await (const _row of sheet) { /* not this sheet */ }
        continue;
      }
      found = name;
      ledger.sheet = name;
      const date1904 = reader.properties?.model?.date1904 === true;
      const where = `sheet ${shownSheet(name)} row`;
      let converter: RowConverter | null = null;
      // per field: the canonical column it feeds (null: not read) and how its cells read
      let columns: (CanonicalColumn | null)[] = [];
      let kinds: CellKind[] = [];
      for await (const row of sheet) {
        try {
          const values = row.values;
          if (converter === null) {
            const headers = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => {
              const t = cellText(values[i + 1], 'other', date1904);
              return typeof t === 'string' ? t.trim() : '';
            });
            while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
            if (headers.length === 0) {
              ledger.blankLines++;
              continue;
            }
            const index = usedColumns(resolveColumns(headers, options.columns), options.use);
            ledger.columns = describeColumns(index, headers);
            columns = headers.map((_, i) => CANONICAL_COLUMNS.find((c) => index[c] === i) ?? null);
            kinds = columns.map((c) => (c === null ? 'other' : TIME_COLUMNS.has(c) ? 'time' : c === 'client_birth_date' ? 'day' : 'other'));
            converter = new RowConverter(index, 0, zone, mapId, limits);
            headerSeen = true;
            continue;
          }
          const width = columns.length;
          const fields = new Array<string>(width).fill('');
          let bad: { column: string; why: string } | null = null;
          // a row without any value is a blank line (as in a CSV); values only right of the header make a row, rejected for its missing fields
          let empty = true;
          for (let i = 1; i < values.length; i++) if (values[i] !== null && values[i] !== undefined && values[i] !== '') empty = false;
          if (empty) {
            ledger.blankLines++;
            continue;
          }
          for (let i = 0; i < width; i++) {
            const column = columns[i];
            if (column === null || column === undefined) continue; // a column the read does not use is not read
            const t = cellText(values[i + 1], kinds[i]!, date1904);
            if (typeof t === 'string') fields[i] = t;
            else bad ??= { column, why: t.why };
          }
          const line = row.number;
          const result = bad !== null
            ? { line, column: bad.column, code: 'bad_value' as const, message: `line ${line}, column ${bad.column}: ${bad.why}` }
            : converter.convert(fields, line);
          if ('client' in result) account(result);
          else account({ ...result, message: result.message.replace(/^line \d+/, `${where} ${line}`) });
        } catch (e) {
          own = e;
          throw e;
        }
      }
    }
  } catch (e) {
    if (e === own || e instanceof KontinuitetError) throw e;
    throw new KontinuitetError('UNREADABLE_INPUT', UNREADABLE);
  } finally {
    reader.stream?.destroy?.();
  }
  if (found === null) {
    if (names.length === 0) throw new KontinuitetError('UNREADABLE_INPUT', UNREADABLE);
    const list = names.slice(0, 10).map(shownSheet).join(', ') + (names.length > 10 ? ', …' : '');
    throw new KontinuitetError('UNREADABLE_INPUT', `the workbook has no sheet ${typeof options.sheet === 'number' ? `number ${options.sheet}` : shownSheet(String(options.sheet))} (its sheets: ${list}); name one with --sheet NAME|N (option sheet)`, { sheets: names.length });
  }
  if (!headerSeen) throw new KontinuitetError('EMPTY_INPUT', `the sheet ${shownSheet(found)} is empty: expected a header row and visit rows`);
}

