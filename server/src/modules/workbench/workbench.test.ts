/**
 * The workbench lists each role's to-dos from the modules' providers; every count equals the rows its link opens.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { firm as makeFirm, inspection as makeInspection } from '../../../test/inspection-fixtures';

let h: THarness;
const users: Record<string, string> = {};
const cookies: Record<string, string> = {};
let firmAId: number;
let firmXId: number;

async function person(key: string, o: Parameters<THarness['userWithSession']>[0]) {
  const { user, cookie } = await h.userWithSession(o);
  users[key] = user.username;
  cookies[key] = cookie;
  return user;
}

type TItem = { key: string; module: string; group: string; count: number; href: string };
const workbench = async (key: string): Promise<TItem[]> => {
  const res = await h.call('GET', '/api/workbench', { cookie: cookies[key]! });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};
const item = (items: TItem[], key: string) => items.find((i) => i.key === key);
/** The list the card links to, asked through the same API the page uses. */
const listTotal = async (cookie: string, href: string) =>
  (await h.call('GET', `/api${href}${href.includes('?') ? '&' : '?'}page=1&pageSize=1`, { cookie })).json().total as number;

beforeAll(async () => {
  h = await createHarness();
  await person('tanzhou', { role: 'town_officer', divisionCode: TOWNS.tanzhou });
  await person('xiaolan', { role: 'town_officer', divisionCode: TOWNS.xiaolan });
  await person('city', { role: 'bureau_officer' });
  await person('leader', { role: 'bureau_leader' });
  await person('reviewer', { role: 'legal_reviewer' });
  const firmA = await makeFirm(h.db, { name: '中山市坦洲镇工作台测试五金有限公司' });
  firmAId = firmA.id;
  const firmX = await makeFirm(h.db, { divisionCode: TOWNS.xiaolan, name: '中山市小榄镇工作台测试灯饰有限公司' });
  firmXId = firmX.id;
  const firmUser = await person('firm', { role: 'enterprise_user', divisionCode: TOWNS.tanzhou });
  await h.db.execute(sql`UPDATE users SET enterprise_id = ${firmA.id} WHERE id = ${firmUser.id}`);
  const hazard = (enterpriseId: number) => ({
    enterpriseId,
    source: 'inspection',
    category: 'dust',
    description: '除尘器未设置泄爆装置',
    location: '打磨车间',
    foundOn: '2026-03-02',
    foundBy: '张三',
    responsiblePerson: '李四',
    deadline: '2026-03-03',
  });
  for (const [cookie, firm] of [
    [cookies.tanzhou!, firmA.id],
    [cookies.tanzhou!, firmA.id],
    [cookies.xiaolan!, firmX.id],
  ] as const) {
    const res = await h.call('POST', '/api/hazards', { cookie, body: hazard(firm) });
    expect(res.statusCode, res.body).toBe(201);
  }
  // Two days later the three hazards are past their deadline; sessions end when idle, so everyone logs in again.
  h.clock.set('2026-03-05T02:00:00Z');
  await h.db.execute(sql`UPDATE users SET password_changed_at = '2026-03-05T02:00:00Z'`);
  for (const [k, u] of Object.entries(users)) cookies[k] = await h.login(u);
});
afterAll(() => h.close());

