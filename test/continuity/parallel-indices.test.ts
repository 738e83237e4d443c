import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { measureContinuity, type MeasureOptions, type ReadOptions } from '../../src/index.js';
import { measureForReport } from '../../src/outputs/report/index.js';
import { startReaders } from '../../src/engine/readers.js';
import { ContinuityAccumulator } from '../../src/engine/accumulator.js';
import { replyTransfers } from '../../src/engine/thread.js';
import { tempFiles } from './fixture.js';

// The continuity indices (and the contact-person share they hold) read with the threads: each
// part carries how often each contact person was listed for each client, added up in the merge.
// Under the test runner the sources have no built worker script, so the ranges are read by this
// thread in turn (the cutting, the parts and the merge are the same code); the last test runs the
// built package's real worker threads.
const file = tempFiles('kontinuitet-par-ix-');
const SAMPLE = readFileSync(new URL('../../data/sample-visits.csv', import.meta.url), 'utf8');

/**
 * The sample with the contact person varied from row to row: past the middle of the file, every
 * client with an even number names the staff member of its first row instead (so its contact
 * person changes when it has more rows past the middle than before, and ties come up); besides,
 * every third row of a client names the row's staff member, every seventh none.
 */
function variedContacts(): string {
  const [head, ...rows] = SAMPLE.replace(/\n$/, '').split('\n');
  const cols = head!.split(',');
  const [client, staff, contact] = ['client_id', 'staff_id', 'contact_staff_id'].map((c) => cols.indexOf(c));
  const seen = new Map<string, { rows: number; first: string }>();
  const out = rows.map((line, i) => {
    const f = line.split(',');
    const c = seen.get(f[client!]!) ?? { rows: 0, first: f[staff!]! };
    seen.set(f[client!]!, c);
    const k = ++c.rows;
    if (k % 7 === 0) f[contact!] = '';
    else if (k % 3 === 0) f[contact!] = f[staff!]!;
    else if (i > rows.length / 2 && Number(f[client!]!.replace(/\D/g, '')) % 2 === 0) f[contact!] = c.first;
    return f.join(',');
  });
  return [head, ...out].join('\n') + '\n';
}

async function same(path: string, options: MeasureOptions & ReadOptions, threads: number[] = [2, 3, 7]) {
  const one = await measureContinuity(path, { ...options, engine: { ...options.engine, threads: 1 } });
  for (const t of threads) expect(await measureContinuity(path, { ...options, engine: { ...options.engine, threads: t } })).toEqual(one);
  return one;
}

