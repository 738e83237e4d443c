import { describe, expect, it } from 'vitest';
import { resolveRules } from '../../src/continuity/rules.js';
import { daysLabel, hoursLabel, label, rulePhrases } from '../../src/report/labels.js';

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
