import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastScanPiece, type CodedRow, type CodedSink } from '../../src/visits/fast.js';
import { SplitKernel } from '../../src/visits/kernel.js';
import type { Visit } from '../../src/visits/types.js';
import { WorkTable } from '../../src/visits/worktable.js';

/** The lines of `text` ending in LF, split by string methods: [start, LF position, delimiter positions]. */
function reference(text: string, delim: string): [number, number, number[]][] {
  const lines: [number, number, number[]][] = [];
  for (let start = 0, nl = text.indexOf('\n'); nl >= 0; start = nl + 1, nl = text.indexOf('\n', start)) {
    const at: number[] = [];
    for (let p = text.indexOf(delim, start); p >= 0 && p < nl; p = text.indexOf(delim, p + 1)) at.push(p);
    lines.push([start, nl, at]);
  }
  return lines;
}

/** Every line the kernel records for `text`, calling it again from `done` while it fills its records. */
function kernelLines(text: string, delim: string, fields: number): { lines: [number, number, number[]][]; calls: number; done: number } {
  const k = SplitKernel.create(text.length + 16, fields)!;
  const buf = k.buffer();
  buf.write(text, 'latin1');
  const lines: [number, number, number[]][] = [];
  let calls = 0;
  for (let from = 0; ;) {
    const n = k.split(from, text.length, delim.charCodeAt(0));
    calls++;
    for (let l = 0; l < n; l++) {
      const r = l * k.stride;
      const count = k.records[r + 2]!;
      lines.push([k.records[r]!, k.records[r + 1]!, Array.from(k.records.subarray(r + 7, r + 7 + Math.min(count, fields)))]);
      expect(count).toBeGreaterThanOrEqual(Math.min(count, fields));
    }
    from = k.done;
    if (n < k.maxLines) return { lines, calls, done: from };
  }
}

describe('SplitKernel', () => {
  it('records a small buffer as read by hand', () => {
    // "a,b\r\n" (LF at 4), "\n" (LF at 5), "c,,d\n" (LF at 10), then "e,f" unfinished
    const { lines, done } = kernelLines('a,b\r\n\nc,,d\ne,f', ',', 4);
    expect(lines).toEqual([[0, 4, [1]], [5, 5, []], [6, 10, [7, 8]]]);
    expect(done).toBe(11);
  });

  it('finds the same lines and delimiters as string methods, across 16-byte blocks and record limits (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('a', 'ö', ',', ';', '\n', '\r', ' ', '9'), { maxLength: 300, size: 'max' }),
      fc.constantFrom(',', ';'),
      fc.integer({ min: 1, max: 6 }),
      fc.boolean(),
      (chars, delim, fields, few) => {
        const text = Buffer.from(chars.join('')).toString('latin1'); // one char per byte
        // with ~40,000 fields a call records at most 3 lines, so the caller goes on from `done`
        const width = few ? 40_000 : fields;
        const { lines, calls, done } = kernelLines(text, delim, width);
        const want = reference(text, delim);
        expect(lines).toEqual(want.map(([a, nl, at]) => [a, nl, at.slice(0, width)]));
        expect(done).toBe(text.lastIndexOf('\n') + 1);
        if (few) expect(calls).toBe(Math.floor(want.length / 3) + 1);
      },
    ), { numRuns: 500 });
  });

  it('counts every delimiter of a line but keeps only the first positions (a line wider than all its records)', () => {
    // 300,000 delimiters: their positions would take more room than the kernel's memory has
    const text = `${'a,'.repeat(300_000)}\n`;
    const { lines } = kernelLines(text, ',', 2);
    expect(lines).toEqual([[0, 600_000, [1, 3]]]);
    const k = SplitKernel.create(text.length, 2)!;
    k.buffer().write(text, 'latin1');
    expect(k.split(0, text.length, 44)).toBe(1);
    expect(k.records[2]).toBe(300_000);
  });
});

