import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, hazards, supervisions } from '../../../db/schema/index';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { firm } from '../../../../test/inspection-fixtures';
import { hazard } from '../../../../test/hazard-views-fixtures';

let h: THarness;
let officer: string; // 市局 bureau_officer: hazard.supervise
let leader: string;
let tanzhou: string; // town officer: sees, cannot supervise
let tanzhouFirm: { id: number; divisionCode: string };
let xiaolanFirm: { id: number; divisionCode: string };

const base = { supervisingBody: '中山市安全生产委员会办公室', leaderName: '王副市长', reason: '重大事故隐患整改进度滞后，实行挂牌督办' };

beforeAll(async () => {
  h = await createHarness();
  users = [
    await h.createUser({ role: 'bureau_officer' }),
    await h.createUser({ role: 'bureau_leader' }),
    await h.createUser({ role: 'town_officer', divisionCode: TOWNS.tanzhou }),
  ];
  await at('2026-03-02T02:00:00Z');
  tanzhouFirm = await firm(h.db);
  xiaolanFirm = await firm(h.db, { divisionCode: TOWNS.xiaolan });
});
afterAll(() => h?.close());

let users: { username: string }[] = [];
/** Moves the clock and logs in again (sessions lapse while days pass). */
async function at(t: string) {
  h.clock.set(t);
  [officer, leader, tanzhou] = (await Promise.all(users.map((u) => h.login(u.username)))) as [string, string, string];
}
const post = (url: string, body: unknown, cookie = officer) => h.call('POST', url, { cookie, body });
const supervised = async (id: number) => (await h.db.select({ s: hazards.supervised }).from(hazards).where(eq(hazards.id, id)))[0]!.s;

