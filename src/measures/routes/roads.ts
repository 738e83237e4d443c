/**
 * Road networks: a CSV of road segments loaded into a graphology graph, points snapped to the
 * nearest node, and shortest travel times by Dijkstra, cached per source node.
 *
 * @module
 */

import { readFile } from 'node:fs/promises';
import { MultiUndirectedGraph } from 'graphology';
import { KontinuitetError } from '../../errors.js';
import { numberCell } from '../../read/cells.js';
import { haversineKm, haversineModel, type DistanceModel, type HaversineOptions, type LatLon, type Leg } from './distance.js';

/**
 * A road network: an undirected graphology multigraph whose nodes are the distinct segment
 * end points (key `"lat,lon"`, attributes `lat`, `lon`) and whose edges carry `minutes` and `km`.
 *
 * @example
 * const net = parseRoadNetwork('from_lat,from_lon,to_lat,to_lon,minutes\n0,0,0,0.01,2\n');
 * net.graph.order; // → 2
 */
export interface RoadNetwork {
  readonly graph: MultiUndirectedGraph;
  /** Segments read (data lines). */
  readonly segments: number;
}

const HEADER = ['from_lat', 'from_lon', 'to_lat', 'to_lon', 'minutes'];

/**
 * Parses a road network CSV: header `from_lat,from_lon,to_lat,to_lon,minutes[,km]` (comma or
 * semicolon separated), one road segment per line, usable both ways. Without `km` (no column,
 * or an empty cell), a segment's length is the straight line between its end points; an empty
 * coordinate or minutes cell is a bad line, never 0. Bad lines throw `BAD_OPTION` naming the
 * line.
 *
 * @example
 * parseRoadNetwork('from_lat,from_lon,to_lat,to_lon,minutes,km\n0,0,0,0.01,2,1.2\n').graph.size; // → 1
 */
export function parseRoadNetwork(text: string): RoadNetwork {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const delimiter = (lines[0] ?? '').includes(';') ? ';' : ',';
  const head = (lines[0] ?? '').split(delimiter).map((h) => h.trim().toLowerCase());
  for (let k = 0; k < HEADER.length; k++) {
    if (head[k] !== HEADER[k]) throw new KontinuitetError('BAD_OPTION', `roads: the header must be ${HEADER.join(',')}[,km]`);
  }
  const withKm = head[5] === 'km';
  const graph = new MultiUndirectedGraph({ allowSelfLoops: true });
  let segments = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    // an empty cell is absent, never 0: a required one makes the line bad, an empty km the straight line
    const f = line.split(delimiter).map(numberCell);
    const [aLat, aLon, bLat, bLon, minutes] = f as [number, number, number, number, number];
    const given = withKm ? f[5] ?? null : null;
    if (f.length < 5 || f.slice(0, 5).some((x) => x === null || !Number.isFinite(x)) || minutes < 0 || (given !== null && !(Number.isFinite(given) && given >= 0))
      || Math.abs(aLat) > 90 || Math.abs(bLat) > 90 || Math.abs(aLon) > 180 || Math.abs(bLon) > 180) {
      throw new KontinuitetError('BAD_OPTION', `roads: line ${i + 1}: needs four coordinates and non-negative minutes${withKm ? ' (and km, when given, non-negative)' : ''}`);
    }
    const a = nodeKey(graph, aLat, aLon);
    const b = nodeKey(graph, bLat, bLon);
    const km = given ?? haversineKm({ lat: aLat, lon: aLon }, { lat: bLat, lon: bLon });
    graph.addEdge(a, b, { minutes, km });
    segments++;
  }
  if (segments === 0) throw new KontinuitetError('BAD_OPTION', 'roads: the network has no segments');
  return { graph, segments };
}

function nodeKey(graph: MultiUndirectedGraph, lat: number, lon: number): string {
  const key = `${lat},${lon}`;
  graph.mergeNode(key, { lat, lon });
  return key;
}

/**
 * Reads a road network CSV file (see {@link parseRoadNetwork}).
 *
 * @example
 * const net = await readRoadNetwork('roads.csv');
 */
