/**
 * Independent reference for the bestOrder tests: enumerates every permutation and evaluates it
 * straight from the definitions (no shared code with the solver).
 */

export interface RefOptions {
  start?: number;
  end?: number;
  closed?: boolean;
  timeWindows?: [number, number][];
  service?: number[];
  startTime?: number;
}

export interface RefEval {
  travel: number;
  late: number;
}

/** Travel and total lateness of a full order (the start first; a closed tour adds the return leg). */
export function evaluateOrder(cost: number[][], order: number[], o: RefOptions): RefEval {
  const n = cost.length;
  const closed = o.closed === true || (o.end !== undefined && o.end === (o.start ?? 0) && n > 0);
  const legs: [number, number][] = [];
  for (let i = 0; i + 1 < order.length; i++) legs.push([order[i]!, order[i + 1]!]);
  if (closed) legs.push([order[order.length - 1]!, order[0]!]);
  let travel = 0;
  for (const [a, b] of legs) travel += cost[a]![b]!;
  if (o.timeWindows === undefined) return { travel, late: 0 };
  const tw = o.timeWindows;
  const svc = o.service ?? new Array<number>(n).fill(0);
  const s = order[0]!;
  const lo0 = tw[s]![0];
  const t0 = o.startTime ?? (Number.isFinite(lo0) ? lo0 : 0);
  let late = Math.max(0, t0 - tw[s]![1]);
  let time = Math.max(t0, lo0);
  for (const [a, b] of legs) {
    const arrival = time + svc[a]! + cost[a]![b]!;
    const [lo, hi] = tw[b]!;
    if (arrival > hi) {
      late += arrival - hi;
      time = arrival;
    } else {
      time = Math.max(arrival, lo);
    }
    // For the return leg of a closed tour only the upper bound matters; `time` is not used after.
  }
  return { travel, late };
}

function* permutations(items: number[]): Generator<number[]> {
  if (items.length <= 1) {
    yield items.slice();
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = items.slice(0, i).concat(items.slice(i + 1));
    for (const p of permutations(rest)) yield [items[i]!, ...p];
  }
}

/** Best (least lateness, then least travel) over all valid orders, by enumeration. */
export function bruteForce(cost: number[][], o: RefOptions): RefEval & { order: number[] } {
  const n = cost.length;
  const start = o.start ?? 0;
  const closed = o.closed === true || (o.end !== undefined && o.end === start);
  const end = closed ? undefined : o.end;
  const middle: number[] = [];
  for (let i = 0; i < n; i++) if (i !== start && i !== end) middle.push(i);
  let best: (RefEval & { order: number[] }) | null = null;
  for (const p of permutations(middle)) {
    const order = [start, ...p, ...(end !== undefined ? [end] : [])];
    const e = evaluateOrder(cost, order, o);
    if (best === null || e.late < best.late || (e.late === best.late && e.travel < best.travel)) {
      best = { ...e, order };
    }
  }
  return best!;
}
