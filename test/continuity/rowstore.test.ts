import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatheredRows } from '../../src/engine/rowstore.js';
import { CountedStore, type NumberMaps } from '../../src/engine/store.js';

/** A row as one reader holds it, in its own numbers. */
interface Row { client: number; staff: number; group: number; day: number; line: number; start: number; end: number; visitId: string }

/**
 * Two ids of `prefix` and two more code units with the same FNV-1a hash as the store makes it
 * (seeded with the length, a code unit at a time): found by search, so the store must compare
 * the ids themselves, every unit of them.
 */
function collidingIds(prefix: string): [string, string] {
  const P = 0x01000193;
  let start = prefix.length + 2;
  for (let k = 0; k < prefix.length; k++) start = Math.imul(start ^ prefix.charCodeAt(k), P);
  const seen = new Map<number, number>();
  for (let u = 0; ; u++) {
    const h = Math.imul(start ^ u, P);
    const other = seen.get(h >>> 16);
    if (other !== undefined) {
      const last = (Math.imul(start ^ other, P) ^ h ^ 0x41) & 0xffff;
      return [prefix + String.fromCharCode(u, 0x41), prefix + String.fromCharCode(other, last)];
    }
    seen.set(h >>> 16, u);
  }
}
const hashOf = (id: string) => Array.from({ length: id.length }, (_, k) => id.charCodeAt(k)).reduce((h, unit) => Math.imul(h ^ unit, 0x01000193), id.length);
/** Pairs of ids with one hash: the second pair the same in its first half. */
const SAME_HASH = [collidingIds(''), collidingIds('VV')];

const VISIT_IDS = ['', 'V1', 'V2', 'V1 ', 'v1', 'Besök-ä', 'Besök-å', 'V-long-visit-id-00001', 'V-long-visit-id-00002', '€', ...SAME_HASH.flat()];

const row = (clients: number) => fc.record({
  client: fc.nat(clients - 1), staff: fc.nat(40), group: fc.nat(4), day: fc.nat(13), line: fc.nat(1_000_000),
  start: fc.integer({ min: 0, max: 1e12 }), end: fc.integer({ min: 0, max: 1e12 }), visitId: fc.oneof(fc.constantFrom(...VISIT_IDS), fc.nat(40).map((n) => `V${n}`)),
});

/** A reader's rows, the map of its numbers to the merged ones (a shuffle into a larger range), its line offset. */
const source = (clients: number) => fc.record({
  rows: fc.array(row(clients), { maxLength: 300, size: 'max' }),
  clientMap: fc.shuffledSubarray(Array.from({ length: 2 * clients }, (_, i) => i), { minLength: clients, maxLength: clients }),
  staffMap: fc.shuffledSubarray(Array.from({ length: 60 }, (_, i) => i), { minLength: 41, maxLength: 41 }),
  groupMap: fc.shuffledSubarray(Array.from({ length: 8 }, (_, i) => i), { minLength: 5, maxLength: 5 }),
  lineOffset: fc.nat(1000),
  blockRows: fc.integer({ min: 1, max: 120 }),
  identity: fc.boolean(),
});

