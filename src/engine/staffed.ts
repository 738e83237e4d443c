import type { ClientWindowStaffing } from '../measures/staffing/client.js';
import type { WindowFigures } from './job.js';

/**
 * The clients the jobs staffed in one window ({@link WindowFigures.staffing}, entry k of client
 * `client[k]`), in the order of `order` (client numbers in id order: `clientOrder`).
 *
 * @example
 * staffedInOrder(Int32Array.of(1, 0), [{ ...figures, client: Int32Array.of(0, 1), staffing: [c0, c1] }]); // → [c1, c0]
 */
export function staffedInOrder(order: Int32Array, evaluated: readonly WindowFigures[]): ClientWindowStaffing[] {
  const byClient = new Array<ClientWindowStaffing | undefined>(order.length);
  for (const w of evaluated) {
    const staffing = w.staffing;
    if (staffing === undefined) continue;
    for (let k = 0; k < staffing.length; k++) byClient[w.client[k]!] = staffing[k]!;
  }
  const out: ClientWindowStaffing[] = [];
  for (let i = 0; i < order.length; i++) {
    const c = byClient[order[i]!];
    if (c !== undefined) out.push(c);
  }
  return out;
}
