/**
 * The reader against hand-made fixture files, one per format variant a municipal export comes in.
 * Every expected instant is computed by hand in a comment (Stockholm is CET +01:00 in winter,
 * CEST +02:00 from 2024-03-31 01:00Z to 2024-10-27 01:00Z) and written with Date.UTC.
 */
import { describe, expect, it } from 'vitest';
import { readVisits } from '../../src/read/read.js';
import type { Visit } from '../../src/read/types.js';
import {
  expectConsistentLedger, expectKontinuitetError, fixture, fixtureBytes, issueTriples, readText, utc,
} from './helpers.js';

const DAY = 86_400_000;
/** Day number of a calendar date, computed with Date.UTC (independent of src/windows/civil.ts). */
const dayNumber = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;

const nulls = {
  visitId: '', kind: '', group: '', birthDay: null, age: null, staffRole: '', contactStaff: '', lat: null, lon: null,
  travelMinutes: null, travelKm: null, shiftStart: null, shiftEnd: null,
} as const;

describe('comma-delimited file with canonical headers', () => {
  it('reads every field of every row', async () => {
    const { visits, ledger } = await readVisits(fixture('comma.csv'));
    expect(ledger.delimiter).toBe(',');
    const v1: Visit = {
      line: 2, visitId: 'V1', client: 'C1', staff: 'S1',
      start: utc(2024, 1, 15, 7, 0), // 2024-01-15 08:00 CET (+01:00) → 07:00Z
      end: utc(2024, 1, 15, 7, 30), //   08:30 CET → 07:30Z
      kind: 'omvårdnad', group: 'Norr', birthDay: dayNumber(1938, 4, 12), age: null, staffRole: 'undersköterska',
      contactStaff: 'S1', lat: 62.4123, lon: 15.6543, travelMinutes: null, travelKm: null, shiftStart: null, shiftEnd: null,
    };
    const v2: Visit = {
      ...v1, line: 3, visitId: 'V2', staff: 'S2',
      start: utc(2024, 1, 15, 11, 0), // 12:00 CET → 11:00Z
      end: utc(2024, 1, 15, 11, 20), //   12:20 CET → 11:20Z
      kind: 'matleverans', staffRole: 'vårdbiträde',
    };
    const v3: Visit = {
      ...nulls, line: 4, visitId: 'V3', client: 'C2', staff: 'S1',
      start: utc(2024, 7, 1, 7, 15), // 2024-07-01 09:15 CEST (+02:00) → 07:15Z
      end: utc(2024, 7, 1, 8, 0), //     10:00 CEST → 08:00Z
      group: 'Söder',
    };
    expect(visits).toEqual([v1, v2, v3]);
    expect(ledger).toMatchObject({ read: 3, used: 3, rejected: 0, issues: [], issuesOmitted: 0, blankLines: 0 });
    expect(ledger.columns).toEqual({
      visit_id: 'visit_id', client_id: 'client_id', staff_id: 'staff_id', start: 'start', end: 'end', kind: 'kind',
      group: 'group', client_birth_date: 'client_birth_date', staff_role: 'staff_role', contact_staff_id: 'contact_staff_id',
      lat: 'lat', lon: 'lon',
    });
  });
});

