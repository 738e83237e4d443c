import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureContinuity } from '../../src/measures/continuity/measure.js';
import { KontinuitetError } from '../../src/errors.js';
import { readVisits } from '../../src/read/read.js';
import { byteByByte } from '../visits/helpers.js';
import { run } from '../cli/run.js';

const CSV = 'client_id,staff_id,start,end\nC1,S1,2024-10-07 08:00,2024-10-07 09:00\n';
const UNSAFE = /[\u0000-\u001f\u007f-\u009f]/;

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontinuitet-sniff-'));
});

function file(name: string, bytes: Uint8Array | string): string {
  const f = join(dir, name);
  writeFileSync(f, bytes);
  return f;
}

async function failure(p: Promise<unknown>): Promise<KontinuitetError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(KontinuitetError);
  return e as KontinuitetError;
}

const utf16le = (text: string, bom: boolean) => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.from(utf16le(text, false).map((_, i, b) => b[i ^ 1]!));

describe('the start of an input is looked at before it is read as CSV', () => {
  it('UTF-16 with a byte-order mark, without one, big-endian: UNREADABLE_INPUT naming UTF-16, from a file and a stream', async () => {
    for (const bytes of [utf16le(CSV, true), utf16le(CSV, false), utf16be(CSV), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(CSV)])]) {
      for (const source of [file('u16.csv', bytes), Readable.from([bytes]), byteByByte(bytes)]) {
        const e = await failure(readVisits(source));
        expect(e.code).toBe('UNREADABLE_INPUT');
        expect(e.message).toContain('UTF-16');
        expect(e.message).toContain('CSV UTF-8');
        expect(e.message).not.toMatch(UNSAFE);
      }
    }
    // the measure's fast path and its threads (a file) give the same error
    for (const threads of [1, 2]) {
      const e = await failure(measureContinuity(file('u16m.csv', utf16le(CSV.repeat(3), true)), { engine: { threads } }));
      expect(e.message).toContain('UTF-16');
    }
  });

  it('a binary file (an xlsx is a zip): UNREADABLE_INPUT without any of its bytes', async () => {
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000', 'latin1'), Buffer.from('[Content_Types].xml secret-id-123 \u0001\u0002', 'latin1')]);
    const e = await failure(readVisits(file('book.xlsx', zip)));
    expect(e.code).toBe('UNREADABLE_INPUT');
    expect(e.message).toContain('xlsx');
    expect(e.message).not.toContain('Content_Types');
    expect(e.message).not.toContain('secret');
    expect(e.message).not.toMatch(UNSAFE);
    // no magic number, but NUL and control bytes: binary
    const blob = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256));
    const b = await failure(readVisits(file('blob.bin', blob)));
    expect(b.message).toContain('binary');
    expect(b.message).not.toMatch(UNSAFE);
  });

  it('a one-line JSON file of 80 KB: a short message saying it is JSON', async () => {
    const rows = Array.from({ length: 800 }, (_, i) => ({ client_id: `Anna Svensson ${i}`, staff_id: `S${i}`, start: '2024-10-07 08:00', end: '2024-10-07 09:00' }));
    const json = JSON.stringify(rows);
    expect(json.length).toBeGreaterThan(80_000);
    for (const source of [file('rows.json', json), Readable.from([Buffer.from(` \n${json}`)])]) {
      const e = await failure(readVisits(source));
      expect(e.code).toBe('UNREADABLE_INPUT');
      expect(e.message).toContain('JSON');
      expect(e.message.length).toBeLessThanOrEqual(300);
      expect(e.message).not.toContain('Anna');
    }
  });

  it('a CSV starting with a bracketed header, a few control characters in values: read as CSV', async () => {
    const { ledger } = await readVisits(Readable.from([Buffer.from('[client_id],staff_id,start,end\n')]), { columns: { client_id: '[client_id]' } });
    expect(ledger.read).toBe(0);
    const esc = `client_id,staff_id,start,end,group\n${Array.from({ length: 50 }, (_, i) => `C${i},S1,2024-10-07 08:00,2024-10-07 09:00,\u001b[31mNorr`).join('\n')}\n`;
    const r = await readVisits(Readable.from([Buffer.from(esc)]), { use: ['group'] });
    expect(r.ledger.used).toBe(50);
  });

  it('the CLI prints the message, exit 2', () => {
    const r = run(['measure', file('cli16.csv', utf16le(CSV, true))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('UNREADABLE_INPUT');
    expect(r.stderr).toContain('UTF-16');
  });
});
