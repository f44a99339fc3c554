import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToDate } from '@yingji/domain';
import { TOWNS } from '../../../../test/harness';
import {
  act,
  caseBody,
  docxText,
  firm,
  investigating,
  get,
  h,
  ok,
  photo,
  post,
  s,
  setClock,
  setUpCases,
  snapshot,
  unitFine,
} from '../../../../test/case-fixtures';

beforeAll(setUpCases);

/** The 责令限期整改指令书 of 02-02 with its deadline 02-20, found unmet at the 复查 of 02-24. */
const ORDER = {
  orderNo: '坦洲应急责改〔2026〕5号',
  orderedOn: '2026-02-02',
  deadline: '2026-02-20',
  recheckedOn: '2026-02-24',
  recheckUnmet: true,
};
afterAll(() => h.close());

describe('a case from filing to closing', () => {
  let id: number;

  it('files a case, numbers the filing form and starts the 90-day clock', async () => {
    const created = await ok(post(s.officerA, '/api/cases', caseBody()));
    id = created.case.id;
    expect(created.case).toMatchObject({ stage: 'pending_filing', stageLabel: '待立案审批', sourceRef: 17, personName: '王五' });
    expect(created.case.partyName).toMatch(/、王五$/);
    expect(created.case.clocks.map((c: { kind: string }) => c.kind)).toEqual(['limitation']);
    const filed = await ok(act(s.leader, id, 'approve-filing', { opinion: '同意立案' }));
    expect(filed.case).toMatchObject({
      stage: 'filed',
      caseNo: '坦洲应急立〔2026〕1号',
      filedOn: '2026-03-02',
      decisionDueOn: '2026-05-31',
    });
    expect(filed.case.clocks[0]).toMatchObject({ kind: 'decision', dueOn: '2026-05-31', state: 'running', basis: '行政处罚法第六十条' });
    expect(filed.documents).toEqual([expect.objectContaining({ kind: 'filing', number: '坦洲应急立〔2026〕1号' })]);
  });

  it('refuses a proposal without evidence, and a fine outside the band without a reason; nothing changes', async () => {
    await ok(act(s.officerA, id, 'start-investigation'));
    const before = await snapshot(id);
    const noEvidence = await act(s.officerA, id, 'propose', unitFine(1_000_000));
    expect(noEvidence.statusCode).toBe(422);
    expect(noEvidence.json().message).toContain('行政处罚法第四十条');
    await ok(post(s.officerA, `/api/cases/${id}/evidence`, { kind: 'photo', title: '现场照片', sha256: photo, collectedOn: '2026-03-01' }));
    const mid = await snapshot(id);
    // 安全生产法 art. 99 fines persons only once the order is found unmet at a 复查 (second tier)
    const firstTier = await act(s.officerA, id, 'propose', {
      findings: '经查属实',
      violations: [{ code: 'SAFL-99', target: 'person', circumstance: 'general', fineFen: 1_500_000 }],
    });
    expect(firstTier.statusCode).toBe(422);
    expect(firstTier.json().message).toContain(
      '《安全生产法》第九十九条：对直接负责的主管人员和其他直接责任人员罚款须以逾期未改正为前提，请先登记责令限期改正指令及复查情况',
    );
    const outside = await act(s.officerA, id, 'propose', {
      findings: '经查属实',
      violations: [{ code: 'SAFL-99', target: 'person', tier: 2, circumstance: 'minor', fineFen: 1_500_000 }],
      order: ORDER,
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().message).toMatch(/裁量幅度为 10,000 元 至 12,000 元.*须书面说明理由/);
    expect(await snapshot(id)).toEqual(mid);
    expect(before.events + 1).toBe(mid.events);
  });

  it('refuses a decision before legal review and deliberation (arts. 58, 57); nothing changes', async () => {
    const proposed = await ok(
      act(s.officerA, id, 'propose', {
        findings: '经查属实',
        violations: [{ code: 'SAFL-99', target: 'person', tier: 2, circumstance: 'general', fineFen: 1_500_000 }],
        order: ORDER,
      }),
    );
    expect(proposed.case.order).toEqual({ ...ORDER, recheckNote: null });
    expect(proposed.case).toMatchObject({
      stage: 'proposed',
      legalReviewRequired: true,
      deliberationRequired: true,
      hearingEligible: true,
    });
    expect(proposed.violations[0]).toMatchObject({
      target: 'person',
      tier: 2,
      statutoryRange: { minFen: 1_000_000, maxFen: 2_000_000 },
      band: { minFen: 1_200_000, maxFen: 1_500_000 },
    });
    const before = await snapshot(id);
    const early = await act(s.leader, id, 'decide', { decidedOn: '2026-03-02', outcome: 'penalty' });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'rule_violation' });
    expect(early.json().message).toContain('第五十八条');
    await ok(act(s.officerA, id, 'request-legal-review'));
    await ok(act(s.reviewer, id, 'legal-review', { result: 'pass', opinion: '事实清楚，证据充分，适用法律正确' }));
    const mid = await snapshot(id);
    const noDeliberation = await act(s.leader, id, 'decide', { decidedOn: '2026-03-02', outcome: 'penalty' });
    expect(noDeliberation.json().message).toContain('第五十七条');
    expect(await snapshot(id)).toEqual(mid);
    expect(mid.events).toBe(before.events + 2);
  });

  it('deliberates, notifies with the hearing notice, refuses a hearing asked on day 6, decides, serves', async () => {
    await ok(act(s.officerA, id, 'request-deliberation'));
    await ok(
      act(s.leader, id, 'deliberate', {
        result: 'agree',
        heldOn: '2026-03-02',
        participants: ['局长', '副局长', '法规科长'],
        conclusion: '同意罚款一万五千元',
      }),
    );
    const notified = await ok(act(s.officerA, id, 'notify', { notifiedOn: '2026-03-02' }));
    expect(notified.documents.at(-1)).toMatchObject({ kind: 'hearing_notice', number: '坦洲应急听告〔2026〕1号' });
    expect(notified.case.clocks.find((c: { kind: string }) => c.kind === 'hearing_request')).toMatchObject({ dueOn: '2026-03-09' });
    // notified on Monday 03-02: five working days end Monday 03-09 (art. 85), so Tuesday is late
    await setClock('2026-03-10T01:00:00Z');
    const before = await snapshot(id);
    const late = await act(s.officerA, id, 'request-hearing', { requestedOn: '2026-03-10' });
    expect(late.statusCode).toBe(422);
    expect(late.json().message).toContain('告知后 5 个工作日内提出（行政处罚法第六十四条第一项、第八十五条）');
    expect(await snapshot(id)).toEqual(before);
    const decided = await ok(act(s.leader, id, 'decide', { decidedOn: '2026-03-10', outcome: 'penalty' }));
    expect(decided.case).toMatchObject({ stage: 'decided', fineDecidedFen: 1_500_000 });
    expect(decided.documents.at(-1)).toMatchObject({ kind: 'decision', number: '坦洲应急罚〔2026〕1号' });
    const served = await ok(act(s.officerB, id, 'serve', { servedOn: '2026-03-10', method: 'direct', recipient: '王五' }));
    expect(served.case).toMatchObject({ stage: 'served', paymentDueOn: '2026-03-25' });
  });

  it('generates the decision as Word with the number, the facts, the basis and the fine', async () => {
    const d = await ok(get(s.officerA, `/api/cases/${id}`));
    const doc = d.documents.find((x: { kind: string }) => x.kind === 'decision');
    const res = await h.call('GET', `/api/cases/${id}/documents/${doc.id}`, { cookie: s.officerA });
    expect(res.statusCode).toBe(200);
    const text = await docxText(res.rawPayload);
    expect(text).toContain('行政处罚决定书');
    expect(text).toContain('坦洲应急罚〔2026〕1号');
    expect(text).toContain('王五');
    expect(text).toContain('《中华人民共和国安全生产法》第九十九条');
    expect(text).toContain('罚款合计 15,000 元');
    expect(text).toContain('百分之三加处罚款');
  });

  it('counts as an obligation until paid; records a late payment with the 3 % surcharge; closes', async () => {
    expect((await h.services.modules.case.obligationProvider.obligationsFor(h.db, [firm])).get(firm)).toEqual([
      expect.objectContaining({ kind: 'open_case', count: expect.any(Number) }),
      expect.objectContaining({ kind: 'unpaid_fine', summary: expect.stringContaining('15,000 元') }),
    ]);
    const refused = await act(s.leader, id, 'close', { closedOn: '2026-03-10' });
    expect(refused.json().message).toContain('未缴清');
    const part = await ok(act(s.officerA, id, 'record-payment', { paidOn: '2026-03-10', principalFen: 500_000 }));
    expect(part.case).toMatchObject({ stage: 'executing', finePaidFen: 500_000 });
    await setClock('2026-03-27T02:00:00Z');
    const rest = await ok(act(s.officerA, id, 'record-payment', { paidOn: '2026-03-27', principalFen: 1_000_000, receiptNo: 'FS-001' }));
    // 2 days late on 10,000 yuan: 600 yuan
    expect(rest.case).toMatchObject({ stage: 'paid', finePaidFen: 1_500_000, surchargeFen: 60_000 });
    expect(rest.payments.map((p: { surchargeFen: number }) => p.surchargeFen)).toEqual([0, 60_000]);
    const closed = await ok(act(s.leader, id, 'close', { closedOn: '2026-03-27' }));
    expect(closed.case.stage).toBe('closed');
    expect(closed.documents.map((d: { number: string }) => d.number)).toEqual([
      '坦洲应急立〔2026〕1号',
      '坦洲应急听告〔2026〕1号',
      '坦洲应急罚〔2026〕1号',
      '坦洲应急送〔2026〕1号',
      '坦洲应急结〔2026〕1号',
    ]);
    expect(closed.events.map((e: { action: string }) => e.action)).toContain('record_payment');
    expect((await h.services.modules.case.obligationProvider.obligationsFor(h.db, [firm])).get(firm)).toBeUndefined();
    for (const doc of closed.documents as { id: number; kindLabel: string; number: string }[]) {
      const res = await h.call('GET', `/api/cases/${id}/documents/${doc.id}`, { cookie: s.leader });
      expect(res.statusCode, doc.kindLabel).toBe(200);
      const text = await docxText(res.rawPayload);
      expect(text).toContain(doc.number);
      expect(text).toContain(doc.kindLabel);
    }
    const fines = await ok(get(s.leader, '/api/cases/fines?from=2026-01-01&to=2026-12-31'));
    expect(fines.total).toEqual({ cases: 1, decidedFen: 1_500_000, paidFen: 1_500_000, surchargeFen: 60_000 });
    expect(fines.rows[0]).toMatchObject({ divisionCode: TOWNS.tanzhou, divisionName: expect.stringContaining('坦洲') });
  });
});

