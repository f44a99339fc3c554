import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberValid } from '@yingji/domain';
import { queryRows } from '../../db/client';
import { inspectors } from '../../db/schema/index';
import { CITY, createHarness, TOWNS, type THarness } from '../../../test/harness';
import { enterpriseBody } from '../../../test/enterprise-fixtures';

let h: THarness;
const s = { chair: '', officerA: '', officerB: '', leader: '', reviewer: '', xiaolan: '', cityOfficer: '', reviewerOfficer: '' };
const ids = { a: 0, b: 0, chair: 0, cityOfficer: 0, reviewerOfficer: 0 };
let firm: number;
let photo: string;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGNgYGD4z8DAwMDAwMAAAA8AAQZJ9l4AAAAASUVORK5CYII=',
  'base64',
);
const ID_NUMBER = (() => {
  const base = '44200019800101123';
  return base + [...'0123456789X'].find((c) => idNumberValid(base + c))!;
})();

const usernames: Partial<Record<keyof typeof s, string>> = {};
/** Sessions end when idle: after moving the clock, every user logs in again. */
async function setClock(t: string) {
  h.clock.set(t);
  await h.db.execute(sql`UPDATE users SET password_changed_at = ${t}`);
  for (const [k, u] of Object.entries(usernames)) s[k as keyof typeof s] = await h.login(u!);
}
async function session(key: keyof typeof s, o: Parameters<THarness['userWithSession']>[0]) {
  const { user, cookie } = await h.userWithSession(o);
  usernames[key] = user.username;
  s[key] = cookie;
  return user;
}

async function officer(
  key: keyof typeof s,
  role: 'town_officer' | 'bureau_officer' | 'legal_reviewer',
  divisionCode: string,
  name: string,
) {
  const user = await session(key, { role, divisionCode, username: name });
  const cookie = s[key];
  await h.db.execute(sql`UPDATE users SET display_name = ${name} WHERE id = ${user.id}`);
  await h.db.insert(inspectors).values({
    userId: user.id,
    divisionCode,
    certificateNo: `44200${user.id}`,
    certificateExpiresOn: '2028-12-31',
    active: true,
    updatedAt: '2026-01-01T00:00:00Z',
  });
  return { id: user.id, cookie };
}

const post = (cookie: string, url: string, body: unknown = {}) => h.call('POST', url, { cookie, body });
const get = (cookie: string, url: string) => h.call('GET', url, { cookie });
const act = async (cookie: string, id: number, action: string, body: unknown = {}) => post(cookie, `/api/cases/${id}/${action}`, body);
const ok = async (p: ReturnType<THarness['call']>) => {
  const res = await p;
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};

function caseBody(o: Record<string, unknown> = {}) {
  return {
    enterpriseId: firm,
    person: { name: '王五', idNumber: ID_NUMBER, position: '主要负责人' },
    sourceKind: 'inspection',
    sourceRef: 17,
    summary: '未在有较大危险因素的场所设置明显的安全警示标志',
    violationCodes: ['SAFL-99'],
    occurredOn: '2026-02-20',
    discoveredOn: '2026-03-01',
    divisionCode: TOWNS.tanzhou,
    officerIds: [ids.a, ids.b],
    ...o,
  };
}

/** A case brought to 调查取证 with one evidence item. */
async function investigating(o: Record<string, unknown> = {}, cookie = s.officerA) {
  const c = await ok(post(cookie, '/api/cases', caseBody(o)));
  await ok(act(s.leader, c.case.id, 'approve-filing'));
  await ok(act(cookie, c.case.id, 'start-investigation'));
  await ok(
    post(cookie, `/api/cases/${c.case.id}/evidence`, { kind: 'photo', title: '现场照片', sha256: photo, collectedOn: '2026-03-01' }),
  );
  return c.case.id as number;
}

const unitFine = (fineFen: number, circumstance = 'general') => ({
  findings: '经查，该单位仓库未设置安全警示标志。',
  violations: [{ code: 'SAFL-99', target: 'unit', circumstance, fineFen }],
});

/** What must not move when an action is refused. */
async function snapshot(id: number) {
  const [row] = await queryRows<{ stage: string; version: number }>(h.db, sql`SELECT stage, version FROM cases WHERE id = ${id}`);
  const [n] = await queryRows<{ events: number; docs: number; audit: number }>(
    h.db,
    sql`SELECT (SELECT count(*) FROM case_events WHERE case_id = ${id})::int AS events, (SELECT count(*) FROM case_documents)::int AS docs, (SELECT count(*) FROM audit_log)::int AS audit`,
  );
  return { stage: row!.stage, version: row!.version, events: n!.events, docs: n!.docs, audit: n!.audit };
}

