import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { riskGrades } from '../../../db/schema/index';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { enterpriseBody } from '../../../../test/enterprise-fixtures';

let h: THarness;
let city: string;
let leader: string;
let author: string;
let colleague: string;
let xiaolan: string;
let authorId: number;

export const planBody = (over: Record<string, unknown> = {}) => ({
  year: 2026,
  title: '2026年度坦洲镇双随机抽查计划',
  periodStart: '2026-03-01',
  periodEnd: '2026-12-31',
  focus: '粉尘涉爆、有限空间作业',
  pool: { categories: [], tags: [], towns: [], colours: [] },
  ratios: { red: 1, orange: 0.5, yellow: 0.3, blue: 0.1, none: 0.2 },
  inspectorsPerTarget: 2,
  rounds: 1,
  ...over,
});

beforeAll(async () => {
  h = await createHarness();
  city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  leader = (await h.userWithSession({ role: 'bureau_leader' })).cookie;
  const a = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
  author = a.cookie;
  authorId = a.user.id;
  colleague = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
  // 10 firms in 坦洲: 2 red, 3 yellow, 5 ungraded; 1 in 小榄.
  const ids: number[] = [];
  for (let n = 1; n <= 10; n++)
    ids.push((await h.call('POST', '/api/enterprises', { cookie: city, body: enterpriseBody(600 + n) })).json().id);
  await h.call('POST', '/api/enterprises', {
    cookie: city,
    body: enterpriseBody(700, { divisionCode: TOWNS.xiaolan, address: '中山市小榄镇' }),
  });
  const grade = (id: number, colour: 'red' | 'yellow') => ({
    enterpriseId: id,
    divisionCode: TOWNS.tanzhou,
    colour,
    basis: 'initial' as const,
    assessedOn: '2026-01-05',
    validUntil: '2029-01-05',
    updatedAt: '2026-01-05T00:00:00Z',
  });
  await h.db
    .insert(riskGrades)
    .values([grade(ids[0]!, 'red'), grade(ids[1]!, 'red'), grade(ids[2]!, 'yellow'), grade(ids[3]!, 'yellow'), grade(ids[4]!, 'yellow')]);
});
afterAll(() => h.close());

const create = (cookie: string, body: object) => h.call('POST', '/api/inspection-plans', { cookie, body });

