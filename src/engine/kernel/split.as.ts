// AssemblyScript (compiled to WebAssembly by compile.mjs, not by tsc): the line splitter of the
// measure's fast path (src/engine/split-kernel.ts loads it). Memory is the caller's: bytes from 0, one
// record per line at `out`, the row settings at `cfg` ({@link setup}), then the hash tables of the
// coded columns, which grow the memory as they need.

/** Where the line after the last one recorded starts (the unfinished last line, or the next call's start). */
export let done: i32 = 0;

// The records' and the row settings' layout is shared with visits/kernel.ts.
import {
  RECORD_HEAD as HEAD, RECORD_FLAGS as FLAGS, CODED_SLOTS as SLOTS, KERNEL_PLAIN as PLAIN, KERNEL_ASCII_VISIT as ASCII_VISIT,
  SLOT_COLUMNS, SLOT_TABLES, TABLE_STATE, CODED_TABLES as TABLES, CHECKS,
} from './layout';

// The row settings ({@link setup}): at `cfg`, 256 bytes saying which bytes may begin a plain field,
// 256 which may end one, the column of each coded slot (i32; -1: none, the empty value; -2: not
// wanted), its table (i32; -1: the value is a date, see {@link date}), each table's state (32 bytes: the address of its slots, their mask,
// its count of numbers, the address and room of the numbers' key addresses, where the slots and
// the key addresses may grow to in place), then per column 0 (not checked), 1 (plain) or 2
// (plain and not empty).
let cfg: i32 = 0;
/** Whether {@link setup} was called (else records get flags 0 and no values). */
let rows = false;
let visitColumn: i32 = -1;
/** The next free byte for keys, and for tables that outgrew their region (16-aligned). */
let top: i32 = 0;

/**
 * Takes the row settings written at `at` (see above) and starts the hash tables at `heap` (the
 * first free byte after the records): from now on each line with the header's field count gets
 * its flags and, when plain, the number of each coded slot's value in its table (0, 1, 2, … in
 * order of first sight: the same bytes, the same number).
 *
 * Each table gets a region of its own, `slotRoom` bytes for its slots and `keyRoom` for its key
 * addresses, where they grow in place: a table that doubles leaves nothing behind, as it does
 * when the bigger table is made elsewhere (the old one, as large as all the ones before it,
 * unused for good: the memory never shrinks). The regions' pages are touched only as the tables
 * reach them, so their size costs address space, not memory. A table that outgrows its region
 * moves to the top; with no room for 256 slots, or a memory that cannot hold the regions, every
 * table grows at the top.
 */
export function setup(at: i32, visit: i32, heap: i32, slotRoom: i32, keyRoom: i32, numbers: i32): void {
  cfg = at;
  visitColumn = visit;
  maxNumbers = min(numbers, (1 << 23) - 1);
  const regions = (heap + 0xffff) & ~0xffff;
  const region = slotRoom + keyRoom;
  const withRegions = slotRoom >= SLOT * 256 && reach(regions + TABLES * region);
  top = withRegions ? regions + TABLES * region : (heap + 15) & ~15;
  for (let t = 0; t < TABLES; t++) {
    const state = cfg + TABLE_STATE + (t << 5);
    const base = regions + t * region;
    // in memory never used before: the slots are empty (zero)
    store<i32>(state, withRegions ? base : alloc(SLOT * 256));
    store<i32>(state, 255, 4);
    store<i32>(state, 0, 8);
    store<i32>(state, withRegions ? base + slotRoom : 0, 12);
    store<i32>(state, 0, 16);
    store<i32>(state, withRegions ? base + slotRoom : 0, 20);
    store<i32>(state, withRegions ? base + region : 0, 24);
  }
  rows = true;
}

