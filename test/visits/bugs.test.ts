/**
 * Failing tests for bugs still open in src/ (found by this suite). Each names the file; the fix is
 * described in the report to the issue. When a test here passes, move it to the test file of its
 * subject (as was done with the bugs fixed in a29aa45).
 */
import { describe, expect, it } from 'vitest';
import { issueTriples, readText } from './helpers.js';

describe('src/read/row.ts: trimmed()', () => {
  it('BUG an id of only a no-break space (U+00A0, common in Excel exports) is missing_value, like one of spaces', async () => {
    const text = [
      'client_id,staff_id,start,end',
      ' \u00a0,S1,2024-01-10 08:00,2024-01-10 09:00', //  space + NBSP: String.trim() empties it → missing_value today
      '\u00a0,S1,2024-01-10 08:00,2024-01-10 09:00', //   NBSP alone: the fast path skips trim() → accepted as an id today
      'C1,\u00a0\u00a0,2024-01-10 08:00,2024-01-10 09:00',
    ].join('\n');
    const { ledger } = await readText(text);
    expect(issueTriples(ledger)).toEqual([[2, 'client_id', 'missing_value'], [3, 'client_id', 'missing_value'], [4, 'staff_id', 'missing_value']]);
  });
});

describe('src/windows/parse.ts: fail()', () => {
  it('BUG a date-shaped time with trailing text does not echo the text (it may be an id from a misaligned cell)', async () => {
    // A misaligned spreadsheet: the start cell holds a (bad) start and, after it, a personal identity number.
    const text = 'client_id,staff_id,start,end\nC1,S1,2024-02-31 08:00 19380412-1234,2024-03-01 09:00\n';
    const { ledger } = await readText(text);
    expect(ledger.issues).toHaveLength(1);
    expect(ledger.issues[0]?.message).not.toMatch(/19380412/);
  });
});
