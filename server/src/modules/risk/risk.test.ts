import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { enterpriseBody } from '../../../test/enterprise-fixtures';
import type { TRiskEventInput } from './risk.service';

let h: THarness;
let city: string;
let leader: string;
let tanzhou: string;
let xiaolan: string;
const firm: Record<string, number> = {};
beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-11-27T02:00:00.000Z');
  city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  leader = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
  const add = async (key: string, n: number, over: object = {}) => {
    const res = await h.call('POST', '/api/enterprises', {
      cookie: city,
      body: enterpriseBody(n, { supervisionCategory: 'hc_production', ...over }),
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    firm[key] = res.json().id;
  };
  await add('a', 101);
  await add('b', 102);
  await add('c', 103, { divisionCode: TOWNS.xiaolan, address: '中山市小榄镇', supervisionCategory: 'hc_trade_storage' });
  await add('ungraded', 104);
  await add('fireworks', 105, { name: '中山市烟花零售店', supervisionCategory: 'fw_retail' });
});
afterAll(() => h.close());

const grade = (id: number, body: object, cookie = city) => h.call('POST', `/api/risk/enterprises/${id}/grade`, { cookie, body });
const panel = async (id: number, cookie = city) => (await h.call('GET', `/api/risk/enterprises/${id}`, { cookie })).json();
const record = (input: Partial<TRiskEventInput> & Pick<TRiskEventInput, 'enterpriseId' | 'kind' | 'ref'>) =>
  h.db.transaction((tx) =>
    h.services.modules.risk.risk.recordEvent(tx, { occurredAt: '2026-10-02T03:00:00Z', module: 'test', summary: '测试事件', ...input }),
  );
const auditOf = (entity: string) =>
  queryRows<{ action: string; entity_id: string; after: Record<string, unknown> }>(
    h.db,
    sql`SELECT action, entity_id, after FROM audit_log WHERE entity = ${entity} ORDER BY id`,
  );
const proposals = (id: number) =>
  queryRows<{ id: number; status: string; to_colour: string }>(
    h.db,
    sql`SELECT id, status, to_colour FROM risk_proposals WHERE enterprise_id = ${id} ORDER BY id`,
  );

describe('grades set by hand', () => {
  it('an officer sets an initial grade with a reason; history and audit keep it', async () => {
    const res = await grade(firm.a!, { colour: 'yellow', assessedOn: '2026-01-10', reason: '尚未开展专家评估，按行业初始定级' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ colour: 'yellow', basis: 'initial', validUntil: '2029-01-09' });
    const p = await panel(firm.a!);
    expect(p.history[0]).toMatchObject({
      fromColour: null,
      toColour: 'yellow',
      basis: 'initial',
      comment: '尚未开展专家评估，按行业初始定级',
    });
    expect((await auditOf('risk_grade')).at(-1)).toMatchObject({ action: 'create', entity_id: String(firm.a) });
    expect((await grade(firm.b!, { colour: 'blue', assessedOn: '2026-01-10', reason: '初始定级' })).statusCode).toBe(200);
    expect((await grade(firm.c!, { colour: 'orange', assessedOn: '2023-12-20', reason: '初始定级' })).statusCode).toBe(200);
  });

  it.each([
    [{ colour: 'green', assessedOn: '2026-01-10', reason: '初始定级' }, 'colour', '风险等级应为'],
    [{ colour: 'red', assessedOn: '2026-01-10', reason: '' }, 'reason', '请填写原因'],
    [{ colour: 'red', assessedOn: '2026-12-10', reason: '初始定级' }, 'assessedOn', '定级日期不能晚于今天'],
  ])('refuses %j naming %s', async (body, field, message) => {
    const res = await grade(firm.ungraded!, body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field });
    expect(res.json().message).toContain(message);
  });

  it('refuses a score for a firm outside hazardous chemicals (the 60/75/90 bands are theirs), writing nothing', async () => {
    const body = { colour: 'yellow', score: 80, assessedOn: '2026-01-10', reason: '按行业风险分级表定级' };
    const res = await grade(firm.fireworks!, body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      field: 'score',
      message: '“得分”只适用于危险化学品企业（按 60/75/90 分档定级），该企业监管类别为“烟花爆竹零售”，请按行业风险分级表人工定级，不填得分',
    });
    expect((await panel(firm.fireworks!)).grade).toBeNull();
  });

  it('a town officer may read but not grade', async () => {
    expect((await grade(firm.a!, { colour: 'red', assessedOn: '2026-01-10', reason: '越权定级' }, tanzhou)).statusCode).toBe(403);
    expect((await panel(firm.a!, tanzhou)).grade.colour).toBe('yellow');
  });
});

