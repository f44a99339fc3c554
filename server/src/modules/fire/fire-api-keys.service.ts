/**
 * The camera platforms' API keys: the key shown once at creation, only its SHA-256 kept; revoking one stops
 * ingestion from it at once (the ingestion caches are dropped).
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '@yingji/domain';
import type { z } from 'zod';
import type { ZApiKeyInputSchema } from '@yingji/domain';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { iso } from '../../shared/iso';
import { hashKey, type TFireIngest } from './fire-ingest';
import * as repo from './fire.repo';

type TKeyRow = Awaited<ReturnType<typeof repo.keys>>[number];

const keyDto = (k: TKeyRow) => ({
  id: k.id,
  platform: k.platform,
  prefix: k.prefix,
  channelCount: k.channelIds.length,
  createdAt: iso(k.createdAt),
  revokedAt: iso(k.revokedAt),
  lastUsedAt: iso(k.lastUsedAt),
});

export function createFireApiKeys({ db, clock, audit, ingest }: Pick<TCore, 'db' | 'clock' | 'audit'> & { ingest: TFireIngest }) {
  async function keys(ctx: TRequestContext) {
    requirePermission(ctx, 'fire.keys');
    return { items: (await repo.keys(db)).map(keyDto) };
  }

  async function createKey(ctx: TRequestContext, input: z.infer<typeof ZApiKeyInputSchema>) {
    const actor = requirePermission(ctx, 'fire.keys');
    const known = new Set((await repo.channels(db, actor.divisionCode)).map((c) => c.id));
    const unknown = input.channelIds.filter((id) => !known.has(id));
    if (unknown.length) throw new AppError('invalid', `通道不存在：${unknown.join('、')}`, { field: 'channelIds' });
    const prefix = `fk_${randomBytes(4).toString('hex')}`;
    const key = `${prefix}.${randomBytes(24).toString('base64url')}`;
    const row = await db.transaction(async (tx) => {
      const row = await repo.insertKey(tx, {
        platform: input.platform,
        prefix,
        keyHash: hashKey(key),
        channelIds: [...new Set(input.channelIds)],
        createdBy: actor.id,
        createdAt: clock().toISOString(),
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'fire_api_key',
        entityId: row.id,
        after: { platform: input.platform, prefix, channels: row.channelIds.length },
      });
      return row;
    });
    return { ...keyDto(row), key };
  }

  async function revokeKey(ctx: TRequestContext, id: number) {
    const actor = requirePermission(ctx, 'fire.keys');
    const row = await repo.keyById(db, id);
    if (!row) throw new AppError('not_found', '接入密钥不存在');
    if (row.revokedAt) throw new AppError('conflict', '该密钥已吊销');
    const out = await db.transaction(async (tx) => {
      const out = await repo.revokeKey(tx, id, clock().toISOString(), actor.id);
      await audit.record(tx, ctx, {
        action: 'disable',
        entity: 'fire_api_key',
        entityId: id,
        before: { platform: row.platform, prefix: row.prefix },
      });
      return out;
    });
    ingest.invalidate();
    return keyDto(out);
  }

  return { keys, createKey, revokeKey };
}
