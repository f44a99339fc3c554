/** Recording a hazard and its closed loop, and bad input that leaves it unchanged. */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { hazardCalls, TODAY, useHazardFixtures } from './hazard.fixtures';

const fx = useHazardFixtures();
let { h, city, tanzhou, tanzhou2, xiaolan, firmUser, otherFirmUser, firmA, firmB, photo, pdf, criterion, generalItem } = fx;
beforeAll(() => {
  ({ h, city, tanzhou, tanzhou2, xiaolan, firmUser, otherFirmUser, firmA, firmB, photo, pdf, criterion, generalItem } = fx);
});
const { create, get, act, step } = hazardCalls(() => fx);

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
