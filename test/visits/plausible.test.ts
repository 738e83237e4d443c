/**
 * Placeholder dates and over-long visits are rejected with their own codes, on every reading path
 * (row reader, in-memory rows, byte-level fast path, threads), and the limits are options.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureContinuity } from '../../src/measures/continuity/measure.js';
import { readVisits } from '../../src/read/read.js';
import { expectConsistentLedger, expectKontinuitetError, issueTriples } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-plausible-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(text: string): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, text);
  return path;
}

/** Good rows: two clients, two visits a day, 2024-10-01 … 2024-10-14, staff S1–S3 in turn. */
function goodRows(): string[] {
  const rows: string[] = [];
  for (let d = 1; d <= 14; d++) {
    const day = `2024-10-${String(d).padStart(2, '0')}`;
    for (const c of ['C1', 'C2']) {
      rows.push(`${c},S${d % 3 + 1},${day} 08:00,${day} 08:30`);
      rows.push(`${c},S${(d + 1) % 3 + 1},${day} 17:00,${day} 17:30`);
    }
  }
  return rows;
}

const HEADER = 'client_id,staff_id,start,end';
/** The bad rows, each with its expected [column, code]; lines follow the 56 good rows (lines 2–57). */
const BAD: [string, string | null, string][] = [
  ['C1,S1,9999-12-31 08:00,9999-12-31 09:00', 'start', 'time_implausible'],
  ['C1,S1,0001-01-01 08:00,0001-01-01 09:00', 'start', 'time_implausible'],
  ['C1,S1,1900-01-01 00:00,1900-01-01 01:00', 'start', 'time_implausible'],
  ['C2,S2,2999-12-31 08:00,2999-12-31 09:00', 'start', 'time_implausible'],
  ['C2,S2,2024-10-05 08:00,9999-12-31 00:00', 'end', 'time_implausible'],
  ['C2,S2,2024-10-05 08:00,2024-10-06 14:00', 'end', 'visit_too_long'], // 30 h
  ['C2,S2,2024-10-05 08:00,2024-10-06 08:00', null, 'accepted'], //       24 h exactly: the maximum
];

function text(): string {
  return `${HEADER}\n${[...goodRows(), ...BAD.map((b) => b[0])].join('\n')}\n`;
}

const expectedIssues = BAD.map(([, column, code], i) => [58 + i, column, code]).filter(([, , code]) => code !== 'accepted');

describe('time_implausible and visit_too_long', () => {
  it('the row reader rejects each placeholder and the 30 h visit with line, column and code; the rest is read', async () => {
    const { visits, ledger } = await readVisits(file(text()));
    expect(issueTriples(ledger)).toEqual(expectedIssues);
    expect(ledger).toMatchObject({ read: 63, used: 57, rejected: 6 });
    expect(ledger.rejectedByCode).toEqual({ time_implausible: 5, visit_too_long: 1 });
    expectConsistentLedger(ledger);
    expect(ledger.issues[0]!.message).toContain('1990-01-01 to 2100-01-01');
    expect(visits.at(-1)!.end - visits.at(-1)!.start).toBe(24 * 3_600_000);
  });

  it('in-memory rows (text and Date values) give the same issues', async () => {
    const objects = text().trim().split('\n').slice(1).map((l) => {
      const [client_id, staff_id, start, end] = l.split(',');
      return { client_id, staff_id, start, end };
    });
    objects[56] = { ...objects[56]!, start: new Date(Date.UTC(9999, 11, 31, 7)) as unknown as string };
    const { ledger } = await readVisits(objects);
    expect(issueTriples(ledger)).toEqual(expectedIssues.map(([line, c, code]) => [(line as number) - 1, c, code]));
  });

  it('the limits are options: a raised maximum accepts the 30 h visit, a wider range the placeholders', async () => {
    const path = file(text());
    const { ledger } = await readVisits(path, { maxVisitHours: 30 });
    expect(ledger.rejectedByCode).toEqual({ time_implausible: 5 });
    const wide = await readVisits(path, { plausibleFrom: '0001-01-01', plausibleTo: '9999-12-31', maxVisitHours: 1 / 60 });
    // 9999-12-31 is now past the range's end; 0001 and 1900 are inside; every 30-minute visit is now too long
    expect(wide.ledger.rejectedByCode).toEqual({ time_implausible: 2, visit_too_long: 61 });
    await expectKontinuitetError(readVisits(path, { plausibleFrom: '2024-02-31' }), 'BAD_OPTION');
    await expectKontinuitetError(readVisits(path, { plausibleFrom: '2100-01-01' }), 'BAD_OPTION');
    await expectKontinuitetError(readVisits(path, { maxVisitHours: 0 }), 'BAD_OPTION');
  });

  it('the fast path, the kernel and threads reject the same rows as the row reader, and the series stays short', async () => {
    const path = file(text());
    const general = await measureContinuity(path, { engine: { fastPath: false } });
    const fast = await measureContinuity(path, { engine: { threads: 1 } });
    const threaded = await measureContinuity(path, { engine: { threads: 2, readUnit: 256 } });
    expect(fast).toEqual(general);
    expect(threaded).toEqual(general);
    expect(general.issues.map((i) => [i.line, i.column, i.code])).toEqual(expectedIssues);
    expect(general.rows.rejected).toBe(6);
    expect(general.windows.map((w) => w.from)).toEqual(['2024-10-01']);
  });
});
