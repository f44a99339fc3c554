/**
 * The accident records over HTTP on a real database: report, chain clocks (迟报), casualty changes regrading the
 * accident, findings, the investigation's deadlines, refusals that change nothing, scope and the workbench.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEventMap } from '@yingji/domain';
import { queryRows } from '../../db/client';
import { enterpriseBody } from '../../../test/enterprise-fixtures';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { accidentObligations } from './accident.obligations';

let h: THarness;
type TSession = { user: { username: string }; cookie: string };
let town: TSession;
let duty: TSession;
const sessions: TSession[] = [];
/** Moves the clock and logs everyone in again (a jump of days would end their idle sessions). */
async function setClock(t: string) {
  h.clock.set(t);
  for (const s of sessions) s.cookie = await h.login(s.user.username);
}
let firmId: number;
const recorded: TEventMap['accident.recorded'][] = [];

beforeAll(async () => {
  h = await createHarness();
  h.services.events.on('accident.recorded', 'test: collects', async (_tx, p) => {
    recorded.push(p);
  });
  const bureau = await h.userWithSession({ role: 'bureau_officer' });
  const res = await h.call('POST', '/api/enterprises', { cookie: bureau.cookie, body: enterpriseBody(16001) });
  expect(res.statusCode).toBe(201);
  firmId = res.json().id;
  town = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
  duty = await h.userWithSession({ role: 'duty_officer' });
  sessions.push(town, duty);
});
afterAll(() => h.close());

// 2026-03-01 23:30 Shanghai: the clocks below cross midnight.
const KNOWN = '2026-03-01T15:30:00.000Z';
const at = (m: number) => new Date(Date.parse(KNOWN) + m * 60_000).toISOString();

const report = (over: Record<string, unknown> = {}) => ({
  title: '坦洲镇某五金厂机械伤害事故',
  enterpriseId: firmId,
  divisionCode: TOWNS.tanzhou,
  accidentType: 'machinery',
  place: '坦洲镇测试路 1 号车间',
  occurredAt: at(-20),
  knownAt: KNOWN,
  summary: '员工清理冲床时被压伤右手',
  measures: '已送医，停机检查',
  deaths: 0,
  missing: 0,
  seriousInjuries: 1,
  minorInjuries: 0,
  lossFen: 50_000_00,
  unitPassedUpAt: at(30),
  receivedAt: at(30),
  ...over,
});

const counts = async () =>
  (
    await queryRows<{ a: number; l: number }>(
      h.db,
      sql`SELECT (SELECT count(*)::int FROM accidents) AS a, (SELECT count(*)::int FROM audit_log) AS l`,
    )
  )[0]!;

