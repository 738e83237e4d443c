import { describe, expect, it } from 'vitest';
import { RouteRows } from '../../src/measures/routes/rows.js';
import { RowsPart } from '../../src/measures/routes/rows-part.js';
import { ChunkFile } from '../../src/measures/routes/chunk-file.js';
import { Times, Whole, Slabs } from '../../src/measures/routes/columns.js';
import { VisitIds } from '../../src/measures/routes/visitIds.js';
import { LocalZone } from '../../src/windows/zone.js';
import type { Visit } from '../../src/read/types.js';
import { tempFiles } from '../continuity/fixture.js';

const zone = new LocalZone('Europe/Stockholm');
const file = tempFiles('kontinuitet-absorb-');
const t0 = Date.UTC(2024, 9, 1, 6, 0);

/**
 * 140,000 rows, two a visit (the same client, id and time, two staff: double-staffed), across
 * the columns' blocks of 65,536 rows: 70,000 staff (numbers above 65,535), ids as ASCII, as text
 * and none, a client's next visit often at its last point, no coordinates on every third row,
 * travel on every fifth, one visit of 20 hours (a duration above 65,535 s), and rows 80,000 to
 * 119,999 half a second off whole seconds (a chunk of 40,000 rows in whole seconds from its own
 * first row, not from the log's).
 */
function visits(): Visit[] {
  const out: Visit[] = [];
  for (let r = 0; r < 140_000; r++) {
    const k = r >> 1;
    const start = t0 + k * 60_000 + (r >= 80_000 && r < 120_000 ? 500 : 0);
    const end = start + (k === 25_000 ? 20 * 3_600_000 : 900_000);
    const visitId = k % 11 === 0 ? '' : k % 7 === 0 ? `Å${k}` : `V${k}`;
    out.push({
      visitId, client: `C${k % 997}`, staff: `S${r % 70_000}`, group: `G${k % 3}`, start, end,
      ...(r % 3 === 0 ? {} : { lat: 60 + (k % 11) / 100, lon: 15 + (k % 2) / 100 }),
      ...(r % 5 === 0 ? { travelMinutes: r % 13 } : {}),
    } as Visit);
  }
  return out;
}

/** Every row as the route figures read it (after the double-staffed visits are marked), and the staff-days. */
function readBack(rows: RouteRows) {
  rows.markDoubleStaffed(300_000);
  // a row's stop and group as 10 numbers (NaN: null; 1: double-staffed)
  const stops = new Float64Array(10 * rows.count);
  for (let i = 0; i < rows.count; i++) {
    const s = rows.stop(i, Infinity);
    [s.start, s.end, s.lat, s.lon, s.travelMinutes, s.travelKm, s.shiftStart, s.shiftEnd, s.double ? 1 : 0, rows.groupOf(i)].forEach((v, k) => { stops[10 * i + k] = v ?? NaN; });
  }
  // the staff-days' arrays as one string each (a deep comparison of 140,000 numbers takes seconds)
  const order = Object.fromEntries(Object.entries(rows.staffDays(zone)).map(([k, v]) => [k, v === null ? null : Array.prototype.join.call(v, ' ')]));
  // the points kept (a client's next row at its last point is no new one): private, read for the test
  const points = (rows as unknown as { points: number }).points;
  return { count: rows.count, points, staff: rows.staffNames.texts().join('\n'), groups: rows.groupNames.texts(), stops, order };
}

/** The first row whose stop differs (-1: none), for a short message. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  for (let k = 0; k < Math.max(a.length, b.length); k++) if (!Object.is(a[k], b[k])) return Math.floor(k / 10);
  return -1;
}

/** `got` read back equals `expected`: every row's stop first, then the rest. */
function expectSame(got: ReturnType<typeof readBack>, expected: ReturnType<typeof readBack>): void {
  expect(firstDifference(got.stops, expected.stops)).toBe(-1);
  expect({ ...got, stops: null }).toEqual({ ...expected, stops: null });
}

/** A part of `chunkRows`-row chunks holding `vs`, held or written to a file. */
function partOf(vs: Visit[], chunkRows: number, spill: boolean) {
  const part = new RowsPart(zone, [-Infinity, Infinity], chunkRows, spill ? new ChunkFile(file('')) : null);
  for (const v of vs) part.addVisit(v);
  return part.part();
}

describe('route rows taken from parts', () => {
  const all = visits();
  const one = new RouteRows();
  for (const v of all) one.add(v);
  const expected = readBack(one);

  it('are the rows one thread keeps: a part from the file\'s start taken as it is numbered, held or written out', () => {
    // the cases the rows are made for are in them
    expect(expected.staff.split('\n').length).toBe(70_000);
    expect(expected.stops.filter((v, k) => k % 10 === 8 && v === 1).length).toBeGreaterThan(100_000);
    expect(expected.stops[0]! % 1000).toBe(0);
    expect(expected.stops[10 * 80_000]! % 1000).toBe(500);
    for (const spill of [false, true]) {
      const rows = new RouteRows();
      rows.absorb(partOf(all, 40_000, spill));
      expectSame(readBack(rows), expected);
    }
  });

  it('are the rows one thread keeps: a second part numbered anew, its clients\' last points those the first part left', () => {
    // the second part's first rows (clients seen in the first) at their last point: no new point
    for (const cut of [70_000, 100_001]) {
      const rows = new RouteRows();
      rows.absorb(partOf(all.slice(0, cut), 30_000, true));
      rows.absorb(partOf(all.slice(cut), 30_000, false));
      expectSame(readBack(rows), expected);
    }
  });
});

