/**
 * Text from the input made safe to print to a terminal or a CI log.
 *
 * A group, a kind, a column or file name comes from the input and may hold anything: an escape
 * sequence a terminal runs, a bidi override that shows text in another order than it is, a line
 * break, or a leading `::` that GitHub Actions takes for a workflow command (`::error::`,
 * `::add-mask::`, `::stop-commands::`). Every human-readable output passes such text through
 * {@link safeText} (one value) or {@link safeLines} (lines the output built itself).
 *
 * @module
 */

/**
 * The characters that never reach an output raw: C0 controls, DEL, C1 controls, the Arabic
 * letter mark, left-to-right and right-to-left marks, line and paragraph separators, the bidi
 * embeddings and overrides (U+202A–202E) and isolates (U+2066–2069).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A C0 control as its control picture (U+2400–241F, ␛ for ESC), DEL as ␡, anything else as `\uXXXX`. */
function visible(c: string): string {
  const n = c.charCodeAt(0);
  if (n < 0x20) return String.fromCharCode(0x2400 + n);
  if (n === 0x7f) return '\u2421';
  return `\\u${n.toString(16).padStart(4, '0')}`;
}

/**
 * Replaces control and bidi characters by visible stand-ins: C0 controls by their control
 * pictures (ESC → `␛`, LF → `␊`), DEL by `␡`, C1 controls and bidi controls by `\uXXXX`. Nothing
 * else changes.
 *
 * @example
 * neutraliseControls('a\u001b[31mb'); // → 'a␛[31mb'
 */
export function neutraliseControls(text: string): string {
  return text.replace(UNSAFE, visible);
}

/**
 * One value from the input (a group, a kind, a file name, a message) as it may be printed:
 * control and bidi characters made visible ({@link neutraliseControls}, so a value is always one
 * line), a leading `::` (after white space, as GitHub Actions reads a line) written `\::`, and
 * `##[` (the older workflow-command prefix, matched anywhere in a line) written `#\#[`. Safe text
 * stays as it is: applying it twice changes nothing.
 *
 * @example
 * safeText('::error::x');     // → '\\::error::x'
 * safeText('Norr\n::add-mask::y'); // → 'Norr␊::add-mask::y'
 */
export function safeText(value: string): string {
  return neutraliseControls(value).replace(/^(\s*)::/, '$1\\::').replace(/##\[/g, '#\\#[');
}

/**
 * A multi-line text an output built (a table, an error with a hint): every line made safe as by
 * {@link safeText}; the `\n` between lines is kept.
 *
 * @example
 * safeLines('Window\n::error::x'); // → 'Window\n\\::error::x'
 */
export function safeLines(text: string): string {
  return text.split('\n').map(safeText).join('\n');
}

/** The longest message of a {@link KontinuitetError}, in UTF-16 code units. */
export const MAX_MESSAGE = 300;

/**
 * A message cut to at most `max` characters, ending in `…` when cut (never inside a surrogate pair).
 *
 * @example
 * bounded('abcdef', 4); // → 'abc…'
 */
export function bounded(text: string, max = MAX_MESSAGE): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}
