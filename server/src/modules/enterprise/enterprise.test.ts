import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { creditCode, enterpriseBody } from '../../../test/enterprise-fixtures';
import { countsDrift } from '../../../test/enterprise-fixtures';
import { allPages } from '../../../test/list-order';

let h: THarness;
let city: string;
let tanzhou: string;
let xiaolan: string;
beforeAll(async () => {
  h = await createHarness();
  city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
  xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
});
afterAll(() => h.close());

const create = (cookie: string, body: object) => h.call('POST', '/api/enterprises', { cookie, body });
const list = async (cookie: string, query = '') => (await h.call('GET', `/api/enterprises?pageSize=200&${query}`, { cookie })).json();

describe('enterprise record', () => {
  it('adds a firm with a valid credit code and a reason; the supervising body follows the powers list', async () => {
    const res = await create(city, enterpriseBody(1, { supervisionCategory: 'hc_production', tags: ['major_hazard_source'] }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      creditCode: creditCode(1),
      divisionName: '坦洲镇',
      supervisingLevel: 'city',
      supervisionStatus: '在管',
      registrationStatus: '存续',
    });
    const detail = (await h.call('GET', `/api/enterprises/${res.json().id}`, { cookie: city })).json();
    expect(detail.supervisingBody).toBe('市应急管理局');
    expect(detail.timeline[0].summary).toBe('纳入监管台账：新发现企业，纳入监管');
    expect(detail.history[0]).toMatchObject({ action: 'create' });
  });

  it.each([
    [{ creditCode: '91442000MA4UJ6AX2I' }, 'creditCode', '统一社会信用代码第 18 位字符“I”不合法'],
    [{ creditCode: creditCode(2).slice(0, 17) + '0' }, 'creditCode', '统一社会信用代码第 18 位校验码应为'],
    [{ reason: '' }, 'reason', '请填写变更原因'],
    [{ divisionCode: '4420' }, 'divisionCode', '所属镇街应为 9 位区划代码'],
    [{ supervisionCategory: 'coal' }, 'supervisionCategory', '监管类别不正确'],
    [{ principalPhone: 'abc' }, 'principalPhone', '主要负责人电话格式不正确'],
  ])('refuses %j, naming %s', async (over, field, message) => {
    const res = await create(city, enterpriseBody(2, over));
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
    expect(res.json().message).toContain(message);
  });

  it('refuses a credit code already in the registry', async () => {
    const res = await create(city, enterpriseBody(1));
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('已登记为');
  });

  it('keeps former names on a rename, and finds the firm by either name or its code', async () => {
    const id = (await create(city, enterpriseBody(3))).json().id;
    const res = await h.call('PATCH', `/api/enterprises/${id}`, {
      cookie: tanzhou,
      body: { name: '中山市新名字机械有限公司', reason: '企业更名' },
    });
    expect(res.json()).toMatchObject({ name: '中山市新名字机械有限公司', formerNames: ['中山市测试3号五金制品有限公司'] });
    for (const q of ['新名字机械', '测试3号五金', creditCode(3).slice(4)]) {
      expect(
        (await list(city, `q=${encodeURIComponent(q)}`)).items.map((e: { id: number }) => e.id),
        q,
      ).toEqual([id]);
    }
    expect((await h.call('PATCH', `/api/enterprises/${id}`, { cookie: tanzhou, body: { name: '合法的新名字' } })).json().field).toBe(
      'reason',
    );
  });
});

