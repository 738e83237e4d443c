/**
 * The memory layouts the WebAssembly kernels share with the TypeScript that drives them: one
 * source for both sides. `compile.mjs` compiles each kernel together with this file, and the
 * kernels import their constants from it as the TypeScript does. Plain numeric constants only
 * (AssemblyScript reads them as i32 constants).
 *
 * @module
 */

// ---- rows.as.ts ↔ continuity/rowstore.ts: the word at 4 × k holds the address of column k ----

// Columns of the rows as gathered (i32 unless said): client, staff, group, day, line, visit-id
// length, hash and place in the arena, start and end (f64), the visit-id arena (u16).
export const CLIENT = 0;
export const STAFF = 1;
export const GROUP = 2;
export const DAY = 3;
export const LINE = 4;
export const VISIT_LENGTH = 5;
export const VISIT_HASH = 6;
export const VISIT_AT = 7;
export const START = 8;
export const END = 9;
export const ARENA = 10;
// Of `prepare`: position → row, and the rows in that order: start, end (f64), staff and group
// ranks, day, visit (the position of the client's first row with the same visit id, -1 without).
export const ORDER = 11;
export const SORTED_START = 12;
export const SORTED_END = 13;
export const SORTED_STAFF = 14;
export const SORTED_GROUP = 15;
export const SORTED_DAY = 16;
export const SORTED_VISIT = 17;
// The clients present in number order and where each one's rows begin (one more entry: the end).
export const CLIENTS = 18;
export const FIRST = 19;
// Scratch: the hash table of one client's visit ids; client number → rank among the clients
// present (-1 between calls); the radix sort's second array and its 256 counts.
export const TABLE = 20;
export const RANK = 21;
export const SPARE = 22;
export const COUNTS = 23;
// Of `group`: the visits' rows (positions) and where each visit begins; scratch: the rows by
// start, the union-find parents, the rows without a visit id, each root's visit, the merge sort's
// second array; of `joinLoose`: a sort key per row (f64), the union-find of its runs of slots and
// each run's last slot.
export const MEMBERS = 24;
export const BOUNDS = 25;
export const BY_START = 26;
export const PARENT = 27;
export const LOOSE = 28;
export const VISIT_OF = 29;
export const MERGE_SPARE = 30;
export const KEY = 31;
export const RUN = 32;
export const RUN_END = 33;
/** The columns laid out by the room they need (the ones above); the evaluation's scratch follows. */
export const LAID_OUT = 34;
// Of `evaluate`: visits per day of the window; per group rank, the visits counted for it, and the
// groups seen; per staff rank, the mark of the last client that met them; the figures (6 words:
// visits, staff, reason code, first short day, double-staffed visits, group); and the room of the
// staff marks (a word, not an address).
export const PER_DAY = 34;
export const GROUP_COUNT = 35;
export const GROUPS_SEEN = 36;
export const STAFF_SEEN = 37;
export const FIGURES = 38;
export const STAFF_ROOM = 39;
/** Words of the addresses at 0. */
export const COLUMNS = 40;

// ---- split.as.ts ↔ visits/kernel.ts: line records and row settings ----

/** Words of a record before the delimiter positions (start, LF, count, two times of two words, flags, coded values). */
export const RECORD_HEAD = 16;
/** Word of a record with its flags (`KERNEL_PLAIN`, `KERNEL_ASCII_VISIT`); the coded values follow. */
export const RECORD_FLAGS = 7;
/** Word of a record with the first coded value (one word per slot). */
export const RECORD_VALUES = 8;
/** Coded columns a record holds at most. */
export const CODED_SLOTS = 8;
/** Flag: every checked field is plain, and the filled ones are not empty; the coded values are set. */
export const KERNEL_PLAIN = 1;
/** Flag: the visit id field has only ASCII bytes. */
export const KERNEL_ASCII_VISIT = 2;
// The row settings: 256 bytes saying which bytes may begin a plain field, 256 which may end one,
// the column of each coded slot (i32), its table (i32), each table's state (32 bytes), then per
// column 0 (not checked), 1 (plain) or 2 (plain and not empty).
export const SLOT_COLUMNS = 512;
export const SLOT_TABLES = 544; // SLOT_COLUMNS + 4 × CODED_SLOTS
export const TABLE_STATE = 576; // SLOT_TABLES + 4 × CODED_SLOTS
/** Hash tables of coded values. */
export const CODED_TABLES = 8;
/** Bytes of the row settings before the per-column checks. */
export const CHECKS = 832; // TABLE_STATE + 32 × CODED_TABLES
