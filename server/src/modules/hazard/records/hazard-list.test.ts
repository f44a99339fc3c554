/** The hazard list (scope, filters, overdue, export) and the links to inspections, risk events and obligations. */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isHazardOverdue, type THazardItem } from '@yingji/domain';
import { queryRows } from '../../../db/client';
import { TOWNS } from '../../../../test/harness';
import { allPages, expectInOrder, keyWithId } from '../../../../test/list-order';
import { inspection as makeInspection } from '../../../../test/inspection-fixtures';
import { hazardCalls, useHazardFixtures } from './hazard.fixtures';

const fx = useHazardFixtures();
const { create, get, step } = hazardCalls(() => fx);
let { h, city, tanzhou, xiaolan, firmUser, otherFirmUser, firmA, firmB, firmX, photo, criterion } = fx;
beforeAll(async () => {
  ({ h, city, tanzhou, xiaolan, firmUser, otherFirmUser, firmA, firmB, firmX, photo, criterion } = fx);
  // Rows for the filters to find: a general and a major hazard of firm A in 坦洲.
  await create(tanzhou);
  await create(tanzhou, { criterionItemId: criterion.id });
});

describe('scope and the list', () => {
  it('shows a town its own hazards and an enterprise user its own firm only, whatever the query says', async () => {
    const x = (await create(xiaolan, { enterpriseId: firmX.id })).json().id as number;
    const ids = (items: THazardItem[]) => items.map((i) => i.id);
    const townList = (await h.call('GET', '/api/hazards?pageSize=200', { cookie: tanzhou })).json();
    expect(ids(townList.items)).not.toContain(x);
    expect(townList.items.every((i: THazardItem) => i.divisionCode === TOWNS.tanzhou)).toBe(true);
    expect((await h.call('GET', `/api/hazards/${x}`, { cookie: tanzhou })).statusCode).toBe(404);
    expect(ids((await h.call('GET', '/api/hazards?pageSize=200', { cookie: xiaolan })).json().items)).toEqual([x]);
    const firmList = (await h.call('GET', `/api/hazards?pageSize=200&enterpriseId=${firmB.id}`, { cookie: firmUser })).json();
    expect(firmList.total).toBe(0);
    const own = (await h.call('GET', '/api/hazards?pageSize=200', { cookie: firmUser })).json();
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((i: THazardItem) => i.enterpriseId === firmA.id)).toBe(true);
    expect((await h.call('GET', `/api/hazards/${x}`, { cookie: firmUser })).statusCode).toBe(404);
    const cityList = (await h.call('GET', '/api/hazards?pageSize=200', { cookie: city })).json();
    expect(cityList.total).toBe(townList.total + 1);
    // newest first: found_on desc, id desc
    expect(ids(cityList.items)).toEqual([...ids(cityList.items)].sort((a, b) => b - a));
  });

  it('filters by level, state, source and keyword', async () => {
    const major = (await h.call('GET', '/api/hazards?level=major&pageSize=200', { cookie: city })).json();
    expect(major.total).toBeGreaterThan(0);
    expect(major.items.every((i: THazardItem) => i.level === 'major')).toBe(true);
    const closed = (await h.call('GET', '/api/hazards?open=false&pageSize=200', { cookie: city })).json();
    expect(closed.items.every((i: THazardItem) => i.state === 'closed')).toBe(true);
    const self = (await h.call('GET', '/api/hazards?source=self_check', { cookie: city })).json();
    expect(self.items.every((i: THazardItem) => i.source === 'self_check')).toBe(true);
    expect((await h.call('GET', `/api/hazards?q=${encodeURIComponent('远方灯饰')}`, { cookie: city })).json().total).toBe(1);
  });

  it('sorts by found date, deadline (open first: ascending puts the overdue on top), firm and town, both ways, ids breaking ties', async () => {
    await create(xiaolan, { enterpriseId: firmX.id, deadline: '2026-03-05' });
    const page = (q: string) => allPages<THazardItem>(h, city, `/api/hazards?${q}`);

    const newest = await page('');
    expect(newest.length).toBeGreaterThan(3);
    expectInOrder(
      newest.map((i) => keyWithId(i.id, i.foundOn)),
      'desc',
    );
    expectInOrder(
      (await page('sort=foundOn&order=asc')).map((i) => keyWithId(i.id, i.foundOn)),
      'asc',
    );

    const byDeadline = await page('sort=deadline&order=asc');
    const firstClosed = byDeadline.findIndex((i) => i.state === 'closed');
    if (firstClosed >= 0) expect(byDeadline.slice(firstClosed).every((i) => i.state === 'closed')).toBe(true);
    expectInOrder(
      byDeadline.filter((i) => i.state !== 'closed').map((i) => i.deadline ?? ''),
      'asc',
    );
    // the overdue are the earliest deadlines, so they lead
    const overdue = byDeadline.filter((i) => i.overdue).length;
    expect(byDeadline.slice(0, overdue).every((i) => i.overdue)).toBe(true);

    expectInOrder(
      (await page('sort=enterprise&order=asc')).map((i) => i.enterpriseName),
      'asc',
    );
    expectInOrder(
      (await page('sort=enterprise&order=desc')).map((i) => i.enterpriseName),
      'desc',
    );
    const byTown = (await page('sort=town&order=asc')).map((i) => i.divisionCode);
    expectInOrder(byTown, 'asc');
    expect(new Set(byTown).size).toBeGreaterThan(1);

    // the pages of one order neither repeat nor skip a row
    const all = (await page('sort=enterprise&order=asc')).map((i) => i.id);
    const paged: number[] = [];
    for (let p = 1; p <= Math.ceil(all.length / 2); p++) {
      const res = (await h.call('GET', `/api/hazards?pageSize=2&page=${p}&sort=enterprise&order=asc`, { cookie: city })).json();
      paged.push(...res.items.map((i: THazardItem) => i.id));
    }
    expect(paged).toEqual(all);

    const bad = await h.call('GET', '/api/hazards?sort=password', { cookie: city });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('排序字段不正确');
  });

  it('gives the total from the counters when the filter allows, equal to the rows listed', async () => {
    const today = (await h.call('GET', '/api/hazards?pageSize=1', { cookie: city })).json().items[0].foundOn as string;
    const month = today.slice(0, 7);
    for (const q of [
      '',
      'level=major',
      'source=self_check',
      `divisionCode=${TOWNS.tanzhou}`,
      `from=${month}-01&to=${today}`,
      `to=${today}`,
      'sort=deadline&order=asc',
    ]) {
      for (const cookie of [city, tanzhou]) {
        const listed = await allPages<THazardItem>(h, cookie, `/api/hazards?${q}`);
        const { total } = (await h.call('GET', `/api/hazards?${q}&pageSize=1`, { cookie })).json();
        expect({ q, total }).toEqual({ q, total: listed.length });
      }
    }
  });

  it('finds a keyword in the description, the place or the firm (name or credit code); Latin letters in any case', async () => {
    const id = (await create(tanzhou, { description: '二号车间PLC控制柜未接地', location: '西侧仓库' })).json().id as number;
    const found = async (q: string) =>
      (await h.call('GET', `/api/hazards?pageSize=200&q=${encodeURIComponent(q)}`, { cookie: city }))
        .json()
        .items.map((i: THazardItem) => i.id);
    expect(await found('plc控制')).toContain(id);
    expect(await found('PLC控制')).toContain(id);
    expect(await found('西侧仓')).toContain(id);
    expect(await found(firmA.name.slice(2, 6))).toContain(id);
    expect(await found(firmA.creditCode.slice(6, 14).toLowerCase())).toContain(id);
    expect(await found('控制柜接地')).not.toContain(id);
    // a LIKE wildcard in the keyword is a literal character
    expect(await found('%')).toEqual([]);
  });

  it('tags a hazard with campaigns, shows them on the detail and filters by them; refuses an unknown one', async () => {
    const [campaign] = await queryRows<{ id: number }>(
      h.db,
      sql`INSERT INTO campaigns (name, division_code, starts_on, ends_on, created_at, updated_at) VALUES ('粉尘涉爆专项整治', '4420', '2026-01-01', '2026-12-31', now(), now()) RETURNING id`,
    );
    const made = await create(tanzhou, { campaignIds: [campaign!.id] });
    expect(made.json().campaigns).toEqual([{ id: campaign!.id, name: '粉尘涉爆专项整治' }]);
    const tagged = (await h.call('GET', `/api/hazards?campaignId=${campaign!.id}`, { cookie: city })).json();
    expect(tagged.items.map((i: THazardItem) => i.id)).toEqual([made.json().id]);
    expect((await create(tanzhou, { campaignIds: [999999] })).json()).toMatchObject({
      field: 'campaignIds',
      message: '专项行动（编号 999999）不存在',
    });
  });

  it('derives overdue from the deadline and the bureau calendar, in the list and in the filter, at the deadline’s end', async () => {
    const id = (await create(tanzhou, { deadline: '2026-03-05', description: '逾期测试隐患' })).json().id;
    // Sessions idle out when the clock jumps: the moved clock gets a session of its own, the others stay untouched.
    const at = async (t: string) => {
      h.clock.set(t);
      return (await h.userWithSession({ role: 'bureau_officer' })).cookie;
    };
    const list = async (cookie: string, q = '') =>
      (await h.call('GET', `/api/hazards?pageSize=200${q}`, { cookie })).json().items as THazardItem[];
    const ids = (rows: THazardItem[]) => rows.map((i) => i.id).sort((a, b) => a - b);
    try {
      const lastMinute = await at('2026-03-05T15:59:59.000Z'); // 23:59:59 in Shanghai on the deadline
      expect((await get(lastMinute, id)).overdue).toBe(false);
      expect(ids(await list(lastMinute, '&overdue=true'))).not.toContain(id);
      const nextDay = await at('2026-03-05T16:00:00.000Z'); // 00:00 the day after
      expect((await get(nextDay, id)).overdue).toBe(true);
      const rows = await list(nextDay);
      const overdue = ids(await list(nextDay, '&overdue=true'));
      const now = new Date('2026-03-05T16:00:00.000Z');
      expect(overdue).toContain(id);
      expect(overdue).toEqual(ids(rows.filter((r) => isHazardOverdue(r, now))));
      expect(overdue).toEqual(ids(rows.filter((r) => r.overdue)));
      expect((await list(nextDay, '&overdue=false')).some((r) => r.overdue)).toBe(false);
      expect((await list(nextDay, '&overdue=false')).length + overdue.length).toBe(rows.length);
    } finally {
      h.clock.set('2026-03-02T01:00:00.000Z');
    }
  });

  it('exports the filtered list as Excel, audited', async () => {
    const res = await h.call('GET', '/api/hazards/export.xlsx?level=major', { cookie: city });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const list = (await h.call('GET', '/api/hazards?level=major&pageSize=200', { cookie: city })).json();
    expect(sheet.rowCount - 1).toBe(list.total);
    expect(sheet.getRow(2).getCell(1).value).toBe(list.items[0].id);
    expect(sheet.getRow(2).getCell(4).value).toBe('重大隐患');
    const [audit] = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'hazard' AND action = 'export'`,
    );
    expect(audit!.n).toBe(1);
    const firmExport = await h.call('GET', '/api/hazards/export.xlsx', { cookie: otherFirmUser });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(firmExport.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]!.rowCount).toBe(1);
  });
});

describe('links', () => {
  it('turns selected findings of a submitted inspection into hazards in one action, refusing one taken already', async () => {
    const inspectionId = await makeInspection(h.db, {
      enterpriseId: firmA.id,
      divisionCode: firmA.divisionCode,
      inspectedOn: '2026-02-27',
      findings: 3,
      major: 1,
    });
    const findings = await queryRows<{ id: number; major_hazard: boolean }>(
      h.db,
      sql`SELECT id, major_hazard FROM findings WHERE inspection_id = ${inspectionId} ORDER BY id`,
    );
    const item = (findingId: number) => ({
      findingId,
      category: 'dust',
      deadline: '2026-03-20',
      responsiblePerson: '李四',
      location: '打磨车间',
    });
    const res = await h.call('POST', '/api/hazards/from-findings', {
      cookie: tanzhou,
      body: { inspectionId, items: [item(findings[0]!.id), item(findings[1]!.id)] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json().hazards as THazardItem[];
    expect(made.map((m) => [m.level, m.source, m.state])).toEqual([
      ['major', 'inspection', 'found'],
      ['general', 'inspection', 'found'],
    ]);
    const linked = await queryRows<{ hazard_id: number | null }>(
      h.db,
      sql`SELECT hazard_id FROM findings WHERE inspection_id = ${inspectionId} ORDER BY id`,
    );
    expect(linked.map((l) => l.hazard_id)).toEqual([made[0]!.id, made[1]!.id, null]);
    expect((await get(tanzhou, made[0]!.id)).inspectionId).toBe(inspectionId);
    const again = await h.call('POST', '/api/hazards/from-findings', {
      cookie: tanzhou,
      body: { inspectionId, items: [item(findings[2]!.id), item(findings[1]!.id)] },
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().message).toContain(`检查发现问题（编号 ${findings[1]!.id}）“隐患2”已转为隐患（编号 ${made[1]!.id}）`);
    // all or nothing: the first item of the refused request was not taken over
    expect(
      (await queryRows<{ hazard_id: number | null }>(h.db, sql`SELECT hazard_id FROM findings WHERE id = ${findings[2]!.id}`))[0]!
        .hazard_id,
    ).toBeNull();
    const onInspection = (await h.call('GET', `/api/inspections/${inspectionId}/hazards`, { cookie: tanzhou })).json() as THazardItem[];
    expect(onInspection.map((m) => m.id)).toEqual(made.map((m) => m.id));
    expect((await h.call('GET', `/api/inspections/${inspectionId}/hazards`, { cookie: xiaolan })).statusCode).toBe(404);
    const draft = await makeInspection(h.db, {
      enterpriseId: firmA.id,
      divisionCode: firmA.divisionCode,
      inspectedOn: '2026-02-27',
      status: 'draft',
    });
    expect(
      (
        await h.call('POST', '/api/hazards/from-findings', {
          cookie: tanzhou,
          body: { inspectionId: draft, items: [item(findings[2]!.id)] },
        })
      ).json().field,
    ).toBe('inspectionId');
  });

  it('records the risk events: found with category, a major one opened, and both closed on sign-off', async () => {
    const id = (
      await create(tanzhou, {
        criterionItemId: criterion.id,
        category: 'dust',
        plan: { measures: '加装泄爆片', fundsFen: 500000, deadline: '2026-03-15', responsiblePerson: '李四', contingency: '停用除尘器' },
      })
    ).json().id;
    await step(tanzhou, id, { action: 'order', deadline: '2026-03-15' });
    await step(firmUser, id, { action: 'start' });
    await step(firmUser, id, { action: 'submit', note: '已整改', photos: [photo] });
    expect((await step(tanzhou, id, { action: 'recheck_pass', note: '复查合格' })).statusCode).toBe(200);
    const events = await queryRows<{ kind: string; category: string | null }>(
      h.db,
      sql`SELECT kind, category FROM risk_events WHERE ref = ${`hazard:${id}`} ORDER BY id`,
    );
    expect(events).toEqual([
      { kind: 'hazard_found', category: 'dust' },
      { kind: 'major_hazard_opened', category: 'dust' },
      { kind: 'hazard_closed', category: 'dust' },
      { kind: 'major_hazard_closed', category: 'dust' },
    ]);
  });

  it('counts open hazards as obligations in the deregistration guard', async () => {
    const open = (await h.call('GET', `/api/hazards?enterpriseId=${firmA.id}&open=true&pageSize=200`, { cookie: city })).json();
    await h.db.execute(sql`UPDATE enterprises SET registration_status = '注销' WHERE id IN (${firmA.id}, ${firmB.id})`);
    const alerts = (await h.call('GET', '/api/enterprises/alerts', { cookie: city })).json();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      enterprise: { id: firmA.id },
      obligations: [{ module: 'hazard', kind: 'open_hazard', count: open.total }],
    });
    expect(alerts[0].obligations[0].summary).toContain(`未销号的事故隐患 ${open.total} 项`);
  });
});
