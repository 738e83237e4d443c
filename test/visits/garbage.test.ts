import { afterEach, describe, expect, it, vi } from 'vitest';
import { LogRegister } from '../../src/engine/clients.js';
import { CountedStore } from '../../src/engine/store.js';
import { gaveUp } from '../../src/engine/garbage.js';
import { ByteInterner } from '../../src/engine/intern.js';

// the growing arrays report to a stand-in; the real gaveUp is tested through vi.importActual
vi.mock('../../src/engine/garbage.js', async (importOriginal) => ({ ...await importOriginal<typeof import('../../src/engine/garbage.js')>(), gaveUp: vi.fn() }));

type Garbage = typeof import('../../src/engine/garbage.js');
const host = globalThis as { gc?: (() => void) | undefined };
const hadGc = host.gc;

afterEach(() => {
  host.gc = hadGc;
  vi.mocked(gaveUp).mockClear();
});

describe('arrays given up for bigger ones', () => {
  it('make a full collection each time 4 MB have been given up since the last one (where gc is exposed)', async () => {
    const { collectGarbage, gaveUp: realGaveUp, GIVEN_UP_BYTES } = await vi.importActual<Garbage>('../../src/engine/garbage.js');
    expect(GIVEN_UP_BYTES).toBe(4 * 1024 * 1024);
    let collections = 0;
    host.gc = () => { collections++; };
    collectGarbage(); // 1, and nothing given up since
    realGaveUp(GIVEN_UP_BYTES - 1);
    expect(collections).toBe(1);
    realGaveUp(1);
    expect(collections).toBe(2);
    realGaveUp(GIVEN_UP_BYTES - 1); // counted from the last collection
    expect(collections).toBe(2);
    collectGarbage(); // 3: one made for another reason starts the count again
    realGaveUp(1);
    expect(collections).toBe(3);
    realGaveUp(3 * GIVEN_UP_BYTES); // one array of 12 MB: one collection
    expect(collections).toBe(4);
    host.gc = undefined;
    expect(() => realGaveUp(GIVEN_UP_BYTES)).not.toThrow(); // no gc exposed: nothing
  });

  it('are reported by the register of client facts: 25 bytes a client (partition, birth day, age, first line)', () => {
    const register = new LogRegister(false);
    for (let i = 0; i < 1025; i++) register.note(register.code('client', `C${1000 + i}`), null, null, -1, i + 2);
    // the facts start with room for 1,024 clients and double for the 1,025th
    expect(gaveUp).toHaveBeenCalledWith(1024 * 25);
    expect(vi.mocked(gaveUp).mock.calls.filter(([bytes]) => bytes === 1024 * 25)).toHaveLength(1);
  });

  it('are reported by the names: their bytes and where each ends', () => {
    const names = new ByteInterner();
    const name = Buffer.from('12345678');
    // room at first for 4,096 bytes and 256 names: 8 bytes × 600 names outgrow the bytes once (4,096 given up), the ends twice (256 and 512 × 4)
    for (let i = 0; i < 600; i++) names.append(name, 0, 8);
    expect(vi.mocked(gaveUp).mock.calls.map(([bytes]) => bytes).sort((a, b) => a - b)).toEqual([1024, 2048, 4096]);
  });

  it('are reported by the counted rows: 44 bytes a row and 2 a visit-id code unit', () => {
    const store = new CountedStore();
    // room for 256 rows at first, then 384; the visit ids' first arena (1,024 units) outgrown at row 205 (5 units each)
    for (let i = 0; i < 257; i++) store.add(0, 0, 0, 0, i, 0, 1, 'V1234');
    const calls = vi.mocked(gaveUp).mock.calls.map(([bytes]) => bytes);
    expect(calls).toContain(256 * 44);
    expect(calls).toContain(1024 * 2);
  });
});
