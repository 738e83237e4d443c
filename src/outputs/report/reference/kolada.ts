import { readFile, writeFile } from 'node:fs/promises';
import { quantile } from 'simple-statistics';
import { KontinuitetError } from '../../../errors.js';

/**
 * The three published figures of the continuity indicator for one municipality, group or the
 * nation, in one year.
 *
 * @example
 * { id: '2260', title: 'Ånge', mean: 17, median: 16, shareAbove20: 0.215 }
 */
export interface PublishedFigures {
  /** Kolada id: `2260` (a municipality), `0000` (the nation, Riket) or a group's `G…`. */
  id: string;
  /** Its name as Kolada gives it (`Ånge`, `Riket`, …), or `null` when not known. */
  title: string | null;
  /** U21401: mean staff per client in 14 days. */
  mean: number | null;
  /** U21402: median staff per client. */
  median: number | null;
  /** U21436: share (0–1) of clients who met more than 20 staff (Kolada publishes a percentage). */
  shareAbove20: number | null;
}

/**
 * The national figures to set a measured one beside (schema `kontinuitet/reference@1`): the
 * municipality's published values of the staff-continuity indicator (Kolada U21401 mean, U21402
 * median, U21436 share above 20) for a year, the nation's (`0000`), its peer group's ("liknande
 * kommuner, äldreomsorg") when found, and the middle half of all municipalities (the quartiles,
 * Q1–Q3, as Excel's QUARTILE.INC) of each figure. The published values come from a yearly survey of the municipalities, not
 * from the same 14 days as a log.
 *
 * @example
 * const reference = await loadReference('kolada-2260.json');
 * reference.nation.mean; // → e.g. 16
 */
export interface KoladaReference {
  schema: 'kontinuitet/reference@1';
  source: 'Kolada';
  /** When the values were fetched (ISO time). */
  fetchedAt: string;
  year: number;
  municipality: PublishedFigures;
  nation: PublishedFigures;
  peers: PublishedFigures | null;
  /** The lower and upper quartile of each figure over all municipalities with a value. */
  quartiles: { mean: [number, number] | null; median: [number, number] | null; shareAbove20: [number, number] | null };
}

const KPIS = { mean: 'U21401', median: 'U21402', shareAbove20: 'U21436' } as const;
type Figure = keyof typeof KPIS;
const FIGURES = Object.keys(KPIS) as Figure[];

/**
 * The roots of Kolada's public API, tried in turn: v3 first, v2's documented paths as the fallback.
 *
 * @example
 * KOLADA_ROOTS[0]; // → 'https://api.kolada.se/v3'
 */
export const KOLADA_ROOTS = ['https://api.kolada.se/v3', 'https://api.kolada.se/v2'] as const;

/** One data entry of Kolada's documented response (`values[]` of `/data/kpi/…`). */
interface DataEntry {
  kpi: string;
  municipality: string;
  period: string | number;
  values: { gender: string; value: number | null }[];
}

/**
 * What fetches one URL for {@link fetchKoladaReference}: the global `fetch` fits, and so does a
 * recorded answer in a test.
 *
 * @example
 * const fetcher: KoladaFetch = async (url) => ({ ok: true, status: 200, json: async () => recorded[url] });
 */
export type KoladaFetch = (url: string) => Promise<{ ok: boolean; status: number; json: () => Promise<unknown> }>;


/** Every entry of a data query, following `next_page`. */
async function getAll(fetcher: KoladaFetch, url: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let next: string | undefined = url, pages = 0; next !== undefined && pages < 50; pages++) {
    const response = await fetcher(next);
    if (!response.ok) throw new KontinuitetError('UNREADABLE_INPUT', `Kolada answered HTTP ${response.status}`);
    const body = await response.json() as { values?: unknown; next_page?: unknown };
    if (!Array.isArray(body.values)) throw new KontinuitetError('UNREADABLE_INPUT', 'Kolada answered without a values list (not the documented shape)');
    out.push(...body.values);
    next = typeof body.next_page === 'string' && body.next_page !== '' ? body.next_page : undefined;
  }
  return out;
}

