import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { generateRows, type GeneratedRow, type GenerateOptions } from '../../src/generate/index.js';
import { ageOn, dayDiff, minuteOf } from './helpers.js';

function run(options: GenerateOptions, hooks: Parameters<typeof generateRows>[1] = {}) {
  const { rows, truth } = generateRows(options, hooks);
  return { rows: [...rows], truth };
}

const TIME_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const KINDS = new Set(['omvårdnad', 'service', 'tillsyn', 'trygghetslarm', 'matleverans', 'hsl', 'nattpatrull']);
const ROLES = new Set(['undersköterska', 'vårdbiträde', 'hsl']);

/** Spring (2025-03-30) and autumn (2024-10-27) daylight-saving changes, two profiles. */
const spring = run({ clients: 150, days: 21, start: '2025-03-20', seed: 5 });
const autumn = run({ clients: 150, days: 35, start: '2024-10-01', seed: 9, profile: 'ange2013' });
const both: GeneratedRow[] = [...spring.rows, ...autumn.rows];

/** A wall time that Europe/Stockholm really shows exactly once. */
function unambiguousLocal(s: string): boolean {
  const dt = DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone: 'Europe/Stockholm' });
  if (!dt.isValid || dt.toFormat('yyyy-MM-dd HH:mm') !== s) return false; // in the spring gap
  // Twice in the autumn: the same wall time one hour later in UTC still shows the same wall time.
  const later = dt.plus({ hours: 1 }).toFormat('yyyy-MM-dd HH:mm');
  const earlier = dt.minus({ hours: 1 }).toFormat('yyyy-MM-dd HH:mm');
  return later !== s && earlier !== s;
}

