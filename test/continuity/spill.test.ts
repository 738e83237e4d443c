import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continuity, measureContinuity, measureStaffing, readVisits } from '../../src/index.js';
import { partitionOf } from '../../src/engine/partitions.js';
import { CountedStore } from '../../src/engine/store.js';
import { GatheredRows } from '../../src/engine/rowstore.js';
import { tempFiles } from './fixture.js';

const SAMPLE = new URL('../../data/sample-visits.csv', import.meta.url).pathname;
const spillDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('kontinuitet-spill-'));

// This file's own temp dir (os.tmpdir() reads TMPDIR; the engine's worker threads get this env):
// other test files and processes spilling at the same time do not touch the count below.
const sharedTmp = process.env.TMPDIR;
let ownTmp = '';
beforeAll(() => {
  ownTmp = mkdtempSync(join(tmpdir(), 'kontinuitet-spill-test-'));
  process.env.TMPDIR = ownTmp;
});
afterAll(() => {
  if (sharedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = sharedTmp;
  rmSync(ownTmp, { recursive: true, force: true });
});

describe('counted rows spilled to a temporary file give the same result', () => {
  it('for a monthly series and one window, read fast and general', async () => {
    expect(tmpdir()).toBe(ownTmp);
    const before = spillDirs().length;
    for (const options of [{ anchor: 'first-monday' as const }, { from: '2024-10-07' }]) {
      const inMemory = await measureContinuity(SAMPLE, options);
      // 2,823 counted rows in a window: a spill every 97 rows writes many blocks per partition
      expect(await measureContinuity(SAMPLE, { ...options, engine: { spillRows: 97 } })).toEqual(inMemory);
      expect(await measureContinuity(SAMPLE, { ...options, engine: { spillRows: 1, fastPath: false } })).toEqual(inMemory);
    }
    expect(spillDirs().length).toBe(before); // every spill file is removed
  });

  it('with indices, for in-memory visits, and for double staffing', async () => {
    const { visits } = await readVisits(SAMPLE);
    expect(continuity(visits, { from: '2024-10-01', indices: true, engine: { spillRows: 50 } })).toEqual(continuity(visits, { from: '2024-10-01', indices: true }));
    expect(await measureStaffing(SAMPLE, { from: '2024-10-01', engine: { spillRows: 50 } })).toEqual(await measureStaffing(SAMPLE, { from: '2024-10-01' }));
  });

  it('when rows come after a settle, which spilled the rows held and gave up their room', async () => {
    const { ContinuityAccumulator } = await import('../../src/engine/accumulator.js');
    const { visits } = await readVisits(SAMPLE);
    const whole = new ContinuityAccumulator({ anchor: 'first-monday' });
    for (const v of visits) whole.add(v);
    const settled = new ContinuityAccumulator({ anchor: 'first-monday' });
    // the rows in turn by client: every window and partition gets rows before and after the settle
    const byClient = [...visits].sort((a, b) => (a.client < b.client ? -1 : a.client > b.client ? 1 : 0));
    const half = Math.floor(byClient.length / 2);
    byClient.slice(0, half).forEach((v) => settled.add(v));
    settled.settle();
    byClient.slice(half).forEach((v) => settled.add(v));
    settled.settle();
    const expected = whole.finish();
    expect(expected.rows.used).toBeGreaterThan(2000);
    expect(settled.finish()).toEqual(expected);
  });

  it('rejects a spill limit that is not a whole number ≥ 1', () => {
    expect(() => continuity([], { engine: { spillRows: 0 } })).toThrow(expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringMatching(/^engine\.spillRows: /) }));
  });
});

describe('visit ids are per client', () => {
  // two clients in the same partition of counted rows, with the same visit ids at the same times
  const first = 'X1';
  const second = ['X2', 'X3', 'X4', 'X5', 'X6', 'X7', 'X8', 'X9', 'Y1', 'Y2', 'Y3', 'Y4'].find((id) => partitionOf(id) === partitionOf(first))
    ?? Array.from({ length: 5000 }, (_, i) => `Z${i}`).find((id) => partitionOf(id) === partitionOf(first))!;
  const lines = ['visit_id,client_id,staff_id,start,end'];
  for (let d = 1; d <= 14; d++) {
    const day = `2024-10-${String(d).padStart(2, '0')}`;
    for (const [client, morning, evening] of [[first, 'S1', 'S2'], [second, 'S3', 'S4']] as const) {
      lines.push(`V${d}a,${client},${morning},${day} 08:00,${day} 08:30`, `V${d}b,${client},${evening},${day} 18:00,${day} 18:30`);
    }
  }
  const log = tempFiles('kontinuitet-visitids-')(`${lines.join('\n')}\n`);

  it('two clients sharing visit ids each have their own 28 visits and 2 staff, held in memory or spilled', async () => {
    expect(partitionOf(first)).toBe(partitionOf(second));
    for (const options of [{}, { engine: { spillRows: 5 } }, { engine: { fastPath: false } }]) {
      const r = await measureContinuity(log, { from: '2024-10-01', ...options });
      const byClient = Object.fromEntries(r.windows[0]!.perClient.map((c) => [c.client, [c.visits, c.staff, c.doubleStaffedVisits]]));
      expect(byClient).toEqual({ [first]: [28, 2, 0], [second]: [28, 2, 0] });
    }
  });
});