/** The total (gender `T`) value of an entry, or null. */
function total(entry: DataEntry): number | null {
  const t = entry.values?.find((v) => v.gender === 'T') ?? (entry.values?.length === 1 ? entry.values[0] : undefined);
  return typeof t?.value === 'number' && Number.isFinite(t.value) ? t.value : null;
}

function entries(raw: readonly unknown[]): DataEntry[] {
  return raw.filter((e): e is DataEntry => typeof e === 'object' && e !== null && typeof (e as DataEntry).kpi === 'string'
    && typeof (e as DataEntry).municipality === 'string' && Array.isArray((e as DataEntry).values));
}

/** A figure as the report holds it: U21436 is published in percent. */
function asFigure(kpi: string, value: number): number {
  return kpi === KPIS.shareAbove20 ? value / 100 : value;
}

/**
 * Fetches the reference figures for municipality `kommun` (four digits) from Kolada's public API
 * (v3; v2's paths when v3 does not answer): the latest year with the municipality's mean unless
 * `year` is given. `fetcher` defaults to the global `fetch` (tests pass a recorded one). Throws
 * `UNREADABLE_INPUT` when Kolada cannot be reached or answers otherwise than documented.
 *
 * @example
 * const reference = await fetchKoladaReference('2260');
 * await saveReference('kolada-2260.json', reference);
 */
export async function fetchKoladaReference(kommun: string, options: { year?: number; fetcher?: KoladaFetch } = {}): Promise<KoladaReference> {
  if (!/^\d{4}$/.test(kommun)) throw new KontinuitetError('BAD_OPTION', 'kommun: a municipality code of four digits, e.g. 2260');
  const fetcher = options.fetcher ?? (globalThis.fetch as unknown as KoladaFetch | undefined);
  if (fetcher === undefined) throw new KontinuitetError('UNREADABLE_INPUT', 'no fetch in this runtime: give a saved reference file instead');
  let lastError: unknown = null;
  for (const root of KOLADA_ROOTS) {
    try {
      return await fetchFrom(root, fetcher, kommun, options.year);
    } catch (e) {
      lastError = e;
    }
  }
  const why = lastError instanceof Error ? lastError.message : 'no answer';
  throw new KontinuitetError('UNREADABLE_INPUT', `cannot fetch the reference figures from Kolada (${why}); give a saved file with --reference FILE`);
}

async function fetchFrom(root: string, fetcher: KoladaFetch, kommun: string, askedYear: number | undefined): Promise<KoladaReference> {
  const kpis = FIGURES.map((f) => KPIS[f]).join(',');
  const own = entries(await getAll(fetcher, `${root}/data/kpi/${KPIS.mean}/municipality/${kommun}`));
  const years = own.filter((e) => total(e) !== null).map((e) => Number(e.period)).filter(Number.isInteger);
  const year = askedYear ?? (years.length > 0 ? Math.max(...years) : null);
  if (year === null) throw new KontinuitetError('UNREADABLE_INPUT', `Kolada has no ${KPIS.mean} value for municipality ${kommun}`);
  const titles = new Map<string, string>();
  for (const m of await getAll(fetcher, `${root}/municipality/${kommun},0000`)) {
    const { id, title } = m as { id?: unknown; title?: unknown };
    if (typeof id === 'string' && typeof title === 'string') titles.set(id, title);
  }
  const peerGroup = await findPeerGroup(fetcher, root, titles.get(kommun) ?? null);
  const ids = [kommun, '0000', ...(peerGroup === null ? [] : [peerGroup.id])];
  const data = entries(await getAll(fetcher, `${root}/data/kpi/${kpis}/municipality/${ids.join(',')}/year/${year}`));
  const figures = (id: string, title: string | null): PublishedFigures => {
    const f: PublishedFigures = { id, title, mean: null, median: null, shareAbove20: null };
    for (const e of data) {
      const figure = FIGURES.find((k) => KPIS[k] === e.kpi);
      const v = total(e);
      if (e.municipality === id && figure !== undefined && v !== null) f[figure] = asFigure(e.kpi, v);
    }
    return f;
  };
  const all = entries(await getAll(fetcher, `${root}/data/kpi/${kpis}/year/${year}`));
  const quartiles = Object.fromEntries(FIGURES.map((f) => {
    // municipalities only: four digits, not the nation, not a group
    const values = all.filter((e) => e.kpi === KPIS[f] && /^\d{4}$/.test(e.municipality) && e.municipality !== '0000').map(total).filter((v): v is number => v !== null);
    // as Excel's QUARTILE.INC (linear between the two nearest values), without float noise
    const q = (p: number) => Number(asFigure(KPIS[f], quantile(values, p)).toPrecision(12));
    return [f, values.length < 4 ? null : [q(0.25), q(0.75)]];
  })) as KoladaReference['quartiles'];
  return {
    schema: 'kontinuitet/reference@1', source: 'Kolada', fetchedAt: new Date().toISOString(), year,
    municipality: figures(kommun, titles.get(kommun) ?? null),
    nation: figures('0000', titles.get('0000') ?? 'Riket'),
    peers: peerGroup === null ? null : figures(peerGroup.id, peerGroup.title),
    quartiles,
  };
}

