/** The findings loop end to end on a real database: rounds, measures, progress, sign-off, look-back, lists, workbench. */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let office: Awaited<ReturnType<THarness['userWithSession']>>;
let owner: Awaited<ReturnType<THarness['userWithSession']>>;
let townOwner: Awaited<ReturnType<THarness['userWithSession']>>;
let leader: Awaited<ReturnType<THarness['userWithSession']>>;

beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2025-09-12T02:00:00.000Z');
  office = await h.userWithSession({ role: 'bureau_officer' });
  owner = await h.userWithSession({ role: 'bureau_officer' });
  townOwner = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
  leader = await h.userWithSession({ role: 'bureau_leader' });
});
afterAll(() => h.close());

const measure = (ownerId: number, deadline: string, term = 'immediate') => ({
  content: '建立安全生产领域突出问题清单',
  leadLeader: '局长',
  department: '安全生产基础科',
  ownerId,
  deadline,
  term,
});

function roundBody() {
  return {
    title: '市委第三巡察组反馈问题整改',
    source: 'party_inspection',
    inspector: '市委第三巡察组',
    inspectedFrom: '2025-04-01',
    inspectedTo: '2025-05-30',
    feedbackOn: '2025-06-20',
    feedbackDocument: '中巡反馈〔2025〕3号',
    findings: [
      {
        section: '一、贯彻落实党中央决策部署方面',
        itemNo: 1,
        title: '安全生产监管存在薄弱环节',
        quote: '“对重大事故隐患排查整治不够深入”',
        measures: [measure(owner.user.id, '2025-09-15'), measure(townOwner.user.id, '2025-12-31', 'long_term')],
      },
      { section: '二、履行全面从严治党责任方面', itemNo: 2, title: '执法检查记录不规范', measures: [measure(owner.user.id, '2025-08-31')] },
    ],
  };
}

async function countRows(table: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return rows[0]!.n;
}

