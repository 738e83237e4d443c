/**
 * Every kind of source gives the same visits: a path, a file: URL, a Node stream (whole, in 1-byte
 * chunks, in random chunks), arrays and async generators of objects.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readVisits, scanVisits } from '../../src/read/read.js';
import type { VisitInput } from '../../src/read/types.js';
import {
  byteByByte, chunkedStream, expectKontinuitetError, fixture, fixtureBytes, issueTriples, utc, withoutLine,
} from './helpers.js';

const FILES = ['comma.csv', 'swedish-semicolon.csv', 'tab.tsv', 'bom-crlf.csv', 'quoted.csv', 'rejections.csv', 'dst-stockholm.csv',
  'text-after-quote.csv', 'unclosed-quote.csv', 'blank-lines.csv', 'time-formats.csv'];

/** A file that has everything at once: BOM, CRLF, multi-byte UTF-8, quoted CRLFs, doubled quotes, bad rows. */
function mixedBytes(): Buffer {
  const quoted = fixtureBytes('quoted.csv').toString('utf8').replaceAll('\n', '\r\n');
  return Buffer.from('\uFEFF' + quoted + 'V9,C9,S9,2024-01-10 15:00,2024-01-10 15:30,"Åäö ""€"" 😀",Öst', 'utf8');
}

describe('file path, file: URL and stream give the same result', () => {
  for (const name of FILES) {
    it(name, async () => {
      const byPath = await readVisits(fixture(name));
      const byUrl = await readVisits(pathToFileURL(fixture(name)));
      const byStream = await readVisits(createReadStream(fixture(name)));
      const byBytes = await readVisits(byteByByte(fixtureBytes(name)));
      expect(byUrl).toEqual(byPath);
      expect(byStream).toEqual(byPath);
      expect(byBytes).toEqual(byPath);
    });
  }

  it('latin1 in 1-byte chunks', async () => {
    const whole = await readVisits(fixture('windows-1252.csv'), { encoding: 'latin1' });
    const bytes = await readVisits(byteByByte(fixtureBytes('windows-1252.csv')), { encoding: 'latin1' });
    expect(bytes).toEqual(whole);
    expect(whole.visits[0]?.kind).toBe('Städ – kök');
  });

  it('a file: URL that does not exist is UNREADABLE_INPUT', async () => {
    await expectKontinuitetError(readVisits(pathToFileURL(fixture('nope.csv'))), 'UNREADABLE_INPUT');
  });
});

describe('chunk boundaries never matter', () => {
  it('the mixed file in 1-byte chunks equals the whole file', async () => {
    const bytes = mixedBytes();
    const whole = await readVisits(Readable.from([bytes]));
    expect(whole.visits.at(-1)?.kind).toBe('Åäö "€" 😀');
    expect(whole.visits.at(-1)?.line).toBe(13); // the CRLF file has 12 lines before it
    expect(await readVisits(byteByByte(bytes))).toEqual(whole);
  });

  it('random chunk sizes (property)', async () => {
    const bytes = mixedBytes();
    const whole = await readVisits(Readable.from([bytes]));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 200, size: 'max' }), async (sizes) => {
        expect(await readVisits(chunkedStream(bytes, sizes))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('a stream of strings reads like a stream of bytes', async () => {
    const text = fixtureBytes('quoted.csv').toString('utf8');
    const whole = await readVisits(fixture('quoted.csv'));
    const pieces = text.match(/[\s\S]{1,7}/g) ?? [];
    expect(await readVisits(Readable.from(pieces))).toEqual(whole);
  });

  it('a stream that fails is UNREADABLE_INPUT', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('client_id,staff_id,start,end\nC1,S1,2024-01-10 08:00,2024-01-10 09:00\n'));
        this.destroy(new Error('disk on fire'));
      },
    });
    const e = await expectKontinuitetError(readVisits(failing), 'UNREADABLE_INPUT');
    expect(e.message).toContain('disk on fire');
  });
});

