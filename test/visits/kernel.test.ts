import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastScanPiece, type CodedRow, type CodedSink, type KeptKernel } from '../../src/engine/fast.js';
import { KERNEL_ASCII_VISIT, KERNEL_PLAIN, RECORD_FLAGS, RECORD_HEAD, RECORD_VALUES, SplitKernel, type RowSettings } from '../../src/engine/split-kernel.js';
import { MEASURE_COLUMNS } from '../../src/measures/continuity/settings.js';
import { parseDayCodes } from '../../src/windows/parse.js';
import { daysFromCivil } from '../../src/windows/civil.js';
import type { Visit } from '../../src/read/types.js';
import { WorkTable } from '../../src/engine/worktable.js';

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
      lines.push([k.records[r]!, k.records[r + 1]!, Array.from(k.records.subarray(r + RECORD_HEAD, r + RECORD_HEAD + Math.min(count, fields)))]);
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

describe('SplitKernel row settings', () => {
  const plainFirst = new Uint8Array(256).map((_, x) => (x > 32 ? 1 : 0));
  const plainLast = plainFirst;

  /** The flags and coded values of each line of `text` (split on ','), for `rows`; `passes` times over with the same kernel, one after the other. */
  function coded(text: string, rows: RowSettings, capacity = text.length + 16, passes = 1): { flags: number; values: number[] }[] {
    const fields = rows.checks.length;
    const k = SplitKernel.create(capacity, fields, -1, -1, rows)!;
    const out: { flags: number; values: number[] }[] = [];
    for (let pass = 0; pass < passes; pass++) {
      Buffer.from(text, 'latin1').copy(k.buffer());
      for (let from = 0; ;) {
        const n = k.split(from, text.length, 44);
        for (let l = 0; l < n; l++) {
          const r = l * k.stride;
          out.push({ flags: k.records[r + RECORD_FLAGS]!, values: Array.from(k.records.subarray(r + RECORD_VALUES, r + RECORD_VALUES + rows.slots.length)) });
        }
        from = k.done;
        if (n < k.maxLines) break;
      }
    }
    return out;
  }

  it('checks fields and numbers values in order of first sight, as read by hand', () => {
    // columns: visit, client (filled), staff (filled), contact (a staff id: the staff table), birth date
    const rows: RowSettings = {
      plainFirst, plainLast, checks: Uint8Array.of(1, 2, 2, 1, 1), visitColumn: 0,
      slots: [{ column: 1, table: 0 }, { column: 2, table: 1 }, { column: 3, table: 1 }, { column: 4, table: -1 }, { column: -1, table: 2 }, { column: -2, table: 3 }],
    };
    const text = [
      'v1,C1,S1,S2,1940-02-29', // C1 → 0; S1 → 0, S2 → 1 (one table for staff and contact); a leap day; the absent column: '' → 0; not wanted: -1
      'v2,C2,S2,,1941-02-29', // C2 → 1; S2 is 1; the empty contact → 2; not a date
      'vö,C1,S1,S1,1940-01-01\r', // C1 again; a non-ASCII visit id; the CR is not part of the last field
      ',C3, S1,S1,x', // a staff id with a space before it: not plain, nothing numbered
      'v5,,S1,S1,x', // no client: not plain
      'v6,C1,S1', // too few fields: no flags
      'v7,C3,S3,S1,1940-01-01', // C3 → 2 (the row before was not numbered), S3 → 3
      'v\x80,C1,S1,S1,', // a lone byte 0x80 in the visit id: not ASCII; an empty birth date is no date
    ].join('\n') + '\n';
    const got = coded(text, rows);
    const both = KERNEL_PLAIN | KERNEL_ASCII_VISIT;
    expect(got).toEqual([
      { flags: both, values: [0, 0, 1, (1940 << 9) | (2 << 5) | 29, 0, -1] },
      { flags: both, values: [1, 1, 2, -1, 0, -1] },
      { flags: KERNEL_PLAIN, values: [0, 0, 0, (1940 << 9) | (1 << 5) | 1, 0, -1] },
      { flags: 0, values: got[3]!.values },
      { flags: 0, values: got[4]!.values },
      { flags: 0, values: got[5]!.values },
      { flags: both, values: [2, 3, 0, (1940 << 9) | (1 << 5) | 1, 0, -1] },
      { flags: KERNEL_PLAIN, values: [0, 0, 0, -1, 0, -1] },
    ]);
  });

  it('numbers values as a Map of their bytes does, across table growth and long values, with tables growing in their regions, out of them or without them (property)', () => {
    fc.assert(fc.property(
      // size 'max': up to 4,000 values (fast-check's default size gives at most 10, and no table would grow)
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.constantFrom('', 'ö', 'LONGVALUE-', 'LONGVALUE-LONGVALUE-', 'x', 'L'.repeat(260)), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 4000, size: 'max' }),
      // the default regions; regions of 1024 slots and 512 key addresses (outgrown past 768 values); none
      fc.constantFrom<RowSettings['tableRoom']>(undefined, [16 << 10, 2 << 10], [0, 0]),
      (picks, tableRoom) => {
        // values of 0–40 bytes (and of 260–272: a slot keeps lengths up to 255) that differ anywhere, many distinct: the tables grow, and so does the memory
        const values = picks.map(([n, prefix, pad]) => `${prefix}${n}${'.'.repeat(pad % 9)}`);
        const text = values.map((v) => `${v},${v.length}`).join('\n') + '\n';
        const rows: RowSettings = { plainFirst, plainLast, checks: Uint8Array.of(2, 1), visitColumn: -1, slots: [{ column: 0, table: 0 }, { column: 1, table: 1 }], ...(tableRoom === undefined ? {} : { tableRoom }) };
        // twice over: the second time every value is found where the tables' growth put it, with its number
        const got = coded(Buffer.from(text).toString('latin1'), rows, Buffer.byteLength(text) + 16, 2);
        const byBytes = new Map<string, number>();
        const lengths = new Map<string, number>();
        expect(got.map((g) => g.values)).toEqual([...values, ...values].map((v) => {
          if (!byBytes.has(v)) byBytes.set(v, byBytes.size);
          if (!lengths.has(String(v.length))) lengths.set(String(v.length), lengths.size);
          return [byBytes.get(v), lengths.get(String(v.length))];
        }));
      },
    ), { numRuns: 60 });
  });

  it('leaves a line with a new value to JavaScript (flags 0) once its table has numbered its limit, and still numbers the values it knows', () => {
    const rows: RowSettings = { plainFirst, plainLast, checks: Uint8Array.of(2, 2), visitColumn: -1, slots: [{ column: 0, table: 0 }, { column: 1, table: 1 }], numberLimit: 2 };
    const got = coded('a,x\nb,x\nc,x\na,y\nb,z\nLONGVALUE-1,x\nb,x\n', rows);
    const both = KERNEL_PLAIN | KERNEL_ASCII_VISIT;
    expect(got.map((g) => (g.flags === 0 ? 'js' : `${g.flags === both ? '' : '?'}${g.values.join(' ')}`))).toEqual(['0 0', '1 0', 'js', '0 1', 'js', 'js', '1 0']);
  });

  it('refuses table regions whose addresses would pass 2 GiB', () => {
    const rows: RowSettings = { plainFirst, plainLast, checks: Uint8Array.of(2), visitColumn: -1, slots: [{ column: 0, table: 0 }] };
    expect(() => SplitKernel.create(64, 1, -1, -1, { ...rows, tableRoom: [120 << 20, 9 << 20] })).toThrow(RangeError);
    expect(coded('a\nb\na\n', { ...rows, tableRoom: [120 << 20, 8 << 20] }).map((r) => r.values[0])).toEqual([0, 1, 0]);
  });

  it('reads a date as parseDayCodes does (property)', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    fc.assert(fc.property(
      fc.array(fc.oneof(
        fc.tuple(fc.constantFrom('1940', '2000', '1900', '2023', '2024', '0000', '19x0'), two(13), two(32), fc.constantFrom('-', '/')).map(([y, m, d, sep]) => `${y}-${m}${sep}${d}`),
        fc.constantFrom('', '1940-1-01', '1940-01-011', '19400101'),
      ), { minLength: 1, maxLength: 50, size: 'max' }),
      (dates) => {
        const rows: RowSettings = { plainFirst, plainLast, checks: Uint8Array.of(0), visitColumn: -1, slots: [{ column: 0, table: -1 }] };
        const got = coded(`${dates.join('\n')}\n`, rows);
        expect(got.map((g) => {
          const d = g.values[0]!;
          return d < 0 ? Number.NaN : daysFromCivil(d >> 9, (d >> 5) & 15, d & 31);
        })).toEqual(dates.map((d) => parseDayCodes(Buffer.from(d), 0, d.length)));
      },
    ), { numRuns: 200 });
  });
});