describe('annual plan', () => {
  let id: number;
  it('a town officer drafts a plan for their town; the page counts the pool per grade and the checks the ratios give', async () => {
    const res = await create(author, planBody());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ divisionCode: TOWNS.tanzhou, divisionName: '坦洲镇', status: 'draft', createdBy: authorId });
    id = res.json().id;
    const detail = (await h.call('GET', `/api/inspection-plans/${id}`, { cookie: author })).json();
    const row = (s: string) => detail.checks.find((c: { stratum: string }) => c.stratum === s);
    expect(row('red')).toMatchObject({ pool: 2, perRound: 2, checks: 2, perFirm: 1, min: 4, warning: 'below_min' });
    expect(row('yellow')).toMatchObject({ pool: 3, perRound: 1, checks: 1, perFirm: 0.33, warning: 'below_min' });
    expect(row('none')).toMatchObject({ pool: 5, perRound: 1, checks: 1, warning: null });
    expect(row('red').message).toBe('红色企业每家每年平均检查 1 次，低于设置的最少 4 次');
    expect(detail.can).toEqual({ edit: true, approve: false, draw: false });
    expect(detail.approveProblem).toBe('计划须由起草人以外的人员审批');
  });

  it('four rounds a year bring red firms up to the minimum', async () => {
    await h.call('PATCH', `/api/inspection-plans/${id}`, { cookie: author, body: { rounds: 4 } });
    const detail = (await h.call('GET', `/api/inspection-plans/${id}`, { cookie: author })).json();
    expect(detail.checks.find((c: { stratum: string }) => c.stratum === 'red')).toMatchObject({ checks: 8, perFirm: 4, warning: null });
  });

  it('filters the pool by grade, including 未定级', async () => {
    const other = (
      await create(author, planBody({ pool: { categories: ['it_machinery'], tags: [], towns: [], colours: ['none', 'red'] } }))
    ).json();
    const detail = (await h.call('GET', `/api/inspection-plans/${other.id}`, { cookie: author })).json();
    expect(detail.checks.map((c: { pool: number }) => c.pool)).toEqual([2, 0, 0, 0, 5]);
  });

  it.each([
    [{ inspectorsPerTarget: 1 }, 'inspectorsPerTarget', '每家企业至少 2 名执法人员'],
    [{ ratios: { red: 1.5, orange: 0, yellow: 0, blue: 0, none: 0 } }, 'ratios.red', '红色企业抽查比例不能大于 100%'],
    [{ periodEnd: '2026-02-01' }, 'periodEnd', '结束日期不能早于开始日期'],
    [{ periodStart: '2025-12-01' }, 'periodStart', '开始日期应在计划年度内'],
    [{ title: '' }, 'title', '请填写计划名称'],
    [{ pool: { categories: [], tags: [], towns: ['442000118'], colours: [] } }, 'pool.towns', '不在本单位管辖范围内'],
    [{ pool: { categories: ['coal'], tags: [], towns: [], colours: [] } }, 'pool.categories.0', '监管类别不正确'],
  ])('refuses %j, naming %s', async (over, field, message) => {
    const res = await create(author, planBody(over));
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
    expect(res.json().message).toContain(message);
  });

  it('is approved by someone other than its author, then no longer edited', async () => {
    const self = await h.call('POST', `/api/inspection-plans/${id}/approve`, { cookie: author });
    expect(self.statusCode).toBe(422);
    expect(self.json().message).toBe('计划须由起草人以外的人员审批');
    const res = await h.call('POST', `/api/inspection-plans/${id}/approve`, { cookie: colleague });
    expect(res.json()).toMatchObject({ status: 'approved', approvedByName: expect.stringContaining('测试') });
    const edit = await h.call('PATCH', `/api/inspection-plans/${id}`, { cookie: author, body: { title: '改名' } });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().message).toBe('计划已审批，不能再修改');
    const audit = (await h.services.audit.list(h.db, { entity: 'inspection_plan', entityId: String(id), page: 1, pageSize: 10 }, '4420'))
      .items;
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'update', 'update']);
  });

  it('scope: another town reads a plan as absent; the bureau sees every body’s plans and approves a town’s', async () => {
    expect((await h.call('GET', `/api/inspection-plans/${id}`, { cookie: xiaolan })).statusCode).toBe(404);
    expect((await h.call('GET', '/api/inspection-plans', { cookie: xiaolan })).json().total).toBe(0);
    const bureauPlan = (await create(city, planBody({ title: '2026年度市局双随机抽查计划' }))).json();
    expect(bureauPlan).toMatchObject({ divisionCode: '4420', divisionName: '市应急管理局' });
    expect(
      (await h.call('GET', '/api/inspection-plans', { cookie: author }))
        .json()
        .items.every((p: { divisionCode: string }) => p.divisionCode === TOWNS.tanzhou),
    ).toBe(true);
    expect((await h.call('GET', '/api/inspection-plans?pageSize=100', { cookie: leader })).json().total).toBe(3);
    const draft = (await create(author, planBody({ title: '第二个计划' }))).json();
    expect((await h.call('POST', `/api/inspection-plans/${draft.id}/approve`, { cookie: leader })).json().status).toBe('approved');
    // The bureau's pool is every town's firms.
    const detail = (await h.call('GET', `/api/inspection-plans/${bureauPlan.id}`, { cookie: leader })).json();
    expect(detail.checks.reduce((s: number, c: { pool: number }) => s + c.pool, 0)).toBe(11);
  });
});
