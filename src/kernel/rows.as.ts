// AssemblyScript (compiled to WebAssembly by compile.mjs, not by tsc): the row store of the
// measure's evaluation (src/continuity/rowstore.ts loads it). It renumbers the rows a partition
// gathers from the readers' blocks and groups them by client. The memory is the caller's: the
// address of each column is a word at 0 (the constants below); the caller lays the columns out,
// grows the memory and copies the blocks' columns in.

// Columns of the rows as gathered (i32 unless said): client, staff, group, day, line, visit-id
// length, hash and place in the arena, start and end (f64), the visit-id arena (u16).
const CLIENT = 0;
const STAFF = 1;
const GROUP = 2;
const DAY = 3;
const LINE = 4;
const VISIT_LENGTH = 5;
const VISIT_HASH = 6;
const VISIT_AT = 7;
const START = 8;
const END = 9;
const ARENA = 10;
// Of {@link prepare}: position → row, and the rows in that order: start, end (f64), staff and
// group ranks, day, visit (the position of the client's first row with the same visit id, -1
// without one).
const ORDER = 11;
const SORTED_START = 12;
const SORTED_END = 13;
const SORTED_STAFF = 14;
const SORTED_GROUP = 15;
const SORTED_DAY = 16;
const SORTED_VISIT = 17;
// The clients present in number order and where each one's rows begin (one more entry: the end).
const CLIENTS = 18;
const FIRST = 19;
// Scratch: the hash table of one client's visit ids; client number → rank among the clients
// present (-1 between calls of prepare: the caller fills it with -1 when it lays it out, and
// prepare sets back what it used); the radix sort's second array and its 256 counts.
const TABLE = 20;
const RANK = 21;
const SPARE = 22;
const COUNTS = 23;

@inline function column(k: i32): i32 {
  return load<i32>(k << 2);
}

@inline function word(base: i32, i: i32): i32 {
  return load<i32>(base + (i << 2));
}

@inline function setWord(base: i32, i: i32, value: i32): void {
  store<i32>(base + (i << 2), value);
}

/**
 * Completes `n` rows just copied in from a block at row `base`: client, staff and group numbers
 * through the maps at `clientMap`, `staffMap`, `groupMap` (index: the block's number; 0: the
 * numbers stay), `lineOffset` added to each line, and each visit id's place in the arena, the ids
 * lying one after the other from `arenaAt`. Returns where the arena's ids end.
 */
export function complete(base: i32, n: i32, clientMap: i32, staffMap: i32, groupMap: i32, lineOffset: i32, arenaAt: i32): i32 {
  const offset = base << 2;
  if (clientMap != 0) renumber(column(CLIENT) + offset, n, clientMap);
  if (staffMap != 0) renumber(column(STAFF) + offset, n, staffMap);
  if (groupMap != 0) renumber(column(GROUP) + offset, n, groupMap);
  const line = column(LINE) + offset;
  const length = column(VISIT_LENGTH) + offset;
  const place = column(VISIT_AT) + offset;
  for (let i = 0; i < n; i++) {
    setWord(line, i, word(line, i) + lineOffset);
    setWord(place, i, arenaAt);
    arenaAt += word(length, i);
  }
  return arenaAt;
}

function renumber(values: i32, n: i32, map: i32): void {
  for (let i = 0; i < n; i++) setWord(values, i, word(map, word(values, i)));
}

/** The largest client number of rows [0, n), -1 without rows (the caller sizes the rank column by it). */
export function maxClient(n: i32): i32 {
  const client = column(CLIENT);
  let most = -1;
  for (let i = 0; i < n; i++) most = max(most, word(client, i));
  return most;
}

/**
 * Groups rows [0, n) by client: the clients present in number order (CLIENTS), where each one's
 * rows begin (FIRST), the rows in that order with each client's in arrival order (ORDER) and the
 * sorted columns, staff and groups as their ranks (the rank tables at `staffRanks` and
 * `groupRanks`, index: the number). Returns the number of clients.
 */
