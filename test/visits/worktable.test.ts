import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastScanPiece, type CodedRow, type CodedSink } from '../../src/engine/fast.js';
import type { Visit } from '../../src/read/types.js';
import { WorkTable } from '../../src/engine/worktable.js';

describe('WorkTable', () => {
  it('claims units from the front and splits off the back half of what is left (the doc example)', () => {
    const table = WorkTable.create([{ from: 100, to: 8292 }], 1024); // 8 units: 100, 1124, …, 7268
    expect(table.claim(0)).toBe(100);
    // 7 left: the back 3 (floor of half) become piece 1, from unit 5 = 100 + 5 × 1024
    expect(table.steal(2)).toBe(1);
    expect(table.piece(1)).toEqual({ from: 5220, to: 8292 });
    expect(table.end(0)).toBe(5220);
    expect([table.claim(0), table.claim(0), table.claim(0), table.claim(0), table.claim(0)]).toEqual([1124, 2148, 3172, 4196, -1]);
    // piece 1 has 3 units: below a minimum of 4 nothing is split
    expect(table.steal(4)).toBe(-1);
    expect([table.claim(1), table.claim(1), table.claim(1), table.claim(1)]).toEqual([5220, 6244, 7268, -1]);
    expect(table.end(1)).toBe(8292);
  });

  it('refuses units it could not count in 32 bits', () => {
    expect(() => WorkTable.create([{ from: 0, to: 2 ** 32 }], 1)).toThrow(RangeError);
    expect(WorkTable.create([{ from: 0, to: 2 ** 32 }], 4).claim(0)).toBe(0);
    expect(() => WorkTable.create([{ from: 0, to: 10 }], 0)).toThrow(RangeError);
  });

  it('never splits a piece with fewer than two units left, and stops when full', () => {
    const table = WorkTable.create([{ from: 0, to: 10 }], 5, 2);
    table.claim(0);
    expect(table.steal(1)).toBe(-1); // one unit left
    const big = WorkTable.create([{ from: 0, to: 1000 }], 1, 2);
    expect(big.steal(2)).toBe(1);
    expect(big.steal(2)).toBe(-1); // room for two pieces only
    expect(big.end(0) + (big.piece(1).to - big.piece(1).from)).toBe(1000);
  });

  it('gives every unit of the ranges to exactly one claim, whatever the order of claims and splits (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: 17 }),
      fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 6 })), { maxLength: 400 }),
      (lengths, unit, moves) => {
        let at = 7;
        const ranges = lengths.map((n) => ({ from: at, to: (at += n) }));
        const table = WorkTable.create(ranges, unit, 64);
        const claimed: [number, number][] = [];
        const claim = (p: number) => {
          const a = table.claim(p);
          if (a >= 0) claimed.push([a, Math.min(a + unit, table.piece(p).to)]);
          return a;
        };
        for (const [split, k, min] of moves) {
          if (split) table.steal(min);
          else claim(k % table.pieces);
        }
        for (let p = 0; p < table.pieces; p++) while (claim(p) >= 0);
        // the claimed spans tile [7, at) exactly
        claimed.sort((a, b) => a[0] - b[0]);
        let end = 7;
        for (const [a, b] of claimed) {
          expect(a).toBe(end);
          end = b;
        }
        expect(end).toBe(at);
        // and each piece ends where the next one in file order starts
        const made = Array.from({ length: table.pieces }, (_, p) => p).filter((p) => table.ready(p));
        const pieces = made.map((p) => ({ from: table.piece(p).from, end: table.end(p) })).sort((a, b) => a.from - b.from);
        pieces.forEach((p, i) => expect(p.end).toBe(i + 1 < pieces.length ? pieces[i + 1]!.from : at));
      },
    ), { numRuns: 300 });
  });
});

/** A sink that records the line number and client id of each row it is given, and calls `onRow` after each. */
function recorder(onRow: () => void = () => {}): CodedSink & { seen: [number, string][] } {
  const clients: string[] = [];
  const seen: [number, string][] = [];
  return {
    seen,
    wantsContact: false,
    code: (column, text) => (column === 'client' ? clients.push(text) - 1 : 0),
    addCoded: (r: CodedRow) => { seen.push([r.line, clients[r.client]!]); onRow(); },
    addVisit: (v: Visit) => { seen.push([v.line, v.client]); onRow(); },
  };
}

describe('fastScanPiece', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-pieces-'));
  let n = 0;

  it('reads each line once, in file order, however pieces are split while they are read (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.boolean()), { minLength: 1, maxLength: 60 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 64 }),
      fc.integer({ min: 1, max: 3 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 2, max: 5 })), { maxLength: 100 }),
      async (shape, finalBreak, unit, rangeCount, splits) => {
        // rows with client ids of many lengths (some longer than a unit), a blank line, CR LF line ends
        const lines = shape.map(([len, crlf], i) => `${'C'.repeat(len)}${i},S1,2024-10-01 08:00,2024-10-01 08:30${crlf ? '\r' : ''}`);
        lines.splice(Math.floor(lines.length / 2), 0, '');
        const text = `client_id,staff_id,start,end\n${lines.join('\n')}${finalBreak ? '\n' : ''}`;
        const path = join(dir, `p${n++}.csv`);
        writeFileSync(path, text);
        const from = text.indexOf('\n') + 1;
        // every row once, in one piece; its client ids are those of the text (an independent reading)
        const one = recorder();
        await fastScanPiece(path, WorkTable.create([{ from, to: text.length }], 1 << 20), 0, 2, one, {});
        expect(one.seen.map(([, c]) => c)).toEqual(lines.filter((l) => l !== '').map((l) => l.split(',')[0]));

        // ranges on line starts; while a piece is read, other "threads" split pieces (any, this one too)
        const cuts = [from];
        for (let k = 1; k < rangeCount; k++) {
          const at = text.indexOf('\n', from + Math.floor(((text.length - from) * k) / rangeCount)) + 1;
          if (at > cuts[cuts.length - 1]! && at < text.length) cuts.push(at);
        }
        const table = WorkTable.create(cuts.map((a, k) => ({ from: a, to: cuts[k + 1] ?? text.length })), unit, 64);
        const queue = cuts.map((_, k) => k);
        const read: { from: number; seen: [number, string][]; nextLine: number }[] = [];
        let row = 0;
        while (queue.length > 0) {
          const p = queue.shift()!;
          const sink = recorder(() => {
            const split = splits[row++ % Math.max(1, splits.length)];
            if (split !== undefined && split[0] % 3 === 0) {
              const s = table.steal(split[1]);
              if (s >= 0) queue.push(s);
            }
          });
          const r = await fastScanPiece(path, table, p, table.piece(p).from === from ? 2 : 1, sink, {});
          read.push({ from: table.piece(p).from, seen: sink.seen, nextLine: r!.nextLine });
        }
        read.sort((a, b) => a.from - b.from);
        let offset = 0;
        const got: [number, string][] = [];
        for (const piece of read) {
          for (const [line, client] of piece.seen) got.push([line + offset, client]);
          offset += piece.nextLine - 1;
        }
        expect(got).toEqual(one.seen);
      },
    ), { numRuns: 300 });
  });
});
