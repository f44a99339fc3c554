import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { draws, drawTargets, inspectionPlans, inspectors, riskGrades } from '../../../db/schema/index';
import { CITY, createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { allPages, expectInOrder, keyWithId } from '../../../../test/list-order';
import { enterpriseBody } from '../../../../test/enterprise-fixtures';

let h: THarness;
let city: string;
let tanzhou: string;
let xiaolan: string;
let firm: number;
let otherFirm: number;
let officers: { a: number; b: number; expired: number; xiaolanOfficer: number };
let checklistId: number;
let items: { id: number; code: string; majorHazard: boolean }[];
let targetId: number;
let photo: string;
let signature: string;

const TODAY = '2026-03-02'; // the harness clock, bureau calendar

async function officer(name: string, divisionCode: string, expires: string): Promise<number> {
  const user = await h.createUser({ role: divisionCode === CITY ? 'bureau_officer' : 'town_officer', divisionCode, username: name });
  await h.db.execute(sql`UPDATE users SET display_name = ${name} WHERE id = ${user.id}`);
  await h.db.insert(inspectors).values({
    userId: user.id,
    divisionCode,
    certificateNo: `44200${user.id}`,
    certificateExpiresOn: expires,
    active: true,
    updatedAt: '2026-01-01T00:00:00Z',
  });
  return user.id;
}

const upload = async (cookie: string, bytes: Buffer, type: string) =>
  (
    await h.app.inject({
      method: 'POST',
      url: '/api/attachments?fileName=x',
      headers: { cookie, origin: 'http://localhost', 'content-type': type },
      payload: bytes,
    })
  ).json().sha256 as string;

beforeAll(async () => {
  h = await createHarness();
  await h.services.modules.inspection.catalogue.ensureCatalogue();
  city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
  firm = (await h.call('POST', '/api/enterprises', { cookie: city, body: enterpriseBody(11, { tags: ['dust_explosion'] }) })).json().id;
  otherFirm = (await h.call('POST', '/api/enterprises', { cookie: city, body: enterpriseBody(12, { divisionCode: TOWNS.xiaolan }) })).json()
    .id;
  await h.db.insert(riskGrades).values({
    enterpriseId: firm,
    divisionCode: TOWNS.tanzhou,
    colour: 'orange',
    score: 70,
    basis: 'assessment',
    assessedOn: '2025-06-01',
    validUntil: '2028-06-01',
    updatedAt: '2025-06-01T00:00:00Z',
  });
  officers = {
    a: await officer('张三', TOWNS.tanzhou, '2027-12-31'),
    b: await officer('李四', TOWNS.tanzhou, TODAY),
    expired: await officer('王五', TOWNS.tanzhou, '2026-02-28'),
    xiaolanOfficer: await officer('赵六', TOWNS.xiaolan, '2027-12-31'),
  };
  const [plan] = await h.db
    .insert(inspectionPlans)
    .values({
      divisionCode: TOWNS.tanzhou,
      year: 2026,
      title: '坦洲镇2026年度双随机抽查计划',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      focus: '粉尘涉爆',
      pool: { categories: [], tags: [], towns: [], colours: [] },
      ratios: { orange: 0.5 },
      status: 'approved',
      createdAt: '2026-01-05T00:00:00Z',
      updatedAt: '2026-01-05T00:00:00Z',
    })
    .returning();
  const [draw] = await h.db
    .insert(draws)
    .values({
      planId: plan!.id,
      divisionCode: TOWNS.tanzhou,
      label: '第一季度抽取',
      status: 'drawn',
      commitment: 'c',
      seed: 's',
      candidates: [],
      inspectorPool: [],
      params: {},
      candidatesHash: 'x',
      inspectorsHash: 'y',
      committedAt: '2026-02-01T00:00:00Z',
      drawnAt: '2026-02-02T00:00:00Z',
    })
    .returning();
  const [target] = await h.db
    .insert(drawTargets)
    .values({
      drawId: draw!.id,
      position: 1,
      enterpriseId: firm,
      divisionCode: TOWNS.tanzhou,
      stratum: 'orange',
      inspectorIds: [officers.a, officers.b],
    })
    .returning();
  targetId = target!.id;
  // a small checklist: a general item and two dust major-hazard items
  const all = (await h.call('GET', '/api/inspection-items', { cookie: city })).json() as {
    id: number;
    code: string;
    majorHazard: boolean;
  }[];
  items = ['SAFL-99-1', 'GM-DUST-3', 'GM-DUST-6'].map((c) => all.find((i) => i.code === c)!);
  const cl = (await h.call('POST', '/api/checklists', { cookie: city, body: { code: 'CL-TEST', name: '测试检查表' } })).json();
  checklistId = (await h.call('PUT', `/api/checklists/${cl.id}/items`, { cookie: city, body: { itemIds: items.map((i) => i.id) } })).json()
    .id;
  photo = await upload(
    tanzhou,
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('photo of a dust collector')]),
    'image/jpeg',
  );
  signature = await upload(
    tanzhou,
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('signature')]),
    'image/png',
  );
});
afterAll(() => h.close());