/**
 * Records the complete lines (ending in LF) of bytes [from, to), at most `maxLines` of them: per
 * line `fields + 16` i32s at `out` — where the line starts, where its LF is, how many bytes equal
 * to `delim` it holds, the local times of columns `startColumn` and `endColumn` (date and time of
 * day each, see {@link time}), its flags and coded values ({@link setup}), then the positions of
 * the first `fields` delimiters. Times, flags and values are set only when the line has
 * `fields - 1` delimiters. Sixteen bytes are compared at a time; the memory must hold 15 bytes
 * after `to`. Returns the number of lines recorded; `done` says where to go on.
 */
export function split(from: i32, to: i32, delim: i32, fields: i32, out: i32, maxLines: i32, startColumn: i32, endColumn: i32): i32 {
  const dv = i8x16.splat(<i8>delim);
  const lf = i8x16.splat(10);
  const stride = (fields + HEAD) << 2;
  let rec = out;
  let lines = 0;
  let k = 0;
  store<i32>(rec, from);
  for (let p = from; p < to; p += 16) {
    // sixteen bytes; past `to` (at most 15, inside memory: the records follow the buffer) masked off
    const v = v128.load(p);
    let m = i8x16.bitmask(v128.or(i8x16.eq(v, dv), i8x16.eq(v, lf)));
    if (to - p < 16) m &= (1 << (to - p)) - 1;
    while (m != 0) {
      const at = p + ctz(m);
      m &= m - 1;
      if (load<u8>(at) == 10) {
        store<i32>(rec, at, 4);
        store<i32>(rec, k, 8);
        times(rec, k, fields, startColumn, endColumn);
        store<i32>(rec, k == fields - 1 && rows ? values(rec, fields) : 0, FLAGS << 2);
        k = 0;
        rec += stride;
        if (++lines == maxLines) {
          done = at + 1;
          return lines;
        }
        store<i32>(rec, at + 1);
      } else {
        if (k < fields) store<i32>(rec + (HEAD << 2) + (k << 2), at);
        k++;
      }
    }
  }
  done = load<i32>(rec);
  return lines;
}

/** Where field `column` of a record starts. */
function fieldStart(rec: i32, column: i32): i32 {
  return column == 0 ? load<i32>(rec) : load<i32>(rec + ((HEAD + column - 1) << 2)) + 1;
}

/** Where field `column` of a record ends (the last field at the LF, or at a CR before it). */
function fieldEnd(rec: i32, column: i32, fields: i32): i32 {
  if (column < fields - 1) return load<i32>(rec + ((HEAD + column) << 2));
  const a = fieldStart(rec, column);
  const b = load<i32>(rec, 4);
  return b > a && load<u8>(b - 1) == 13 ? b - 1 : b;
}

/** Fills the time words of a finished record (-1: not read here). */
function times(rec: i32, k: i32, fields: i32, startColumn: i32, endColumn: i32): void {
  let a = -1, b = -1, c = -1, d = -1;
  if (k == fields - 1) {
    if (startColumn >= 0) {
      a = time(rec, startColumn, fields);
      if (a >= 0) b = clock;
    }
    if (endColumn >= 0) {
      c = time(rec, endColumn, fields);
      if (c >= 0) d = clock;
    }
  }
  store<i32>(rec, a, 12);
  store<i32>(rec, b, 16);
  store<i32>(rec, c, 20);
  store<i32>(rec, d, 24);
}

/**
 * The flags of a line with the header's field count; when every checked field is plain, each
 * coded slot's value is numbered in its table (or read as a date) and stored in the record.
 */