describe('simple procedure (当场处罚)', () => {
  it('decides and serves on the spot within the art. 51 cap, then pays and closes', async () => {
    const c = await ok(post(s.officerA, '/api/cases', caseBody({ procedure: 'simple', person: null })));
    const spot = (fineFen: number) => ({
      decidedOn: '2026-03-25',
      violation: { code: 'SAFL-99', target: 'unit', circumstance: 'minor', fineFen },
    });
    const over = await act(s.officerA, c.case.id, 'decide-on-spot', spot(300_100));
    expect(over.statusCode).toBe(422);
    expect(over.json().message).toContain('行政处罚法第五十一条');
    expect((await act(s.leader, c.case.id, 'approve-filing')).json().message).toContain('简易程序案件不能批准立案');
    const served = await ok(act(s.officerA, c.case.id, 'decide-on-spot', spot(300_000)));
    expect(served.case).toMatchObject({ stage: 'served', fineDecidedFen: 300_000, servedOn: '2026-03-25' });
    expect(served.documents).toEqual([
      expect.objectContaining({ kind: 'decision', number: expect.stringMatching(/^坦洲应急罚〔2026〕\d+号$/) }),
    ]);
    await ok(act(s.officerA, c.case.id, 'record-payment', { paidOn: '2026-03-25', principalFen: 300_000 }));
    expect((await ok(act(s.leader, c.case.id, 'close', { closedOn: '2026-03-25' }))).case.stage).toBe('closed');
  });
});

describe('an extended investigation (行政处罚法第六十条)', () => {
  it('moves the decision clock by the extension, the same on the list as on the case', async () => {
    const id = await investigating({ summary: '延期审查的案件' });
    const dueOn = (c: { clocks: { kind: string; dueOn: string }[] }) => c.clocks.find((k) => k.kind === 'decision')!.dueOn;
    const before = await ok(get(s.leader, `/api/cases/${id}`));
    const extended = await ok(act(s.leader, id, 'extend', { days: 30, reason: '案情复杂，需进一步调查' }));
    expect(dueOn(extended.case)).toBe(addDaysToDate(dueOn(before.case), 30));
    const list = await ok(get(s.leader, '/api/cases?page=1&pageSize=100'));
    const item = list.items.find((c: { id: number }) => c.id === id);
    expect(item.clocks).toEqual(extended.case.clocks);
  });
});
