/** The public progress report on a real database: draft, leader's approval, publishing, the window, the public form. */
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, type THarness } from '../../../test/harness';

let h: THarness;
let office: Awaited<ReturnType<THarness['userWithSession']>>;
let owner: Awaited<ReturnType<THarness['userWithSession']>>;
let leader: Awaited<ReturnType<THarness['userWithSession']>>;
let roundId: number;
let measureIds: number[];

const draft = {
  title: '中共中山市应急管理局委员会关于巡察整改进展情况的通报',
  leadership: '局党委把巡察整改作为重要政治任务，党委书记切实履行第一责任人责任。',
  nextSteps: '持续巩固整改成果，健全长效机制。',
  contacts: '联系电话：0760-89892230\n电子邮箱：zsyjrsk@163.com',
  issuer: '中共中山市应急管理局委员会',
};

beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2025-09-12T01:00:00.000Z');
  office = await h.userWithSession({ role: 'bureau_officer' });
  owner = await h.userWithSession({ role: 'bureau_officer' });
  leader = await h.userWithSession({ role: 'bureau_leader' });
  const m = (content: string, term: string) => ({
    content,
    leadLeader: '局长',
    department: '安全生产基础科',
    ownerId: owner.user.id,
    deadline: '2025-12-31',
    term,
  });
  const round = await h.call('POST', '/api/findings/rounds', {
    cookie: office.cookie,
    body: {
      title: '市委第三巡察组反馈问题整改',
      source: 'party_inspection',
      inspector: '市委第三巡察组',
      inspectedFrom: '2024-09-23',
      inspectedTo: '2024-12-20',
      feedbackOn: '2025-01-13',
      findings: [
        {
          section: '聚焦党中央决策部署在基层贯彻落实情况',
          itemNo: 1,
          title: '安全生产监管存在薄弱环节',
          measures: [m('开展重大事故隐患专项排查', 'immediate')],
        },
        { section: '聚焦巡察整改和成果运用', itemNo: 1, title: '长效机制不够健全', measures: [m('建立整改销号长效机制', 'long_term')] },
      ],
    },
  });
  expect(round.statusCode).toBe(201);
  roundId = round.json().id;
  measureIds = round.json().findings.flatMap((f: { measures: { id: number }[] }) => f.measures.map((x) => x.id));
  const p = await h.call('POST', `/api/findings/measures/${measureIds[0]}/progress`, {
    cookie: owner.cookie,
    body: { note: '排查企业 120 家，发现重大事故隐患 3 项，已全部整改。' },
  });
  expect(p.statusCode).toBe(200);
});
afterAll(() => h.close());

const count = (table: string) => h.count(table);
const state = async (id: number) =>
  (await queryRows<{ state: string }>(h.db, sql`select state from finding_reports where id = ${id}`))[0]!.state;

