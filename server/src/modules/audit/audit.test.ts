import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let admin: string;
beforeAll(async () => {
  h = await createHarness();
  admin = (await h.userWithSession({ role: 'admin', username: 'auditor_admin' })).cookie;
});
afterAll(() => h.close());

const count = async () => (await queryRows<{ n: number }>(h.db, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
const latest = async () => (await h.call('GET', '/api/audit?pageSize=1', { cookie: admin })).json().items[0];

describe('every change is audited in its own transaction', () => {
  it('records actor, action, entity, id, before, after, time and client address', async () => {
    const created = (
      await h.call('POST', '/api/users', {
        cookie: admin,
        body: { username: 'audited_1', displayName: '甲', role: 'town_officer', divisionCode: TOWNS.tanzhou },
      })
    ).json();
    const entry = await latest();
    expect(entry).toMatchObject({
      actorName: '测试auditor_admin（auditor_admin）',
      action: 'create',
      entity: 'user',
      entityId: String(created.user.id),
      before: null,
      after: { username: 'audited_1', divisionCode: TOWNS.tanzhou, role: 'town_officer' },
      clientAddress: '127.0.0.1',
      divisionCode: TOWNS.tanzhou,
    });
    expect(entry.at).toBe(h.clock.now().toISOString());
    expect(entry.after).not.toHaveProperty('passwordHash');
    await h.call('PATCH', `/api/users/${created.user.id}`, { cookie: admin, body: { displayName: '乙' } });
    expect(await latest()).toMatchObject({ action: 'update', before: { displayName: '甲' }, after: { displayName: '乙' } });
  });

  it('writes nothing when the change is refused', async () => {
    const before = await count();
    const res = await h.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'audited_1', displayName: '重复', role: 'town_officer', divisionCode: TOWNS.tanzhou },
    });
    expect(res.statusCode).toBe(409);
    expect(await count()).toBe(before);
  });

  it('records failed logins and the lock with the name that was tried', async () => {
    const user = await h.createUser({ role: 'bureau_officer', username: 'unlucky' });
    for (let i = 0; i < 5; i++) await h.call('POST', '/api/auth/login', { body: { username: user.username, password: 'Wrong#Password1' } });
    const page = (await h.call('GET', '/api/audit?actor=unlucky&pageSize=10', { cookie: admin })).json();
    expect(page.items.map((e: { action: string }) => e.action)).toEqual([
      'lock',
      'login_failed',
      'login_failed',
      'login_failed',
      'login_failed',
    ]);
  });

  it('filters by actor, entity, action and time', async () => {
    const from = h.clock.now().toISOString();
    h.clock.advanceMinutes(10);
    await h.call('POST', '/api/departments', { cookie: admin, body: { name: '综合科', divisionCode: '4420' } });
    const byEntity = (
      await h.call('GET', `/api/audit?entity=department&action=create&from=${encodeURIComponent(from)}`, { cookie: admin })
    ).json();
    expect(byEntity.total).toBe(1);
    expect(byEntity.items[0].after.name).toBe('综合科');
    const none = (await h.call('GET', `/api/audit?entity=department&to=${encodeURIComponent(from)}`, { cookie: admin })).json();
    expect(none.total).toBe(0);
    expect((await h.call('GET', '/api/audit?from=yesterday', { cookie: admin })).json()).toMatchObject({ code: 'invalid', field: 'from' });
  });

  it('exports the filtered log to Excel, with formulas neutralised, and audits the export', async () => {
    await h.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'formula', displayName: '=HYPERLINK("http://x")', role: 'bureau_officer', divisionCode: '4420' },
    });
    const res = await h.call('GET', '/api/audit/export?entity=user&action=create', { cookie: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('审计日志')!;
    const expected = (await h.call('GET', '/api/audit?entity=user&action=create&pageSize=200', { cookie: admin })).json();
    expect(sheet.rowCount - 1).toBe(expected.total);
    expect(sheet.getRow(1).getCell(1).value).toBe('序号');
    const after = String(sheet.getRow(2).getCell(10).value);
    expect(after).toContain('=HYPERLINK');
    expect(after.startsWith('=')).toBe(false);
    expect((await latest()).action).toBe('export');
  });

  it('is hidden from roles without audit.read', async () => {
    const { cookie } = await h.userWithSession({ role: 'town_officer' });
    expect((await h.call('GET', '/api/audit', { cookie })).statusCode).toBe(403);
  });
});

describe('tamper evidence', () => {
  const verify = () => h.services.audit.verify(h.db);

  it('an intact chain verifies', async () => {
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('entries appended together (one lock, one insert) chain as one after another would', async () => {
    const [before] = await queryRows<{ n: number }>(h.db, sql`SELECT max(id)::int AS n FROM audit_log`);
    const ctx = { actor: null, clientAddress: '10.0.0.9' };
    await h.db.transaction((tx) =>
      h.services.audit.recordMany(
        tx,
        ['甲', '乙', '丙'].map((name, i) => ({
          ctx,
          input: { action: 'update' as const, entity: 'batch_probe', entityId: i, actorName: name },
        })),
      ),
    );
    const rows = await queryRows<{ id: number; actor_name: string }>(
      h.db,
      sql`SELECT id, actor_name FROM audit_log WHERE entity = 'batch_probe' ORDER BY id`,
    );
    expect(rows.map((r) => [r.id - before!.n, r.actor_name])).toEqual([
      [1, '甲'],
      [2, '乙'],
      [3, '丙'],
    ]);
    expect(await verify()).toMatchObject({ ok: true });
    await h.services.audit.record(h.db, ctx, { action: 'update', entity: 'batch_probe', entityId: 9 });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('the application cannot update or delete entries', async () => {
    await expect(h.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE id = 1`)).rejects.toThrow();
    await expect(h.db.execute(sql`DELETE FROM audit_log WHERE id = 1`)).rejects.toThrow();
  });

  it('an entry edited through SQL is found and named', async () => {
    await h.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    const [victim] = await queryRows<{ id: number; after: unknown }>(
      h.db,
      sql`SELECT id, after FROM audit_log WHERE entity = 'department' LIMIT 1`,
    );
    await h.db.execute(sql`UPDATE audit_log SET after = '{"name":"篡改"}'::jsonb WHERE id = ${victim!.id}`);
    expect(await verify()).toMatchObject({
      ok: false,
      problem: { id: victim!.id, reason: `第 ${victim!.id} 条的内容与哈希不符（被修改）` },
    });
    await h.db.execute(sql`UPDATE audit_log SET after = ${JSON.stringify(victim!.after)}::jsonb WHERE id = ${victim!.id}`);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('a deleted entry is found', async () => {
    await h.db.execute(sql`DELETE FROM audit_log WHERE id = 3`);
    expect(await verify()).toMatchObject({ ok: false, problem: { id: 4, reason: '第 4 条之前缺少第 3 条（被删除或顺序被改动）' } });
  });

  it('a deleted last entry is found against the head', async () => {
    const h2 = await createHarness();
    try {
      const { cookie } = await h2.userWithSession({ role: 'admin' });
      await h2.call('POST', '/api/departments', { cookie, body: { name: '一科', divisionCode: '4420' } });
      await h2.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
      await h2.db.execute(sql`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`);
      const result = await h2.services.audit.verify(h2.db);
      expect(result).toMatchObject({ ok: false, problem: { reason: expect.stringContaining('末尾被删除或改动') } });
    } finally {
      await h2.close();
    }
  });
});
