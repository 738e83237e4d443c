/**
 * A double-staffed visit as the slot finder sees it.
 *
 * @example
 * { day: 3, minute: 485, staff: ['S0012', 'S0031'] } // the 4th day of the window, 08:05
 */
export interface SlotVisit {
  /** Day of the window (0-based). */
  day: number;
  /** Local minute of the day the visit starts (0–1439). */
  minute: number;
  /** Staff ids at the visit. */
  staff: readonly string[];
}

/**
 * A recurring double-staffed slot of one client: double-staffed visits starting at about the
 * same time of day on many days of a window — what a planner would plan as a fixed pair.
 *
 * @example
 * { time: '08:05', days: 12, visits: 12, usualPair: ['S0012', 'S0031'], pairVisits: 9 }
 */
export interface Slot {
  /** Local time of day of the slot, `HH:MM`: the median start of the visits around it (taken across midnight: 23:50 and 00:10 give 00:00). Every visit of the slot starts within ±tolerance of it. */
  time: string;
  /** Days of the window with a visit in the slot. */
  days: number;
  /** Visits in the slot (more than `days` when a day has two). */
  visits: number;
  /** The two staff together at most of the slot's visits (ties: the pair first in id order), ids in sort order. */
  usualPair: string[];
  /** Slot visits at which both of `usualPair` were present. */
  pairVisits: number;
}

/**
 * How recurring slots are found.
 *
 * @example
 * const options: SlotOptions = { toleranceMinutes: 45, minDayShare: 0.75 };
 */
export interface SlotOptions {
  /** A visit belongs to a slot when it starts within this many minutes of the slot's time. Default 30. */
  toleranceMinutes?: number;
  /** A slot needs visits on at least this share of the window's days. Default 0.5. */
  minDayShare?: number;
}

/**
 * Finds the recurring slots among one client's double-staffed visits in a window of `windowDays`
 * days. Greedy: for each remaining visit as a seed, the slot time is the median start of the
 * remaining visits within ±tolerance of the seed (time of day, across midnight), and the slot's
 * visits are the remaining visits within ±tolerance of that time. The candidate covering the most
 * days (ties: the earlier seed time) becomes a slot when it covers at least
 * `minDayShare × windowDays` days; its visits are taken out and the search repeats. Slots come
 * ordered by time.
 *
 * @example
 * const v = (day: number, minute: number) => ({ day, minute, staff: ['S1', 'S2'] });
 * recurringSlots([v(0, 480), v(1, 490), v(2, 470), v(3, 1200)], 4);
 * // → [{ time: '08:00', days: 3, visits: 3, usualPair: ['S1', 'S2'], pairVisits: 3 }]
 */
export function recurringSlots(visits: readonly SlotVisit[], windowDays: number, options: SlotOptions = {}): Slot[] {
  const tolerance = options.toleranceMinutes ?? 30;
  const minDays = Math.max(1, Math.ceil((options.minDayShare ?? 0.5) * windowDays - 1e-9));
  let remaining = visits.map((_, i) => i).sort((a, b) => visits[a]!.minute - visits[b]!.minute || a - b);
  const near = (minute: number) => remaining.filter((i) => clockDistance(visits[i]!.minute, minute) <= tolerance);
  const days = new DayCounter();
  const slots: Slot[] = [];
  for (;;) {
    let best: { minute: number; days: number } | null = null;
    // a seed at the time of the seed before it, or a slot time tried already, gives the same candidate (and a tie keeps the first)
    const tried = new Set<number>();
    let seedMinute = NaN;
    for (const seed of remaining) {
      if (visits[seed]!.minute === seedMinute) continue;
      seedMinute = visits[seed]!.minute;
      const minute = medianMinute(near(seedMinute).map((i) => visits[i]!.minute), seedMinute);
      if (tried.has(minute)) continue;
      tried.add(minute);
      const covered = days.count(visits, near(minute));
      if (best === null || covered > best.days) best = { minute, days: covered };
    }
    if (best === null || best.days < minDays) break;
    const members = near(best.minute);
    const taken = new Set(members);
    remaining = remaining.filter((i) => !taken.has(i));
    slots.push(describe(members.map((i) => visits[i]!), best.minute, best.days));
  }
  return slots.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

/** Counts the different days of visits with one array of marks for every count (no set made each time). */
class DayCounter {
  private marks = new Float64Array(16);
  private round = 0;

  count(visits: readonly SlotVisit[], members: readonly number[]): number {
    const round = ++this.round;
    let n = 0;
    for (const i of members) {
      const day = visits[i]!.day;
      // a day that is no small whole number: counted as a set counts it
      if (!(Number.isInteger(day) && day >= 0 && day < 1 << 20)) return new Set(members.map((m) => visits[m]!.day)).size;
      if (day >= this.marks.length) {
        const grown = new Float64Array(Math.max(day + 1, 2 * this.marks.length));
        grown.set(this.marks);
        this.marks = grown;
      }
      if (this.marks[day] !== round) {
        this.marks[day] = round;
        n++;
      }
    }
    return n;
  }
}

/** Median of times of day taken around `centre` (offsets in [−720, 720)), rounded to a minute, 0–1439. */
function medianMinute(minutes: readonly number[], centre: number): number {
  // a typed array sorts its numbers in order without a comparator
  const offsets = new Float64Array(minutes.length);
  for (let k = 0; k < minutes.length; k++) offsets[k] = ((((minutes[k]! - centre) % 1440) + 1440 + 720) % 1440) - 720;
  offsets.sort();
  const mid = offsets.length >> 1;
  const median = offsets.length % 2 === 1 ? offsets[mid]! : (offsets[mid - 1]! + offsets[mid]!) / 2;
  return ((Math.round(centre + median) % 1440) + 1440) % 1440;
}

/** Minutes between two times of day, the short way round the clock. */
function clockDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 1440;
  return Math.min(d, 1440 - d);
}

function describe(members: readonly SlotVisit[], minute: number, days: number): Slot {
  const pairs = new Map<string, number>();
  for (const v of members) {
    const staff = [...new Set(v.staff)].sort();
    for (let a = 0; a < staff.length; a++) for (let b = a + 1; b < staff.length; b++) {
      const key = `${staff[a]}\u0000${staff[b]}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
  let best = '';
  let pairVisits = 0;
  for (const [key, n] of pairs) if (n > pairVisits || (n === pairVisits && key < best)) [best, pairVisits] = [key, n];
  const usualPair = best === '' ? [] : best.split('\u0000');
  return { time: `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`, days, visits: members.length, usualPair, pairVisits };
}
