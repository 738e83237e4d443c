import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatheredRows } from '../../src/continuity/rowstore.js';
import { CountedStore, type NumberMaps } from '../../src/continuity/store.js';

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

  it('with nothing appended, calls for no client', () => {
    const gathered = new GatheredRows();
    let calls = 0;
    gathered.forEachClient({ staff: new Int32Array(0), group: new Int32Array(0) }, () => calls++);
    expect(calls).toBe(0);
  });
});
