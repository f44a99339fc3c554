import ExcelJS from 'exceljs';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDate, addMonthsToDate, bureauDate, HAZARD_CATEGORIES } from '@yingji/domain';
import { auditLog, enterprises, hazards } from '../../../db/schema/index';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { firm } from '../../../../test/inspection-fixtures';
import { hazard, hazardCountsDrift, type THazardInput } from '../../../../test/hazard-views-fixtures';
import { expectedDashboard, inScope, isClosed, NOW, PERIODS, statsReader, TODAY } from './hazard-stats.expected';

// Every figure here is compared with a count taken straight from the hazards rows as they are in the database.
let h: THarness;
let city: string;
let tanzhou: string;
const { rowsNow, get, checkDashboard } = statsReader(() => h);

let moverHazards: number[] = [];
let t1: { id: number; divisionCode: string };

beforeAll(async () => {
  h = await createHarness();
  h.clock.set(NOW);
  city = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  t1 = await firm(h.db);
  const t2 = await firm(h.db);
  const x1 = await firm(h.db, { divisionCode: TOWNS.xiaolan });
  const s1 = await firm(h.db, { divisionCode: TOWNS.shiqi });
  await h.db
    .update(enterprises)
    .set({ longitude: 113.39, latitude: 22.52 })
    .where(inArray(enterprises.id, [t1.id, x1.id]));
  const firms = [t1, t2, x1, s1];
  const states = ['found', 'ordered', 'rectifying', 'submitted', 'closed', 'closed', 'rectifying'] as const;
  const sources = ['inspection', 'self_check', 'complaint', 'self_check', 'campaign'] as const;
  let n = 0;
  // Five months of hazards: a few a week in each town, in every state, with deadlines before and after today.
  for (let day = '2026-01-03'; day <= TODAY; day = addDaysToDate(day, 3)) {
    for (const f of firms) {
      n++;
      if (n % 3 === 0 && f === s1) continue;
      const state = states[n % states.length]!;
      const deadline = addDaysToDate(day, 20 + (n % 4) * 15);
      const o: THazardInput = {
        enterpriseId: f.id,
        divisionCode: f.divisionCode,
        foundOn: day,
        state,
        level: n % 5 === 0 ? 'major' : 'general',
        category: HAZARD_CATEGORIES[n % 6]!,
        source: sources[(n * 7 + Math.floor(n / 5)) % sources.length]!,
        deadline,
        // Closed by the deadline or before it; some sign-offs land on a month's last evening, Shanghai time.
        closedAt:
          state === 'closed'
            ? new Date(`${deadline < TODAY ? deadline : TODAY}T${n % 2 ? '23:30:00' : '09:00:00'}+08:00`).toISOString()
            : undefined,
      };
      await hazard(h.db, o);
    }
  }
  // The month's edge in Asia/Shanghai: 16:30Z on 31 March is 00:30 on 1 April; 15:59Z is still 31 March.
  await hazard(h.db, {
    enterpriseId: t1.id,
    divisionCode: t1.divisionCode,
    foundAt: '2026-03-31T16:30:00Z',
    level: 'major',
    state: 'rectifying',
    deadline: '2026-05-10',
  });
  await hazard(h.db, {
    enterpriseId: t1.id,
    divisionCode: t1.divisionCode,
    foundAt: '2026-03-31T15:59:00Z',
    level: 'major',
    state: 'closed',
    closedAt: '2026-04-30T16:30:00Z',
    deadline: '2026-05-10',
  });
  moverHazards = [
    await hazard(h.db, {
      enterpriseId: x1.id,
      divisionCode: x1.divisionCode,
      foundOn: '2026-02-14',
      state: 'rectifying',
      level: 'major',
      category: 'dust',
      source: 'self_check',
      deadline: '2026-06-30',
    }),
    await hazard(h.db, {
      enterpriseId: x1.id,
      divisionCode: x1.divisionCode,
      foundOn: '2026-04-14',
      state: 'closed',
      closedAt: '2026-05-02T03:00:00Z',
      category: 'gas',
      deadline: '2026-05-30',
    }),
  ];
});
afterAll(() => h?.close());

