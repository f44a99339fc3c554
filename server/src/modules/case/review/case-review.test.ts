import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectors } from '../../../db/schema/index';
import { CITY, createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { enterpriseBody } from '../../../../test/enterprise-fixtures';

let h: THarness;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
const firms: Record<string, number> = {};

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGNgYGD4z8DAwMDAwMAAAA8AAQZJ9l4AAAAASUVORK5CYII=',
  'base64',
);

async function user(
  key: string,
  role: 'town_officer' | 'bureau_officer' | 'bureau_leader' | 'legal_reviewer',
  divisionCode: string,
  pool = false,
) {
  const { user: u, cookie } = await h.userWithSession({ role, divisionCode, username: key });
  await h.db.execute(sql`UPDATE users SET display_name = ${key} WHERE id = ${u.id}`);
  if (pool)
    await h.db.insert(inspectors).values({
      userId: u.id,
      divisionCode,
      certificateNo: `C${u.id}`,
      certificateExpiresOn: '2028-12-31',
      active: true,
      updatedAt: '2026-01-01T00:00:00Z',
    });
  cookies[key] = cookie;
  ids[key] = u.id;
}

const ok = async (p: ReturnType<THarness['call']>) => {
  const res = await p;
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};
const post = (who: string, url: string, body: unknown = {}) => ok(h.call('POST', url, { cookie: cookies[who], body }));

/** A decided and served unit case of a town, by its two officers. */
async function decidedCase(town: 'tanzhou' | 'xiaolan', officers: [string, string], fineFen = 1_000_000): Promise<number> {
  const [a, b] = officers;
  const c = await post(a, '/api/cases', {
    enterpriseId: firms[town],
    sourceKind: 'complaint',
    summary: '投诉举报：疏散通道堵塞',
    violationCodes: ['SAFL-99'],
    occurredOn: '2026-02-20',
    discoveredOn: '2026-03-01',
    divisionCode: TOWNS[town],
    officerIds: [ids[a], ids[b]],
  });
  const id = c.case.id as number;
  await post('leader', `/api/cases/${id}/approve-filing`);
  await post(a, `/api/cases/${id}/start-investigation`);
  // Each town's officer uploads the file himself: one may not attach a file one may not read (another town's).
  const photo = (
    await h.app.inject({
      method: 'POST',
      url: '/api/attachments?fileName=p.png',
      headers: { cookie: cookies[a]!, origin: 'http://localhost', 'content-type': 'image/png' },
      payload: PNG,
    })
  ).json().sha256;
  await post(a, `/api/cases/${id}/evidence`, { kind: 'document', title: '询问笔录', sha256: photo, collectedOn: '2026-03-02' });
  await post(a, `/api/cases/${id}/propose`, {
    findings: '经查属实',
    violations: [{ code: 'SAFL-99', target: 'unit', circumstance: 'general', fineFen }],
  });
  await post(a, `/api/cases/${id}/notify`, { notifiedOn: '2026-03-02' });
  await post(a, `/api/cases/${id}/waive-rights`, { waivedOn: '2026-03-02' });
  await post('leader', `/api/cases/${id}/decide`, { decidedOn: '2026-03-02', outcome: 'penalty' });
  await post(b, `/api/cases/${id}/serve`, { servedOn: '2026-03-02', method: 'direct', recipient: '法定代表人' });
  return id;
}

let tanzhouCases: number[];
let xiaolanCase: number;

beforeAll(async () => {
  h = await createHarness();
  await h.services.modules.case.ensureCatalogue();
  await user('tz1', 'town_officer', TOWNS.tanzhou, true);
  await user('tz2', 'town_officer', TOWNS.tanzhou, true);
  await user('xl1', 'town_officer', TOWNS.xiaolan, true);
  await user('xl2', 'town_officer', TOWNS.xiaolan, true);
  await user('leader', 'bureau_leader', CITY);
  await user('reviewerA', 'legal_reviewer', CITY);
  await user('reviewerB', 'bureau_officer', CITY);
  const city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  firms.tanzhou = (await h.call('POST', '/api/enterprises', { cookie: city, body: enterpriseBody(41) })).json().id;
  firms.xiaolan = (
    await h.call('POST', '/api/enterprises', { cookie: city, body: enterpriseBody(42, { divisionCode: TOWNS.xiaolan }) })
  ).json().id;
  tanzhouCases = [await decidedCase('tanzhou', ['tz1', 'tz2']), await decidedCase('tanzhou', ['tz1', 'tz2'], 2_000_000)];
  xiaolanCase = await decidedCase('xiaolan', ['xl1', 'xl2']);
});
afterAll(() => h.close());

