import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { caseReminders } from '../case.reminders';
import { act, docxText, get, h, investigating, ok, s, setClock, setUpCases, snapshot, unitFine } from '../../../../test/case-fixtures';

// After the decision: 行政处罚法 arts. 66, 72; 行政强制法 arts. 35, 53, 54, 69; 安全生产法 arts. 112, 113 (issue 14 item 7).
beforeAll(setUpCases);
afterAll(() => h.close());

/** A 10,000-yuan unit fine decided and served on `on` (the party waived its rights). */
async function served(on: string, extra: Record<string, unknown> = {}): Promise<number> {
  await setClock(`${on}T02:00:00Z`);
  const id = await investigating();
  await ok(act(s.officerA, id, 'propose', { ...unitFine(1_000_000), ...extra }));
  await ok(act(s.officerA, id, 'notify', { notifiedOn: on }));
  await ok(act(s.officerA, id, 'waive-rights', { waivedOn: on }));
  await ok(act(s.leader, id, 'decide', { decidedOn: on, outcome: 'penalty' }));
  await ok(act(s.officerB, id, 'serve', { servedOn: on, method: 'direct', recipient: '王五' }));
  return id;
}

async function refused(cookie: string, id: number, action: string, body: unknown, message: string, status = 422) {
  const before = await snapshot(id);
  const res = await act(cookie, id, action, body);
  expect(res.statusCode, res.body).toBe(status);
  if (message) expect(res.json().message).toContain(message);
  expect(await snapshot(id)).toEqual(before);
}

const clockOf = (d: { case: { clocks: { kind: string }[] } }, kind: string) => d.case.clocks.find((c) => c.kind === kind);

describe('instalments, 催告 and the application to the court', () => {
  let id: number;
  const plan = {
    type: 'instalment',
    appliedOn: '2026-03-09',
    approvedOn: '2026-03-10',
    reason: '受订单减少影响，资金周转困难',
    instalments: [
      { dueOn: '2026-04-30', amountFen: 500_000 },
      { dueOn: '2026-05-31', amountFen: 500_000 },
    ],
  };

  it('approves instalments (the leader, the sum equal to the fine) and the payment clock follows them', async () => {
    id = await served('2026-03-02');
    await setClock('2026-03-10T02:00:00Z');
    await refused(s.officerA, id, 'arrange-payment', plan, '', 403);
    const short = { ...plan, instalments: [plan.instalments[0], { dueOn: '2026-05-31', amountFen: 400_000 }] };
    await refused(s.leader, id, 'arrange-payment', short, '应等于尚欠罚款 10,000 元');
    const d = await ok(act(s.leader, id, 'arrange-payment', plan));
    expect(d.case).toMatchObject({ stage: 'served', paymentDueOn: '2026-04-30' });
    expect(clockOf(d, 'payment')).toMatchObject({ dueOn: '2026-04-30', state: 'running' });
    expect(d.execution.plan).toMatchObject({ type: 'instalment', instalments: [{ owingFen: 500_000 }, { owingFen: 500_000 }] });
    await refused(s.leader, id, 'arrange-payment', plan, '不能再次批准');
  });

  it('refuses a 催告 while the schedule runs; a late instalment carries 3 % a day of itself only', async () => {
    await setClock('2026-04-01T02:00:00Z');
    await refused(s.officerA, id, 'demand-payment', { servedOn: '2026-04-01', complyBy: '2026-04-20' }, '经批准分期缴纳');
    await setClock('2026-05-05T02:00:00Z');
    const d = await ok(act(s.officerA, id, 'record-payment', { paidOn: '2026-05-05', principalFen: 500_000 }));
    // five days late on 5,000 yuan: 750 yuan
    expect(d.payments.at(-1)).toMatchObject({ principalFen: 500_000, surchargeFen: 75_000 });
    expect(d.case).toMatchObject({ stage: 'executing', paymentDueOn: '2026-05-31' });
  });

  it('serves a 催告 with at least ten working days (行政强制法 arts. 54, 69) and numbers it', async () => {
    await setClock('2026-06-02T02:00:00Z');
    // Tue 06-02: ten calendar days would end 06-12; ten working days end Tue 06-16
    await refused(s.officerA, id, 'demand-payment', { servedOn: '2026-06-02', complyBy: '2026-06-15' }, '最早至 2026-06-16');
    const d = await ok(act(s.officerA, id, 'demand-payment', { servedOn: '2026-06-02', complyBy: '2026-06-16' }));
    expect(d.documents.at(-1)).toMatchObject({ kind: 'demand', number: '坦洲应急催〔2026〕1号' });
    expect(d.execution).toMatchObject({
      demand: { servedOn: '2026-06-02', complyBy: '2026-06-16' },
      enforcement: { opensOn: '2026-09-03', closesOn: '2026-12-02' },
      overdueFen: 500_000,
    });
    expect(clockOf(d, 'demand')).toMatchObject({ dueOn: '2026-06-16' });
    expect(clockOf(d, 'enforcement')).toMatchObject({ dueOn: '2026-12-02' });
    const doc = d.documents.at(-1);
    const text = await docxText((await h.call('GET', `/api/cases/${id}/documents/${doc.id}`, { cookie: s.officerA })).rawPayload);
    expect(text).toContain('第三十五条、第五十四条');
    expect(text).toContain('2026年6月16日前');
  });

  it('reminds of the last days to apply, refuses an application before the suit period ends, then applies', async () => {
    const due = await caseReminders.find((r) => r.key === 'case.enforcement_due_soon')!.due(h.db, new Date('2026-11-26T02:00:00Z'));
    expect(due).toContainEqual(expect.objectContaining({ ref: `${id}:2026-12-02`, title: '案件应在 2026-12-02 前申请人民法院强制执行' }));
    await setClock('2026-09-02T02:00:00Z');
    await refused(s.leader, id, 'apply-enforcement', { appliedOn: '2026-09-02', court: '中山市第一人民法院' }, '2026-09-03 起方可申请');
    await setClock('2026-09-03T02:00:00Z');
    const d = await ok(act(s.leader, id, 'apply-enforcement', { appliedOn: '2026-09-03', court: '中山市第一人民法院' }));
    expect(d.case.stage).toBe('executing');
    expect(d.documents.at(-1)).toMatchObject({ kind: 'enforcement', number: '坦洲应急强执〔2026〕1号' });
    expect(clockOf(d, 'enforcement')).toMatchObject({ state: 'met' });
    const after = await caseReminders.find((r) => r.key === 'case.enforcement_due_soon')!.due(h.db, new Date('2026-11-26T02:00:00Z'));
    expect(after.map((r) => r.ref)).not.toContain(`${id}:2026-12-02`);
  });
});