describe('hazard dashboard', () => {
  it('puts a hazard found at 00:30 on 1 April (Shanghai) in April, and one at 23:59 on 31 March in March', async () => {
    const [april] = await h.db
      .select({ foundOn: hazards.foundOn })
      .from(hazards)
      .where(sql`${hazards.foundOn} = '2026-04-01' AND ${hazards.enterpriseId} = ${t1.id} AND ${hazards.level} = 'major'`);
    expect(april?.foundOn).toBe('2026-04-01');
    const march = await get(city, `/api/hazard-stats/dashboard?by=town&from=2026-03-31&to=2026-03-31`);
    const aprilDay = await get(city, `/api/hazard-stats/dashboard?by=town&from=2026-04-01&to=2026-04-01`);
    const rows = await rowsNow();
    expect(march.total.foundInPeriod).toBe(rows.filter((r) => r.foundOn === '2026-03-31').length);
    expect(aprilDay.total.foundInPeriod).toBe(rows.filter((r) => r.foundOn === '2026-04-01').length);
    expect(aprilDay.total.foundInPeriod).toBeGreaterThan(0);
    // Closed at 16:30Z on 30 April: 1 May in Shanghai.
    const may1 = await get(city, `/api/hazard-stats/dashboard?by=town&from=2026-05-01&to=2026-05-01`);
    expect(may1.total.closedInPeriod).toBe(rows.filter((r) => isClosed(r) && r.closedOn === '2026-05-01').length);
    expect(may1.total.closedInPeriod).toBeGreaterThan(0);
  });

  it.each(PERIODS.map((p) => [p]))('city figures for %j equal the rows, by town and by category', async (q) => {
    await checkDashboard(city, '4420', q);
  });

  it('keeps a town officer to their town', async () => {
    await checkDashboard(tanzhou, TOWNS.tanzhou, { from: '2026-01-15', to: '2026-04-10' });
    const d = await get(tanzhou, `/api/hazard-stats/dashboard?by=town`);
    expect(d.rows.map((r: { key: string }) => r.key)).toEqual([TOWNS.tanzhou]);
    const narrowed = await get(city, `/api/hazard-stats/dashboard?by=category&divisionCode=${TOWNS.xiaolan}&from=2026-01-01&to=2026-05-31`);
    const want = expectedDashboard(await rowsNow(), 'category', '2026-01-01', '2026-05-31', TOWNS.xiaolan);
    expect(narrowed.total.foundInPeriod).toBe([...want.values()].reduce((s, r) => s + r.foundInPeriod, 0));
  });

  it('keeps the counters right through closing, a category change, a firm moving town and deletion', async () => {
    expect((await hazardCountsDrift(h.db)).kept).toEqual((await hazardCountsDrift(h.db)).recount);
    const [open, closed] = moverHazards as [number, number];
    // Closing: counted closed in the month of its closed_on.
    await h.db
      .update(hazards)
      .set({ state: 'closed', closedAt: '2026-04-30T17:00:00Z', closedOn: '2026-05-01' })
      .where(eq(hazards.id, open));
    // A category corrected, and a plain edit that changes nothing counted.
    await h.db.update(hazards).set({ category: 'fire' }).where(eq(hazards.id, closed));
    await h.db.update(hazards).set({ supervised: true, location: '二号车间' }).where(eq(hazards.id, closed));
    let drift = await hazardCountsDrift(h.db);
    expect(drift.kept).toEqual(drift.recount);
    await checkDashboard(city, '4420', { from: '2026-02-01', to: '2026-05-20' });
    // The firm moves from Xiaolan to Tanzhou and its hazards' division follows (one statement, several rows).
    await h.db.update(hazards).set({ divisionCode: TOWNS.tanzhou }).where(inArray(hazards.id, moverHazards));
    drift = await hazardCountsDrift(h.db);
    expect(drift.kept).toEqual(drift.recount);
    await checkDashboard(tanzhou, TOWNS.tanzhou, { from: '2026-02-01', to: '2026-05-20' });
    await checkDashboard(city, '4420', { from: '2026-02-14', to: '2026-04-14' });
    // A state moving back from closed (a correction) and a level change in one statement.
    await h.db.update(hazards).set({ state: 'submitted', level: 'major' }).where(eq(hazards.id, closed));
    drift = await hazardCountsDrift(h.db);
    expect(drift.kept).toEqual(drift.recount);
    // Deletion.
    await h.db.delete(hazards).where(inArray(hazards.id, moverHazards));
    await h.db.delete(hazards).where(sql`${hazards.foundOn} BETWEEN '2026-01-20' AND '2026-01-25'`);
    drift = await hazardCountsDrift(h.db);
    expect(drift.kept).toEqual(drift.recount);
    for (const q of PERIODS) await checkDashboard(city, '4420', q);
  });
});

