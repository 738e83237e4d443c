import { tell } from '../progress.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { KontinuitetError, type RowIssue } from '../errors.js';
import { checkReadOptions, checkSource } from '../options.js';
import { LocalZone } from '../windows/zone.js';
import { aliasOf, CANONICAL_COLUMNS, describeColumns, normaliseHeader, REQUIRED_COLUMNS, resolveColumns, usedColumns, type CanonicalColumn, type ColumnIndex } from './columns.js';
import { ObjectRowReader } from './objects.js';

export { describeColumns, usedColumns } from './columns.js';
import { CsvTokenizer, detectDelimiter } from './csv.js';
import { firstInvalidUtf8, lineEnds, notUtf8 } from './encoding.js';
import { pseudonymiser } from './pseudonymise.js';
import { sniffed, sniffFile } from './sniff.js';
import { RowConverter } from './row.js';
import { isWorkbookFile, peekStream, readXlsx } from './xlsx.js';
import { timeLimits } from './plausible.js';
import type { ReadLedger, ReadOptions, Visit, VisitInput, VisitSource } from './types.js';

/**
 * The default zone of local times in a log.
 *
 * @example
 * DEFAULT_ZONE; // → 'Europe/Stockholm'
 */
export const DEFAULT_ZONE = 'Europe/Stockholm';

/**
 * Streams a visit log and calls `onVisit` for every row read as a visit, keeping nothing: memory
 * does not grow with the number of rows. Resolves with the ledger of every row.
 *
 * @example
 * let n = 0;
 * const ledger = await scanVisits('data/sample-visits.csv', () => { n++; });
 * ledger.used === n; // → true
 */
export async function scanVisits(source: VisitSource, onVisit: (visit: Visit) => void, options: ReadOptions = {}): Promise<ReadLedger> {
  checkSource(source);
  checkReadOptions(options);
  const zone = new LocalZone(options.zone ?? DEFAULT_ZONE);
  const ledger = newLedger();
  const mapId = idMap(options);
  const account = accountant(ledger, options, onVisit);

  if (isByteSource(source)) {
    // an Excel workbook (a zip archive) is read sheet row by sheet row; anything else as CSV text
    const input = await workbookOrBytes(source);
    if (input.workbook) {
      await readXlsx(input.source, options, zone, mapId, ledger, account);
      closeLedger(ledger, options);
    } else await readCsv(input.source, options, zone, mapId, ledger, account);
  } else {
    await readObjects(source, options, zone, mapId, ledger, account);
  }
  return ledger;
}

/**
 * Reads a whole visit log into memory: the visits (optionally only those `keep` accepts) and the
 * ledger. For logs of millions of rows prefer {@link scanVisits} or a measure, which stream.
 *
 * @example
 * const { visits, ledger } = await readVisits('data/sample-visits.csv', { zone: 'Europe/Stockholm' });
 * ledger.read === ledger.used + ledger.rejected; // → true
 */
export async function readVisits(
  source: VisitSource,
  options: ReadOptions & { keep?: (visit: Visit) => boolean } = {},
): Promise<{ visits: Visit[]; ledger: ReadLedger }> {
  const visits: Visit[] = [];
  const keep = options.keep;
  const ledger = await scanVisits(source, keep === undefined ? (v) => visits.push(v) : (v) => { if (keep(v)) visits.push(v); }, options);
  return { visits, ledger };
}

/** The issue of a row whose quotes are malformed. */
export function badQuote(line: number): RowIssue {
  return { line, column: null, code: 'bad_quote', message: `line ${line}: a quoted field is not closed, or has text after its closing quote` };
}

/** The id pseudonymiser of the options, or null. */
export function idMap(options: ReadOptions): ((id: string) => string) | null {
  return options.pseudonymise === undefined ? null : pseudonymiser(options.pseudonymise.key, options.pseudonymise.length);
}