function values(rec: i32, fields: i32): i32 {
  for (let c = 0; c < fields; c++) {
    const check = <i32>load<u8>(cfg + CHECKS + c);
    if (check == 0) continue;
    const a = fieldStart(rec, c);
    const b = fieldEnd(rec, c, fields);
    if (a == b) {
      if (check == 2) return 0;
    } else if (load<u8>(cfg + <i32>load<u8>(a)) == 0 || load<u8>(cfg + 256 + <i32>load<u8>(b - 1)) == 0) return 0;
  }
  let flags = PLAIN | ASCII_VISIT;
  if (visitColumn >= 0) {
    const b = fieldEnd(rec, visitColumn, fields);
    for (let p = fieldStart(rec, visitColumn); p < b; p++) {
      if (load<u8>(p) >= 128) {
        flags = PLAIN;
        break;
      }
    }
  }
  for (let s = 0; s < SLOTS; s++) {
    const column = load<i32>(cfg + SLOT_COLUMNS + 4 * s);
    const t = load<i32>(cfg + SLOT_TABLES + 4 * s);
    let value = -1;
    if (column >= -1) {
      const a = column < 0 ? 0 : fieldStart(rec, column), b = column < 0 ? 0 : fieldEnd(rec, column, fields);
      if (t < 0) value = column < 0 ? -1 : date(a, b);
      else {
        value = intern(t, a, b);
        // a table full ({@link maxNumbers}): the row is read in JavaScript
        if (value < 0) return 0;
      }
    }
    store<i32>(rec + ((FLAGS + 1 + s) << 2), value);
  }
  return flags;
}

/** Bytes of a slot: the value's first 8 bytes (zero-padded), then (number + 1) << 8 | its length (255: 255 or more). */
const SLOT = 12;
/** Numbers a table gives at most (its slot's word holds the number + 1 in 23 bits; {@link setup} may set fewer). */
let maxNumbers: i32 = (1 << 23) - 1;

/** The number + 1 of a slot's word (0: the slot is empty). */
@inline function entryOf(word: i32): i32 {
  return word >> 8;
}

/** A slot's word for number + 1 `e` and a value of `n` bytes. */
@inline function slotWord(e: i32, n: i32): i32 {
  return (e << 8) | min(n, 255);
}

/**
 * The number of bytes [a, b) in table `t`, numbered now when new; -1 when it is new and the
 * table has given {@link maxNumbers}. Open addressing; a slot ({@link SLOT} bytes) holds the
 * value's first 8 bytes, its number + 1 (0: empty) and its length, so a value of at most 8
 * bytes is compared in its slot alone; a longer one is copied (its length, then its bytes),
 * found by its number.
 */
function intern(t: i32, a: i32, b: i32): i32 {
  const n = b - a;
  const head = first8(a, n);
  const state = cfg + TABLE_STATE + (t << 5);
  const slots = load<i32>(state);
  const mask = load<i32>(state, 4);
  const length = slotWord(0, n);
  for (let i = hash(head, a, n) & mask; ; i = (i + 1) & mask) {
    const s = slots + i * SLOT;
    const w = load<i32>(s, 8);
    if (w == 0) return insert(state, s, head, a, n);
    if (load<u64>(s) == head && (w & 255) == length && (n <= 8 || sameKey(load<i32>(load<i32>(state, 12) + ((entryOf(w) - 1) << 2)), a, n))) return entryOf(w) - 1;
  }
  return -1; // not reached: the table is never full
}

/** Whether the key at `key` (its length, then its bytes) is the `n` bytes at `a` (their first 8 already equal). */
function sameKey(key: i32, a: i32, n: i32): bool {
  return load<i32>(key) == n && same(key + 12, a + 8, n - 8);
}

/** The hash of the value of a slot holding `head` and `word`, in a table whose key addresses are at `keys`. */
function slotHash(head: u64, word: i32, keys: i32): i32 {
  let n = word & 255;
  let a = 0;
  if (n > 8) {
    const key = load<i32>(keys + ((entryOf(word) - 1) << 2));
    n = load<i32>(key);
    a = key + 4;
  }
  return hash(head, a, n);
}

