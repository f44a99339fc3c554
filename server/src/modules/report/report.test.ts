/** Each report figure equals a count taken straight from the rows, for periods at quarter and year edges. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let bureau: string;
let town: string;

// accidents on the edges of quarters and years in the bureau's calendar: (date, town, deaths, kind)
const ROWS: [string, string, number, 'accident' | 'emergency'][] = [
  ['2024-03-31', TOWNS.tanzhou, 1, 'accident'],
  ['2024-04-01', TOWNS.xiaolan, 0, 'accident'],
  ['2024-12-31', TOWNS.tanzhou, 2, 'accident'],
  ['2025-01-01', TOWNS.tanzhou, 0, 'accident'],
  ['2025-03-31', TOWNS.xiaolan, 3, 'accident'],
  ['2025-03-31', TOWNS.tanzhou, 0, 'emergency'],
  ['2025-04-01', TOWNS.tanzhou, 1, 'accident'],
  ['2025-12-31', TOWNS.xiaolan, 0, 'accident'],
];

beforeAll(async () => {
  h = await createHarness();
  bureau = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  town = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  for (const [day, division, deaths, kind] of ROWS) {
    // 23:30 on the day in Asia/Shanghai: still that day in the bureau's calendar, the next day's eve in UTC
    const at = `${day}T23:30:00+08:00`;
    await h.db.execute(sql`insert into accidents (kind, title, division_code, place, occurred_at, occurred_on, known_at, summary,
      deaths, follow_up_last_day, created_at, updated_at)
      values (${kind}, '测试事故', ${division}, '测试地点', ${at}, ${day}, ${at}, '经过', ${deaths}, ${day}, ${at}, ${at})`);
  }
});
afterAll(() => h.close());

async function direct(from: string, to: string, scope: string) {
  const [row] = await queryRows<{ n: number; d: number }>(
    h.db,
    sql`select count(*)::int n, coalesce(sum(deaths), 0)::int d from accidents
        where kind = 'accident' and occurred_on between ${from} and ${to} and division_code like ${scope + '%'}`,
  );
  return row!;
}

describe('the report builder', () => {
  it.each([
    ['kind=quarter&year=2025&part=1', '2025-01-01', '2025-03-31'],
    ['kind=quarter&year=2025&part=2', '2025-04-01', '2025-06-30'],
    ['kind=quarter&year=2025&part=4', '2025-10-01', '2025-12-31'],
    ['kind=year&year=2025', '2025-01-01', '2025-12-31'],
    ['kind=half&year=2024&part=1', '2024-01-01', '2024-06-30'],
    ['kind=month&year=2025&part=3', '2025-03-01', '2025-03-31'],
    ['kind=custom&from=2024-12-31&to=2025-01-01', '2024-12-31', '2025-01-01'],
  ])('%s: each accident figure equals the rows counted straight, this year and last', async (query, from, to) => {
    for (const [cookie, scope] of [
      [bureau, '4420'],
      [town, TOWNS.tanzhou],
    ] as const) {
      const res = await h.call('GET', `/api/reports/figures?${query}`, { cookie });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect([body.from, body.to, body.scope]).toEqual([from, to, scope]);
      const byId = Object.fromEntries(body.figures.map((f: { id: string }) => [f.id, f]));
      const now = await direct(from, to, scope);
      const before = await direct(body.lastYearFrom, body.lastYearTo, scope);
      expect(byId['accident.count']).toMatchObject({ value: now.n, lastYear: before.n });
      expect(byId['accident.deaths']).toMatchObject({ value: now.d, lastYear: before.d });
      expect(byId['accident.count'].drill).toBe(
        `/accidents?kind=accident&from=${from}&to=${to}${scope.length === 9 ? `&divisionCode=${scope}` : ''}`,
      );
    }
  });

  it('compares year on year: Q1 2025 has 2 accidents and 3 deaths against 1 and 1 in Q1 2024', async () => {
    const body = (await h.call('GET', '/api/reports/figures?kind=quarter&year=2025&part=1', { cookie: bureau })).json();
    const count = body.figures.find((f: { id: string }) => f.id === 'accident.count');
    const deaths = body.figures.find((f: { id: string }) => f.id === 'accident.deaths');
    expect([count.value, count.lastYear, count.yearOnYear]).toEqual([2, 1, 100]);
    expect([deaths.value, deaths.lastYear, deaths.yearOnYear]).toEqual([3, 1, 200]);
  });

  it('refuses a period ending before it starts, and a scope outside the user’s', async () => {
    const bad = await h.call('GET', '/api/reports/figures?kind=custom&from=2025-09-12&to=2025-09-01', { cookie: bureau });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid', field: 'to', message: expect.stringContaining('报告期结束日期不能早于开始日期') });
    const other = await h.call('GET', `/api/reports/figures?kind=year&year=2025&divisionCode=${TOWNS.xiaolan}`, { cookie: town });
    expect(other.statusCode).toBe(400);
    expect(other.json().message).toBe('统计范围超出您的管辖范围');
  });

  it('lists every figure’s definition on one page', async () => {
    const defs = (await h.call('GET', '/api/reports/definitions', { cookie: bureau })).json().items;
    expect(defs.map((d: { id: string }) => d.id)).toEqual([
      'inspection.unannounced',
      'inspection.random',
      'hazard.unannounced',
      'hazard.major',
      'hazard.major_self',
      'case.filed',
      'case.fines',
      'case.filed.city',
      'case.fines.city',
      'case.filed.town',
      'case.fines.town',
      'case.filed.sector.hc',
      'case.fines.sector.hc',
      'case.filed.sector.fw',
      'case.fines.sector.fw',
      'case.filed.sector.mine',
      'case.fines.sector.mine',
      'case.filed.sector.it',
      'case.fines.sector.it',
      'case.filed.sector.other',
      'case.fines.sector.other',
      'accident.count',
      'accident.deaths',
      'accident.double_decline_towns',
      'drill.held',
      'drill.self_run',
      'training.sessions',
      'training.people.officers',
      'training.people.principals',
      'training.people.safety_managers',
      'training.people.sanfang',
      'training.people.public',
      'resources.warehouses',
      'resources.lots_expiring',
      'resources.loans_overdue',
    ]);
    for (const d of defs) expect(d.counts.length).toBeGreaterThan(10);
  });
});
