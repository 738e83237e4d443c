// AssemblyScript (compiled to WebAssembly by compile.mjs, not by tsc): the line splitter of the
// measure's fast path (src/visits/kernel.ts loads it). Memory is the caller's: bytes from 0, one
// record per line at `out`.

/** Where the line after the last one recorded starts (the unfinished last line, or the next call's start). */
export let done: i32 = 0;

/**
 * Records the complete lines (ending in LF) of bytes [from, to), at most `maxLines` of them: per
 * line `fields + 3` i32s at `out` — where the line starts, where its LF is, how many bytes equal
 * to `delim` it holds, then the positions of the first `fields` of them. Sixteen bytes are
 * compared at a time. Returns the number of lines recorded; `done` says where to go on.
 */
export function split(from: i32, to: i32, delim: i32, fields: i32, out: i32, maxLines: i32): i32 {
  const dv = i8x16.splat(<i8>delim);
  const lf = i8x16.splat(10);
  const stride = (fields + 3) << 2;
  let rec = out;
  let lines = 0;
  let k = 0;
  store<i32>(rec, from);
  let p = from;
  for (; p + 16 <= to; p += 16) {
    const v = v128.load(p);
    let m = i8x16.bitmask(v128.or(i8x16.eq(v, dv), i8x16.eq(v, lf)));
    while (m != 0) {
      const at = p + ctz(m);
      m &= m - 1;
      if (load<u8>(at) == 10) {
        store<i32>(rec, at, 4);
        store<i32>(rec, k, 8);
        k = 0;
        rec += stride;
        if (++lines == maxLines) {
          done = at + 1;
          return lines;
        }
        store<i32>(rec, at + 1);
      } else {
        if (k < fields) store<i32>(rec + 12 + (k << 2), at);
        k++;
      }
    }
  }
  for (; p < to; p++) {
    const c = <i32>load<u8>(p);
    if (c == 10) {
      store<i32>(rec, p, 4);
      store<i32>(rec, k, 8);
      k = 0;
      rec += stride;
      if (++lines == maxLines) {
        done = p + 1;
        return lines;
      }
      store<i32>(rec, p + 1);
    } else if (c == delim) {
      if (k < fields) store<i32>(rec + 12 + (k << 2), p);
      k++;
    }
  }
  done = load<i32>(rec);
  return lines;
}