describe('case-file review (案卷评查)', () => {
  let roundId: number;

  it('picks files at random across bodies and assigns reviewers in turn', async () => {
    const round = await ok(
      h.call('POST', '/api/case-reviews', {
        cookie: cookies.leader,
        body: {
          title: '2026年第一季度案卷评查',
          periodFrom: '2026-01-01',
          periodTo: '2026-03-31',
          pick: 'random',
          sampleSize: 10,
          reviewerIds: [ids.reviewerA, ids.reviewerB],
        },
      }),
    );
    roundId = round.id;
    expect(round.files).toHaveLength(3);
    expect(new Set(round.files.map((f: { divisionCode: string }) => f.divisionCode))).toEqual(new Set([TOWNS.tanzhou, TOWNS.xiaolan]));
    expect(round.files.map((f: { reviewerId: number }) => f.reviewerId).sort()).toEqual(
      [ids.reviewerA, ids.reviewerA, ids.reviewerB].sort(),
    );
  });

  it('scores a file, refuses a reviewer it was not given to, and reports scores and typical problems by body', async () => {
    const round = await ok(h.call('GET', `/api/case-reviews/${roundId}`, { cookie: cookies.leader }));
    const mine = round.files.find((f: { divisionCode: string }) => f.divisionCode === TOWNS.tanzhou);
    const reviewer = mine.reviewerId === ids.reviewerA ? 'reviewerA' : 'reviewerB';
    const other = reviewer === 'reviewerA' ? 'reviewerB' : 'reviewerA';
    const body = {
      scores: { filing: 90, evidence: 70, procedure: 80, legal_basis: 100, documents: 60, discretion: 80 },
      problems: [{ criterion: 'documents', description: '送达回执未注明送达方式', sendBack: true }],
      comment: '总体规范',
    };
    const refused = await h.call('POST', `/api/case-reviews/${roundId}/files/${mine.caseId}`, { cookie: cookies[other], body });
    expect(refused.statusCode).toBe(403);
    const scored = await ok(h.call('POST', `/api/case-reviews/${roundId}/files/${mine.caseId}`, { cookie: cookies[reviewer], body }));
    expect(scored.files.find((f: { caseId: number }) => f.caseId === mine.caseId).totalScore).toBe(80);
    const report = await ok(h.call('GET', `/api/case-reviews/${roundId}/report`, { cookie: cookies.leader }));
    expect(report.byBody.find((b: { divisionCode: string }) => b.divisionCode === TOWNS.tanzhou)).toMatchObject({
      files: 2,
      scored: 1,
      averageScore: 80,
    });
    expect(report.byCriterion.find((c: { criterion: string }) => c.criterion === 'documents')).toMatchObject({
      label: '文书',
      averageScore: 60,
    });
    expect(report.problems).toEqual([
      expect.objectContaining({ divisionCode: TOWNS.tanzhou, criterion: 'documents', count: 1, examples: ['送达回执未注明送达方式'] }),
    ]);
  });

  it('sends a problem back as a correction task the town sees and closes; another town does not see it', async () => {
    const tasks = await ok(h.call('GET', '/api/case-review-tasks?open=true', { cookie: cookies.tz1 }));
    expect(tasks).toEqual([expect.objectContaining({ criterion: 'documents', description: '送达回执未注明送达方式', resolvedAt: null })]);
    expect(await ok(h.call('GET', '/api/case-review-tasks', { cookie: cookies.xl1 }))).toEqual([]);
    expect((await h.call('POST', `/api/case-review-tasks/${tasks[0].id}/resolve`, { cookie: cookies.xl1 })).statusCode).toBe(404);
    await ok(h.call('POST', `/api/case-review-tasks/${tasks[0].id}/resolve`, { cookie: cookies.tz1 }));
    expect(await ok(h.call('GET', '/api/case-review-tasks?open=true', { cookie: cookies.tz1 }))).toEqual([]);
  });
});

