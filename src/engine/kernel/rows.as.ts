// AssemblyScript (compiled to WebAssembly by compile.mjs, not by tsc): the row store of the
// measure's evaluation (src/engine/rowstore.ts loads it). It renumbers the rows a partition
// gathers from the readers' blocks, groups them by client and applies the rules over a client's
// rows: visits, the first staff member, double staffing, the staff count, the majority group and
// the daily visits rule (the age rule is the caller's). The memory is the caller's: the
// address of each column is a word at 0 (the constants below); the caller lays the columns out,
// grows the memory and copies the blocks' columns in.

// The addresses of the columns (one word each at 0): the layout is shared with rowstore.ts.
import {
  CLIENT, STAFF, GROUP, DAY, LINE, VISIT_LENGTH, VISIT_HASH, VISIT_AT, START, END, ARENA, ORDER, SORTED_START, SORTED_END, SORTED_STAFF, SORTED_GROUP, SORTED_DAY, SORTED_VISIT, CLIENTS, FIRST, TABLE, RANK, SPARE, COUNTS, MEMBERS, BOUNDS, BY_START, PARENT, LOOSE, VISIT_OF, MERGE_SPARE, KEY, RUN, RUN_END, PER_DAY, GROUP_COUNT, GROUPS_SEEN, STAFF_SEEN, FIGURES, STAFF_ROOM,
} from './layout';

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

/** Of the last {@link maxRun}: the clients of its rows. */
export let present: i32 = 0;

/**
 * The most rows of one client among rows [0, n) (the caller sizes the scratch of one client's
 * visits and visit ids by it), and in {@link present} the clients they have (the caller sizes the
 * clients' columns by it): counted in the rank column, left filled with -1 again.
 */
export function maxRun(n: i32): i32 {
  const client = column(CLIENT), rank = column(RANK);
  let most = 0;
  let clients = 0;
  for (let i = 0; i < n; i++) {
    const c = word(client, i);
    const seen = word(rank, c);
    if (seen < 0) clients++;
    const run = max(seen, 0) + 1;
    setWord(rank, c, run);
    most = max(most, run);
  }
  present = clients;
  for (let i = 0; i < n; i++) setWord(rank, word(client, i), -1);
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

/**
 * Groups the sorted rows [a, b) (ONE client's) into visits: rows sharing a visit id are one visit;
 * rows without a visit id form one visit with every row they overlap by at least half of the
 * shorter (taken transitively; the rule of `overlapsByHalf` in src/engine/group.ts). Afterwards
 * visit `v` is MEMBERS[BOUNDS[v]] … MEMBERS[BOUNDS[v + 1] - 1] (positions, sorted by start, ties
 * by position), the visits ordered by their first start (ties: the lower position). Returns the
 * number of visits.
 */
export function group(a: i32, b: i32): i32 {
  const n = b - a;
  const start = column(SORTED_START) + (a << 3), end = column(SORTED_END) + (a << 3), visit = column(SORTED_VISIT) + (a << 2);
  const order = column(BY_START), parent = column(PARENT), loose = column(LOOSE), visitOf = column(VISIT_OF);
  const members = column(MEMBERS), bounds = column(BOUNDS);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    setWord(order, i, i);
    setWord(parent, i, i);
    if (i > 0 && load<f64>(start + (i << 3)) < load<f64>(start + ((i - 1) << 3))) sorted = false;
  }
  if (!sorted) sortByStart(order, n, start, column(MERGE_SPARE));

  // rows sharing a visit id; the loose rows (no id) in start order
  let looseCount = 0;
  for (let k = 0; k < n; k++) {
    const i = word(order, k);
    const first = word(visit, i);
    if (first < 0) setWord(loose, looseCount++, i);
    else if (first != a + i) union(parent, first - a, i);
  }
  if (!joinLoose(start, end, loose, looseCount, parent)) {
    // times that are not whole numbers: every pair that can overlap, as the rule is written
    for (let x = 0; x < looseCount; x++) {
      const p = word(loose, x);
      const ps = load<f64>(start + (p << 3)), pe = load<f64>(end + (p << 3));
      for (let y = x + 1; y < looseCount; y++) {
        const q = word(loose, y);
        const qs = load<f64>(start + (q << 3)), qe = load<f64>(end + (q << 3));
        if (qs >= pe) break;
        const overlap = min(pe, qe) - max(ps, qs);
        if (overlap > 0 && 2 * overlap >= min(pe - ps, qe - qs)) union(parent, p, q);
      }
    }
  }

  // visits numbered in start order of their first row; members placed in start order
  for (let i = 0; i < n; i++) setWord(visitOf, i, -1);
  let count = 0;
  for (let k = 0; k < n; k++) {
    const root = find(parent, word(order, k));
    let v = word(visitOf, root);
    if (v < 0) {
      v = count++;
      setWord(visitOf, root, v);
      setWord(bounds, v + 1, 0);
    }
    setWord(bounds, v + 1, word(bounds, v + 1) + 1);
  }
  setWord(bounds, 0, 0);
  for (let v = 0; v < count; v++) setWord(bounds, v + 1, word(bounds, v + 1) + word(bounds, v));
  const fill = loose; // the loose list is done with: reuse it as the fill positions
  for (let v = 0; v < count; v++) setWord(fill, v, word(bounds, v));
  for (let k = 0; k < n; k++) {
    const i = word(order, k);
    const v = word(visitOf, find(parent, i));
    const at = word(fill, v);
    setWord(members, at, a + i);
    setWord(fill, v, at + 1);
  }
  return count;
}