/** Books one converted row in the ledger: a visit goes to `onVisit`, an issue is counted and listed (or thrown with `onError: 'stop'`). */
export function accountant(ledger: ReadLedger, options: ReadOptions, onVisit: (visit: Visit) => void): (result: Visit | RowIssue) => void {
  const maxIssues = options.maxIssues ?? 1000;
  const stop = options.onError === 'stop';
  return (result) => {
    ledger.read++;
    if ('client' in result) {
      ledger.used++;
      onVisit(result);
      return;
    }
    ledger.rejected++;
    ledger.rejectedByCode[result.code] = (ledger.rejectedByCode[result.code] ?? 0) + 1;
    if (stop) throw new KontinuitetError('BAD_ROW', `rejected ${result.message}`, { issue: result });
    if (ledger.issues.length < maxIssues) ledger.issues.push(result);
    else ledger.issuesOmitted++;
  };
}

/** The warning of a file whose header was read but which gives no row. */
export const NO_ROWS = 'the file has a header but no rows';

/**
 * Ends the ledger of a whole file: a header without rows is warned of (in the ledger and to
 * `onWarning`), not taken silently as an empty log.
 */
export function closeLedger(ledger: ReadLedger, options: ReadOptions): ReadLedger {
  if (ledger.read === 0 && !ledger.warnings.includes(NO_ROWS)) {
    ledger.warnings.push(NO_ROWS);
    options.onWarning?.(NO_ROWS);
  }
  return ledger;
}

/** A fresh ledger. */
export function newLedger(): ReadLedger {
  return { read: 0, used: 0, rejected: 0, rejectedByCode: {}, issues: [], issuesOmitted: 0, blankLines: 0, delimiter: null, columns: {}, warnings: [] };
}

function isByteSource(source: VisitSource): source is string | URL | NodeJS.ReadableStream {
  return typeof source === 'string' || source instanceof URL || (typeof (source as NodeJS.ReadableStream).pipe === 'function');
}

/** The bytes of a file or stream; throws UNREADABLE_INPUT when its start is not CSV text (see sniff.ts). */
export async function openBytes(source: string | URL | NodeJS.ReadableStream, onProgress?: ReadOptions['onProgress']): Promise<AsyncIterable<Uint8Array | string>> {
  if (typeof source !== 'string' && !(source instanceof URL)) return sniffed(source as AsyncIterable<Uint8Array | string>);
  const path = source instanceof URL ? fileURLToPath(source) : source;
  let size = 0;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new Error('is a directory');
    size = s.size;
  } catch (e) {
    throw new KontinuitetError('UNREADABLE_INPUT', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  await sniffFile(path);
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  return onProgress === undefined ? stream : counted(stream, size, onProgress);
}

/** The chunks of a file, telling `onProgress` the bytes read so far of `size`. */
async function* counted(stream: AsyncIterable<Uint8Array | string> & { destroy?: () => void }, size: number, onProgress: NonNullable<ReadOptions['onProgress']>): AsyncGenerator<Uint8Array | string> {
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      bytes += chunk.length;
      tell(onProgress, 'read', bytes, size);
      yield chunk;
    }
  } finally {
    stream.destroy?.();
  }
}

type Account = (result: Visit | RowIssue) => void;

/** The source as a workbook (a path, or the stream with its first bytes put back) or as bytes to read as CSV. */
async function workbookOrBytes(source: string | URL | NodeJS.ReadableStream): Promise<{ workbook: boolean; source: string | NodeJS.ReadableStream }> {
  if (typeof source === 'string' || source instanceof URL) {
    const path = source instanceof URL ? fileURLToPath(source) : source;
    return { workbook: await isWorkbookFile(path), source: path };
  }
  const peeked = await peekStream(source);
  return { workbook: peeked.workbook, source: peeked.stream };
}