export function prepare(n: i32, staffRanks: i32, groupRanks: i32): i32 {
  const client = column(CLIENT);
  const rank = column(RANK);
  const clients = column(CLIENTS);
  const first = column(FIRST);
  const order = column(ORDER);
  const fill = column(SPARE);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = word(client, i);
    if (word(rank, c) < 0) {
      setWord(rank, c, 0);
      setWord(clients, k++, c);
    }
  }
  sortNumbers(clients, k, fill, column(COUNTS));
  for (let j = 0; j <= k; j++) setWord(first, j, 0);
  for (let j = 0; j < k; j++) setWord(rank, word(clients, j), j);
  for (let i = 0; i < n; i++) {
    const r = word(rank, word(client, i)) + 1;
    setWord(first, r, word(first, r) + 1);
  }
  for (let j = 0; j < k; j++) {
    setWord(first, j + 1, word(first, j + 1) + word(first, j));
    setWord(fill, j, word(first, j));
  }
  for (let i = 0; i < n; i++) {
    const r = word(rank, word(client, i));
    const at = word(fill, r);
    setWord(order, at, i);
    setWord(fill, r, at + 1);
  }
  for (let j = 0; j < k; j++) setWord(rank, word(clients, j), -1);

  const start = column(START), end = column(END), staff = column(STAFF), group = column(GROUP), day = column(DAY);
  const sortedStart = column(SORTED_START), sortedEnd = column(SORTED_END), sortedStaff = column(SORTED_STAFF);
  const sortedGroup = column(SORTED_GROUP), sortedDay = column(SORTED_DAY);
  for (let j = 0; j < n; j++) {
    const i = word(order, j);
    store<f64>(sortedStart + (j << 3), load<f64>(start + (i << 3)));
    store<f64>(sortedEnd + (j << 3), load<f64>(end + (i << 3)));
    setWord(sortedStaff, j, word(staffRanks, word(staff, i)));
    setWord(sortedGroup, j, word(groupRanks, word(group, i)));
    setWord(sortedDay, j, word(day, i));
  }
  for (let j = 0; j < k; j++) visitKeys(word(first, j), word(first, j + 1));
  return k;
}

/**
 * The visit column of one client's rows, positions [a, b): the position of the first of them with
 * the same visit id, or -1 without one. Ids are found in a hash table by their hash (made when
 * the row was read) and compared exactly.
 */
function visitKeys(a: i32, b: i32): void {
  let size = 8;
  while (size < 2 * (b - a)) size <<= 1;
  const mask = size - 1;
  const table = column(TABLE); // position + 1 of the first row of an id; 0: empty
  memory.fill(table, 0, size << 2);
  const order = column(ORDER), visit = column(SORTED_VISIT), length = column(VISIT_LENGTH), hash = column(VISIT_HASH);
  const place = column(VISIT_AT), arena = column(ARENA);
  for (let j = a; j < b; j++) {
    const i = word(order, j);
    const units = word(length, i);
    if (units == 0) {
      setWord(visit, j, -1);
      continue;
    }
    const h = word(hash, i);
    for (let slot = (h ^ <i32>(<u32>h >> 15)) & mask; ; slot = (slot + 1) & mask) {
      const e = word(table, slot);
      if (e == 0) {
        setWord(table, slot, j + 1);
        setWord(visit, j, j);
        break;
      }
      const q = word(order, e - 1);
      if (word(hash, q) == h && word(length, q) == units && memory.compare(arena + (word(place, q) << 1), arena + (word(place, i) << 1), units << 1) == 0) {
        setWord(visit, j, e - 1);
        break;
      }
    }
  }
}

/** Sorts `n` non-negative numbers at `values` (a radix sort a byte at a time; `spare` holds n more, `counts` 256). */
function sortNumbers(values: i32, n: i32, spare: i32, counts: i32): void {
  let most = 0;
  for (let i = 0; i < n; i++) most |= word(values, i);
  let from = values, to = spare;
  for (let shift = 0; shift < 32 && (most >>> shift) != 0; shift += 8) {
    memory.fill(counts, 0, 256 << 2);
    for (let i = 0; i < n; i++) {
      const b = (word(from, i) >>> shift) & 255;
      setWord(counts, b, word(counts, b) + 1);
    }
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = word(counts, b);
      setWord(counts, b, sum);
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const v = word(from, i);
      const b = (v >>> shift) & 255;
      const at = word(counts, b);
      setWord(to, at, v);
      setWord(counts, b, at + 1);
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from != values) memory.copy(values, from, n << 2);
}
