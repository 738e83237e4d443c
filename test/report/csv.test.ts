import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../src/outputs/report/csv.js';

/** A writable that keeps what it is given, each write apart; `hold` keeps its callbacks until `release`. */
function sink(hold = false) {
  const writes: Buffer[] = [];
  const held: (() => void)[] = [];
  let holding = hold;
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, cb) {
      writes.push(chunk);
      if (holding) held.push(() => cb());
      else cb();
    },
  });
  const release = () => {
    holding = false;
    for (const cb of held.splice(0)) cb();
  };
  return { stream, writes, text: () => Buffer.concat(writes).toString('utf8'), release };
}

/** Rows `{ id, n }` (`id` a fixed-width text), counting how many were taken. */
function counted(count: number) {
  const taken = { rows: 0 };
  function* rows() {
    for (let i = 0; i < count; i++) {
      taken.rows++;
      yield { id: `row-${String(i).padStart(6, '0')}`, n: i % 7 };
    }
  }
  return { rows: rows(), taken };
}

/** The CSV of `counted(count)`'s rows, written out by hand: no cell needs quotes or escaping. */
const countedText = (count: number): string =>
  ['id,n', ...Array.from({ length: count }, (_, i) => `row-${String(i).padStart(6, '0')},${i % 7}`)].join('\n');

describe('writeCsv', () => {
  it('writes the columns given, in their order, with formula escaping, quoting and empty cells', async () => {
    const out = sink();
    await writeCsv(out.stream, [
      { b: 2, a: '=SUM(A1)', c: null },
      { a: 'x, "y"', b: -1.5, extra: 'left out' },
      { a: 'two\nlines', b: 0 },
    ], ['a', 'b', 'c']);
    expect(out.text()).toBe(`a,b,c\n'=SUM(A1),2,\n"x, ""y""",-1.5,\n"two\nlines",0,`);
  });

  it('writes the text in pieces of at least 16 KiB, not a write a row', async () => {
    const out = sink();
    const { rows } = counted(20_000); // 14 bytes a row: ~280 kB
    await writeCsv(out.stream, rows, ['id', 'n']);
    expect(out.text()).toBe(countedText(20_000));
    expect(out.writes.length).toBeLessThanOrEqual(Math.ceil(Buffer.byteLength(countedText(20_000)) / 16_384) + 1);
    for (const w of out.writes.slice(0, -1)) expect(w.length).toBeGreaterThanOrEqual(16_384);
  });

  it('takes the rows only as the stream accepts them, and writes them all once it drains', async () => {
    const out = sink(true);
    const { rows, taken } = counted(200_000); // ~2.8 MB of text
    const done = writeCsv(out.stream, rows, ['id', 'n']);
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    // the stream holds its first piece: a few pieces' rows were taken at most, not all of them
    expect(out.writes.length).toBeGreaterThan(0);
    expect(taken.rows).toBeLessThan(20_000);
    out.release();
    await done;
    expect(taken.rows).toBe(200_000);
    expect(out.text()).toBe(countedText(200_000));
  });
});
