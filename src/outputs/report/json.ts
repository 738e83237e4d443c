import { isStreamedRows, type StreamedRows } from '../../streamed-rows.js';

/** An array, or an array made a slice at a time. */
function isList(value: unknown): value is unknown[] | StreamedRows {
  return Array.isArray(value) || isStreamedRows(value);
}

/**
 * Writes `value` as `JSON.stringify(value, null, 2)` followed by a line break — the same bytes —
 * but the arrays under the keys named in `streamed` (at any depth) are written one element at a
 * time, so a result with a row per client never becomes one string; an array made a slice at a
 * time ({@link STREAMED_ROWS}) is asked for one batch at a time, and so is any other array of
 * more than 256 elements that is reached (one holding none of the streamed keys is stringified
 * whole only up to that length). Waits for the stream to drain when it asks to.
 *
 * @example
 * await writeJson(process.stdout, result, ['perClient']); // same text as JSON.stringify(result, null, 2) + '\n'
 */
export async function writeJson(out: NodeJS.WritableStream, value: unknown, streamed: readonly string[]): Promise<void> {
  let pending = '';
  const write = async (text: string) => {
    pending += text;
    if (pending.length < 1 << 16) return;
    const chunk = pending;
    pending = '';
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  await writeValue(value, '', write, new Set(streamed), false);
  await write('\n');
  if (pending !== '') out.write(pending);
}

async function writeValue(value: unknown, indent: string, write: (text: string) => Promise<void>, streamed: ReadonlySet<string>, stream: boolean): Promise<void> {
  // an array of more than a batch, wherever it is reached, goes a batch at a time too (a national
  // measure's groups: 6.6 MB of text that were one string, then one buffer, at once)
  const holds = isList(value) && !stream && hasStreamedKey(value, streamed);
  if (isList(value) && (stream || holds || value.length > BATCH)) {
    if (value.length === 0) return write('[]');
    const inner = `${indent}  `;
    await write('[');
    // a streamed array: batches of elements stringified at once, the brackets cut off; a batch
    // whose text shows a streamed key holding an array (only a real key can: quotes inside strings
    // are escaped) goes element by element, as does an array found to hold one (never stringified
    // whole); the rows of an array made a slice at a time are plain values: no need to look
    const patterns = isStreamedRows(value) ? [] : [...streamed].map((key) => `${JSON.stringify(key)}: [`);
    const step = isStreamedRows(value) ? value.batch ?? BATCH : BATCH;
    for (let i = 0; i < value.length; i += step) {
      const batch = value.slice(i, i + step);
      const text = holds ? null : stringifyAt(batch, indent)!;
      if (text !== null && !patterns.some((p) => text.includes(p))) {
        await write(`${i === 0 ? '' : ','}${text.slice(1, text.length - indent.length - 2)}`);
        continue;
      }
      for (let k = 0; k < batch.length; k++) {
        await write(`${i + k === 0 ? '' : ','}\n${inner}`);
        await writeValue(batch[k] ?? null, inner, write, streamed, false);
      }
    }
    return write(`\n${indent}]`);
  }
  if (value === null || typeof value !== 'object' || isList(value) || !hasStreamedKey(value, streamed)) {
    return write(stringifyAt(value, indent) ?? 'null');
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) return write('{}');
  const inner = `${indent}  `;
  await write('{');
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i]!;
    await write(`${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `);
    await writeValue(v, inner, write, streamed, streamed.has(key));
  }
  return write(`\n${indent}}`);
}

/** Elements of a streamed array stringified at once. */
const BATCH = 256;

/** Whether a streamed key occurs anywhere under `value` (only then is it written part by part). */
function hasStreamedKey(value: unknown, streamed: ReadonlySet<string>): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (isStreamedRows(value)) return false; // its rows are plain values
  if (Array.isArray(value)) return value.some((x) => hasStreamedKey(x, streamed));
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const v = record[key];
    if (streamed.has(key) && isList(v)) return true;
    if (hasStreamedKey(v, streamed)) return true;
  }
  return false;
}

/**
 * `JSON.stringify(value, null, 2)` as it reads at `indent` (two spaces a level): every line after
 * the first indented by it. The value is stringified nested in as many arrays as the indent has
 * levels and the wrappers' lines are cut off, so the text is never copied to be indented.
 */
function stringifyAt(value: unknown, indent: string): string | undefined {
  const depth = indent.length / 2;
  if (depth === 0) return JSON.stringify(value, null, 2);
  let wrapped: unknown = value;
  for (let k = 0; k < depth; k++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // before the value: "[\n" and 2k spaces for k = 1 … depth; after it: "\n", 2k spaces and "]" for k = depth - 1 … 0
  return text.slice(depth * (depth + 3), text.length - depth * (depth + 1));
}
