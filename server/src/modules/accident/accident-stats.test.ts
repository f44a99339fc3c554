/** Statistics from the records: every figure equals a count taken from the rows, including the 双下降 towns. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { enterpriseBody } from '../../../test/enterprise-fixtures';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let duty: { cookie: string };
let firmId: number;

const accident = (town: string, occurredAt: string, deaths: number, over: Record<string, unknown> = {}) => ({
  title: '统计测试事故',
  enterpriseId: firmId,
  divisionCode: town,
  accidentType: 'fall_from_height',
  place: '测试地点',
  occurredAt,
  knownAt: new Date(Date.parse(occurredAt) + 10 * 60_000).toISOString(),
  summary: '高处作业坠落',
  measures: '已送医',
  deaths,
  missing: 0,
  seriousInjuries: 0,
  minorInjuries: 1,
  lossFen: 100_000,
  unitPassedUpAt: new Date(Date.parse(occurredAt) + 30 * 60_000).toISOString(),
  receivedAt: new Date(Date.parse(occurredAt) + 30 * 60_000).toISOString(),
  ...over,
});

// [town, occurredAt, deaths, overrides]
const ROWS: [string, string, number, Record<string, unknown>?][] = [
  // 坦洲 2023: 3 accidents, 2 deaths → 2024: 2 accidents, 1 death (双下降)
  [TOWNS.tanzhou, '2023-02-10T02:00:00Z', 1],
  [TOWNS.tanzhou, '2023-06-10T02:00:00Z', 1],
  [TOWNS.tanzhou, '2023-09-10T02:00:00Z', 0],
  [TOWNS.tanzhou, '2023-12-31T16:30:00Z', 0], // 2024-01-01 00:30 Shanghai: counts in 2024, not 2023
  [TOWNS.tanzhou, '2024-03-10T02:00:00Z', 1],
  // 小榄: fewer accidents, deaths unchanged (not 双下降)
  [TOWNS.xiaolan, '2023-03-01T02:00:00Z', 1],
  [TOWNS.xiaolan, '2023-04-01T02:00:00Z', 0],
  [TOWNS.xiaolan, '2024-05-01T02:00:00Z', 1],
  // 石岐: more accidents, a construction site outside the registry
  [TOWNS.shiqi, '2023-07-01T02:00:00Z', 1, { enterpriseId: null, partyName: '某建筑工地', industry: '建筑施工' }],
  [TOWNS.shiqi, '2024-07-01T02:00:00Z', 0, { enterpriseId: null, partyName: '某建筑工地', industry: '建筑施工', accidentType: 'collapse' }],
  [TOWNS.shiqi, '2024-08-01T02:00:00Z', 0, { measures: '', unitPassedUpAt: '2024-08-01T03:15:00Z', receivedAt: '2024-08-01T03:15:00Z' }],
];

beforeAll(async () => {
  h = await createHarness();
  const bureau = await h.userWithSession({ role: 'bureau_officer' });
  firmId = (await h.call('POST', '/api/enterprises', { cookie: bureau.cookie, body: enterpriseBody(16002) })).json().id;
  duty = await h.userWithSession({ role: 'duty_officer' });
  for (const [town, occurredAt, deaths, over] of ROWS) {
    const res = await h.call('POST', '/api/accidents', { cookie: duty.cookie, body: accident(town, occurredAt, deaths, over) });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => h.close());

const fromRows = async (from: string, to: string) =>
  queryRows<{ division_code: string; n: number; deaths: number }>(
    h.db,
    sql`SELECT division_code, count(*)::int AS n, sum(deaths)::int AS deaths FROM accidents
        WHERE kind = 'accident' AND (occurred_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN ${from}::date AND ${to}::date GROUP BY division_code`,
  );

describe('accident statistics', () => {
  it('equals the counts taken from the rows, by town, with the double-decline towns', async () => {
    const res = await h.call('GET', '/api/accidents/stats?period=2024', { cookie: duty.cookie });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    const cur = await fromRows('2024-01-01', '2024-12-31');
    const prev = await fromRows('2023-01-01', '2023-12-31');
    for (const t of s.byTown) {
      const c = cur.find((r) => r.division_code === t.key);
      const p = prev.find((r) => r.division_code === t.key);
      expect([t.current.count, t.current.deaths, t.previous.count, t.previous.deaths]).toEqual([
        c?.n ?? 0,
        c?.deaths ?? 0,
        p?.n ?? 0,
        p?.deaths ?? 0,
      ]);
    }
    const expected = s.byTown
      .map((t: { key: string }) => t.key)
      .filter((k: string) => {
        const c = cur.find((r) => r.division_code === k) ?? { n: 0, deaths: 0 };
        const p = prev.find((r) => r.division_code === k) ?? { n: 0, deaths: 0 };
        return c.n < p.n && c.deaths < p.deaths;
      });
    expect(s.doubleDeclineTowns.map((t: { code: string }) => t.code)).toEqual(expected);
    expect(s.doubleDeclineTowns).toEqual([{ code: TOWNS.tanzhou, name: '坦洲镇' }]);
    expect(s.byTown).toHaveLength(23);
    expect(s.totals).toMatchObject({
      current: { count: 5, deaths: 2 },
      previous: { count: 6, deaths: 4 },
      countChange: -16.7,
      deathsChange: -50,
    });
  });

  it('compares industries as the seed does: 工贸 by the firm’s category, others as reported', async () => {
    const s = (await h.call('GET', '/api/accidents/stats?period=2024', { cookie: duty.cookie })).json();
    const byKey = Object.fromEntries(s.byIndustry.map((r: { key: string }) => [r.key, r]));
    expect(byKey['工贸']).toMatchObject({
      current: { count: 4, deaths: 2 },
      previous: { count: 5, deaths: 3 },
      countChange: -20,
      deathsChange: -33.3,
    });
    expect(byKey['建筑施工']).toMatchObject({ current: { count: 1, deaths: 0 }, previous: { count: 1, deaths: 1 } });
    expect(s.byGrade.find((r: { key: string }) => r.key === 'general').current.count).toBe(5);
    expect(s.byType.find((r: { key: string }) => r.key === 'collapse').current.count).toBe(1);
    expect(s.byMonth).toHaveLength(12);
    expect(s.byMonth[0]).toMatchObject({ month: '2024-01', current: { count: 1 }, previous: { count: 0 } });
  });

  it('takes quarters in Asia/Shanghai and reports reporting quality by town', async () => {
    const q1 = (await h.call('GET', '/api/accidents/stats?period=2024-Q1', { cookie: duty.cookie })).json();
    expect(q1.range).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(q1.totals.current.count).toBe(2); // 01-01 00:30 Shanghai and 03-10
    expect(q1.totals.previous.count).toBe(2); // 2023-02-10 and 03-01
    const y = (await h.call('GET', '/api/accidents/stats?period=2024', { cookie: duty.cookie })).json();
    const shiqi = y.reporting.find((r: { code: string }) => r.code === TOWNS.shiqi);
    expect(shiqi).toMatchObject({ accidents: 2, lateSteps: 1 });
    expect(shiqi.problems).toEqual(['事故单位迟报 1 次', '未报告已采取的措施 1 起']);
  });

  it('exports the statistics as Excel, and refuses a bad period in Chinese', async () => {
    const file = await h.call('GET', '/api/accidents/stats/export?period=2024', { cookie: duty.cookie });
    expect(file.statusCode).toBe(200);
    expect(String(file.headers['content-disposition'])).toContain(encodeURIComponent('事故统计-2024'));
    const bad = await h.call('GET', '/api/accidents/stats?period=2024-13', { cookie: duty.cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('统计期间格式');
  });

  it('counts the period’s follow-ups out of window and its findings by town, never the year before’s', async () => {
    const list = (await h.call('GET', `/api/accidents?divisionCode=${TOWNS.shiqi}&pageSize=50`, { cookie: duty.cookie })).json();
    const idOn = (day: string) => list.items.find((a: { occurredAt: string }) => a.occurredAt.startsWith(day)).id;
    const figures = { deaths: 0, missing: 0, seriousInjuries: 0, minorInjuries: 2, lossFen: 100_000, note: '伤者增加一人' };
    for (const day of ['2024-07-01', '2023-07-01']) {
      const id = idOn(day);
      const late = await h.call('POST', `/api/accidents/${id}/casualties`, {
        cookie: duty.cookie,
        body: { ...figures, deaths: day < '2024' ? 1 : 0 },
      });
      expect(late.statusCode, late.body).toBe(200);
      const found = await h.call('POST', `/api/accidents/${id}/findings`, {
        cookie: duty.cookie,
        body: { kind: 'omitted', reason: '未按时报告' },
      });
      expect(found.statusCode, found.body).toBe(200);
    }
    const y = (await h.call('GET', '/api/accidents/stats?period=2024', { cookie: duty.cookie })).json();
    expect(y.reporting.find((r: { code: string }) => r.code === TOWNS.shiqi)).toMatchObject({
      accidents: 2,
      lateFollowUps: 1,
      findings: 1,
      problems: ['事故单位迟报 1 次', '续报超出时限 1 次', '漏报 1 起', '未报告已采取的措施 1 起'],
    });
    expect(y.totals.current.injuries).toBe(6); // five accidents, one of them followed up with one more injured: read after the write
  });
});