/** Kolada's group "Liknande kommuner äldreomsorg, <name>" of the municipality named `name`, or null. */
async function findPeerGroup(fetcher: KoladaFetch, root: string, name: string | null): Promise<{ id: string; title: string } | null> {
  if (name === null) return null;
  const groups = await getAll(fetcher, `${root}/municipality_groups?title=${encodeURIComponent('Liknande kommuner äldreomsorg')}`);
  const fold = (s: string) => s.toLowerCase().replace(/[\s,]+/g, ' ').trim();
  for (const g of groups) {
    const { id, title } = g as { id?: unknown; title?: unknown };
    if (typeof id === 'string' && typeof title === 'string' && fold(title).includes('äldreomsorg') && fold(title).endsWith(fold(name))) return { id, title };
  }
  return null;
}

/**
 * Writes a reference (as fetched) to `path` as JSON, to be used offline later.
 *
 * @example
 * await saveReference('kolada-2260.json', await fetchKoladaReference('2260'));
 */
export async function saveReference(path: string, reference: KoladaReference): Promise<void> {
  await writeFile(path, `${JSON.stringify(reference, null, 2)}\n`);
}

/**
 * Reads a saved reference file (schema `kontinuitet/reference@1`) and checks its shape: figures
 * are numbers or null, shares between 0 and 1. `BAD_OPTION` names what is wrong.
 *
 * @example
 * const reference = await loadReference('kolada-2260.json');
 */
export async function loadReference(path: string): Promise<KoladaReference> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new KontinuitetError('UNREADABLE_INPUT', `cannot read the reference file: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not JSON'}`);
  }
  const r = parsed as Partial<KoladaReference>;
  const bad = (what: string) => new KontinuitetError('BAD_OPTION', `the reference file is not kontinuitet/reference@1: ${what}`);
  if (r.schema !== 'kontinuitet/reference@1') throw bad('schema');
  if (!Number.isInteger(r.year)) throw bad('year');
  for (const [name, f] of [['municipality', r.municipality], ['nation', r.nation], ['peers', r.peers ?? null]] as const) {
    if (f === null && name === 'peers') continue;
    if (typeof f !== 'object' || f === null || typeof f.id !== 'string') throw bad(name);
    for (const k of FIGURES) {
      const v = f[k];
      if (v !== null && !(typeof v === 'number' && Number.isFinite(v) && v >= 0 && (k !== 'shareAbove20' || v <= 1))) throw bad(`${name}.${k}`);
    }
  }
  if (typeof r.quartiles !== 'object' || r.quartiles === null) throw bad('quartiles');
  return r as KoladaReference;
}