describe('reporting an accident and passing it up on the clock', () => {
  let id: number;
  it('a town officer reports an accident at a registered firm: graded 一般, chain to the city, event raised', async () => {
    await setClock(at(40));
    const res = await h.call('POST', '/api/accidents', { cookie: town.cookie, body: report() });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    id = a.id;
    expect(a).toMatchObject({
      grade: 'general',
      targetLevel: 'city',
      industry: '工贸',
      partyName: '中山市测试16001号五金制品有限公司',
      townName: '坦洲镇',
    });
    expect(a.clocks.map((c: { level: string; state: string }) => [c.level, c.state])).toEqual([
      ['unit', 'on_time'],
      ['town', 'pending'],
    ]);
    expect(a.pendingLevel).toBe('town');
    expect(a.pendingDueAt).toBe(at(150));
    expect(recorded).toContainEqual(
      expect.objectContaining({ enterpriseId: firmId, accidentId: id, grade: 'general', ref: `accident:${id}` }),
    );
    const [audit] = await queryRows<{ n: number }>(
      h.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'accident' AND entity_id = ${String(id)}`,
    );
    expect(audit!.n).toBe(1);
    // The risk rules hear of it through accident.recorded: a risk event, and the firm's timeline.
    const events = await queryRows<{ kind: string; module: string }>(
      h.db,
      sql`SELECT kind, module FROM risk_events WHERE ref = ${`accident:${id}`}`,
    );
    expect(events).toEqual([{ kind: 'accident', module: 'accident' }]);
    const timeline = await queryRows<{ summary: string }>(
      h.db,
      sql`SELECT summary FROM enterprise_events WHERE enterprise_id = ${firmId} AND ref = ${`accident:${id}`}`,
    );
    expect(timeline).toHaveLength(1);
    expect(timeline[0]!.summary).toMatch(/^生产安全事故：/);
  });

  it('shows 迟报 when the town passes up 121 minutes after receiving, on time at 120', async () => {
    await setClock(at(200));
    const late = await h.call('POST', `/api/accidents/${id}/steps`, { cookie: town.cookie, body: { level: 'town', passedUpAt: at(151) } });
    expect(late.statusCode).toBe(200);
    const town1 = late.json().clocks.find((c: { level: string }) => c.level === 'town');
    expect(town1).toMatchObject({ state: 'late', minutesLate: 1 });
    expect(late.json().lateSteps).toBe(1);
    expect(late.json().chain.find((s: { level: string }) => s.level === 'city').receivedAt).toBe(at(151));
    expect(late.json().pendingLevel).toBeNull(); // 一般 stops at the city

    const onTime = await h.call('POST', `/api/accidents/${id}/steps`, {
      cookie: town.cookie,
      body: { level: 'town', passedUpAt: at(150) },
    });
    expect(onTime.json().clocks.find((c: { level: string }) => c.level === 'town')).toMatchObject({ state: 'on_time', minutesLate: 0 });
  });

  it('a town officer may not record the city’s step', async () => {
    const res = await h.call('POST', `/api/accidents/${id}/steps`, { cookie: town.cookie, body: { level: 'city', passedUpAt: at(160) } });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('镇街人员只能登记事故单位和镇街的接报、上报时间');
  });

  it('regrades on a casualty change, keeps the history and extends the chain to the province', async () => {
    await setClock(at(300));
    const res = await h.call('POST', `/api/accidents/${id}/casualties`, {
      cookie: town.cookie,
      body: {
        deaths: 3,
        missing: 0,
        seriousInjuries: 1,
        minorInjuries: 2,
        lossFen: 50_000_00,
        note: '2 名伤者抢救无效死亡，另查明 1 人遇难',
      },
    });
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.grade).toBe('larger');
    expect(a.targetLevel).toBe('province');
    expect(a.casualtyChanges).toEqual([
      expect.objectContaining({ gradeBefore: 'general', gradeAfter: 'larger', inWindow: true, deaths: 3 }),
    ]);
    // the city received at 151 (150 after the correction) and has 2 hours to pass it to the province: now overdue
    expect(a.clocks.find((c: { level: string }) => c.level === 'city')).toMatchObject({ state: 'overdue', to: 'province' });
    expect(a.pendingLevel).toBe('city');
  });

  it('the duty officer passes it up to the province late and sees 迟报 with the minutes', async () => {
    // the city's receipt stays as first recorded (151): due 271, passed up at 290
    const res = await h.call('POST', `/api/accidents/${id}/steps`, { cookie: duty.cookie, body: { level: 'city', passedUpAt: at(290) } });
    expect(res.statusCode).toBe(200);
    expect(res.json().clocks.find((c: { level: string }) => c.level === 'city')).toMatchObject({ state: 'late', minutesLate: 19 });
    expect(res.json().pendingLevel).toBeNull();
  });

  it('accepts a casualty change after the 30-day window and flags it', async () => {
    await setClock('2026-03-31T15:59:00.000Z'); // 03-31 23:59 Shanghai: the last day
    const inside = await h.call('POST', `/api/accidents/${id}/casualties`, {
      cookie: town.cookie,
      body: { deaths: 3, missing: 0, seriousInjuries: 2, minorInjuries: 1, lossFen: 50_000_00, note: '1 名轻伤者转为重伤' },
    });
    expect(inside.json().casualtyChanges[1].inWindow).toBe(true);
    await setClock('2026-03-31T16:00:00.000Z');
    const outside = await h.call('POST', `/api/accidents/${id}/casualties`, {
      cookie: town.cookie,
      body: { deaths: 3, missing: 0, seriousInjuries: 2, minorInjuries: 1, lossFen: 60_000_00, note: '损失核定' },
    });
    expect(outside.statusCode).toBe(200);
    expect(outside.json().casualtyChanges[2]).toMatchObject({ inWindow: false, lossFen: 60_000_00 });
    expect(outside.json().followUp).toEqual({ lastDay: '2026-03-31', days: 30, open: false });
  });

  it('records 漏报/谎报/瞒报 findings with a reason', async () => {
    const res = await h.call('POST', `/api/accidents/${id}/findings`, {
      cookie: duty.cookie,
      body: { kind: 'omitted', reason: '首报未报失踪人数' },
    });
    expect(res.json().findings).toEqual([expect.objectContaining({ kind: 'omitted', reason: '首报未报失踪人数' })]);
    const refused = await h.call('POST', `/api/accidents/${id}/findings`, {
      cookie: town.cookie,
      body: { kind: 'false', reason: '镇街不能认定' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('runs the investigation: 60 days, one extension of at most 60, the reply in 15', async () => {
    const open = await h.call('POST', `/api/accidents/${id}/investigation`, {
      cookie: duty.cookie,
      body: { leadUnit: '中山市应急管理局', startedOn: '2026-03-03' },
    });
    expect(open.json().investigation).toMatchObject({ reportDueOn: '2026-04-30', state: 'investigating' });
    // An open investigation is an obligation in the deregistration guard until it is answered.
    const owed = () => accidentObligations.obligationsFor(h.db, [firmId]);
    expect((await owed()).get(firmId)).toEqual([
      { module: 'accident', kind: 'open_investigation', count: 1, summary: '未批复结案的事故调查 1 起' },
    ]);
    const tooLong = await h.call('POST', `/api/accidents/${id}/investigation/extension`, {
      cookie: duty.cookie,
      body: { days: 61, reason: '需补充技术鉴定' },
    });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().message).toBe('调查报告期限延长不得超过 60 日（条例第二十九条）');
    const ok = await h.call('POST', `/api/accidents/${id}/investigation/extension`, {
      cookie: duty.cookie,
      body: { days: 60, reason: '需补充技术鉴定' },
    });
    expect(ok.json().investigation).toMatchObject({ reportDueOn: '2026-06-29', extensionDays: 60 });
    const second = await h.call('POST', `/api/accidents/${id}/investigation/extension`, {
      cookie: duty.cookie,
      body: { days: 5, reason: '再次延期' },
    });
    expect(second.json().message).toBe('调查报告期限只能延长一次（条例第二十九条）');

    const closeEarly = await h.call('POST', `/api/accidents/${id}/close`, { cookie: duty.cookie, body: { note: '' } });
    expect(closeEarly.json().message).toContain('尚未批复');

    await setClock('2026-05-10T02:00:00.000Z');
    const rep = await h.call('POST', `/api/accidents/${id}/investigation/report`, {
      cookie: duty.cookie,
      body: {
        submittedOn: '2026-05-10',
        parties: [{ party: '中山市测试16001号五金制品有限公司', finding: '未落实冲床安全联锁', recommendedPenalty: '罚款 50 万元' }],
      },
    });
    expect(rep.json().investigation).toMatchObject({ replyDueOn: '2026-05-25', state: 'awaiting_reply' });
    await setClock('2026-05-26T02:00:00.000Z');
    expect((await h.call('GET', `/api/accidents/${id}`, { cookie: duty.cookie })).json().investigation.state).toBe('reply_overdue');
    const replied = await h.call('POST', `/api/accidents/${id}/investigation/reply`, {
      cookie: duty.cookie,
      body: { repliedOn: '2026-05-26' },
    });
    expect(replied.json().investigation.state).toBe('replied');
    expect((await owed()).get(firmId)).toBeUndefined();
    const closed = await h.call('POST', `/api/accidents/${id}/close`, { cookie: duty.cookie, body: { note: '批复落实' } });
    expect(closed.json().closed).toBe(true);
  });

  it('refuses a follow-up after closing, and changes nothing', async () => {
    const before = await counts();
    const res = await h.call('POST', `/api/accidents/${id}/casualties`, {
      cookie: town.cookie,
      body: { deaths: 4, missing: 0, seriousInjuries: 2, minorInjuries: 1, lossFen: 0, note: '结案后续报' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('已结案');
    expect(await counts()).toEqual(before);
    expect((await h.call('GET', `/api/accidents/${id}`, { cookie: duty.cookie })).json().deaths).toBe(3);
  });
});

describe('bad input is refused with the rule named, and nothing changes', () => {
  it.each([
    ['occurred after known', { occurredAt: at(1) }, 422, '事故发生时间不能晚于单位知悉时间'],
    [
      'a step earlier than the one below',
      { unitPassedUpAt: at(40), receivedAt: at(35) },
      422,
      '报告链时间倒置：镇街接报时间不能早于事故单位上报时间',
    ],
    ['negative deaths', { deaths: -1 }, 400, '死亡人数不能为负数'],
    ['negative loss', { lossFen: -100 }, 400, '直接经济损失不能为负数'],
    ['an unknown firm', { enterpriseId: 999999 }, 400, '企业不存在，请从企业台账中选择'],
    ['an unknown town', { divisionCode: '442000999' }, 400, '镇街不存在：442000999'],
    ['another town', { divisionCode: TOWNS.xiaolan }, 400, '只能报告本人管辖范围内镇街的事故'],
    ['no party', { enterpriseId: null, partyName: null }, 400, '请从企业台账选择事故单位'],
  ] as const)('%s', async (_name, over, status, message) => {
    await setClock(at(60));
    const before = await counts();
    const res = await h.call('POST', '/api/accidents', { cookie: town.cookie, body: report(over) });
    expect(res.statusCode).toBe(status);
    expect(res.json().message).toContain(message);
    expect(await counts()).toEqual(before);
  });
});

describe('scope and the workbench', () => {
  let tanzhouId: number;
  beforeAll(async () => {
    await setClock(at(60));
    tanzhouId = (await h.call('POST', '/api/accidents', { cookie: town.cookie, body: report({ title: '坦洲镇待上报事故' }) })).json().id;
  });

  it('another town sees neither the record nor the list entry; the bureau sees both', async () => {
    const xiaolan = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan });
    const res = await h.call('GET', `/api/accidents/${tanzhouId}`, { cookie: xiaolan.cookie });
    const missing = await h.call('GET', '/api/accidents/999999', { cookie: xiaolan.cookie });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(missing.json());
    expect((await h.call('GET', '/api/accidents', { cookie: xiaolan.cookie })).json().total).toBe(0);
    expect((await h.call('GET', '/api/accidents', { cookie: duty.cookie })).json().total).toBe(2);
    const firm = await h.userWithSession({ role: 'enterprise_user', divisionCode: TOWNS.tanzhou });
    expect((await h.call('GET', '/api/accidents', { cookie: firm.cookie })).statusCode).toBe(403);
  });

  it('puts reports not passed up on the duty officer’s workbench, danger once late; follow-ups on the town’s', async () => {
    await setClock(at(151)); // the town received at 30: due at 150
    const items = (await h.call('GET', '/api/workbench', { cookie: duty.cookie })).json().items;
    expect(items).toContainEqual(expect.objectContaining({ key: 'accident.pending', count: 1, severity: 'danger' }));
    await setClock(at(100));
    const early = (await h.call('GET', '/api/workbench', { cookie: duty.cookie })).json().items;
    expect(early).toContainEqual(expect.objectContaining({ key: 'accident.pending', count: 1, severity: 'warning' }));
    const townItems = (await h.call('GET', '/api/workbench', { cookie: town.cookie })).json().items;
    expect(townItems).toContainEqual(expect.objectContaining({ key: 'accident.follow_up', count: 1 }));
    expect(townItems.map((i: { key: string }) => i.key)).not.toContain('accident.pending');
  });

  it('lists only pending ones when asked, and exports the ledger as Excel', async () => {
    const pending = (await h.call('GET', '/api/accidents?pending=true', { cookie: duty.cookie })).json();
    expect(pending.items.map((i: { id: number }) => i.id)).toEqual([tanzhouId]);
    const file = await h.call('GET', '/api/accidents/export', { cookie: duty.cookie });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(String(file.headers['content-disposition'])).toContain(encodeURIComponent('事故台账'));
  });
});
