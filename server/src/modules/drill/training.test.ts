/** Training sessions counted from records: bad counts refused, totals equal the rows' sums, attendance lists imported with a mapping. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type THarness } from '../../../test/harness';

let h: THarness;
let bureau: { user: { id: number }; cookie: string };
beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-03-02T01:00:00.000Z');
  bureau = await h.userWithSession({ role: 'bureau_officer' });
});
afterAll(() => h.close());

const count = (table: string) => h.count(table);
describe('training counted from records', () => {
  const session = (over: Record<string, unknown>) => ({
    topic: '主要负责人安全生产专题培训',
    kind: 'principal',
    organiser: '中山市应急管理局',
    heldOn: '2026-01-15',
    ...over,
  });

  it('refuses negative or non-integer counts, naming the field, and records nothing', async () => {
    const before = await count('training_sessions');
    const neg = await h.call('POST', '/api/drill/training', { cookie: bureau.cookie, body: session({ principals: -3 }) });
    expect(neg.json()).toMatchObject({ field: 'principals', message: expect.stringContaining('主要负责人人数不能为负数') });
    const frac = await h.call('POST', '/api/drill/training', { cookie: bureau.cookie, body: session({ principals: 2.5 }) });
    expect(frac.json()).toMatchObject({ field: 'principals', message: expect.stringContaining('主要负责人人数必须是整数') });
    const over = await h.call('POST', '/api/drill/training', { cookie: bureau.cookie, body: session({ principals: 30, passed: 31 }) });
    expect(over.json()).toMatchObject({ field: 'passed', message: '考核合格人数（31）不能多于参训人数合计（30）' });
    expect(await count('training_sessions')).toBe(before);
  });

  it('totals equal the sums of the rows, by kind and by year', async () => {
    const rows = [
      session({ principals: 35, safetyManagers: 5, passed: 40 }),
      session({ principals: 50, heldOn: '2025-11-02', mode: 'online', passed: 48 }),
      session({ topic: '执法业务片区培训', kind: 'officer', officers: 62 }),
      session({ topic: '镇街三防业务培训', kind: 'sanfang', sanfangStaff: 750, heldOn: '2025-04-10', passed: 750 }),
    ];
    for (const body of rows) expect((await h.call('POST', '/api/drill/training', { cookie: bureau.cookie, body })).statusCode).toBe(201);
    const byKind = (await h.call('GET', '/api/drill/training/totals?by=kind', { cookie: bureau.cookie })).json();
    expect(byKind.total).toMatchObject({
      sessions: 4,
      participants: 902,
      passed: 838,
      principals: 85,
      safetyManagers: 5,
      officers: 62,
      sanfangStaff: 750,
    });
    expect(byKind.rows.find((r: { key: string }) => r.key === 'principal')).toMatchObject({
      label: '主要负责人和安全管理人员培训',
      sessions: 2,
      participants: 90,
    });
    const y2025 = (
      await h.call('GET', '/api/drill/training/totals?by=year&from=2025-01-01&to=2025-12-31', { cookie: bureau.cookie })
    ).json();
    expect(y2025.total).toMatchObject({ sessions: 2, participants: 800 });
  });

  it('imports an attendance list, asking for a mapping when the name column is unknown', async () => {
    const s = (await h.call('POST', '/api/drill/training', { cookie: bureau.cookie, body: session({ principals: 3 }) })).json();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('签到');
    sheet.addRows([
      ['学员', '公司', '成绩'],
      ['张三', '中山市测试五金有限公司', 85],
      ['李四', '中山市测试电器有限公司', 52],
      ['', '', ''],
    ]);
    const body = Buffer.from(await book.xlsx.writeBuffer());
    const headers = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    const url = `/api/drill/training/${s.id}/attendance?fileName=${encodeURIComponent('签到表.xlsx')}`;
    const unknown = await h.call('POST', url, { cookie: bureau.cookie, body, headers });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      field: 'file',
      message: '签到表中没有找到“姓名”列（找到的列：学员、公司、成绩），请指定各列对应的内容',
      details: { headers: ['学员', '公司', '成绩'], missing: ['name'] },
    });
    expect(await count('training_attendees')).toBe(0);
    const mapping = encodeURIComponent(JSON.stringify({ name: '学员', unit: '公司', passed: '成绩' }));
    const ok = await h.call('POST', `${url}&mapping=${mapping}`, { cookie: bureau.cookie, body, headers });
    expect(ok.json()).toEqual({ imported: 2, skipped: [], columns: { 姓名: '学员', 单位: '公司', 考核结果: '成绩' } });
    const detail = (await h.call('GET', `/api/drill/training/${s.id}`, { cookie: bureau.cookie })).json();
    expect(detail.attendeeList).toEqual([
      { name: '张三', unit: '中山市测试五金有限公司', category: '', passed: true },
      { name: '李四', unit: '中山市测试电器有限公司', category: '', passed: false },
    ]);
  });
});
