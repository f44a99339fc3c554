/** Emergency plans, their drill duty, drills with phases, review tasks to sign-off, the views and the workbench, on a real database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DRILL_DUTIES } from '@yingji/domain';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { drillPhases } from './drill.fixture';

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

const count = (table: string) => h.count(table);
async function createPlan(body: Record<string, unknown>, cookie = bureau.cookie) {
  const res = await h.call('POST', '/api/drill/plans', { cookie, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const phases = drillPhases([
  ['火情上报', '09:00', '09:08', '09:00', '09:12'],
  ['交通管制', '09:08', '09:30', '09:12', '09:40'],
  ['人员疏散', '09:30', '10:00', '09:40', '10:05'],
  ['火场指挥调度', '09:10', '11:00', '09:15', '11:10'],
  ['明火处置', '10:00', '11:00', '10:05', '11:05'],
  ['火场清理', '11:00', '12:00', '11:05', '12:00'],
]);

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

describe('views and the workbench', () => {
  it('puts plans overdue for a drill and tasks to sign off on the workbench', async () => {
    const items = (await h.call('GET', '/api/workbench', { cookie: bureau.cookie })).json().items;
    // the fireworks and flood plans
    expect(items).toContainEqual(expect.objectContaining({ key: 'drill.plans_overdue', module: 'drill', count: 2 }));
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
