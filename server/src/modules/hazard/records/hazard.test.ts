import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHazardOverdue, type THazardItem } from '@yingji/domain';
import { queryRows } from '../../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { firm as makeFirm, inspection as makeInspection } from '../../../../test/inspection-fixtures';

let h: THarness;
let city: string;
let tanzhou: string;
let tanzhou2: string;
let xiaolan: string;
let firmUser: string;
let otherFirmUser: string;
let firmA: { id: number; divisionCode: string; name: string };
let firmB: { id: number; divisionCode: string; name: string };
let firmX: { id: number; divisionCode: string; name: string };
let photo: string;
let pdf: string;
let criterion: { id: number; code: string; title: string };
let generalItem: number;

const TODAY = '2026-03-02'; // the harness clock, bureau calendar

const upload = async (cookie: string, bytes: Buffer, type: string) =>
  (
    await h.app.inject({
      method: 'POST',
      url: '/api/attachments?fileName=x',
      headers: { cookie, origin: 'http://localhost', 'content-type': type },
      payload: bytes,
    })
  ).json().sha256 as string;

async function enterpriseUser(enterpriseId: number, divisionCode: string) {
  const { user, cookie } = await h.userWithSession({ role: 'enterprise_user', divisionCode });
  await h.db.execute(sql`UPDATE users SET enterprise_id = ${enterpriseId} WHERE id = ${user.id}`);
  return { user, cookie };
}

const body = (over: Record<string, unknown> = {}) => ({
  enterpriseId: firmA.id,
  source: 'inspection',
  category: 'dust',
  description: '除尘器未设置泄爆装置',
  location: '打磨车间',
  foundOn: TODAY,
  foundBy: '张三',
  responsiblePerson: '李四',
  deadline: '2026-03-20',
  ...over,
});
const create = (cookie: string, over: Record<string, unknown> = {}) => h.call('POST', '/api/hazards', { cookie, body: body(over) });
const get = async (cookie: string, id: number) => (await h.call('GET', `/api/hazards/${id}`, { cookie })).json();
const act = (cookie: string, id: number, input: Record<string, unknown>) =>
  h.call('POST', `/api/hazards/${id}/actions`, { cookie, body: input });
/** Acts with the hazard's current version, as the page would. */
const step = async (cookie: string, id: number, input: Record<string, unknown>) =>
  act(cookie, id, { version: (await get(city, id)).version, ...input });

beforeAll(async () => {
  h = await createHarness();
  await h.services.modules.inspection.catalogue.ensureCatalogue();
  city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  tanzhou2 = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
  firmA = await makeFirm(h.db, { name: '中山市坦洲镇永安五金制品有限公司' });
  firmB = await makeFirm(h.db, { name: '中山市坦洲镇隔壁家具有限公司' });
  firmX = await makeFirm(h.db, { divisionCode: TOWNS.xiaolan, name: '中山市小榄镇远方灯饰有限公司' });
  firmUser = (await enterpriseUser(firmA.id, TOWNS.tanzhou)).cookie;
  otherFirmUser = (await enterpriseUser(firmB.id, TOWNS.tanzhou)).cookie;
  photo = await upload(
    firmUser,
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`photo ${Math.random()}`)]),
    'image/jpeg',
  );
  pdf = await upload(firmUser, Buffer.from(`%PDF-1.7 整改报告 ${Math.random()}`), 'application/pdf');
  const criteria = (await h.call('GET', '/api/hazard-criteria', { cookie: firmUser })).json() as {
    id: number;
    code: string;
    title: string;
  }[];
  criterion = criteria.find((c) => c.code === 'GM-DUST-3')!;
  const all = (await h.call('GET', '/api/inspection-items', { cookie: city })).json() as {
    id: number;
    code: string;
    majorHazard: boolean;
  }[];
  generalItem = all.find((i) => !i.majorHazard)!.id;
});
afterAll(() => h.close());

