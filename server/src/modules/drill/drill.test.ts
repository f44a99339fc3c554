/** Emergency plans, their drill duty, drills with phases, review tasks to sign-off and training, on a real database. */
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DRILL_DUTIES } from '@yingji/domain';
import { users } from '../../db/schema';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { enterpriseBody } from '../../../test/enterprise-fixtures';

let h: THarness;
let bureau: { user: { id: number }; cookie: string };
let leader: { user: { id: number }; cookie: string };
let town: { user: { id: number }; cookie: string };
beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-03-02T01:00:00.000Z');
  bureau = await h.userWithSession({ role: 'bureau_officer' });
  leader = await h.userWithSession({ role: 'bureau_leader' });
  town = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
});
afterAll(() => h.close());

const fireworksPlan = {
  name: '中山市烟花爆竹生产安全事故应急救援预案',
  level: 'city',
  kind: 'special',
  ownerUnit: '中山市应急管理局',
  issuedOn: '2022-06-01',
  workSafety: true,
  accidentTypes: ['gunpowder_explosion', 'fire'],
};

const count = async (table: string): Promise<number> =>
  Number(((await h.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n);

async function createPlan(body: Record<string, unknown>, cookie = bureau.cookie) {
  const res = await h.call('POST', '/api/drill/plans', { cookie, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const phases = [
  ['火情上报', '09:00', '09:08', '09:00', '09:12'],
  ['交通管制', '09:08', '09:30', '09:12', '09:40'],
  ['人员疏散', '09:30', '10:00', '09:40', '10:05'],
  ['火场指挥调度', '09:10', '11:00', '09:15', '11:10'],
  ['明火处置', '10:00', '11:00', '10:05', '11:05'],
  ['火场清理', '11:00', '12:00', '11:05', '12:00'],
].map(([name, ps, pe, as, ae]) => ({
  name,
  plannedStart: `2026-02-20T${ps}:00+08:00`,
  plannedEnd: `2026-02-20T${pe}:00+08:00`,
  actualStart: `2026-02-20T${as}:00+08:00`,
  actualEnd: `2026-02-20T${ae}:00+08:00`,
}));

describe('the drill duty of a plan and the compliance view', () => {
  it('gives a city work-safety special plan two years, and shows it overdue from records', async () => {
    const plan = await createPlan(fireworksPlan);
    expect(plan.duty).toMatchObject({ intervalMonths: 24, lastDrillOn: null, nextDueOn: '2024-06-01', overdue: true });
    const flood = await createPlan({
      ...fireworksPlan,
      name: '中山市防汛防旱防风应急预案',
      workSafety: false,
      accidentTypes: [],
      disasterTypes: ['typhoon'],
    });
    expect(flood.duty).toMatchObject({ intervalMonths: 36, nextDueOn: '2025-06-01', overdue: true });
    const overdue = (await h.call('GET', '/api/drill/plans?overdue=true', { cookie: bureau.cookie })).json();
    expect(overdue.items.map((p: { id: number }) => p.id)).toEqual([plan.id, flood.id]);
    const byKind = (await h.call('GET', '/api/drill/compliance?by=kind', { cookie: bureau.cookie })).json();
    expect(byKind.rows).toContainEqual(
      expect.objectContaining({ key: 'special', label: '专项预案', plans: 2, overdue: 2, neverDrilled: 2 }),
    );
  });

  it('refuses a drill before the plan was issued and a phase ending before it starts, changing nothing', async () => {
    const plan = await createPlan({
      ...fireworksPlan,
      name: '中山市森林火灾应急预案',
      workSafety: false,
      accidentTypes: [],
      issuedOn: '2022-05-01',
    });
    const before = await count('drills');
    const early = await h.call('POST', '/api/drill/drills', {
      cookie: bureau.cookie,
      body: { title: '森林火灾应急演练', planId: plan.id, plannedOn: '2022-04-30', form: 'live', organiser: '市森林消防支队' },
    });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({
      field: 'heldOn',
      message: expect.stringContaining('早于预案《中山市森林火灾应急预案》的发布日期（2022-05-01）'),
    });
    const bad = [...phases];
    bad[1] = { ...bad[1]!, actualEnd: '2026-02-20T09:11:00+08:00' };
    const backwards = await h.call('POST', '/api/drill/drills', {
      cookie: bureau.cookie,
      body: {
        title: '森林火灾应急演练',
        planId: plan.id,
        plannedOn: '2026-02-20',
        form: 'combined',
        organiser: '市森林消防支队',
        phases: bad,
      },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ field: 'phases.1', message: '第 2 个环节“交通管制”的实际结束时间早于实际开始时间' });
    expect(await count('drills')).toBe(before);
    expect((await h.call('GET', `/api/drill/plans/${plan.id}`, { cookie: bureau.cookie })).json().duty.overdue).toBe(true);
    const byKind = (await h.call('GET', '/api/drill/compliance?by=kind', { cookie: bureau.cookie })).json();
    expect(byKind.rows).toContainEqual(expect.objectContaining({ key: 'special', plans: 3, overdue: 3 }));
  });

  it('records a blind drill with six phases: the plan’s last drill moves and it is no longer overdue', async () => {
    const plan = (await h.call('GET', '/api/drill/plans?keyword=森林火灾', { cookie: bureau.cookie })).json().items[0];
    const res = await h.call('POST', '/api/drill/drills', {
      cookie: bureau.cookie,
      body: {
        title: '2026年森林火灾应急综合演练',
        planId: plan.id,
        plannedOn: '2026-02-20',
        form: 'combined',
        notice: 'single_blind',
        organiser: '市森林消防支队',
        participants: ['中山军分区', '五桂山街道办事处'],
        jointMilitary: true,
        phases,
        costFen: 1_250_000,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const drill = res.json();
    expect(drill).toMatchObject({ status: 'done', heldOn: '2026-02-20', notice: 'single_blind', jointMilitary: true });
    expect(drill.phases).toHaveLength(6);
    expect(drill.phases[1]).toMatchObject({ name: '交通管制', overrunMinutes: 6 });
    const after = (await h.call('GET', `/api/drill/plans/${plan.id}`, { cookie: bureau.cookie })).json();
    expect(after.duty).toMatchObject({ lastDrillOn: '2026-02-20', nextDueOn: '2029-02-20', overdue: false });
    expect(after.drills).toEqual([expect.objectContaining({ id: drill.id, status: 'done' })]);
    // the compliance view answered before the drill is not served again after it
    const byKind = (await h.call('GET', '/api/drill/compliance?by=kind', { cookie: bureau.cookie })).json();
    expect(byKind.rows).toContainEqual(expect.objectContaining({ key: 'special', plans: 3, overdue: 2 }));
    const stats = (await h.call('GET', '/api/drill/stats?year=2026', { cookie: bureau.cookie })).json();
    expect(stats).toMatchObject({ held: 1, blind: 1, jointMilitary: 1, costFen: 1_250_000 });
  });

  it('recomputes every plan’s duty when the setting table changes', async () => {
    const admin = await h.userWithSession({ role: 'admin' });
    const res = await h.call('PUT', '/api/settings/drillDuties', {
      cookie: admin.cookie,
      body: { value: [{ levels: ['city'], months: 12, basis: '本市从严：市级预案每年演练' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const forest = (await h.call('GET', '/api/drill/plans?keyword=森林火灾', { cookie: bureau.cookie })).json().items[0];
    expect(forest.duty).toMatchObject({ intervalMonths: 12, nextDueOn: '2027-02-20', basis: '本市从严：市级预案每年演练' });
    const reset = await h.call('PUT', '/api/settings/drillDuties', { cookie: admin.cookie, body: { value: DEFAULT_DRILL_DUTIES } });
    expect(reset.statusCode).toBe(200);
  });
});

describe('review (复盘): findings become tasks, completed by the owner and signed off by another', () => {
  it('tracks two findings to sign-off; the owner cannot sign off his own', async () => {
    const drill = (await h.call('GET', '/api/drill/drills?year=2026', { cookie: bureau.cookie })).json().items[0];
    const add = (phase: string, finding: string) =>
      h.call('POST', `/api/drill/drills/${drill.id}/findings`, {
        cookie: bureau.cookie,
        body: { phase, finding, unit: '市公安局交警支队', ownerId: town.user.id, deadline: '2026-04-30' },
      });
    expect((await add('不存在的环节', '交通管制点位设置滞后')).json()).toMatchObject({ field: 'phase' });
    expect((await add('交通管制', '交通管制点位设置滞后，社会车辆进入警戒区')).statusCode).toBe(200);
    const detail = (await add('火情上报', '火情上报时间超出计划 4 分钟')).json();
    expect(detail.tasks.map((t: { state: string }) => t.state)).toEqual(['open', 'open']);
    const [first] = detail.tasks;

    const mine = (await h.call('GET', '/api/drill/tasks?mine=owner', { cookie: town.cookie })).json();
    expect(mine.total).toBe(2);
    expect(mine.items[0].can).toEqual({ complete: true, signOff: false });
    const notOwner = await h.call('POST', `/api/drill/tasks/${first.id}/complete`, { cookie: bureau.cookie, body: { evidence: '已整改' } });
    expect(notOwner.statusCode).toBe(403);
    const done = await h.call('POST', `/api/drill/tasks/${first.id}/complete`, {
      cookie: town.cookie,
      body: { evidence: '已调整交通管制点位，修订交通管制方案' },
    });
    expect(done.json()).toMatchObject({ state: 'done', evidence: '已调整交通管制点位，修订交通管制方案' });

    const self = await h.call('POST', `/api/drill/tasks/${first.id}/sign-off`, { cookie: town.cookie, body: {} });
    expect(self.statusCode).toBe(422);
    expect(self.json().message).toBe('整改任务不能由责任人本人验收销号，请由其他人员验收');
    expect((await h.call('GET', '/api/drill/tasks?mine=signer', { cookie: bureau.cookie })).json().total).toBe(1);
    const signed = await h.call('POST', `/api/drill/tasks/${first.id}/sign-off`, { cookie: leader.cookie, body: { note: '验收合格' } });
    expect(signed.json()).toMatchObject({ state: 'signed_off', signedOffBy: expect.stringContaining('测试') });
    const after = (await h.call('GET', `/api/drill/drills/${drill.id}`, { cookie: bureau.cookie })).json();
    expect(after.openTasks).toBe(1);
    expect(after.tasks.map((t: { state: string }) => t.state)).toEqual(['signed_off', 'open']);
    const listed = (await h.call('GET', '/api/drill/drills?year=2026', { cookie: bureau.cookie })).json().items;
    expect(listed.find((d: { id: number }) => d.id === drill.id).openTasks).toBe(1);

    // the city's drill is outside the town officer's scope: as a task owner he reads it, read only; another town does not
    expect(after.readOnly).toBe(false);
    const asOwner = await h.call('GET', `/api/drill/drills/${drill.id}`, { cookie: town.cookie });
    expect(asOwner.statusCode, asOwner.body).toBe(200);
    expect(asOwner.json()).toMatchObject({ id: drill.id, readOnly: true });
    const otherTown = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan });
    expect((await h.call('GET', `/api/drill/drills/${drill.id}`, { cookie: otherTown.cookie })).statusCode).toBe(404);
    const write = await h.call('POST', `/api/drill/drills/${drill.id}/findings`, {
      cookie: town.cookie,
      body: { phase: '交通管制', finding: '越权登记', unit: '坦洲镇', ownerId: town.user.id, deadline: '2026-04-30' },
    });
    expect([403, 404]).toContain(write.statusCode);
  });

  it('refuses an owner who cannot open the task list, or one outside the officer’s scope', async () => {
    const drill = (await h.call('GET', '/api/drill/drills?year=2026', { cookie: bureau.cookie })).json().items[0];
    const legal = await h.createUser({ role: 'legal_reviewer' });
    const xiaolan = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan });
    const body = (ownerId: number) => ({
      phase: '人员疏散',
      finding: '疏散路线标识不清',
      unit: '五桂山街道办事处',
      ownerId,
      deadline: '2026-04-30',
    });
    const before = await count('drill_tasks');
    const byLegal = await h.call('POST', `/api/drill/drills/${drill.id}/findings`, { cookie: bureau.cookie, body: body(legal.id) });
    expect(byLegal.json()).toMatchObject({ field: 'ownerId', message: '整改责任人不存在或不在您的管辖范围内' });
    // a town officer may record a drill of his town only: the city's drill is not his
    const foreign = await h.call('POST', `/api/drill/drills/${drill.id}/findings`, { cookie: xiaolan.cookie, body: body(xiaolan.user.id) });
    expect(foreign.statusCode).toBe(404);
    expect(await count('drill_tasks')).toBe(before);
    const people = (await h.call('GET', '/api/drill/assignees', { cookie: bureau.cookie })).json().items;
    expect(people.map((u: { id: number }) => u.id)).not.toContain(legal.id);
  });

  it('links a plan revision to the drill behind it', async () => {
    const drill = (await h.call('GET', '/api/drill/drills?year=2026', { cookie: bureau.cookie })).json().items[0];
    const pdf = Buffer.from('%PDF-1.4\n% revised plan\n');
    const up = await h.call('POST', '/api/attachments?fileName=revised.pdf', {
      cookie: bureau.cookie,
      body: pdf,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(up.statusCode, up.body).toBe(201);
    const res = await h.call('POST', `/api/drill/plans/${drill.planId}/versions`, {
      cookie: bureau.cookie,
      body: {
        sha256: up.json().sha256,
        fileName: '森林火灾应急预案（2026修订）.pdf',
        revisedOn: '2026-03-01',
        note: '根据演练复盘修订交通管制分工',
        drillId: drill.id,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ revisedOn: '2026-03-01', versions: [expect.objectContaining({ no: 1, drillId: drill.id })] });
    expect((await h.call('GET', `/api/drill/drills/${drill.id}`, { cookie: bureau.cookie })).json().revisions).toEqual([
      expect.objectContaining({ planId: drill.planId, no: 1, note: '根据演练复盘修订交通管制分工' }),
    ]);
  });
});

describe('enterprise users register and drill their own plans', () => {
  it('scopes plans to the user’s firm', async () => {
    const firm = (await h.call('POST', '/api/enterprises', { cookie: bureau.cookie, body: enterpriseBody(501) })).json();
    const other = (await h.call('POST', '/api/enterprises', { cookie: bureau.cookie, body: enterpriseBody(502) })).json();
    const u = await h.createUser({ role: 'enterprise_user', divisionCode: TOWNS.tanzhou });
    await h.db.update(users).set({ enterpriseId: firm.id }).where(eq(users.id, u.id));
    const cookie = await h.login(u.username);
    const own = await createPlan(
      { name: '有限空间作业现场处置方案', level: 'enterprise', kind: 'onsite', ownerUnit: firm.name, issuedOn: '2025-10-01' },
      cookie,
    );
    expect(own).toMatchObject({
      enterpriseId: firm.id,
      divisionCode: TOWNS.tanzhou,
      duty: { intervalMonths: 6, nextDueOn: '2026-04-01', overdue: false },
    });
    const foreign = await createPlan({
      name: '综合应急预案（外企）',
      level: 'enterprise',
      kind: 'overall',
      ownerUnit: other.name,
      enterpriseId: other.id,
      issuedOn: '2025-01-01',
    });
    expect((await h.call('GET', '/api/drill/plans', { cookie })).json().items.map((p: { id: number }) => p.id)).toEqual([own.id]);
    expect((await h.call('GET', `/api/drill/plans/${foreign.id}`, { cookie })).statusCode).toBe(404);
    const drill = await h.call('POST', '/api/drill/drills', {
      cookie,
      body: { title: '有限空间中毒窒息应急演练', planId: own.id, plannedOn: '2026-02-27', form: 'live', organiser: firm.name },
    });
    expect(drill.statusCode, drill.body).toBe(201);
    expect((await h.call('GET', `/api/drill/plans/${own.id}`, { cookie })).json().duty).toMatchObject({
      lastDrillOn: '2026-02-27',
      nextDueOn: '2026-08-27',
    });
    const stolen = await h.call('POST', '/api/drill/drills', {
      cookie,
      body: { title: '冒名演练记录', planId: foreign.id, plannedOn: '2026-02-27', form: 'live', organiser: '某公司' },
    });
    expect(stolen.json()).toMatchObject({ field: 'planId' });
  });
});

describe('training counted from records', () => {
  const session = (over: Record<string, unknown>) => ({
    topic: '主要负责人安全生产专题培训',
    kind: 'principal',
    organiser: '中山市应急管理局',
    heldOn: '2026-01-15',
    ...over,
  });

  it('refuses negative or non-integer counts, naming the field, and records nothing', async () => {
    const before = await count('training_sessions');
    const neg = await h.call('POST', '/api/drill/training', { cookie: bureau.cookie, body: session({ principals: -3 }) });
    expect(neg.json()).toMatchObject({ field: 'principals', message: expect.stringContaining('主要负责人人数不能为负数') });
    const frac = await h.call('POST', '/api/drill/training', { cookie: bureau.cookie, body: session({ principals: 2.5 }) });
    expect(frac.json()).toMatchObject({ field: 'principals', message: expect.stringContaining('主要负责人人数必须是整数') });
    const over = await h.call('POST', '/api/drill/training', { cookie: bureau.cookie, body: session({ principals: 30, passed: 31 }) });
    expect(over.json()).toMatchObject({ field: 'passed', message: '考核合格人数（31）不能多于参训人数合计（30）' });
    expect(await count('training_sessions')).toBe(before);
  });

  it('totals equal the sums of the rows, by kind and by year', async () => {
    const rows = [
      session({ principals: 35, safetyManagers: 5, passed: 40 }),
      session({ principals: 50, heldOn: '2025-11-02', mode: 'online', passed: 48 }),
      session({ topic: '执法业务片区培训', kind: 'officer', officers: 62 }),
      session({ topic: '镇街三防业务培训', kind: 'sanfang', sanfangStaff: 750, heldOn: '2025-04-10', passed: 750 }),
    ];
    for (const body of rows) expect((await h.call('POST', '/api/drill/training', { cookie: bureau.cookie, body })).statusCode).toBe(201);
    const byKind = (await h.call('GET', '/api/drill/training/totals?by=kind', { cookie: bureau.cookie })).json();
    expect(byKind.total).toMatchObject({
      sessions: 4,
      participants: 902,
      passed: 838,
      principals: 85,
      safetyManagers: 5,
      officers: 62,
      sanfangStaff: 750,
    });
    expect(byKind.rows.find((r: { key: string }) => r.key === 'principal')).toMatchObject({
      label: '主要负责人和安全管理人员培训',
      sessions: 2,
      participants: 90,
    });
    const y2025 = (
      await h.call('GET', '/api/drill/training/totals?by=year&from=2025-01-01&to=2025-12-31', { cookie: bureau.cookie })
    ).json();
    expect(y2025.total).toMatchObject({ sessions: 2, participants: 800 });
  });

  it('imports an attendance list, asking for a mapping when the name column is unknown', async () => {
    const s = (await h.call('POST', '/api/drill/training', { cookie: bureau.cookie, body: session({ principals: 3 }) })).json();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('签到');
    sheet.addRows([
      ['学员', '公司', '成绩'],
      ['张三', '中山市测试五金有限公司', 85],
      ['李四', '中山市测试电器有限公司', 52],
      ['', '', ''],
    ]);
    const body = Buffer.from(await book.xlsx.writeBuffer());
    const headers = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    const url = `/api/drill/training/${s.id}/attendance?fileName=${encodeURIComponent('签到表.xlsx')}`;
    const unknown = await h.call('POST', url, { cookie: bureau.cookie, body, headers });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      field: 'file',
      message: '签到表中没有找到“姓名”列（找到的列：学员、公司、成绩），请指定各列对应的内容',
      details: { headers: ['学员', '公司', '成绩'], missing: ['name'] },
    });
    expect(await count('training_attendees')).toBe(0);
    const mapping = encodeURIComponent(JSON.stringify({ name: '学员', unit: '公司', passed: '成绩' }));
    const ok = await h.call('POST', `${url}&mapping=${mapping}`, { cookie: bureau.cookie, body, headers });
    expect(ok.json()).toEqual({ imported: 2, skipped: [], columns: { 姓名: '学员', 单位: '公司', 考核结果: '成绩' } });
    const detail = (await h.call('GET', `/api/drill/training/${s.id}`, { cookie: bureau.cookie })).json();
    expect(detail.attendeeList).toEqual([
      { name: '张三', unit: '中山市测试五金有限公司', category: '', passed: true },
      { name: '李四', unit: '中山市测试电器有限公司', category: '', passed: false },
    ]);
  });
});

describe('views and the workbench', () => {
  it('puts plans overdue for a drill and tasks to sign off on the workbench', async () => {
    const items = (await h.call('GET', '/api/workbench', { cookie: bureau.cookie })).json().items;
    // the fireworks and flood plans, and the foreign firm's comprehensive plan (issued 2025-01-01, a year)
    expect(items).toContainEqual(expect.objectContaining({ key: 'drill.plans_overdue', module: 'drill', count: 3 }));
    const townItems = (await h.call('GET', '/api/workbench', { cookie: town.cookie })).json().items;
    expect(townItems).toContainEqual(expect.objectContaining({ key: 'drill.my_tasks', count: 1 }));
  });

  it('exports the plan, drill and training ledgers and answers the calendar', async () => {
    for (const path of ['/api/drill/plans/export', '/api/drill/drills/export', '/api/drill/training/export']) {
      const res = await h.call('GET', path, { cookie: bureau.cookie });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
    }
    const cal = (await h.call('GET', '/api/drill/calendar?from=2026-01-01&to=2026-03-31', { cookie: bureau.cookie })).json();
    expect(cal.items.map((i: { type: string; date: string }) => `${i.date} ${i.type}`)).toContain('2026-02-20 drill');
  });
});
