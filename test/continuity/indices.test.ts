import { describe, expect, it } from 'vitest';
import { measureContinuity } from '../../src/index.js';
import { run } from '../cli/run.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * One client, 14 days from 2024-10-21, 08:00 by S1 every day and 18:00 by S2 on days 0–6, by S1
 * on days 7–13; contact person S2. A second client without a contact person, S3 twice a day.
 * Worked by hand (N = 28, n_S1 = 21, n_S2 = 7, M = 2):
 *   UPC = 21/28 = 0.75;  HHI = (21² + 7²)/28² = 490/784 = 0.625
 *   COC = (490 − 28)/(28·27) = 462/756 = 11/18
 *   SECON: entries S1,S2 ×7 then S1 ×14: 13 alternating pairs differ, the S2→S1 pair at day 7
 *          differs, the 13 pairs inside the S1 run agree → 13/27
 *   MMCI = (1 − 2/28.1)/(1 − 1/28.1) = 26.1/27.1 = 261/271
 *   contact share = visits with S2 / visits = 7/28 = 0.25
 */
function rows() {
  const out: Record<string, string>[] = [];
  for (let k = 0; k < 14; k++) {
    const d = 21 + k;
    const date = d <= 31 ? `2024-10-${pad(d)}` : `2024-11-${pad(d - 31)}`;
    out.push({ visit_id: `A${k}m`, client_id: 'A', staff_id: 'S1', start: `${date} 08:00`, end: `${date} 08:30`, contact_staff_id: 'S2' });
    out.push({ visit_id: `A${k}e`, client_id: 'A', staff_id: k < 7 ? 'S2' : 'S1', start: `${date} 18:00`, end: `${date} 18:30`, contact_staff_id: 'S2' });
    out.push({ visit_id: `B${k}m`, client_id: 'B', staff_id: 'S3', start: `${date} 09:00`, end: `${date} 09:30`, contact_staff_id: '' });
    out.push({ visit_id: `B${k}e`, client_id: 'B', staff_id: 'S3', start: `${date} 19:00`, end: `${date} 19:30`, contact_staff_id: '' });
  }
  return out;
}

describe('continuity indices in the measure', () => {
  it('gives each client the indices worked out by hand', async () => {
    const w = (await measureContinuity(rows(), { from: '2024-10-21', indices: true })).windows[0]!;
    const a = w.perClient.find((c) => c.client === 'A')!.indices!;
    expect(a).toMatchObject({ n: 28, staff: 2, upc: 0.75, usualStaff: 'S1', hhi: 0.625, hasContact: true, contactShare: 0.25 });
    expect(a.coc).toBeCloseTo(11 / 18, 12);
    expect(a.secon).toBeCloseTo(13 / 27, 12);
    expect(a.mmci).toBeCloseTo(261 / 271, 12);
    const b = w.perClient.find((c) => c.client === 'B')!.indices!;
    expect(b).toMatchObject({ n: 28, staff: 1, upc: 1, coc: 1, secon: 1, hhi: 1, mmci: 1, hasContact: false, contactShare: null });
    // summary over the two eligible clients: UPC mean (0.75 + 1)/2; contact share only A's
    expect(w.indices!.upc.mean).toBeCloseTo(0.875, 12);
    expect(w.indices!.contactShare).toMatchObject({ n: 1, mean: 0.25 });
    expect(w.indices!.withoutContact).toBe(1);
  });

  it('leaves the indices out unless asked', async () => {
    const w = (await measureContinuity(rows(), { from: '2024-10-21' })).windows[0]!;
    expect(w.indices).toBeUndefined();
    expect(w.perClient[0]!.indices).toBeUndefined();
  });

  it('adds the index columns to measure --format csv with --indices', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-idx-'));
    const file = join(dir, 'v.csv');
    const r = rows();
    writeFileSync(file, [Object.keys(r[0]!).join(','), ...r.map((x) => Object.values(x).join(','))].join('\n'));
    const out = run(['measure', file, '--from', '2024-10-21', '--format', 'csv', '--indices']);
    expect(out.status).toBe(0);
    const [header, ...lines] = out.stdout.trim().split('\n');
    expect(header).toContain('upc,usual_staff,coc,secon,hhi,mmci,contact_share');
    const a = lines.find((l) => l.split(',')[2] === 'A')!.split(',');
    const col = (name: string) => a[header!.split(',').indexOf(name)];
    expect(col('upc')).toBe('0.75');
    expect(col('contact_share')).toBe('0.25');
  });
});
