/**
 * The notification centre on a real database: a user's notifications (sent once per ref, read/unread, count),
 * SMS/voice deliveries through the loopback gateway with retries recorded attempt by attempt, and reminders from
 * the hazard and case modules sent once.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { createHarness, TOWNS, type THarness } from '../../../test/harness';
import { enterpriseBody } from '../../../test/enterprise-fixtures';
import { hazard } from '../../../test/hazard-views-fixtures';

let h: THarness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('in-app notifications', () => {
  it('reaches each user once per ref, counts unread, and marks read only the owner’s', async () => {
    const a = await h.userWithSession({ role: 'bureau_officer' });
    const b = await h.userWithSession({ role: 'bureau_officer' });
    const send = () =>
      h.db.transaction((tx) =>
        h.services.notify.send(tx, {
          module: 'test',
          kind: 'test.hello',
          ref: 'hello:1',
          to: { userIds: [a.user.id, b.user.id] },
          title: '测试通知',
          href: '/x',
        }),
      );
    expect(await send()).toBe(2);
    expect(await send()).toBe(0);
    const count = (await h.call('GET', '/api/notifications/count', { cookie: a.cookie })).json();
    expect(count).toMatchObject({ unread: 1, latest: { title: '测试通知', href: '/x' } });

    const id = count.latest.id;
    expect((await h.call('POST', `/api/notifications/${id}/read`, { cookie: b.cookie })).statusCode).toBe(404);
    expect((await h.call('POST', `/api/notifications/${id}/read`, { cookie: a.cookie })).statusCode).toBe(204);
    const list = (await h.call('GET', '/api/notifications', { cookie: a.cookie })).json();
    expect(list).toMatchObject({ total: 1, unread: 0 });
    expect(list.items[0].readAt).not.toBeNull();
    expect((await h.call('GET', '/api/notifications/count', { cookie: b.cookie })).json().unread).toBe(1);
    expect((await h.call('POST', '/api/notifications/read-all', { cookie: b.cookie })).json()).toEqual({ marked: 1 });
  });

  it('a rolled-back change sends nothing', async () => {
    const a = await h.userWithSession({ role: 'bureau_officer' });
    await expect(
      h.db.transaction(async (tx) => {
        await h.services.notify.send(tx, { module: 'test', kind: 'test.x', to: { userIds: [a.user.id] }, title: '不应出现' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await h.call('GET', '/api/notifications/count', { cookie: a.cookie })).json().unread).toBe(0);
  });

  it('sends to everyone whose role and scope cover a division', async () => {
    const town = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const other = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan });
    await h.db.transaction((tx) =>
      h.services.notify.send(tx, {
        module: 'test',
        kind: 'test.town',
        to: { permission: 'hazard.manage', divisionCode: TOWNS.tanzhou },
        title: '坦洲的事',
      }),
    );
    expect((await h.call('GET', '/api/notifications/count', { cookie: town.cookie })).json().unread).toBe(1);
    expect((await h.call('GET', '/api/notifications/count', { cookie: other.cookie })).json().unread).toBe(0);
  });
});

describe('SMS and voice through the gateway', () => {
  const queue = (phone: string) =>
    h.db.transaction((tx) =>
      h.services.notify.message(tx, [
        { module: 'test', channel: 'sms', phone, name: '张三', text: `你好 ${phone}`, divisionCode: TOWNS.tanzhou },
      ]),
    );

  it('sends through the loopback gateway and records the attempt', async () => {
    await queue('13800000001');
    expect(await h.services.modules.notification.dispatch()).toMatchObject({ attempted: 1, sent: 1 });
    const admin = await h.userWithSession({ role: 'admin' });
    const out = (await h.call('GET', '/api/notification-gateway/outbox?to=13800000001', { cookie: admin.cookie })).json();
    expect(out.items).toHaveLength(1);
    expect(out.items[0].text).toBe('你好 13800000001');
  });

  it('a gateway that times out is retried, then shown as failed with every attempt, never dropped', async () => {
    const admin = await h.userWithSession({ role: 'admin' });
    expect((await h.call('POST', '/api/notification-gateway/fail', { cookie: admin.cookie, body: { mode: 'timeout' } })).statusCode).toBe(
      204,
    );
    await queue('13800000002');
    const dispatch = h.services.modules.notification.dispatch;
    expect(await dispatch()).toMatchObject({ attempted: 1, sent: 0, failed: 0 });
    // Retries wait 30 s, then 60 s (the default gateway setting).
    expect(await dispatch(new Date(h.clock.now().getTime() + 29_000))).toMatchObject({ attempted: 0 });
    expect(await dispatch(new Date(h.clock.now().getTime() + 30_000))).toMatchObject({ attempted: 1, failed: 0 });
    expect(await dispatch(new Date(h.clock.now().getTime() + 90_000))).toMatchObject({ attempted: 1, failed: 1 });
    expect(await dispatch(new Date(h.clock.now().getTime() + 999_000))).toMatchObject({ attempted: 0 });

    const officer = await h.userWithSession({ role: 'bureau_officer' });
    const log = (await h.call('GET', '/api/deliveries?status=failed', { cookie: officer.cookie })).json();
    expect(log.failed).toBe(1);
    expect(log.items[0]).toMatchObject({
      address: '13800000002',
      status: 'failed',
      attempts: 3,
      lastError: expect.stringContaining('无应答'),
    });
    expect(log.items[0].tries.map((t: { outcome: string }) => t.outcome)).toEqual(['timeout', 'timeout', 'timeout']);

    // Once the gateway is back, the duty officer sends it again.
    await h.call('POST', '/api/notification-gateway/fail', { cookie: admin.cookie, body: { mode: 'none' } });
    expect((await h.call('POST', `/api/deliveries/${log.items[0].id}/retry`, { cookie: officer.cookie })).statusCode).toBe(204);
    expect(await dispatch(new Date(h.clock.now().getTime() + 1000_000))).toMatchObject({ attempted: 1, sent: 1 });
    expect((await h.call('POST', `/api/deliveries/${log.items[0].id}/retry`, { cookie: officer.cookie })).statusCode).toBe(409);
  });

  it('the test gateway cannot be told to fail by anyone but an administrator', async () => {
    const officer = await h.userWithSession({ role: 'bureau_officer' });
    expect((await h.call('POST', '/api/notification-gateway/fail', { cookie: officer.cookie, body: { mode: 'error' } })).statusCode).toBe(
      403,
    );
  });
});

describe('reminders from other modules', () => {
  it('a hazard due in 3 days, a case clock due in 7 days and a filing waiting over a day: each sent once', async () => {
    const officer = await h.userWithSession({ role: 'bureau_officer' });
    const leader = await h.userWithSession({ role: 'bureau_leader' });
    const firm = (
      await h.call('POST', '/api/enterprises', { cookie: officer.cookie, body: enterpriseBody(901, { divisionCode: TOWNS.tanzhou }) })
    ).json();
    // Today in the bureau is 2026-03-02: a deadline on 03-05 is 3 days away, 03-06 is 4.
    const soon = await hazard(h.db, { enterpriseId: firm.id, divisionCode: TOWNS.tanzhou, deadline: '2026-03-05' });
    await hazard(h.db, { enterpriseId: firm.id, divisionCode: TOWNS.tanzhou, deadline: '2026-03-06' });
    await h.db.execute(sql`UPDATE hazards SET created_by = ${officer.user.id}`);
    const caseRow = async (stage: string, due: string | null, updatedAt: string) =>
      (
        await queryRows<{ id: number }>(
          h.db,
          sql`INSERT INTO cases (division_code, procedure, stage, party_name, source_kind, summary, violation_codes, occurred_on, discovered_on, filed_on, decision_due_on, created_at, updated_at)
              VALUES ('4420', 'general', ${stage}, '测试企业', 'complaint', '未按规定培训', '{}', '2026-01-01', '2026-01-02', '2026-01-05', ${due}, ${updatedAt}, ${updatedAt}) RETURNING id`,
        )
      )[0]!.id;
    const deciding = await caseRow('investigating', '2026-03-09', '2026-03-01T00:00:00Z');
    await caseRow('investigating', '2026-03-10', '2026-03-01T00:00:00Z');
    await h.db.execute(sql`INSERT INTO case_officers (case_id, user_id, certificate_no) VALUES (${deciding}, ${officer.user.id}, 'A1')`);
    const waiting = await caseRow('pending_filing', null, '2026-03-01T00:59:00Z');
    await caseRow('pending_filing', null, '2026-03-01T01:01:00Z');

    const scan = h.services.modules.notification.scanReminders;
    expect(await scan()).toBe(3);
    expect(await scan()).toBe(0);
    const mine = (await h.call('GET', '/api/notifications', { cookie: officer.cookie })).json().items;
    expect(mine.map((n: { href: string }) => n.href).sort()).toEqual([`/cases/${deciding}`, `/hazards/${soon}`].sort());
    const leaders = (await h.call('GET', '/api/notifications', { cookie: leader.cookie })).json().items;
    expect(leaders.map((n: { href: string }) => n.href)).toEqual([`/cases/${waiting}`]);
  });
});