describe('columns set a run of rows at a time', () => {
  it('Whole.setRun keeps what set a row at a time keeps: across blocks, two-byte values into a wide column, four-byte values widening it', () => {
    const runs: (Uint16Array | Int32Array)[] = [
      Uint16Array.from({ length: 70_000 }, (_, r) => (r * 7) & 0xffff),
      Int32Array.from({ length: 3 }, (_, r) => r * 40_000),
      Uint16Array.from({ length: 65_536 }, (_, r) => r),
    ];
    const byRun = new Whole(new Slabs()), byRow = new Whole(new Slabs());
    let at = 0;
    for (const run of runs) {
      byRun.setRun(at, run);
      run.forEach((v, r) => byRow.set(at + r, v));
      at += run.length;
    }
    for (let i = 0; i < at; i++) if (byRun.get(i) !== byRow.get(i)) expect([i, byRun.get(i)]).toEqual([i, byRow.get(i)]);
    expect(byRun.get(70_002)).toBe(80_000);
    expect(byRun.get(at - 1)).toBe(65_535);
  });

  it('Times.addRun keeps what add keeps a row at a time, and declines runs it cannot keep in whole seconds from the first start', () => {
    const byRun = new Times(new Slabs()), byRow = new Times(new Slabs());
    const base = t0 + 7_000;
    const seconds = Int32Array.from({ length: 70_000 }, (_, r) => r * 30), durations = Int32Array.from({ length: 70_000 }, (_, r) => (r === 5 ? 100_000 : 600));
    expect(byRun.addRun(0, 70_000, base, seconds, durations)).toBe(true);
    // a second run 3 s before the first start: kept as seconds from it
    expect(byRun.addRun(70_000, 2, base - 3_000, Int32Array.of(0, 1), Int32Array.of(60, 60))).toBe(true);
    for (let r = 0; r < 70_000; r++) byRow.add(r, base + seconds[r]! * 1000, base + (seconds[r]! + durations[r]!) * 1000);
    byRow.add(70_000, base - 3_000, base + 57_000);
    byRow.add(70_001, base - 2_000, base + 58_000);
    for (let i = 0; i < 70_002; i++) {
      if (byRun.start(i) !== byRow.start(i) || byRun.end(i) !== byRow.end(i)) expect([i, byRun.start(i), byRun.end(i)]).toEqual([i, byRow.start(i), byRow.end(i)]);
    }
    expect(byRun.end(5)).toBe(base + 150_000 + 100_000_000);
    // half a second off the first start, or seconds past 32 bits from it: not taken
    expect(byRun.addRun(70_002, 1, base + 500, Int32Array.of(0), Int32Array.of(60))).toBe(false);
    expect(byRun.addRun(70_002, 2, base + 1_000, Int32Array.of(0, 0x7fffffff), Int32Array.of(60, 60))).toBe(false);
    expect(byRun.start(70_001)).toBe(base - 2_000);
  });

  it('VisitIds.addRun keeps the ids a row at a time keeps: across its 4 MB chunks, with ids as text (wide too), none, and too long for the chunks', () => {
    // 700,000 rows of ~7 bytes (three chunks of ids), every 1,000th as text, every 997th none, two of 5,000 bytes
    const n = 700_000;
    const texts: [number, string][] = [];
    const parts: Buffer[] = [];
    const idEnds = new Int32Array(n);
    let bytes = 0;
    for (let r = 0; r < n; r++) {
      if (r % 1000 === 500) texts.push([r, r % 2000 === 500 ? `Ω${r}` : `T${r}`]);
      else if (r % 997 !== 0) {
        const id = Buffer.from(r === 123_456 || r === 600_001 ? 'L'.repeat(5_000) : `V${r}`, 'latin1');
        parts.push(id);
        bytes += id.length;
      }
      idEnds[r] = bytes;
    }
    const ids = Buffer.concat(parts);
    const byRun = new VisitIds(new Slabs()), byRow = new VisitIds(new Slabs());
    // in two runs, the second from row 350,000 on
    byRun.addRun(0, ids, idEnds.subarray(0, 350_000), 350_000, texts.filter(([r]) => r < 350_000));
    const from = idEnds[349_999]!;
    byRun.addRun(350_000, ids.subarray(from), idEnds.subarray(350_000).map((e) => e - from), n - 350_000, texts.filter(([r]) => r >= 350_000).map(([r, t]) => [r - 350_000, t] as [number, string]));
    let text = 0;
    for (let r = 0; r < n; r++) {
      if (text < texts.length && texts[text]![0] === r) byRow.add(r, texts[text++]![1]);
      else byRow.addBytes(r, ids, r === 0 ? 0 : idEnds[r - 1]!, idEnds[r]!);
    }
    for (let r = 0; r < n; r++) {
      if (byRun.text(r) !== byRow.text(r) || byRun.hash(r) !== byRow.hash(r)) expect([r, byRun.text(r), byRun.hash(r)]).toEqual([r, byRow.text(r), byRow.hash(r)]);
    }
    expect(byRun.text(1)).toBe('V1');
    expect([byRun.text(500), byRun.text(1_500)]).toEqual(['Ω500', 'T1500']);
    expect(byRun.text(997)).toBe('');
    expect(byRun.text(600_001)).toBe('L'.repeat(5_000));
    expect(byRun.same(2, 2) && !byRun.same(2, 3)).toBe(true);
    // the chunks of ids are used as a row at a time fills them, the ids too long for them kept apart (private, read for the test)
    const kept = (v: VisitIds) => v as unknown as { chunks: Buffer[]; long: Map<number, string>; used: number };
    expect([kept(byRun).chunks.length, kept(byRun).long.size, kept(byRun).used]).toEqual([kept(byRow).chunks.length, kept(byRow).long.size, kept(byRow).used]);
    expect([kept(byRun).chunks.length, kept(byRun).long.size]).toEqual([2, 2]);
  });
});