export async function readRoadNetwork(path: string): Promise<RoadNetwork> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new KontinuitetError('UNREADABLE_INPUT', `roads: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseRoadNetwork(text);
}

/** Compressed adjacency of the graph for Dijkstra. */
interface Csr {
  lat: Float64Array;
  lon: Float64Array;
  offsets: Int32Array;
  targets: Int32Array;
  minutes: Float64Array;
  km: Float64Array;
}

function compress(graph: MultiUndirectedGraph): Csr {
  const keys = graph.nodes();
  const index = new Map(keys.map((k, i) => [k, i]));
  const n = keys.length;
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const degree = new Int32Array(n + 1);
  keys.forEach((k, i) => {
    lat[i] = graph.getNodeAttribute(k, 'lat') as number;
    lon[i] = graph.getNodeAttribute(k, 'lon') as number;
  });
  graph.forEachEdge((_e, _attr, s, t) => {
    degree[index.get(s)! + 1]!++;
    if (s !== t) degree[index.get(t)! + 1]!++;
  });
  for (let i = 0; i < n; i++) degree[i + 1]! += degree[i]!;
  const fill = degree.slice(0, n);
  const m = degree[n]!;
  const targets = new Int32Array(m);
  const minutes = new Float64Array(m);
  const km = new Float64Array(m);
  const put = (from: number, to: number, mi: number, k: number) => {
    const at = fill[from]!++;
    targets[at] = to;
    minutes[at] = mi;
    km[at] = k;
  };
  graph.forEachEdge((_e, attr, s, t) => {
    const a = index.get(s)!, b = index.get(t)!;
    put(a, b, attr.minutes as number, attr.km as number);
    if (a !== b) put(b, a, attr.minutes as number, attr.km as number);
  });
  return { lat, lon, offsets: degree, targets, minutes, km };
}

/**
 * Shortest travel times from one node to every node (Dijkstra with a binary heap), and the km
 * along each fastest path (ties in minutes: the shorter). Unreachable nodes get `Infinity`.
 *
 * @example
 * // internal: dijkstra(csr, 0).minutes[2] → fastest minutes from node 0 to node 2
 */
function dijkstra(g: Csr, source: number): { minutes: Float64Array; km: Float64Array } {
  const n = g.lat.length;
  const dist = new Float64Array(n).fill(Infinity);
  const km = new Float64Array(n).fill(Infinity);
  const heap: number[] = [];
  const push = (node: number) => {
    heap.push(node);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (dist[heap[p]!]! <= dist[heap[i]!]!) break;
      [heap[p], heap[i]] = [heap[i]!, heap[p]!];
      i = p;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let s = i;
        if (l < heap.length && dist[heap[l]!]! < dist[heap[s]!]!) s = l;
        if (r < heap.length && dist[heap[r]!]! < dist[heap[s]!]!) s = r;
        if (s === i) break;
        [heap[s], heap[i]] = [heap[i]!, heap[s]!];
        i = s;
      }
    }
    return top;
  };
  const done = new Uint8Array(n);
  dist[source] = 0;
  km[source] = 0;
  push(source);
  while (heap.length > 0) {
    const u = pop();
    if (done[u]) continue;
    done[u] = 1;
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const v = g.targets[e]!;
      const d = dist[u]! + g.minutes[e]!;
      const k = km[u]! + g.km[e]!;
      if (d < dist[v]! || (d === dist[v]! && k < km[v]!)) {
        dist[v] = d;
        km[v] = k;
        push(v); // lazy deletion: stale heap entries are skipped by `done`
      }
    }
  }
  return { minutes: dist, km };
}

/**
 * The road model: a point snaps to the nearest network node (straight line); a leg is the
 * access from the start point to its node and from the end node to the end point (straight line
 * × circuity at the average speed, as {@link haversineModel}) plus the fastest network path
 * between the nodes (Dijkstra on minutes, km along that path), cached per source node. Two
 * points on the same node, or nodes not connected, use the straight-line model; `fallbacks`
 * counts the latter.
 *
 * @example
 * const model = roadModel(parseRoadNetwork(csv), { circuity: 1.3, speedKmh: 40 });
 * model.leg({ lat: 0, lon: 0 }, { lat: 0, lon: 0.01 }).minutes; // → fastest minutes over the roads
 */
export function roadModel(network: RoadNetwork, options: HaversineOptions = {}): DistanceModel & { fallbacks: number } {
  const g = compress(network.graph);
  const straight = haversineModel(options);
  const snapCache = new Map<string, number>();
  const pathCache = new Map<number, { minutes: Float64Array; km: Float64Array }>();
  const snap = (p: LatLon): number => {
    const key = `${p.lat},${p.lon}`;
    let best = snapCache.get(key);
    if (best !== undefined) return best;
    best = 0;
    let bestD = Infinity;
    const c = Math.cos((p.lat * Math.PI) / 180) ** 2;
    for (let i = 0; i < g.lat.length; i++) {
      const dy = g.lat[i]! - p.lat, dx = g.lon[i]! - p.lon;
      const d = dy * dy + c * dx * dx; // equirectangular: ranks like the true distance at town scale
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    snapCache.set(key, best);
    return best;
  };
  const model = {
    kind: 'roads' as const,
    fallbacks: 0,
    leg(from: LatLon, to: LatLon): Leg {
      const a = snap(from), b = snap(to);
      if (a === b) return straight.leg(from, to);
      let paths = pathCache.get(a);
      if (paths === undefined) {
        paths = dijkstra(g, a);
        pathCache.set(a, paths);
      }
      const minutes = paths.minutes[b]!;
      if (minutes === Infinity) {
        model.fallbacks++;
        return straight.leg(from, to);
      }
      const nodeA = { lat: g.lat[a]!, lon: g.lon[a]! }, nodeB = { lat: g.lat[b]!, lon: g.lon[b]! };
      const inA = straight.leg(from, nodeA), outB = straight.leg(nodeB, to);
      return { minutes: inA.minutes + minutes + outB.minutes, km: inA.km + paths.km[b]! + outB.km };
    },
  };
  return model;
}
