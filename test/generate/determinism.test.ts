import { describe, expect, it } from 'vitest';
import { KontinuitetError } from '../../src/errors.js';
import { GENERATED_COLUMNS, generateRows, writeGeneratedCsv, type GenerateOptions } from '../../src/generate/index.js';
import { MemorySink } from './helpers.js';

async function csv(options: GenerateOptions): Promise<Buffer> {
  const sink = new MemorySink();
  await writeGeneratedCsv(sink, options);
  return sink.buffer();
}

describe('determinism and CSV shape', () => {
  it('gives byte-identical CSV for the same options', async () => {
    const options = { clients: 60, days: 10, seed: 42, profile: 'ange2013' } as const;
    const a = await csv(options);
    const b = await csv(options);
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(b)).toBe(true);
  });

  it('differs for another seed, and for another profile', async () => {
    const base = await csv({ clients: 40, days: 5, seed: 1 });
    expect(base.equals(await csv({ clients: 40, days: 5, seed: 2 }))).toBe(false);
    expect(base.equals(await csv({ clients: 40, days: 5, seed: 1, profile: 'good' }))).toBe(false);
  });

  it('does not depend on the process time zone', async () => {
    const before = process.env.TZ;
    const a = await csv({ clients: 30, days: 4, start: '2025-03-29' });
    process.env.TZ = 'America/Sao_Paulo';
    try {
      const b = await csv({ clients: 30, days: 4, start: '2025-03-29' });
      expect(a.equals(b)).toBe(true);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('a longer run starts with exactly the rows of a shorter one', async () => {
    const short = (await csv({ clients: 50, days: 7 })).toString('utf8');
    const long = (await csv({ clients: 50, days: 14 })).toString('utf8');
    expect(long.startsWith(short)).toBe(true);
  });

  it('writes a header, comma-separated rows, \\n line ends, UTF-8 without BOM', async () => {
    const buf = await csv({ clients: 20, days: 2 });
    expect(buf[0]).toBe('v'.charCodeAt(0));
    const text = buf.toString('utf8');
    expect(text.includes('\r')).toBe(false);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines[0]).toBe(GENERATED_COLUMNS.join(','));
    for (const line of lines) expect(line.split(',')).toHaveLength(GENERATED_COLUMNS.length);
    expect(text).toContain('omvårdnad');
    const { rows, truth } = generateRows({ clients: 20, days: 2 });
    const objects = [...rows];
    expect(lines).toHaveLength(objects.length + 1);
    expect(truth.rows).toBe(objects.length);
    expect(lines[1]).toBe(GENERATED_COLUMNS.map((c) => objects[0]![c]).join(','));
  });

  it('iterating the rows again starts over with the same rows and truth', () => {
    const { rows, truth } = generateRows({ clients: 30, days: 3 });
    const a = [...rows];
    const t1 = JSON.stringify(truth);
    const b = [...rows];
    expect(b).toEqual(a);
    expect(JSON.stringify(truth)).toBe(t1);
  });

  it('rejects options it cannot use with BAD_OPTION', () => {
    const bad: GenerateOptions[] = [
      { clients: 0 },
      { clients: 2.5 },
      { days: 0 },
      { start: '2024-02-30' },
      { start: '1.10.2024' },
      { seed: 1.5 },
      { scatter: 1.2 },
      { scatter: Number.NaN },
      { groups: 0 },
      { clients: 5, groups: 6 },
      { profile: 'bad' as never },
    ];
    for (const options of bad) {
      expect(() => generateRows(options), JSON.stringify(options)).toThrow(KontinuitetError);
      try {
        generateRows(options);
      } catch (e) {
        expect((e as KontinuitetError).code).toBe('BAD_OPTION');
      }
    }
    expect(() => generateRows({ clients: undefined, seed: -7, groups: 1 })).not.toThrow();
  });
});
