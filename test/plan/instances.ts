// Small random instances for the planner's tests: rows as a planning system holds them in memory.
export interface TinyOptions {
  seed: number;
  clients: number;
  days: number;
  visitsPerDay: number;
  staff: number;
  doubles?: number;
  shifts?: boolean;
  nurse?: boolean;
}

/** A tiny seeded generator (LCG), apart from the library's. */
function lcg(seed: number) {
  let s = (seed * 2654435761 + 12345) >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const at = (day: number, minute: number) => `2024-10-${pad(1 + day)} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

/** Rows: every client has `visitsPerDay` care visits each day (so all are counted with rules { days }), random staff and times. */
export function tinyInstance(o: TinyOptions): Record<string, string>[] {
  const rnd = lcg(o.seed);
  const rows: Record<string, string>[] = [];
  const places = Array.from({ length: o.clients }, () => [62.4 + rnd(100) / 1000, 15.6 + rnd(100) / 1000]);
  let id = 0;
  let doubles = o.doubles ?? 0;
  for (let d = 0; d < o.days; d++) {
    for (let c = 0; c < o.clients; c++) {
      for (let k = 0; k < o.visitsPerDay; k++) {
        const start = 7 * 60 + rnd(52) * 15;
        const end = start + 15 + rnd(4) * 15;
        const vid = `V${++id}`;
        const staffs = [rnd(o.staff)];
        if (doubles > 0 && rnd(3) === 0) { doubles--; staffs.push((staffs[0]! + 1 + rnd(o.staff - 1)) % o.staff); }
        for (const s of staffs) {
          rows.push({
            visit_id: vid, client_id: `C${c + 1}`, staff_id: `S${s + 1}`, start: at(d, start), end: at(d, end), kind: 'omvårdnad',
            staff_role: 'undersköterska', lat: places[c]![0]!.toFixed(5), lon: places[c]![1]!.toFixed(5),
            ...(o.shifts ? { shift_start: at(d, 7 * 60), shift_end: at(d, 22 * 60) } : {}),
          });
        }
      }
    }
  }
  if (o.nurse) {
    rows.push({ visit_id: `V${++id}`, client_id: 'C1', staff_id: 'N1', start: at(0, 9 * 60), end: at(0, 9 * 60 + 30), kind: 'omvårdnad', staff_role: 'hsl', lat: places[0]![0]!.toFixed(5), lon: places[0]![1]!.toFixed(5), ...(o.shifts ? { shift_start: at(0, 7 * 60), shift_end: at(0, 22 * 60) } : {}) });
  }
  return rows;
}