async function docxText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

beforeAll(async () => {
  h = await createHarness();
  await h.services.modules.case.ensureCatalogue();
  const a = await officer('officerA', 'town_officer', TOWNS.tanzhou, '张三');
  const b = await officer('officerB', 'town_officer', TOWNS.tanzhou, '李四');
  const chair = await officer('chair', 'town_officer', TOWNS.tanzhou, '赵六');
  const cityOfficer = await officer('cityOfficer', 'bureau_officer', CITY, '钱七');
  const reviewerOfficer = await officer('reviewerOfficer', 'legal_reviewer', CITY, '孙八');
  Object.assign(ids, { a: a.id, b: b.id, chair: chair.id, cityOfficer: cityOfficer.id, reviewerOfficer: reviewerOfficer.id });
  await session('leader', { role: 'bureau_leader' });
  await session('reviewer', { role: 'legal_reviewer' });
  await session('xiaolan', { role: 'town_officer', divisionCode: TOWNS.xiaolan });
  const city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  firm = (await h.call('POST', '/api/enterprises', { cookie: city, body: enterpriseBody(31) })).json().id;
  photo = (
    await h.app.inject({
      method: 'POST',
      url: '/api/attachments?fileName=p.png',
      headers: { cookie: s.officerA, origin: 'http://localhost', 'content-type': 'image/png' },
      payload: PNG,
    })
  ).json().sha256;
});
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
    const outside = await act(s.officerA, id, 'propose', {
      findings: '经查属实',
      violations: [{ code: 'SAFL-99', target: 'person', circumstance: 'minor', fineFen: 1_500_000 }],
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
        violations: [{ code: 'SAFL-99', target: 'person', circumstance: 'general', fineFen: 1_500_000 }],
      }),
    );
    expect(proposed.case).toMatchObject({
      stage: 'proposed',
      legalReviewRequired: true,
      deliberationRequired: true,
      hearingEligible: true,
    });
    expect(proposed.violations[0]).toMatchObject({ target: 'person', band: { minFen: 1_200_000, maxFen: 1_500_000 } });
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
    expect(notified.case.clocks.find((c: { kind: string }) => c.kind === 'hearing_request')).toMatchObject({ dueOn: '2026-03-07' });
    await setClock('2026-03-08T01:00:00Z');
    const before = await snapshot(id);
    const late = await act(s.officerA, id, 'request-hearing', { requestedOn: '2026-03-08' });
    expect(late.statusCode).toBe(422);
    expect(late.json().message).toContain('告知后 5 日内提出（行政处罚法第六十四条第一项）');
    expect(await snapshot(id)).toEqual(before);
    const decided = await ok(act(s.leader, id, 'decide', { decidedOn: '2026-03-08', outcome: 'penalty' }));
    expect(decided.case).toMatchObject({ stage: 'decided', fineDecidedFen: 1_500_000 });
    expect(decided.documents.at(-1)).toMatchObject({ kind: 'decision', number: '坦洲应急罚〔2026〕1号' });
    const served = await ok(act(s.officerB, id, 'serve', { servedOn: '2026-03-08', method: 'direct', recipient: '王五' }));
    expect(served.case).toMatchObject({ stage: 'served', paymentDueOn: '2026-03-23' });
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
    const refused = await act(s.leader, id, 'close', { closedOn: '2026-03-08' });
    expect(refused.json().message).toContain('未缴清');
    const part = await ok(act(s.officerA, id, 'record-payment', { paidOn: '2026-03-08', principalFen: 500_000 }));
    expect(part.case).toMatchObject({ stage: 'executing', finePaidFen: 500_000 });
    await setClock('2026-03-25T02:00:00Z');
    const rest = await ok(act(s.officerA, id, 'record-payment', { paidOn: '2026-03-25', principalFen: 1_000_000, receiptNo: 'FS-001' }));
    // 2 days late on 10,000 yuan: 600 yuan
    expect(rest.case).toMatchObject({ stage: 'paid', finePaidFen: 1_500_000, surchargeFen: 60_000 });
    expect(rest.payments.map((p: { surchargeFen: number }) => p.surchargeFen)).toEqual([0, 60_000]);
    const closed = await ok(act(s.leader, id, 'close', { closedOn: '2026-03-25' }));
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

