import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDraw, seedCommitment, verifyDraw, type TDrawInputs } from '@yingji/domain';
import { draws, inspectionInspectors, inspections } from '../../../db/schema/index';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { enterpriseBody } from '../../../../test/enterprise-fixtures';
import { runCli } from '../../../cli';
import { drawVerify } from './draw-verify';

let h: THarness;
let city: string;
let author: string;
let approver: string;
let xiaolan: string;
const officers: number[] = [];
const firms: { id: number; name: string }[] = [];

const planBody = (over: Record<string, unknown> = {}) => ({
  year: 2026,
  title: '2026年度坦洲镇双随机抽查计划',
  periodStart: '2026-03-01',
  periodEnd: '2026-12-31',
  focus: '粉尘涉爆',
  pool: { categories: [], tags: [], towns: [], colours: [] },
  ratios: { red: 1, orange: 1, yellow: 1, blue: 1, none: 0.5 },
  inspectorsPerTarget: 2,
  rounds: 1,
  ...over,
});

async function approvedPlan(over: Record<string, unknown> = {}): Promise<number> {
  const id = (await h.call('POST', '/api/inspection-plans', { cookie: author, body: planBody(over) })).json().id;
  expect((await h.call('POST', `/api/inspection-plans/${id}/approve`, { cookie: approver })).statusCode).toBe(200);
  return id;
}

const commit = (planId: number, label = '第一轮', cookie = author) =>
  h.call('POST', `/api/inspection-plans/${planId}/draws`, { cookie, body: { label } });
const execute = (drawId: number, cookie = author) => h.call('POST', `/api/draws/${drawId}/execute`, { cookie });
const publicDraw = async (drawId: number) => (await h.call('GET', `/api/public/draws/${drawId}`, { origin: null })).json();

async function verifyCli(drawId: number) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await drawVerify(
    h.db,
    h.services.modules.inspection.draws,
    [String(drawId)],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  h = await createHarness();
  city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  author = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  approver = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
  for (let n = 1; n <= 10; n++)
    firms.push((await h.call('POST', '/api/enterprises', { cookie: city, body: enterpriseBody(800 + n) })).json());
  // Five officers of 坦洲: four valid certificates, one expired the day before the draw (2026-03-02).
  for (let n = 1; n <= 5; n++) {
    const u = await h.createUser({ role: 'town_officer', divisionCode: TOWNS.tanzhou, username: `inspector${n}` });
    const expiresOn = n === 5 ? '2026-03-01' : '2027-12-31';
    expect(
      (
        await h.call('POST', '/api/inspectors', {
          cookie: author,
          body: { userId: u.id, certificateNo: `TZ-000${n}`, certificateExpiresOn: expiresOn },
        })
      ).statusCode,
    ).toBe(201);
    officers.push(u.id);
  }
  // 坦洲's first officer declared a conflict with firm 1; firm 2 was last inspected by officers 2 and 3.
  await h.call('POST', `/api/inspectors/${officers[0]}/conflicts`, {
    cookie: author,
    body: { enterpriseId: firms[0]!.id, reason: '亲属持股' },
  });
  const now = '2026-01-10T02:00:00Z';
  const [insp] = await h.db
    .insert(inspections)
    .values({
      enterpriseId: firms[1]!.id,
      divisionCode: TOWNS.tanzhou,
      kind: 'ad_hoc',
      inspectedOn: '2026-01-10',
      place: '厂区',
      status: 'submitted',
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: inspections.id });
  await h.db.insert(inspectionInspectors).values([
    { inspectionId: insp!.id, userId: officers[1]!, certificateNo: 'TZ-0002' },
    { inspectionId: insp!.id, userId: officers[2]!, certificateNo: 'TZ-0003' },
  ]);
});
afterAll(() => h.close());

