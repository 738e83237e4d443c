import type { CountedRow } from './evaluate.js';

/** Interns strings to small integers (ids, groups); keeps a flat copy of each so no input chunk stays alive. */
export class Interner {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  /** The number of a string, given on first sight. */
  id(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      // a long substring of an input chunk would keep the whole chunk alive: store a flat copy
      const flat = name.length >= 13 ? (JSON.parse(JSON.stringify(name)) as string) : name;
      i = this.names.length;
      this.names.push(flat);
      this.index.set(flat, i);
    }
    return i;
  }
}

/**
 * The counted rows of one window in typed columns (about 40 bytes a row plus the visit id, instead
 * of an object of ~150): the measure keeps every counted row until the end, so this is what its memory grows with.
 * Visit ids are kept as UTF-16 code units in one arena and compared exactly.
 */
export class CountedStore {
  count = 0;
  private cap = 0;
  private client = new Int32Array(0);
  private staff = new Int32Array(0);
  private group = new Int32Array(0);
  private day = new Int32Array(0);
  private line = new Int32Array(0);
  private start = new Float64Array(0);
  private end = new Float64Array(0);
  private visitAt = new Int32Array(0);
  private visitLength = new Int32Array(0);
  private arena = new Uint16Array(0);
  private arenaUsed = 0;

  /** Adds one counted row. */
  add(client: number, staff: number, group: number, day: number, line: number, start: number, end: number, visitId: string): void {
    const n = visitId.length;
    const at = this.push(client, staff, group, day, line, start, end, n);
    for (let k = 0; k < n; k++) this.arena[at + k] = visitId.charCodeAt(k);
  }

  /** Adds one counted row whose visit id is the ASCII bytes [a, b) of `buf` (each byte one code unit). */
  addAscii(client: number, staff: number, group: number, day: number, line: number, start: number, end: number, buf: Uint8Array, a: number, b: number): void {
    const at = this.push(client, staff, group, day, line, start, end, b - a);
    for (let k = a; k < b; k++) this.arena[at + k - a] = buf[k]!;
  }

  /** Appends the columns of a row and room for a visit id of `n` code units; returns where the id goes in the arena. */
  private push(client: number, staff: number, group: number, day: number, line: number, start: number, end: number, n: number): number {
    if (this.count === this.cap) this.grow();
    const i = this.count++;
    this.client[i] = client;
    this.staff[i] = staff;
    this.group[i] = group;
    this.day[i] = day;
    this.line[i] = line;
    this.start[i] = start;
    this.end[i] = end;
    if (this.arenaUsed + n > this.arena.length) {
      const bigger = new Uint16Array(Math.max(1024, Math.ceil(1.5 * (this.arenaUsed + n))));
      bigger.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = bigger;
    }
    const at = this.arenaUsed;
    this.visitAt[i] = at;
    this.visitLength[i] = n;
    this.arenaUsed += n;
    return at;
  }

  /**
   * Calls `fn` for every client with rows, with the client's rows as objects (made for the call,
   * in arrival order). Rows are grouped by a counting sort over client numbers.
   */
  forEachClient(clients: number, staffNames: readonly string[], groupNames: readonly string[], fn: (client: number, rows: CountedRow[]) => void): void {
    const first = new Int32Array(clients + 1);
    for (let i = 0; i < this.count; i++) first[this.client[i]! + 1]!++;
    for (let c = 0; c < clients; c++) first[c + 1]! += first[c]!;
    const order = new Int32Array(this.count);
    const fill = first.slice(0, clients);
    for (let i = 0; i < this.count; i++) order[fill[this.client[i]!]!++] = i;
    for (let c = 0; c < clients; c++) {
      const a = first[c]!;
      const b = first[c + 1]!;
      if (a === b) continue;
      const rows: CountedRow[] = [];
      for (let k = a; k < b; k++) rows.push(this.row(order[k]!, staffNames, groupNames));
      fn(c, rows);
    }
  }

  private row(i: number, staffNames: readonly string[], groupNames: readonly string[]): CountedRow {
    const at = this.visitAt[i]!;
    const n = this.visitLength[i]!;
    let visitId = '';
    for (let k = 0; k < n; k += 4096) {
      visitId += String.fromCharCode.apply(null, this.arena.subarray(at + k, at + Math.min(n, k + 4096)) as unknown as number[]);
    }
    const staff = this.staff[i]!;
    return {
      line: this.line[i]!, start: this.start[i]!, end: this.end[i]!, staff, staffId: staffNames[staff]!,
      visitId, group: groupNames[this.group[i]!]!, day: this.day[i]!,
    };
  }

  private grow(): void {
    const cap = Math.max(256, Math.ceil(this.cap * 1.5));
    const grow32 = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    const grow64 = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    this.client = grow32(this.client);
    this.staff = grow32(this.staff);
    this.group = grow32(this.group);
    this.day = grow32(this.day);
    this.visitAt = grow32(this.visitAt);
    this.visitLength = grow32(this.visitLength);
    this.line = grow32(this.line);
    this.start = grow64(this.start);
    this.end = grow64(this.end);
    this.cap = cap;
  }
}
