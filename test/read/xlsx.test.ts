// Excel workbooks (.xlsx) as visit logs: written by this test from the canonical fixture with its
// own writer (xlsx-writer.ts, from the file format), read by the library, held equal to the CSV.
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KontinuitetError, measureContinuity, readVisits } from '../../src/index.js';
import { serialText } from '../../src/read/xlsx-cells.js';
import { serialOf, xlsxBytes, type XlsxCell } from './xlsx-writer.js';

const SAMPLE = new URL('../../data/sample-visits.csv', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fixture's rows as text fields (it has no quoted fields: a plain split is its parse). */
const lines = readFileSync(SAMPLE, 'utf8').trim().split('\n').map((l) => l.split(','));
const header = lines[0]!;
const col = (name: string) => header.indexOf(name);
const TIME = new Set([col('start'), col('end')]);
const NUMBER = new Set([col('lat'), col('lon')]);

/** The fixture with times (and birth dates) as date-time serials and coordinates as numbers, as Excel stores a typed export. */
function typedRows(date1904 = false): XlsxCell[][] {
  return lines.map((r, i) => (i === 0 ? r : r.map((v, j) => (TIME.has(j) || j === col('client_birth_date') ? { serial: serialOf(v, date1904) } : NUMBER.has(j) ? Number(v) : v))));
}

function write(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const textBook = write('text.xlsx', xlsxBytes([{ name: 'Besök', rows: lines }]));
const serialBook = write('serial.xlsx', xlsxBytes([{ name: 'Om exporten', rows: [['Export från planeringssystemet'], ['2024-10-31']] }, { name: 'Besök', rows: typedRows() }]));

/** The error a promise rejects with (a test fails when it resolves). */
const failure = (p: Promise<unknown>): Promise<KontinuitetError> => p.then(() => { throw new Error('expected an error'); }, (e: unknown) => e as KontinuitetError);

/** A result as JSON, as the CLI writes it. */
const json = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('an .xlsx visit log', () => {
  it('text times: measured equal to the CSV (every figure, the ledger, the windows)', async () => {
    const csv = await measureContinuity(SAMPLE, { every: 'month' });
    const xlsx = await measureContinuity(textBook, { every: 'month' });
    expect(csv.rows.read).toBe(lines.length - 1);
    expect(json(xlsx)).toEqual(json(csv));
  });

  it('serial times on the second sheet, read by number and by name: equal to the CSV', async () => {
    const csv = json(await measureContinuity(SAMPLE, { from: '2024-10-01' }));
    expect(json(await measureContinuity(serialBook, { from: '2024-10-01', sheet: 2 }))).toEqual(csv);
    expect(json(await measureContinuity(serialBook, { from: '2024-10-01', sheet: 'besök' }))).toEqual(csv);
  });

  it('readVisits gives the CSV visits, each at its sheet row (= the CSV line: the header is row 1), and the same ledger apart from the source', async () => {
    const a = await readVisits(SAMPLE);
    const b = await readVisits(serialBook, { sheet: 'Besök' });
    expect(b.visits).toEqual(a.visits);
    const { delimiter, ...ledger } = a.ledger;
    expect(delimiter).toBe(',');
    expect(b.ledger).toEqual({ ...ledger, delimiter: null, sheet: 'Besök' });
  });

  it('the 1904 date system and a byte stream (standard input) read the same', async () => {
    const book1904 = write('1904.xlsx', xlsxBytes([{ name: 'Blad1', rows: typedRows(true) }], { date1904: true }));
    const a = await readVisits(SAMPLE);
    expect((await readVisits(book1904)).visits).toEqual(a.visits);
    expect((await readVisits(createReadStream(serialBook), { sheet: 2 })).visits).toEqual(a.visits);
  });

  it('a bad cell is an issue naming the sheet and the sheet row; blank rows are not rows; every row is accounted for', async () => {
    const h = ['client_id', 'staff_id', 'start', 'end'];
    const rows: XlsxCell[][] = [
      h, // row 1
      ['K1', 'P1', { serial: serialOf('2024-10-01 08:00') }, { serial: serialOf('2024-10-01 08:30') }], // row 2: used
      ['K1', 'P2', { error: '#N/A' }, '2024-10-01 09:30'], // row 4: an Excel error value
      [null, null, null, null], // row 5: blank
      ['K2', 'P1', '2024-10-01 10:00', 'kl 11'], // row 9: not a time
      ['K2', 'P1', { serial: serialOf('2024-03-31 02:30') }, { serial: serialOf('2024-03-31 03:30') }], // row 10: in the DST gap
      ['K3', 'P3', '2024-10-02 08:00', '2024-10-02 08:45', 'extra'], // row 12: a value right of the header is no reason to reject
    ];
    const book = write('bad.xlsx', xlsxBytes([{ name: 'Dag 1', rows, rowNumbers: [1, 2, 4, 5, 9, 10, 12] }]));
    const { visits, ledger } = await readVisits(book);
    expect(visits.map((v) => v.line)).toEqual([2, 12]);
    expect(ledger).toMatchObject({ read: 5, used: 2, rejected: 3, blankLines: 1, sheet: 'Dag 1' });
    expect(ledger.issues.map((i) => [i.line, i.column, i.code])).toEqual([[4, 'start', 'bad_value'], [9, 'end', 'time_format'], [10, 'start', 'time_nonexistent']]);
    expect(ledger.issues[0]!.message).toMatch(/^sheet "Dag 1" row 4, column start: is an Excel error value/);
    expect(ledger.issues[1]!.message).toMatch(/^sheet "Dag 1" row 9, column end: /);
    for (const i of ledger.issues) expect(i.message).not.toMatch(/K1|K2|P1|P2/);
    // onError 'stop': the first bad row stops the read, naming its sheet row
    const e = await failure(readVisits(book, { onError: 'stop' }));
    expect(e).toBeInstanceOf(KontinuitetError);
    expect(e.code).toBe('BAD_ROW');
    expect(e.message).toContain('sheet "Dag 1" row 4');
  });

  it('a sheet that is not there names the sheets; a damaged workbook is UNREADABLE_INPUT without its contents', async () => {
    const e = await failure(readVisits(serialBook, { sheet: 'Blad9' }));
    expect(e.code).toBe('UNREADABLE_INPUT');
    expect(e.message).toContain('"Om exporten", "Besök"');
    const n = await failure(readVisits(serialBook, { sheet: 3 }));
    expect(n.message).toContain('no sheet number 3');
    const bytes = readFileSync(textBook);
    const cut = write('cut.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    const d = await failure(readVisits(cut));
    expect(d.code).toBe('UNREADABLE_INPUT');
    expect(d.message).not.toMatch(/C000|S00/);
    // the same workbook cut short on standard input
    const s = await failure(readVisits(createReadStream(cut)));
    expect(s.code).toBe('UNREADABLE_INPUT');
    await expect(readVisits(textBook, { sheet: 0 })).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });

  it('serials: the wall time a serial shows, computed by hand', () => {
    // 2024-10-01 is 45566 days after 1899-12-30, Excel's day 0 (from serial 61 on)
    expect(Date.UTC(2024, 9, 1) - Date.UTC(1899, 11, 30)).toBe(45566 * 86_400_000);
    expect(serialText(45566 + 8 / 24, false, 'time')).toBe('2024-10-01 08:00:00');
    expect(serialText(0.333333333333333 + 45566, false, 'time')).toBe('2024-10-01 08:00:00'); // 15 digits, as Excel writes 08:00
    expect(serialText(45566 + 0.5 / 86_400, false, 'time')).toBe('2024-10-01 00:00:00.500');
    expect(serialText(45566, false, 'day')).toBe('2024-10-01');
    // the 1904 system: day 0 is 1904-01-01, 2 + 4 × 365 = 1462 days after 1899-12-30 (1900 is no leap year)
    expect(serialText(45566 - 1462, true, 'time')).toBe('2024-10-01 00:00:00');
  });
});
