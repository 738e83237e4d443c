/**
 * Which header of a file a missing column most likely is, for the `MISSING_COLUMN` message: the
 * nearest header by edit distance between normalised names. Only header cells are ever shown, and
 * only from a row that is surely a header row (another of its cells is a known column name) and
 * that look like a name (no digit): a first row of data (ids, names, times) is never echoed.
 *
 * @module
 */

import { safeText } from '../safe-text.js';

/** The longest header a suggestion compares or shows. */
const MAX_HEADER = 40;

/**
 * The Levenshtein distance of two texts (insertions, deletions and substitutions of one
 * character each cost 1).
 *
 * @example
 * editDistance('kund_nr', 'kund_id'); // → 2
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The header (as written, trimmed) among `candidates` nearest to any of `names` (all compared
 * normalised by `normalise`), or null when none is near: a distance of at most a third of the
 * longer name (and at least 1 allowed), or one name containing the other. Candidates with a digit
 * or longer than 40 characters are skipped.
 *
 * @example
 * nearestHeader(['Kund nr', 'Personal'], ['kund', 'kund_id', 'kundnummer'], (h) => h.toLowerCase().replace(/ /g, '_')); // → 'Kund nr'
 */
export function nearestHeader(candidates: readonly string[], names: readonly string[], normalise: (h: string) => string): string | null {
  let best: string | null = null;
  let bestScore = Infinity;
  for (const raw of candidates) {
    const header = raw.replace(/^\uFEFF/, '').trim();
    if (header === '' || header.length > MAX_HEADER || /\d/.test(header)) continue;
    const h = normalise(header);
    for (const name of names) {
      const d = editDistance(h, name);
      const longer = Math.max(h.length, name.length);
      const contains = h.length >= 3 && name.length >= 3 && (h.includes(name) || name.includes(h));
      if (d > Math.max(1, Math.floor(longer / 3)) && !contains) continue;
      const score = contains ? Math.min(d, longer / 3) : d;
      if (score < bestScore) {
        bestScore = score;
        best = header;
      }
    }
  }
  return best;
}

/**
 * The CLI flag that maps a header to a canonical column, quoted for a POSIX shell, with control
 * characters of the header made visible.
 *
 * @example
 * columnFlag('client_id', 'Kund nr'); // → '--column client_id="Kund nr"'
 */
export function columnFlag(column: string, header: string): string {
  const shown = safeText(header.length > MAX_HEADER ? header.slice(0, MAX_HEADER) : header).replace(/["\\$`]/g, (c) => `\\${c}`);
  return `--column ${column}="${shown}"`;
}
