import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_CONFIG_SCHEMA, findCheckConfig, loadCheckConfig, parseCheckConfig } from '../../src/outputs/check/config.js';
import { FIGURES } from '../../src/outputs/check/figures.js';
import { keyPath, SCHEMA_KEYWORDS, validateJson, type JsonSchema } from '../../src/outputs/check/schema.js';
import { TARGET_KEYS, TARGET_SET_KEYS } from '../../src/outputs/check/targets.js';
import { KontinuitetError } from '../../src/errors.js';

const root = CHECK_CONFIG_SCHEMA;
const defs = root.$defs as Record<string, JsonSchema>;

function thrown(f: () => unknown): KontinuitetError {
  try {
    f();
  } catch (e) {
    if (e instanceof KontinuitetError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

/** Every schema node reached from the root, with the key path of the value it validates. */
function* nodes(schema: JsonSchema, path: string[] = []): Generator<[string[], JsonSchema]> {
  yield [path, schema];
  for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) yield* nodes(sub, [...path, key]);
  if (typeof schema.additionalProperties === 'object') yield* nodes(schema.additionalProperties as JsonSchema, [...path, 'G']);
  if (typeof schema.$ref === 'string') yield* nodes(defs[schema.$ref.replace('#/$defs/', '')]!, path);
}

describe('config schema and validator agree', () => {
  it('uses only keywords the validator knows', () => {
    const walk = (s: unknown): void => {
      if (typeof s !== 'object' || s === null || Array.isArray(s)) return;
      for (const [k, v] of Object.entries(s)) {
        expect(SCHEMA_KEYWORDS.has(k), `keyword ${k}`).toBe(true);
        if (k === 'properties' || k === '$defs') for (const sub of Object.values(v as object)) walk(sub);
        else if (k === 'additionalProperties') walk(v);
      }
    };
    walk(root);
  });

  it('names the same targets, overrides and figures as the code', () => {
    const targets = defs.targets!.properties as Record<string, unknown>;
    expect(Object.keys(targets).sort()).toEqual([...TARGET_KEYS, 'groups'].sort());
    expect(Object.keys(defs.groupTargets!.properties as object).sort()).toEqual([...TARGET_SET_KEYS].sort());
    const tolerance = ((root.properties as Record<string, JsonSchema>).baseline!.properties as Record<string, JsonSchema>).tolerance!.properties as object;
    expect(Object.keys(tolerance).sort()).toEqual(Object.keys(FIGURES).sort());
  });

  it('rejects a wrong type at every key, naming its path', () => {
    for (const [path, schema] of nodes(root)) {
      if (path.length === 0 || schema.$ref !== undefined && schema.type === undefined && schema.enum === undefined) continue;
      const config = { targets: {} } as Record<string, unknown>;
      let at: Record<string, unknown> = config;
      for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
      at[path.at(-1)!] = [1, 2]; // a list: no key of the schema takes one
      const e = thrown(() => parseCheckConfig(config));
      expect(e.code).toBe('BAD_OPTION');
      expect(e.details.key, path.join('.')).toBe(keyPath(path));
    }
  });

  it('rejects unknown keys at every object, listing the known ones', () => {
    expect(thrown(() => parseCheckConfig({ targets: { meen: 14 } })).message).toBe(
      'config: targets.meen: unknown key (known: mean, median, shareAbove20, maxStaff, minContactShare, maxRejectedShare, groups)');
    expect(thrown(() => parseCheckConfig({ targets: {}, warnWithin: { staf: 1 } })).details.key).toBe('warnWithin.staf');
    expect(thrown(() => parseCheckConfig({ targets: {}, baseline: { tolerance: { avg: 1 } } })).details.key).toBe('baseline.tolerance.avg');
    expect(thrown(() => parseCheckConfig({ targets: { groups: { Norr: { maxRejectedShare: 0 } } } })).details.key).toBe('targets.groups.Norr.maxRejectedShare');
    expect(thrown(() => parseCheckConfig({ targets: {}, target: {} })).details.key).toBe('target');
  });
});

describe('parseCheckConfig', () => {
  it('accepts a full config', () => {
    const full = {
      $schema: './node_modules/kontinuitet/config.schema.json', from: '2024-11-04', days: 14, preset: 'ange', zone: 'Europe/Stockholm',
      countBothStaff: false, inWindowBy: 'overlap', byGroup: true,
      targets: { mean: 14, median: 14, shareAbove20: 0.2, maxStaff: 25, minContactShare: 0.3, maxRejectedShare: null, groups: { 'Norr Öst': { mean: 16, maxStaff: null } } },
      warnWithin: { staff: 1, share: 0.02 }, baseline: { tolerance: { mean: 0.5, rejectedShare: 0 } },
    };
    expect(parseCheckConfig(full)).toEqual(full);
  });

  it('names the key and the problem', () => {
    expect(thrown(() => parseCheckConfig({ targets: { groups: { Norr: { mean: '16' } } } })).message).toBe('config: targets.groups.Norr.mean: must be a number or null, got "16"');
    expect(thrown(() => parseCheckConfig({ targets: { mean: '14' } })).message).toBe('config: targets.mean: must be a number, got "14"');
    expect(thrown(() => parseCheckConfig({ targets: { shareAbove20: 20 } })).message).toBe('config: targets.shareAbove20: must be at most 1, got 20');
    expect(thrown(() => parseCheckConfig({ targets: { maxStaff: -1 } })).message).toBe('config: targets.maxStaff: must be at least 0, got -1');
    expect(thrown(() => parseCheckConfig({ targets: { groups: { 'Norr Öst': { mean: 'x' } } } })).details.key).toBe('targets.groups["Norr Öst"].mean');
    expect(thrown(() => parseCheckConfig({})).message).toBe('config: targets: is required');
    expect(thrown(() => parseCheckConfig([])).message).toBe('config: (the config): must be an object, got []');
    expect(thrown(() => parseCheckConfig({ targets: {}, preset: 'national' })).message).toBe('config: preset: must be one of "kolada", "ange", got "national"');
    expect(thrown(() => parseCheckConfig({ targets: {}, from: '2024-02-30' })).message).toBe('config: from: must be a calendar date YYYY-MM-DD, got "2024-02-30"');
    expect(thrown(() => parseCheckConfig({ targets: {}, days: 14.5 })).message).toBe('config: days: must be a whole number, got 14.5');
    expect(thrown(() => parseCheckConfig({ targets: {}, from: '2024-11-04', every: 'month' })).details.key).toBe('from');
    expect(thrown(() => parseCheckConfig({ targets: {}, zone: 'Europe/Stockholmm' })).message).toContain('zone: unknown time zone');
  });

  it('lists every issue, not only the first', () => {
    const e = thrown(() => parseCheckConfig({ targets: { mean: 'a', median: 'b' } }));
    expect((e.details.issues as unknown[]).length).toBe(2);
    expect(e.message).toContain('targets.mean');
    expect(e.message).toContain('targets.median');
  });
});

describe('loadCheckConfig and findCheckConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-config-'));

  it('loads a file (BOM allowed) and finds kontinuitet.config.json in a directory', async () => {
    const path = join(dir, 'kontinuitet.config.json');
    writeFileSync(path, '\uFEFF{ "targets": { "mean": 14 } }');
    expect(findCheckConfig(dir)).toBe(path);
    expect(findCheckConfig(join(dir, 'nowhere'))).toBeNull();
    expect((await loadCheckConfig(path)).targets.mean).toBe(14);
  });

  it('reports a missing file as UNREADABLE_INPUT and bad JSON with its line', async () => {
    await expect(loadCheckConfig(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'UNREADABLE_INPUT' });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "targets": { "mean": 14, }\n}');
    await expect(loadCheckConfig(bad)).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringMatching(/bad\.json: not valid JSON: .*line 2/) });
  });

  it('accepts the example configuration shipped in examples/', () => {
    const example = JSON.parse(readFileSync(new URL('../../examples/github-actions/kontinuitet.config.json', import.meta.url), 'utf8'));
    expect(() => parseCheckConfig(example)).not.toThrow();
  });
});

describe('validateJson', () => {
  it('validates local $refs, unions with null, and numbers only against bounds', () => {
    const schema = { $defs: { n: { type: ['number', 'null'], minimum: 0 } }, type: 'object', properties: { a: { $ref: '#/$defs/n' } } };
    expect(validateJson({ a: null }, schema)).toEqual([]);
    expect(validateJson({ a: -1 }, schema)).toEqual([{ path: 'a', message: 'must be at least 0, got -1' }]);
  });
});
