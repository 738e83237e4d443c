import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureContinuityStreamed } from '../../src/measures/continuity/measure.js';
import { measureContinuity } from '../../src/index.js';
import { writeJson } from '../../src/outputs/report/json.js';
import { STREAMED_ROWS } from '../../src/streamed-rows.js';

async function written(value: unknown, keys: string[], highWaterMark = 16): Promise<string> {
  let text = '';
  const out = new Writable({ highWaterMark, write(chunk, _enc, done) { text += String(chunk); setImmediate(done); } });
  await writeJson(out, value, keys);
  await new Promise<void>((resolve) => out.end(resolve));
  return text;
}

describe('writeJson', () => {
  it('writes the bytes of JSON.stringify(value, null, 2) for a measure result, perClient element by element', async () => {
    const r = await measureContinuity(new URL('../../data/sample-visits.csv', import.meta.url), { anchor: 'first-monday' });
    expect(await written(r, ['perClient'])).toBe(`${JSON.stringify(r, null, 2)}\n`);
  });

  it('for any JSON value and any streamed keys (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), fc.subarray(['a', 'b', 'perClient', '']), async (value, keys) => {
      expect(await written(value, keys, 1 << 20)).toBe(`${JSON.stringify(value, null, 2)}\n`);
    }), { numRuns: 300 });
    // arrays longer than a batch (256), anywhere: written a batch at a time, the same bytes
    const long = fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 250, maxLength: 600, size: 'max' });
    await fc.assert(fc.asyncProperty(long, long, fc.jsonValue(), fc.subarray(['a', 'perClient']), async (x, y, z, keys) => {
      const value = { a: x, b: [y, { perClient: y.slice(0, 300) }], z };
      expect(await written(value, keys, 1 << 20)).toBe(`${JSON.stringify(value, null, 2)}\n`);
    }), { numRuns: 40 });
    const nested = { a: [{ perClient: [] }, { perClient: [1, { x: [2] }], y: undefined, f: () => 1 }], perClient: [[]] };
    expect(await written(nested, ['perClient'])).toBe(`${JSON.stringify(nested, null, 2)}\n`);
  });

  it('for long streamed arrays, written in batches, with elements that hold streamed keys among them', async () => {
    const perClient: unknown[] = Array.from({ length: 700 }, (_, i) => ({ client: `C${i}`, staff: i % 17, reason: i % 5 === 0 ? null : 'x', nested: { deep: [i] } }));
    perClient[0] = { perClient: [1, { perClient: [] }] };
    perClient[10] = undefined;
    perClient[255] = () => 1;
    perClient[256] = [];
    perClient[300] = { a: { perClient: [2, 3] } };
    perClient[699] = null;
    const value = { windows: [{ from: 'x', perClient }, { perClient: perClient.slice(1, 300) }] };
    expect(await written(value, ['perClient'])).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('writes a long array under no streamed key a batch at a time too: no chunk holds the whole array', async () => {
    // 2,000 groups of ~1,000 characters each: ~2 MB as one string; a batch of 256 is ~1/8 of it
    const groups = Array.from({ length: 2000 }, (_, i) => ({ group: `G${i}`, histogram: Array.from({ length: 40 }, (_, k) => ({ value: k, count: (i * k) % 7 })) }));
    const value = { windows: [{ from: 'x', groups, perClient: [{ client: 'C1' }] }], tail: groups.slice(0, 300) };
    const chunks: number[] = [];
    let text = '';
    const out = new Writable({ write(chunk, _enc, done) { chunks.push(chunk.length); text += String(chunk); done(); } });
    await writeJson(out, value, ['perClient']);
    await new Promise<void>((resolve) => out.end(resolve));
    const whole = `${JSON.stringify(value, null, 2)}\n`;
    expect(text).toBe(whole);
    const groupsText = JSON.stringify(groups, null, 2).length;
    expect(groupsText).toBeGreaterThan(2_000_000);
    expect(Math.max(...chunks)).toBeLessThan(groupsText / 4);
    // not under a streamed key at all: the same
    expect(await written(groups, [])).toBe(`${JSON.stringify(groups, null, 2)}\n`);
  });

  it('never stringifies whole an array that holds a streamed array: each value is stringified once', async () => {
    let calls = 0;
    const probe = { toJSON: () => ++calls };
    const perClient = [{ client: 'C1' }, { client: 'C2' }];
    const text = await written({ windows: [{ probe, perClient }, { probe, perClient: [] }] }, ['perClient']);
    expect(calls).toBe(2);
    expect(text).toBe(`${JSON.stringify({ windows: [{ probe: 1, perClient }, { probe: 2, perClient: [] }] }, null, 2)}\n`);
  });

  it('asks an array made a slice at a time for one batch at a time, and writes the text of its toJSON()', async () => {
    const plain = Array.from({ length: 600 }, (_, i) => ({ client: `C${i}`, staff: i % 13, reason: i % 7 === 0 ? null : 'x' }));
    const asked: number[] = [];
    const rows = {
      [STREAMED_ROWS]: true as const,
      length: plain.length,
      slice: (a: number, b: number) => { asked.push(Math.min(b, plain.length) - a); return plain.slice(a, b); },
      toJSON: () => plain,
    };
    const value = { windows: [{ from: 'x', perClient: rows }], other: { perClient: rows } };
    const text = await written(value, ['perClient']);
    expect(text).toBe(`${JSON.stringify({ windows: [{ from: 'x', perClient: plain }], other: { perClient: plain } }, null, 2)}\n`);
    expect(asked).toEqual([256, 256, 88, 256, 256, 88]); // batches of 256, never the whole
    // not under a streamed key: written from toJSON(), as JSON.stringify would
    expect(await written({ rows }, [])).toBe(`${JSON.stringify({ rows: plain }, null, 2)}\n`);
  });

  it('writes a streamed measure (clients made a slice at a time) as the text of the plain result', async () => {
    const source = new URL('../../data/sample-visits.csv', import.meta.url);
    const streamed = await measureContinuityStreamed(source, { anchor: 'first-monday' });
    const plain = await measureContinuity(source, { anchor: 'first-monday' });
    expect(streamed.windows[0]!.perClient.slice(3, 5)).toEqual(plain.windows[0]!.perClient.slice(3, 5));
    expect([...streamed.windows[1]!.perClient]).toEqual(plain.windows[1]!.perClient);
    expect(await written(streamed, ['perClient'])).toBe(`${JSON.stringify(plain, null, 2)}\n`);
  });
});