/** Whole numbers up to this size: their sums and differences are exact in f64. */
const EXACT: f64 = 2251799813685248; // 2^51

/**
 * Joins (in the union-find at `parent`) the `count` rows without a visit id listed at `loose`
 * that overlap by at least half of the shorter, in O(m log m) for m rows; false (nothing joined)
 * when a time is not a whole number below 2^51 in size, where the caller compares every pair.
 * With s ≤ l in length, two rows overlap by at least half of the shorter exactly when the
 * shorter has some length and its midpoint lies in the longer, both ends included (so
 * 2·l.start ≤ s.start + s.end ≤ 2·l.end, exact for such times). The rows are taken shortest
 * first; each joins every row taken before whose midpoint it holds. Midpoints are kept as slots
 * in their order (a Fenwick tree counts the slots taken, to find the next one); the slots a row
 * joined form a run, one component (a row taken later with its midpoint inside a run holds the
 * midpoint of the row that made the run, so it joins it in turn): runs never interleave, and a
 * row visits one slot per run it reaches, each run then merged into its own.
 */
function joinLoose(start: i32, end: i32, loose: i32, count: i32, parent: i32): bool {
  let m = 0; // rows with some length, packed at the front of `loose`
  for (let x = 0; x < count; x++) {
    const p = word(loose, x);
    const s = load<f64>(start + (p << 3)), e = load<f64>(end + (p << 3));
    if (!(abs(s) <= EXACT && abs(e) <= EXACT && floor(s) == s && floor(e) == e)) return false;
    if (e > s) setWord(loose, m++, p);
  }
  if (m < 2) return true;
  const key = column(KEY), spare = column(MERGE_SPARE);
  const byLength = column(VISIT_OF), bySlot = column(MEMBERS), tree = column(BOUNDS);
  const run = column(RUN), runEnd = column(RUN_END);
  for (let j = 0; j < m; j++) {
    const p = word(loose, j);
    const s = load<f64>(start + (p << 3)), e = load<f64>(end + (p << 3));
    store<f64>(key + (j << 3), e - s);
    setWord(byLength, j, j);
    setWord(bySlot, j, j);
  }
  sortByStart(byLength, m, key, spare);
  for (let j = 0; j < m; j++) {
    const p = word(loose, j);
    store<f64>(key + (j << 3), load<f64>(start + (p << 3)) + load<f64>(end + (p << 3)));
  }
  sortByStart(bySlot, m, key, spare);
  const slotOf = spare; // the sorts are done with their second array
  for (let k = 0; k < m; k++) setWord(slotOf, word(bySlot, k), k);
  for (let k = 0; k < m; k++) {
    const p = word(loose, word(bySlot, k));
    store<f64>(key + (k << 3), load<f64>(start + (p << 3)) + load<f64>(end + (p << 3))); // 2 × midpoint, by slot
  }
  memory.fill(tree, 0, (m + 1) << 2);
  let top = 1;
  while (top <= m >> 1) top <<= 1;
  let taken = 0;
  for (let k = 0; k < m; k++) {
    const j = word(byLength, k);
    const p = word(loose, j);
    const from = firstSlotFrom(key, m, 2 * load<f64>(start + (p << 3)));
    const to = firstSlotFrom(key, m, 2 * load<f64>(end + (p << 3)) + 1); // the slots up to 2·end: whole numbers
    const own = word(slotOf, j);
    setWord(run, own, own);
    let last = own;
    let x = nextTaken(tree, m, top, taken, from);
    while (x >= 0 && x < to) {
      const r = runOf(run, x);
      union(parent, p, word(loose, word(bySlot, r)));
      const e = word(runEnd, r);
      if (e > last) last = e;
      setWord(run, r, own);
      x = nextTaken(tree, m, top, taken, e + 1);
    }
    setWord(runEnd, own, last);
    for (let i = own + 1; i <= m; i += i & -i) setWord(tree, i, word(tree, i) + 1);
    taken++;
  }
  return true;
}