describe('Swedish semicolon export (every column under a Swedish header)', () => {
  it('maps Besök, Brukare, Personal, Starttid, Sluttid, Insats, Grupp, … and reads decimal commas', async () => {
    const { visits, ledger } = await readVisits(fixture('swedish-semicolon.csv'));
    expect(ledger.delimiter).toBe(';');
    expect(ledger.columns).toEqual({
      visit_id: 'Besök', client_id: 'Brukare', staff_id: 'Personal', start: 'Starttid', end: 'Sluttid', kind: 'Insats',
      group: 'Grupp', client_birth_date: 'Födelsedatum', client_age: 'Ålder', staff_role: 'Yrkesroll',
      contact_staff_id: 'Kontaktperson', lat: 'Latitud', lon: 'Longitud', travel_minutes: 'Restid', travel_km: 'Sträcka',
      shift_start: 'Pass start', shift_end: 'Pass slut',
    });
    expect(visits).toEqual([
      {
        line: 2, visitId: 'B1', client: 'K-100', staff: 'P-7',
        start: utc(2024, 2, 1, 6, 30), // 2024-02-01 07:30 CET → 06:30Z
        end: utc(2024, 2, 1, 7, 15), //   08:15 CET → 07:15Z
        kind: 'Omvårdnad', group: 'Område Öst', birthDay: dayNumber(1936, 11, 30), age: 87, staffRole: 'Undersköterska',
        contactStaff: 'P-7', lat: 62.39, lon: 17.3, // "62,39" and "17,30": decimal commas
        travelMinutes: 12, travelKm: 4.5,
        shiftStart: utc(2024, 2, 1, 6, 0), // 07:00 CET → 06:00Z
        shiftEnd: utc(2024, 2, 1, 15, 0), //  16:00 CET → 15:00Z
      },
      {
        ...nulls, line: 3, visitId: 'B2', client: 'K-100', staff: 'P-8',
        start: utc(2024, 2, 1, 18, 0), // 19:00 CET → 18:00Z
        end: utc(2024, 2, 1, 18, 30),
        kind: 'Tillsyn', group: 'Område Öst',
      },
    ]);
  });
});

describe('tab-delimited export with Kund, Medarbetare, Område', () => {
  it('detects the tab and maps the headers', async () => {
    const { visits, ledger } = await readVisits(fixture('tab.tsv'));
    expect(ledger.delimiter).toBe('\t');
    expect(ledger.columns).toEqual({ client_id: 'Kund', staff_id: 'Medarbetare', start: 'Starttid', end: 'Sluttid', group: 'Område', contact_staff_id: 'Kontaktperson' });
    expect(visits).toEqual([
      // 2024-03-05 is before the switch to summer time (2024-03-31): CET, 10:00 → 09:00Z
      { ...nulls, line: 2, client: 'K1', staff: 'M1', start: utc(2024, 3, 5, 9, 0), end: utc(2024, 3, 5, 9, 45), group: 'Väst', contactStaff: 'M1' },
      { ...nulls, line: 3, client: 'K1', staff: 'M2', start: utc(2024, 3, 5, 13, 0), end: utc(2024, 3, 5, 13, 30), group: 'Väst', contactStaff: 'M1' },
    ]);
  });
});

