/**
 * Client pools from a plan, and the pools in the input formats of open routing solvers. A
 * client's pool is the at most K staff who take most of the client's counted rows in the plan,
 * ranked by those rows (more first; ties by staff id). Solvers cannot say "at most K staff per
 * client"; given the pools they can say "only these staff at this client's visits":
 *
 * - Timefold field service routing: each visit `requiredVehicles` (the pool: a hard rule) and
 *   `preferredVehicles` (the pool's first: the client's main staff member, a soft one);
 * - VROOM: one skill per client (its 1-based place in the plan's `clients`); each job carries its
 *   client's skill, each vehicle (staff member) the skills of the clients whose pool holds them;
 * - OR-Tools: per visit the allowed vehicle indices, for `RoutingModel.SetAllowedVehiclesForIndex`,
 *   with the table of vehicle indices.
 *
 * Vehicles are staff members (their ids): a solver's shifts, time windows and travel matrix come
 * from the user's own model; these files carry the pools. docs/plan.md shows an example of each.
 *
 * @module
 */
import type { Visit } from '../read/types.js';

/**
 * The part of a plan the pools need: the planned visits, the counted clients (in order) and which
 * rows are the counted rows of each (indices into `visits`).
 *
 * @example
 * const p: PoolSource = { visits: plan.visits, clients: plan.clients, countedRows: plan.countedRows };
 */
export interface PoolSource {
  visits: readonly Visit[];
  clients: readonly { client: string; pool?: readonly string[] }[];
  /** Per counted client (same order as `clients`), its counted rows: indices into `visits`. */
  countedRows: readonly (readonly number[])[];
}

/**
 * Each counted client's pool: the at most `k` staff with most of its counted rows in the plan
 * (ranked: more rows first, ties by staff id).
 *
 * @example
 * // C1's counted rows by S2, S1, S2, S3: S2 has 2, S1 and S3 1 each (S1 < S3)
 * clientPools(plan, 2); // → [['S2', 'S1']]
 */
export function clientPools(plan: PoolSource, k: number): string[][] {
  return plan.countedRows.map((rows) => {
    const count = new Map<string, number>();
    for (const i of rows) count.set(plan.visits[i]!.staff, (count.get(plan.visits[i]!.staff) ?? 0) + 1);
    return [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, k).map(([s]) => s);
  });
}

/**
 * The share of counted rows whose staff member in the plan is in their client's pool (1 when
 * every client meets at most K staff), or null without counted rows.
 *
 * @example
 * poolCoverage(plan, clientPools(plan, 3)); // → e.g. 0.97
 */
export function poolCoverage(plan: PoolSource, pools: readonly (readonly string[])[]): number | null {
  let inside = 0, all = 0;
  plan.countedRows.forEach((rows, c) => {
    for (const i of rows) {
      all++;
      if (pools[c]!.includes(plan.visits[i]!.staff)) inside++;
    }
  });
  return all === 0 ? null : inside / all;
}

/**
 * A visit of the Timefold field service routing model input carrying its client's pool.
 *
 * @example
 * const v: TimefoldVisit = { id: 'V12', location: [62.39, 17.3], serviceDuration: 'PT30M', requiredVehicles: ['S1', 'S4'], preferredVehicles: ['S1'] };
 */
export interface TimefoldVisit {
  id: string;
  /** [latitude, longitude], when the row has coordinates. */
  location?: [number, number];
  /** ISO 8601 duration of the row. */
  serviceDuration: string;
  requiredVehicles: string[];
  preferredVehicles: string[];
}

/**
 * The pools in three solvers' terms (see the module's text).
 *
 * @example
 * const f = solverPoolFiles(plan, pools);
 * f.vroom.jobs[0].skills; // → [1] (the first counted client)
 */
