import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { creditCode, enterpriseBody, regulatorSheet } from '../../../test/enterprise-fixtures';
import { cityCountsDrift, countsDrift } from '../../../test/enterprise-fixtures';
import { foldEnterpriseCounts } from './enterprise-counts.repo';

let h: THarness;
let city: string;
beforeAll(async () => {
  h = await createHarness();
  city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  // The registry before the feed: five firms in supervision.
  for (let n = 1; n <= 5; n++) {
    const res = await h.call('POST', '/api/enterprises', {
      cookie: city,
      body: enterpriseBody(n, { name: `企业${n}`, legalRepresentative: '张三', industryCode: '3311', address: '中山市坦洲镇' }),
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
});
afterAll(() => h.close());

const upload = (body: Buffer, fileName = '名单.xlsx', cookie = city) =>
  h.call('POST', `/api/enterprise-imports/preview?fileName=${encodeURIComponent(fileName)}`, {
    cookie,
    body,
    headers: { 'content-type': 'application/octet-stream' },
  });
const apply = (token: string, skipInvalid = false, fileName = '名单.xlsx') =>
  h.call('POST', '/api/enterprise-imports/apply', { cookie: city, body: { token, fileName, skipInvalid } });
const registry = () =>
  queryRows<{
    credit_code: string;
    name: string;
    supervision_status: string;
    registration_status: string;
    division_code: string;
    former_names: string[];
  }>(
    h.db,
    sql`SELECT credit_code, name, supervision_status, registration_status, division_code, former_names FROM enterprises ORDER BY id`,
  );
const auditCount = async () => (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;

// The half-yearly feed: 1 unchanged, 2 renamed, 3 deregistered, 4 missing, 5 unchanged, 6 and 7 new (7 in 东升 = 小榄).
const feedRows = [
  [creditCode(1), '企业1', '张三', '存续（在营、开业、在册）', '中山市坦洲镇', 'C3311'],
  [creditCode(2), '企业2新名', '张三', '在营（开业）企业', '中山市坦洲镇', '3311'],
  [creditCode(3), '企业3', '张三', '注销', '中山市坦洲镇', '3311'],
  [creditCode(5), '企业5', '张三', '存续', '中山市坦洲镇', '3311'],
  [creditCode(6), '中山市新增六号塑料厂', '李四', '存续', '广东省中山市三乡镇金涌大道6号', '2922'],
  [creditCode(7), '中山市新增七号灯饰厂', '王五', '存续', '中山市东升镇同茂路7号', '3872'],
];

describe('regulator import', () => {
  it('previews new, changed, unchanged, missing and deregistered firms without writing anything', async () => {
    const before = await registry();
    const res = await upload(await regulatorSheet(feedRows));
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.counts).toEqual({ new: 2, changed: 2, unchanged: 2, missing: 1, deregistered: 1, skippedDeregistered: 0, invalid: 0 });
    expect(p.columns).toMatchObject({ creditCode: '统一社会信用代码', name: '企业名称', registrationStatus: '登记状态' });
    expect(p.changed.find((c: { creditCode: string }) => c.creditCode === creditCode(2)).changes).toEqual([
      { field: 'name', before: '企业2', after: '企业2新名' },
    ]);
    expect(p.new.map((r: { divisionCode: string }) => r.divisionCode)).toEqual(['442000114', '442000118']);
    expect(p.missing.map((m: { creditCode: string }) => m.creditCode)).toEqual([creditCode(4)]);
    expect(await registry()).toEqual(before);
  });

  it('applies all of it in one transaction, as one import batch in the audit log; nothing is deleted', async () => {
    const preview = (await upload(await regulatorSheet(feedRows))).json();
    const audits = await auditCount();
    const res = await apply(preview.token);
    expect(res.statusCode).toBe(200);
    expect(res.json().batchId).toBeGreaterThan(0);
    const rows = await registry();
    const by = (n: number) => rows.find((r) => r.credit_code === creditCode(n))!;
    expect(rows).toHaveLength(7);
    expect(by(2)).toMatchObject({ name: '企业2新名', former_names: ['企业2'] });
    expect(by(3)).toMatchObject({ registration_status: '注销', supervision_status: '在管' });
    expect(by(4)).toMatchObject({ supervision_status: '待核实' });
    expect(by(7)).toMatchObject({ division_code: TOWNS.xiaolan, supervision_status: '在管' });
    expect(await auditCount()).toBe(audits + 1);
    const entry = (
      await h.call('GET', '/api/audit?entity=enterprise_import', { cookie: (await h.userWithSession({ role: 'admin' })).cookie })
    ).json().items[0];
    expect(entry.after.counts).toMatchObject({ new: 2, changed: 2, missing: 1 });
    const found = (await h.call('GET', `/api/enterprises?q=${encodeURIComponent('企业2')}`, { cookie: city })).json();
    const detail = (await h.call('GET', `/api/enterprises/${found.items[0].id}`, { cookie: city })).json();
    expect(detail.timeline[0].summary).toBe('市场监管名单导入：企业名称 企业2 → 企业2新名');
    // The missing firm waits in its town's confirmation queue.
    const tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
    const queue = (await h.call('GET', '/api/enterprises?supervisionStatus=待核实', { cookie: tanzhou })).json();
    expect(queue.items.map((e: { creditCode: string }) => e.creditCode)).toEqual([creditCode(4)]);
  });

  it('changes nothing when the same file is imported a second time', async () => {
    const before = await registry();
    const preview = (await upload(await regulatorSheet(feedRows))).json();
    expect(preview.counts).toEqual({ new: 0, changed: 0, unchanged: 6, missing: 0, deregistered: 0, skippedDeregistered: 0, invalid: 0 });
    expect((await apply(preview.token)).statusCode).toBe(200);
    expect(await registry()).toEqual(before);
  });

  it('lists invalid rows with their row numbers and reasons, and refuses to apply them unless told to skip', async () => {
    const before = await registry();
    const rows = [
      [creditCode(20), '中山市二十号厂', '赵六', '存续', '中山市坦洲镇', '3311'],
      [creditCode(21).slice(0, 17) + (creditCode(21)[17] === '0' ? '1' : '0'), '坏校验码厂', '', '存续', '中山市坦洲镇', ''],
      [creditCode(20), '重复厂', '', '存续', '中山市坦洲镇', ''],
      [creditCode(22), '无镇街厂', '', '存续', '广州市天河区体育西路', ''],
    ];
    const p = (await upload(await regulatorSheet(rows))).json();
    expect(p.invalid).toEqual([
      { row: 3, reason: expect.stringContaining('统一社会信用代码第 18 位校验码应为') },
      { row: 4, reason: `统一社会信用代码 ${creditCode(20)} 与第 2 行重复` },
      { row: 5, reason: '无法从地址“广州市天河区体育西路”确定所属镇街' },
    ]);
    const refused = await apply(p.token);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toBe('文件有 3 行无效（第 3、4、5 行等），请修正后重新导入，或选择跳过无效行');
    expect(await registry()).toEqual(before);
    expect((await apply(p.token, true)).statusCode).toBe(200);
    expect((await registry()).map((r) => r.credit_code)).toContain(creditCode(20));
  });

  it('writes nothing when the apply fails half-way', async () => {
    const before = await registry();
    const audits = await auditCount();
    const rows = Array.from({ length: 30 }, (_, i) => [creditCode(300 + i), `中山市批量${i}厂`, '', '存续', '中山市坦洲镇', '3311']);
    const p = (await upload(await regulatorSheet(rows))).json();
    // A fault on the 25th new firm, after the first 24 were written inside the transaction.
    await h.db.execute(
      sql.raw(
        `CREATE FUNCTION fail_25() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.credit_code = '${creditCode(324)}' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$`,
      ),
    );
    await h.db.execute(sql`CREATE TRIGGER fail_25 BEFORE INSERT ON enterprises FOR EACH ROW EXECUTE FUNCTION fail_25()`);
    try {
      const res = await apply(p.token);
      expect(res.statusCode).toBe(500);
      expect(res.json().message).toBe('服务器内部错误，请稍后再试或联系管理员');
    } finally {
      await h.db.execute(sql`DROP TRIGGER fail_25 ON enterprises`);
    }
    expect(await registry()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('reads a CSV saved by Chinese Excel (GB18030), and takes a town column when there is one', async () => {
    const csv = `统一社会信用代码,名称,经营状态,住所,所属镇街\r\n${creditCode(40)},"中山市""引号""厂",存续,中山市某路,古镇镇\r\n`;
    const bytes = Buffer.from(new Uint8Array(encodeGb18030(csv)));
    const p = (await upload(bytes, '名单.csv')).json();
    expect(p.new).toEqual([expect.objectContaining({ creditCode: creditCode(40), name: '中山市"引号"厂', divisionCode: '442000105' })]);
  });

  it.each([
    ['not a spreadsheet', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'a.png', '不是电子表格'],
    ['an empty file', Buffer.alloc(0), 'a.xlsx', '空'],
    ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), 'a.xls', '旧版 Excel（.xls）'],
    ['a broken .xlsx', Buffer.from('PK\u0003\u0004broken'), 'a.xlsx', '不是有效的 .xlsx'],
  ])('refuses %s with a Chinese message', async (_what, body, fileName, message) => {
    const res = await upload(body, fileName);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(message);
  });

  it('refuses a sheet without recognisable columns, naming the columns it needs', async () => {
    const res = await upload(await regulatorSheet([['a', 'b']], ['甲', '乙']));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('第 1 行没有识别到必需的列：统一社会信用代码（表头可为');
  });

  it('reads a sheet with unusual headers through a chosen column mapping, remembered for the source', async () => {
    const sheet = await regulatorSheet([[creditCode(60), '中山市映射厂', '存续', '中山市港口镇']], ['代码', '单位', '状况', '位置']);
    const refused = (await upload(sheet, 'odd.xlsx')).json();
    expect(refused.details.headers).toEqual(['代码', '单位', '状况', '位置']);
    const mapping = JSON.stringify({ creditCode: '代码', name: '单位', registrationStatus: '状况', address: '位置' });
    const res = await h.call(
      'POST',
      `/api/enterprise-imports/preview?fileName=odd.xlsx&source=${encodeURIComponent('某区市场监管分局')}&mapping=${encodeURIComponent(mapping)}`,
      {
        cookie: city,
        body: sheet,
        headers: { 'content-type': 'application/octet-stream' },
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().new).toEqual([expect.objectContaining({ creditCode: creditCode(60), divisionCode: '442000108' })]);
    const applied = await h.call('POST', '/api/enterprise-imports/apply', {
      cookie: city,
      body: { token: res.json().token, fileName: 'odd.xlsx', source: '某区市场监管分局', mapping: JSON.parse(mapping) },
    });
    expect(applied.statusCode).toBe(200);
    // The source's mapping is remembered: the same layout needs no mapping next time.
    const again = await h.call(
      'POST',
      `/api/enterprise-imports/preview?fileName=odd.xlsx&source=${encodeURIComponent('某区市场监管分局')}`,
      { cookie: city, body: sheet, headers: { 'content-type': 'application/octet-stream' } },
    );
    expect(again.json().counts).toMatchObject({ new: 0, unchanged: 1 });
    const bad = await h.call('POST', `/api/enterprise-imports/preview?fileName=odd.xlsx&mapping=${encodeURIComponent('{"name":"单位"}')}`, {
      cookie: city,
      body: sheet,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(bad.json()).toMatchObject({ field: 'mapping', message: '列对应关系：列对应关系至少要指定统一社会信用代码和企业名称两列' });
  });

  it('refuses a 50 MB upload, pointing to the command line', async () => {
    const res = await upload(Buffer.alloc(50 * 1024 * 1024, 0x41));
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('30 MB');
  });

  it('is for the bureau only', async () => {
    const town = (await h.userWithSession({ role: 'town_officer' })).cookie;
    expect((await upload(await regulatorSheet(feedRows), 'x.xlsx', town)).statusCode).toBe(403);
  });
});

describe('counts kept by triggers', () => {
  it('equal a full recount of the registry after every kind of change above', async () => {
    const { kept, recount } = await countsDrift(h.db);
    expect(recount.length).toBeGreaterThan(0);
    expect(kept).toEqual(recount);
    // the city counts too, with their appended changes before the fold and after it
    for (const fold of [false, true]) {
      if (fold) expect(await foldEnterpriseCounts(h.db)).toBeGreaterThan(0);
      const city = await cityCountsDrift(h.db);
      expect(city.recount.length).toBeGreaterThan(0);
      expect(city.kept).toEqual(city.recount);
    }
  });
});

/** GB18030 for the test's characters: Node has a decoder but no encoder, so encode through a reverse table. */
function encodeGb18030(text: string): number[] {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  return [...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!));
}
