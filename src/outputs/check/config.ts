import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KontinuitetError } from '../../errors.js';
import { LocalZone } from '../../windows/zone.js';
import schemaJson from './config.schema.json' with { type: 'json' };
import { validateJson, type JsonSchema, type SchemaIssue } from './schema.js';
import type { CheckConfig } from './types.js';

/**
 * The JSON schema of `kontinuitet.config.json` (also published as `config.schema.json`).
 *
 * @example
 * CHECK_CONFIG_SCHEMA.properties.targets; // → the schema of the targets object
 */
export const CHECK_CONFIG_SCHEMA: JsonSchema = schemaJson;

/**
 * The file name `kontinuitet check` looks for in the working directory.
 *
 * @example
 * CONFIG_FILE_NAME; // → 'kontinuitet.config.json'
 */
export const CONFIG_FILE_NAME = 'kontinuitet.config.json';

/**
 * Checks a parsed configuration against {@link CHECK_CONFIG_SCHEMA} and the rules a schema cannot
 * state (`from` and `every` not both; a known time zone), and returns it typed. Throws a
 * `KontinuitetError` with code `BAD_OPTION` whose message names every bad key path (e.g.
 * `targets.groups.Norr.mean: must be a number, got "16"`); `details.issues` lists them.
 *
 * @example
 * parseCheckConfig({ targets: { mean: 14 } }).targets.mean; // → 14
 * parseCheckConfig({ targets: { meen: 14 } }); // throws: "targets.meen: unknown key (known: mean, median, …)"
 */
export function parseCheckConfig(value: unknown, source = 'config'): CheckConfig {
  const issues: SchemaIssue[] = validateJson(value, CHECK_CONFIG_SCHEMA);
  if (issues.length === 0) {
    const c = value as CheckConfig;
    if (c.from !== undefined && c.every !== undefined) issues.push({ path: 'from', message: 'give either from (one window) or every (a monthly series), not both' });
    if (c.anchor !== undefined && c.every === undefined) issues.push({ path: 'anchor', message: 'only applies with every: "month"' });
    if (c.zone !== undefined) {
      try {
        new LocalZone(c.zone);
      } catch {
        issues.push({ path: 'zone', message: `unknown time zone ${JSON.stringify(c.zone)} (use an IANA name such as Europe/Stockholm)` });
      }
    }
  }
  if (issues.length > 0) {
    const lines = issues.map((i) => `${i.path}: ${i.message}`);
    throw new KontinuitetError('BAD_OPTION', `${source}: ${lines.join('; ')}`, { file: source, key: issues[0]!.path, issues });
  }
  return value as CheckConfig;
}

/**
 * Reads and validates a configuration file (see {@link parseCheckConfig}). A missing or unreadable
 * file is a `KontinuitetError` `UNREADABLE_INPUT`; invalid JSON or a bad value is `BAD_OPTION`
 * naming the file and the key (or the line and column of the JSON syntax error).
 *
 * @example
 * const config = await loadCheckConfig('kontinuitet.config.json');
 * config.targets; // → { mean: 14, … }
 */
export async function loadCheckConfig(path: string): Promise<CheckConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new KontinuitetError('UNREADABLE_INPUT', `cannot read the config file ${path} (${code})`, { file: path });
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new KontinuitetError('BAD_OPTION', `${path}: not valid JSON: ${jsonPosition(text, (e as Error).message)}`, { file: path });
  }
  return parseCheckConfig(value, path);
}

/**
 * The configuration file in a directory (`kontinuitet.config.json`), or `null` when there is none.
 *
 * @example
 * findCheckConfig(process.cwd()); // → '/work/project/kontinuitet.config.json' or null
 */
export function findCheckConfig(dir: string): string | null {
  const path = join(dir, CONFIG_FILE_NAME);
  return existsSync(path) ? path : null;
}

/** Adds line and column to a JSON.parse message that gives only a position. */
function jsonPosition(text: string, message: string): string {
  const m = /at position (\d+)/.exec(message);
  if (m === null || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line} column ${column})`;
}
