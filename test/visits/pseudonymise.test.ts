/**
 * pseudonymise: client, staff and contact-staff ids become the first hex digits of
 * HMAC-SHA-256(key, id), computed here independently with node:crypto.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readVisits } from '../../src/read/read.js';
import { expectKontinuitetError, fixture, readText } from './helpers.js';

const hmac = (key: string, id: string, length = 16): string => createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, length);

describe('pseudonymise', () => {
  it('replaces ids by 16 hex digits of HMAC-SHA-256(key, id)', async () => {
    const plain = await readVisits(fixture('comma.csv'));
    const { visits } = await readVisits(fixture('comma.csv'), { pseudonymise: { key: 'hemlig nyckel' } });
    expect(visits).toHaveLength(3);
    visits.forEach((v, i) => {
      const p = plain.visits[i]!;
      expect(v.client).toMatch(/^[0-9a-f]{16}$/);
      expect(v.client).toBe(hmac('hemlig nyckel', p.client));
      expect(v.staff).toBe(hmac('hemlig nyckel', p.staff));
      // everything else is untouched (the visit id is not a person's id)
      expect({ ...v, client: p.client, staff: p.staff, contactStaff: p.contactStaff }).toEqual(p);
    });
  });

  it('contact_staff_id gets the same pseudonym as the same staff id; an empty contact stays empty', async () => {
    const { visits } = await readVisits(fixture('comma.csv'), { pseudonymise: { key: 'k' } });
    // V1: staff S1, contact S1; V2: staff S2, contact S1; V3: no contact
    expect(visits[0]?.contactStaff).toBe(visits[0]?.staff);
    expect(visits[1]?.contactStaff).toBe(visits[0]?.staff);
    expect(visits[1]?.contactStaff).not.toBe(visits[1]?.staff);
    expect(visits[2]?.contactStaff).toBe('');
    expect(visits[0]?.contactStaff).toBe(hmac('k', 'S1'));
  });

  it('personal identity numbers disappear; the same key gives the same pseudonym, another key another', async () => {
    const a = await readVisits(fixture('rejections.csv'), { pseudonymise: { key: 'A' } });
    const a2 = await readVisits(fixture('rejections.csv'), { pseudonymise: { key: 'A' } });
    const b = await readVisits(fixture('rejections.csv'), { pseudonymise: { key: 'B' } });
    expect(a.visits.map((v) => v.client)).toEqual(a2.visits.map((v) => v.client));
    expect(new Set(a.visits.map((v) => v.client))).toEqual(new Set([hmac('A', '19380412-1234')]));
    expect(b.visits[0]?.client).toBe(hmac('B', '19380412-1234'));
    expect(b.visits[0]?.client).not.toBe(a.visits[0]?.client);
    expect(JSON.stringify(a)).not.toMatch(/19380412|19791231/);
  });

  it('ids are trimmed before hashing: " 19380412-1234 " and "19380412-1234" are one person', async () => {
    const { visits } = await readVisits(fixture('rejections.csv'), { pseudonymise: { key: 'A' } });
    // line 17 has the id with spaces around it, line 20 without
    expect(visits.find((v) => v.line === 17)?.client).toBe(visits.find((v) => v.line === 20)?.client);
  });

  it('length option, and the same pseudonyms from in-memory rows', async () => {
    const { visits } = await readText('Brukare;Personal;Starttid;Sluttid\n19380412-1234;P1;2024-01-10 08:00;2024-01-10 09:00\n', { pseudonymise: { key: 'k', length: 24 } });
    expect(visits[0]?.client).toBe(hmac('k', '19380412-1234', 24));
    const objects = await readVisits([{ client_id: '19380412-1234', staff_id: 'P1', start: '2024-01-10 08:00', end: '2024-01-10 09:00' }], { pseudonymise: { key: 'k', length: 24 } });
    expect(objects.visits[0]?.client).toBe(visits[0]?.client);
    expect(objects.visits[0]?.staff).toBe(hmac('k', 'P1', 24));
  });

  it('an empty key or a length outside 8–64 is BAD_OPTION', async () => {
    await expectKontinuitetError(readVisits(fixture('comma.csv'), { pseudonymise: { key: '' } }), 'BAD_OPTION');
    await expectKontinuitetError(readVisits(fixture('comma.csv'), { pseudonymise: { key: 'k', length: 4 } }), 'BAD_OPTION');
    await expectKontinuitetError(readVisits(fixture('comma.csv'), { pseudonymise: { key: 'k', length: 65 } }), 'BAD_OPTION');
  });
});