describe('scope', () => {
  it('a town sees only its own firms, and another town’s firm reads as absent', async () => {
    const other = (await create(city, enterpriseBody(10, { divisionCode: TOWNS.xiaolan, address: '中山市小榄镇' }))).json();
    expect((await list(tanzhou)).items.every((e: { divisionCode: string }) => e.divisionCode === TOWNS.tanzhou)).toBe(true);
    expect((await list(xiaolan)).items.map((e: { id: number }) => e.id)).toContain(other.id);
    expect((await h.call('GET', `/api/enterprises/${other.id}`, { cookie: tanzhou })).statusCode).toBe(404);
    expect(
      (await h.call('PATCH', `/api/enterprises/${other.id}`, { cookie: tanzhou, body: { name: '改名', reason: '越权修改' } })).statusCode,
    ).toBe(404);
  });

  it('a town cannot change a city-supervised firm in its own town, nor add one', async () => {
    const firm = (await list(tanzhou, 'level=city')).items[0];
    const res = await h.call('PATCH', `/api/enterprises/${firm.id}`, { cookie: tanzhou, body: { employees: 5, reason: '核实人数' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('该企业由市级监管，镇街不能修改，请联系市局');
    expect((await create(tanzhou, enterpriseBody(11, { supervisionCategory: 'hc_production' }))).statusCode).toBe(403);
    expect((await create(tanzhou, enterpriseBody(11, { divisionCode: TOWNS.xiaolan }))).statusCode).toBe(403);
  });

  it('moves a firm to another town only when that town accepts', async () => {
    const firm = (await create(tanzhou, enterpriseBody(12))).json();
    const asked = await h.call('POST', `/api/enterprises/${firm.id}/transfers`, {
      cookie: tanzhou,
      body: { toCode: TOWNS.xiaolan, reason: '企业搬迁至小榄' },
    });
    expect(asked.json()).toMatchObject({ status: 'pending', fromCode: TOWNS.tanzhou, toCode: TOWNS.xiaolan });
    expect((await h.call('GET', `/api/enterprises/${firm.id}`, { cookie: tanzhou })).json().enterprise.divisionCode).toBe(TOWNS.tanzhou);
    const self = await h.call('POST', `/api/enterprise-transfers/${asked.json().id}/decision`, { cookie: tanzhou, body: { accept: true } });
    expect(self.statusCode).toBe(403);
    expect(
      (await h.call('GET', '/api/enterprise-transfers?status=pending', { cookie: xiaolan })).json().map((t: { id: number }) => t.id),
    ).toContain(asked.json().id);
    const accepted = await h.call('POST', `/api/enterprise-transfers/${asked.json().id}/decision`, {
      cookie: xiaolan,
      body: { accept: true, comment: '同意接收' },
    });
    expect(accepted.json().status).toBe('accepted');
    expect((await h.call('GET', `/api/enterprises/${firm.id}`, { cookie: xiaolan })).json().enterprise.divisionCode).toBe(TOWNS.xiaolan);
    expect((await h.call('GET', `/api/enterprises/${firm.id}`, { cookie: tanzhou })).statusCode).toBe(404);
  });

  it('the bureau moves a firm at once', async () => {
    const firm = (await create(city, enterpriseBody(13))).json();
    const res = await h.call('POST', `/api/enterprises/${firm.id}/transfers`, {
      cookie: city,
      body: { toCode: TOWNS.shiqi, reason: '属地核实' },
    });
    expect(res.json().status).toBe('accepted');
    expect((await h.call('GET', `/api/enterprises/${firm.id}`, { cookie: city })).json().enterprise.divisionName).toBe('石岐街道');
  });

  it('moves a firm out of supervision with a reason, audited', async () => {
    const firm = (await create(tanzhou, enterpriseBody(14))).json();
    const res = await h.call('POST', `/api/enterprises/${firm.id}/status`, {
      cookie: tanzhou,
      body: { status: '移出', reason: '已搬离本市' },
    });
    expect(res.json().supervisionStatus).toBe('移出');
    const detail = (await h.call('GET', `/api/enterprises/${firm.id}`, { cookie: tanzhou })).json();
    expect(detail.history[0].after).toEqual({ supervisionStatus: '移出', reason: '已搬离本市' });
  });
});

describe('list and export', () => {
  beforeAll(async () => {
    for (let n = 100; n < 112; n++) {
      await create(
        city,
        enterpriseBody(n, {
          supervisionCategory: n % 2 ? 'it_light' : 'fw_retail',
          tags: n % 3 === 0 ? ['dust_explosion'] : [],
          employees: n,
          name: n === 111 ? '=HYPERLINK("x")有限公司' : `中山市列表${n}厂`,
        }),
      );
    }
  });

  it('filters by town, category, tag, status and level on the server', async () => {
    expect(
      (await list(city, 'category=fw_retail')).items.every((e: { supervisionCategory: string }) => e.supervisionCategory === 'fw_retail'),
    ).toBe(true);
    expect((await list(city, 'tag=dust_explosion')).total).toBe(4);
    expect(
      (await list(city, `divisionCode=${TOWNS.xiaolan}`)).items.every((e: { divisionCode: string }) => e.divisionCode === TOWNS.xiaolan),
    ).toBe(true);
    expect((await list(city, 'level=city')).items.every((e: { supervisingLevel: string }) => e.supervisingLevel === 'city')).toBe(true);
    expect((await list(city, 'supervisionStatus=移出')).total).toBe(1);
  });

  it('sorts and pages', async () => {
    const page = (
      await h.call('GET', '/api/enterprises?category=it_light&sort=employees&order=desc&pageSize=2&page=2', { cookie: city })
    ).json();
    expect(page.items.map((e: { employees: number }) => e.employees)).toEqual([107, 105]);
    expect(page.total).toBe(6);
  });

  it('a keyword pages its matches in either order, counted in the same pass; past the end it still counts', async () => {
    const all = await list(city, `q=${encodeURIComponent('测试')}&sort=name&order=asc`);
    expect(all.total).toBeGreaterThan(4);
    expect(all.items).toHaveLength(all.total);
    const names = all.items.map((e: { name: string }) => e.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const order of ['asc', 'desc']) {
      const pages = await allPages<{ id: number }>(h, city, `/api/enterprises?q=${encodeURIComponent('测试')}&sort=name&order=${order}`, 2);
      const ids = all.items.map((e: { id: number }) => e.id);
      expect(pages.map((e) => e.id)).toEqual(order === 'asc' ? ids : [...ids].reverse());
    }
    const past = (await h.call('GET', `/api/enterprises?q=${encodeURIComponent('测试')}&pageSize=2&page=1000`, { cookie: city })).json();
    expect(past).toMatchObject({ items: [], total: all.total });
    expect((await list(city, `q=${encodeURIComponent('没有这个名字的企业')}`)).total).toBe(0);
  });

  it('exports exactly the filtered set, with formula cells neutralised', async () => {
    const res = await h.call('GET', '/api/enterprises/export?category=it_light', { cookie: city });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('企业台账')!;
    const codes = sheet.getColumn(1).values.slice(2);
    const expected = (await list(city, 'category=it_light')).items.map((e: { creditCode: string }) => e.creditCode);
    expect(codes.sort()).toEqual(expected.sort());
    const names = sheet.getColumn(2).values.slice(2).map(String);
    expect(names).toContain(`'=HYPERLINK("x")有限公司`);
  });

  it('names the file with the bureau’s date: 00:30 in Zhongshan is still the day before in UTC', async () => {
    const before = h.clock.now();
    h.clock.set('2026-03-04T16:30:00.000Z'); // 2026-03-05 00:30 in Asia/Shanghai
    try {
      const { cookie } = await h.userWithSession({ role: 'bureau_officer' });
      const res = await h.call('GET', '/api/enterprises/export?category=it_light', { cookie });
      expect(res.statusCode).toBe(200);
      expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('企业台账-2026-03-05.xlsx');
    } finally {
      h.clock.set(before);
    }
  });
});

describe('powers list and deregistration guard', () => {
  it('re-derives every firm’s supervising level when the powers list changes', async () => {
    const admin = (await h.userWithSession({ role: 'admin' })).cookie;
    const current = (await h.call('GET', '/api/settings', { cookie: admin })).json().enterprisePowers;
    await h.call('PUT', '/api/settings/enterprisePowers', { cookie: admin, body: { value: { ...current, fw_retail: 'city' } } });
    expect((await list(city, 'category=fw_retail')).items.every((e: { supervisingLevel: string }) => e.supervisingLevel === 'city')).toBe(
      true,
    );
    const bad = await h.call('PUT', '/api/settings/enterprisePowers', {
      cookie: admin,
      body: { value: { ...current, fw_retail: 'province' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('监管层级应为');
    await h.call('PUT', '/api/settings/enterprisePowers', { cookie: admin, body: { value: current } });
  });

  it('alerts on a deregistered firm that still has obligations, through the provider interface', async () => {
    const firm = (await create(city, enterpriseBody(200))).json();
    const clean = (await create(city, enterpriseBody(201))).json();
    h.services.modules.enterprise.enterprises.registerObligationProvider({
      module: 'fixture',
      obligationsFor: async (_db, ids) =>
        new Map(
          ids
            .filter((id) => id === firm.id || id === clean.id)
            .filter((id) => id === firm.id)
            .map((id) => [id, [{ module: 'hazard', kind: 'open_hazard', count: 2, summary: '2 项隐患未整改' }]]),
        ),
    });
    expect((await h.call('GET', '/api/enterprises/alerts', { cookie: city })).json()).toEqual([]);
    for (const id of [firm.id, clean.id]) {
      await h.call('PATCH', `/api/enterprises/${id}`, { cookie: city, body: { registrationStatus: '注销', reason: '市场监管局通报注销' } });
    }
    const alerts = (await h.call('GET', '/api/enterprises/alerts', { cookie: city })).json();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      enterprise: { id: firm.id, registrationStatus: '注销' },
      obligations: [{ kind: 'open_hazard', summary: '2 项隐患未整改' }],
    });
    expect((await h.call('GET', '/api/enterprises/alerts', { cookie: tanzhou })).statusCode).toBe(403);
  });
});

describe('counts kept by triggers', () => {
  it('equal a full recount of the registry after every kind of change above', async () => {
    const { kept, recount } = await countsDrift(h.db);
    expect(recount.length).toBeGreaterThan(0);
    expect(kept).toEqual(recount);
  });
});
