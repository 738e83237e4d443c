/** Readers for the benchmark fixtures in test/fixtures/tsp (data only; see its README). */
import { readFileSync } from 'node:fs';

const dir = new URL('../fixtures/tsp/', import.meta.url);

/**
 * TSPLIB EUC_2D instance as a full distance matrix: d(i, j) = nint(√(Δx² + Δy²)), with
 * nint(x) = ⌊x + 0.5⌋ as TSPLIB specifies.
 */
export function readTsplib(name: string): { name: string; dimension: number; cost: number[][] } {
  const text = readFileSync(new URL(`${name}.tsp`, dir), 'utf8');
  const lines = text.split(/\r?\n/);
  let dimension = 0;
  let type = '';
  const xs: number[] = [];
  const ys: number[] = [];
  let inCoords = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line === 'EOF') continue;
    if (line === 'NODE_COORD_SECTION') {
      inCoords = true;
      continue;
    }
    if (!inCoords) {
      const m = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
      if (m?.[1] === 'DIMENSION') dimension = Number(m[2]);
      if (m?.[1] === 'EDGE_WEIGHT_TYPE') type = (m[2] ?? '').trim();
      continue;
    }
    const parts = line.split(/\s+/).map(Number);
    xs.push(parts[1]!);
    ys.push(parts[2]!);
  }
  if (type !== 'EUC_2D') throw new Error(`${name}: unsupported EDGE_WEIGHT_TYPE ${type}`);
  if (xs.length !== dimension) throw new Error(`${name}: ${xs.length} coordinates, DIMENSION ${dimension}`);
  const cost = xs.map((xi, i) => xs.map((xj, j) => Math.floor(Math.sqrt((xi - xj) ** 2 + (ys[i]! - ys[j]!) ** 2) + 0.5)));
  return { name, dimension, cost };
}

/**
 * TSPTW instance in the López-Ibáñez–Blum text format: n, then the n × n travel-time matrix
 * (service times already included), then n lines "lo hi". Node 0 is the depot.
 */
export function readTsptw(name: string): { name: string; cost: number[][]; timeWindows: [number, number][] } {
  const nums = readFileSync(new URL(`${name}.txt`, dir), 'utf8').trim().split(/\s+/).map(Number);
  const n = nums[0]!;
  if (nums.length !== 1 + n * n + 2 * n) throw new Error(`${name}: expected ${1 + n * n + 2 * n} numbers, got ${nums.length}`);
  const cost: number[][] = [];
  for (let i = 0; i < n; i++) cost.push(nums.slice(1 + i * n, 1 + (i + 1) * n));
  const timeWindows: [number, number][] = [];
  for (let i = 0; i < n; i++) timeWindows.push([nums[1 + n * n + 2 * i]!, nums[2 + n * n + 2 * i]!]);
  return { name, cost, timeWindows };
}
