import { describe, expect, it } from 'vitest';
import { readVisits } from '../../src/index.js';
import { ContinuityAccumulator } from '../../src/engine/accumulator.js';
import { StoreIndices } from '../../src/engine/indices.js';
import { groupVisits } from '../../src/engine/group.js';
import { clientIndices, withContact } from '../../src/measures/continuity/indices.js';
import { continuityIndices } from '../../src/measures/indices/continuityIndices.js';

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
