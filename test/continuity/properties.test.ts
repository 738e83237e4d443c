import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureContinuity } from '../../src/index.js';

const FROM = '2024-10-21';
const KINDS = ['omvårdnad', 'service', 'Trygghetslarm', 'matleverans', 'HSL'];

interface R { visit_id: string; client_id: string; staff_id: string; start: string; end: string; kind: string; group: string; client_birth_date: string }

const pad = (n: number) => String(n).padStart(2, '0');

/** Random logs around the window, with shared visit ids (double staffing) and border times. */
const logs = fc.array(
  fc.record({
    client: fc.integer({ min: 0, max: 4 }),
    staff: fc.integer({ min: 0, max: 11 }),
    day: fc.integer({ min: 19, max: 35 }), // October 19 .. November 4
    minute: fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.constantFrom(419, 420, 1319, 1320)),
    length: fc.integer({ min: 5, max: 90 }),
    kind: fc.constantFrom(...KINDS),
    visit: fc.integer({ min: 0, max: 40 }),
    group: fc.constantFrom('Norr', 'Söder'),
  }),
  { maxLength: 300, size: 'max' },
).map((xs) => xs.map((x): R => {
  const date = (d: number) => (d <= 31 ? `2024-10-${pad(d)}` : `2024-11-${pad(d - 31)}`);
  const end = x.minute + x.length;
  // 02:xx on 2024-10-27 is ambiguous, never in a gap, so every generated time exists
  return {
    visit_id: `V${x.visit}`, client_id: `19${40 + x.client}0101-${1000 + x.client}`, staff_id: `S${x.staff}`,
    start: `${date(x.day)} ${pad(Math.floor(x.minute / 60))}:${pad(x.minute % 60)}`,
    end: end < 1440 ? `${date(x.day)} ${pad(Math.floor(end / 60))}:${pad(end % 60)}` : `${date(x.day + 1)} ${pad(Math.floor((end - 1440) / 60))}:${pad(end % 60)}`,
    kind: x.kind, group: x.group, client_birth_date: `19${40 + x.client}-01-01`,
  };
}));

/** A dense log: every client gets 2–4 visits every day, so many clients are eligible. */
const denseLogs = fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 4 }), { minLength: 14 * 3, maxLength: 14 * 3 })
  .map((days) => days.flatMap((staffs, i): R[] => {
    const client = i % 3;
    const d = 21 + Math.floor(i / 3);
    const date = d <= 31 ? `2024-10-${pad(d)}` : `2024-11-${pad(d - 31)}`;
    return staffs.map((s, k) => ({
      visit_id: `V${i}-${k}`, client_id: `C${client}`, staff_id: `S${s}`, start: `${date} ${pad(8 + 3 * k)}:00`, end: `${date} ${pad(8 + 3 * k)}:40`,
      kind: 'omvårdnad', group: 'Norr', client_birth_date: '1940-01-01',
    }));
  }));

const shuffled = <T>(xs: readonly T[], seed: number): T[] => {
  const out = [...xs];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe('continuity properties', () => {
  it('a client never meets more staff than appear at that client in the log', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(logs, denseLogs), async (rows) => {
      const r = await measureContinuity(rows, { from: FROM });
      for (const c of r.windows[0]!.perClient) {
        const inLog = new Set(rows.filter((x) => x.client_id === c.client).map((x) => x.staff_id)).size;
        expect(c.staff).toBeLessThanOrEqual(inLog);
      }
      expect(r.rows.read).toBe(r.rows.used + r.rows.rejected + Object.values(r.rows.excluded).reduce((a, b) => a + b, 0));
    }), { numRuns: 60 });
  });

  it('permuting the rows changes nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(logs, denseLogs), fc.integer(), async (rows, seed) => {
      const a = await measureContinuity(rows, { from: FROM });
      const b = await measureContinuity(shuffled(rows, seed), { from: FROM });
      expect(b.windows).toEqual(a.windows);
      expect(b.rows).toEqual(a.rows);
    }), { numRuns: 60 });
  });

  it('pseudonymised ids give the same figures, and no raw id appears in the result', async () => {
    const key = 'test-key';
    const hash = (id: string) => createHmac('sha256', key).update(id).digest('hex').slice(0, 16);
    await fc.assert(fc.asyncProperty(fc.oneof(logs, denseLogs), async (rows) => {
      const plain = await measureContinuity(rows, { from: FROM });
      const pseudo = await measureContinuity(rows, { from: FROM, pseudonymise: { key } });
      const w0 = plain.windows[0]!;
      const w1 = pseudo.windows[0]!;
      const { perClient: p0, ...rest0 } = w0;
      const { perClient: p1, ...rest1 } = w1;
      expect(rest1).toEqual(rest0);
      const byHash = new Map(p1.map((c) => [c.client, c]));
      for (const c of p0) expect({ ...byHash.get(hash(c.client)), client: c.client }).toEqual(c);
      const text = JSON.stringify(pseudo);
      for (const r of rows) expect(text).not.toContain(r.client_id);
    }), { numRuns: 40 });
  });

  it('on a dense log the staff count equals a direct count of distinct staff per client', async () => {
    await fc.assert(fc.asyncProperty(denseLogs, async (rows) => {
      const w = (await measureContinuity(rows, { from: FROM })).windows[0]!;
      for (const c of w.perClient) {
        expect(c.eligible).toBe(true);
        expect(c.staff).toBe(new Set(rows.filter((x) => x.client_id === c.client).map((x) => x.staff_id)).size);
      }
    }), { numRuns: 40 });
  });
});