describe('UTF-8 with byte-order mark and CRLF line ends', () => {
  it('the fixture really has a BOM and CRLF', () => {
    const bytes = fixtureBytes('bom-crlf.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('latin1').split('\r\n')).toHaveLength(5); // header + 3 rows + '' after the last CRLF
  });

  it('drops the BOM from the first header and the CR from the last field', async () => {
    const { visits, ledger } = await readVisits(fixture('bom-crlf.csv'));
    expect(ledger.delimiter).toBe(';');
    expect(ledger.columns.client_id).toBe('Brukare');
    expect(ledger.rejected).toBe(0);
    // After 2024-03-31 Stockholm is on CEST (+02:00): 08:00 → 06:00Z.
    expect(visits.map((v) => [v.line, v.client, v.kind, v.group, v.start, v.end])).toEqual([
      [2, 'K1', 'Dusch', 'Norr', utc(2024, 4, 2, 6, 0), utc(2024, 4, 2, 6, 30)],
      [3, 'K2', 'Städ', 'Söder', utc(2024, 4, 2, 7, 0), utc(2024, 4, 2, 7, 30)],
      // quoted last field followed by CRLF: the end time must not keep a '\r'
      [4, 'K3', 'Dusch; hår', 'Norr', utc(2024, 4, 2, 8, 0), utc(2024, 4, 2, 8, 30)],
    ]);
  });

  it('a BOM before a comma header does not disturb delimiter detection', async () => {
    const { visits, ledger } = await readVisits(fixture('comma.csv'));
    expect(ledger.delimiter).toBe(',');
    const withBom = await readText('\uFEFF' + fixtureBytes('comma.csv').toString('utf8'));
    expect(withBom.ledger.delimiter).toBe(',');
    expect(withBom.ledger.columns.visit_id).toBe('visit_id');
    expect(withBom.visits).toEqual(visits);
  });
});

describe('Windows-1252 (encoding: latin1)', () => {
  it('the fixture is single-byte: ö is 0xF6, å 0xE5, the en dash 0x96', () => {
    const bytes = fixtureBytes('windows-1252.csv');
    expect(bytes.indexOf(Buffer.from('Bes\xF6k', 'latin1'))).toBe(0);
    expect(bytes.includes(Buffer.from('Omr\xE5de', 'latin1'))).toBe(true);
    expect(bytes.includes(0x96)).toBe(true);
    expect(bytes.includes(Buffer.from('ö', 'utf8'))).toBe(false);
  });

  it('decodes Swedish headers Besök/Område and values with å ä ö and the Windows-1252 en dash', async () => {
    const { visits, ledger } = await readVisits(fixture('windows-1252.csv'), { encoding: 'latin1' });
    expect(ledger.columns).toMatchObject({ visit_id: 'Besök', client_id: 'Brukare', group: 'Område', kind: 'Insats' });
    expect(visits).toEqual([{
      ...nulls, line: 2, visitId: 'B1', client: 'K1', staff: 'P1',
      start: utc(2024, 5, 6, 6, 0), // 2024-05-06 08:00 CEST → 06:00Z
      end: utc(2024, 5, 6, 6, 30),
      kind: 'Städ \u2013 kök', // 0x96 is U+2013 in Windows-1252 (U+0096 in ISO-8859-1)
      group: 'Västra Åsen',
    }]);
  });

  it('without an encoding a Windows-1252 file stops with an error naming the option (never other text in silence)', async () => {
    await expect(readVisits(fixture('windows-1252.csv'))).rejects.toMatchObject({ code: 'UNREADABLE_INPUT', message: expect.stringMatching(/^line 1: bytes that are not UTF-8.*--encoding latin1/) });
  });

  it('read as UTF-8 (encoding: utf8, given) the Windows-1252 headers are not recognised', async () => {
    const { ledger } = await readVisits(fixture('windows-1252.csv'), { encoding: 'utf8' });
    expect(ledger.columns.group).toBeUndefined();
    expect(ledger.columns.visit_id).toBeUndefined();
  });
});

describe('quoted fields: delimiters, doubled quotes and line breaks inside quotes', () => {
  const expectedRows = (nl: string): [number, string, string, string][] => [
    [2, 'V1', 'Dusch, hår', 'Norr'],
    [3, 'V2', 'Säger "hej"', 'Norr'],
    [4, 'V3', `Rad ett${nl}rad två${nl}rad tre`, 'Söder'], // spans lines 4–6
    [7, 'V4', 'Tillsyn', 'Norr, Öst'],
    [9, 'V6', '', ''],
    [10, 'V7', `a "quoted", with comma${nl}and newline`, 'Väst'], // spans lines 10–11
  ];
  // line 8: 2024-02-31 does not exist; line 12: ends 13:00 after starting 14:00
  const expectedIssues = [[8, 'start', 'time_out_of_range'], [12, 'end', 'end_before_start']];

  it('keeps quoted content and the line numbers of later rows (LF)', async () => {
    const { visits, ledger } = await readVisits(fixture('quoted.csv'));
    expect(visits.map((v) => [v.line, v.visitId, v.kind, v.group])).toEqual(expectedRows('\n'));
    expect(issueTriples(ledger)).toEqual(expectedIssues);
    expect(ledger).toMatchObject({ read: 8, used: 6, rejected: 2 });
    // V6 is fully quoted: "2024-01-10 12:00" CET → 11:00Z
    expect(visits[4]?.start).toBe(utc(2024, 1, 10, 11, 0));
    expect(visits[4]?.client).toBe('C3');
    expectConsistentLedger(ledger);
  });

  it('same with CRLF line ends (a CRLF inside quotes is kept as written)', async () => {
    const text = fixtureBytes('quoted.csv').toString('utf8').replaceAll('\n', '\r\n');
    const { visits, ledger } = await readText(text);
    expect(visits.map((v) => [v.line, v.visitId, v.kind, v.group])).toEqual(expectedRows('\r\n'));
    expect(issueTriples(ledger)).toEqual(expectedIssues);
  });

  it('text after a closing quote is bad_quote, and the next rows keep their lines', async () => {
    const { visits, ledger } = await readVisits(fixture('text-after-quote.csv'));
    expect(issueTriples(ledger)).toEqual([[2, null, 'bad_quote']]);
    expect(visits.map((v) => [v.line, v.staff, v.kind])).toEqual([[3, 'S2', 'Två\nrader'], [5, 'S3', 'Tillsyn']]);
    expect(ledger.issues[0]?.message).not.toContain('19380412');
  });

  it('an unclosed quote makes its row bad_quote, and reading goes on at the next line', async () => {
    // line 3 opens a quote that never closes: bad_quote; line 4 is then read as a row of its own
    // (one field, the header has five) instead of vanishing into the bad row
    const { visits, ledger } = await readVisits(fixture('unclosed-quote.csv'));
    expect(visits.map((v) => v.line)).toEqual([2]);
    expect(issueTriples(ledger)).toEqual([[3, null, 'bad_quote'], [4, null, 'field_count']]);
    expect(ledger).toMatchObject({ read: 3, used: 1, rejected: 2 });
    expect(ledger.issues.map((i) => i.message).join(' ')).not.toMatch(/19380412|1234/);
  });

  it('a stray quote in the middle of a large file costs one row, not the rest of the file', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `C${i},S1,2024-01-10 08:00,2024-01-10 08:30,Tillsyn with a long description to make the file large enough`);
    rows[10] = rows[10]!.replace('Tillsyn', '"Tillsyn');
    const { ledger } = await readText(['client_id,staff_id,start,end,kind', ...rows].join('\n'));
    // the quote never closes: row 11 (line 12) is bad_quote once the pending row passes 1 Mi characters, the rest read
    expect(issueTriples(ledger)).toEqual([[12, null, 'bad_quote']]);
    expect(ledger).toMatchObject({ read: 30_000, used: 29_999, rejected: 1 });
  });
});

