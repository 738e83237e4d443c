import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureContinuity, measureStaffing, type MeasureOptions, type ReadOptions } from '../../src/index.js';
import { corrupted, fixtureCsv, tempFiles } from './fixture.js';

const file = tempFiles('kontinuitet-fast-');
const SAMPLE = readFileSync(new URL('../../data/sample-visits.csv', import.meta.url), 'utf8');

/** The fast path must give exactly the general reader's result. */
async function same(path: string, options: MeasureOptions & ReadOptions = {}) {
  const general = await measureContinuity(path, { ...options, engine: { ...options.engine, fastPath: false } });
  const fast = await measureContinuity(path, options);
  expect(fast).toEqual(general);
  return fast;
}

describe('the byte-level fast path gives the general reader’s result', () => {
  it('on the bundled sample, as a series and as one window', async () => {
    const f = file(SAMPLE);
    const r = await same(f, { anchor: 'first-monday' });
    expect(r.windows.length).toBe(2);
    await same(f, { from: '2024-10-07', indices: true });
  });

  it('on the Swedish export fixture (BOM, ;, CRLF, Swedish headers) and pseudonymised', async () => {
    const f = file(fixtureCsv());
    await same(f, { from: '2024-10-21' });
    await same(f, { from: '2024-10-21', pseudonymise: { key: 'k' } });
  });

  it('when quoted fields with line breaks appear half way (the rest goes the general way)', async () => {
    const lines = SAMPLE.split('\n');
    lines.splice(4000, 0, lines[4000]!.replace(/,omvårdnad,/, ',"omvård\nnad, med ""dusch""",'));
    const r = await same(file(lines.join('\n')), { anchor: 'first-monday' });
    expect(r.rows.read).toBe(lines.length - 2); // header and the final empty string after the last LF
  });

  it('on rows with white space, short and long rows, bad times and bad dates', async () => {
    const lines = SAMPLE.split('\n');
    const edits: [number, (l: string) => string][] = [
      [100, (l) => l.replace(',C', ', C')],
      [200, (l) => l.replace(/,S(\d+),/, ',S$1 ,')],
      [300, (l) => l.split(',').slice(0, 5).join(',')],
      [400, (l) => `${l},extra`],
      [500, (l) => l.replace(/2024-10-(\d\d) (\d\d):/, '2024-10-$1 25:')],
      [600, (l) => l.replace(/,(19\d\d)-(\d\d)-(\d\d),/, ',$1-02-31,')],
      [700, (l) => l.replace(/,(19\d\d-\d\d-\d\d),/, ',\u00a0$1,')],
      [800, () => ''],
      [900, (l) => `${l}\r`],
      [1000, (l) => l.replace(/,C(\d+)/, ',Ö$1')],                // a non-ASCII first byte that is not white space
      [1100, (l) => l.replace(/,S(\d+),/, ',S$1\u2003,')],       // an em space at the end: trimmed
      [1200, (l) => l.replace(/,C(\d+)/, ',\ufeffC$1')],          // a byte-order mark at the start: trimmed
      [1300, (l) => l.replace(/,(\w+),(19\d\d)/, ',$1\u00a0,$2')], // a no-break space after the group: trimmed
    ];
    for (const [i, edit] of edits) lines[i] = edit(lines[i]!);
    const r = await same(file(lines.join('\n')), { anchor: 'first-monday', maxIssues: Infinity });
    expect(r.rows.rejected).toBeGreaterThanOrEqual(4);
    // double staffing reads the same way
    const edited = file(lines.join('\n'));
    expect(await measureStaffing(edited, { anchor: 'first-monday', maxIssues: Infinity })).toEqual(await measureStaffing(edited, { anchor: 'first-monday', maxIssues: Infinity, engine: { fastPath: false } }));
  });

  it('when two different broken byte sequences decode to the same id (one client, as the general reader reads it)', async () => {
    const lines = ['visit_id,client_id,staff_id,start,end'];
    for (let d = 1; d <= 14; d++) {
      const day = `2024-10-${String(d).padStart(2, '0')}`;
      lines.push(`V${d}a,X\u0001,S1,${day} 08:00,${day} 08:30`, `V${d}b,X\u0002,S2,${day} 18:00,${day} 18:30`);
    }
    // 0x01 and 0x02 become two invalid UTF-8 bytes (0xff, 0xfe): both decode to X\ufffd
    const bytes = Buffer.from(Buffer.from(`${lines.join('\n')}\n`).map((b) => (b === 1 ? 0xff : b === 2 ? 0xfe : b)));
    const r = await same(file(bytes), { from: '2024-10-01', encoding: 'utf8' }); // given: read as UTF-8 with replacement
    expect(r.windows[0]!.perClient.map((c) => [c.client, c.visits, c.staff])).toEqual([['X\ufffd', 28, 2]]);
  });

  it('when a row changes the group, kind or role of the row before to another of the same length', async () => {
    // P: 08:00 S1 and 15:00 S5 count; 12:00 S2 is by an hsl role, 18:00 S3 of the hsl kind (both
    // excluded) → 2 visits a day, staff 2, group Norr. Q: 12:30 and 19:00 by S4 → staff 1, group Nord.
    // Each change below is to a value of the same length as the row before's (usk/hsl, Norr/Nord, dag/hsl).
    const lines = ['visit_id,client_id,staff_id,start,end,kind,group,client_birth_date,staff_role'];
    for (let d = 1; d <= 14; d++) {
      const day = `2024-10-${String(d).padStart(2, '0')}`;
      const row = (v: string, client: string, staff: string, at: string, kind: string, group: string, role: string) =>
        lines.push(`${v}${d},${client},${staff},${day} ${at},${day} ${at.slice(0, 3)}55,${kind},${group},1940-01-01,${role}`);
      row('a', 'P', 'S1', '08:00', 'dag', 'Norr', 'usk');
      row('b', 'P', 'S2', '12:00', 'dag', 'Norr', 'hsl');
      row('c', 'Q', 'S4', '12:30', 'dag', 'Nord', 'usk');
      row('d', 'P', 'S5', '15:00', 'dag', 'Norr', 'usk');
      row('e', 'P', 'S3', '18:00', 'hsl', 'Norr', 'usk');
      row('f', 'Q', 'S4', '19:00', 'dag', 'Nord', 'usk');
    }
    const r = await same(file(`${lines.join('\n')}\n`), { from: '2024-10-01' });
    expect(r.windows[0]!.perClient.map((c) => [c.client, c.group, c.eligible, c.visits, c.staff])).toEqual([['P', 'Norr', true, 28, 2], ['Q', 'Nord', true, 28, 1]]);
    expect(r.rows.excluded).toMatchObject({ excluded_role: 14, excluded_kind: 14 });
  });

  it('on randomly corrupted logs (property)', async () => {
    const base = Buffer.from(SAMPLE.split('\n').slice(0, 1500).join('\n'));
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ at: fc.nat({ max: base.length - 1 }), byte: fc.constantFrom(0x2c, 0x0a, 0x0d, 0x20, 0x22, 0x3b, 0x41, 0x39, 0xc3, 0xa5), del: fc.boolean() }), { maxLength: 12 }),
      async (edits) => {
        await same(file(corrupted(base, edits)), { from: '2024-10-01', rules: { days: 7 }, maxIssues: Infinity, encoding: 'utf8' }); // corrupted bytes read as UTF-8 with replacement
      },
    ), { numRuns: 25 });
  });
});
