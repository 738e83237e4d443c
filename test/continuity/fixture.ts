import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/**
 * A hand-built log over the window 2024-10-21 .. 2024-11-03 (Europe/Stockholm; clocks go back on
 * 2024-10-27, day 6). Every expected figure in measure.test.ts is worked out by hand from this
 * description, not from the code.
 *
 * A (Norr, born 1940): every day 08:00 S1 and 18:00 S2; day 8 06:59 S3 (before 07:00, excluded);
 *   day 4 22:00 S4 (excluded); day 5 21:59 S5 (counted); day 9 07:00 S6 (counted) → staff 4.
 * B (Norr, born 1940): like A's two daily visits but day 8 (2024-10-29) has only the 08:00 visit.
 * C (Norr, born 1940): every day 09:00 double-staffed visit (one visit id, S1 + S7) and 15:00 S8;
 *   day 0 also 12:00 Trygghetslarm by S9 (excluded kind), 13:00 omvårdnad by a sjuksköterska S10
 *   (excluded role) → 2 counted visits a day, staff 3 (2 when one staff per visit counts).
 * D (Söder, born 1959-10-25): 2 visits a day by S1, S2; 64 at the window start → under 65.
 * E (Söder, born 1959-10-21): 65 on the first day → counted; S1, S2 → staff 2.
 * F (Söder): two visits on 2024-10-20 only (outside the window).
 * G (Söder, born 1935): no visit ids; every day 08:00–09:00 S1 and 08:10–09:00 S2 (one visit:
 *   overlap 50 ≥ 25 min, and a double-staffed one) and 17:00 S3 → 2 visits a day, staff 3.
 */
export interface Row {
  visit_id: string; client_id: string; staff_id: string; start: string; end: string;
  kind: string; group: string; client_birth_date: string; staff_role: string;
}

const DAYS = ['2024-10-21', '2024-10-22', '2024-10-23', '2024-10-24', '2024-10-25', '2024-10-26', '2024-10-27',
  '2024-10-28', '2024-10-29', '2024-10-30', '2024-10-31', '2024-11-01', '2024-11-02', '2024-11-03'];

function plus(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const t = h * 60 + m + minutes;
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

export function fixtureRows(): Row[] {
  const rows: Row[] = [];
  let seq = 0;
  const add = (client: string, group: string, born: string, date: string, at: string, staff: string, o: Partial<Row> = {}, minutes = 30) => {
    rows.push({
      visit_id: o.visit_id ?? `V${++seq}`, client_id: client, staff_id: staff, start: `${date} ${at}`, end: `${date} ${plus(at, minutes)}`,
      kind: o.kind ?? 'omvårdnad', group, client_birth_date: born, staff_role: o.staff_role ?? 'undersköterska',
    });
  };
  DAYS.forEach((d, k) => {
    add('A', 'Norr', '1940-05-05', d, '08:00', 'S1');
    add('A', 'Norr', '1940-05-05', d, '18:00', 'S2');
    if (k === 8) add('A', 'Norr', '1940-05-05', d, '06:59', 'S3');
    if (k === 4) add('A', 'Norr', '1940-05-05', d, '22:00', 'S4', {}, 20);
    if (k === 5) add('A', 'Norr', '1940-05-05', d, '21:59', 'S5', {}, 1);
    if (k === 9) add('A', 'Norr', '1940-05-05', d, '07:00', 'S6');

    add('B', 'Norr', '1940-01-01', d, '08:00', 'S1');
    if (k !== 8) add('B', 'Norr', '1940-01-01', d, '18:00', 'S2');

    const v = `C-${k}`;
    add('C', 'Norr', '1940-01-01', d, '09:00', 'S1', { visit_id: v });
    add('C', 'Norr', '1940-01-01', d, '09:00', 'S7', { visit_id: v });
    add('C', 'Norr', '1940-01-01', d, '15:00', 'S8');
    if (k === 0) {
      add('C', 'Norr', '1940-01-01', d, '12:00', 'S9', { kind: 'Trygghetslarm' }, 10);
      add('C', 'Norr', '1940-01-01', d, '13:00', 'S10', { staff_role: 'sjuksköterska' });
    }

    add('D', 'Söder', '1959-10-25', d, '08:00', 'S1');
    add('D', 'Söder', '1959-10-25', d, '18:00', 'S2');
    add('E', 'Söder', '1959-10-21', d, '08:00', 'S1');
    add('E', 'Söder', '1959-10-21', d, '18:00', 'S2');

    add('G', 'Söder', '1935-03-03', d, '08:00', 'S1', { visit_id: '' }, 60);
    add('G', 'Söder', '1935-03-03', d, '08:10', 'S2', { visit_id: '' }, 50);
    add('G', 'Söder', '1935-03-03', d, '17:00', 'S3', { visit_id: '' });
  });
  add('F', 'Söder', '1940-01-01', '2024-10-20', '08:00', 'S1');
  add('F', 'Söder', '1940-01-01', '2024-10-20', '18:00', 'S2');
  return rows;
}

/** The fixture as a Swedish-style export: `;`, BOM, CRLF, Swedish headers. */
export function fixtureCsv(rows: readonly Row[] = fixtureRows()): string {
  const header = 'Besöks-ID;Brukare;Personal;Starttid;Sluttid;Insats;Grupp;Födelsedatum;Yrkesroll';
  const lines = rows.map((r) => [r.visit_id, r.client_id, r.staff_id, r.start, r.end, r.kind, r.group, r.client_birth_date, r.staff_role].join(';'));
  return `\uFEFF${[header, ...lines].join('\r\n')}\r\n`;
}

/** The folders {@link tempFiles} made in this test file: removed after its tests. */
const folders: string[] = [];
afterAll(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A writer of numbered CSV files in a fresh temporary folder, removed after the test file's tests.
 *
 * @example
 * const file = tempFiles('kontinuitet-fast-'); const path = file('visit_id,client_id\n');
 */
export function tempFiles(prefix: string): (text: string | Buffer) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  let n = 0;
  return (text) => {
    const f = join(dir, `log-${n++}.csv`);
    writeFileSync(f, text);
    return f;
  };
}

/** One byte edit of a log: insert `byte` at `at`, or delete the byte there. */
export interface ByteEdit { at: number; byte: number; del: boolean }

/**
 * A log with byte edits applied (from the last position back, so positions stay those of `base`);
 * edits before `keep` (the header) are skipped.
 */
export function corrupted(base: Buffer, edits: readonly ByteEdit[], keep = 140): Buffer {
  const bytes = [...base];
  for (const e of [...edits].sort((a, b) => b.at - a.at)) {
    if (e.at < keep) continue;
    if (e.del) bytes.splice(e.at, 1);
    else bytes.splice(e.at, 0, e.byte);
  }
  return Buffer.from(bytes);
}

/** A seeded generator of numbers in [0, 1) (mulberry32): the same sequence for the same seed. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