describe('a file that ends in a lone CR (no final LF)', () => {
  // Found by this suite (a quoted row kept the CR) and fixed in a29aa45.
  it('the last row reads the same whether it holds a quoted field or not', async () => {
    const header = 'client_id,staff_id,kind,start,end\r\n';
    const plain = await readText(header + 'C1,S1,Dusch,2024-01-10 08:00,2024-01-10 09:00\r');
    const quotedMiddle = await readText(header + 'C1,S1,"Dusch, hår",2024-01-10 08:00,2024-01-10 09:00\r');
    const quotedLast = await readText('client_id,staff_id,start,end,kind\r\nC1,S1,2024-01-10 08:00,2024-01-10 09:00,"Dusch"\r');
    for (const { visits, ledger } of [plain, quotedMiddle, quotedLast]) {
      expect(ledger.rejected).toBe(0);
      expect(visits.map((v) => v.end)).toEqual([utc(2024, 1, 10, 8, 0)]); // 09:00 CET → 08:00Z
    }
    expect(quotedLast.visits[0]?.kind).toBe('Dusch');
  });
});

describe('blank lines', () => {
  it('are counted, not read, and do not shift line numbers', async () => {
    const { visits, ledger } = await readVisits(fixture('blank-lines.csv'));
    // line 1 header, 2 blank, 3 row, 4–5 blank, 6 row with 24:00
    expect(ledger.blankLines).toBe(3);
    expect(visits.map((v) => v.line)).toEqual([3]);
    expect(issueTriples(ledger)).toEqual([[6, 'end', 'time_out_of_range']]);
    expect(ledger.read).toBe(2);
  });
});

