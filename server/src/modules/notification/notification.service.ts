/**
 * The notification centre: a user's own notifications (list, count, read), the SMS/voice delivery log, the dispatcher
 * that sends pending deliveries through the gateway with retries, and the reminder scan over every manifest's providers.
 */
import { afterAttempt, AppError, type TNotificationCount } from '@yingji/domain';
import type { TCore } from '../../kit/module';
import { requireActor, requirePermission } from '../../kit/access';
import type { TRequestContext } from '../../shared/context';
import { createLoopbackGateway, httpGateway, type TGateway } from './gateway';
import * as repo from './notification.repo';
import { userTopic } from './notifier';

/** How many deliveries one dispatcher run sends, and how many at once. */
const BATCH = 500;
const PARALLEL = 20;

export function createNotificationService(core: Pick<TCore, 'db' | 'clock' | 'settings' | 'live' | 'notify' | 'reminders' | 'audit'>) {
  const { db, clock, settings, live } = core;
  const loopback = createLoopbackGateway(clock);
  const gateway = async (): Promise<{ gw: TGateway; kind: 'loopback' | 'http' }> => {
    const s = await settings.get('notificationGateway');
    return { gw: s.kind === 'http' ? httpGateway : loopback, kind: s.kind };
  };

  async function list(ctx: TRequestContext, q: { unread?: '1' | '0' | undefined; page: number; pageSize: number }) {
    const actor = requireActor(ctx);
    const [page, unread] = await Promise.all([
      repo.listNotifications(db, actor.id, { unread: q.unread === '1', limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
      repo.unreadCount(db, actor.id),
    ]);
    return { ...page, unread };
  }

  async function countFor(userId: number): Promise<TNotificationCount> {
    const [unread, latest] = await Promise.all([repo.unreadCount(db, userId), repo.latestUnread(db, userId)]);
    return { unread, latest };
  }

  const count = (ctx: TRequestContext) => countFor(requireActor(ctx).id);

  async function read(ctx: TRequestContext, id: number) {
    const actor = requireActor(ctx);
    const owner = await repo.notificationOwner(db, id);
    if (!owner || owner.userId !== actor.id) throw new AppError('not_found', '通知不存在');
    await repo.markRead(db, actor.id, id, clock().toISOString());
    live.publish(userTopic(actor.id));
  }

  async function readAll(ctx: TRequestContext) {
    const actor = requireActor(ctx);
    const marked = await repo.markRead(db, actor.id, null, clock().toISOString());
    live.publish(userTopic(actor.id));
    return { marked };
  }

  async function deliveries(
    ctx: TRequestContext,
    q: { status?: string | undefined; ref?: string | undefined; page: number; pageSize: number },
  ) {
    const actor = requirePermission(ctx, 'notification.deliveries');
    const { items, tries, total, failed } = await repo.listDeliveries(db, actor.divisionCode, {
      ...(q.status ? { status: q.status } : {}),
      ...(q.ref ? { ref: q.ref } : {}),
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return {
      total,
      failed,
      items: items.map((d) => ({
        ...d,
        tries: tries
          .filter((t) => t.deliveryId === d.id)
          .map(({ at, outcome, detail, durationMs }) => ({ at, outcome, detail, durationMs })),
      })),
    };
  }

  async function retry(ctx: TRequestContext, id: number) {
    const actor = requirePermission(ctx, 'notification.deliveries');
    const d = await repo.findDelivery(db, id);
    if (!d || !d.divisionCode.startsWith(actor.divisionCode)) throw new AppError('not_found', '发送记录不存在');
    if (d.status !== 'failed') throw new AppError('conflict', '只有发送失败的消息可以重发');
    await db.transaction(async (tx) => {
      await repo.requeue(tx, id, clock().toISOString());
      await core.audit.record(tx, ctx, {
        action: 'update',
        entity: 'delivery',
        entityId: id,
        before: { status: 'failed' },
        after: { status: 'pending' },
        divisionCode: d.divisionCode,
      });
    });
  }

  /**
   * Sends the deliveries due now through the gateway, PARALLEL at a time; each attempt is recorded with its outcome
   * and time, and a delivery ends `sent`, is retried later, or ends `failed` once its attempts are spent.
   * Returns how many were attempted.
   */
  async function dispatch(now: Date = clock()): Promise<{ attempted: number; sent: number; failed: number }> {
    const policy = await settings.get('notificationGateway');
    const { gw } = await gateway();
    const lease = new Date(now.getTime() + policy.timeoutMs * 2 + 60_000).toISOString();
    const due = await repo.leaseDueDeliveries(db, now.toISOString(), lease, BATCH);
    let sent = 0;
    let failed = 0;
    for (let i = 0; i < due.length; i += PARALLEL) {
      await Promise.all(
        due.slice(i, i + PARALLEL).map(async (d) => {
          const started = Date.now();
          const result = await gw.send({ channel: d.channel, to: d.address, text: d.message, ref: d.ref }, policy);
          const at = clock();
          const attempts = d.attempts + 1;
          const next = afterAttempt({ ok: result.outcome === 'sent', attempts }, policy, at);
          if (next.status === 'sent') sent++;
          if (next.status === 'failed') failed++;
          await repo.recordAttempt(
            db,
            d.id,
            { at: at.toISOString(), outcome: result.outcome, detail: result.detail, durationMs: Date.now() - started },
            {
              status: next.status,
              attempts,
              nextAttemptAt: next.nextAttemptAt?.toISOString() ?? null,
              lastError: result.outcome === 'sent' ? null : result.detail,
            },
          );
        }),
      );
    }
    return { attempted: due.length, sent, failed };
  }

  /** Asks every reminder provider what is due and sends each (provider, ref) once. Returns the reminders sent. */
  async function scanReminders(now: Date = clock()): Promise<number> {
    let sent = 0;
    for (const p of core.reminders.providers()) {
      const due = await p.due(db, now);
      const done = await repo.sentReminderRefs(
        db,
        p.key,
        due.map((r) => r.ref),
      );
      for (const r of due) {
        if (done.has(r.ref)) continue;
        await db.transaction(async (tx) => {
          if (!(await repo.claimReminder(tx, p.key, r.ref, now.toISOString()))) return;
          const n = await core.notify.send(tx, {
            module: p.module,
            kind: p.key,
            ref: `${p.key}:${r.ref}`,
            to: r.to,
            title: r.title,
            body: r.body,
            href: r.href,
          });
          await repo.setReminderRecipients(tx, p.key, r.ref, n);
          sent++;
        });
      }
    }
    return sent;
  }

  async function outbox(ctx: TRequestContext, to?: string) {
    requirePermission(ctx, 'notification.gateway');
    return { items: loopback.outbox(to).map((m) => ({ ...m, ref: m.ref ?? null })) };
  }

  async function fail(ctx: TRequestContext, body: { mode: 'none' | 'error' | 'timeout'; count: number }) {
    requirePermission(ctx, 'notification.gateway');
    if ((await gateway()).kind !== 'loopback') throw new AppError('conflict', '当前使用的是真实网关，不能设置测试故障');
    loopback.fail(body.mode, body.count);
  }

  return { list, count, countFor, read, readAll, deliveries, retry, dispatch, scanReminders, outbox, fail, loopback };
}
export type TNotificationService = ReturnType<typeof createNotificationService>;
