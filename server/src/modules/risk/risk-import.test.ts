import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, type THarness } from '../../../test/harness';
import { creditCode, enterpriseBody } from '../../../test/enterprise-fixtures';

/** An assessment sheet as experts hand it in: a header, then a row per firm (dates may be Excel date cells). */
async function assessmentSheet(rows: (string | number | Date | null)[][], header: string[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('评估结果');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

let h: THarness;
let city: string;
let town: string;
const HEADER = ['统一社会信用代码', '企业名称', '评估得分', '评估日期', '强制红色条件'];
beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-11-27T02:00:00.000Z');
  city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  town = (await h.userWithSession({ role: 'town_officer' })).cookie;
  for (let n = 1; n <= 4; n++) {
    const res = await h.call('POST', '/api/enterprises', {
      cookie: city,
      body: enterpriseBody(n, { name: `危化企业${n}`, supervisionCategory: 'hc_production' }),
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
});
afterAll(() => h.close());

const upload = (body: Buffer, fileName = '评估结果.xlsx', cookie = city) =>
  h.call('POST', `/api/risk-imports/preview?fileName=${encodeURIComponent(fileName)}`, {
    cookie,
    body,
    headers: { 'content-type': 'application/octet-stream' },
  });
const apply = (token: string, fileName = '评估结果.xlsx') =>
  h.call('POST', '/api/risk-imports/apply', { cookie: city, body: { token, fileName } });
const grades = () =>
  queryRows<{ enterprise_id: number; colour: string; score: number; basis: string; valid_until: string }>(
    h.db,
    sql`SELECT enterprise_id, colour, score, basis, valid_until::text FROM risk_grades ORDER BY enterprise_id`,
  );
const count = (table: string) => h.count(table);

const good = [
  [creditCode(1), '危化企业1', 59.9, '2026-03-01', ''],
  [creditCode(2), '危化企业2', 75, new Date('2026-03-02T00:00:00Z'), null],
  [creditCode(3), '危化企业3（曾用名）', 95, '2026/3/3', '未设置紧急切断装置；储罐区无可燃气体报警'],
  [creditCode(4), '危化企业4', 90, '2026年3月4日', '无'],
];

describe('assessment import', () => {
  it('previews every row (firm, old → new colour, problems) without writing anything', async () => {
    const res = await upload(await assessmentSheet(good, HEADER));
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.rows.map((r: { toColour: string }) => r.toColour)).toEqual(['red', 'yellow', 'red', 'blue']);
    expect(p.rows[2]).toMatchObject({
      forcedRed: ['未设置紧急切断装置', '储罐区无可燃气体报警'],
      registryName: '危化企业3',
      fromColour: null,
      problems: [],
    });
    expect(p.rows[2].warnings[0]).toContain('与台账“危化企业3”不一致');
    expect(p.counts).toEqual({ rows: 4, bad: 0, red: 2, orange: 0, yellow: 1, blue: 1, changed: 4 });
    expect(await count('risk_grades')).toBe(0);
  });

  it('a score over 100 and an unknown code are named by row and column, and apply saves nothing', async () => {
    const rows = [
      ...good.slice(0, 2),
      [creditCode(2), '危化企业2', 100.5, '2026-03-01', ''],
      [creditCode(99), '不存在的企业', 80, '2026-03-01', ''],
      [creditCode(1), '危化企业1', 80, '2026-02-30', ''],
    ];
    const p = (await upload(await assessmentSheet(rows, HEADER))).json();
    expect(p.counts.bad).toBe(3);
    expect(p.rows[2].problems).toEqual([
      '第 4 行“评估得分”应在 0–100 之间（现为 100.5）',
      `第 4 行“统一社会信用代码” ${creditCode(2)} 与第 3 行重复`,
    ]);
    expect(p.rows[3].problems).toEqual([`第 5 行“统一社会信用代码” ${creditCode(99)} 在企业台账中不存在`]);
    expect(p.rows[4].problems[0]).toBe('第 6 行“评估日期”不是有效日期（现为“2026-02-30”，应为 YYYY-MM-DD）');
    const res = await apply(p.token);
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('有 3 行有问题，未导入任何数据');
    expect(await count('risk_grades')).toBe(0);
    expect(await count('risk_grade_history')).toBe(0);
  });

  it('refuses a score for a firm outside hazardous chemicals, naming the row and column', async () => {
    const res = await h.call('POST', '/api/enterprises', {
      cookie: city,
      body: enterpriseBody(5, { name: '烟花零售店5', supervisionCategory: 'fw_retail' }),
    });
    expect(res.statusCode).toBe(201);
    const p = (await upload(await assessmentSheet([good[0]!, [creditCode(5), '烟花零售店5', 80, '2026-03-01', '']], HEADER))).json();
    expect(p.rows[0].problems).toEqual([]);
    expect(p.rows[1]).toMatchObject({
      toColour: null,
      problems: [
        '第 3 行“评估得分”：“评估得分”只适用于危险化学品企业（按 60/75/90 分档定级），该企业监管类别为“烟花爆竹零售”，请按行业风险分级表人工定级，不填得分',
      ],
    });
    expect((await apply(p.token)).statusCode).toBe(422);
    expect(await count('risk_grades')).toBe(0);
  });

  it('refuses a sheet without the columns, naming them', async () => {
    const res = await upload(await assessmentSheet([[creditCode(1), '危化企业1', 80]], ['统一社会信用代码', '企业名称', '得分']));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('第 1 行缺少必需的列：评估得分、评估日期。请使用下载的模板');
  });

  it('applies in one transaction: grades, a history row per firm, one audit entry', async () => {
    const p = (await upload(await assessmentSheet(good, HEADER))).json();
    const audits = await count('audit_log');
    const res = await apply(p.token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ applied: true, counts: { rows: 4, red: 2, yellow: 1, blue: 1 } });
    expect((await grades()).map((g) => [g.colour, g.score, g.basis, g.valid_until])).toEqual([
      ['red', 59.9, 'assessment', '2029-02-28'],
      ['yellow', 75, 'assessment', '2029-03-01'],
      ['red', 95, 'assessment', '2029-03-02'],
      ['blue', 90, 'assessment', '2029-03-03'],
    ]);
    expect(await count('risk_grade_history')).toBe(4);
    expect(await count('audit_log')).toBe(audits + 1);
    const [entry] = await queryRows<{ action: string; entity: string }>(
      h.db,
      sql`SELECT action, entity FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toEqual({ action: 'import', entity: 'risk_assessment' });
    const panel = (await h.call('GET', `/api/risk/enterprises/1`, { cookie: city })).json();
    expect(panel.history[0].reasons[0].text).toBe('专家评估（2026-03-01）得分 59.9 分，评为红色');
  });

  it('reads CSV, and a re-assessment shows the old colour', async () => {
    const csv = Buffer.from(`${HEADER.join(',')}\r\n${creditCode(1)},危化企业1,80,2026-11-01,\r\n`, 'utf8');
    const p = (await upload(csv, '复评.csv')).json();
    expect(p.rows[0]).toMatchObject({ fromColour: 'red', toColour: 'yellow', problems: [] });
    expect((await apply(p.token, '复评.csv')).statusCode).toBe(200);
    expect((await grades())[0]).toMatchObject({ colour: 'yellow', valid_until: '2029-10-31' });
  });

  it('gives a template with the columns, and only to assessors', async () => {
    const res = await h.call('GET', '/api/risk-imports/template', { cookie: city });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((book.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect((await h.call('GET', '/api/risk-imports/template', { cookie: town })).statusCode).toBe(403);
    expect((await upload(await assessmentSheet(good, HEADER), 'x.xlsx', town)).statusCode).toBe(403);
  });
});