describe('the public progress report', () => {
  let id: number;

  it('is drafted from the round: sections in the feedback’s order, measures with what was done', async () => {
    const res = await h.call('POST', `/api/findings/rounds/${roundId}/reports`, { cookie: office.cookie, body: draft });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    id = r.id;
    expect(r).toMatchObject({ state: 'draft', feedbackDays: 14, feedbackFrom: null, can: { edit: true, approve: false, publish: false } });
    expect(r.content.sections.map((s: { section: string }) => s.section)).toEqual([
      '聚焦党中央决策部署在基层贯彻落实情况',
      '聚焦巡察整改和成果运用',
    ]);
    expect(r.content.sections[0].findings[0].measures[0].done).toEqual(['排查企业 120 家，发现重大事故隐患 3 项，已全部整改。']);
    expect(r.content.counts).toEqual({ findings: 2, measures: 2, signedOff: 0, longTerm: 1 });
  });

  it('refuses publishing before a leader approves, and approval by the office; nothing changes', async () => {
    const audits = await count('audit_log');
    const pub = await h.call('POST', `/api/findings/reports/${id}/publish`, { cookie: office.cookie });
    expect(pub.statusCode).toBe(422);
    expect(pub.json().message).toBe('报告未经领导审定，不能公开');
    const byOffice = await h.call('POST', `/api/findings/reports/${id}/approve`, { cookie: office.cookie });
    expect(byOffice.statusCode).toBe(403);
    const pub404 = await h.call('GET', `/api/public/progress-reports/${id}`);
    expect(pub404.statusCode).toBe(404);
    expect(await state(id)).toBe('draft');
    expect(await count('audit_log')).toBe(audits);
  });

  it('a leader approves: the content is frozen, later progress does not change it, editing is refused', async () => {
    const res = await h.call('POST', `/api/findings/reports/${id}/approve`, { cookie: leader.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'approved', approvedByName: leader.user.displayName });
    await h.call('POST', `/api/findings/measures/${measureIds[1]}/progress`, { cookie: owner.cookie, body: { note: '审定后的进展' } });
    const after = (await h.call('GET', `/api/findings/reports/${id}`, { cookie: office.cookie })).json();
    expect(after.content.sections[1].findings[0].measures[0].done).toEqual([]);
    const edit = await h.call('PUT', `/api/findings/reports/${id}`, { cookie: office.cookie, body: { ...draft, title: '改' } });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().message).toBe('报告已审定或已公开，不能再修改');
    const again = await h.call('POST', `/api/findings/reports/${id}/approve`, { cookie: leader.cookie });
    expect(again.json().message).toBe('报告已审定');
  });

  it('publishes with a window of 14 days after the publication day, readable without an account', async () => {
    const res = await h.call('POST', `/api/findings/reports/${id}/publish`, { cookie: office.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'published', feedbackFrom: '2025-09-12', feedbackTo: '2025-09-26', windowState: 'open' });
    const list = (await h.call('GET', '/api/public/progress-reports')).json();
    expect(list.items).toEqual([expect.objectContaining({ id, publishedOn: '2025-09-12', windowOpen: true })]);
    const pub = (await h.call('GET', `/api/public/progress-reports/${id}`)).json();
    expect(pub).toMatchObject({ title: draft.title, contacts: draft.contacts, feedbackTo: '2025-09-26' });
    expect(pub.content.counts.longTerm).toBe(1);
    expect(pub).not.toHaveProperty('feedback');
  });

  it('writes the Word document in the seed’s structure', async () => {
    const res = await h.call('GET', `/api/findings/reports/${id}/document`, { cookie: office.cookie });
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    for (const part of [
      '一、履行整改主体责任情况',
      '二、反馈问题整改落实情况',
      '（一）聚焦党中央决策部署在基层贯彻落实情况',
      '1.安全生产监管存在薄弱环节',
      '整改进展：排查企业 120 家',
      '三、需长期整改事项进展情况',
      '建立整改销号长效机制',
      '四、下一步工作打算',
      '公开期限：2025年9月12日至9月26日',
      '0760-89892230',
    ])
      expect(text).toContain(part);
  });

  async function ask() {
    const c = (await h.call('GET', `/api/public/progress-reports/${id}/challenge`)).json();
    const [a, b] = c.question.match(/\d+/g)!.map(Number);
    return { token: c.token as string, answer: a! + b! };
  }
  const feedback = (body: object) => h.call('POST', `/api/public/progress-reports/${id}/feedback`, { body });

  it('takes feedback with a right answer; a wrong, forged or reused challenge is refused and nothing is kept', async () => {
    const before = await count('finding_report_feedback');
    const wrong = await ask();
    const r1 = await feedback({ contact: '13800000000', text: '建议公开更多数据', token: wrong.token, answer: wrong.answer + 1 });
    expect(r1.statusCode).toBe(400);
    expect(r1.json()).toMatchObject({ field: 'answer', message: '验证问题回答错误，请回答新的验证问题' });
    const forged = await ask();
    const r2 = await feedback({
      contact: '13800000000',
      text: '建议',
      // the signature's first character: its last carries two unused bits, so changing it could leave the bytes as they were
      token: forged.token.replace(/\.(.)/, (_, c: string) => `.${c === 'A' ? 'B' : 'A'}`),
      answer: forged.answer,
    });
    expect(r2.json()).toMatchObject({ field: 'token', message: '验证问题无效，请刷新后重试' });
    const noContact = await feedback({ text: '建议', token: forged.token, answer: forged.answer });
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().message).toContain('请填写联系方式');
    expect(await count('finding_report_feedback')).toBe(before);

    const ok = await ask();
    const r3 = await feedback({ name: '', contact: '13800000000', text: '建议公开更多数据', token: ok.token, answer: ok.answer });
    expect(r3.statusCode).toBe(201);
    const reused = await feedback({ contact: '13800000000', text: '再来一次', token: ok.token, answer: ok.answer });
    expect(reused.json()).toMatchObject({ field: 'token', message: '验证问题已过期，请刷新后重试' });
    expect(await count('finding_report_feedback')).toBe(before + 1);
  });

  it('limits an address to 5 submissions in 10 minutes, then lets it in again', async () => {
    h.clock.advanceMinutes(11); // the earlier attempts leave the window
    for (let i = 0; i < 5; i++) {
      const c = await ask();
      expect((await feedback({ contact: `1390000000${i}`, text: `意见 ${i}`, token: c.token, answer: c.answer })).statusCode).toBe(201);
    }
    const c = await ask();
    const flood = await feedback({ contact: '13900000009', text: '第六条', token: c.token, answer: c.answer });
    expect(flood.statusCode).toBe(429);
    expect(flood.json().message).toMatch(/^提交过于频繁，请 \d+ 分钟后再试$/);
    expect(await count('finding_report_feedback')).toBe(6);
    h.clock.advanceMinutes(10);
    expect((await feedback({ contact: '13900000009', text: '第六条', token: c.token, answer: c.answer })).statusCode).toBe(201);
  });

  it('takes feedback on the window’s last day and refuses it the day after', async () => {
    h.clock.set('2025-09-26T15:50:00.000Z'); // 23:50 on 26 September in Shanghai
    const last = await ask();
    expect((await feedback({ contact: 'a@b.cn', text: '最后一天', token: last.token, answer: last.answer })).statusCode).toBe(201);
    const late = await ask();
    h.clock.set('2025-09-26T16:00:00.000Z'); // midnight: 27 September
    const n = await count('finding_report_feedback');
    const res = await feedback({ contact: 'a@b.cn', text: '晚了', token: late.token, answer: late.answer });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('公开期限已结束，不再受理意见建议');
    expect((await h.call('GET', `/api/public/progress-reports/${id}/challenge`)).statusCode).toBe(422);
    expect(await count('finding_report_feedback')).toBe(n);
    expect((await h.call('GET', `/api/public/progress-reports/${id}`)).json().windowOpen).toBe(false);
  });

  it('lists every opinion for the office, which answers each once', async () => {
    office = await h.userWithSession({ role: 'bureau_officer' }); // a new day, a new session
    const r = (await h.call('GET', `/api/findings/reports/${id}`, { cookie: office.cookie })).json();
    expect(r.feedback).toHaveLength(8);
    expect(r).toMatchObject({ feedbackCount: 8, unansweredCount: 8, windowState: 'closed' });
    const first = r.feedback.at(-1);
    expect(first).toMatchObject({ name: '', contact: '13800000000', text: '建议公开更多数据', reply: null });
    const ans = await h.call('POST', `/api/findings/feedback/${first.id}/reply`, {
      cookie: office.cookie,
      body: { reply: '已在统计报告中增加公开指标，感谢监督。' },
    });
    expect(ans.statusCode).toBe(200);
    expect(ans.json()).toMatchObject({ reply: '已在统计报告中增加公开指标，感谢监督。', repliedByName: office.user.displayName });
    const twice = await h.call('POST', `/api/findings/feedback/${first.id}/reply`, { cookie: office.cookie, body: { reply: '再答' } });
    expect(twice.json().message).toBe('该意见建议已答复');
    const town = await h.userWithSession({ role: 'town_officer', divisionCode: '442000107' });
    expect(
      (await h.call('POST', `/api/findings/feedback/${first.id}/reply`, { cookie: town.cookie, body: { reply: 'x' } })).statusCode,
    ).toBe(403);
  });
});