describe('events of a case (case.filed, case.penalty_decided)', () => {
  it('puts the filing and the decided penalty on the firm’s timeline and records the penalty with the risk rules', async () => {
    await setClock('2026-03-25T02:00:00Z');
    const id = await investigating();
    const c = await ok(post(s.officerA, '/api/cases', caseBody({ procedure: 'simple', person: null })));
    await ok(
      act(s.officerA, c.case.id, 'decide-on-spot', {
        decidedOn: '2026-03-25',
        violation: { code: 'SAFL-99', target: 'unit', circumstance: 'minor', fineFen: 200_000 },
      }),
    );
    const timeline = (await ok(get(s.officerA, `/api/enterprises/${firm}`))).timeline as {
      module: string;
      kind: string;
      summary: string;
      ref: string;
    }[];
    expect(timeline).toContainEqual(
      expect.objectContaining({
        module: 'case',
        kind: 'filing',
        ref: `case:${id}`,
        summary: expect.stringContaining('行政处罚立案（坦洲应急立〔2026〕'),
      }),
    );
    expect(timeline).toContainEqual(
      expect.objectContaining({
        module: 'case',
        kind: 'penalty',
        ref: `case:${c.case.id}`,
        summary: expect.stringContaining('行政处罚：当场罚款 2,000 元（坦洲应急罚〔2026〕'),
      }),
    );
    const events = await queryRows<{ kind: string; module: string }>(
      h.db,
      sql`SELECT kind, module FROM risk_events WHERE ref = ${`case:${c.case.id}`}`,
    );
    expect(events).toEqual([{ kind: 'penalty', module: 'case' }]);
  });
});

describe('询问笔录', () => {
  it('records an interview with a number and generates it as Word; refused once the investigation ended', async () => {
    await setClock('2026-03-26T02:00:00Z');
    const id = await investigating();
    const body = {
      askedOn: '2026-03-26',
      place: '坦洲镇应急办询问室',
      interviewee: { name: '王五', idNumber: ID_NUMBER, position: '主要负责人' },
      questions: [{ question: '仓库为何未设置安全警示标志？', answer: '标志损坏后未及时更换。' }],
    };
    const res = await post(s.officerA, `/api/cases/${id}/inquiries`, body);
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json().documents.find((d: { kind: string }) => d.kind === 'inquiry');
    expect(doc.number).toMatch(/^坦洲应急询〔2026〕\d+号$/);
    const text = await docxText((await h.call('GET', `/api/cases/${id}/documents/${doc.id}`, { cookie: s.officerB })).rawPayload);
    expect(text).toContain('问：仓库为何未设置安全警示标志？');
    expect(text).toContain('答：标志损坏后未及时更换。');
    expect(text).toContain('询问笔录');
    await ok(act(s.officerA, id, 'propose', unitFine(1_000_000)));
    const late = await post(s.officerA, `/api/cases/${id}/inquiries`, body);
    expect(late.statusCode).toBe(422);
    expect(late.json().message).toContain('调查取证已终结');
  });
});

describe('separation of duties and scope', () => {
  it('refuses a legal reviewer who investigated the case (回避); nothing changes', async () => {
    await setClock('2026-04-01T02:00:00Z');
    const id = await investigating({ divisionCode: CITY, officerIds: [ids.cityOfficer, ids.reviewerOfficer] }, s.cityOfficer);
    await ok(act(s.cityOfficer, id, 'propose', { ...unitFine(4_000_000, 'grave') }));
    await ok(act(s.cityOfficer, id, 'request-legal-review'));
    const before = await snapshot(id);
    const res = await act(s.reviewerOfficer, id, 'legal-review', { result: 'pass', opinion: '同意' });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('法制审核人员不能是本案调查人员（行政处罚法第四十三条回避、第五十八条法制审核）');
    expect(await snapshot(id)).toEqual(before);
  });

  it('a hearing chaired by an officer of the case is refused', async () => {
    const id = await investigating({ violationCodes: ['SAFL-99'] });
    await ok(act(s.officerA, id, 'propose', unitFine(3_500_000, 'serious')));
    await ok(act(s.officerA, id, 'request-legal-review'));
    await ok(act(s.reviewer, id, 'legal-review', { result: 'pass', opinion: '同意' }));
    await ok(act(s.officerA, id, 'notify', { notifiedOn: '2026-04-01' }));
    await ok(act(s.officerA, id, 'request-hearing', { requestedOn: '2026-04-01' }));
    const bad = await act(s.officerA, id, 'schedule-hearing', { hearingOn: '2026-04-10', chairId: ids.b, place: '镇政府会议室' });
    expect(bad.json().message).toContain('第六十四条第四项');
    const early = await act(s.officerA, id, 'schedule-hearing', { hearingOn: '2026-04-07', chairId: ids.chair, place: '镇政府会议室' });
    expect(early.json().message).toContain('7 日前通知');
    await ok(act(s.officerA, id, 'schedule-hearing', { hearingOn: '2026-04-08', chairId: ids.chair, place: '镇政府会议室' }));
  });

  it('another town neither sees nor acts on the case', async () => {
    const id = await investigating();
    expect((await get(s.xiaolan, `/api/cases/${id}`)).statusCode).toBe(404);
    expect((await get(s.xiaolan, '/api/cases')).json().total).toBe(0);
    expect((await get(s.officerA, '/api/cases')).json().total).toBeGreaterThan(0);
    const other = await act(s.xiaolan, id, 'propose', unitFine(1_000_000));
    expect(other.statusCode).toBe(404);
  });

  it('lists overdue cases by the clock computed on read', async () => {
    const first = await get(s.officerA, '/api/cases?clock=overdue');
    expect(first.statusCode, first.body).toBe(200);
    const overdueBefore = first.json().total;
    await setClock('2026-07-15T02:00:00Z');
    const overdue = (await get(s.officerA, '/api/cases?clock=overdue&open=true')).json();
    expect(overdue.total).toBeGreaterThan(overdueBefore);
    expect(overdue.items[0].clocks[0]).toMatchObject({ kind: 'decision', state: 'overdue' });
    const stages = (await get(s.leader, '/api/cases/stages')).json();
    expect(stages.find((x: { stage: string }) => x.stage === 'investigating')).toMatchObject({ overdue: expect.any(Number) });
  });
});