describe('in-memory rows', () => {
  // comma.csv as objects: 2024-01-15 08:00 CET → 07:00Z
  const csvVisits = async () => (await readVisits(fixture('comma.csv'))).visits;
  const canonical: VisitInput[] = [
    { visit_id: 'V1', client_id: 'C1', staff_id: 'S1', start: '2024-01-15 08:00', end: '2024-01-15 08:30', kind: 'omvårdnad', group: 'Norr', client_birth_date: '1938-04-12', staff_role: 'undersköterska', contact_staff_id: 'S1', lat: 62.4123, lon: 15.6543 },
    { visit_id: 'V2', client_id: 'C1', staff_id: 'S2', start: '2024-01-15 12:00', end: '2024-01-15 12:20', kind: 'matleverans', group: 'Norr', client_birth_date: '1938-04-12', staff_role: 'vårdbiträde', contact_staff_id: 'S1', lat: '62.4123', lon: '15.6543' },
    { visit_id: 'V3', client_id: 'C2', staff_id: 'S1', start: '2024-07-01 09:15', end: '2024-07-01 10:00', kind: null, group: 'Söder', client_birth_date: undefined, staff_role: '', contact_staff_id: '', lat: null, lon: undefined },
  ];

  it('an array with canonical keys reads like the CSV (lines are positions)', async () => {
    const { visits, ledger } = await readVisits(canonical);
    expect(visits.map(withoutLine)).toEqual((await csvVisits()).map(withoutLine));
    expect(visits.map((v) => v.line)).toEqual([1, 2, 3]);
    expect(ledger.delimiter).toBeNull();
    expect(ledger).toMatchObject({ read: 3, used: 3, rejected: 0 });
  });

  it('Swedish alias keys, Date objects and epoch-ms numbers for times', async () => {
    const rows: VisitInput[] = [
      { Besök: 'V1', Brukare: 'C1', Personal: 'S1', Starttid: new Date(utc(2024, 1, 15, 7, 0)), Sluttid: utc(2024, 1, 15, 7, 30), Insats: 'omvårdnad', Grupp: 'Norr', Födelsedatum: '1938-04-12', Yrkesroll: 'undersköterska', Kontaktperson: 'S1', Latitud: 62.4123, Longitud: 15.6543 },
      { Besök: 'V2', Brukare: 'C1', Personal: 'S2', Starttid: new Date('2024-01-15T11:00:00Z'), Sluttid: Date.parse('2024-01-15T11:20:00Z'), Insats: 'matleverans', Grupp: 'Norr', Födelsedatum: '1938-04-12', Yrkesroll: 'vårdbiträde', Kontaktperson: 'S1', Latitud: 62.4123, Longitud: 15.6543 },
      { Besök: 'V3', Brukare: 'C2', Personal: 'S1', Starttid: '2024-07-01T07:15:00Z', Sluttid: '2024-07-01 10:00', Insats: '', Grupp: 'Söder', Födelsedatum: '', Yrkesroll: '', Kontaktperson: '', Latitud: '', Longitud: '' },
    ];
    const { visits, ledger } = await readVisits(rows);
    expect(ledger.columns).toMatchObject({ client_id: 'Brukare', staff_id: 'Personal', start: 'Starttid', end: 'Sluttid', group: 'Grupp' });
    expect(visits.map(withoutLine)).toEqual((await csvVisits()).map(withoutLine));
  });

  it('an async generator reads like the array', async () => {
    async function* gen(): AsyncGenerator<VisitInput> {
      for (const row of canonical) {
        await new Promise((r) => setTimeout(r, 1));
        yield row;
      }
    }
    expect(await readVisits(gen())).toEqual(await readVisits(canonical));
  });

  it('a sync generator too, and scanVisits keeps nothing but counts', async () => {
    function* gen(): Generator<VisitInput> {
      yield* canonical;
    }
    let n = 0;
    const ledger = await scanVisits(gen(), () => { n++; });
    expect(n).toBe(3);
    expect(ledger.used).toBe(3);
  });

  it('an invalid Date is a time_format issue (not an empty time); an object as an id is bad_value', async () => {
    const rows: VisitInput[] = [
      { client_id: 'C1', staff_id: 'S1', start: new Date(Number.NaN), end: '2024-01-15 09:00' },
      { client_id: { id: 1 }, staff_id: 'S1', start: '2024-01-15 08:00', end: '2024-01-15 09:00' },
      { client_id: 'C1', staff_id: 'S1', start: '2024-01-15 08:00', end: '2024-01-15 07:00' },
    ];
    const { ledger } = await readVisits(rows);
    expect(issueTriples(ledger)).toEqual([[1, 'start', 'time_format'], [2, 'client_id', 'bad_value'], [3, 'end', 'end_before_start']]);
    expect(ledger.issues[0]!.message).toBe('line 1, column start: is an Invalid Date');
  });

  it('an empty array reads nothing (no header to miss); objects without the required keys are MISSING_COLUMN', async () => {
    // Since e4200a7 an empty in-memory source is not EMPTY_INPUT (that code is for a file without a header row).
    const empty = await readVisits([]);
    expect(empty.visits).toEqual([]);
    expect(empty.ledger).toMatchObject({ read: 0, used: 0, rejected: 0 });
    const e = await expectKontinuitetError(readVisits([{ Brukare: 'C1', Personal: 'S1' }]), 'MISSING_COLUMN');
    expect(e.message).toContain('start');
    expect(e.message).toContain('end');
  });

  // The next three were found by this suite and fixed in a29aa45.
  it('an epoch-ms time outside the Date range is a row issue, not a RangeError', async () => {
    const rows: VisitInput[] = [
      { client_id: 'C', staff_id: 'S', start: 1e16, end: 1e16 + 60_000 }, // beyond ±8.64e15 ms: new Date(1e16).toISOString() throws
      { client_id: 'C', staff_id: 'S', start: utc(2024, 1, 10, 7), end: utc(2024, 1, 10, 8) },
    ];
    const { ledger } = await readVisits(rows);
    expect(ledger).toMatchObject({ read: 2, used: 1, rejected: 1 });
    expect(ledger.issues[0]).toMatchObject({ line: 1, column: 'start' });
  });

  it('a column missing from the first object is still read from later objects, by canonical name or alias', async () => {
    // With exactOptionalPropertyTypes a planning system leaves optional keys out: the first row has no group.
    const rows: VisitInput[] = [
      { client_id: 'C1', staff_id: 'S1', start: '2024-01-10 08:00', end: '2024-01-10 09:00' },
      { client_id: 'C2', staff_id: 'S2', start: '2024-01-10 08:00', end: '2024-01-10 09:00', group: 'Norr', kind: 'Tillsyn' },
      { Brukare: 'C3', Personal: 'S3', Starttid: '2024-01-10 08:00', Sluttid: '2024-01-10 09:00', Grupp: 'Söder' },
    ];
    const { visits } = await readVisits(rows);
    expect(visits.map((v) => [v.client, v.group, v.kind])).toEqual([['C1', '', ''], ['C2', 'Norr', 'Tillsyn'], ['C3', 'Söder', '']]);
  });
});

describe('errors of the caller', () => {
  it('an exception thrown by onVisit reaches the caller unchanged, from a CSV source as from in-memory rows', async () => {
    class Stop extends Error {}
    const csv = Readable.from([Buffer.from('client_id,staff_id,start,end\nC1,S1,2024-01-10 08:00,2024-01-10 09:00\n')]);
    const rows = [{ client_id: 'C1', staff_id: 'S1', start: '2024-01-10 08:00', end: '2024-01-10 09:00' }];
    expect(await scanVisits(rows, () => { throw new Stop('enough'); }).catch((e: unknown) => e)).toBeInstanceOf(Stop);
    expect(await scanVisits(csv, () => { throw new Stop('enough'); }).catch((e: unknown) => e)).toBeInstanceOf(Stop);
  });
});