describe('listed supervision of a major hazard', () => {
  it('refuses a general hazard, a closed one and a past deadline, and changes nothing', async () => {
    const general = await hazard(h.db, {
      enterpriseId: tanzhouFirm.id,
      divisionCode: tanzhouFirm.divisionCode,
      level: 'general',
      state: 'rectifying',
    });
    const res = await post('/api/supervisions', { target: 'hazard', hazardId: general, deadline: '2026-04-30', ...base });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'rule_violation', message: '挂牌督办的对象应为重大隐患', field: 'hazardId' });
    const closed = await hazard(h.db, {
      enterpriseId: tanzhouFirm.id,
      divisionCode: tanzhouFirm.divisionCode,
      level: 'major',
      state: 'closed',
      deadline: '2026-02-28',
    });
    expect((await post('/api/supervisions', { target: 'hazard', hazardId: closed, deadline: '2026-04-30', ...base })).json().message).toBe(
      '该隐患已销号，无需挂牌督办',
    );
    const major = await hazard(h.db, {
      enterpriseId: tanzhouFirm.id,
      divisionCode: tanzhouFirm.divisionCode,
      level: 'major',
      state: 'rectifying',
    });
    const past = await post('/api/supervisions', { target: 'hazard', hazardId: major, deadline: '2026-03-01', ...base });
    expect(past.json()).toMatchObject({ code: 'rule_violation', field: 'deadline' });
    expect((await post('/api/supervisions', { target: 'hazard', hazardId: 999999, deadline: '2026-04-30', ...base })).statusCode).toBe(404);
    expect(await supervised(general)).toBe(false);
    expect(await supervised(major)).toBe(false);
    expect(await h.db.select().from(supervisions)).toEqual([]);
    // A town officer may look but not list.
    expect(
      (await post('/api/supervisions', { target: 'hazard', hazardId: major, deadline: '2026-04-30', ...base }, tanzhou)).statusCode,
    ).toBe(403);
  });

  it('lists a major hazard, refuses to lift it while open, lifts it once closed; audited throughout', async () => {
    const major = await hazard(h.db, {
      enterpriseId: tanzhouFirm.id,
      divisionCode: tanzhouFirm.divisionCode,
      level: 'major',
      state: 'rectifying',
      deadline: '2026-05-31',
    });
    const res = await post('/api/supervisions', { target: 'hazard', hazardId: major, deadline: '2026-03-31', ...base });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      target: 'hazard',
      hazardId: major,
      hazardState: 'rectifying',
      divisionCode: TOWNS.tanzhou,
      status: 'active',
      overdue: false,
      liftProblem: '督办的重大隐患尚未销号，不能摘牌',
      actions: [],
    });
    expect(s.enterpriseName).toContain('中山市检查测试');
    expect(await supervised(major)).toBe(true);
    expect((await post('/api/supervisions', { target: 'hazard', hazardId: major, deadline: '2026-03-31', ...base })).statusCode).toBe(409);

    const refused = await post(`/api/supervisions/${s.id}/lift`, { note: '整改完成' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'rule_violation', message: '督办的重大隐患尚未销号，不能摘牌' });
    expect(await supervised(major)).toBe(true);

    // The hazard is closed (销号) by its own module: here straight in its row.
    await h.db
      .update(hazards)
      .set({ state: 'closed', closedAt: '2026-03-02T01:00:00Z', closedOn: '2026-03-02' })
      .where(eq(hazards.id, major));
    const detail = (await h.call('GET', `/api/supervisions/${s.id}`, { cookie: officer })).json();
    expect(detail.liftProblem).toBeNull();
    expect((await h.call('GET', `/api/supervisions/${s.id}`, { cookie: leader })).json().liftProblem).toBeNull();
    expect((await h.call('GET', `/api/supervisions/${s.id}`, { cookie: tanzhou })).json().liftProblem).toBe('没有此项操作的权限');
    const lifted = await post(`/api/supervisions/${s.id}/lift`, { note: '重大隐患已整改销号，予以摘牌' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json()).toMatchObject({ status: 'lifted', liftNote: '重大隐患已整改销号，予以摘牌', liftProblem: '该督办已摘牌' });
    expect(await supervised(major)).toBe(false);
    expect((await post(`/api/supervisions/${s.id}/lift`, { note: '再次摘牌' })).statusCode).toBe(422);

    const entries = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'supervision'), eq(auditLog.entityId, String(s.id))));
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[0]!.divisionCode).toBe(TOWNS.tanzhou);
  });

  it('records 约谈 and 提醒函, and a resumption request reviewed on site within the set days', async () => {
    const major = await hazard(h.db, {
      enterpriseId: xiaolanFirm.id,
      divisionCode: xiaolanFirm.divisionCode,
      level: 'major',
      state: 'ordered',
      deadline: '2026-05-31',
    });
    const s = (await post('/api/supervisions', { target: 'hazard', hazardId: major, deadline: '2026-03-20', ...base })).json();
    const act = (body: object) => post(`/api/supervisions/${s.id}/actions`, { note: '约谈企业主要负责人', ...body });
    expect((await act({ kind: 'interview', on: '2026-03-02' })).statusCode).toBe(201);
    expect((await act({ kind: 'reminder_letter', on: '2026-03-03' })).json()).toMatchObject({ field: 'on', code: 'invalid' }); // tomorrow
    // No request yet: no review.
    expect((await act({ kind: 'resumption_review', on: '2026-03-02', passed: true })).json()).toMatchObject({
      code: 'rule_violation',
      message: '没有待审查的复产申请',
    });
    const requested = (await act({ kind: 'resumption_request', on: '2026-03-02', note: '企业申请恢复生产' })).json();
    const request = requested.actions.at(-1);
    expect(request).toMatchObject({ kind: 'resumption_request', reviewDueOn: '2026-03-12', reviewOverdue: false });
    expect((await act({ kind: 'resumption_request', on: '2026-03-02' })).statusCode).toBe(422);

    // The due day passes without a review (overdue from 00:00 on the 13th, Shanghai time).
    await at('2026-03-12T15:59:00Z');
    expect((await h.call('GET', `/api/supervisions/${s.id}`, { cookie: tanzhou })).statusCode).toBe(404); // not their town
    let detail = (await h.call('GET', `/api/supervisions/${s.id}`, { cookie: leader })).json();
    expect(detail.actions.find((a: { id: number }) => a.id === request.id).reviewOverdue).toBe(false);
    await at('2026-03-12T16:00:00Z');
    detail = (await h.call('GET', `/api/supervisions/${s.id}`, { cookie: leader })).json();
    expect(detail.actions.find((a: { id: number }) => a.id === request.id).reviewOverdue).toBe(true);

    expect((await act({ kind: 'resumption_review', on: '2026-03-13' })).json()).toMatchObject({ code: 'invalid', field: 'passed' });
    const reviewed = (await act({ kind: 'resumption_review', on: '2026-03-13', passed: false, note: '现场审查不具备复产条件' })).json();
    expect(reviewed.actions.map((a: { kind: string }) => a.kind)).toEqual(['interview', 'resumption_request', 'resumption_review']);
    expect(reviewed.actions.at(-1)).toMatchObject({ passed: false, reviewDueOn: null, reviewOverdue: false });
    expect(reviewed.actions[1]).toMatchObject({ reviewOverdue: true }); // reviewed a day late

    // A second request, reviewed in time.
    const second = (await act({ kind: 'resumption_request', on: '2026-03-13', note: '企业再次申请恢复生产' })).json();
    expect(second.actions.at(-1).reviewDueOn).toBe('2026-03-23');
    const done = (await act({ kind: 'resumption_review', on: '2026-03-13', passed: true, note: '现场审查同意复产' })).json();
    expect(done.actions[3]).toMatchObject({ reviewOverdue: false });
    // The supervision's own deadline (2026-03-20) passing makes it overdue.
    expect(done.overdue).toBe(false);
    await at('2026-03-20T16:00:00Z');
    expect((await h.call('GET', `/api/supervisions/${s.id}`, { cookie: leader })).json().overdue).toBe(true);
    const entries = await h.db.select().from(auditLog).where(eq(auditLog.entity, 'supervision_action'));
    expect(entries.length).toBe(5);
  });
});

