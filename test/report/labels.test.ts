import { beforeAll, describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/measures/continuity/rules.js';
import { measureForReport } from '../../src/outputs/report/html/measure.js';
import { renderReport } from '../../src/outputs/report/html/render.js';
import { label } from '../../src/outputs/report/labels.js';
import { daysLabel, hoursLabel, rulePhrases } from '../../src/outputs/report/rule-labels.js';
import { continuityTable } from '../../src/outputs/report/table.js';
import { staffingTable } from '../../src/outputs/staffing/table.js';
import { fixtureRows } from '../continuity/fixture.js';

// The phrases are written out by hand, as a reader should see them, for the official rule, the
// ange preset and a custom rule; none is computed from the code under test.
describe('rulePhrases', () => {
  it('states the kolada rule', () => {
    const rule = resolveRules({ preset: 'kolada' });
    expect(rulePhrases(rule, 'sv')).toEqual({
      preset: 'kolada',
      days: '14 dagar',
      hours: '07–22',
      countedHours: 'start 07–22',
      kinds: 'trygghetslarm, matleverans och hemsjukvård',
      roles: 'hemsjukvårdspersonal',
      codes: ' (Kolada U21401 medel, U21402 median, U21436 andel över 20)',
      countedVisits: 'besök 07–22, utan trygghetslarm, matleverans och hemsjukvård',
      outsideHours: 'utanför 07–22',
      visitsRule: '≥ 2 besök varje dag',
      fewerVisits: '< 2 besök en dag',
      age: '≥ 65 år',
      younger: 'yngre än 65 år',
      staff: 'båda personalen räknas',
      summary: 'Regler (kolada): 14 dagar; besök 07–22, utan trygghetslarm, matleverans och hemsjukvård; brukare med ≥ 2 besök varje dag, ålder ≥ 65 år; båda personalen räknas',
    });
    expect(rulePhrases(rule, 'en')).toEqual({
      preset: 'kolada',
      days: '14 days',
      hours: '07–22',
      countedHours: 'starting 07–22',
      kinds: 'safety alarms, meal deliveries and home health care',
      roles: 'home health care staff',
      codes: ' (Kolada U21401 mean, U21402 median, U21436 share above 20)',
      countedVisits: 'visits 07–22, without safety alarms, meal deliveries and home health care',
      outsideHours: 'outside 07–22',
      visitsRule: '≥ 2 visits every day',
      fewerVisits: '< 2 visits on a day',
      age: '≥ 65 years',
      younger: 'younger than 65',
      staff: 'both staff count',
      summary: 'Rules (kolada): 14 days; visits 07–22, without safety alarms, meal deliveries and home health care; clients with ≥ 2 visits every day, age ≥ 65 years; both staff count',
    });
  });

  it('states the ange rule: on average', () => {
    const rule = resolveRules({ preset: 'ange' });
    const sv = rulePhrases(rule, 'sv');
    expect(sv.visitsRule).toBe('i snitt ≥ 2 besök om dagen');
    expect(sv.fewerVisits).toBe('i snitt < 2 besök om dagen');
    expect(sv.codes).toBe(''); // not Kolada's figures under another rule
    expect(sv.summary).toBe('Regler (ange): 14 dagar; besök 07–22, utan trygghetslarm, matleverans och hemsjukvård; brukare med i snitt ≥ 2 besök om dagen, ålder ≥ 65 år; båda personalen räknas');
    const en = rulePhrases(rule, 'en');
    expect(en.visitsRule).toBe('≥ 2 visits a day on average');
    expect(en.fewerVisits).toBe('< 2 visits a day on average');
    expect(en.summary).toBe('Rules (ange): 14 days; visits 07–22, without safety alarms, meal deliveries and home health care; clients with ≥ 2 visits a day on average, age ≥ 65 years; both staff count');
  });

  it('states a custom rule: 28 days, 06:30–21:00, no age filter', () => {
    const rule = resolveRules({ days: 28, dayStartMinute: 390, dayEndMinute: 1260, minAge: null });
    expect(rulePhrases(rule, 'sv')).toEqual({
      preset: 'kolada',
      days: '28 dagar',
      hours: '06:30–21:00',
      countedHours: 'start 06:30–21:00',
      kinds: 'trygghetslarm, matleverans och hemsjukvård',
      roles: 'hemsjukvårdspersonal',
      codes: '', // 28 days, other hours: not Kolada's figures
      countedVisits: 'besök 06:30–21:00, utan trygghetslarm, matleverans och hemsjukvård',
      outsideHours: 'utanför 06:30–21:00',
      visitsRule: '≥ 2 besök varje dag',
      fewerVisits: '< 2 besök en dag',
      age: 'inget åldersfilter',
      younger: '',
      staff: 'båda personalen räknas',
      summary: 'Regler (kolada): 28 dagar; besök 06:30–21:00, utan trygghetslarm, matleverans och hemsjukvård; brukare med ≥ 2 besök varje dag, inget åldersfilter; båda personalen räknas',
    });
    expect(rulePhrases(rule, 'en')).toEqual({
      preset: 'kolada',
      days: '28 days',
      hours: '06:30–21:00',
      countedHours: 'starting 06:30–21:00',
      kinds: 'safety alarms, meal deliveries and home health care',
      roles: 'home health care staff',
      codes: '',
      countedVisits: 'visits 06:30–21:00, without safety alarms, meal deliveries and home health care',
      outsideHours: 'outside 06:30–21:00',
      visitsRule: '≥ 2 visits every day',
      fewerVisits: '< 2 visits on a day',
      age: 'no age filter',
      younger: '',
      staff: 'both staff count',
      summary: 'Rules (kolada): 28 days; visits 06:30–21:00, without safety alarms, meal deliveries and home health care; clients with ≥ 2 visits every day, no age filter; both staff count',
    });
  });

  it('states the other rules: overlapping hours, one staff member, other kinds, one visit a day, one day', () => {
    const rule = resolveRules({ days: 1, inWindowBy: 'overlap', countBothStaff: false, excludedKinds: ['trygghetslarm', 'Städ'], minVisitsPerDay: 1, minAge: 80 });
    const sv = rulePhrases(rule, 'sv');
    expect([sv.days, sv.countedHours, sv.outsideHours, sv.kinds, sv.visitsRule, sv.age, sv.younger, sv.staff]).toEqual([
      '1 dag', 'överlappar 07–22', 'helt utanför 07–22', 'trygghetslarm och stad', '≥ 1 besök varje dag', '≥ 80 år', 'yngre än 80 år', 'bara den första personalen räknas',
    ]);
    expect(sv.countedVisits).toBe('besök som överlappar 07–22, utan trygghetslarm och stad');
    const en = rulePhrases(rule, 'en');
    expect([en.days, en.countedHours, en.outsideHours, en.kinds, en.visitsRule, en.fewerVisits, en.staff]).toEqual([
      '1 day', 'overlapping 07–22', 'wholly outside 07–22', 'safety alarms and stad', '≥ 1 visit every day', '< 1 visit on a day', 'only the first staff member counts',
    ]);
    expect(rulePhrases(resolveRules({ excludedKinds: [] }), 'en').countedVisits).toBe('visits 07–22');
  });

  it('names the roles left out, and the Kolada codes only under the official rule', () => {
    expect(rulePhrases(resolveRules({ excludedRoles: ['Sjuksköterska', 'Städ'] }), 'en').roles).toBe('sjukskoterska and stad');
    expect(rulePhrases(resolveRules({ excludedRoles: [] }), 'sv').roles).toBe('');
    expect(rulePhrases(resolveRules({ excludedRoles: ['hsl', 'hemsjukvard', 'sjukskoterska', 'distriktsskoterska', 'sjukskoterskor', 'ssk', 'dsk', 'arbetsterapeut', 'fysioterapeut', 'sjukgymnast', 'nurse', 'larmpatrull'] }), 'sv').roles)
      .toBe('hemsjukvårdspersonal och larmpatrull');
    expect(rulePhrases(resolveRules({ preset: 'kolada', minAge: 65 }), 'en').codes).not.toBe(''); // the defaults given again: still official
    for (const changed of [{ days: 7 }, { countBothStaff: false }, { minAge: null }, { excludedKinds: ['trygghetslarm'] }, { handoverMinutes: 10 }, { inWindowBy: 'overlap' as const }]) {
      expect(rulePhrases(resolveRules(changed), 'en').codes).toBe('');
    }
  });

  it('writes the hours on the hour short, else with minutes', () => {
    expect(hoursLabel(420, 1320)).toBe('07–22');
    expect(hoursLabel(0, 1440)).toBe('00–24');
    expect(hoursLabel(390, 1260)).toBe('06:30–21:00');
    expect(hoursLabel(420, 1305)).toBe('07:00–21:45');
    expect(daysLabel(7, 'sv')).toBe('7 dagar');
    expect(daysLabel(1, 'en')).toBe('1 day');
  });
});

describe('label', () => {
  it('fills the placeholders and leaves a missing one as it is', () => {
    expect(label('ofServed', 'sv', { n: 12 })).toBe('av 12 med insats');
    expect(label('ofVisits', 'en', { p: '5 %' })).toBe('5 % of {n} visits');
  });
});

// The fixture of test/continuity/fixture.ts measured under the ange preset with 7-day windows and
// day hours 06:30–21:00: every text that states the rule must say so, in both languages, and
// nothing may still say the default 14 days, 07–22 or every day.
describe('the outputs under the ange rule, 7 days, 06:30–21:00', () => {
  let input: Awaited<ReturnType<typeof measureForReport>>;
  beforeAll(async () => {
    input = await measureForReport(fixtureRows(), { from: '2024-10-21', rules: { preset: 'ange', days: 7, dayStartMinute: 390, dayEndMinute: 1260 } });
  });

  /** Markup to text: tags dropped, the escapes undone. */
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

  function expectNoDefaultRule(out: string): void {
    expect(out).not.toMatch(/\b14 (dagar|days)\b/);
    expect(out).not.toMatch(/07(:00)?–22(:00)?/);
    expect(out).not.toMatch(/varje dag|every day|per dag i snitt|minst två|at least two/);
  }

  it('measured what the test means', () => {
    expect(input.continuity.rule).toMatchObject({ preset: 'ange', days: 7, dailyRule: 'average', dayStartMinute: 390, dayEndMinute: 1260 });
    expect(input.continuity.windows.map((w) => [w.from, w.to])).toEqual([['2024-10-21', '2024-10-27']]);
    expect(input.continuity.rows.excluded.outside_day_hours).toBeGreaterThan(0);
  });

  it('the HTML report, in Swedish', () => {
    const html = renderReport(input, { lang: 'sv', generatedAt: null, pseudonymKey: 'k' });
    const page = text(html);
    expect(page).toContain('Hur många olika personal en brukare möter under 7 dagar: brukare med i snitt ≥ 2 besök om dagen, besök 06:30–21:00, utan trygghetslarm, matleverans och hemsjukvård');
    expect(page).toMatch(/\d+ med i snitt ≥ 2 besök om dagen/); // the card of counted clients
    expect(page).toContain('Antal personal under 7 dagar'); // the charts' axis
    expect(page).toContain('under 7 dagar.'); // the histogram's description
    expect(html).toContain('<dt>Period</dt><dd>7 dagar (ange)</dd>');
    expect(html).toContain('<dt>Besök som räknas</dt><dd>start 06:30–21:00</dd>');
    expect(html).toContain('<dt>Brukare som räknas</dt><dd>i snitt ≥ 2 besök om dagen</dd>');
    expect(html).toMatch(/<th scope="row"[^>]*>utanför 06:30–21:00<\/th>/);
    expectNoDefaultRule(page);
  });

  it('the HTML report, in English', () => {
    const html = renderReport(input, { lang: 'en', generatedAt: null, pseudonymKey: 'k' });
    const page = text(html);
    expect(page).toContain('How many different staff a client meets in 7 days: clients with ≥ 2 visits a day on average, visits 06:30–21:00, without safety alarms, meal deliveries and home health care.');
    expect(page).not.toMatch(/U214\d\d/); // ange, 7 days: not Kolada's figures
    expect(page).toMatch(/\d+ with ≥ 2 visits a day on average/);
    expect(page).toContain('Staff met in 7 days');
    expect(page).toContain('in 7 days.');
    expect(html).toContain('<dt>Window</dt><dd>7 days (ange)</dd>');
    expect(html).toContain('<dt>Counted visits</dt><dd>starting 06:30–21:00</dd>');
    expect(html).toContain('<dt>Clients counted</dt><dd>≥ 2 visits a day on average</dd>');
    expect(html).toMatch(/<th scope="row"[^>]*>outside 06:30–21:00<\/th>/);
    expectNoDefaultRule(page);
  });

  it('the text tables, in Swedish', () => {
    const table = continuityTable(input.continuity, { lang: 'sv', byGroup: true });
    expect(table).toMatch(/^Brukare med i snitt ≥ 2 besök om dagen +\d+$/m);
    expect(table).toContain('\nAntal personal per brukare under 7 dagar\n');
    const rules = 'Regler (ange): 7 dagar; besök 06:30–21:00, utan trygghetslarm, matleverans och hemsjukvård; brukare med i snitt ≥ 2 besök om dagen, ålder ≥ 65 år; båda personalen räknas';
    expect(table.split('\n').at(-1)).toBe(rules);
    const staffing = staffingTable(input.staffing, { lang: 'sv' });
    expect(staffing.split('\n').at(-1)).toBe(rules);
    for (const out of [table, staffing]) expectNoDefaultRule(out);
  });

  it('the text tables, in English', () => {
    const table = continuityTable(input.continuity, { lang: 'en', byGroup: true });
    expect(table).toMatch(/^Clients with ≥ 2 visits a day on average +\d+$/m);
    expect(table).toContain('\nStaff per client over 7 days\n');
    const rules = 'Rules (ange): 7 days; visits 06:30–21:00, without safety alarms, meal deliveries and home health care; clients with ≥ 2 visits a day on average, age ≥ 65 years; both staff count';
    expect(table.split('\n').at(-1)).toBe(rules);
    const staffing = staffingTable(input.staffing, { lang: 'en' });
    expect(staffing.split('\n').at(-1)).toBe(rules);
    for (const out of [table, staffing]) expectNoDefaultRule(out);
  });
});

describe('the row ledger in the words of the language', () => {
  // four rows by hand: one at 23:00 (outside the day hours), one safety alarm, one with an end
  // before its start (rejected), one counted visit; no full window
  const rows = [
    { client_id: 'C1', staff_id: 'S1', start: '2024-10-01 23:00', end: '2024-10-01 23:20', kind: 'omvårdnad' },
    { client_id: 'C1', staff_id: 'S1', start: '2024-10-01 12:00', end: '2024-10-01 12:10', kind: 'trygghetslarm' },
    { client_id: 'C1', staff_id: 'S1', start: '2024-10-01 10:00', end: '2024-10-01 09:00', kind: 'omvårdnad' },
    { client_id: 'C1', staff_id: 'S1', start: '2024-10-01 08:00', end: '2024-10-01 08:30', kind: 'omvårdnad' },
  ];

  it('names the reasons and the rejection codes in Swedish and in English', async () => {
    const { measureContinuity } = await import('../../src/index.js');
    const result = await measureContinuity(rows, { from: '2024-10-01' });
    const sv = continuityTable(result, { lang: 'sv' }).split('\n');
    expect(sv).toContain('Rader: lästa 4, använda 1, avvisade 1, uteslutna 2 (utanför 07–22: 1; insats som inte räknas (trygghetslarm, matleverans och hemsjukvård): 1)');
    expect(sv.find((l) => l.includes('[end_before_start]'))).toMatch(/^ {2}slut före start \[end_before_start\]: /);
    const en = continuityTable(result, { lang: 'en' }).split('\n');
    expect(en).toContain('Rows: read 4, used 1, rejected 1, excluded 2 (outside 07–22: 1; kind not counted (safety alarms, meal deliveries and home health care): 1)');
    expect(en.find((l) => l.includes('[end_before_start]'))).toMatch(/^ {2}end before start \[end_before_start\]: /);
  });

  it('the staffing table says the same', async () => {
    const { measureStaffing } = await import('../../src/index.js');
    const sv = staffingTable(await measureStaffing(rows, { from: '2024-10-01' }), { lang: 'sv' }).split('\n');
    expect(sv).toContain('Rader: lästa 4, använda 1, avvisade 1, uteslutna 2 (utanför 07–22: 1; insats som inte räknas (trygghetslarm, matleverans och hemsjukvård): 1)');
    expect(sv.find((l) => l.includes('[end_before_start]'))).toMatch(/^ {2}slut före start \[end_before_start\]: /);
  });
});