/** Numbers bytes [a, a + n) (first 8: `head`) in empty slot `s` of the table at `state`; grows the table at 3/4 full. */
function insert(state: i32, s: i32, head: u64, a: i32, n: i32): i32 {
  const count = load<i32>(state, 8);
  if (count >= maxNumbers) return -1;
  // where each number's bytes are: room for twice as many numbers when full (in place while the region holds them)
  if (count == load<i32>(state, 16)) {
    const cap = max(count << 1, 256);
    const at = load<i32>(state, 12);
    if (at + (cap << 2) <= load<i32>(state, 24) && reach(at + (cap << 2))) store<i32>(state, cap, 16);
    else {
      const keys = alloc(cap << 2);
      memory.copy(keys, at, count << 2);
      store<i32>(state, keys, 12);
      store<i32>(state, cap, 16);
    }
  }
  // a short value's key address stays 0 (unwritten: in a region, its pages need not become memory)
  if (n > 8) {
    const key = alloc(n + 4);
    store<i32>(key, n);
    memory.copy(key + 4, a, n);
    store<i32>(load<i32>(state, 12) + (count << 2), key);
  }
  store<u64>(s, head);
  store<i32>(s, slotWord(count + 1, n), 8);
  store<i32>(state, count + 1, 8);
  const mask = load<i32>(state, 4);
  if (4 * (count + 1) > 3 * (mask + 1)) rehash(state, mask);
  return count;
}

/**
 * Doubles the table at `state`: in place while its region holds it ({@link doubleInPlace}), else
 * into a new one at the top (the old one left unused).
 */
function rehash(state: i32, mask: i32): void {
  const old = load<i32>(state);
  const keys = load<i32>(state, 12);
  const bigger = (mask << 1) | 1;
  const end = old + (bigger + 1) * SLOT;
  if (end <= load<i32>(state, 20) && reach(end)) {
    doubleInPlace(old, mask, keys);
    store<i32>(state, bigger, 4);
    return;
  }
  const slots = alloc((bigger + 1) * SLOT);
  memory.fill(slots, 0, (bigger + 1) * SLOT);
  for (let i = 0; i <= mask; i++) {
    const s = old + i * SLOT;
    if (load<i32>(s, 8) == 0) continue;
    let j = slotHash(load<u64>(s), load<i32>(s, 8), keys) & bigger;
    while (load<i32>(slots + j * SLOT, 8) != 0) j = (j + 1) & bigger;
    store<u64>(slots + j * SLOT, load<u64>(s));
    store<i32>(slots + j * SLOT, load<i32>(s, 8), 8);
  }
  store<i32>(state, slots);
  store<i32>(state, bigger, 4);
}

/**
 * Doubles the table of `mask + 1` slots at `slots` where it is: the slots after it (never used:
 * zero) join it, every entry is marked old (its slot's word negated), then each old entry is
 * taken out and put at the first slot from its place in the doubled table that is empty or old;
 * an old one there is taken out in turn (its slot now the entry's), until an empty slot ends the
 * chain. An entry is put only past entries put before it, which never move again, so every entry
 * is found from its place when all are put; each step puts one old entry, so it ends.
 */
function doubleInPlace(slots: i32, mask: i32, keys: i32): void {
  const bigger = (mask << 1) | 1;
  memory.fill(slots + (mask + 1) * SLOT, 0, (mask + 1) * SLOT);
  for (let i = 0; i <= mask; i++) {
    const s = slots + i * SLOT;
    store<i32>(s, -load<i32>(s, 8), 8);
  }
  for (let i = 0; i <= mask; i++) {
    const s = slots + i * SLOT;
    if (load<i32>(s, 8) >= 0) continue;
    // the entry in hand: its first 8 bytes and its word (new now)
    let head = load<u64>(s);
    let word = -load<i32>(s, 8);
    store<i32>(s, 0, 8);
    for (;;) {
      // put at its place or past new entries
      let j = slotHash(head, word, keys) & bigger;
      let here = slots + j * SLOT;
      while (load<i32>(here, 8) > 0) {
        j = (j + 1) & bigger;
        here = slots + j * SLOT;
      }
      const takenHead = load<u64>(here);
      const taken = load<i32>(here, 8);
      store<u64>(here, head);
      store<i32>(here, word, 8);
      if (taken == 0) break;
      head = takenHead;
      word = -taken;
    }
  }
}