describe('events and proposals', () => {
  it('an accident recorded by its module proposes a raise with the reason spelled out; a repeat is ignored', async () => {
    const first = await record({
      enterpriseId: firm.a!,
      kind: 'accident',
      ref: 'accident:1',
      occurredAt: '2026-03-02T03:00:00Z',
      summary: '车间灼烫事故',
    });
    expect(first).toMatchObject({ recorded: true });
    const p = await panel(firm.a!);
    expect(p.grade.colour).toBe('yellow');
    expect(p.pending).toMatchObject({ fromColour: 'yellow', toColour: 'orange', direction: 'up', status: 'pending' });
    expect(p.pending.reasons).toEqual([{ rule: 'accident', text: '近12个月内发生生产安全事故1起（2026-03-02）', refs: ['accident:1'] }]);
    expect(p.events[0]).toMatchObject({ kind: 'accident', ref: 'accident:1' });
    const again = await record({ enterpriseId: firm.a!, kind: 'accident', ref: 'accident:1' });
    expect(again).toEqual({ eventId: null, recorded: false, proposalId: first.proposalId });
    expect(await proposals(firm.a!)).toHaveLength(1);
    const detail = (await h.call('GET', `/api/enterprises/${firm.a}`, { cookie: city })).json();
    expect(detail.timeline.map((t: { summary: string }) => t.summary)).toContain('生产安全事故：车间灼烫事故');
  });

  it('a second trigger supersedes the pending proposal: one level per trigger', async () => {
    const res = await h.call('POST', `/api/risk/enterprises/${firm.a}/events`, {
      cookie: city,
      body: { kind: 'directive_refused', occurredOn: '2026-11-20', summary: '拒不停止违规动火作业' },
    });
    expect(res.statusCode).toBe(201);
    const list = await proposals(firm.a!);
    expect(list.map((p) => p.status)).toEqual(['superseded', 'pending']);
    const p = await panel(firm.a!);
    expect(p.pending).toMatchObject({ fromColour: 'yellow', toColour: 'red' });
    expect(p.pending.reasons.map((r: { text: string }) => r.text)).toEqual([
      '近12个月内发生生产安全事故1起（2026-03-02）',
      '近12个月内拒不执行监管指令1次（2026-11-20）',
    ]);
    expect((await auditOf('risk_event')).at(-1)!.after).toMatchObject({ kind: 'directive_refused' });
  });

  it('a reject needs a comment, keeps the grade and is audited; the same events do not propose again', async () => {
    const id = (await panel(firm.a!)).pending.id;
    const bare = await h.call('POST', `/api/risk/proposals/${id}/decision`, { cookie: leader, body: { approve: false } });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().field).toBe('comment');
    expect(bare.json().message).toContain('不同意调整时请填写理由（至少 2 个字）');
    const res = await h.call('POST', `/api/risk/proposals/${id}/decision`, {
      cookie: leader,
      body: { approve: false, comment: '事故已另行处理，暂不上调' },
    });
    expect(res.json()).toMatchObject({ status: 'rejected', comment: '事故已另行处理，暂不上调' });
    expect((await panel(firm.a!)).grade.colour).toBe('yellow');
    expect((await auditOf('risk_proposal')).at(-1)).toMatchObject({
      action: 'update',
      entity_id: String(id),
      after: { status: 'rejected', comment: '事故已另行处理，暂不上调' },
    });
    expect((await h.call('POST', '/api/risk/evaluations', { cookie: city })).json()).toMatchObject({ proposed: 0 });
    expect((await panel(firm.a!)).pending).toBeNull();
    expect((await h.call('POST', `/api/risk/proposals/${id}/decision`, { cookie: leader, body: { approve: true } })).statusCode).toBe(409);
  });

  it('an approval changes the grade (basis dynamic), writes history, and the list shows and filters the colour', async () => {
    await record({ enterpriseId: firm.b!, kind: 'penalty', ref: 'case:1', occurredAt: '2026-05-02T03:00:00Z' });
    await record({ enterpriseId: firm.b!, kind: 'penalty', ref: 'case:2', occurredAt: '2026-08-02T03:00:00Z' });
    const pending = (await panel(firm.b!)).pending;
    expect(pending).toMatchObject({ fromColour: 'blue', toColour: 'yellow' });
    const res = await h.call('POST', `/api/risk/proposals/${pending.id}/decision`, {
      cookie: city,
      body: { approve: true, comment: '同意上调' },
    });
    expect(res.json()).toMatchObject({ status: 'approved', decidedByName: expect.stringContaining('测试') });
    const p = await panel(firm.b!);
    expect(p.grade).toMatchObject({ colour: 'yellow', basis: 'dynamic' });
    expect(p.history[0]).toMatchObject({ fromColour: 'blue', toColour: 'yellow', basis: 'dynamic', comment: '同意上调' });
    expect(p.history[0].reasons[0].text).toBe('近12个月内受到行政处罚2次（2026-05-02、2026-08-02；达到2次即上调）');
    const list = (await h.call('GET', `/api/enterprises?riskColour=yellow&pageSize=50`, { cookie: city })).json();
    expect(list.items.map((e: { id: number }) => e.id).sort()).toEqual([firm.a, firm.b].sort());
    expect(list.total).toBe(2);
    // one firm a page, both ways: each graded firm once, the total counted with the page
    for (const order of ['asc', 'desc']) {
      const first = (
        await h.call('GET', `/api/enterprises?riskColour=yellow&pageSize=1&page=1&sort=name&order=${order}`, { cookie: city })
      ).json();
      const second = (
        await h.call('GET', `/api/enterprises?riskColour=yellow&pageSize=1&page=2&sort=name&order=${order}`, { cookie: city })
      ).json();
      expect([first.total, second.total]).toEqual([2, 2]);
      expect([first.items[0].id, second.items[0].id].sort()).toEqual([firm.a, firm.b].sort());
    }
    expect((await h.call('GET', `/api/enterprises/${firm.ungraded}`, { cookie: city })).json().enterprise.riskColour).toBeNull();
    expect((await auditOf('risk_grade')).at(-1)).toMatchObject({ action: 'update', after: { colour: 'yellow', basis: 'dynamic' } });
  });

  it('a closed major hazard withdraws the proposal it caused', async () => {
    await record({ enterpriseId: firm.c!, kind: 'major_hazard_opened', ref: 'hazard:9', occurredAt: '2026-09-01T03:00:00Z' });
    expect((await panel(firm.c!)).pending).toMatchObject({ toColour: 'red' });
    await record({ enterpriseId: firm.c!, kind: 'major_hazard_closed', ref: 'hazard:9', occurredAt: '2026-10-01T03:00:00Z' });
    expect((await proposals(firm.c!)).map((p) => p.status)).toEqual(['superseded']);
  });

  it('an event for an ungraded firm is recorded and proposes nothing', async () => {
    expect(await record({ enterpriseId: firm.ungraded!, kind: 'accident', ref: 'accident:2' })).toMatchObject({
      recorded: true,
      proposalId: null,
    });
  });
});