describe('findings rounds to sign-off', () => {
  let roundId: number;
  let m1: number;
  let m2: number;
  let m3: number;

  it('creates a round with its findings grouped as fed back and one measure each owner', async () => {
    const res = await h.call('POST', '/api/findings/rounds', { cookie: office.cookie, body: roundBody() });
    expect(res.statusCode).toBe(201);
    const round = res.json();
    roundId = round.id;
    expect(round.findings.map((f: { itemNo: number; section: string }) => [f.itemNo, f.section])).toEqual([
      [1, '一、贯彻落实党中央决策部署方面'],
      [2, '二、履行全面从严治党责任方面'],
    ]);
    expect(round.measureCount).toBe(3);
    expect(round.overdueCount).toBe(1);
    [m1, m2] = round.findings[0].measures.map((m: { id: number }) => m.id);
    m3 = round.findings[1].measures[0].id;
    expect(round.findings[0].measures[0]).toMatchObject({ state: 'open', due: 'due_soon', ownerName: owner.user.displayName });
    expect(round.findings[0].measures[1]).toMatchObject({ due: 'long_term' });
    expect(round.findings[1].measures[0]).toMatchObject({ due: 'overdue' });
  });

  it('refuses a measure without an owner or a deadline, naming the field, and changes nothing', async () => {
    const before = await countRows('finding_measures');
    const findingId = (await h.call('GET', `/api/findings/rounds/${roundId}`, { cookie: office.cookie })).json().findings[0].id;
    const { ownerId: _o, ...noOwner } = measure(owner.user.id, '2025-10-01');
    const a = await h.call('POST', `/api/findings/items/${findingId}/measures`, { cookie: office.cookie, body: noOwner });
    expect(a.statusCode).toBe(400);
    expect(a.json()).toMatchObject({ field: 'ownerId', message: expect.stringContaining('请指定整改责任人') });
    const { deadline: _d, ...noDeadline } = measure(owner.user.id, '2025-10-01');
    const b = await h.call('POST', `/api/findings/items/${findingId}/measures`, { cookie: office.cookie, body: noDeadline });
    expect(b.statusCode).toBe(400);
    expect(b.json()).toMatchObject({ field: 'deadline', message: expect.stringContaining('整改时限') });
    const c = await h.call('POST', `/api/findings/items/${findingId}/measures`, {
      cookie: office.cookie,
      body: measure(999999, '2025-10-01'),
    });
    expect(c.statusCode).toBe(400);
    expect(c.json()).toMatchObject({ field: 'ownerId' });
    expect(await countRows('finding_measures')).toBe(before);
  });

  it('lets the owner report progress with links to records, and refuses anyone else', async () => {
    // A town colleague sees the town's measure but only its owner (or the office) reports on it.
    const colleague = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const other = await h.call('POST', `/api/findings/measures/${m2}/progress`, { cookie: colleague.cookie, body: { note: '代报' } });
    expect(other.statusCode).toBe(422);
    expect(other.json().message).toBe('只有整改责任人可以报送整改进展');
    const res = await h.call('POST', `/api/findings/measures/${m1}/progress`, {
      cookie: owner.cookie,
      body: { note: '已对 12 家企业开展专项检查，立案 2 宗', links: [{ kind: 'case', id: 7, label: '中应急罚〔2025〕7号' }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'in_progress', progressCount: 1 });
    expect(res.json().progress[0]).toMatchObject({ kind: 'progress', links: [{ kind: 'case', id: 7, label: '中应急罚〔2025〕7号' }] });
  });

  it('refuses a sign-off reviewer who is the owner, and a sign-off by the owner', async () => {
    const self = await h.call('POST', `/api/findings/measures/${m1}/submit`, { cookie: owner.cookie, body: { reviewerId: owner.user.id } });
    expect(self.statusCode).toBe(422);
    expect(self.json().message).toBe('销号审核人不能是整改责任人本人');
    const sub = await h.call('POST', `/api/findings/measures/${m1}/submit`, { cookie: owner.cookie, body: { reviewerId: leader.user.id } });
    expect(sub.json()).toMatchObject({ state: 'submitted', reviewerId: leader.user.id });
    const before = await countRows('finding_progress');
    const bySelf = await h.call('POST', `/api/findings/measures/${m1}/sign-off`, { cookie: owner.cookie, body: {} });
    expect(bySelf.statusCode).toBe(422);
    expect(bySelf.json().message).toBe('整改责任人不能为自己的措施销号');
    expect(await countRows('finding_progress')).toBe(before);
  });

  it('shows the reviewer his sign-off on the workbench, and the owner his measures', async () => {
    const items = (await h.call('GET', '/api/workbench', { cookie: leader.cookie })).json().items;
    expect(items.find((i: { key: string }) => i.key === 'findings.to_sign')).toMatchObject({
      count: 1,
      href: '/rectification/measures?mine=reviewer',
    });
    const listed = (await h.call('GET', '/api/findings/measures?mine=reviewer', { cookie: leader.cookie })).json();
    expect(listed.items.map((m: { id: number }) => m.id)).toEqual([m1]);
    const mine = (await h.call('GET', '/api/workbench', { cookie: owner.cookie })).json().items;
    expect(mine.find((i: { key: string }) => i.key === 'findings.owned')).toMatchObject({ count: 2 });
    const town = (await h.call('GET', '/api/workbench', { cookie: townOwner.cookie })).json().items;
    expect(town.find((i: { key: string }) => i.key === 'findings.owned')).toMatchObject({ count: 1 });
    const townList = (await h.call('GET', '/api/findings/measures?mine=owner', { cookie: townOwner.cookie })).json();
    expect(townList.items.map((m: { id: number }) => m.id)).toEqual([m2]);
    const overdue = (await h.call('GET', '/api/findings/measures?due=overdue', { cookie: office.cookie })).json();
    expect(overdue.items.map((m: { id: number }) => m.id)).toEqual([m3]);
    const soon = (await h.call('GET', '/api/findings/measures?due=due_soon', { cookie: office.cookie })).json();
    expect(soon.items.map((m: { id: number }) => m.id)).toEqual([m1]);
  });

  it('signs off by the reviewer, then reopens only on a look-back round of this round', async () => {
    const ok = await h.call('POST', `/api/findings/measures/${m1}/sign-off`, {
      cookie: leader.cookie,
      body: { note: '佐证齐全，同意销号' },
    });
    expect(ok.json()).toMatchObject({ state: 'signed_off', due: 'done' });
    const again = await h.call('POST', `/api/findings/measures/${m1}/progress`, { cookie: owner.cookie, body: { note: '补充' } });
    expect(again.json().message).toBe('该措施已销号，须经回头看重新打开后才能报送进展');

    const unrelated = (
      await h.call('POST', '/api/findings/rounds', { cookie: office.cookie, body: { ...roundBody(), findings: [] } })
    ).json();
    const refused = await h.call('POST', `/api/findings/measures/${m1}/reopen`, {
      cookie: office.cookie,
      body: { lookBackRoundId: unrelated.id, note: '回头看发现问题反弹' },
    });
    expect(refused.json().message).toBe('重新打开须依据对本轮反馈的回头看');
    const lookBack = (
      await h.call('POST', '/api/findings/rounds', {
        cookie: office.cookie,
        body: { ...roundBody(), title: '巡察整改回头看', findings: [], lookBackOf: roundId, feedbackOn: '2025-09-10' },
      })
    ).json();
    const reopened = await h.call('POST', `/api/findings/measures/${m1}/reopen`, {
      cookie: office.cookie,
      body: { lookBackRoundId: lookBack.id, note: '回头看发现问题反弹' },
    });
    expect(reopened.json()).toMatchObject({ state: 'in_progress', reopenCount: 1, signedOffAt: null });
    expect(reopened.json().progress.map((p: { kind: string }) => p.kind)).toEqual(['progress', 'submit', 'sign_off', 'reopen']);
  });

  it('exports the three lists in one workbook', async () => {
    const res = await h.call('GET', `/api/findings/rounds/${roundId}/lists`, { cookie: office.cookie });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['问题清单', '任务清单', '责任清单']);
    expect(book.getWorksheet('责任清单')!.getRow(1).values).toEqual([
      undefined,
      '问题序号',
      '整改措施',
      '牵头领导',
      '责任部门',
      '责任人',
      '整改时限',
    ]);
    expect(book.getWorksheet('任务清单')!.rowCount).toBe(4);
  });

  it('keeps a town officer out of a city round and its lists', async () => {
    const res = await h.call('GET', `/api/findings/rounds/${roundId}`, { cookie: townOwner.cookie });
    expect(res.statusCode).toBe(404);
    expect((await h.call('GET', `/api/findings/measures/${m1}`, { cookie: townOwner.cookie })).statusCode).toBe(404);
    expect((await h.call('GET', `/api/findings/measures/${m2}`, { cookie: townOwner.cookie })).statusCode).toBe(200);
  });
});