describe('按日连续处罚 (安全生产法 art. 112)', () => {
  it('refuses an order before the fine, then records days and total from the order and the 复查', async () => {
    const id = await served('2026-04-01');
    await setClock('2026-04-20T02:00:00Z');
    const body = {
      code: 'SAFL-99',
      orderNo: '坦洲应急责改〔2026〕9号',
      orderedOn: '2026-04-02',
      rechecks: [{ on: '2026-04-12', corrected: false }],
    };
    await refused(s.leader, id, 'record-daily-fine', { ...body, orderedOn: '2026-03-31' }, '早于罚款决定日期');
    await refused(s.leader, id, 'record-daily-fine', { ...body, rechecks: [{ on: '2026-04-12', corrected: true }] }, '不适用按日连续处罚');
    const d = await ok(act(s.leader, id, 'record-daily-fine', body));
    expect(d.execution.dailyFine).toMatchObject({
      fromOn: '2026-04-03',
      throughOn: '2026-04-12',
      days: 10,
      perDayFen: 1_000_000,
      totalFen: 10_000_000,
    });
    expect(d.documents.at(-1)).toMatchObject({ kind: 'daily_fine' });
    await refused(s.leader, id, 'record-daily-fine', body, '已记录');
  });
});

describe('提请关闭 (安全生产法 art. 113)', () => {
  it('needs a ground, and the decision alerts the town’s users', async () => {
    await setClock('2026-05-04T02:00:00Z');
    const id = await investigating();
    const propose = { ...unitFine(1_000_000), otherPenalties: ['propose_closure'] };
    await refused(s.officerA, id, 'propose', propose, '须选择安全生产法第一百一十三条规定的情形');
    await ok(act(s.officerA, id, 'propose', { ...propose, closureGround: 'major_accident' }));
    await ok(act(s.officerA, id, 'notify', { notifiedOn: '2026-05-04' }));
    await ok(act(s.officerA, id, 'waive-rights', { waivedOn: '2026-05-04' }));
    const d = await ok(act(s.leader, id, 'decide', { decidedOn: '2026-05-04', outcome: 'penalty' }));
    expect(d.events.at(-1).note).toContain('提请地方人民政府予以关闭，已通知属地镇街');
    const sent = await queryRows<{ user_id: number; title: string }>(
      h.db,
      sql`SELECT user_id, title FROM notifications WHERE kind = 'case.closure_proposed' AND ref = ${`case-closure:${id}`}`,
    );
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]!.title).toContain('提请地方人民政府予以关闭');
    const detail = await ok(get(s.officerA, `/api/cases/${id}`));
    expect(detail.case.otherPenalties).toEqual(['propose_closure']);
  });
});