describe('listed supervision of a town, and the list', () => {
  it('lists a town and shows a town officer only their own town', async () => {
    await at('2026-03-21T02:00:00Z');
    const town = await post('/api/supervisions', {
      target: 'town',
      townCode: TOWNS.tanzhou,
      deadline: '2026-06-30',
      ...base,
      reason: '辖区重大隐患整改滞后，对镇街挂牌督办',
    });
    expect(town.statusCode, town.body).toBe(201);
    expect(town.json()).toMatchObject({
      target: 'town',
      hazardId: null,
      divisionCode: TOWNS.tanzhou,
      townName: '坦洲镇',
      liftProblem: null,
    });
    expect(
      (await post('/api/supervisions', { target: 'town', townCode: '442000999', deadline: '2026-06-30', ...base })).json(),
    ).toMatchObject({ field: 'townCode' });
    await post('/api/supervisions', { target: 'town', townCode: TOWNS.xiaolan, deadline: '2026-06-30', ...base });
    // A town already listed is not listed twice while the first listing is active.
    const again = await post('/api/supervisions', { target: 'town', townCode: TOWNS.xiaolan, deadline: '2026-07-31', ...base });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ field: 'townCode', message: '小榄镇已在挂牌督办中' });

    const all = (await h.call('GET', '/api/supervisions?pageSize=50', { cookie: leader })).json();
    expect(all.total).toBe(4);
    const mine = (await h.call('GET', '/api/supervisions?pageSize=50', { cookie: tanzhou })).json();
    expect(mine.items.every((s: { divisionCode: string }) => s.divisionCode === TOWNS.tanzhou)).toBe(true);
    expect(mine.total).toBe(2);
    const activeTowns = (await h.call('GET', '/api/supervisions?status=active&target=town', { cookie: leader })).json();
    expect(activeTowns.items.map((s: { divisionCode: string }) => s.divisionCode).sort()).toEqual([TOWNS.tanzhou, TOWNS.xiaolan]);
    const overdue = (await h.call('GET', `/api/supervisions?divisionCode=${TOWNS.xiaolan}&target=hazard`, { cookie: leader })).json();
    expect(overdue.items).toEqual([expect.objectContaining({ overdue: true, status: 'active' })]);
    // A town listing is lifted when the bureau decides.
    const lifted = await post(`/api/supervisions/${town.json().id}/lift`, { note: '整改到位，予以摘牌' });
    expect(lifted.json()).toMatchObject({ status: 'lifted', overdue: false });
  });
});

describe('documents of a supervision', () => {
  it('are read by whoever sees the supervision; another town gets 404; an unknown document is refused', async () => {
    const upload = async (cookie: string, bytes: Buffer) =>
      (
        await h.app.inject({
          method: 'POST',
          url: '/api/attachments?fileName=x',
          headers: { cookie, origin: 'http://localhost', 'content-type': 'application/pdf' },
          payload: bytes,
        })
      ).json().sha256 as string;
    const xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
    const major = await hazard(h.db, {
      enterpriseId: tanzhouFirm.id,
      divisionCode: tanzhouFirm.divisionCode,
      level: 'major',
      state: 'rectifying',
      deadline: '2026-05-31',
    });
    const s = (await post('/api/supervisions', { target: 'hazard', hazardId: major, deadline: '2026-06-30', ...base })).json();
    const letter = await upload(officer, Buffer.from(`%PDF-1.7 约谈记录 ${Math.random()}`));
    const unknown = await post(`/api/supervisions/${s.id}/actions`, {
      kind: 'interview',
      on: '2026-03-21',
      note: '约谈企业主要负责人',
      documents: ['b'.repeat(64)],
    });
    expect(unknown.json()).toMatchObject({ code: 'invalid', field: 'documents' });
    const res = await post(`/api/supervisions/${s.id}/actions`, {
      kind: 'interview',
      on: '2026-03-21',
      note: '约谈企业主要负责人',
      documents: [letter],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().actions.at(-1).documents).toEqual([letter]);
    const read = async (cookie: string) => (await h.call('GET', `/api/attachments/${letter}`, { cookie })).statusCode;
    expect(await read(tanzhou)).toBe(200);
    expect(await read(leader)).toBe(200);
    expect(await read(xiaolan)).toBe(404);
  });
});