describe('recording a hazard', () => {
  it('lists the major-hazard criteria; choosing one makes the hazard major, none leaves it general', async () => {
    expect(criterion).toBeTruthy();
    const general = await create(tanzhou);
    expect(general.statusCode, general.body).toBe(201);
    expect(general.json()).toMatchObject({
      level: 'general',
      state: 'found',
      version: 1,
      overdue: false,
      criterion: null,
      enterpriseName: firmA.name,
      townName: '坦洲镇',
    });
    expect(general.json().actions).toEqual(expect.arrayContaining(['order', 'plan']));
    expect(general.json().transitions).toMatchObject([{ action: 'create', toState: 'found' }]);
    const major = await create(tanzhou, { criterionItemId: criterion.id });
    expect(major.json()).toMatchObject({ level: 'major', criterion: { id: criterion.id, code: 'GM-DUST-3' } });
    const notCriterion = await create(tanzhou, { criterionItemId: generalItem });
    expect(notCriterion.statusCode).toBe(400);
    expect(notCriterion.json().field).toBe('criterionItemId');
  });

  it('lets an enterprise user report its own firm as a self-check only', async () => {
    const own = await create(firmUser, { source: 'self_check', photos: [photo] });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ source: 'self_check', enterpriseId: firmA.id, photos: [photo] });
    const wrongSource = await create(firmUser);
    expect(wrongSource.json()).toMatchObject({ field: 'source', message: '企业用户上报的隐患来源应为"企业自查"' });
    const otherFirm = await create(firmUser, { enterpriseId: firmB.id, source: 'self_check' });
    expect(otherFirm.statusCode).toBe(403);
    expect(otherFirm.json()).toMatchObject({ field: 'enterpriseId', message: '企业用户只能上报本企业的隐患' });
  });

  it('refuses a firm outside the scope, a photo that is not an image, an unknown photo and a past deadline', async () => {
    expect((await create(xiaolan)).statusCode).toBe(404);
    const pdfPhoto = await create(tanzhou, { photos: [pdf] });
    expect(pdfPhoto.statusCode).toBe(400);
    expect(pdfPhoto.json().field).toBe('photos');
    expect((await create(tanzhou, { photos: ['a'.repeat(64)] })).json().field).toBe('photos');
    const gif = await h.app.inject({
      method: 'POST',
      url: '/api/attachments?fileName=x.gif',
      headers: { cookie: firmUser, origin: 'http://localhost', 'content-type': 'image/png' },
      payload: Buffer.from('GIF89a not allowed'),
    });
    expect(gif.json()).toMatchObject({ field: 'file', message: '只能上传 JPEG、PNG 或 WebP 格式的图片，或 PDF 格式的证明材料' });
    const past = await create(tanzhou, { foundOn: '2026-02-01', deadline: '2026-03-01' });
    expect(past.json()).toMatchObject({ field: 'deadline', message: `整改期限不能早于今天（${TODAY}）` });
  });
});