describe('scope', () => {
  it('a town officer reads only their town, and may not decide', async () => {
    expect((await h.call('GET', `/api/risk/enterprises/${firm.a}`, { cookie: xiaolan })).statusCode).toBe(404);
    await record({ enterpriseId: firm.c!, kind: 'directive_refused', ref: 'manual:c1' });
    await record({ enterpriseId: firm.a!, kind: 'directive_refused', ref: 'manual:a2', occurredAt: '2026-11-21T03:00:00Z' });
    const mine = (await h.call('GET', '/api/risk/proposals', { cookie: xiaolan })).json();
    expect(mine.items.map((p: { enterpriseId: number }) => p.enterpriseId)).toEqual([firm.c]);
    expect((await h.call('GET', '/api/risk/proposals', { cookie: city })).json().total).toBe(2);
    expect(
      (await h.call('POST', `/api/risk/proposals/${mine.items[0].id}/decision`, { cookie: xiaolan, body: { approve: true } })).statusCode,
    ).toBe(403);
    const dist = (await h.call('GET', '/api/risk/distribution', { cookie: xiaolan })).json();
    expect(dist.totals).toEqual({ red: 0, orange: 1, yellow: 0, blue: 0, total: 1 });
  });

  it('a graded firm moved to another town takes its grade and pending proposal along', async () => {
    await record({ enterpriseId: firm.b!, kind: 'directive_refused', ref: 'manual:b1' });
    // the bureau's own transfer takes effect at once
    const t = (
      await h.call('POST', `/api/enterprises/${firm.b}/transfers`, {
        cookie: city,
        body: { toCode: TOWNS.xiaolan, reason: '企业搬迁至小榄镇' },
      })
    ).json();
    expect(t.status).toBe('accepted');
    const mine = (await h.call('GET', '/api/risk/distribution', { cookie: xiaolan })).json();
    expect(mine.totals).toEqual({ red: 0, orange: 1, yellow: 1, blue: 0, total: 2 });
    expect(
      (await h.call('GET', '/api/risk/proposals', { cookie: xiaolan }))
        .json()
        .items.map((p: { enterpriseId: number }) => p.enterpriseId)
        .sort(),
    ).toEqual([firm.b, firm.c].sort());
    expect((await panel(firm.b!, xiaolan)).grade.colour).toBe('yellow');
  });
});