describe('explicit columns mapping', () => {
  const mapping = { client_id: 'Kundnr', staff_id: 'Utförd av', start: 'Besöksstart', end: 'Besöksslut', kind: 'Tjänstetyp' } as const;

  it('reads headers no alias knows, and a mapping wins over an alias (Brukare)', async () => {
    const { visits, ledger } = await readVisits(fixture('mapping.csv'), { columns: mapping });
    expect(ledger.columns).toMatchObject(mapping);
    expect(visits.map((v) => [v.client, v.staff, v.kind, v.start, v.end])).toEqual([
      ['K-1', 'U-1', 'Dusch', utc(2024, 1, 20, 7, 0), utc(2024, 1, 20, 7, 45)], // 08:00 CET → 07:00Z
      ['K-2', 'U-2', 'Tillsyn', utc(2024, 1, 20, 8, 0), utc(2024, 1, 20, 8, 20)],
    ]);
  });

  it('without a client mapping the alias Brukare feeds client_id', async () => {
    const { client_id: _c, ...rest } = mapping;
    const { visits } = await readVisits(fixture('mapping.csv'), { columns: rest });
    expect(visits.map((v) => v.client)).toEqual(['B-1', 'B-2']);
  });

  it('mapping headers are matched like aliases (case, å/ä/ö folded)', async () => {
    const { visits } = await readVisits(fixture('mapping.csv'), { columns: { ...mapping, client_id: 'KUNDNR', staff_id: 'utford av' } });
    expect(visits.map((v) => v.client)).toEqual(['K-1', 'K-2']);
  });

  it('without the mapping: MISSING_COLUMN names the missing columns, counts the columns and shows only known header names', async () => {
    const e = await expectKontinuitetError(readVisits(fixture('mapping.csv')), 'MISSING_COLUMN');
    for (const c of ['staff_id', 'start', 'end']) expect(e.message).toContain(c);
    // only Brukare is a known column name; the other five may be data and are only counted
    expect(e.message).toContain('6 columns found; known names among them: Brukare; the other 5 are not shown');
    for (const h of ['Kundnr', 'Utförd av', 'Tjänstetyp']) expect(e.message).not.toContain(h);
    // a row with a known column name is a header row: the headers nearest the missing ones are suggested with the flag
    expect(e.message).toContain('--column start="Besöksstart" --column end="Besöksslut"');
    expect(e.details).toMatchObject({ columns: 6, headers: [null, null, null, null, null, 'Brukare'] });
    expect(e.details).toMatchObject({ missing: ['staff_id', 'start', 'end'] });
  });

  it('a mapped header that is not in the file is MISSING_COLUMN naming it', async () => {
    const e = await expectKontinuitetError(readVisits(fixture('mapping.csv'), { columns: { ...mapping, end: 'Slut' } }), 'MISSING_COLUMN');
    expect(e.message).toContain('"Slut"');
    expect(e.message).toContain('end');
  });

  it('an unknown canonical column in the mapping is BAD_OPTION', async () => {
    await expectKontinuitetError(readVisits(fixture('mapping.csv'), { columns: { ...mapping, klient: 'Kundnr' } as never }), 'BAD_OPTION');
  });
});

describe('delimiter option', () => {
  // 4 commas and 4 semicolons in the header: detection picks ';' (ties go ; then tab then ,)
  const text = 'client_id,staff_id,start,end,note;a;b;c;d\nC1,S1,2024-01-10 08:00,2024-01-10 09:00,x;1;2;3;4\n';
  it('detection breaks ties in favour of ;', async () => {
    const e = await expectKontinuitetError(readText(text), 'MISSING_COLUMN');
    expect(e.message).toContain('client_id');
  });
  it('an explicit delimiter wins over detection', async () => {
    const { visits, ledger } = await readText(text, { delimiter: ',' });
    expect(ledger.delimiter).toBe(',');
    expect(visits.map((v) => [v.client, v.start])).toEqual([['C1', utc(2024, 1, 10, 7, 0)]]);
  });
});

