import { describe, expect, it } from 'vitest';
import { readVisits } from '../../src/index.js';
import { ContinuityAccumulator } from '../../src/engine/accumulator.js';
import { StoreIndices } from '../../src/engine/indices.js';
import { groupVisits } from '../../src/engine/group.js';
import { clientIndices, withContact } from '../../src/measures/continuity/indices.js';
import { continuityIndices } from '../../src/measures/indices/continuityIndices.js';
import { tempFiles } from '../continuity/fixture.js';

// The indices read from the row store's columns against the same client's rows as objects, ordered
// and grouped into visits by the object path (clientIndices with groupVisits), on the sample as a
// monthly series: for every client in every window, with a contact person among its staff, one
// who is staff elsewhere only, one who is nobody's, and none.
describe('the indices from the row store\'s columns', () => {
  it('are those of the rows as objects, client by client', async () => {
    const { visits } = await readVisits(new URL('../../data/sample-visits.csv', import.meta.url));
    const acc = new ContinuityAccumulator({ anchor: 'first-monday', indices: true });
    for (const v of visits) acc.add(v);
    const job = acc.job([], []);
    const ix = new StoreIndices(job.staff, job.ranks);
    let clients = 0;
    let shared = 0;
    acc.forEachCountedClient((_k, _window, _client, rows, _age, { store, a, b }) => {
      const objects = rows();
      const own = objects[objects.length - 1]!.staffId;
      const elsewhere = job.staff.find((s) => !objects.some((r) => r.staffId === s))!;
      for (const contact of [own, elsewhere, 'nobody', null]) {
        const mine = ix.of(store, a, b, contact);
        expect(mine).toEqual(clientIndices(objects, contact, groupVisits));
        if (contact === own && mine.contactShare! > 0 && mine.contactShare! < 1) shared++;
      }
      clients++;
    });
    acc.release();
    expect(clients).toBeGreaterThan(100);
    expect(shared).toBeGreaterThan(10); // shares strictly between 0 and 1 were compared, not only the ends
  });
});

// The JSON of a result writes the keys in the objects' order: the indices written out key by key
// keep the order of spreading the indices and adding the contact (what they were made by before).
describe('a client\'s indices object', () => {
  it('has the keys of the indices, then hasContact and contactShare, with the same values', () => {
    for (const [staff, has, share] of [[['A', 'A', 'B'], true, 0.5], [['A'], false, null], [[], true, null]] as const) {
      const indices = continuityIndices(staff);
      const spread = { ...indices, hasContact: has, contactShare: share };
      expect(JSON.stringify(withContact(indices, has, share))).toBe(JSON.stringify(spread));
      expect(Object.keys(withContact(indices, has, share))).toEqual(['n', 'staff', 'upc', 'usualStaff', 'coc', 'secon', 'hhi', 'mmci', 'hasContact', 'contactShare']);
    }
  });
});

// A client's rows in the store against the visit order (the log's rows taken last first): a
// double-staffed visit whose higher-ranked staff member's row comes first, and two visits starting
// together whose longer one comes first. Each order decides SECON here.
describe('the indices from the row store\'s columns, rows out of visit order', () => {
  it('order the staff by start, end, then staff as the definition does', async () => {
    const lines = ['client_id,staff_id,start,end,visit_id,client_birth_date'];
    const day = (d: number) => `2024-10-${String(d).padStart(2, '0')}`;
    const row = (staff: string, d: number, from: string, to: string, id: string) => `C1,${staff},${day(d)} ${from},${day(d)} ${to},${id},1930-01-01`;
    lines.push(row('S2', 1, '07:00', '07:30', 'A1'), row('S2', 1, '08:00', '08:40', 'D1'), row('S3', 1, '08:00', '08:40', 'D1'));
    lines.push(row('S2', 2, '08:00', '08:30', 'N2'), row('S1', 2, '08:00', '09:00', 'M2'), row('S2', 2, '12:00', '12:30', 'L2'));
    for (let d = 1; d <= 14; d++) {
      if (d !== 2) lines.push(row('S1', d, '12:00', '12:30', `L${d}`));
      lines.push(row('S1', d, '18:00', '18:30', `E${d}`));
    }
    const { visits } = await readVisits(tempFiles('kontinuitet-indices-')(`${lines.join('\n')}\n`));
    const acc = new ContinuityAccumulator({ from: '2024-10-01', indices: true });
    for (const v of visits.slice().reverse()) acc.add(v); // the store keeps a client's rows in this order
    const job = acc.job([], []);
    const ix = new StoreIndices(job.staff, job.ranks);
    let clients = 0;
    acc.forEachCountedClient((_k, _window, _client, rows, _age, { store, a, b }) => {
      const mine = ix.of(store, a, b, null);
      expect(mine).toEqual(clientIndices(rows(), null, groupVisits));
      // by hand: the sequence is S2 S2 S3 S1 S1 (day 1: S2 before S3 at 08:00), S2 S1 S2 S1 (day 2:
      // the visit ending 08:30 first), then S1 S1 each day: N = 33 (S1 28, S2 4, S3 1), and of the
      // 32 pairs 6 change staff (S2→S3, S3→S1, S1→S2, S2→S1, S1→S2, S2→S1)
      expect([mine.n, mine.staff, mine.secon]).toEqual([33, 3, 26 / 32]);
      clients++;
    });
    acc.release();
    expect(clients).toBe(1);
  });
});
