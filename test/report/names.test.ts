import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clientNames, twoAlike } from '../../src/outputs/report/html/clients.js';

const hmac = (key: string, id: string, digits: number) => createHmac('sha256', key).update(id).digest('hex').slice(0, digits);

describe('clientNames', () => {
  it('names each client by the first 10 hex digits of HMAC-SHA-256(key, id), also one not in the list, however often asked', () => {
    const ids = ['C1', 'C2', 'C1', '199001011234'];
    const names = clientNames(ids, { key: 'k' });
    expect(names.mode).toBe('keyed');
    for (const id of [...ids, ...ids, 'not listed']) expect(names.name(id)).toBe(hmac('k', id, 10));
  });

  it('reads the ids once (a generator), and shows them as they are with showIds', () => {
    function* once() { yield 'A'; yield 'B'; }
    const names = clientNames(once(), { key: 'nyckel' });
    expect([names.name('A'), names.name('B')]).toEqual([hmac('nyckel', 'A', 10), hmac('nyckel', 'B', 10)]);
    expect(clientNames(['A'], { showIds: true }).name('A')).toBe('A');
  });

  it('finds two names alike among hex names, wherever they are', () => {
    expect(twoAlike(['0a1b2c3d4e', 'ffffffffff', '0a1b2c3d4e'])).toBe(true);
    expect(twoAlike(['ffffffffff', '0000000001', '0000000000', 'ffffffffff'])).toBe(true);
    expect(twoAlike(['0a1b2c3d4e', '0a1b2c3d4f', 'fffffffffe', 'ffffffffff'])).toBe(false);
    expect(twoAlike([])).toBe(false);
  });
});