describe('views', () => {
  it('the distribution equals the counts taken from the records', async () => {
    const dist = (await h.call('GET', '/api/risk/distribution', { cookie: city })).json();
    const rows = await queryRows<{ division_code: string; colour: string; category: string; n: number }>(
      h.db,
      sql`SELECT g.division_code, g.colour, e.supervision_category AS category, count(*)::int AS n FROM risk_grades g JOIN enterprises e ON e.id = g.enterprise_id GROUP BY 1, 2, 3`,
    );
    const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((n, r) => n + r.n, 0);
    expect(dist.totals.total).toBe(sum(() => true));
    for (const t of dist.byTown)
      for (const c of ['red', 'orange', 'yellow', 'blue'])
        expect(t[c]).toBe(sum((r) => r.division_code === t.divisionCode && r.colour === c));
    for (const t of dist.byCategory) expect(t.total).toBe(sum((r) => r.category === t.category));
    expect(dist.totals).toEqual({ red: 0, orange: 1, yellow: 2, blue: 0, total: 3 });
  });

  it('lists grades expiring within 90 days and those expired', async () => {
    // firm c: assessed 2023-12-20, valid until 2026-12-19: 22 days left on 2026-11-27.
    const soon = (await h.call('GET', '/api/risk/expiring', { cookie: city })).json();
    expect(soon).toMatchObject({ total: 1, withinDays: 90, items: [{ enterpriseId: firm.c, validUntil: '2026-12-19', daysLeft: 22 }] });
    expect((await h.call('GET', '/api/risk/expiring?state=expired', { cookie: city })).json().total).toBe(0);
    await grade(firm.ungraded!, { colour: 'blue', assessedOn: '2023-11-01', reason: '补录历史定级' });
    const expired = (await h.call('GET', '/api/risk/expiring?state=expired', { cookie: city })).json();
    expect(expired.items).toEqual([expect.objectContaining({ enterpriseId: firm.ungraded, validUntil: '2026-10-31', daysLeft: -27 })]);
  });

  it('the map shows graded firms with coordinates only', async () => {
    await h.call('PATCH', `/api/enterprises/${firm.a}`, { cookie: city, body: { longitude: 113.45, latitude: 22.26, reason: '补录坐标' } });
    const points = (await h.call('GET', '/api/risk/map', { cookie: city })).json();
    expect(points).toEqual([
      { id: firm.a, name: expect.any(String), colour: 'yellow', longitude: 113.45, latitude: 22.26, divisionName: '坦洲镇' },
    ]);
  });
});