export interface SolverPoolFiles {
  timefold: { modelInput: { visits: TimefoldVisit[] } };
  vroom: {
    vehicles: { id: number; description: string; skills: number[] }[];
    jobs: { id: number; description: string; skills: number[]; service: number; location?: [number, number] }[];
  };
  ortools: { vehicles: string[]; visits: { id: string; line: number; client: number; allowedVehicles: number[] }[] };
}

/**
 * Writes the pools as solver inputs: one entry per counted row (one staff member at one visit; a
 * double-staffed visit gives two, ids `V7#1`, `V7#2`), id the row's visit id (or `line N`).
 * VROOM job ids are the rows' lines; VROOM vehicle ids are 1-based places in the sorted staff
 * ids of all pools, OR-Tools vehicle indices 0-based places in the same list.
 *
 * `pools` defaults to the plan's own (`clients[i].pool`, from `planContinuity` with `pools: K`).
 *
 * @example
 * const plan = await planContinuity('visits.csv', { from: '2024-10-01', pools: 3 });
 * const files = solverPoolFiles(plan);
 * files.ortools.visits[0].allowedVehicles.map((v) => files.ortools.vehicles[v]); // → the first row's client's pool
 */
export function solverPoolFiles(plan: PoolSource, pools: readonly (readonly string[])[] = plan.clients.map((c) => c.pool ?? [])): SolverPoolFiles {
  const vehicles = [...new Set(pools.flat())].sort();
  const vehicleIndex = new Map(vehicles.map((s, k) => [s, k]));
  const skillsOf = vehicles.map(() => [] as number[]);
  pools.forEach((pool, c) => { for (const s of pool) skillsOf[vehicleIndex.get(s)!]!.push(c + 1); });
  const ids = entryIds(plan);
  const timefold: TimefoldVisit[] = [];
  const jobs: SolverPoolFiles['vroom']['jobs'] = [];
  const allowed: SolverPoolFiles['ortools']['visits'] = [];
  plan.countedRows.forEach((rows, c) => {
    const pool = [...pools[c]!];
    for (const i of rows) {
      const v = plan.visits[i]!;
      const id = ids.get(i)!;
      const minutes = Math.round((v.end - v.start) / 60_000);
      const here = v.lat !== null && v.lon !== null;
      timefold.push({ id, ...(here ? { location: [v.lat!, v.lon!] as [number, number] } : {}), serviceDuration: `PT${minutes}M`, requiredVehicles: pool, preferredVehicles: pool.slice(0, 1) });
      jobs.push({ id: v.line, description: id, skills: [c + 1], service: minutes * 60, ...(here ? { location: [v.lon!, v.lat!] as [number, number] } : {}) });
      allowed.push({ id, line: v.line, client: c, allowedVehicles: pool.map((s) => vehicleIndex.get(s)!) });
    }
  });
  return {
    timefold: { modelInput: { visits: timefold } },
    vroom: { vehicles: vehicles.map((s, k) => ({ id: k + 1, description: s, skills: skillsOf[k]! })), jobs },
    ortools: { vehicles, visits: allowed },
  };
}

/** Each counted row's id: its visit id, `visit#k` when rows share one, `line N` without one. */
function entryIds(plan: PoolSource): Map<number, string> {
  const rows = plan.countedRows.flat().sort((a, b) => a - b);
  const shared = new Map<string, number>();
  for (const i of rows) shared.set(plan.visits[i]!.visitId, (shared.get(plan.visits[i]!.visitId) ?? 0) + 1);
  const seen = new Map<string, number>();
  const ids = new Map<number, string>();
  for (const i of rows) {
    const v = plan.visits[i]!;
    if (v.visitId === '') ids.set(i, `line ${v.line}`);
    else if (shared.get(v.visitId)! === 1) ids.set(i, v.visitId);
    else {
      const k = (seen.get(v.visitId) ?? 0) + 1;
      seen.set(v.visitId, k);
      ids.set(i, `${v.visitId}#${k}`);
    }
  }
  return ids;
}
