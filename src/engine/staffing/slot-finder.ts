// The recurring slots of the engine's staffer: recurringSlots (slots.ts, the rule) over arrays
// kept from one client to the next. A property test (test/staffing/slot-finder.test.ts) holds the
// two equal.
import type { Slot, SlotOptions, SlotVisit } from '../../measures/staffing/slots.js';

/**
 * {@link recurringSlots} of one client after another: the same slots, found with the visits'
 * minutes, days and candidates in arrays the finder keeps (none made per seed). Takes what the
 * staffer gives: minutes of the day 0–1439 and days of the window 0, 1, … as whole numbers.
 *
 * @example
 * const finder = new SlotFinder();
 * finder.find(visits, 14, { toleranceMinutes: 30 }); // → recurringSlots(visits, 14, { toleranceMinutes: 30 })
 */
export class SlotFinder {
  /** The visits not yet in a slot, by minute (ties: by index), and their minutes. */
  private remaining = new Int32Array(64);
  private minutes = new Int32Array(64);
  /** The remaining visits near a time ({@link SlotFinder.near}). */
  private close = new Int32Array(64);
  private offsets = new Float64Array(64);
  /** Per minute of the day: the round it was tried as a slot time in. */
  private readonly tried = new Int32Array(1440);
  /** Per day: the round it was counted in. */
  private dayMarks = new Int32Array(32);
  private round = 0;

  /** The slots of one client's double-staffed visits in a window of `windowDays` days, as {@link recurringSlots} gives them. */
  find(visits: readonly SlotVisit[], windowDays: number, options: SlotOptions = {}): Slot[] {
    const tolerance = options.toleranceMinutes ?? 30;
    const minDays = Math.max(1, Math.ceil((options.minDayShare ?? 0.5) * windowDays - 1e-9));
    const n = visits.length;
    if (this.remaining.length < n) {
      this.remaining = new Int32Array(2 * n);
      this.minutes = new Int32Array(2 * n);
      this.close = new Int32Array(2 * n);
      this.offsets = new Float64Array(2 * n);
    }
    const { remaining, minutes } = this;
    for (let i = 0; i < n; i++) {
      // insertion by (minute, index): the visits come nearly in order of time
      const minute = visits[i]!.minute;
      let k = i;
      while (k > 0 && minutes[k - 1]! > minute) {
        remaining[k] = remaining[k - 1]!;
        minutes[k] = minutes[k - 1]!;
        k--;
      }
      remaining[k] = i;
      minutes[k] = minute;
    }
    let left = n;
    const slots: Slot[] = [];
    for (;;) {
      let bestMinute = -1;
      let bestDays = 0;
      const round = this.nextRound();
      let seedMinute = NaN;
      for (let s = 0; s < left; s++) {
        if (minutes[s] === seedMinute) continue;
        seedMinute = minutes[s]!;
        const minute = this.median(this.near(left, seedMinute, tolerance), seedMinute);
        if (this.tried[minute] === round) continue;
        this.tried[minute] = round;
        const covered = this.days(visits, this.near(left, minute, tolerance));
        if (bestMinute < 0 || covered > bestDays) {
          bestMinute = minute;
          bestDays = covered;
        }
      }
      if (bestMinute < 0 || bestDays < minDays) break;
      const k = this.near(left, bestMinute, tolerance);
      const members: SlotVisit[] = [];
      for (let j = 0; j < k; j++) members.push(visits[this.close[j]!]!);
      // the members out of the remaining visits, the order kept
      let kept = 0;
      for (let s = 0, j = 0; s < left; s++) {
        if (j < k && remaining[s] === this.close[j]) j++;
        else {
          remaining[kept] = remaining[s]!;
          minutes[kept++] = minutes[s]!;
        }
      }
      left = kept;
      slots.push(describe(members, bestMinute, bestDays));
    }
    return slots.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  }

  /** The remaining visits within ±tolerance of `minute` (clockwise or not), in their order, into `close` (their minutes into `offsets`); how many. */
  private near(left: number, minute: number, tolerance: number): number {
    const { remaining, minutes, close, offsets } = this;
    let k = 0;
    for (let s = 0; s < left; s++) {
      const d = Math.abs(minutes[s]! - minute) % 1440;
      if (Math.min(d, 1440 - d) <= tolerance) {
        offsets[k] = minutes[s]!;
        close[k++] = remaining[s]!;
      }
    }
    return k;
  }

  /** The median of the first `k` minutes of `offsets` ({@link SlotFinder.near}) taken around `centre` (medianMinute in slots.ts). */
  private median(k: number, centre: number): number {
    const offsets = this.offsets;
    for (let j = 0; j < k; j++) {
      const offset = ((((offsets[j]! - centre) % 1440) + 1440 + 720) % 1440) - 720;
      let at = j;
      while (at > 0 && offsets[at - 1]! > offset) {
        offsets[at] = offsets[at - 1]!;
        at--;
      }
      offsets[at] = offset;
    }
    const mid = k >> 1;
    const median = k % 2 === 1 ? offsets[mid]! : (offsets[mid - 1]! + offsets[mid]!) / 2;
    return ((Math.round(centre + median) % 1440) + 1440) % 1440;
  }

  /** Different days of the first `k` visits of `close`. */
  private days(visits: readonly SlotVisit[], k: number): number {
    const round = this.nextRound();
    let n = 0;
    for (let j = 0; j < k; j++) {
      const day = visits[this.close[j]!]!.day;
      if (day >= this.dayMarks.length) {
        const grown = new Int32Array(Math.max(day + 1, 2 * this.dayMarks.length));
        grown.set(this.dayMarks);
        this.dayMarks = grown;
      }
      if (this.dayMarks[day] !== round) {
        this.dayMarks[day] = round;
        n++;
      }
    }
    return n;
  }

  private nextRound(): number {
    if (this.round === 0x7fffffff) {
      this.tried.fill(0);
      this.dayMarks.fill(0);
      this.round = 0;
    }
    return ++this.round;
  }
}

/** A slot from its visits (describe in slots.ts): the pair of staff together at most of them, ties to the first key `a\0b` in text order. */
function describe(members: readonly SlotVisit[], minute: number, days: number): Slot {
  // the pairs met, in the order first met, with their counts
  const firsts: string[] = [];
  const seconds: string[] = [];
  const counts: number[] = [];
  const count = (a: string, b: string) => {
    for (let p = 0; p < counts.length; p++) {
      if (firsts[p] === a && seconds[p] === b) {
        counts[p]!++;
        return;
      }
    }
    firsts.push(a);
    seconds.push(b);
    counts.push(1);
  };
  for (const v of members) {
    const s = v.staff;
    if (s.length === 2) {
      if (s[0] !== s[1]) (s[0]! < s[1]! ? count(s[0]!, s[1]!) : count(s[1]!, s[0]!));
      continue;
    }
    const staff = [...new Set(s)].sort();
    for (let a = 0; a < staff.length; a++) for (let b = a + 1; b < staff.length; b++) count(staff[a]!, staff[b]!);
  }
  // the pairs as the rule keys them (two pairs of one key are one)
  const keys = new Map<string, number>();
  for (let p = 0; p < counts.length; p++) {
    const key = `${firsts[p]}\u0000${seconds[p]}`;
    keys.set(key, (keys.get(key) ?? 0) + counts[p]!);
  }
  let best = '';
  let pairVisits = 0;
  for (const [key, n] of keys) if (n > pairVisits || (n === pairVisits && key < best)) [best, pairVisits] = [key, n];
  const usualPair = best === '' ? [] : best.split('\u0000');
  return { time: `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`, days, visits: members.length, usualPair, pairVisits };
}
