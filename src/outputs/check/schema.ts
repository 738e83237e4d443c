import { parseDay } from '../../windows/parse.js';

/**
 * A JSON schema, as an object of keywords (the check's validator understands the subset
 * {@link SCHEMA_KEYWORDS} lists).
 *
 * @example
 * const schema: JsonSchema = { type: 'object', properties: { mean: { type: 'number' } } };
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** One way a value breaks its schema: where (a key path such as `targets.groups.Norr.mean`) and why. */
export interface SchemaIssue {
  path: string;
  message: string;
}

/**
 * The JSON-schema keywords {@link validateJson} enforces, and the annotations it ignores. The
 * package's `config.schema.json` uses no other keyword (a test walks it), so editors and the
 * validator apply the same rules.
 */
export const SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  // enforced
  'type', 'enum', 'minimum', 'maximum', 'minLength', 'format', 'properties', 'required', 'additionalProperties', '$ref', '$defs',
  // annotations
  '$schema', 'title', 'description',
]);

/**
 * Validates a parsed JSON value against a schema, by hand (no dependency): `type` (incl. a list of
 * types), `enum`, `minimum`/`maximum` (numbers only), `minLength`, `format: "date"` (a calendar
 * date `YYYY-MM-DD`), `properties`, `required`, `additionalProperties` (false or a schema) and
 * local `$ref`s (`#/$defs/name`). Returns every issue, in document order; `[]` when valid.
 *
 * @example
 * validateJson({ a: 'x' }, { type: 'object', properties: { a: { type: 'number' } } });
 * // → [{ path: 'a', message: 'must be a number, got "x"' }]
 */
export function validateJson(value: unknown, schema: JsonSchema, root: JsonSchema = schema, path: readonly string[] = []): SchemaIssue[] {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const target = resolveRef(root, ref);
    const issues = validateJson(value, target, root, path);
    if (issues.length > 0) return issues;
  }
  const at = keyPath(path);
  const issue = (message: string): SchemaIssue[] => [{ path: at, message }];

  const types = schema.type === undefined ? null : ([] as unknown[]).concat(schema.type) as string[];
  if (types !== null && !types.some((t) => isType(value, t))) return issue(`must be ${types.map(typeWords).join(' or ')}, got ${shown(value)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) {
    return issue(`must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${shown(value)}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return issue(`must be at least ${schema.minimum}, got ${value}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) return issue(`must be at most ${schema.maximum}, got ${value}`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) return issue(schema.minLength === 1 ? 'must not be empty' : `must have at least ${schema.minLength} characters`);
    if (schema.format === 'date' && Number.isNaN(parseDay(value))) return issue(`must be a calendar date YYYY-MM-DD, got ${shown(value)}`);
  }
  if (isType(value, 'object')) return validateObject(value as Record<string, unknown>, schema, root, path);
  return [];
}

function validateObject(value: Record<string, unknown>, schema: JsonSchema, root: JsonSchema, path: readonly string[]): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  if (Array.isArray(schema.required)) {
    for (const key of schema.required as string[]) if (!(key in value)) issues.push({ path: keyPath([...path, key]), message: 'is required' });
  }
  for (const [key, v] of Object.entries(value)) {
    const sub = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (sub !== undefined) issues.push(...validateJson(v, sub, root, [...path, key]));
    else if (schema.additionalProperties === false) {
      const known = Object.keys(properties);
      issues.push({ path: keyPath([...path, key]), message: `unknown key${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}` });
    } else if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) {
      issues.push(...validateJson(v, schema.additionalProperties as JsonSchema, root, [...path, key]));
    }
  }
  return issues;
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
  const target = m === null ? undefined : (root.$defs as Record<string, JsonSchema> | undefined)?.[m[1]!];
  if (target === undefined) throw new Error(`schema: cannot resolve $ref ${ref}`);
  return target;
}

function isType(value: unknown, type: string): boolean {
  switch (type) {
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return Number.isInteger(value);
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'null': return value === null;
    case 'array': return Array.isArray(value);
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
    default: return false;
  }
}

function typeWords(type: string): string {
  const words: Record<string, string> = { number: 'a number', integer: 'a whole number', string: 'text', boolean: 'true or false', null: 'null', array: 'a list', object: 'an object' };
  return words[type] ?? type;
}

function shown(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

/**
 * A key path for messages: `targets.groups.Norr.mean`; keys that are not plain words are quoted
 * (`targets.groups["Norr Öst"].mean`).
 *
 * @example
 * keyPath(['targets', 'groups', 'Norr Öst', 'mean']); // → 'targets.groups["Norr Öst"].mean'
 */
export function keyPath(path: readonly string[]): string {
  let out = '';
  for (const key of path) {
    if (/^[\p{L}\p{N}_$-]+$/u.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === '' ? '(the config)' : out;
}
