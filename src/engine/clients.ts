import type { CodedColumn, CodedSink } from './fast.js';
import type { PackedNames } from './intern.js';
import type { ClientFacts } from './job.js';
import { gaveUp } from './garbage.js';
import { partitionOf } from './partitions.js';
import { Interner, rankNames, type NumberMaps, type RankedNames } from './store.js';

/**
 * The names a reader has seen (clients, staff, groups, kinds, roles: each numbered in order of
 * first sight) and what is known of each client apart from its rows, in typed arrays by client
 * number: the partition of its rows, its birth day (the latest given) and age (the lowest given),
 * the line of its first row, and with indices how often each contact person is listed on its rows
 * (carried in its {@link RegisterPart} and added up by {@link LogRegister.merge}).
 *
 * @example
 * const register = new LogRegister(false);
 * const c = register.code('client', 'C1');
 * register.note(c, -11000, null, -1, 2); // → the partition of C1's rows
 * register.facts().birthDay[c]; // → -11000
 * register.firstLines()[c]; // → 2
 */
export class LogRegister {
  readonly clientIds = new Interner();
  readonly staffIds = new Interner();
  readonly groupNames = new Interner();
  readonly kinds = new Interner();
  readonly roles = new Interner();
  seenBirthDate = false;
  seenAge = false;
  private partitions = new Uint8Array(1024);
  private births = new Float64Array(1024).fill(NaN);
  private ages = new Float64Array(1024).fill(NaN);
  private lines = new Float64Array(1024).fill(NaN);
  /** Clients whose partition is known (client numbers below this one). */
  private noted = 0;
  /** Per client: contact person (staff number) → how often listed (only with indices). */
  private readonly contacts: Map<number, number>[] | null;
  private ranking: RankedNames | null = null;

  constructor(withContacts: boolean) {
    this.contacts = withContacts ? [] : null;
  }

  /** The number of a text value of a column, given on first sight (`fresh`: {@link CodedSink.code}). */
  code(column: CodedColumn, text: string, fresh = false): number {
    const names = this.interner(column);
    return fresh ? names.fresh(text) : names.id(text);
  }

  /** {@link LogRegister.code} for a fresh value given as its ASCII bytes [a, b) of `buf` ({@link CodedSink.codeAscii}). */
  codeAscii(column: CodedColumn, buf: Uint8Array, a: number, b: number): number {
    return this.interner(column).freshAscii(buf, a, b);
  }

  private interner(column: CodedColumn): Interner {
    switch (column) {
      case 'client': return this.clientIds;
      case 'staff': return this.staffIds;
      case 'group': return this.groupNames;
      case 'kind': return this.kinds;
      case 'role': return this.roles;
    }
  }

  /**
   * Notes what a row says of its client: a birth day (the latest given is kept), an age (the
   * lowest), a contact person (a staff number, -1 for none), its line (the lowest is kept; NaN:
   * not known). Returns the partition of the client's rows.
   */
  note(client: number, birthDay: number | null, age: number | null, contact: number, line: number): number {
    while (client >= this.noted) this.noteNext();
    const first = this.lines[client]!;
    if (line < first || Number.isNaN(first)) this.lines[client] = line;
    if (birthDay !== null) {
      this.seenBirthDate = true;
      const b = this.births[client]!;
      if (Number.isNaN(b) || birthDay > b) this.births[client] = birthDay;
    }
    if (age !== null) {
      this.seenAge = true;
      const a = this.ages[client]!;
      if (Number.isNaN(a) || age < a) this.ages[client] = age;
    }
    if (this.contacts !== null && contact >= 0) {
      const listed = (this.contacts[client] ??= new Map());
      listed.set(contact, (listed.get(contact) ?? 0) + 1);
    }
    return this.partitions[client]!;
  }

  /**
   * Birth days, ages and (with indices) contact persons of every client of the log: the birth
   * days and ages are views of the register's arrays, valid while no client is added.
   */
  facts(): ClientFacts {
    const n = this.clientIds.size;
    while (this.noted < n) this.noteNext();
    const contacts = this.contacts;
    const staff = contacts === null ? [] : this.staffIds.texts();
    return {
      birthDay: this.births.subarray(0, n),
      age: this.ages.subarray(0, n),
      contact: contacts === null ? null : Array.from({ length: n }, (_, c) => mostListed(contacts[c], staff)),
    };
  }

  /**
   * The line of each client's first row noted (NaN: none), by client number: a view of the
   * register's array, valid while no client is added.
   */
  firstLines(): Float64Array {
    const n = this.clientIds.size;
    while (this.noted < n) this.noteNext();
    return this.lines.subarray(0, n);
  }

  /** Staff and group numbers → the rank of their text, and the groups in that order (kept while no name is added). */
  ranked(): RankedNames {
    const r = this.ranking;
    if (r !== null && r.ranks.staff.length === this.staffIds.size && r.ranks.group.length === this.groupNames.size) return r;
    return (this.ranking = rankNames(this.staffIds.texts(), this.groupNames.texts()));
  }