/** Grows the memory to hold `bytes` bytes; false when it cannot. */
function reach(bytes: i32): bool {
  const have = memory.size() << 16;
  if (bytes <= have) return true;
  return memory.grow((bytes - have + 0xffff) >> 16) >= 0;
}

/** The first 8 of the `n` bytes at `a`, zero-padded (bytes past the end masked off). */
function first8(a: i32, n: i32): u64 {
  const word = load<u64>(a);
  return n >= 8 ? word : word & ((<u64>1 << (<u64>n << 3)) - 1);
}

/** Whether the `n` bytes at `key` equal those at `a` (eight at a time; loads past the ends are masked off). */
function same(key: i32, a: i32, n: i32): bool {
  let p = 0;
  for (; p + 8 <= n; p += 8) if (load<u64>(key + p) != load<u64>(a + p)) return false;
  return p == n || first8(key + p, n - p) == first8(a + p, n - p);
}

/**
 * A 32-bit hash of the `n` bytes at `a` whose first 8 are `head` (the bytes after them read from
 * `a`, eight at a time; bytes past the end masked off): multiply and fold, finalised as
 * MurmurHash3's 64-bit hash is.
 */
function hash(head: u64, a: i32, n: i32): i32 {
  let h = mixed(<u64>(n + 1) * 0x9e3779b97f4a7c15 ^ head);
  for (let p = 8; p < n; p += 8) h = mixed(h ^ first8(a + p, n - p));
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccd;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53;
  return <i32>(h ^ (h >> 33));
}

function mixed(h: u64): u64 {
  h *= 0x9fb21c651e98df25;
  return h ^ (h >> 29);
}

/** `n` bytes (and at least 8, 16-aligned) from the top of memory, which grows as needed. */
function alloc(n: i32): i32 {
  const at = top;
  top = (top + max(n, 8) + 15) & ~15;
  const have = memory.size() << 16;
  if (top > have) {
    const pages = max((top - have + 0xffff) >> 16, memory.size() >> 2);
    if (memory.grow(pages) < 0) unreachable();
  }
  return at;
}

/** The time of day of the last {@link time} that read one: hour << 12 | minute << 6 | second. */
let clock: i32 = 0;

/**
 * The local date of field `column` of a record when the field is exactly `YYYY-MM-DD HH:mm` or
 * `YYYY-MM-DD HH:mm:ss` (separator space, T or t) naming a calendar date and a time of day:
 * year << 9 | month << 5 | day, with the time in {@link clock}; else -1 (the caller's parser
 * decides). The last field ends at the LF, or at a CR before it.
 */
function time(rec: i32, column: i32, fields: i32): i32 {
  const a = fieldStart(rec, column);
  const n = fieldEnd(rec, column, fields) - a;
  if (n != 16 && n != 19) return -1;
  const day = date(a, a + 10);
  if (day < 0 || load<u8>(a + 13) != 58) return -1;
  const sep = load<u8>(a + 10);
  if (sep != 32 && sep != 84 && sep != 116) return -1;
  const hour = digits(a + 11, 2), minute = digits(a + 14, 2);
  let second = 0;
  if (n == 19) {
    if (load<u8>(a + 16) != 58) return -1;
    second = digits(a + 17, 2);
  }
  if ((hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) return -1;
  clock = (hour << 12) | (minute << 6) | second;
  return day;
}

/** The date of bytes [a, b) when they are exactly `YYYY-MM-DD` naming a calendar date: year << 9 | month << 5 | day; else -1. */
function date(a: i32, b: i32): i32 {
  if (b - a != 10 || load<u8>(a + 4) != 45 || load<u8>(a + 7) != 45) return -1;
  const year = digits(a, 4), month = digits(a + 5, 2), day = digits(a + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1;
  return (year << 9) | (month << 5) | day;
}

/** The number of `n` ASCII digits at `at`, or -1. */
function digits(at: i32, n: i32): i32 {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = <i32>load<u8>(at + i) - 48;
    if (<u32>c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function daysInMonth(year: i32, month: i32): i32 {
  if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}