const adHoc = (over: Record<string, unknown> = {}) => ({
  kind: 'ad_hoc',
  enterpriseId: firm,
  inspectedOn: TODAY,
  place: '坦洲镇测试路11号',
  inspectorIds: [officers.a, officers.b],
  checklistId,
  ...over,
});
const create = (cookie: string, body: object) => h.call('POST', '/api/inspections', { cookie, body });
const complete = (note = '除尘器未设泄爆装置') => ({
  answers: [
    { itemId: items[0]!.id, result: 'compliant' },
    { itemId: items[1]!.id, result: 'non_compliant', note, photos: [photo] },
    { itemId: items[2]!.id, result: 'not_applicable' },
  ],
  representativeName: '企业安全主任',
  signatureSha256: signature,
  conclusion: '发现重大事故隐患 1 项，责令立即整改',
});

describe('recording an inspection', () => {
  it.each([
    [
      'one inspector',
      () => ({ inspectorIds: [officers.a] }),
      422,
      'inspectorIds',
      '监督检查须有至少 2 名持证执法人员（行政处罚法第四十二条），现有 1 名',
    ],
    ['an expired certificate', () => ({ inspectorIds: [officers.a, officers.expired] }), 422, 'inspectorIds', '执法人员 王五 的执法证'],
    ['a future date', () => ({ inspectedOn: '2026-03-03' }), 400, 'inspectedOn', '检查日期 2026-03-03 晚于今天（2026-03-02）'],
    ['someone not in the pool', () => ({ inspectorIds: [officers.a, 999999] }), 422, 'inspectorIds', '不在执法检查人员名录中'],
  ])('refuses %s, naming the field', async (_label, over, status, field, message) => {
    const res = await create(tanzhou, adHoc(over()));
    expect(res.statusCode).toBe(status);
    expect(res.json().field).toBe(field);
    expect(res.json().message).toContain(message);
  });

  it('accepts a certificate on its last valid day; the firm’s grade is copied', async () => {
    const res = await create(tanzhou, adHoc());
    expect(res.statusCode).toBe(201);
    expect(res.json().inspection).toMatchObject({
      status: 'draft',
      kind: 'ad_hoc',
      colour: 'orange',
      enterpriseId: firm,
      divisionCode: TOWNS.tanzhou,
      findingsCount: 0,
    });
    expect(
      res
        .json()
        .inspectors.map((i: { displayName: string }) => i.displayName)
        .sort(),
    ).toEqual(['张三', '李四']);
    expect(res.json().items).toHaveLength(3);
  });

  it('submit refuses an incomplete record and changes nothing; a complete one makes findings, the timeline entry and the audit', async () => {
    const id = (await create(tanzhou, adHoc())).json().inspection.id;
    await h.call('PATCH', `/api/inspections/${id}`, { cookie: tanzhou, body: { answers: complete().answers.slice(0, 2) } });
    const missing = await h.call('POST', `/api/inspections/${id}/submit`, { cookie: tanzhou });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().message).toContain('第 3 项“锁气卸灰装置”未填写检查结果');

    const noNote = complete('');
    await h.call('PATCH', `/api/inspections/${id}`, { cookie: tanzhou, body: noNote });
    const refused = await h.call('POST', `/api/inspections/${id}/submit`, { cookie: tanzhou });
    expect(refused.json()).toMatchObject({
      code: 'rule_violation',
      field: `answers.${items[1]!.id}`,
      message: '第 2 项“干式除尘系统爆炸防控”不合格，须填写问题说明',
    });
    // nothing half-saved
    const still = (await h.call('GET', `/api/inspections/${id}`, { cookie: tanzhou })).json();
    expect(still.inspection).toMatchObject({ status: 'draft', findingsCount: 0 });
    expect(still.findings).toEqual([]);
    const [events] = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM enterprise_events WHERE ref = ${`inspection:${id}`}`,
    );
    expect(events!.n).toBe(0);

    const saved = await h.call('PATCH', `/api/inspections/${id}`, { cookie: tanzhou, body: complete() });
    expect(saved.statusCode).toBe(200);
    const done = await h.call('POST', `/api/inspections/${id}/submit`, { cookie: tanzhou });
    expect(done.statusCode).toBe(200);
    expect(done.json().inspection).toMatchObject({ status: 'submitted', findingsCount: 1 });
    expect(done.json().findings).toEqual([
      expect.objectContaining({
        description: '干式除尘系统爆炸防控：除尘器未设泄爆装置',
        majorHazard: true,
        photos: [photo],
        foundOn: TODAY,
        hazardId: null,
      }),
    ]);
    expect(done.json().can.edit).toBe(false);
    const timeline = (await h.call('GET', `/api/enterprises/${firm}`, { cookie: tanzhou })).json().timeline;
    expect(timeline[0].summary).toBe(`日常检查（${TODAY}）：检查 3 项，发现问题 1 项，其中重大事故隐患 1 项`);
    expect((await h.call('PATCH', `/api/inspections/${id}`, { cookie: tanzhou, body: { place: '改到别处' } })).json().message).toBe(
      '检查记录已提交，不能再修改',
    );
    const audit = (
      await h.call('GET', `/api/audit?entity=inspection&entityId=${id}&pageSize=20`, {
        cookie: (await h.userWithSession({ role: 'admin' })).cookie,
      })
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('create');
    expect(audit.items.some((e: { after: { status?: string } }) => e.after?.status === 'submitted')).toBe(true);
  });

  it('refuses a photo that was never uploaded', async () => {
    const id = (await create(tanzhou, adHoc())).json().inspection.id;
    const res = await h.call('PATCH', `/api/inspections/${id}`, {
      cookie: tanzhou,
      body: { answers: [{ itemId: items[0]!.id, result: 'non_compliant', note: 'x', photos: ['f'.repeat(64)] }] },
    });
    expect(res.json()).toMatchObject({ field: 'answers' });
    expect(res.json().message).toContain('不存在，请重新上传');
  });

  it('a planned inspection takes the firm from the draw target and links it; the target cannot be used twice', async () => {
    const res = await create(tanzhou, {
      kind: 'planned',
      drawTargetId: targetId,
      inspectedOn: TODAY,
      place: '企业大门',
      inspectorIds: [officers.a, officers.b],
      checklistId,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().inspection).toMatchObject({ kind: 'planned', enterpriseId: firm, drawTargetId: targetId });
    const [target] = await h.db.select().from(drawTargets).where(eq(drawTargets.id, targetId));
    expect(target!.inspectionId).toBe(res.json().inspection.id);
    expect(res.json().inspection.planId).toBeGreaterThan(0);
    const again = await create(tanzhou, {
      kind: 'planned',
      drawTargetId: targetId,
      inspectedOn: TODAY,
      place: '企业大门',
      inspectorIds: [officers.a, officers.b],
      checklistId,
    });
    expect(again.statusCode).toBe(409);
    expect((await h.call('GET', '/api/inspections/pending-targets', { cookie: tanzhou })).json()).toEqual([]);
    const noTarget = await create(tanzhou, { ...adHoc(), kind: 'planned', enterpriseId: undefined });
    expect(noTarget.json().field).toBe('drawTargetId');
  });

  it('flags and counts unannounced (四不两直) checks', async () => {
    expect((await create(tanzhou, adHoc({ kind: 'unannounced' }))).statusCode).toBe(201);
    const page = (await h.call('GET', '/api/inspections?kind=unannounced', { cookie: tanzhou })).json();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ kind: 'unannounced', enterpriseName: '中山市测试11号五金制品有限公司' });
    expect(page.byKind).toEqual({ planned: 1, ad_hoc: 3, unannounced: 1 });
    // the page's inspectors come with its rows (the page's own statement), the same in the ledger's 执法人员 column
    expect([...page.items[0].inspectorNames].sort()).toEqual(['张三', '李四'].sort());
    const res = await h.call('GET', '/api/inspections/export?kind=unannounced', { cookie: tanzhou });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('监督检查记录')!;
    const column = (sheet.getRow(1).values as unknown[]).indexOf('执法人员');
    expect(String(sheet.getRow(2).getCell(column).value).split('、').sort()).toEqual(['张三', '李四'].sort());
  });

  it('keeps a town to its own firms: another town neither sees nor records them', async () => {
    const mine = (await h.call('GET', '/api/inspections', { cookie: tanzhou })).json();
    expect(mine.total).toBe(5);
    expect((await h.call('GET', '/api/inspections', { cookie: xiaolan })).json().total).toBe(0);
    expect((await h.call('GET', `/api/inspections/${mine.items[0].id}`, { cookie: xiaolan })).statusCode).toBe(404);
    expect((await create(xiaolan, adHoc({ inspectorIds: [officers.a, officers.xiaolanOfficer] }))).json()).toMatchObject({
      code: 'not_found',
      field: 'enterpriseId',
    });
    expect((await h.call('GET', '/api/findings', { cookie: xiaolan })).json().total).toBe(0);
    expect(
      (await create(xiaolan, adHoc({ enterpriseId: otherFirm, inspectorIds: [officers.a, officers.xiaolanOfficer] }))).statusCode,
    ).toBe(201);
    expect((await h.call('GET', '/api/inspections', { cookie: city })).json().total).toBe(6);
  });

  it('lists findings by major flag and conversion, and exports checks and findings', async () => {
    expect((await h.call('GET', '/api/findings?major=true&converted=false', { cookie: city })).json().total).toBe(1);
    expect((await h.call('GET', '/api/findings?major=false', { cookie: city })).json().total).toBe(0);
    expect(
      (await h.call('GET', `/api/findings?divisionCode=${TOWNS.tanzhou}&from=${TODAY}&to=${TODAY}`, { cookie: city })).json().items[0]
        .enterpriseName,
    ).toBe('中山市测试11号五金制品有限公司');
    for (const [url, sheetName, rows] of [
      ['/api/findings/export', '检查发现问题', 1],
      ['/api/inspections/export?kind=ad_hoc', '监督检查记录', 3],
    ] as const) {
      const res = await h.call('GET', url, { cookie: tanzhou });
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(book.getWorksheet(sheetName)!.rowCount - 1).toBe(rows);
    }
  });

  it('counts the findings waiting to become hazards live, in the user’s scope, and stops counting one once converted', async () => {
    const summary = async (cookie: string, q = '') => (await h.call('GET', `/api/findings/summary${q}`, { cookie })).json();
    const waiting = { pending: 1, pendingMajor: 1, converted: 0, oldestPendingOn: TODAY };
    expect(await summary(city)).toEqual(waiting);
    expect(await summary(tanzhou)).toEqual(waiting);
    expect(await summary(xiaolan)).toEqual({ pending: 0, pendingMajor: 0, converted: 0, oldestPendingOn: null });
    expect(await summary(city, `?divisionCode=${TOWNS.xiaolan}`)).toMatchObject({ pending: 0 });
    expect((await h.call('GET', '/api/findings/summary?major=maybe', { cookie: city })).statusCode).toBe(400);

    const [f] = (await h.call('GET', '/api/findings?converted=false', { cookie: tanzhou })).json().items;
    const item = { findingId: f.id, category: 'dust', deadline: '2026-04-30', responsiblePerson: '李四', location: '打磨车间' };
    const made = await h.call('POST', '/api/hazards/from-findings', {
      cookie: tanzhou,
      body: { inspectionId: f.inspectionId, items: [item] },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(await summary(tanzhou)).toEqual({ pending: 0, pendingMajor: 0, converted: 1, oldestPendingOn: null });
    // the taken-over ones are the counters' total less the waiting ones, in the page's filters too
    expect(await summary(city, `?from=${TODAY}&to=${TODAY}&major=true`)).toMatchObject({ pending: 0, converted: 1 });
    expect(await summary(city, '?major=false')).toMatchObject({ pending: 0, converted: 0 });
  });

  it('publishes a submitted result once (一公开), with the deadline shown until then; a draft cannot be published', async () => {
    const draft = (await create(tanzhou, adHoc())).json().inspection.id;
    const early = await h.call('POST', `/api/inspections/${draft}/publish`, { cookie: tanzhou });
    expect(early.json()).toMatchObject({ code: 'rule_violation', message: '检查记录提交后才能公示结果' });
    await h.call('PATCH', `/api/inspections/${draft}`, { cookie: tanzhou, body: complete() });
    const submitted = (await h.call('POST', `/api/inspections/${draft}/submit`, { cookie: tanzhou })).json();
    expect(submitted.inspection).toMatchObject({ publishedAt: null, publicationDueOn: '2026-03-30' }); // 20 working days after Monday 03-02
    expect(submitted.can.publish).toBe(true);
    expect((await h.call('POST', `/api/inspections/${draft}/publish`, { cookie: xiaolan })).statusCode).toBe(404);
    const published = (await h.call('POST', `/api/inspections/${draft}/publish`, { cookie: tanzhou })).json();
    expect(published.inspection.publishedAt).toBe(h.clock.now().toISOString());
    expect(published.can.publish).toBe(false);
    expect((await h.call('POST', `/api/inspections/${draft}/publish`, { cookie: tanzhou })).json().message).toBe('该检查结果已经公示');
  });
});

describe('the inspection list’s order', () => {
  type TItem = {
    id: number;
    inspectedOn: string;
    enterpriseName: string;
    divisionCode: string;
    status: string;
    publishedAt?: string | null;
  };
  const all = (query: string, pageSize = 200) => allPages<TItem>(h, city, `/api/inspections?${query}`, pageSize);
  const key = (i: TItem, ...parts: string[]) => keyWithId(i.id, ...parts);
  const inOrder = expectInOrder;

  it('sorts by date, publication deadline (unpublished results first), firm and town, both ways, ids breaking ties', async () => {
    const everything = await all('');
    expect(everything.length).toBeGreaterThanOrEqual(6);
    expect(new Set(everything.map((i) => i.divisionCode)).size).toBe(2);
    for (const order of ['asc', 'desc'] as const) {
      inOrder(
        (await all(`sort=inspectedOn&order=${order}`)).map((i) => key(i, i.inspectedOn)),
        order,
      );
      inOrder(
        (await all(`sort=enterprise&order=${order}`)).map((i) => key(i, i.enterpriseName)),
        order,
      );
      const byDeadline = await all(`sort=deadline&order=${order}`);
      const waiting = (i: TItem) => i.status === 'submitted' && !i.publishedAt;
      const firstDone = byDeadline.findIndex((i) => !waiting(i));
      expect(byDeadline.slice(firstDone === -1 ? byDeadline.length : firstDone).some(waiting)).toBe(false);
      inOrder(
        byDeadline.filter(waiting).map((i) => key(i, i.inspectedOn)),
        order,
      );
      const byTown = (await all(`sort=town&order=${order}`)).map((i) => i.divisionCode);
      inOrder(byTown, order);
    }
    expect((await all('sort=deadline&order=asc')).some((i) => i.status === 'submitted' && !i.publishedAt)).toBe(true);
  });

  it('pages in any order neither repeat nor skip a record; a wrong sort is refused in Chinese', async () => {
    for (const sort of ['inspectedOn', 'deadline', 'enterprise', 'town']) {
      const whole = (await all(`sort=${sort}&order=asc`)).map((i) => i.id);
      expect((await all(`sort=${sort}&order=asc`, 2)).map((i) => i.id)).toEqual(whole);
    }
    const bad = await h.call('GET', '/api/inspections?sort=password', { cookie: city });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('排序字段不正确');
  });
});

describe('who reads an inspection’s photos and signature', () => {
  it('officers who may read the record: its town and the bureau; another town and the firm’s users get 404', async () => {
    const tanzhou2 = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
    const firmUser = (await h.userWithSession({ role: 'enterprise_user', divisionCode: TOWNS.tanzhou })).user;
    await h.db.execute(sql`UPDATE users SET enterprise_id = ${firm} WHERE id = ${firmUser.id}`);
    const firmCookie = await h.login(firmUser.username);
    const onSite = await upload(
      tanzhou,
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`photo ${Math.random()}`)]),
      'image/jpeg',
    );
    const signed = await upload(
      tanzhou,
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`signature ${Math.random()}`)]),
      'image/png',
    );
    const read = async (cookie: string, sha256: string) => (await h.call('GET', `/api/attachments/${sha256}`, { cookie })).statusCode;
    // Uploaded, not yet on any record: the uploader only.
    expect([await read(tanzhou, onSite), await read(tanzhou2, onSite)]).toEqual([200, 404]);

    const id = (await create(tanzhou, adHoc())).json().inspection.id as number;
    const body = complete();
    body.answers[1]!.photos = [onSite];
    expect(
      (await h.call('PATCH', `/api/inspections/${id}`, { cookie: tanzhou, body: { ...body, signatureSha256: signed } })).statusCode,
    ).toBe(200);
    expect((await h.call('POST', `/api/inspections/${id}/submit`, { cookie: tanzhou })).statusCode).toBe(200);
    const refs = await queryRows<{ sha256: string }>(
      h.db,
      sql`SELECT sha256 FROM attachment_refs WHERE owner = 'inspection' AND owner_id = ${id} ORDER BY sha256`,
    );
    expect(refs.map((r) => r.sha256)).toEqual([onSite, signed].sort());
    for (const sha of [onSite, signed]) {
      expect([await read(tanzhou2, sha), await read(city, sha)]).toEqual([200, 200]);
      expect([await read(xiaolan, sha), await read(firmCookie, sha)]).toEqual([404, 404]);
    }
    // Another town cannot attach it to a record of its own to read it.
    const theirs = await create(xiaolan, adHoc({ enterpriseId: otherFirm, inspectorIds: [officers.a, officers.xiaolanOfficer] }));
    expect(theirs.statusCode).toBe(201);
    const stolen = await h.call('PATCH', `/api/inspections/${theirs.json().inspection.id}`, {
      cookie: xiaolan,
      body: { signatureSha256: signed },
    });
    expect(stolen.json()).toMatchObject({ code: 'invalid', field: 'signatureSha256' });
    expect(await read(xiaolan, signed)).toBe(404);
  });
});