  /**
   * The names and client facts, for another thread to merge ({@link LogRegister.merge}): views of
   * this register's own arrays, not copies (a reader's register is done with once it gives its
   * part, whose arrays may then be moved to the other thread).
   */
  part(): RegisterPart {
    const { birthDay, age } = this.facts();
    return {
      clients: this.clientIds.packed(), birthDay, age, firstLine: this.firstLines(), staff: this.staffIds.packed(), groups: this.groupNames.texts(),
      seenBirthDate: this.seenBirthDate, seenAge: this.seenAge, contacts: this.contactCounts(),
    };
  }

  /** With indices: every (client, contact person, times listed) this register counted, as triples of numbers in one array; else null. */
  private contactCounts(): Int32Array | null {
    const contacts = this.contacts;
    if (contacts === null) return null;
    let n = 0;
    for (const listed of contacts) if (listed !== undefined) n += listed.size;
    const triples = new Int32Array(3 * n);
    let k = 0;
    contacts.forEach((listed, client) => {
      for (const [staff, count] of listed) {
        triples[k++] = client;
        triples[k++] = staff;
        triples[k++] = count;
      }
    });
    return triples;
  }

  /**
   * Merges another register's names and client facts, its lines shifted by `lineOffset`; returns
   * how its numbers map to this one's.
   */
  merge(part: RegisterPart, lineOffset: number): NumberMaps {
    const orNull = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : x);
    const client = this.clientIds.idsOf(part.clients);
    client.forEach((c, i) => this.note(c, orNull(part.birthDay[i]), orNull(part.age[i]), -1, part.firstLine[i]! + lineOffset));
    this.seenBirthDate ||= part.seenBirthDate;
    this.seenAge ||= part.seenAge;
    const staff = this.staffIds.idsOf(part.staff);
    const contacts = this.contacts;
    const triples = part.contacts;
    if (contacts !== null && triples !== null) {
      // the times each contact person was listed add up over the parts, in this register's numbers
      for (let k = 0; k < triples.length; k += 3) {
        const listed = (contacts[client[triples[k]!]!] ??= new Map());
        const s = staff[triples[k + 1]!]!;
        listed.set(s, (listed.get(s) ?? 0) + triples[k + 2]!);
      }
    } else if (contacts !== null || triples !== null) throw new Error('a part with contact persons merges only into a register that counts them, and back');
    return { client, staff, group: Int32Array.from(part.groups, (name) => this.groupNames.id(name)) };
  }

  /** Drops the byte indexes of client and staff ids that merging builds (a few MB per 100,000 ids). */
  forgetMergeIndexes(): void {
    this.clientIds.forgetBytes();
    this.staffIds.forgetBytes();
  }

  /** Gives the next client number its partition (from its id), growing the arrays. */
  private noteNext(): void {
    const c = this.noted++;
    if (c === this.partitions.length) {
      const size = 2 * c;
      const partitions = new Uint8Array(size);
      partitions.set(this.partitions);
      const births = new Float64Array(size).fill(NaN);
      births.set(this.births);
      const ages = new Float64Array(size).fill(NaN);
      ages.set(this.ages);
      const lines = new Float64Array(size).fill(NaN);
      lines.set(this.lines);
      gaveUp(this.partitions.byteLength + this.births.byteLength + this.ages.byteLength + this.lines.byteLength);
      [this.partitions, this.births, this.ages, this.lines] = [partitions, births, ages, lines];
    }
    const ascii = this.clientIds.ascii(c);
    this.partitions[c] = ascii !== null ? partitionOf(ascii) : partitionOf(this.clientIds.text(c));
  }
}

/**
 * What a {@link LogRegister} holds, in a form that can go to another thread: names in number
 * order (client and staff ids packed as UTF-8) and client facts (NaN: not given), with the line
 * of each client's first row (numbered as its reader numbered them).
 *
 * @example
 * const maps = register.merge(other.part());
 */
export interface RegisterPart {
  clients: PackedNames;
  birthDay: Float64Array;
  age: Float64Array;
  firstLine: Float64Array;
  staff: PackedNames;
  groups: string[];
  seenBirthDate: boolean;
  seenAge: boolean;
  /**
   * With indices: the contact persons listed on each client's rows, as (client, staff, times
   * listed) triples of the part's numbers, one after another; null without indices.
   */
  contacts: Int32Array | null;
}

/** The contact person listed most often (ties: the first in sort order), or null. */
function mostListed(counts: ReadonlyMap<number, number> | undefined, staffNames: readonly string[]): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [staff, n] of counts ?? []) {
    const id = staffNames[staff]!;
    if (n > bestCount || (n === bestCount && best !== null && id < best)) [best, bestCount] = [id, n];
  }
  return best;
}