describe('the rows of a partition gathered from blocks', () => {
  it('(the two ids made to collide do)', () => {
    for (const [a, b] of SAME_HASH) {
      expect(a).not.toBe(b);
      expect(hashOf(a)).toBe(hashOf(b));
    }
  });

  it('are renumbered and grouped by client as the rows in arrival order say (property, against a plain reading of the same rows)', () => {
    const staffNames = Array.from({ length: 60 }, (_, i) => `S${i}`);
    const groupNames = Array.from({ length: 8 }, (_, i) => `G${i}`);
    fc.assert(fc.property(
      fc.array(source(1500), { minLength: 1, maxLength: 4 }), fc.array(source(40), { minLength: 1, maxLength: 3 }),
      fc.boolean(), fc.integer(), (first, second, reserve, seed) => {
        // one store for two partitions in turn (the second reuses what the first left)
        const gathered = new GatheredRows();
        for (const sources of [first, second]) {
          // the reference: every row in arrival order (sources in turn, blocks in turn), in merged numbers
          const expected: Row[] = [];
          const blocks: { block: Uint8Array; maps: NumberMaps | null; offset: number }[] = [];
          for (const s of sources) {
            const maps = s.identity ? null : { client: Int32Array.from(s.clientMap), staff: Int32Array.from(s.staffMap), group: Int32Array.from(s.groupMap) };
            for (let a = 0; a < s.rows.length; a += s.blockRows) {
              const store = new CountedStore();
              for (const r of s.rows.slice(a, a + s.blockRows)) store.add(r.client, r.staff, r.group, r.day, r.line, r.start, r.end, r.visitId);
              blocks.push({ block: store.toBlock(), maps, offset: s.lineOffset });
            }
            for (const r of s.rows) {
              expected.push(maps === null ? { ...r, line: r.line + s.lineOffset } : {
                ...r, client: maps.client[r.client]!, staff: maps.staff[r.staff]!, group: maps.group[r.group]!, line: r.line + s.lineOffset,
              });
            }
          }
          gathered.clear();
          if (reserve) gathered.reserve(expected.length, expected.reduce((n, r) => n + r.visitId.length, 0));
          for (const b of blocks) gathered.appendBlock(b.block, b.maps, b.offset);
          expect(gathered.count).toBe(expected.length);

          // ranks: a random order of the staff and group numbers
          const shuffled = (n: number) => Int32Array.from({ length: n }, (_, i) => i).sort((x, y) => ((x * 7919 + seed) % 101) - ((y * 7919 + seed) % 101) || x - y);
          const ranks = { staff: shuffled(60), group: shuffled(8) };
          const seen: number[] = [];
          gathered.forEachClient(ranks, (client, rows, a, b) => {
            seen.push(client);
            const mine = expected.filter((r) => r.client === client);
            expect(gathered.rowObjects(a, b, staffNames, groupNames)).toEqual(mine.map((r) => ({
              line: r.line, start: r.start, end: r.end, staff: r.staff, staffId: staffNames[r.staff], visitId: r.visitId, group: groupNames[r.group], day: r.day,
            })));
            mine.forEach((r, k) => {
              const j = a + k;
              expect([rows.start[j], rows.end[j], rows.day[j], rows.staff[j], rows.group[j]]).toEqual([r.start, r.end, r.day, ranks.staff[r.staff], ranks.group[r.group]]);
              const firstSame = mine.findIndex((q) => q.visitId === r.visitId);
              expect(rows.visit[j]).toBe(r.visitId === '' ? -1 : a + firstSame);
            });
          });
          expect(seen).toEqual([...new Set(expected.map((r) => r.client))].sort((x, y) => x - y));
        }
      },
    ), { numRuns: 60, endOnFailure: true }); // no shrinking: a failure is reported at once, not after minutes
  });

  it('evaluate: the visits rule, staff, double staffing and group of each client (by hand)', () => {
    const store = new CountedStore();
    // client, staff, group, day, start, end, visit id (line: the row's index)
    const rows: [number, number, number, number, number, number, string][] = [
      [0, 0, 1, 0, 100, 200, 'A'], // r0 ┐ one visit, the same times: the first staff member is the lower rank (staff 1)
      [0, 1, 1, 0, 100, 200, 'A'], // r1 ┘ together 100 ms
      [0, 2, 0, 1, 300, 350, 'B'], // r2 ┐ the same start: the first is the earlier end (r2, though of the higher rank)
      [0, 3, 0, 1, 300, 400, 'B'], // r3 ┘ together 50 ms
      [0, 0, 1, 1, 500, 560, 'C'], // r4 ┐ touching only: never double-staffed
      [0, 2, 1, 1, 560, 600, 'C'], // r5 ┘
      [0, 1, 0, 0, 700, 760, 'D'], // r6: groups 0 and 1 two visits each: the lower rank wins
      [1, 0, 1, 0, 100, 150, 'X'], [1, 0, 1, 0, 200, 250, 'Y'], [1, 0, 1, 1, 300, 350, 'Z'], // group 1 only
      [2, 0, 0, 0, 100, 150, 'P'], [2, 0, 0, 1, 200, 250, 'Q'], [2, 0, 1, 1, 300, 350, 'R'], // group 0 twice, group 1 once
    ];
    rows.forEach(([c, st, g, d, a, b, v], i) => store.add(c, st, g, d, i, a, b, v));
    const gathered = new GatheredRows();
    gathered.appendBlock(store.toBlock(), null, 0);
    // staff ranks reversed (staff 3 → rank 0 … staff 0 → rank 3); group ranks as the numbers
    const ranks = { staff: Int32Array.of(3, 2, 1, 0), group: Int32Array.of(0, 1) };
    const figures: Record<number, number[][]> = {};
    gathered.forEachClient(ranks, (client, columns, a, b) => {
      const run = (both: boolean, handoverMs: number, minPerDay: number, everyDay: boolean) => Array.from(gathered.evaluate(a, b, both, handoverMs, 2, minPerDay, everyDay));
      figures[client] = [run(true, 0, 1, true), run(false, 0, 1, true), run(true, 60, 1, true), run(true, 0, 3, true), run(true, 0, 3, false)];
      if (client === 0) {
        expect(gathered.group(a, b)).toBe(4);
        const { bounds } = gathered;
        expect([gathered.firstOf(bounds[0]!, bounds[1]!) - a, gathered.firstOf(bounds[1]!, bounds[2]!) - a, gathered.firstOf(bounds[2]!, bounds[3]!) - a]).toEqual([1, 2, 4]);
        expect([gathered.together(bounds[0]!, bounds[1]!), gathered.together(bounds[1]!, bounds[2]!), gathered.together(bounds[2]!, bounds[3]!)]).toEqual([100, 50, 0]);
        expect(Array.from(columns.staff.subarray(a, a + 2))).toEqual([3, 2]);
      }
    }, 2);
    // [visits, staff, reason, first short day, double-staffed visits, group]
    expect(figures[0]).toEqual([
      [4, 4, 0, -1, 2, 0],
      [4, 3, 0, -1, 2, 0], // first staff members: staff 1 (A), 2 (B), 0 (C), 1 (D)
      [4, 4, 0, -1, 1, 0], // only A's 100 ms reach 60 ms
      [4, 4, 2, 0, 2, 0], // 2 visits on day 0 (A, D) and on day 1 (B, C): day 0 is the first below 3
      [4, 4, 3, -1, 2, 0], // 4 visits < 3 a day × 2 days
    ]);
    expect(figures[1]![0]).toEqual([3, 1, 0, -1, 0, 1]);
    expect(figures[2]![0]).toEqual([3, 1, 0, -1, 0, 0]); // the counts of the clients before do not carry over
    expect(() => gathered.evaluate(0, 3, true, 0, 3, 1, true)).toThrow(/longer/); // more days than forEachClient was given
  });

  it('reserves exactly the room asked for, and appending grows it by half again', () => {
    const gathered = new GatheredRows();
    const block = (rows: number) => {
      const store = new CountedStore();
      for (let i = 0; i < rows; i++) store.add(i % 7, 0, 0, 0, i, 0, 1, 'V12');
      return store.toBlock();
    };
    gathered.reserve(1000, 3000);
    expect(gathered.room).toEqual({ rows: 1000, units: 3000 });
    gathered.reserve(1010, 3030); // a partition a little larger than the first: no third of the room left unused
    expect(gathered.room).toEqual({ rows: 1010, units: 3030 });
    gathered.reserve(10, 30); // never less
    expect(gathered.room).toEqual({ rows: 1010, units: 3030 });
    gathered.appendBlock(block(1011), null, 0); // unannounced rows: 1.5 × 1010 = 1515, 1.5 × 3030 = 4545
    expect(gathered.room).toEqual({ rows: 1515, units: 4545 });
    expect(gathered.count).toBe(1011);
  });

  it('keeps the rows when only the room for visit ids grows, in place', () => {
    const gathered = new GatheredRows();
    const ids = Array.from({ length: 100 }, (_, i) => `visit-${String(i).padStart(14, '0')}`); // 20 units each: 2,000 > the first 1,024
    for (const half of [ids.slice(0, 50), ids.slice(50)]) {
      const store = new CountedStore();
      half.forEach((id, k) => store.add(k % 3, k % 5, 0, 0, ids.indexOf(id), 10 * k, 10 * k + 5, id));
      gathered.appendBlock(store.toBlock(), null, 0);
    }
    expect(gathered.room.rows).toBe(256);
    expect(gathered.room.units).toBeGreaterThanOrEqual(2000);
    const seen: string[] = [];
    gathered.forEachClient({ staff: Int32Array.of(0, 1, 2, 3, 4), group: Int32Array.of(0) }, (_c, _rows, a, b) => {
      seen.push(...gathered.rowObjects(a, b, ['S0', 'S1', 'S2', 'S3', 'S4'], ['G']).map((r) => `${r.line}:${r.visitId}`));
    });
    expect(seen.sort()).toEqual(ids.map((id, line) => `${line}:${id}`).sort());
  });

  it('with nothing appended, calls for no client', () => {
    const gathered = new GatheredRows();
    let calls = 0;
    gathered.forEachClient({ staff: new Int32Array(0), group: new Int32Array(0) }, () => calls++);
    expect(calls).toBe(0);
  });
});
