/**
 * Forwarding to the provincial platform: the outbox rows written in the incident's transaction are delivered by this
 * worker with back-off (30 s doubling to an hour), dead-lettered after `forwardMaxAttempts` failures, and resent by
 * hand. A claimed row's next attempt is pushed past the delivery timeout before the HTTP call, so a process killed
 * mid-delivery leaves it pending and it goes again after the lease: delivery is at least once, and every request
 * carries `Idempotency-Key: yingji-fire-<outbox id>` for the receiver to drop a repeat.
 */
import { AppError, nextAttempt } from '@yingji/domain';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { iso } from '../../shared/iso';
import * as repo from './fire-incident.repo';

/** A claimed row waits this long before another worker may take it: the delivery timeout and a margin to record it. */
export const leaseMs = (forwardTimeoutSec: number) => forwardTimeoutSec * 1000 + 5000;

export function createFireForwarder({ db, clock, settings, audit }: Pick<TCore, 'db' | 'clock' | 'settings' | 'audit'>) {
  /** Delivers what is due; returns counts. */
  async function deliverDue(limit = 20) {
    const cfg = await settings.get('fire');
    if (!cfg.forwardUrl) return { delivered: 0, failed: 0 };
    const now = clock();
    const rows = await db.transaction((tx) =>
      repo.claimDue(tx, now.toISOString(), new Date(now.getTime() + leaseMs(cfg.forwardTimeoutSec)).toISOString(), limit),
    );
    let delivered = 0;
    let failed = 0;
    for (const row of rows) {
      let error: string | null = null;
      try {
        const res = await fetch(cfg.forwardUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `yingji-fire-${row.id}` },
          body: JSON.stringify({ id: Number(row.id), kind: row.kind, payload: row.payload, createdAt: iso(row.createdAt) }),
          signal: AbortSignal.timeout(cfg.forwardTimeoutSec * 1000),
        });
        if (!res.ok) error = `省平台答复 HTTP ${res.status}`;
        await res.body?.cancel();
      } catch (e) {
        error = `投递失败：${(e as Error).message}`;
      }
      const at = clock();
      if (!error) {
        await repo.markDelivered(db, Number(row.id), at.toISOString());
        delivered++;
      } else {
        const attempts = row.attempts + 1;
        const next = nextAttempt(attempts, at, { baseSeconds: 30, maxSeconds: 3600, maxAttempts: cfg.forwardMaxAttempts });
        await repo.markFailed(db, Number(row.id), attempts, error.slice(0, 500), next.at?.toISOString() ?? null);
        failed++;
      }
    }
    return { delivered, failed };
  }

  async function outbox(ctx: TRequestContext, status: 'pending' | 'delivered' | 'dead' | undefined) {
    requirePermission(ctx, 'fire.read');
    const r = await repo.outbox(db, status);
    const counts = { pending: 0, delivered: 0, dead: 0 };
    for (const c of r.counts) counts[c.status] = c.n;
    return {
      counts,
      items: r.items.map((o) => ({
        id: Number(o.id),
        incidentId: o.incidentId,
        kind: o.kind,
        status: o.status,
        attempts: o.attempts,
        nextAttemptAt: iso(o.nextAttemptAt),
        lastError: o.lastError,
        deliveredAt: iso(o.deliveredAt),
        createdAt: iso(o.createdAt),
      })),
    };
  }

  async function resend(ctx: TRequestContext, id: number) {
    requirePermission(ctx, 'fire.handle');
    const row = await repo.outboxById(db, id);
    if (!row) throw new AppError('not_found', '上报记录不存在');
    if (row.status !== 'dead') throw new AppError('rule_violation', '只有投递失败（死信）的记录可以手动重发');
    await db.transaction(async (tx) => {
      await repo.resend(tx, id, clock().toISOString());
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'fire_outbox',
        entityId: id,
        before: { status: row.status, attempts: row.attempts },
        after: { status: 'pending' },
      });
    });
  }

  return { deliverDue, outbox, resend };
}
export type TFireForwarder = ReturnType<typeof createFireForwarder>;