describe('generated rows', () => {
  it('have valid ids, kinds, roles and times (end after start, same date)', () => {
    const bad: GeneratedRow[] = [];
    const checked = new Map<string, number>();
    const utcMinutes = (t: string): number => {
      let m = checked.get(t);
      if (m === undefined) {
        const dt = DateTime.fromFormat(t, 'yyyy-MM-dd HH:mm', { zone: 'UTC' });
        m = dt.isValid && dt.toFormat('yyyy-MM-dd HH:mm') === t ? dt.toMillis() / 60000 : Number.NaN;
        checked.set(t, m);
      }
      return m;
    };
    for (const r of both) {
      const minutes = utcMinutes(r.end) - utcMinutes(r.start);
      const ok =
        /^C\d{5,}$/.test(r.client_id) &&
        /^S\d{4,}$/.test(r.staff_id) &&
        /^S\d{4,}$/.test(r.contact_staff_id) &&
        /^V\d{6,}$/.test(r.visit_id) &&
        KINDS.has(r.kind) &&
        ROLES.has(r.staff_role) &&
        TIME_RE.test(r.start) &&
        TIME_RE.test(r.end) &&
        r.end.slice(0, 10) === r.start.slice(0, 10) &&
        minutes > 0 &&
        minutes <= 65;
      if (!ok) bad.push(r);
    }
    expect(bad).toEqual([]);
  });

  it('are ordered by date, then group, then start', () => {
    for (const rows of [spring.rows, autumn.rows]) {
      const groupOrder: string[] = [];
      const bad: number[] = [];
      for (let i = 1; i < rows.length; i++) {
        const a = rows[i - 1]!;
        const b = rows[i]!;
        const da = a.start.slice(0, 10);
        const db = b.start.slice(0, 10);
        if (da > db) bad.push(i);
        if (da === db && a.group === b.group && a.start > b.start) bad.push(i);
        if (!groupOrder.includes(b.group)) groupOrder.push(b.group);
        // Within a date the groups come in one fixed order.
        if (da === db && a.group !== b.group && groupOrder.indexOf(a.group) > groupOrder.indexOf(b.group)) bad.push(i);
      }
      expect(bad).toEqual([]);
      expect(groupOrder.length).toBeGreaterThan(1);
    }
  });

  it('ordinary visits are 10–60 minutes; hsl kinds are made by hsl staff and only they', () => {
    const bad = both.filter((r) => {
      const minutes = minuteOf(r.end) - minuteOf(r.start);
      // 60 + a double-staffed visit's second staff arriving and leaving a little later
      if (['omvårdnad', 'service', 'tillsyn'].includes(r.kind) && (minutes < 10 || minutes > 64)) return true;
      return (r.kind === 'hsl') !== (r.staff_role === 'hsl');
    });
    expect(bad).toEqual([]);
  });

  it('night patrol is outside 07:00–22:00 and ends by 07:00 or before midnight', () => {
    const night = both.filter((r) => r.kind === 'nattpatrull');
    expect(night.length).toBeGreaterThan(100);
    const badNight = night.filter((r) => {
      const s = minuteOf(r.start);
      const e = minuteOf(r.end);
      return !(s < 7 * 60 || s >= 22 * 60) || (s < 7 * 60 && e > 7 * 60) || r.staff_role !== 'undersköterska';
    });
    expect(badNight).toEqual([]);
    // Ordinary day and evening care stays inside 07–22 (by start).
    const badDay = both.filter((r) => {
      if (!['omvårdnad', 'service', 'tillsyn', 'hsl', 'matleverans'].includes(r.kind)) return false;
      const s = minuteOf(r.start);
      return s < 7 * 60 || s >= 22 * 60;
    });
    expect(badDay).toEqual([]);
  });

  it('never writes a wall time in the DST gap, nor an ambiguous one', () => {
    let nightRowsOnChangeDays = 0;
    const times = new Set<string>();
    for (const r of both) {
      times.add(r.start);
      times.add(r.end);
      if ((r.start.startsWith('2025-03-30') || r.start.startsWith('2024-10-27')) && minuteOf(r.start) < 7 * 60) {
        nightRowsOnChangeDays++;
      }
    }
    expect(nightRowsOnChangeDays).toBeGreaterThan(0);
    // A date whose offset is the same at its start and end has no change: every wall time exists once.
    const changeDate = new Map<string, boolean>();
    const hasChange = (date: string): boolean => {
      let v = changeDate.get(date);
      if (v === undefined) {
        const a = DateTime.fromISO(`${date}T00:00`, { zone: 'Europe/Stockholm' }).offset;
        const b = DateTime.fromISO(`${date}T23:59`, { zone: 'Europe/Stockholm' }).offset;
        changeDate.set(date, (v = a !== b));
      }
      return v;
    };
    expect([...times].filter((t) => hasChange(t.slice(0, 10)) && !unambiguousLocal(t))).toEqual([]);
    expect(hasChange('2025-03-30') && hasChange('2024-10-27') && !hasChange('2024-10-28')).toBe(true);
    // The check itself works: it rejects gap and doubled times.
    expect(unambiguousLocal('2025-03-30 02:30')).toBe(false);
    expect(unambiguousLocal('2024-10-27 02:30')).toBe(false);
    expect(unambiguousLocal('2024-10-27 03:00')).toBe(true);
  });

  it('has safety alarms at any time of day, meal deliveries and home health care', () => {
    const alarms = both.filter((r) => r.kind === 'trygghetslarm').map((r) => minuteOf(r.start));
    expect(alarms.some((m) => m < 7 * 60)).toBe(true);
    expect(alarms.some((m) => m >= 7 * 60 && m < 14 * 60)).toBe(true);
    expect(alarms.some((m) => m >= 14 * 60 && m < 22 * 60)).toBe(true);
    expect(both.filter((r) => r.kind === 'trygghetslarm' && minuteOf(r.end) - minuteOf(r.start) > 30)).toEqual([]);
    expect(both.filter((r) => r.kind === 'matleverans').length).toBeGreaterThan(100);
    expect(both.filter((r) => r.kind === 'hsl').length).toBeGreaterThan(100);
    expect(spring.truth.rowsByKind['trygghetslarm']).toBe(spring.rows.filter((r) => r.kind === 'trygghetslarm').length);
  });

  it('staff routes: one staff member never overlaps visits and travels between homes', () => {
    for (const rows of [spring.rows, autumn.rows]) {
      const routes = new Map<string, GeneratedRow[]>();
      for (const r of rows) {
        const k = `${r.staff_id} ${r.start.slice(0, 10)}`;
        let list = routes.get(k);
        if (!list) routes.set(k, (list = []));
        list.push(r);
      }
      let legs = 0;
      const bad: [GeneratedRow, GeneratedRow][] = [];
      for (const list of routes.values()) {
        list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : 1));
        for (let i = 1; i < list.length; i++) {
          const prev = list[i - 1]!;
          const next = list[i]!;
          const gap = minuteOf(next.start) - minuteOf(prev.end);
          if (gap < 0) bad.push([prev, next]);
          if (prev.client_id !== next.client_id) {
            if (gap < 2) bad.push([prev, next]);
            legs++;
          }
        }
      }
      expect(bad).toEqual([]);
      expect(legs).toBeGreaterThan(1000);
    }
  });

  it('visit ids belong to one client; a visit has one row or two rows of different staff', () => {
    for (const rows of [spring.rows, autumn.rows]) {
      const visits = new Map<string, GeneratedRow[]>();
      for (const r of rows) {
        let list = visits.get(r.visit_id);
        if (!list) visits.set(r.visit_id, (list = []));
        list.push(r);
      }
      const bad = [...visits.values()].filter(
        (list) =>
          list.length > 2 ||
          new Set(list.map((r) => r.client_id)).size !== 1 ||
          new Set(list.map((r) => r.staff_id)).size !== list.length,
      );
      expect(bad).toEqual([]);
    }
  });

  it('client facts are constant per client; clients are mostly 65+; homes are near a Swedish town', () => {
    const facts = new Map<string, string>();
    const ages: number[] = [];
    for (const r of autumn.rows) {
      const f = [r.group, r.client_birth_date, r.contact_staff_id, r.lat, r.lon].join('|');
      const seen = facts.get(r.client_id);
      if (seen === undefined) {
        facts.set(r.client_id, f);
        expect(r.client_birth_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(DateTime.fromISO(r.client_birth_date, { zone: 'UTC' }).isValid).toBe(true);
        ages.push(ageOn(r.client_birth_date, '2024-10-01'));
        const lat = Number(r.lat);
        const lon = Number(r.lon);
        expect(lat).toBeGreaterThan(62.2);
        expect(lat).toBeLessThan(62.8);
        expect(lon).toBeGreaterThan(15.0);
        expect(lon).toBeLessThan(16.3);
        expect(r.lat).toMatch(/^\d+\.\d{5}$/);
      } else if (f !== seen) {
        expect(f).toBe(seen);
      }
    }
    expect(facts.size).toBe(150);
    const old = ages.filter((a) => a >= 65).length / ages.length;
    expect(old).toBeGreaterThan(0.8);
    expect(old).toBeLessThan(1);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...ages)).toBeLessThanOrEqual(105);
  });

  it('the contact person is a regular of the client group who makes a good share of the visits', () => {
    for (const { rows } of [spring, autumn]) {
      const staffGroup = new Map<string, Set<string>>();
      const perClient = new Map<string, { contact: string; group: string; visits: number; byContact: number }>();
      for (const r of rows) {
        let g = staffGroup.get(r.staff_id);
        if (!g) staffGroup.set(r.staff_id, (g = new Set()));
        g.add(r.group);
        if (!['omvårdnad', 'service', 'tillsyn'].includes(r.kind)) continue;
        let c = perClient.get(r.client_id);
        if (!c) perClient.set(r.client_id, (c = { contact: r.contact_staff_id, group: r.group, visits: 0, byContact: 0 }));
        c.visits++;
        if (r.staff_id === r.contact_staff_id) c.byContact++;
      }
      const shares: number[] = [];
      for (const c of perClient.values()) {
        expect(staffGroup.get(c.contact)?.has(c.group)).toBe(true);
        if (c.visits >= 20) shares.push(c.byContact / c.visits);
      }
      shares.sort((a, b) => a - b);
      expect(shares[shares.length >> 1]!).toBeGreaterThan(0.15);
    }
  });

  it('hospital stays: runs of days without any visits, matching the truth', () => {
    for (const { rows, truth } of [spring, autumn]) {
      const start = rows[0]!.start.slice(0, 10);
      const days = truth.days;
      const present = new Map<string, Uint8Array>();
      for (const r of rows) {
        let d = present.get(r.client_id);
        if (!d) present.set(r.client_id, (d = new Uint8Array(days)));
        d[dayDiff(start, r.start.slice(0, 10))] = 1;
      }
      let emptyDays = 0;
      let runs = 0;
      let withGap = 0;
      for (const d of present.values()) {
        let gap = false;
        for (let i = 0; i < days; i++) {
          if (!d[i]) {
            emptyDays++;
            if (i === 0 || d[i - 1]) runs++;
            gap = true;
          }
        }
        if (gap) withGap++;
      }
      expect(truth.hospitalDays).toBeGreaterThan(0);
      expect(emptyDays).toBe(truth.hospitalDays);
      expect(runs).toBe(truth.hospitalStays);
      expect(withGap).toBe(truth.clientsWithHospitalStay);
      // At least one stay lies strictly inside the period: visits before and after it.
      const inner = [...present.values()].some((d) => {
        const s = Array.from(d).join('');
        return /1+0{2,}1/.test(s);
      });
      expect(inner).toBe(true);
    }
  });

  it('truth row counts match the rows', () => {
    for (const { rows, truth } of [spring, autumn]) {
      expect(truth.rows).toBe(rows.length);
      expect(truth.visits).toBe(new Set(rows.map((r) => r.visit_id)).size);
      expect(Object.values(truth.rowsByKind).reduce((a, b) => a + b, 0)).toBe(rows.length);
      expect(truth.staff).toBe(new Set(rows.map((r) => r.staff_id)).size);
    }
  });
});

