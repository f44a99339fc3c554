import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { enterpriseBody } from '../../../../test/enterprise-fixtures';

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

const add = (cookie: string, body: object) => h.call('POST', '/api/inspectors', { cookie, body });

describe('inspector pool', () => {
  it('lists an officer with a certificate; one expiring within 30 days is flagged, an expired one marked', async () => {
    // The harness clock stands at 2026-03-02 (Asia/Shanghai).
    const a = await h.createUser({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const b = await h.createUser({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const c = await h.createUser({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    expect((await add(tanzhou, { userId: a.id, certificateNo: 'GD-0001', certificateExpiresOn: '2026-04-01' })).json()).toMatchObject({
      certificateState: 'expiring',
      divisionName: '坦洲镇',
    });
    expect(
      (await add(tanzhou, { userId: b.id, certificateNo: 'GD-0002', certificateExpiresOn: '2026-04-02' })).json().certificateState,
    ).toBe('valid');
    expect(
      (await add(tanzhou, { userId: c.id, certificateNo: 'GD-0003', certificateExpiresOn: '2026-03-01' })).json().certificateState,
    ).toBe('expired');
    const page = (await h.call('GET', '/api/inspectors?state=expiring', { cookie: tanzhou })).json();
    expect(page.items.map((i: { userId: number }) => i.userId)).toEqual([a.id]);
    expect((await h.call('GET', '/api/inspectors', { cookie: tanzhou })).json().total).toBe(3);
  });

  it.each([
    [{ certificateNo: 'x' }, 'certificateNo', '执法证号至少 4 个字符'],
    [{ certificateExpiresOn: '2026/12/31' }, 'certificateExpiresOn', '执法证有效期格式应为 YYYY-MM-DD'],
    [{ certificateNo: 'GD-0001' }, 'certificateNo', '已被其他人员使用'],
  ])('refuses %j, naming %s', async (over, field, message) => {
    const u = await h.createUser({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const res = await add(tanzhou, { userId: u.id, certificateNo: `GD-9${u.id}`, certificateExpiresOn: '2027-01-01', ...over });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.json().field).toBe(field);
    expect(res.json().message).toContain(message);
  });

  it('a town manages only its own officers; the bureau manages all', async () => {
    const other = await h.createUser({ role: 'town_officer', divisionCode: TOWNS.xiaolan });
    const res = await add(tanzhou, { userId: other.id, certificateNo: 'XL-0001', certificateExpiresOn: '2027-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'userId', message: '所选用户不存在或不在您的管辖范围内' });
    expect((await add(city, { userId: other.id, certificateNo: 'XL-0001', certificateExpiresOn: '2027-01-01' })).statusCode).toBe(201);
    expect((await h.call('GET', '/api/inspectors', { cookie: xiaolan })).json().items.map((i: { userId: number }) => i.userId)).toEqual([
      other.id,
    ]);
    expect((await h.call('PATCH', `/api/inspectors/${other.id}`, { cookie: tanzhou, body: { active: false } })).statusCode).toBe(404);
    expect((await h.call('GET', '/api/inspectors', { cookie: city })).json().total).toBe(4);
  });

  it('refuses an account that is not an enforcement officer', async () => {
    const admin = await h.createUser({ role: 'admin' });
    const res = await add(city, { userId: admin.id, certificateNo: 'AD-0001', certificateExpiresOn: '2027-01-01' });
    expect(res.json()).toMatchObject({ field: 'userId', message: '只有市局执法人员、市局领导和镇街执法人员可以列入执法人员名录' });
  });

  it('edits a certificate and records it in the audit log', async () => {
    const u = await h.createUser({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    await add(tanzhou, { userId: u.id, certificateNo: 'GD-0100', certificateExpiresOn: '2026-03-10' });
    const res = await h.call('PATCH', `/api/inspectors/${u.id}`, { cookie: tanzhou, body: { certificateExpiresOn: '2029-03-10' } });
    expect(res.json()).toMatchObject({ certificateExpiresOn: '2029-03-10', certificateState: 'valid' });
    const audit = (await h.services.audit.list(h.db, { entity: 'inspector', entityId: String(u.id), page: 1, pageSize: 10 }, '4420')).items;
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'update']);
  });

  it('declares a conflict with a firm, with a reason; a second declaration is refused; it can be withdrawn', async () => {
    const firm = (await h.call('POST', '/api/enterprises', { cookie: city, body: enterpriseBody(501) })).json();
    const u = (await h.call('GET', '/api/inspectors?q=GD-0002', { cookie: tanzhou })).json().items[0];
    const res = await h.call('POST', `/api/inspectors/${u.userId}/conflicts`, {
      cookie: tanzhou,
      body: { enterpriseId: firm.id, reason: '配偶在该企业任职' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject([{ enterpriseId: firm.id, enterpriseName: firm.name, reason: '配偶在该企业任职' }]);
    expect(
      (
        await h.call('POST', `/api/inspectors/${u.userId}/conflicts`, {
          cookie: tanzhou,
          body: { enterpriseId: firm.id, reason: '再次登记' },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await h.call('POST', `/api/inspectors/${u.userId}/conflicts`, { cookie: tanzhou, body: { enterpriseId: firm.id, reason: '' } })
      ).json().field,
    ).toBe('reason');
    expect((await h.call('GET', '/api/inspectors?q=GD-0002', { cookie: tanzhou })).json().items[0].conflicts).toBe(1);
    expect((await h.call('DELETE', `/api/inspectors/${u.userId}/conflicts/${firm.id}`, { cookie: tanzhou })).json()).toEqual([]);
  });

  it('exports the pool in scope as an Excel ledger', async () => {
    const res = await h.call('GET', '/api/inspectors/export', { cookie: tanzhou });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('执法人员名录')!;
    expect(sheet.getRow(1).values).toContain('执法证号');
    const states = sheet.getColumn(6).values.slice(2);
    expect(states).toContain('即将到期');
    expect(states).toContain('已过期');
    expect(sheet.rowCount - 1).toBe((await h.call('GET', '/api/inspectors', { cookie: tanzhou })).json().total);
  });
});