describe('the continuity indices read with the threads', () => {
  it('start the threads (a log measured with the indices is no longer read by one)', async () => {
    const pool = startReaders(file(SAMPLE), { indices: true, engine: { threads: 2 } }, 2);
    expect(pool).not.toBeNull();
    await pool!.close();
  });

  it('adds up a client\'s contact counts over the ranges: the contact person is the one listed most in the whole log', async () => {
    // C1 on six days: K1 named on its 3 rows in the first range, K2 on its 4 rows in the second
    // (filler rows of other clients put the cut between them). K2 is listed most (4 > 3); K2 made
    // 2 of C1's 7 visits → share 2/7 (the first range alone would name K1: 3/7).
    // C2: K1 and K2 twice each, one in each range → the tie goes to the first in sort order, K1,
    // who made 1 of its 4 visits → 1/4.
    const row = (v: number, client: string, staff: string, day: number, contact: string) =>
      `V${String(v).padStart(4, '0')},${client},${staff},2024-10-${String(day).padStart(2, '0')} 09:00,2024-10-${String(day).padStart(2, '0')} 09:30,${contact}`;
    let v = 0;
    const lines = ['visit_id,client_id,staff_id,start,end,contact_staff_id'];
    for (const d of [1, 2, 3]) lines.push(row(++v, 'C1', 'K1', d, 'K1'));
    lines.push(row(++v, 'C2', 'K1', 1, 'K1'), row(++v, 'C2', 'S9', 2, 'K2'));
    for (let k = 0; k < 40; k++) lines.push(row(++v, `F${String(k).padStart(2, '0')}`, 'S8', 1 + (k % 14), 'S8'));
    for (const [d, s] of [[4, 'S9'], [5, 'S9'], [6, 'K2'], [7, 'K2']] as const) lines.push(row(++v, 'C1', s, d, 'K2'));
    lines.push(row(++v, 'C2', 'S9', 3, 'K2'), row(++v, 'C2', 'S9', 4, 'K1'));
    const f = file(lines.join('\n') + '\n');
    const r = await same(f, { from: '2024-10-01', indices: true }, [2]);
    const w = r.windows[0]!;
    expect(w.perClient.find((c) => c.client === 'C1')!.indices).toMatchObject({ hasContact: true, contactShare: 2 / 7 });
    expect(w.perClient.find((c) => c.client === 'C2')!.indices).toMatchObject({ hasContact: true, contactShare: 1 / 4 });
    // and in small units, the threads splitting each other's ranges
    expect(await measureContinuity(f, { from: '2024-10-01', indices: true, engine: { threads: 3, readUnit: 200 } })).toEqual(r);
  });

  it('on the sample with contact persons varied row by row, as a series and as one window, spilled or not, in small units', async () => {
    const f = file(variedContacts());
    const one = await same(f, { from: '2024-10-07', indices: true });
    // the varied contacts change clients' shares (the log is not the sample under another name)
    const plain = await measureContinuity(file(SAMPLE), { from: '2024-10-07', indices: true, engine: { threads: 1 } });
    expect(one.windows[0]!.indices!.contactShare.mean).not.toBe(plain.windows[0]!.indices!.contactShare.mean);
    await same(f, { anchor: 'first-monday', indices: true, engine: { readUnit: 997 } });
    await same(f, { from: '2024-10-07', indices: true, engine: { readUnit: 50, spillRows: 300 } }, [2]);
    await same(f, { from: '2024-10-07', indices: true, engine: { spillRows: 101, shareEvaluation: true } }, [3]);
    await same(f, { from: '2024-10-07', indices: true, pseudonymise: { key: 'k' } }, [2]);
  });

  it('in the report\'s one pass (measure with the indices, staffing)', async () => {
    const f = file(variedContacts());
    const one = await measureForReport(f, { from: '2024-10-07', engine: { threads: 1 } });
    expect(one.continuity.windows[0]!.indices).toBeDefined();
    expect(await measureForReport(f, { from: '2024-10-07', engine: { threads: 3, readUnit: 4096 } })).toEqual(one);
  });

  it('moves a part\'s contact counts with its other arrays', () => {
    const acc = new ContinuityAccumulator({ from: '2024-10-07', indices: true });
    for (const [client, staff, contact] of [['C1', 'S1', 'K'], ['C2', 'S1', ''], ['C1', 'S2', 'K'], ['C1', 'S2', 'S2']] as const) {
      acc.add({ line: 2, client, staff, group: 'G', kind: '', staffRole: '', contactStaff: contact, start: Date.UTC(2024, 9, 7, 8), end: Date.UTC(2024, 9, 7, 9), birthDay: null, age: null, visitId: '' });
    }
    const part = acc.part();
    acc.release();
    // clients C1 = 0, C2 = 1; staff S1 = 0, K = 1, S2 = 2: C1 lists K twice and S2 once, C2 none
    expect(Array.from(part.contacts!)).toEqual([0, 1, 2, 0, 2, 1]);
    const ledger = { read: 4, used: 4, rejected: 0, blankLines: 0, issuesOmitted: 0, rejectedByCode: {}, issues: [], delimiter: ',', columns: {} } as never;
    expect(replyTransfers({ type: 'scanned', pieces: [{ from: 0, ledger, nextLine: 5, part }] })).toContain(part.contacts!.buffer);
  });
});

describe('the built package reads the indices with worker threads', () => {
  it('and gives the one-thread result', async () => {
    const built = await import(fileURLToPath(new URL('../../dist/index.js', import.meta.url))) as typeof import('../../src/index.js');
    const f = file(variedContacts());
    const one = await built.measureContinuity(f, { from: '2024-10-07', indices: true, engine: { threads: 1 } });
    expect(await built.measureContinuity(f, { from: '2024-10-07', indices: true, engine: { threads: 2 } })).toEqual(one);
    expect(await built.measureContinuity(f, { from: '2024-10-07', indices: true, engine: { threads: 3, readUnit: 4096, spillRows: 500 } })).toEqual(one);
    expect(await built.measureContinuity(f, { from: '2024-10-07', indices: true, engine: { threads: 3, spillRows: 500, shareEvaluation: true } })).toEqual(one);
  });
});