describe('fastScanPiece with the kernel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-kernel-'));
  let n = 0;

  it('hands on the same rows, issues and counts as the JavaScript splitter (property)', async () => {
    const cell = fc.constantFrom('', 'x', ' x', 'x ', 'Ö', '2024-10-01 08:00', '2024-10-01 09:00', 'S1', 'C1', 'C2', '1940-01-01', '\u00a0y');
    await fc.assert(fc.asyncProperty(
      fc.array(fc.oneof(fc.array(cell, { minLength: 4, maxLength: 4 }), fc.array(cell, { minLength: 0, maxLength: 6 })), { minLength: 1, maxLength: 40 }),
      fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      fc.integer({ min: 1, max: 200 }),
      async (rows, crlf, unit) => {
        const lines = rows.map((cells, i) => `${cells.join(';')}${crlf[i] ? '\r' : ''}`);
        const text = `client_id;staff_id;start;end\n${lines.join('\n')}\n`;
        const path = join(dir, `k${n++}.csv`);
        writeFileSync(path, text);
        const from = Buffer.byteLength(text.slice(0, text.indexOf('\n') + 1));
        const to = Buffer.byteLength(text);
        const scan = async (kernel: boolean) => {
          const sink = everything();
          const r = await fastScanPiece(path, WorkTable.create([{ from, to }], unit), 0, 2, sink, {}, kernel);
          return { seen: sink.seen, ledger: r!.ledger, nextLine: r!.nextLine };
        };
        const js = await scan(false);
        expect(js.seen.length + js.ledger.rejected + js.ledger.blankLines).toBe(rows.length);
        expect(await scan(true)).toEqual(js);
      },
    ), { numRuns: 200 });
  });

  it('reads times as parseTimeInto does: the same rows and issues for near-times of every shape (property)', async () => {
    let used = 0;
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const time = fc.tuple(
      fc.constantFrom('2024', '2023', '2000', '1900', '0000', '20x4'), two(19), two(39), fc.constantFrom(' ', 'T', 't', '_', '  '),
      two(29), two(69), fc.option(two(69)), fc.constantFrom('', '', '', 'Z', '+01:00', '.5', ' ', 'x'),
      fc.constantFrom('-', '-', '/'), fc.constantFrom(':', ':', '.'),
    ).map(([y, mo, d, sep, h, mi, sec, tail, ds, ts]) => `${y}${ds}${mo}-${d}${sep}${h}${ts}${mi}${sec === null ? '' : `:${sec}`}${tail}`);
    // mostly real times: leap days, the daylight-saving changes (a gap on 03-31, a repeated hour on 10-27), the three separators
    const real = fc.tuple(
      fc.constantFrom('2024-02-29', '2023-02-28', '2024-03-31', '2024-10-27', '2024-10-01', '2024-12-31'), fc.constantFrom(' ', 'T', 't'),
      fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.option(fc.integer({ min: 0, max: 59 })),
    ).map(([d, sep, h, mi, sec]) => `${d}${sep}${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}${sec === null ? '' : `:${String(sec).padStart(2, '0')}`}`);
    const either = fc.oneof({ arbitrary: real, weight: 4 }, { arbitrary: time, weight: 1 });
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(either, either, fc.boolean()), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 1, max: 300 }),
      async (rows, unit) => {
        // the end time is the last column: a CR before the LF is not part of it
        const text = `client_id,staff_id,start,end\n${rows.map(([a, b, crlf], i) => `C${i},S1,${a},${b}${crlf ? '\r' : ''}`).join('\n')}\n`;
        const path = join(dir, `t${n++}.csv`);
        writeFileSync(path, text);
        const scan = async (kernel: boolean) => {
          const sink = everything();
          const r = await fastScanPiece(path, WorkTable.create([{ from: text.indexOf('\n') + 1, to: text.length }], unit), 0, 2, sink, { zone: 'Europe/Stockholm' }, kernel);
          return { seen: sink.seen, ledger: r!.ledger };
        };
        const js = await scan(false);
        expect(js.seen.length + js.ledger.rejected).toBe(rows.length);
        expect(await scan(true)).toEqual(js);
        used += js.seen.length;
      },
    ), { numRuns: 300 });
    expect(used).toBeGreaterThan(300); // rows with both times read (by the kernel, in the kernel's scan)
  });

  it('reads a line longer than its buffer (the reader moves to a bigger one, split in JavaScript) like the JavaScript splitter', async () => {
    const long = 'C'.repeat(100_000);
    const text = `client_id,staff_id,start,end\nC1,S1,2024-10-01 08:00,2024-10-01 08:30\n${long},S2,2024-10-01 09:00,2024-10-01 09:30\nC3,S1,2024-10-01 10:00,2024-10-01 10:30\n`;
    const path = join(dir, 'long.csv');
    writeFileSync(path, text);
    const scan = async (kernel: boolean) => {
      const sink = everything();
      await fastScanPiece(path, WorkTable.create([{ from: text.indexOf('\n') + 1, to: text.length }], 1 << 12), 0, 2, sink, {}, kernel);
      return sink.seen;
    };
    const rows = await scan(true);
    expect(rows.map((r) => r.split(' ').slice(0, 3).join(' '))).toEqual(['2 client:C1 staff:S1', `3 client:${long} staff:S2`, '4 client:C3 staff:S1']);
    expect(rows).toEqual(await scan(false));
  });
});

/** A sink that records every field of every row it is given, as text. */
function everything(): CodedSink & { seen: string[] } {
  const names: string[] = [];
  const seen: string[] = [];
  return {
    seen,
    wantsContact: false,
    code: (column, text) => names.push(`${column}:${text}`) - 1,
    addCoded: (r: CodedRow) => { seen.push(`${r.line} ${names[r.client]} ${names[r.staff]} ${r.start} ${r.end}`); },
    addVisit: (v: Visit) => { seen.push(`${v.line} visit ${v.client} ${v.staff} ${v.start} ${v.end}`); },
  };
}