describe('double-random draw', () => {
  let planId: number;
  let drawId: number;

  it('step 1 commits: the lists are frozen and hashed, the commitment is public at once, the seed is not', async () => {
    planId = await approvedPlan();
    const res = await commit(planId);
    expect(res.statusCode).toBe(201);
    const draw = res.json();
    drawId = draw.id;
    expect(draw).toMatchObject({ status: 'committed', seed: null, candidateCount: 10, inspectorCount: 5, targetCount: 0 });
    expect(draw.commitment).toMatch(/^[0-9a-f]{64}$/);
    const inputs: TDrawInputs = (await h.call('GET', `/api/draws/${drawId}/inputs`, { cookie: author })).json();
    expect(inputs.seed).toBeNull();
    expect(inputs.candidates.find((c) => c.enterpriseId === firms[0]!.id)!.excludedInspectorIds).toEqual([officers[0]]);
    expect(inputs.candidates.find((c) => c.enterpriseId === firms[1]!.id)!.excludedInspectorIds).toEqual([officers[1], officers[2]]);
    expect(inputs.params).toEqual({ ratios: planBody().ratios, inspectorsPerTarget: 2, drawDate: '2026-03-02' });
    const pub = await publicDraw(drawId);
    expect(pub.draw).toMatchObject({
      commitment: draw.commitment,
      candidatesHash: draw.candidatesHash,
      seed: null,
      status: 'committed',
      body: '坦洲镇应急管理部门',
    });
    expect(pub.targets).toEqual([]);
    expect((await h.call('GET', `/api/public/draws/${drawId}/inputs`, { origin: null })).statusCode).toBe(404);
    // The audit log carries the commitment, never the seed.
    const [row] = await h.db.select({ seed: draws.seed }).from(draws).where(eq(draws.id, drawId));
    const audit = JSON.stringify(
      (await h.services.audit.list(h.db, { entity: 'draw', entityId: String(drawId), page: 1, pageSize: 10 }, '4420')).items,
    );
    expect(audit).toContain(draw.commitment);
    expect(audit).not.toContain(row!.seed);
  });

  it('step 2 draws half of the ungraded firms, two inspectors each, never a conflict, an expired certificate or the last inspectors', async () => {
    const res = await execute(drawId);
    expect(res.json()).toMatchObject({ status: 'drawn', targetCount: 5 });
    expect(seedCommitment(res.json().seed)).toBe(res.json().commitment);
    const detail = (await h.call('GET', `/api/draws/${drawId}`, { cookie: author })).json();
    expect(detail.targets).toHaveLength(5);
    for (const t of detail.targets) {
      expect(t.inspectorIds).toHaveLength(2);
      expect(t.inspectorIds).not.toContain(officers[4]);
      if (t.enterpriseId === firms[0]!.id) expect(t.inspectorIds).not.toContain(officers[0]);
      if (t.enterpriseId === firms[1]!.id) expect(t.inspectorIds.filter((i: number) => i === officers[1] || i === officers[2])).toEqual([]);
      expect(t.inspectorNames.every((n: string) => n.startsWith('测试inspector'))).toBe(true);
    }
    expect((await execute(drawId)).json().message).toBe('已经抽取过了');
  });

  it('anyone can rerun it: the CLI and the browser function agree with the stored targets', async () => {
    expect(await verifyCli(drawId)).toMatchObject({ code: 0, out: expect.stringContaining('验证通过') });
    expect((await h.call('GET', `/api/draws/${drawId}/verify`, { cookie: author })).json()).toEqual({
      ok: true,
      problem: null,
      targets: 5,
    });
    const i: TDrawInputs = (await h.call('GET', `/api/draws/${drawId}/inputs`, { cookie: author })).json();
    expect(verifyDraw({ ...i, seed: i.seed! })).toEqual({ ok: true, targets: 5 });
  });

  it('a tampered seed, list or target fails verification, naming the first difference', async () => {
    const [stored] = await h.db.select().from(draws).where(eq(draws.id, drawId));
    await h.db
      .update(draws)
      .set({ seed: 'f'.repeat(64) })
      .where(eq(draws.id, drawId));
    expect(await verifyCli(drawId)).toMatchObject({ code: 2, err: expect.stringContaining('种子与抽取前公布的承诺值不符') });
    await h.db
      .update(draws)
      .set({ seed: stored!.seed, candidates: (stored!.candidates as unknown[]).slice(1) })
      .where(eq(draws.id, drawId));
    expect(await verifyCli(drawId)).toMatchObject({ code: 2, err: expect.stringContaining('候选企业名录的哈希') });
    await h.db.update(draws).set({ candidates: stored!.candidates }).where(eq(draws.id, drawId));
    await h.db.execute(
      sql`UPDATE draw_targets SET inspector_ids = ARRAY[inspector_ids[2], inspector_ids[1]] WHERE draw_id = ${drawId} AND position = 3`,
    );
    expect(await verifyCli(drawId)).toMatchObject({ code: 2, err: expect.stringContaining('第 3 个抽取结果不符') });
    await h.db.execute(
      sql`UPDATE draw_targets SET inspector_ids = ARRAY[inspector_ids[2], inspector_ids[1]] WHERE draw_id = ${drawId} AND position = 3`,
    );
    expect((await verifyCli(drawId)).code).toBe(0);
    expect(
      await drawVerify(
        h.db,
        h.services.modules.inspection.draws,
        ['abc'],
        () => {},
        () => {},
      ),
    ).toBe(1);
    const err: string[] = [];
    expect(
      await runCli(
        ['draw-verify'],
        () => {},
        (s) => err.push(s),
      ),
    ).toBe(1);
    expect(err.join('')).toBe('错误：请给出抽取编号：draw-verify <抽取编号>');
    expect(await verifyCli(99_999)).toMatchObject({ code: 1, err: '抽取记录 99999 不存在' });
  });

  it('publication shows the seed, the targets and inspectors by name, then each result with its deadline', async () => {
    expect((await publicDraw(drawId)).targets).toEqual([]);
    expect((await publicDraw(drawId)).draw.seed).toBeNull();
    // the public search finds a draw by a drawn firm's name or town only once it is published: before, they are secret
    const searchIds = async (q: string) =>
      (await h.call('GET', `/api/public/draws?q=${encodeURIComponent(q)}`, { origin: null })).json().items.map((d: { id: number }) => d.id);
    const drawnName: string = (await h.call('GET', `/api/draws/${drawId}`, { cookie: author })).json().targets[0].enterpriseName;
    expect(await searchIds(drawnName)).toEqual([]);
    const res = await h.call('POST', `/api/draws/${drawId}/publish`, { cookie: author });
    expect(res.json().publishedAt).not.toBeNull();
    expect(await searchIds(drawnName)).toContain(drawId);
    expect(await searchIds('坦洲')).toContain(drawId);
    expect(await searchIds('没有这样的企业%')).toEqual([]);
    const detail = (await h.call('GET', `/api/draws/${drawId}`, { cookie: author })).json();
    const pub = await publicDraw(drawId);
    expect(pub.draw.seed).toBe(detail.draw.seed);
    expect(pub.targets.map((t: { enterpriseName: string }) => t.enterpriseName)).toEqual(
      detail.targets.map((t: { enterpriseName: string }) => t.enterpriseName),
    );
    expect(pub.targets[0]).toMatchObject({ divisionName: '坦洲镇', stratum: 'none', result: null });
    expect(JSON.stringify(pub)).not.toContain('inspectorIds');
    // A target checked on Thursday 03-05 and not yet published: due 20 working days later, 04-02 (not the 20th
    // calendar day, 03-25), overdue from 04-03. Not firm 2, whose last
    // inspectors a later test relies on (the draw's order is random, so pick by firm, not by position).
    const index = detail.targets.findIndex((x: { enterpriseId: number }) => x.enterpriseId !== firms[1]!.id);
    const t = detail.targets[index];
    const now = '2026-03-05T02:00:00Z';
    await h.db.insert(inspections).values({
      enterpriseId: t.enterpriseId,
      divisionCode: TOWNS.tanzhou,
      kind: 'planned',
      drawTargetId: t.id,
      planId,
      inspectedOn: '2026-03-05',
      place: '厂区',
      conclusion: '发现隐患 2 项',
      status: 'submitted',
      findingsCount: 2,
      createdAt: now,
      updatedAt: now,
    });
    h.clock.set('2026-04-02T08:00:00Z');
    expect((await publicDraw(drawId)).targets[index].result).toEqual({
      inspectedOn: '2026-03-05',
      conclusion: null,
      findings: 0,
      publishBy: '2026-04-02',
      published: false,
      overdue: false,
    });
    // a fresh session at each moment the clock jumps to (sessions expire after 30 idle minutes)
    const officerView = async () => {
      const { cookie } = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
      return (await h.call('GET', `/api/draws/${drawId}`, { cookie })).json().targets[index];
    };
    expect(await officerView()).toMatchObject({ inspectedOn: '2026-03-05', publishBy: '2026-04-02', publicationOverdue: false });
    // the workbench card and the list it opens: nothing on the last day, the late result the day after
    const overdueCard = async () => {
      const { cookie } = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
      const card = (await h.call('GET', '/api/workbench', { cookie }))
        .json()
        .items.find((i: { key: string }) => i.key === 'inspection.publication_overdue');
      const listed = (await h.call('GET', `/api${card.href}&page=1&pageSize=20`, { cookie })).json();
      return {
        count: card.count,
        href: card.href,
        listed: listed.items.map((i: { enterpriseId: number }) => i.enterpriseId),
        total: listed.total,
      };
    };
    // (firm 2's earlier check, set up for the draw's exclusions, is long overdue already)
    const before = await overdueCard();
    expect(before).toMatchObject({ href: '/inspections?publication=overdue', total: before.count });
    expect(before.listed).not.toContain(t.enterpriseId);
    h.clock.set('2026-04-03T08:00:00Z');
    expect((await publicDraw(drawId)).targets[index].result.overdue).toBe(true);
    expect(await officerView()).toMatchObject({ publishBy: '2026-04-02', resultPublished: false, publicationOverdue: true });
    const after = await overdueCard();
    expect(after).toMatchObject({ count: before.count + 1, total: before.count + 1 });
    expect(after.listed).toContain(t.enterpriseId);
    // the plan's progress lists it as overdue with the same working-day deadline
    const reader = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
    const progress = (await h.call('GET', `/api/inspection-progress/plans/${planId}`, { cookie: reader })).json();
    expect(progress.overdue).toEqual([expect.objectContaining({ reason: 'unpublished', dueOn: '2026-04-02', inspectedOn: '2026-03-05' })]);
    await h.db.update(inspections).set({ publishedAt: '2026-04-03T09:00:00Z' }).where(eq(inspections.drawTargetId, t.id));
    expect((await publicDraw(drawId)).targets[index].result).toMatchObject({
      conclusion: '发现隐患 2 项',
      findings: 2,
      published: true,
      overdue: false,
    });
    const inputs: TDrawInputs = (await h.call('GET', `/api/public/draws/${drawId}/inputs`, { origin: null })).json();
    expect(verifyDraw({ ...inputs, seed: inputs.seed! }).ok).toBe(true);
    h.clock.set('2026-03-02T01:00:00.000Z');
  });

  it('a published draw is never redrawn: it stays valid, and a correction is a new draw linked to it with its reason', async () => {
    const refused = await h.call('POST', `/api/draws/${drawId}/redraw`, { cookie: author, body: { reason: '抽中企业已停产' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toBe('该抽取结果已向社会公开，不能重新抽取；如需更正，请发起“更正抽取”，并填写更正原因');
    expect((await h.call('GET', `/api/draws/${drawId}`, { cookie: author })).json()).toMatchObject({
      draw: { status: 'drawn', supersededBy: null },
      can: { redraw: false, correct: true },
    });
    expect((await h.call('POST', `/api/draws/${drawId}/correct`, { cookie: author, body: { reason: '' } })).json().field).toBe('reason');
    const res = await h.call('POST', `/api/draws/${drawId}/correct`, { cookie: author, body: { reason: '名录漏列两家新登记企业' } });
    expect(res.statusCode).toBe(201);
    const correction = res.json();
    expect(correction).toMatchObject({
      status: 'committed',
      label: '第一轮（更正）',
      correctionOf: drawId,
      correctionReason: '名录漏列两家新登记企业',
      redrawOf: null,
    });
    // the published draw is untouched and names its correction; the public pages show both, linked
    const old = (await h.call('GET', `/api/draws/${drawId}`, { cookie: author })).json().draw;
    expect(old).toMatchObject({ status: 'drawn', supersededBy: null, correctedBy: correction.id });
    expect((await publicDraw(drawId)).draw).toMatchObject({ status: 'drawn', correctedBy: correction.id, supersededBy: null });
    expect((await publicDraw(correction.id)).draw).toMatchObject({
      correctionOf: drawId,
      correctionReason: '名录漏列两家新登记企业',
    });
    // a correction of an unpublished draw is refused: that one is redrawn
    expect(
      (await h.call('POST', `/api/draws/${correction.id}/correct`, { cookie: author, body: { reason: '再次更正' } })).json().message,
    ).toBe('只有已公开的抽取才能更正；未公开的抽取请使用“重新抽取”');
    // withdraw it so the next test sees the plan as before
    const redrawn = await h.call('POST', `/api/draws/${correction.id}/redraw`, { cookie: author, body: { reason: '撤回更正后重新抽取' } });
    expect(redrawn.json()).toMatchObject({ redrawOf: correction.id, correctionOf: null });
    await h.db.delete(draws).where(eq(draws.id, redrawn.json().id));
    await h.db.delete(draws).where(eq(draws.id, correction.id));
  });

  it('a redraw needs a reason, is refused once a target was checked, and leaves the old draw visible', async () => {
    expect((await h.call('POST', `/api/draws/${drawId}/redraw`, { cookie: author, body: { reason: '' } })).json().field).toBe('reason');
    const second = (await commit(planId, '第二轮')).json();
    const res = await h.call('POST', `/api/draws/${second.id}/redraw`, { cookie: author, body: { reason: '执法人员名录更新后重新抽取' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'committed',
      redrawOf: second.id,
      redrawReason: '执法人员名录更新后重新抽取',
      label: '第二轮',
    });
    const list = (await h.call('GET', `/api/inspection-plans/${planId}/draws`, { cookie: author })).json();
    expect(list.map((d: { status: string; supersededBy: number | null }) => [d.status, d.supersededBy])).toEqual([
      ['committed', null],
      ['superseded', res.json().id],
      ['drawn', null],
    ]);
    const old = await publicDraw(second.id);
    expect(old.draw).toMatchObject({ status: 'superseded', seed: null });
  });
});

describe('refusals and scope', () => {
  it('refuses an empty pool, saving nothing', async () => {
    const planId = await approvedPlan({ pool: { categories: ['mine'], tags: [], towns: [], colours: [] } });
    const res = await commit(planId);
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('候选企业名录为空');
    expect((await h.call('GET', `/api/inspection-plans/${planId}/draws`, { cookie: author })).json()).toEqual([]);
  });

  it('refuses when a firm has too few eligible inspectors, naming the firm and the shortfall; nothing saved', async () => {
    const planId = await approvedPlan({ inspectorsPerTarget: 3, ratios: { red: 0, orange: 0, yellow: 0, blue: 0, none: 1 } });
    const res = await commit(planId);
    expect(res.statusCode).toBe(422);
    // Firm 2 has four valid officers minus its two last inspectors: 2 for 3 places.
    expect(res.json().message).toBe(
      `“${firms[1]!.name}”可抽取的执法人员不足：需要 3 名，符合条件的只有 2 名（已排除回避、证件过期和上次检查该企业的人员），缺 1 名`,
    );
    expect((await h.call('GET', `/api/inspection-plans/${planId}/draws`, { cookie: author })).json()).toEqual([]);
  });

  it('refuses a draft plan and another town', async () => {
    const draft = (
      await h.call('POST', '/api/inspection-plans', { cookie: author, body: planBody({ title: '尚未审批的草稿计划' }) })
    ).json();
    expect((await commit(draft.id)).json().message).toBe('计划审批后才能抽取');
    const planId = await approvedPlan();
    expect((await commit(planId, '第一轮', xiaolan)).statusCode).toBe(404);
    const drawId = (await commit(planId)).json().id;
    expect((await h.call('GET', `/api/draws/${drawId}`, { cookie: xiaolan })).statusCode).toBe(404);
    expect((await execute(drawId, xiaolan)).statusCode).toBe(404);
    // The public list: no draft plan, and no seed of a draw not yet published.
    const list = (await h.call('GET', '/api/public/draws?pageSize=100', { origin: null })).json();
    expect(list.total).toBeGreaterThanOrEqual(4);
    expect(list.items.map((d: { planTitle: string }) => d.planTitle)).not.toContain('尚未审批的草稿计划');
    expect(list.items.filter((d: { seed: string | null }) => d.seed !== null).map((d: { id: number }) => d.id)).toEqual(
      list.items.filter((d: { publishedAt: string | null }) => d.publishedAt !== null).map((d: { id: number }) => d.id),
    );
    expect(list.items.some((d: { publishedAt: string | null }) => d.publishedAt !== null)).toBe(true);
  });

  it('the same inputs give the same targets as the pure function', async () => {
    const planId = await approvedPlan();
    const drawId = (await commit(planId)).json().id;
    await execute(drawId);
    const i: TDrawInputs = (await h.call('GET', `/api/draws/${drawId}/inputs`, { cookie: author })).json();
    const rerun = runDraw(i.seed!, i.candidates, i.inspectors, i.params);
    expect(rerun.ok && rerun.targets).toEqual(i.targets);
  });
});