describe('double staffing', () => {
  it('the planted double-staffed visits equal an independent count and the hook list', () => {
    const listed: string[] = [];
    const { rows, truth } = run(
      { clients: 200, days: 21, seed: 3 },
      { onDoubleStaffed: (clientId, visitId) => listed.push(`${clientId}/${visitId}`) },
    );
    const staffByVisit = new Map<string, Set<string>>();
    const starts = new Map<string, number[]>();
    for (const r of rows) {
      const key = `${r.client_id}/${r.visit_id}`;
      let s = staffByVisit.get(key);
      if (!s) staffByVisit.set(key, (s = new Set()));
      s.add(r.staff_id);
      let t = starts.get(key);
      if (!t) starts.set(key, (t = []));
      t.push(minuteOf(r.start), minuteOf(r.end));
    }
    const doubles = [...staffByVisit].filter(([, s]) => s.size >= 2).map(([k]) => k);
    expect(doubles.length).toBeGreaterThan(50);
    expect(truth.doubleStaffedVisits).toBe(doubles.length);
    expect(new Set(listed)).toEqual(new Set(doubles));
    expect(listed).toHaveLength(doubles.length);
    const clients = new Set(doubles.map((k) => k.split('/')[0]));
    expect(truth.doubleStaffedClients).toBe(clients.size);
    expect(clients.size).toBeLessThan(200 * 0.25);
    // Times equal or nearly equal.
    for (const k of doubles) {
      const [s1, e1, s2, e2] = starts.get(k)!;
      expect(Math.abs(s1! - s2!)).toBeLessThanOrEqual(5);
      expect(Math.abs(e1! - e2!)).toBeLessThanOrEqual(5);
    }
    // Recurring: a double-staffed client has double-staffed visits on most days it has visits.
    const daysWithDouble = new Map<string, Set<string>>();
    for (const r of rows) {
      if (staffByVisit.get(`${r.client_id}/${r.visit_id}`)!.size < 2) continue;
      let d = daysWithDouble.get(r.client_id);
      if (!d) daysWithDouble.set(r.client_id, (d = new Set()));
      d.add(r.start.slice(0, 10));
    }
    for (const d of daysWithDouble.values()) expect(d.size).toBeGreaterThanOrEqual(5);
  });
});