describe('document numbers', () => {
  async function ready(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const id = await investigating({ enterpriseId: firm, person: null });
      await ok(act(s.officerA, id, 'propose', unitFine(1_000_000)));
      await ok(act(s.officerA, id, 'notify', { notifiedOn: '2026-08-01' }));
      await ok(act(s.officerA, id, 'waive-rights', { waivedOn: '2026-08-01' }));
      out.push(id);
    }
    return out;
  }

  it('concurrent decisions get consecutive numbers without gaps or duplicates', async () => {
    await setClock('2026-08-01T02:00:00Z');
    const cases = await ready(6);
    const [{ last } = { last: 0 }] = await queryRows<{ last: number }>(
      h.db,
      sql`SELECT last_seq AS last FROM case_document_sequences WHERE division_code = ${TOWNS.tanzhou} AND year = 2026 AND kind = 'decision'`,
    );
    const results = await Promise.all(cases.map((id) => act(s.leader, id, 'decide', { decidedOn: '2026-08-01', outcome: 'penalty' })));
    expect(results.map((r) => r.statusCode)).toEqual(cases.map(() => 200));
    const numbers = results.map((r) => r.json().documents.at(-1).number as string);
    const seqs = numbers.map((n) => Number(/〔2026〕(\d+)号/.exec(n)![1])).sort((a, b) => a - b);
    expect(seqs).toEqual(cases.map((_, i) => last + i + 1));
    expect(new Set(numbers).size).toBe(cases.length);
  });

  it('a duplicate number is refused with nothing changed', async () => {
    const [id] = await ready(1);
    await h.db.execute(
      sql`UPDATE case_document_sequences SET last_seq = last_seq - 1 WHERE division_code = ${TOWNS.tanzhou} AND year = 2026 AND kind = 'decision'`,
    );
    const before = await snapshot(id!);
    const res = await act(s.leader, id!, 'decide', { decidedOn: '2026-08-01', outcome: 'penalty' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/文书编号 坦洲应急罚〔2026〕\d+号 已被使用/);
    expect(await snapshot(id!)).toEqual(before);
  });
});

describe('who reads a case’s evidence', () => {
  it('users who may read the case (case.read, its body in scope); a town officer elsewhere gets 404', async () => {
    const id = await investigating();
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`evidence ${Math.random()}`)]);
    const sha256 = (
      await h.app.inject({
        method: 'POST',
        url: '/api/attachments?fileName=e.jpg',
        headers: { cookie: s.officerA, origin: 'http://localhost', 'content-type': 'image/jpeg' },
        payload: bytes,
      })
    ).json().sha256 as string;
    const read = async (cookie: string) => (await get(cookie, `/api/attachments/${sha256}`)).statusCode;
    expect([await read(s.officerA), await read(s.officerB)]).toEqual([200, 404]);
    await ok(post(s.officerA, `/api/cases/${id}/evidence`, { kind: 'photo', title: '仓库现场照片', sha256, collectedOn: '2026-03-01' }));
    const refs = await queryRows<{ owner_id: number }>(
      h.db,
      sql`SELECT owner_id FROM attachment_refs WHERE sha256 = ${sha256} AND owner = 'case'`,
    );
    expect(refs.map((r) => r.owner_id)).toEqual([id]);
    expect([await read(s.officerB), await read(s.chair), await read(s.leader), await read(s.reviewer)]).toEqual([200, 200, 200, 200]);
    expect(await read(s.xiaolan)).toBe(404);
  });
});