/** The first of `m` slots (2 × midpoint, ascending, f64 at `key`) at or above `value`. */
function firstSlotFrom(key: i32, m: i32, value: f64): i32 {
  let lo = 0, hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (load<f64>(key + (mid << 3)) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first taken slot at or after `x` (-1: none), from the Fenwick tree of the `taken` slots of `m`; `top` the largest power of 2 ≤ m. */
function nextTaken(tree: i32, m: i32, top: i32, taken: i32, x: i32): i32 {
  if (x >= m) return -1;
  let before = 0;
  for (let i = x; i > 0; i -= i & -i) before += word(tree, i);
  if (before == taken) return -1;
  let want = before + 1, at = 0;
  for (let step = top; step > 0; step >>= 1) {
    const next = at + step;
    if (next <= m && word(tree, next) < want) {
      at = next;
      want -= word(tree, next);
    }
  }
  return at;
}

/** The run of slot `x` (its root in the union-find at `run`). */
function runOf(run: i32, x: i32): i32 {
  while (word(run, x) != x) {
    const up = word(run, word(run, x));
    setWord(run, x, up);
    x = up;
  }
  return x;
}

function find(parent: i32, i: i32): i32 {
  while (word(parent, i) != i) {
    const up = word(parent, word(parent, i));
    setWord(parent, i, up);
    i = up;
  }
  return i;
}

function union(parent: i32, x: i32, y: i32): void {
  const rx = find(parent, x), ry = find(parent, y);
  if (rx != ry) setWord(parent, max(rx, ry), min(rx, ry));
}

/** Sorts the `n` row indices at `order` (0 … n - 1 in turn) by their start (f64 at `start`), ties by index: a merge sort, stable. */
function sortByStart(order: i32, n: i32, start: i32, spare: i32): void {
  let from = order, to = spare;
  for (let width = 1; width < n; width <<= 1) {
    for (let lo = 0; lo < n; lo += width << 1) {
      const mid = min(lo + width, n), hi = min(lo + (width << 1), n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        const x = word(from, i), y = word(from, j);
        // stable: on equal starts the left run's index (the lower one) goes first
        if (load<f64>(start + (y << 3)) < load<f64>(start + (x << 3))) {
          setWord(to, k++, y);
          j++;
        } else {
          setWord(to, k++, x);
          i++;
        }
      }
      while (i < mid) setWord(to, k++, word(from, i++));
      while (j < hi) setWord(to, k++, word(from, j++));
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from != order) memory.copy(order, from, n << 2);
}

/**
 * The row of the visit MEMBERS[from] … MEMBERS[to - 1] of its first staff member: earliest start,
 * then earliest end, then lowest staff rank. With `countBothStaff` off only this staff member
 * counts; every other staff member of the visit is a "second staff member".
 */
export function firstOf(from: i32, to: i32): i32 {
  const members = column(MEMBERS), start = column(SORTED_START), end = column(SORTED_END), staff = column(SORTED_STAFF);
  let best = word(members, from);
  for (let k = from + 1; k < to; k++) {
    const r = word(members, k);
    const rs = load<f64>(start + (r << 3)), bs = load<f64>(start + (best << 3));
    if (rs < bs) best = r;
    else if (rs == bs) {
      const re = load<f64>(end + (r << 3)), be = load<f64>(end + (best << 3));
      if (re < be || (re == be && word(staff, r) < word(staff, best))) best = r;
    }
  }
  return best;
}

/**
 * The longest time (ms) two DIFFERENT staff members were present together at the visit MEMBERS[from]
 * … MEMBERS[to - 1], over every pair of its rows (0 for rows of one staff member).
 */
export function together(from: i32, to: i32): f64 {
  const members = column(MEMBERS), start = column(SORTED_START), end = column(SORTED_END), staff = column(SORTED_STAFF);
  let best: f64 = 0;
  for (let x = from; x < to; x++) {
    const a = word(members, x);
    for (let y = x + 1; y < to; y++) {
      const b = word(members, y);
      if (word(staff, a) == word(staff, b)) continue;
      const overlap = min(load<f64>(end + (a << 3)), load<f64>(end + (b << 3))) - max(load<f64>(start + (a << 3)), load<f64>(start + (b << 3)));
      if (overlap > best) best = overlap;
    }
  }
  return best;
}

/** The mark of the client being evaluated (marks start over before the counter overflows). */
let stamp: i32 = 0;

/**
 * The visits rule and the staff count over ONE client's sorted rows [a, b) in a window of `days`
 * days: rows are grouped into visits ({@link group}); each visit counts once on the day of its
 * first row and once for the group of its first staff member's row ({@link firstOf}); the staff
 * are those of every row (or of the first staff member only, `countBothStaff` 0); a visit is
 * double-staffed when two different staff were together some time and at least `handoverMs`.
 * Writes the figures at FIGURES; the reason code is 0 (the visits rule holds), 1 (no counted
 * visits), 2 (a day with fewer than `minPerDay` visits: the first such day is the next figure) or
 * 3 (fewer than `minPerDay` a day on average; `everyDay` 0).
 */
export function evaluate(a: i32, b: i32, countBothStaff: i32, handoverMs: f64, days: i32, minPerDay: f64, everyDay: i32): void {
  const count = group(a, b);
  const members = column(MEMBERS), bounds = column(BOUNDS);
  const dayOf = column(SORTED_DAY), groupOf = column(SORTED_GROUP), staffOf = column(SORTED_STAFF);
  const perDay = column(PER_DAY), groupCount = column(GROUP_COUNT), groupsSeen = column(GROUPS_SEEN), seen = column(STAFF_SEEN);
  memory.fill(perDay, 0, days << 2);
  if (stamp == 0x7fffffff) {
    memory.fill(seen, 0, column(STAFF_ROOM) << 2);
    stamp = 0;
  }
  const mark = ++stamp;
  let staff = 0;
  let doubleStaffed = 0;
  let best = -1;
  let groups = 0;
  for (let v = 0; v < count; v++) {
    const from = word(bounds, v), to = word(bounds, v + 1);
    const first = firstOf(from, to);
    const d = word(dayOf, word(members, from));
    setWord(perDay, d, word(perDay, d) + 1);
    const g = word(groupOf, first);
    const n = word(groupCount, g) + 1;
    setWord(groupCount, g, n);
    if (n == 1) setWord(groupsSeen, groups++, g);
    if (best < 0 || n > word(groupCount, best) || (n == word(groupCount, best) && g < best)) best = g;
    if (to - from > 1) {
      const t = together(from, to);
      if (t > 0 && t >= handoverMs) doubleStaffed++; // togetherLongEnough (src/measures/staffing/together.ts)
    }
    if (countBothStaff != 0) {
      for (let k = from; k < to; k++) staff += meet(seen, word(staffOf, word(members, k)), mark);
    } else staff += meet(seen, word(staffOf, first), mark);
  }
  for (let k = 0; k < groups; k++) setWord(groupCount, word(groupsSeen, k), 0);

  let reason = 0;
  let firstShort = -1;
  if (count == 0) reason = 1;
  else if (everyDay != 0) {
    for (let d = 0; d < days; d++) {
      if (<f64>word(perDay, d) < minPerDay) {
        firstShort = d;
        reason = 2;
        break;
      }
    }
  } else if (<f64>count < minPerDay * <f64>days) reason = 3;
  const out = column(FIGURES);
  setWord(out, 0, count);
  setWord(out, 1, staff);
  setWord(out, 2, reason);
  setWord(out, 3, firstShort);
  setWord(out, 4, doubleStaffed);
  setWord(out, 5, best);
}

/** 1 when staff member `s` is met for the first time under `mark`, else 0. */
@inline function meet(seen: i32, s: i32, mark: i32): i32 {
  if (word(seen, s) == mark) return 0;
  setWord(seen, s, mark);
  return 1;
}