describe('the closed loop', () => {
  it('runs found → ordered → rectifying → submitted → (failed) rectifying → submitted → closed, each on the timeline, audited', async () => {
    const id = (await create(tanzhou)).json().id as number;
    const ordered = await step(tanzhou, id, { action: 'order', deadline: '2026-03-15' });
    expect(ordered.statusCode, ordered.body).toBe(200);
    expect(ordered.json()).toMatchObject({ state: 'ordered', deadline: '2026-03-15', version: 2 });
    expect(ordered.json().orderNo).toMatch(/^坦洲应急责改〔2026〕\d+号$/);
    expect((await step(firmUser, id, { action: 'start' })).json()).toMatchObject({ state: 'rectifying' });
    const submitted = await step(firmUser, id, { action: 'submit', note: '已加装泄爆片', photos: [photo], documents: [pdf] });
    expect(submitted.json()).toMatchObject({ state: 'submitted', submittedByName: expect.any(String) });
    expect(submitted.json().actions).toEqual([]);
    const failed = await step(tanzhou, id, { action: 'recheck_fail', note: '泄爆片规格不符', deadline: '2026-03-25' });
    expect(failed.json()).toMatchObject({ state: 'rectifying', deadline: '2026-03-25' });
    await step(firmUser, id, { action: 'submit', note: '已更换合格泄爆片', photos: [photo] });
    const closed = await step(tanzhou2, id, { action: 'recheck_pass', note: '复查合格' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', closedAt: expect.any(String), closedByName: expect.any(String), actions: [] });
    expect(closed.json().transitions.map((t: { action: string }) => t.action)).toEqual([
      'create',
      'order',
      'start',
      'submit',
      'recheck_fail',
      'submit',
      'recheck_pass',
    ]);
    expect(closed.json().transitions[3]).toMatchObject({
      photos: [photo],
      documents: [pdf],
      note: '已加装泄爆片',
      fromState: 'rectifying',
      toState: 'submitted',
    });
    const [row] = await queryRows<{ closed_on: string }>(h.db, sql`SELECT closed_on::text FROM hazards WHERE id = ${id}`);
    expect(row!.closed_on).toBe(TODAY);
    const audits = await queryRows<{ action: string }>(
      h.db,
      sql`SELECT action FROM audit_log WHERE entity = 'hazard' AND entity_id = ${String(id)} ORDER BY id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update', 'update', 'update', 'update']);
    const timeline = await queryRows<{ kind: string }>(
      h.db,
      sql`SELECT kind FROM enterprise_events WHERE ref = ${`hazard:${id}`} ORDER BY id`,
    );
    expect(timeline.map((t) => t.kind)).toEqual(['hazard_found', 'order', 'start', 'submit', 'recheck_fail', 'submit', 'hazard_closed']);
  });

  it('numbers orders per issuing body and year without gaps', async () => {
    const a = (await create(tanzhou)).json().id;
    const b = (await create(tanzhou)).json().id;
    const noA = (await step(tanzhou, a, { action: 'order', deadline: '2026-03-15' })).json().orderNo as string;
    const refused = await step(tanzhou, b, { action: 'order', deadline: '2026-01-01' });
    expect(refused.statusCode).toBe(422);
    const noB = (await step(tanzhou, b, { action: 'order', deadline: '2026-03-15' })).json().orderNo as string;
    const n = (s: string) => Number(/〔2026〕(\d+)号/.exec(s)![1]);
    expect(n(noB)).toBe(n(noA) + 1);
    const c = (await create(city)).json().id;
    expect((await step(city, c, { action: 'order', deadline: '2026-03-15' })).json().orderNo).toBe('中应急责改〔2026〕1号');
  });

  it('moves the deadline only when an extension is approved by someone else; a rejection keeps it', async () => {
    const id = (await create(tanzhou)).json().id;
    await step(tanzhou, id, { action: 'order', deadline: '2026-03-10' });
    await step(firmUser, id, { action: 'start' });
    const requested = await step(firmUser, id, { action: 'request_extension', deadline: '2026-04-10', note: '设备到货延迟' });
    expect(requested.json()).toMatchObject({
      deadline: '2026-03-10',
      extensions: [{ status: 'pending', requestedDeadline: '2026-04-10', previousDeadline: '2026-03-10' }],
    });
    expect((await step(firmUser, id, { action: 'request_extension', deadline: '2026-04-11', note: '再次申请' })).json().message).toBe(
      '已有一份延期申请等待审批，不能重复申请',
    );
    const approved = await step(tanzhou, id, { action: 'approve_extension' });
    expect(approved.json()).toMatchObject({
      deadline: '2026-04-10',
      extensions: [{ status: 'approved', decidedByName: expect.any(String) }],
    });
    await step(firmUser, id, { action: 'request_extension', deadline: '2026-05-10', note: '还要延期' });
    const rejected = await step(tanzhou, id, { action: 'reject_extension', note: '理由不充分' });
    expect(rejected.json()).toMatchObject({ deadline: '2026-04-10' });
    expect(rejected.json().extensions[1]).toMatchObject({ status: 'rejected', decisionNote: '理由不充分' });
  });
});

describe('bad input leaves the hazard unchanged', () => {
  let id: number;
  let before: Record<string, unknown>;
  beforeAll(async () => {
    id = (await create(tanzhou)).json().id;
  });
  const unchanged = async () => {
    const now = await get(city, id);
    expect({ state: now.state, version: now.version, deadline: now.deadline, transitions: now.transitions.length }).toEqual(before);
  };
  const snapshot = async () => {
    const now = await get(city, id);
    before = { state: now.state, version: now.version, deadline: now.deadline, transitions: now.transitions.length };
  };

  it.each([
    [
      'a transition not allowed from the state',
      () => tanzhou,
      () => ({ action: 'start' }),
      422,
      undefined,
      '隐患当前为"已登记"，不能签收并开始整改',
    ],
    [
      'a deadline in the past',
      () => tanzhou,
      () => ({ action: 'order', deadline: '2026-03-01' }),
      422,
      'deadline',
      `整改期限不能早于今天（${TODAY}）`,
    ],
    [
      'an enterprise user of another firm',
      () => otherFirmUser,
      () => ({ action: 'plan', plan: { measures: 'x' } }),
      404,
      'id',
      '隐患不存在',
    ],
    ['a town outside the scope', () => xiaolan, () => ({ action: 'order', deadline: '2026-03-15' }), 404, 'id', '隐患不存在'],
  ])('refuses %s', async (_label, who, input, status, field, message) => {
    await snapshot();
    const res = await step(who(), id, input());
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().message).toBe(message);
    if (field) expect(res.json().field).toBe(field);
    await unchanged();
  });

  it('refuses a stale version with 409', async () => {
    await snapshot();
    const res = await act(tanzhou, id, { action: 'order', deadline: '2026-03-15', version: 99 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict', field: 'version' });
    await unchanged();
  });

  it('refuses a submission without evidence, with a photo that is not an image, and a sign-off by the submitter', async () => {
    await step(tanzhou, id, { action: 'order', deadline: '2026-03-15' });
    await step(tanzhou, id, { action: 'start' });
    await snapshot();
    const noEvidence = await step(firmUser, id, { action: 'submit', note: '已整改' });
    expect(noEvidence.json()).toMatchObject({ code: 'rule_violation', field: 'photos', message: '提交整改时须上传整改后的照片或证明材料' });
    await unchanged();
    const pdfAsPhoto = await step(firmUser, id, { action: 'submit', note: '已整改', photos: [pdf] });
    expect(pdfAsPhoto.statusCode).toBe(400);
    expect(pdfAsPhoto.json().field).toBe('photos');
    await unchanged();
    expect((await step(tanzhou, id, { action: 'submit', note: '现场代为提交', photos: [photo] })).statusCode).toBe(200);
    await snapshot();
    const self = await step(tanzhou, id, { action: 'recheck_pass', note: '合格' });
    expect(self.json()).toMatchObject({ code: 'rule_violation', message: '复查销号须由整改材料提交人以外的人员进行' });
    await unchanged();
    const firmSignOff = await step(firmUser, id, { action: 'recheck_pass', note: '合格' });
    expect(firmSignOff.json().message).toBe('您没有"复查通过并销号"的权限');
    await unchanged();
  });
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

describe('the order document (责令限期整改指令书)', () => {
  const docxText = async (buffer: Buffer) => {
    const zip = await JSZip.loadAsync(buffer);
    return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  };

  it('exists only after the order, with the firm, the hazard, the legal basis, the deadline, the issuing body and number', async () => {
    const id = (await create(tanzhou, { criterionItemId: criterion.id })).json().id;
    const before = await h.call('GET', `/api/hazards/${id}/order.docx`, { cookie: tanzhou });
    expect(before.statusCode).toBe(422);
    const orderNo = (await step(tanzhou, id, { action: 'order', deadline: '2026-03-18' })).json().orderNo as string;
    const res = await h.call('GET', `/api/hazards/${id}/order.docx`, { cookie: firmUser });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = await docxText(res.rawPayload);
    for (const s of [
      '责令限期整改指令书',
      orderNo,
      firmA.name,
      '除尘器未设置泄爆装置',
      '打磨车间',
      '【重大事故隐患】',
      '《中华人民共和国安全生产法》第六十五条',
      'GM-DUST-3',
      '2026年3月18日前整改完毕',
      '中山市坦洲镇应急管理办公室',
      '2026年3月2日',
    ]) {
      expect(text, s).toContain(s);
    }
    expect((await h.call('GET', `/api/hazards/${id}/order.docx`, { cookie: otherFirmUser })).statusCode).toBe(404);
  });
});

describe('enterprise users’ accounts', () => {
  it('need a firm of their own town; /api/auth/me names it', async () => {
    const admin = (await h.userWithSession({ role: 'admin' })).cookie;
    const user = (over: Record<string, unknown>) =>
      h.call('POST', '/api/users', {
        cookie: admin,
        body: {
          username: `firm_${Math.random().toString(36).slice(2, 8)}`,
          displayName: '企业安全员',
          role: 'enterprise_user',
          divisionCode: TOWNS.tanzhou,
          ...over,
        },
      });
    expect((await user({})).json()).toMatchObject({ field: 'enterpriseId', message: '企业用户必须指定所属企业' });
    expect((await user({ enterpriseId: firmX.id })).json()).toMatchObject({
      field: 'enterpriseId',
      message: `所属企业“${firmX.name}”不在该用户所在的镇街`,
    });
    expect((await user({ role: 'town_officer', enterpriseId: firmA.id })).json().field).toBe('enterpriseId');
    const created = await user({ enterpriseId: firmA.id });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().user).toMatchObject({ enterpriseId: firmA.id, enterpriseName: firmA.name });
    const moved = await h.call('PATCH', `/api/users/${created.json().user.id}`, { cookie: admin, body: { enterpriseId: firmB.id } });
    expect(moved.json()).toMatchObject({ enterpriseId: firmB.id, enterpriseName: firmB.name });
    const me = (await h.call('GET', '/api/auth/me', { cookie: firmUser })).json();
    expect(me).toMatchObject({ enterpriseId: firmA.id, enterpriseName: firmA.name });
    expect((await h.call('GET', '/api/auth/me', { cookie: city })).json()).toMatchObject({ enterpriseId: null, enterpriseName: null });
  });
});

describe('who reads a hazard’s photos and evidence', () => {
  const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`photo ${Math.random()}`)]);
  const read = async (cookie: string, sha256: string) => (await h.call('GET', `/api/attachments/${sha256}`, { cookie })).statusCode;
  const refs = async (id: number) =>
    (
      await queryRows<{ sha256: string }>(
        h.db,
        sql`SELECT sha256 FROM attachment_refs WHERE owner = 'hazard' AND owner_id = ${id} ORDER BY sha256`,
      )
    ).map((r) => r.sha256);

  it('its firm’s users and the officers in scope; another firm and another town get 404, as for an unknown hash', async () => {
    const colleague = (await enterpriseUser(firmA.id, TOWNS.tanzhou)).cookie;
    const officerPhoto = await upload(tanzhou, jpeg(), 'image/jpeg');
    const evidencePhoto = await upload(firmUser, jpeg(), 'image/jpeg');
    const evidence = await upload(firmUser, Buffer.from(`%PDF-1.7 整改报告 ${Math.random()}`), 'application/pdf');
    const id = (await create(tanzhou, { photos: [officerPhoto] })).json().id as number;
    await step(tanzhou, id, { action: 'order', deadline: '2026-03-15' });
    await step(firmUser, id, { action: 'start' });
    expect(
      (await step(firmUser, id, { action: 'submit', note: '已整改', photos: [evidencePhoto], documents: [evidence] })).statusCode,
    ).toBe(200);
    expect(await refs(id)).toEqual([officerPhoto, evidencePhoto, evidence].sort());
    for (const sha of [officerPhoto, evidencePhoto, evidence]) {
      expect([await read(colleague, sha), await read(tanzhou2, sha), await read(city, sha)]).toEqual([200, 200, 200]);
      expect([await read(otherFirmUser, sha), await read(xiaolan, sha)]).toEqual([404, 404]);
    }
    const refused = await h.call('GET', `/api/attachments/${evidence}`, { cookie: otherFirmUser });
    expect(refused.json().message).toBe('附件不存在');
  });

  it('refuses to attach a photo one may not read, so knowing its hash gives nothing', async () => {
    const secret = await upload(firmUser, jpeg(), 'image/jpeg');
    await create(firmUser, { source: 'self_check', photos: [secret] });
    const res = await create(otherFirmUser, { enterpriseId: firmB.id, source: 'self_check', photos: [secret] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'photos', message: `附件 ${secret.slice(0, 12)}… 不存在，请重新上传` });
    expect(await read(otherFirmUser, secret)).toBe(404);
  });

  it('lets the firm read the photos of findings turned into its hazards', async () => {
    const inspectionId = await makeInspection(h.db, {
      enterpriseId: firmA.id,
      divisionCode: firmA.divisionCode,
      inspectedOn: '2026-02-27',
      findings: 1,
    });
    const onSite = await upload(tanzhou, jpeg(), 'image/jpeg');
    await h.db.execute(sql`UPDATE findings SET photos = ARRAY[${onSite}] WHERE inspection_id = ${inspectionId}`);
    const [finding] = await queryRows<{ id: number }>(h.db, sql`SELECT id FROM findings WHERE inspection_id = ${inspectionId}`);
    expect(await read(firmUser, onSite)).toBe(404);
    const res = await h.call('POST', '/api/hazards/from-findings', {
      cookie: tanzhou,
      body: {
        inspectionId,
        items: [{ findingId: finding!.id, category: 'dust', deadline: '2026-03-20', responsiblePerson: '李四', location: '打磨车间' }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await refs(res.json().hazards[0].id)).toEqual([onSite]);
    expect(await read(firmUser, onSite)).toBe(200);
    expect(await read(otherFirmUser, onSite)).toBe(404);
  });
});
