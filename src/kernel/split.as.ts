// AssemblyScript (compiled to WebAssembly by compile.mjs, not by tsc): the line splitter of the
// measure's fast path (src/visits/kernel.ts loads it). Memory is the caller's: bytes from 0, one
// record per line at `out`.

/** Where the line after the last one recorded starts (the unfinished last line, or the next call's start). */
export let done: i32 = 0;

/** Words of a record before the delimiter positions. */
const HEAD = 7;

/**
 * Records the complete lines (ending in LF) of bytes [from, to), at most `maxLines` of them: per
 * line `fields + 7` i32s at `out` — where the line starts, where its LF is, how many bytes equal
 * to `delim` it holds, the local times of columns `startColumn` and `endColumn` (date and time of
 * day each, see {@link time}), then the positions of the first `fields` delimiters. Times are
 * read only when the line has `fields - 1` delimiters. Sixteen bytes are compared at a time; the
 * memory must hold 15 bytes after `to`.
 * Returns the number of lines recorded; `done` says where to go on.
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

/** The time of day of the last {@link time} that read one: hour << 12 | minute << 6 | second. */
let clock: i32 = 0;

/**
 * The local date of field `column` of a record when the field is exactly `YYYY-MM-DD HH:mm` or
 * `YYYY-MM-DD HH:mm:ss` (separator space, T or t) naming a calendar date and a time of day:
 * year << 9 | month << 5 | day, with the time in {@link clock}; else -1 (the caller's parser
 * decides). The last field ends at the LF, or at a CR before it.
 */
function time(rec: i32, column: i32, fields: i32): i32 {
  const a = column == 0 ? load<i32>(rec) : load<i32>(rec + ((HEAD + column - 1) << 2)) + 1;
  let b = column == fields - 1 ? load<i32>(rec, 4) : load<i32>(rec + ((HEAD + column) << 2));
  if (column == fields - 1 && b > a && load<u8>(b - 1) == 13) b--;
  const n = b - a;
  if (n != 16 && n != 19) return -1;
  if (load<u8>(a + 4) != 45 || load<u8>(a + 7) != 45 || load<u8>(a + 13) != 58) return -1;
  const sep = load<u8>(a + 10);
  if (sep != 32 && sep != 84 && sep != 116) return -1;
  const year = digits(a, 4), month = digits(a + 5, 2), day = digits(a + 8, 2), hour = digits(a + 11, 2), minute = digits(a + 14, 2);
  let second = 0;
  if (n == 19) {
    if (load<u8>(a + 16) != 58) return -1;
    second = digits(a + 17, 2);
  }
  if ((year | month | day | hour | minute | second) < 0) return -1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return -1;
  clock = (hour << 12) | (minute << 6) | second;
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