describe('time formats', () => {
  it('T or space, with or without seconds and fractions, Z, ±HH:MM, ±HHMM, surrounding spaces', async () => {
    const { visits, ledger } = await readVisits(fixture('time-formats.csv'));
    expect(ledger.rejected).toBe(0);
    expect(visits.map((v) => [v.line, v.start, v.end])).toEqual([
      [2, utc(2024, 1, 15, 7, 0), utc(2024, 1, 15, 8, 0)], //          T, local CET: 08:00 → 07:00Z
      [3, utc(2024, 1, 15, 7, 0), utc(2024, 1, 15, 8, 0)], //          space
      [4, utc(2024, 1, 15, 7, 0, 30), utc(2024, 1, 15, 8, 0)], //      seconds: 08:00:30 CET → 07:00:30Z
      [5, utc(2024, 1, 15, 7, 0, 30), utc(2024, 1, 15, 8, 0)],
      [6, utc(2024, 1, 15, 8, 0), utc(2024, 1, 15, 9, 0)], //          Z: taken as written
      [7, utc(2024, 1, 15, 8, 0, 30), utc(2024, 1, 15, 9, 0)],
      [8, utc(2024, 1, 15, 7, 0), utc(2024, 1, 15, 8, 0)], //          08:00+01:00 → 07:00Z
      [9, utc(2024, 1, 15, 7, 0), utc(2024, 1, 15, 8, 0)], //          08:00:00+0100 → 07:00Z
      [10, utc(2024, 1, 15, 13, 0), utc(2024, 1, 15, 14, 0)], //       08:00-05:00 → 13:00Z
      [11, utc(2024, 7, 15, 6, 0), utc(2024, 7, 15, 7, 0)], //         July, local CEST: 08:00 → 06:00Z
      [12, utc(2024, 7, 15, 8, 0, 0, 250), utc(2024, 7, 15, 9, 0, 0, 750)],
      [13, utc(2024, 7, 15, 6, 0), utc(2024, 7, 15, 7, 0)], //         ' 2024-07-15 08:00 ' (spaces trimmed)
    ]);
  });

  it('the zone option applies to local times only', async () => {
    const { visits } = await readVisits(fixture('time-formats.csv'), { zone: 'Europe/Helsinki' });
    // Helsinki is EET +02:00 in January, EEST +03:00 in July
    expect(visits.map((v) => v.start)).toEqual([
      utc(2024, 1, 15, 6, 0), utc(2024, 1, 15, 6, 0), utc(2024, 1, 15, 6, 0, 30), utc(2024, 1, 15, 6, 0, 30),
      utc(2024, 1, 15, 8, 0), utc(2024, 1, 15, 8, 0, 30), utc(2024, 1, 15, 7, 0), utc(2024, 1, 15, 7, 0),
      utc(2024, 1, 15, 13, 0), utc(2024, 7, 15, 5, 0), utc(2024, 7, 15, 8, 0, 0, 250), utc(2024, 7, 15, 5, 0),
    ]);
  });

  it('an unknown zone is BAD_OPTION', async () => {
    await expectKontinuitetError(readVisits(fixture('comma.csv'), { zone: 'Europe/Stockholmm' }), 'BAD_OPTION');
  });
});

describe('inputs that cannot be read at all', () => {
  it('a missing required column: MISSING_COLUMN naming it and the headers found', async () => {
    const e = await expectKontinuitetError(readVisits(fixture('missing-column.csv')), 'MISSING_COLUMN');
    expect(e.message).toMatch(/missing required column end\b/);
    expect(e.message).toContain('Brukare, Personal, Starttid, Insats');
    expect(e.details).toMatchObject({ missing: ['end'], headers: ['Brukare', 'Personal', 'Starttid', 'Insats'] });
  });

  it('a missing file: UNREADABLE_INPUT', async () => {
    const e = await expectKontinuitetError(readVisits(fixture('no-such-file.csv')), 'UNREADABLE_INPUT');
    expect(e.message).toContain('no such file');
  });

  it('a directory: UNREADABLE_INPUT', async () => {
    await expectKontinuitetError(readVisits(fixture('')), 'UNREADABLE_INPUT');
  });

  it('an empty file: EMPTY_INPUT', async () => {
    expect(fixtureBytes('empty.csv').length).toBe(0);
    await expectKontinuitetError(readVisits(fixture('empty.csv')), 'EMPTY_INPUT');
  });

  it('only blank lines, or only a BOM: EMPTY_INPUT', async () => {
    await expectKontinuitetError(readText('\n\r\n\n'), 'EMPTY_INPUT');
    await expectKontinuitetError(readText('\uFEFF'), 'EMPTY_INPUT');
  });

  it('a header and no rows is not an error: nothing read', async () => {
    const { visits, ledger } = await readVisits(fixture('header-only.csv'));
    expect(visits).toEqual([]);
    expect(ledger).toMatchObject({ read: 0, used: 0, rejected: 0 });
  });
});