describe('dynamic clearing, self-found share, map, export', () => {
  it('gives major hazards open at each month end, found and closed in the month, as computed from the rows', async () => {
    for (const [cookie, scope] of [
      [city, '4420'],
      [tanzhou, TOWNS.tanzhou],
    ] as const) {
      const c = await get(cookie, `/api/hazard-stats/clearing?months=7`);
      const rows = (await rowsNow()).filter((r) => r.level === 'major' && inScope(r, scope));
      const months = Array.from({ length: 7 }, (_, i) => addMonthsToDate('2026-05-01', i - 6).slice(0, 7));
      expect(c.points.map((p: { month: string }) => p.month)).toEqual(months);
      for (const p of c.points) {
        const end = addDaysToDate(addMonthsToDate(`${p.month}-01`, 1), -1);
        expect(p, p.month).toEqual({
          month: p.month,
          openAtEnd: rows.filter((r) => r.foundOn <= end && !(isClosed(r) && r.closedOn! <= end)).length,
          found: rows.filter((r) => r.foundOn.slice(0, 7) === p.month).length,
          closed: rows.filter((r) => isClosed(r) && r.closedOn!.slice(0, 7) === p.month).length,
        });
      }
      expect(c.openNow).toBe(rows.filter((r) => r.state !== 'closed').length);
      expect(c.points.at(-1).openAtEnd).toBe(c.openNow);
    }
  });

  it.each([[{}], [{ from: '2026-01-01', to: '2026-03-31' }], [{ from: '2026-02-10', to: '2026-04-01', level: 'major' }]])(
    'gives the self-found share for %j as counted from the rows',
    async (q: { from?: string; to?: string; level?: string }) => {
      const s = await get(city, `/api/hazard-stats/self-found?${new URLSearchParams(q).toString()}`);
      const from = q.from ?? '2026-01-01';
      const to = q.to ?? '2026-12-31';
      const rows = (await rowsNow()).filter((r) => r.foundOn >= from && r.foundOn <= to && (!q.level || r.level === q.level));
      for (const t of s.rows) {
        const mine = rows.filter((r) => r.divisionCode === t.key);
        const self = mine.filter((r) => r.source === 'self_check').length;
        expect(t, t.key).toMatchObject({
          total: mine.length,
          selfFound: self,
          share: mine.length ? Math.round((self / mine.length) * 10000) / 10000 : 0,
        });
      }
      const self = rows.filter((r) => r.source === 'self_check').length;
      expect(s.total).toEqual({ total: rows.length, selfFound: self, share: Math.round((self / rows.length) * 10000) / 10000 });
      expect(s.total.selfFound).toBeGreaterThan(0);
    },
  );

  it('maps the open major hazards of firms with coordinates, in scope', async () => {
    const withCoords = new Set(
      (
        await h.db
          .select({ id: enterprises.id })
          .from(enterprises)
          .where(sql`${enterprises.longitude} IS NOT NULL`)
      ).map((r) => r.id),
    );
    const rows = await rowsNow();
    const want = (scope: string) =>
      rows
        .filter((r) => r.state !== 'closed' && r.level === 'major' && withCoords.has(r.enterpriseId) && inScope(r, scope))
        .map((r) => r.id)
        .sort((a, b) => a - b);
    const points = await get(city, '/api/hazard-stats/map');
    expect(points.map((p: { id: number }) => p.id).sort((a: number, b: number) => a - b)).toEqual(want('4420'));
    expect(points.length).toBeGreaterThan(0);
    const p = points[0];
    const row = rows.find((r) => r.id === p.id)!;
    expect(p).toMatchObject({
      longitude: 113.39,
      latitude: 22.52,
      deadline: row.deadline,
      overdue: row.deadline < bureauDate(new Date(NOW)) && row.state !== 'submitted',
    });
    const town = await get(tanzhou, '/api/hazard-stats/map');
    expect(town.map((q: { id: number }) => q.id).sort((a: number, b: number) => a - b)).toEqual(want(TOWNS.tanzhou));
  });

  it('exports the dashboard as a workbook and records the export', async () => {
    const res = await h.call('GET', '/api/hazard-stats/dashboard.xlsx?by=category&from=2026-01-01&to=2026-04-15', { cookie: city });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const d = await get(city, '/api/hazard-stats/dashboard?by=category&from=2026-01-01&to=2026-04-15');
    expect(sheet.rowCount).toBe(d.rows.length + 2);
    expect(sheet.getRow(sheet.rowCount).getCell(5).value).toBe(d.total.foundInPeriod);
    const [entry] = await h.db.select().from(auditLog).where(eq(auditLog.entity, 'hazard_stats'));
    expect(entry?.action).toBe('export');
  });

  it('refuses an enterprise user and a reversed period', async () => {
    const firmUser = (await h.userWithSession({ role: 'enterprise_user' })).cookie;
    expect((await h.call('GET', '/api/hazard-stats/dashboard', { cookie: firmUser })).statusCode).toBe(403);
    const bad = await h.call('GET', '/api/hazard-stats/dashboard?from=2026-05-01&to=2026-04-01', { cookie: city });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('结束日期');
  });
});

describe('hazard list totals from the counters', () => {
  it('equal a count of the rows for every period, town, level, category and source, for the city and a town', async () => {
    const rows = await rowsNow();
    const filters: Record<string, string>[] = [
      {},
      { level: 'major' },
      { category: HAZARD_CATEGORIES[2]! },
      { source: 'self_check' },
      { divisionCode: TOWNS.xiaolan, level: 'general' },
    ];
    for (const [cookie, scope] of [
      [city, '4420'],
      [tanzhou, TOWNS.tanzhou],
    ] as const) {
      for (const period of PERIODS) {
        for (const f of filters) {
          const q: Record<string, string> = { ...f, ...(period.from ? { from: period.from, to: period.to! } : {}) };
          const want = rows.filter(
            (r) =>
              inScope(r, scope) &&
              (!q.divisionCode || inScope(r, q.divisionCode)) &&
              (!q.level || r.level === q.level) &&
              (!q.category || r.category === q.category) &&
              (!q.source || r.source === q.source) &&
              (!q.from || r.foundOn >= q.from) &&
              (!q.to || r.foundOn <= q.to),
          ).length;
          const page = await get(cookie, `/api/hazards?pageSize=1&${new URLSearchParams(q).toString()}`);
          expect(page.total, `${scope} ${JSON.stringify(q)}`).toBe(want);
        }
      }
    }
  });
});
