/**
 * The global search answers from each module's own list: in the asker's permissions and division scope, an enterprise
 * user only his own firm, and a bad query is refused by field.
 */
import { eq, sql } from 'drizzle-orm';
import { searchGrams } from '@yingji/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { firm as makeFirm } from '../../../test/inspection-fixtures';
import { enterprises } from '../../db/schema/index';

let h: THarness;
const cookies: Record<string, string> = {};
type TGroup = {
  key: string;
  title: string;
  total: number;
  moreHref: string;
  hits: { title: string; subtitle: string | null; href: string }[];
};
const search = async (who: string, q: string): Promise<TGroup[]> => {
  const res = await h.call('GET', `/api/search?q=${encodeURIComponent(q)}`, { cookie: cookies[who]! });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().groups;
};
const group = (groups: TGroup[], key: string) => groups.find((g) => g.key === key);
let firmA: { id: number };
let firmX: { id: number };

beforeAll(async () => {
  h = await createHarness();
  cookies.tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  cookies.xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
  cookies.city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  cookies.duty = (await h.userWithSession({ role: 'duty_officer' })).cookie;
  firmA = await makeFirm(h.db, { name: '中山市坦洲镇搜索测试五金有限公司' });
  firmX = await makeFirm(h.db, { divisionCode: TOWNS.xiaolan, name: '中山市小榄镇搜索测试灯饰有限公司' });
  // the fixture leaves the registry's search grams empty; the registry's own writes fill them so
  for (const f of await h.db.select().from(enterprises)) {
    await h.db
      .update(enterprises)
      .set({ searchGrams: searchGrams([f.name, f.creditCode]) })
      .where(eq(enterprises.id, f.id));
  }
  const firmUser = await h.userWithSession({ role: 'enterprise_user', divisionCode: TOWNS.tanzhou });
  await h.db.execute(sql`UPDATE users SET enterprise_id = ${firmA.id} WHERE id = ${firmUser.user.id}`);
  cookies.firm = firmUser.cookie;
  for (const [cookie, enterpriseId] of [
    [cookies.tanzhou, firmA.id],
    [cookies.xiaolan, firmX.id],
  ] as const) {
    const res = await h.call('POST', '/api/hazards', {
      cookie,
      body: {
        enterpriseId,
        source: 'inspection',
        category: 'dust',
        description: '搜索测试：除尘器未设置泄爆装置',
        location: '打磨车间',
        foundOn: '2026-03-02',
        foundBy: '张三',
        responsiblePerson: '李四',
        deadline: '2026-03-09',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => h.close());

describe('global search', () => {
  it('finds firms and hazards across the city for a city officer, each hit linking to its record', async () => {
    const firms = group(await search('city', '搜索测试'), 'enterprise')!;
    expect(firms.total).toBe(2);
    expect(firms.hits.map((f) => f.href).sort()).toEqual([`/enterprises/${firmA.id}`, `/enterprises/${firmX.id}`].sort());
    expect(firms.moreHref).toBe(`/enterprises?q=${encodeURIComponent('搜索测试')}`);
    const hazards = group(await search('city', '泄爆装置'), 'hazard')!;
    expect(hazards.total).toBe(2);
    expect(hazards.hits[0]!.subtitle).toMatch(/一般隐患/);
  });

  it('keeps a town officer in his town and an enterprise user to his own firm', async () => {
    const tanzhou = await search('tanzhou', '搜索测试');
    expect(group(tanzhou, 'enterprise')!.hits.map((f) => f.title)).toEqual(['中山市坦洲镇搜索测试五金有限公司']);
    expect(group(await search('xiaolan', '泄爆装置'), 'hazard')!.total).toBe(1);
    const firm = await search('firm', '泄爆装置');
    expect(group(firm, 'hazard')!.hits.map((x) => x.href)).toEqual([expect.stringMatching(/^\/hazards\/\d+$/)]);
    expect(group(firm, 'case')).toBeUndefined();
  });

  it('asks no module whose list the role may not read, and leaves out groups with nothing found', async () => {
    // the duty room reads the registry and accidents, not hazards
    const duty = await search('duty', '搜索测试');
    expect(duty.map((g) => g.key)).toEqual(['enterprise']);
    expect(await search('duty', '泄爆装置')).toEqual([]);
    expect(await search('city', '没有这样的名称')).toEqual([]);
  });

  it('refuses an empty or overlong query by field, and a request without a session', async () => {
    const empty = await h.call('GET', '/api/search?q=%20', { cookie: cookies.city! });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ field: 'q', message: '查询参数 q：请输入要搜索的内容' });
    expect((await h.call('GET', `/api/search?q=${'字'.repeat(51)}`, { cookie: cookies.city! })).statusCode).toBe(400);
    expect((await h.call('GET', '/api/search?q=x')).statusCode).toBe(401);
  });
});