describe('GET /api/workbench', () => {
  it('gives a town officer his town’s overdue hazards, and the count is what the link opens', async () => {
    const overdue = item(await workbench('tanzhou'), 'hazard.overdue');
    expect(overdue).toMatchObject({ module: 'hazard', group: 'todo', count: 2, href: '/hazards?overdue=true' });
    expect(await listTotal(cookies.tanzhou!, overdue!.href)).toBe(2);
    expect(item(await workbench('xiaolan'), 'hazard.overdue')!.count).toBe(1);
  });

  it('gives the bureau the whole city', async () => {
    const overdue = item(await workbench('city'), 'hazard.overdue')!;
    expect(overdue.count).toBe(3);
    expect(await listTotal(cookies.city!, overdue.href)).toBe(3);
  });

  it('gives an enterprise user his own firm’s overdue hazards and no officer’s items', async () => {
    const items = await workbench('firm');
    expect(item(items, 'hazard.my_overdue')).toMatchObject({ count: 2, href: '/hazards?overdue=true' });
    expect(items.map((i) => i.module)).not.toContain('case');
    expect(item(items, 'hazard.overdue')).toBeUndefined();
  });

  it('puts a leader’s approvals first, and a legal reviewer’s queue on his workbench only', async () => {
    const leader = await workbench('leader');
    expect(leader.map((i) => i.key)).toEqual(
      expect.arrayContaining(['case.filing_approvals', 'case.deliberations', 'risk.proposals_pending']),
    );
    // Items with something to do first; among them approvals, then to-dos, then figures to watch.
    const rank = (i: TItem) => (i.count > 0 ? 0 : 3) + ({ approval: 0, todo: 1, watch: 2 } as Record<string, number>)[i.group]! / 10;
    expect(leader.map(rank)).toEqual([...leader.map(rank)].sort((x, y) => x - y));
    expect(item(leader, 'hazard.overdue')!.count).toBe(3);
    expect(item(await workbench('reviewer'), 'case.legal_review_queue')).toMatchObject({ count: 0, href: '/cases?reviewable=true' });
    expect(item(await workbench('tanzhou'), 'case.legal_review_queue')).toBeUndefined();
  });

  it('counts the deregistration alerts without loading the firms: the count is the alerts page’s length', async () => {
    const alerts = async () => (await h.call('GET', '/api/enterprises/alerts', { cookie: cookies.city! })).json() as unknown[];
    expect(item(await workbench('city'), 'enterprise.deregistration_alerts')!.count).toBe((await alerts()).length);
    // 坦洲's firm has two open hazards: deregistered, it appears on the alerts page and on the workbench.
    await h.db.execute(sql`UPDATE enterprises SET registration_status = '注销' WHERE id = ${firmAId}`);
    const listed = await alerts();
    expect(listed.length).toBeGreaterThan(0);
    expect(item(await workbench('city'), 'enterprise.deregistration_alerts')).toMatchObject({ count: listed.length, severity: 'danger' });
    expect(item(await workbench('leader'), 'enterprise.deregistration_alerts')!.count).toBe(listed.length);
  });

  it('counts results overdue for publication from the roll-ups and the last month’s rows: what the list opens', async () => {
    // Submitted, published or draft, over the months before today (2026-03-05) and the month of the last overdue date.
    const dates = [
      '2025-11-10',
      '2025-12-31',
      '2026-01-05',
      '2026-01-20',
      '2026-01-30',
      '2026-02-02',
      '2026-02-05',
      '2026-02-10',
      '2026-02-20',
      '2026-03-02',
    ];
    const ids: number[] = [];
    for (const [i, inspectedOn] of dates.entries()) {
      for (const [divisionCode, enterpriseId] of [
        [TOWNS.tanzhou, firmAId],
        [TOWNS.xiaolan, firmXId],
      ] as const) {
        const status = i % 5 === 4 ? 'draft' : 'submitted';
        const publishedAt = i % 3 === 2 ? '2026-03-01T00:00:00Z' : null;
        ids.push(await makeInspection(h.db, { enterpriseId, divisionCode, inspectedOn, status, publishedAt }));
      }
    }
    const card = async (who: string) => item(await workbench(who), 'inspection.publication_overdue')!;
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const who of ['tanzhou', 'xiaolan', 'city']) {
        const c = await card(who);
        expect(c.count, who).toBe(await listTotal(cookies[who]!, c.href));
        out[who] = c.count;
      }
      return out;
    };
    const before = await counts();
    expect(before.tanzhou).toBeGreaterThan(2);
    expect(before.city).toBe(before.tanzhou! + before.xiaolan!);
    // Publishing the oldest one (counted from the roll-ups) takes it off the card and the list alike.
    await h.db.execute(sql`UPDATE inspections SET published_at = '2026-03-05T01:00:00Z' WHERE id = ${ids[0]!}`);
    expect(await counts()).toEqual({ ...before, tanzhou: before.tanzhou! - 1, city: before.city! - 1 });
  });

  it('answers 401 without a session', async () => {
    expect((await h.call('GET', '/api/workbench')).statusCode).toBe(401);
  });
});
