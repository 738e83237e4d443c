import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureContinuity, readVisits, type MeasureOptions, type ReadOptions } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kont-lineends-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const file = (bytes: Buffer | string): string => {
  const p = join(dir, `f${n++}.csv`);
  writeFileSync(p, bytes);
  return p;
};

/** Two clients over 14 days: C1 (born 1940) meets S1 and S2; C2 (born 1990, under 65) meets S3. */
function lines(): string[] {
  const out = ['Besök;Brukare;Personal;Starttid;Sluttid;Hemtjänstgrupp;Födelsedatum'];
  for (let d = 1; d <= 14; d++) {
    const day = `2024-10-${String(d).padStart(2, '0')}`;
    out.push(`V${d}a;C1;S${1 + (d % 2)};${day} 08:00;${day} 08:30;Öster;1940-05-01`, `V${d}b;C2;S3;${day} 09:00;${day} 09:30;Väster;1990-05-01`);
  }
  return out;
}

/** The measure by one thread (fast path), the general reader and three threads in small units: all equal; returns one. */
async function measured(path: string, options: MeasureOptions & ReadOptions = {}) {
  const o = { from: '2024-10-01', ...options };
  const one = await measureContinuity(path, { ...o, engine: { threads: 1 } });
  expect(await measureContinuity(path, { ...o, engine: { threads: 1, fastPath: false } })).toEqual(one);
  expect(await measureContinuity(path, { ...o, engine: { threads: 3, readUnit: 97 } })).toEqual(one);
  return one;
}

describe('line ends: LF, CRLF and a lone CR (old Excel/Mac exports), mixed', () => {
  const lf = lines().join('\n') + '\n';

  it('a CR-only file gives the figures of its LF version, by every reader', async () => {
    const base = await measured(file(lf));
    // hand-computed: C1 (84 on 2024-10-01) met 2 staff in 14 visits, C2 (34) 1 in 14, groups from Hemtjänstgrupp
    expect(base.windows[0]!.perClient.map((c) => [c.client, c.visits, c.staff, c.age, c.group])).toEqual([['C1', 14, 2, 84, 'Öster'], ['C2', 14, 1, 34, 'Väster']]);
    expect(base.rows.read).toBe(28);
    expect(await measured(file(lf.replace(/\n/g, '\r')))).toEqual(base);
    const { visits, ledger } = await readVisits(file(lf.replace(/\n/g, '\r')));
    expect(ledger.read).toBe(28);
    expect(visits.map((v) => v.line)).toEqual(Array.from({ length: 28 }, (_, k) => k + 2));
    expect(ledger.columns.group).toBe('Hemtjänstgrupp');
  });

  it('mixed CRLF, LF and CR line ends: the same rows on the same lines; a quoted field may hold any of them', async () => {
    const ends = ['\r\n', '\n', '\r'];
    const ls = lines();
    const mixed = ls.map((l, k) => l + ends[k % 3]).join('');
    expect(await measured(file(mixed))).toEqual(await measured(file(lf)));
    // a bad row after CR-only lines is reported on its own line
    const bad = [...ls.slice(0, 5), 'V9;C9;S9;not a time;2024-10-01 09:00;Öster;1940-05-01', ...ls.slice(5)];
    const { ledger } = await readVisits(file(bad.map((l, k) => l + ends[k % 3]).join('')));
    expect(ledger.issues.map((i) => i.line)).toEqual([6]);
    const quoted = `Brukare;Personal;Starttid;Sluttid;Insats\rC1;S1;2024-10-01 08:00;2024-10-01 08:30;"a\r\nb\rc"\rC2;S2;2024-10-01 09:00;2024-10-01 09:30;x\r`;
    const q = await readVisits(file(quoted));
    expect(q.visits.map((v) => [v.line, v.kind])).toEqual([[2, 'a\r\nb\rc'], [5, 'x']]);
  });
});

describe('a header without rows', () => {
  it('is warned of in the ledger and to onWarning, by every reader', async () => {
    const warned: string[] = [];
    for (const body of ['Brukare;Personal;Starttid;Sluttid\n', 'Brukare;Personal;Starttid;Sluttid\n\n\n', 'Brukare;Personal;Starttid;Sluttid']) {
      const { ledger } = await readVisits(file(body), { onWarning: (m) => warned.push(m) });
      expect(ledger.warnings).toEqual(['the file has a header but no rows']);
      const r = await measureContinuity(file(body), { from: '2024-10-01', engine: { threads: 1 }, onWarning: (m) => warned.push(m) });
      expect(r.rows.read).toBe(0);
    }
    expect(warned).toHaveLength(6);
    const { ledger } = await readVisits(file(lines().join('\n')));
    expect(ledger.warnings).toEqual([]);
  });
});

describe('bytes that are not UTF-8, no encoding given', () => {
  const utf8 = lines().join('\r\n') + '\r\n';
  const cp1252 = Buffer.from(utf8, 'latin1'); // every letter here is in Latin-1 = Windows-1252 at these code points

  it('a Windows-1252 file stops with an error naming the option, on every reader; with --encoding latin1 it gives the UTF-8 figures', async () => {
    const path = file(cp1252);
    for (const o of [{ threads: 1 }, { threads: 1, fastPath: false }, { threads: 3, readUnit: 97 }].map((engine) => ({ engine }))) {
      await expect(measureContinuity(path, { from: '2024-10-01', ...o })).rejects.toMatchObject({ code: 'UNREADABLE_INPUT', message: expect.stringMatching(/^line 1: .*--encoding latin1/) });
    }
    expect(await measured(path, { encoding: 'latin1' })).toEqual(await measured(file(utf8)));
  });

  it('a 1252 byte only after the first MB stops too, with its line, on the fast and the threaded path', async () => {
    const head = 'Brukare;Personal;Starttid;Sluttid;Grupp\n';
    const row = (k: number, group: string) => `C${k % 50};S${k % 7};2024-10-0${1 + (k % 9)} 08:00;2024-10-0${1 + (k % 9)} 08:30;${group}\n`;
    const rows: string[] = [];
    let size = head.length;
    for (let k = 0; size < (1 << 20) + 5000; k++) { rows.push(row(k, 'Norr')); size += rows[rows.length - 1]!.length; }
    const line = rows.length + 2;
    const bytes = Buffer.concat([Buffer.from(head + rows.join('')), Buffer.from(row(1, 'Öster'), 'latin1'), Buffer.from(row(2, 'Norr'))]);
    const path = file(bytes);
    const error = { code: 'UNREADABLE_INPUT', message: expect.stringMatching(new RegExp(`^line ${line}: bytes that are not UTF-8.*--encoding latin1`)) };
    for (const o of [{ threads: 1 }, { threads: 1, fastPath: false }, { threads: 2 }, { threads: 3, readUnit: 4096 }].map((engine) => ({ engine }))) {
      await expect(measureContinuity(path, { from: '2024-10-01', ...o })).rejects.toMatchObject(error);
    }
    await expect(readVisits(path)).rejects.toMatchObject(error);
    // the same file as UTF-8 reads
    const ok = Buffer.concat([Buffer.from(head + rows.join('')), Buffer.from(row(1, 'Öster')), Buffer.from(row(2, 'Norr'))]);
    expect((await measured(file(ok))).rows.read).toBe(rows.length + 2);
  });
});