describe('publication (双公示) and the provincial export', () => {
  it('publishes decisions without login, as JSON and CSV', async () => {
    const page = await ok(h.call('GET', '/api/public/case-decisions'));
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({
      decisionNo: expect.stringMatching(/应急罚〔2026〕\d+号$/),
      penalty: expect.stringContaining('罚款'),
      violations: [expect.objectContaining({ penaltyProvision: '《中华人民共和国安全生产法》第九十九条' })],
    });
    const csv = await h.call('GET', '/api/public/case-decisions?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('行政处罚决定书文号,当事人');
    expect(csv.body).toContain('20000.00');
  });

  it('exports incrementally by cursor: a second export gives only what changed since', async () => {
    const first = await ok(h.call('GET', '/api/cases/export?limit=2', { cookie: cookies.leader }));
    expect(first).toMatchObject({ layout: 'yingji-case-exchange/1' });
    expect(first.records).toHaveLength(2);
    const second = await ok(h.call('GET', `/api/cases/export?cursor=${first.nextCursor}`, { cookie: cookies.leader }));
    expect(second.records.map((r: { id: number }) => r.id)).toEqual([xiaolanCase]);
    const none = await ok(h.call('GET', `/api/cases/export?cursor=${second.nextCursor}`, { cookie: cookies.leader }));
    expect(none.records).toEqual([]);
    expect(none.nextCursor).toBe(second.nextCursor);
    h.clock.advanceMinutes(5);
    await post('tz1', `/api/cases/${tanzhouCases[0]}/record-payment`, { paidOn: '2026-03-02', principalFen: 1_000_000 });
    const changed = await ok(h.call('GET', `/api/cases/export?cursor=${none.nextCursor}&format=json`, { cookie: cookies.leader }));
    expect(changed.records).toEqual([
      expect.objectContaining({
        id: tanzhouCases[0],
        stage: 'paid',
        finePaidFen: 1_000_000,
        decisionNo: expect.stringContaining('坦洲应急罚'),
      }),
    ]);
    const town = await ok(h.call('GET', '/api/cases/export', { cookie: cookies.xl1 }));
    expect(town.records.map((r: { id: number }) => r.id)).toEqual([xiaolanCase]);
    const csv = await h.call('GET', '/api/cases/export?format=csv', { cookie: cookies.leader });
    expect(csv.body.split('\r\n')[0]).toBe(
      '\uFEFFid,caseNo,divisionCode,procedure,stage,sourceKind,partyName,creditCode,violationCodes,occurredOn,filedOn,decisionNo,decisionOutcome,decidedOn,fineDecidedFen,confiscationFen,otherPenalties,servedOn,finePaidFen,surchargePaidFen,closedOn,updatedAt',
    );
    expect(csv.headers['x-next-cursor']).toBeTruthy();
    expect((await h.call('GET', '/api/cases/export?cursor=garbage', { cookie: cookies.leader })).json()).toMatchObject({
      code: 'invalid',
      field: 'cursor',
    });
  });

  it('a deregistered firm with an unpaid fine alerts the bureau (deregistration guard)', async () => {
    const city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
    await ok(
      h.call('PATCH', `/api/enterprises/${firms.xiaolan}`, {
        cookie: city,
        body: { registrationStatus: '注销', reason: '市场监管局通报注销' },
      }),
    );
    const alerts = await ok(h.call('GET', '/api/enterprises/alerts', { cookie: cookies.leader }));
    expect(alerts).toEqual([
      expect.objectContaining({
        enterprise: expect.objectContaining({ id: firms.xiaolan }),
        obligations: [
          expect.objectContaining({ module: 'case', kind: 'open_case', count: 1 }),
          expect.objectContaining({ module: 'case', kind: 'unpaid_fine', summary: '未缴清罚款 10,000 元（1 件）' }),
        ],
      }),
    ]);
  });
});

describe('violation catalogue and discretion bands', () => {
  it('the bureau edits a band; a restart keeps the edit; a band beyond the law is refused', async () => {
    const officer = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
    const list = await ok(h.call('GET', '/api/case-violations', { cookie: officer }));
    expect(list.map((v: { code: string }) => v.code)).toEqual([
      'SAFL-94',
      'SAFL-97',
      'SAFL-99',
      'SAFL-101',
      'SAFL-102',
      'SAFL-105',
      'SAFL-108',
      'SAFL-109',
      'SAFL-114',
    ]);
    const v99 = list.find((v: { code: string }) => v.code === 'SAFL-99');
    const edited = {
      ...v99,
      bands: v99.bands.map((b: { tier: number; target: string; circumstance: string; minFen: number }) =>
        b.tier === 1 && b.target === 'unit' && b.circumstance === 'minor' ? { ...b, maxFen: 500_000 } : b,
      ),
    };
    delete edited.id;
    const saved = await ok(h.call('PUT', '/api/case-violations', { cookie: officer, body: edited }));
    expect(
      saved.bands.find(
        (b: { tier: number; target: string; circumstance: string }) => b.tier === 1 && b.target === 'unit' && b.circumstance === 'minor',
      ),
    ).toMatchObject({ maxFen: 500_000 });
    expect(await h.services.modules.case.ensureCatalogue()).toEqual({ violations: 0, corrected: 0 });
    const again = (await ok(h.call('GET', '/api/case-violations', { cookie: officer }))).find(
      (v: { code: string }) => v.code === 'SAFL-99',
    );
    expect(
      again.bands.find(
        (b: { tier: number; target: string; circumstance: string }) => b.tier === 1 && b.target === 'unit' && b.circumstance === 'minor',
      ).maxFen,
    ).toBe(500_000);
    // the second tier's bands are kept
    expect(again.bands.filter((b: { tier: number }) => b.tier === 2)).toHaveLength(8);
    const beyond = await h.call('PUT', '/api/case-violations', {
      cookie: officer,
      body: { ...edited, bands: [{ target: 'unit', circumstance: 'grave', minFen: 4_000_000, maxFen: 6_000_000 }] },
    });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json()).toMatchObject({ field: 'bands', message: expect.stringContaining('超出法定幅度') });
    expect((await h.call('PUT', '/api/case-violations', { cookie: cookies.tz1, body: edited })).statusCode).toBe(403);
  });
});
