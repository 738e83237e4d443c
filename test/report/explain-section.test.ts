import { describe, expect, it } from 'vitest';
import { continuity, explainContinuity } from '../../src/index.js';
import { renderReport } from '../../src/outputs/report/html/render.js';
import { explainRows } from '../explain/fixture.js';
import { run } from '../cli/run.js';
import { tempFiles } from '../continuity/fixture.js';

// The hand-built log of test/explain/fixture.ts (its figures are worked out there by hand):
// window 2024-10-07, 7 days; Norr = A (9 staff), Söder = B (5), C (7).
const options = { from: '2024-10-07', rules: { days: 7 } };

/** The cells of the row of `name` in the explain table, as text. */
function cells(html: string, name: string): string[] {
  const table = /<table id="explain-table">(.*?)<\/table>/s.exec(html)?.[1] ?? '';
  const row = [...table.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => m[1]!).find((r) => r.startsWith(`<td>${name}<`));
  return [...(row ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

describe('the report: why so many?', () => {
  it('shows the categories per group and for all, as worked out by hand', async () => {
    const rows = explainRows();
    const explain = await explainContinuity(rows, options);
    const html = renderReport({ continuity: continuity(rows, options), explain }, { lang: 'en', generatedAt: null, pseudonymKey: 'k' });
    // group, clients, staff, contact, regular, double only, weekends, evenings, occasional, regulars' share, contact share, one staff, floor
    expect(cells(html, 'Norr')).toEqual(['Norr', '1', '9', '1', '1', '2', '3', '1', '1', '31.3 %', '31.3 %', '7', '2']);
    expect(cells(html, 'Söder')).toEqual(['Söder', '2', '6', '0', '1.5', '0', '1', '1', '2.5', '35.7 %', '–', '5.5', '2']);
    // all: 7 = 1/3 + 4/3 + 2/3 + 5/3 + 1 + 2; regulars' share 15/44; contact share 5/16
    expect(cells(html, 'All')).toEqual(['All', '3', '7', '0.3', '1.3', '0.7', '1.7', '1', '2', '34.1 %', '31.3 %', '6', '2']);
    expect(html).toContain('at least 3 of the client');
  });

  it('from the CLI with --explain, and not without it', () => {
    const file = tempFiles('kontinuitet-explain-report-');
    const header = 'visit_id,client_id,staff_id,start,end,kind,group,client_birth_date,contact_staff_id';
    const csv = [header, ...explainRows().map((r) => [r.visit_id, r.client_id, r.staff_id, r.start, r.end, r.kind, r.group, r.client_birth_date, r.contact_staff_id].join(','))].join('\n');
    const path = file(`${csv}\n`);
    const withIt = run(['report', path, '--from', '2024-10-07', '--days', '7', '--explain', '--lang', 'sv']);
    expect(withIt.status).toBe(0);
    expect(withIt.stdout).toContain('<section id="explain">');
    expect(cells(withIt.stdout, 'Alla').slice(0, 3)).toEqual(['Alla', '3', '7']);
    expect(run(['report', path, '--from', '2024-10-07', '--days', '7']).stdout).not.toContain('<section id="explain">');
  });
});