describe('fastScanPiece with the kernel', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-kernel-'));
  let n = 0;

  it('hands on the same rows, issues and counts as the JavaScript splitter (property)', async () => {
    const cell = fc.constantFrom('', 'x', ' x', 'x ', 'Ö', '2024-10-01 08:00', '2024-10-01 09:00', 'S1', 'C1', 'C2', '1940-01-01', '\u00a0y');
    await fc.assert(fc.asyncProperty(
      fc.array(fc.oneof(fc.array(cell, { minLength: 4, maxLength: 4 }), fc.array(cell, { minLength: 0, maxLength: 6 })), { minLength: 1, maxLength: 40, size: 'max' }),
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
          // every coded column recorded: the absent group, kind and role are the empty value in both
          const sink = allColumns();
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
      fc.array(fc.tuple(either, either, fc.boolean()), { minLength: 1, maxLength: 30, size: 'max' }),
      fc.integer({ min: 1, max: 300 }),
      async (rows, unit) => {
        // the end time is the last column: a CR before the LF is not part of it
        const text = `client_id,staff_id,start,end\n${rows.map(([a, b, crlf], i) => `C${i},S1,${a},${b}${crlf ? '\r' : ''}`).join('\n')}\n`;
        const path = join(dir, `t${n++}.csv`);
        writeFileSync(path, text);
        const scan = async (kernel: boolean) => {
          const sink = everything();
          const r = await fastScanPiece(path, WorkTable.create([{ from: text.indexOf('\n') + 1, to: text.length }], unit), 0, 2, sink, { zone: 'Europe/Stockholm', maxVisitHours: Infinity }, kernel);
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

  it('hands on the same rows with every measure column, and vouches only for values new to the consumer (property)', async () => {
    const pick = (...xs: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...xs), weight: 6 }, { arbitrary: fc.constantFrom('', ' x', 'x ', '\u00a0y', 'Ö', 'ÅsaÅsaÅsa1', 'LONGVALUE-0001', 'LONGVALUE-0002'), weight: 1 });
    const row = fc.tuple(
      pick('v1', 'v2', 'vö', ''), pick('C1', 'C2', 'CLIENT-NUMBER-3', 'Åke'), pick('S1', 'S2', 'STAFF-NUMBER-3'),
      fc.constantFrom('2024-10-01 08:00', '2024-10-01T09:15:00', '2024-10-02 07:00', '2024-10-01 8:00'), fc.constantFrom('2024-10-01 10:00', '2024-10-02 23:59:59', '2024-10-01 07:00'),
      pick('omvårdnad', 'hsl', 'larm'), pick('Centrum', 'Öster'), pick('1940-02-29', '1950-13-01', '1930-01-01', '19400101'), pick('undersköterska', 'hsl'),
      pick('S1', 'S2', 'S9', ''), pick('80', '79.5', ''),
    );
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(row, fc.boolean()), { minLength: 1, maxLength: 40, size: 'max' }),
      fc.integer({ min: 1, max: 300 }),
      async (rows, unit) => {
        const header = 'visit_id,client_id,staff_id,start,end,kind,group,client_birth_date,staff_role,contact_staff_id,client_age';
        const text = `${header}\n${rows.map(([cells, crlf]) => `${cells.join(',')}${crlf ? '\r' : ''}`).join('\n')}\n`;
        const path = join(dir, `f${n++}.csv`);
        writeFileSync(path, text);
        const to = Buffer.byteLength(text);
        const scan = async (kernel: boolean, bytes = false) => {
          const sink = allColumns(bytes);
          const r = await fastScanPiece(path, WorkTable.create([{ from: header.length + 1, to }], unit), 0, 2, sink, { use: MEASURE_COLUMNS, zone: 'Europe/Stockholm' }, kernel);
          return { seen: sink.seen, ledger: r!.ledger };
        };
        const js = await scan(false);
        expect(js.seen.length + js.ledger.rejected).toBe(rows.length);
        expect(await scan(true)).toEqual(js);
        // a sink that takes fresh values as bytes gets the same values (and fails one given twice)
        expect(await scan(true, true)).toEqual(js);
        expect(await scan(false, true)).toEqual(js);
      },
    ), { numRuns: 200 });
  });

  it('reads several pieces with one kept kernel as with a kernel each: its tables go on numbering, each sink gets its own numbers (property)', async () => {
    const row = fc.tuple(fc.constantFrom('C1', 'C2', 'CLIENT-NUMBER-3', 'Åke', ' x'), fc.constantFrom('S1', 'S2', 'STAFF-NUMBER-3', ''), fc.constantFrom('hsl', 'larm'));
    await fc.assert(fc.asyncProperty(
      fc.array(row, { minLength: 2, maxLength: 40, size: 'max' }),
      fc.integer({ min: 1, max: 39 }),
      fc.integer({ min: 1, max: 200 }),
      async (rows, cut, unit) => {
        const header = 'visit_id,client_id,staff_id,start,end,kind';
        const lines = rows.map(([c, st, k], i) => `v${i},${c},${st},2024-10-01 08:00,2024-10-01 09:00,${k}\n`);
        const text = `${header}\n${lines.join('')}`;
        const path = join(dir, `p${n++}.csv`);
        writeFileSync(path, text);
        const from = header.length + 1;
        const at = from + Buffer.byteLength(lines.slice(0, Math.min(cut, rows.length - 1)).join(''));
        const ranges = [{ from, to: at }, { from: at, to: Buffer.byteLength(text) }];
        const scan = async (kernel: boolean | KeptKernel, bytes: boolean) => {
          const table = WorkTable.create(ranges, unit);
          const seen: string[][] = [];
          for (const p of [0, 1]) {
            const sink = allColumns(bytes);
            await fastScanPiece(path, table, p, p === 0 ? 2 : 1, sink, { use: MEASURE_COLUMNS }, kernel);
            seen.push(sink.seen);
          }
          return seen;
        };
        const kept: KeptKernel = { kernel: null };
        const each = await scan(true, false);
        expect(each.flat().length).toBe(rows.filter(([, staff]) => staff !== '').length); // a row without staff is rejected
        expect(await scan(kept, true)).toEqual(each);
        const first = kept.kernel;
        expect(first).not.toBeNull();
        expect(await scan(kept, false)).toEqual(each);
        expect(kept.kernel).toBe(first); // the same kernel all along
      },
    ), { numRuns: 100 });
  });

  it('reads 40,000 distinct clients in small units as the JavaScript splitter does (the kernel\'s memory grows while its buffer is in use)', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `V${i},CLIENT-${i * 7919 % 40_000},S${i % 997},2024-10-01 08:00,2024-10-01 09:00,hsl,G${i % 13},1940-01-01,r,S${i % 31},`);
    const header = 'visit_id,client_id,staff_id,start,end,kind,group,client_birth_date,staff_role,contact_staff_id,client_age';
    const text = `${header}\n${lines.join('\n')}\n`;
    const path = join(dir, 'many.csv');
    writeFileSync(path, text);
    const scan = async (kernel: boolean) => {
      const sink = allColumns();
      await fastScanPiece(path, WorkTable.create([{ from: header.length + 1, to: text.length }], 1 << 14), 0, 2, sink, { use: MEASURE_COLUMNS }, kernel);
      return sink.seen;
    };
    const rows = await scan(true);
    expect(rows.length).toBe(40_000);
    expect(rows[12_345]).toMatch(new RegExp(`^12347 c:CLIENT-${12_345 * 7919 % 40_000} s:S${12_345 % 997} `));
    expect(rows).toEqual(await scan(false));
  });

  it('vouches for no value twice when a line longer than the buffer is numbered apart from the kernel\'s', async () => {
    // C2 and S2 are first seen on the long line (numbered in JavaScript), then on lines the kernel
    // reads (the reader goes back to the kernel's buffer after the long line); C1 the other way round
    const header = 'visit_id,client_id,staff_id,start,end,kind,group,client_birth_date,staff_role,contact_staff_id,client_age';
    const row = (visit: string, client: string, staff: string) => `${visit},${client},${staff},2024-10-01 08:00,2024-10-01 09:00,hsl,G,1940-01-01,r,S1,`;
    const text = `${header}\n${[row('v1', 'C1', 'S1'), row('V'.repeat(100_000), 'C2', 'S2'), ...Array.from({ length: 2000 }, () => row('v3', 'C2', 'S2')), row('V'.repeat(100_000), 'C1', 'S1')].join('\n')}\n`;
    const path = join(dir, 'long-fresh.csv');
    writeFileSync(path, text);
    const scan = async (kernel: boolean) => {
      const sink = allColumns();
      await fastScanPiece(path, WorkTable.create([{ from: header.length + 1, to: text.length }], 1 << 12), 0, 2, sink, { use: MEASURE_COLUMNS }, kernel);
      return sink.seen.map((r) => r.split(' ').slice(0, 3).join(' '));
    };
    const want = ['2 c:C1 s:S1', '3 c:C2 s:S2', ...Array.from({ length: 2000 }, (_, i) => `${i + 4} c:C2 s:S2`), '2004 c:C1 s:S1'];
    expect(await scan(true)).toEqual(want);
    expect(await scan(false)).toEqual(want);
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

/**
 * A sink that records every field a measure uses of every row it is given, as text, and fails a
 * value vouched for as fresh ({@link CodedSink.code}) that it was given before; with `bytes`, it
 * takes fresh values as their bytes ({@link CodedSink.codeAscii}).
 */
function allColumns(bytes = false): CodedSink & { seen: string[] } {
  const names = new Map<string, string[]>();
  const numbers = new Map<string, number>();
  const seen: string[] = [];
  const text = (column: string, n: number) => (n < 0 ? '-' : names.get(column)![n]);
  const code = (column: string, value: string, fresh?: boolean) => {
    const list = names.get(column) ?? names.set(column, []).get(column)!;
    const known = numbers.get(`${column}:${value}`);
    if (fresh && known !== undefined) throw new Error(`${column} ${value} vouched for as fresh, but asked before`);
    if (known !== undefined) return known;
    numbers.set(`${column}:${value}`, list.length);
    return list.push(value) - 1;
  };
  return {
    seen,
    wantsContact: true,
    code,
    // with `bytes`, fresh values come as bytes: they must be ASCII
    ...(bytes ? {
      codeAscii: (column: string, buf: Uint8Array, a: number, b: number) => {
        if (buf.subarray(a, b).some((x) => x >= 0x80)) throw new Error(`${column}: bytes given that are not ASCII`);
        return code(column, Buffer.from(buf.subarray(a, b)).toString('latin1'), true);
      },
    } : {}),
    addCoded: (r: CodedRow) => {
      const visit = r.bytes === null ? r.visitId : Buffer.from(r.bytes.subarray(r.visitFrom, r.visitTo)).toString('latin1');
      seen.push(`${r.line} c:${text('client', r.client)} s:${text('staff', r.staff)} g:${text('group', r.group)} k:${text('kind', r.kind)} r:${text('role', r.role)} ct:${text('staff', r.contact)} ${r.start} ${r.end} b:${r.birthDay} a:${r.age} v:${visit}`);
    },
    addVisit: (v: Visit) => { seen.push(`${v.line} c:${v.client} s:${v.staff} g:${v.group} k:${v.kind} r:${v.staffRole} ct:${v.contactStaff || '-'} ${v.start} ${v.end} b:${v.birthDay} a:${v.age} v:${v.visitId}`); },
  };
}

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