describe('the counted rows of a partition in columns', () => {
  it('are grouped by client in arrival order, the visit column pointing at the first row of the same client and id', () => {
    const store = new CountedStore();
    // client, staff, group, day, line, start, end, visit id
    store.add(1, 0, 0, 0, 2, 100, 200, 'V1');
    store.add(0, 1, 1, 0, 3, 100, 200, 'V1');
    store.add(1, 2, 0, 1, 4, 300, 400, '');
    store.add(0, 3, 1, 1, 5, 300, 400, 'V1');
    store.add(1, 1, 0, 1, 6, 500, 600, 'V1');
    const gathered = new GatheredRows();
    gathered.appendBlock(store.toBlock(), null, 0);
    const seen: [number, number[], number[], number[]][] = [];
    // ranks: staff 0..3 → 3, 2, 1, 0 (reversed); groups as they are
    gathered.forEachClient({ staff: Int32Array.of(3, 2, 1, 0), group: Int32Array.of(0, 1) }, (c, rows, a, b) => {
      seen.push([c, Array.from(rows.visit.subarray(a, b)), Array.from(rows.staff.subarray(a, b)), Array.from(rows.start.subarray(a, b))]);
    });
    // client 0: rows (line 3, 5) at positions 0, 1, both V1 → first is position 0
    // client 1: rows (line 2, 4, 6) at positions 2, 3, 4: V1, none, V1 → 2, -1, 2
    expect(seen).toEqual([
      [0, [0, 0], [2, 0], [100, 300]],
      [1, [2, -1, 2], [3, 1, 2], [100, 300, 500]],
    ]);
    expect(gathered.rowObjects(2, 5, ['S0', 'S1', 'S2', 'S3'], ['G0', 'G1']).map((r) => [r.line, r.staffId, r.visitId, r.group])).toEqual([
      [2, 'S0', 'V1', 'G0'], [4, 'S2', '', 'G0'], [6, 'S1', 'V1', 'G0'],
    ]);
  });
});

describe('the partitions of a window gathered one at a time', () => {
  it('into one store with room for the largest from the first (counted over spilled blocks and rows held)', async () => {
    const { ContinuityAccumulator } = await import('../../src/engine/accumulator.js');
    const { PartitionRows } = await import('../../src/engine/job.js');
    // 2,000 clients, 10 visits each in one window: ~310 rows a partition, more than the store's first room (256)
    const acc = new ContinuityAccumulator({ from: '2024-10-01', engine: { spillRows: 3000 } });
    const day0 = Date.UTC(2024, 9, 1, 8);
    for (let i = 0; i < 20_000; i++) {
      const start = day0 + (i % 10) * 86_400_000 + (i % 7) * 60_000;
      acc.add({ line: i + 2, visitId: `V${i}`, client: `C${i % 2000}`, staff: `S${i % 37}`, start, end: start + 1_800_000, kind: '', group: 'G', birthDay: null, age: null, staffRole: '', contactStaff: '' });
    }
    try {
      const sources = acc.job([], []).sources; // every 3,000 counted rows spilled, the rest held
      // a window with both
      const fromDay = acc.reportedWindows().windows.map((w) => w.window.fromDay)
        .find((day) => sources[0]!.blocks.get(day)!.length > 0 && sources[0]!.memory!.get(day)!.some((held) => held.count > 0))!;
      expect(fromDay).toBeDefined();
      // the rows of each partition, gathered one by one, each into a store of its own
      const counts = Array.from({ length: 64 }, (_, p) => {
        const alone = new PartitionRows(sources);
        try {
          return alone.of(fromDay, p).count;
        } finally {
          alone.close();
        }
      });
      const largest = Math.max(...counts);
      expect(counts[0]).toBeLessThan(largest);
      const rows = new PartitionRows(sources);
      try {
        expect(rows.of(fromDay, 0).room.rows).toBe(largest);
        for (let p = 1; p < 64; p++) expect(rows.of(fromDay, p).room.rows).toBe(largest);
      } finally {
        rows.close();
      }
    } finally {
      acc.release(); // the spill file goes whatever happened
    }
  });
});

describe('evaluation shared by threads through a counter per window', () => {
  it('gives each partition to the first job that takes it, so two jobs together evaluate every client once', async () => {
    const { ContinuityAccumulator } = await import('../../src/engine/accumulator.js');
    const { evaluateJob } = await import('../../src/engine/job.js');
    const visits = await readVisits(new URL('../../data/sample-visits.csv', import.meta.url));
    const acc = new ContinuityAccumulator({ anchor: 'first-monday', engine: { spillRows: 500 } });
    for (const v of visits.visits) acc.add(v);
    acc.settle();
    const windows = acc.reportedWindows().windows.map((w) => w.window);
    const all = Array.from({ length: 64 }, (_, p) => p);
    const alone = evaluateJob(acc.job(windows, all));
    const claims = new SharedArrayBuffer(4 * windows.length);
    const half = Array.from({ length: 32 }, (_, p) => 2 * p);
    const first = evaluateJob({ ...acc.job(windows, half), claims });
    const second = evaluateJob({ ...acc.job(windows, half), claims });
    const clients = (figures: typeof alone) => figures.map((w) => Array.from(w.client).sort((a, b) => a - b));
    // the first job took every partition of its list, window by window; the second found none left
    expect(second.every((w) => w.count === 0)).toBe(true);
    const even = clients(first);
    expect(even.every((list, k) => list.length > 0 && list.length < alone[k]!.count)).toBe(true);
    // exactly the clients in even partitions (by their ids) among those the job of all 64 evaluated
    const ids = (acc as unknown as { register: { clientIds: { texts(): string[] } } }).register.clientIds.texts();
    const evenOfAll = alone.map((w) => Array.from(w.client).filter((c) => partitionOf(ids[c]!) % 2 === 0).sort((a, b) => a - b));
    expect(even).toEqual(evenOfAll);
    acc.release();
  });
});