async function readCsv(
  source: string | URL | NodeJS.ReadableStream,
  options: ReadOptions,
  zone: LocalZone,
  mapId: ((id: string) => string) | null,
  ledger: ReadLedger,
  account: Account,
): Promise<void> {
  const limits = timeLimits(options, zone);
  // without an encoding, bytes that are not UTF-8 stop the read (notUtf8), never read as other text
  const decoder = new TextDecoder(options.encoding === 'latin1' ? 'windows-1252' : 'utf-8', { fatal: options.encoding === undefined });
  const decode = (chunk: Uint8Array, final: boolean): string => {
    try {
      return decoder.decode(chunk, { stream: !final });
    } catch {
      const at = firstInvalidUtf8(chunk, 0, chunk.length);
      const before = new TextDecoder().decode(chunk.subarray(0, at));
      const t = tokenizer as CsvTokenizer | null;
      throw notUtf8(t !== null ? t.lineAtEnd() + lineEnds(Buffer.from(before), 0, before.length) : 1 + lineEnds(Buffer.from(head + before), 0, Buffer.byteLength(head + before)));
    }
  };
  let tokenizer: CsvTokenizer | null = null;
  let converter: RowConverter | null = null;
  let head = '';
  let consumerError: unknown = undefined;
  const onRow = (fields: string[], line: number, malformed: boolean): void => {
    try {
      takeRow(fields, line, malformed);
    } catch (e) {
      consumerError = e;
      throw e;
    }
  };
  const takeRow = (fields: string[], line: number, malformed: boolean): void => {
    if (converter === null) {
      const index = resolveColumns(fields, options.columns);
      ledger.columns = describeColumns(index, fields);
      converter = new RowConverter(usedColumns(index, options.use), fields.length, zone, mapId, limits);
      return;
    }
    if (malformed) account(badQuote(line));
    else account(converter.convert(fields, line));
  };
  const start = (text: string): void => {
    const delimiter = options.delimiter ?? detectDelimiter(firstLine(text));
    ledger.delimiter = delimiter;
    tokenizer = new CsvTokenizer(delimiter, onRow);
    tokenizer.push(text);
  };
  try {
    for await (const chunk of await openBytes(source, options.onProgress)) {
      const text = typeof chunk === 'string' ? chunk : decode(chunk, false);
      if (tokenizer !== null) (tokenizer as CsvTokenizer).push(text);
      else {
        head += text;
        if (/\n|\r[^]/.test(head)) start(head);
      }
    }
    const rest = decode(new Uint8Array(0), true);
    if (tokenizer === null) {
      if ((head + rest).trim() === '') throw new KontinuitetError('EMPTY_INPUT', 'the input is empty: expected a header row and visit rows');
      start(head + rest);
    } else if (rest !== '') (tokenizer as CsvTokenizer).push(rest);
    (tokenizer as unknown as CsvTokenizer).end();
    ledger.blankLines = (tokenizer as unknown as CsvTokenizer).blankLines;
  } catch (e) {
    if (e instanceof KontinuitetError || (consumerError !== undefined && e === consumerError)) throw e;
    throw new KontinuitetError('UNREADABLE_INPUT', `cannot read the input: ${(e as Error).message}`);
  }
  if (converter === null) throw new KontinuitetError('EMPTY_INPUT', 'the input has no header row');
  closeLedger(ledger, options);
}

function firstLine(text: string): string {
  return text.split(/\r\n|\r|\n/, 1)[0]!.replace(/^\uFEFF/, '');
}

async function readObjects(
  source: Iterable<VisitInput> | AsyncIterable<VisitInput>,
  options: ReadOptions,
  zone: LocalZone,
  mapId: ((id: string) => string) | null,
  ledger: ReadLedger,
  account: Account,
): Promise<void> {
  const rows = new ObjectRowReader(zone, options, mapId, timeLimits(options, zone));
  let position = 0;
  for await (const item of source as AsyncIterable<VisitInput>) {
    const result = rows.read(item, ++position);
    if (position === 1) ledger.columns = rows.columns;
    account(result);
  }
}
