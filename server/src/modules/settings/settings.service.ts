import { AppError, SETTINGS, can, type TSettingKey, type TSettings } from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import type { TAuditService } from '../audit/audit.service';
import * as repo from './settings.repo';

export type TSettingsService = ReturnType<typeof createSettingsService>;

// Another server process may change a setting: a cached copy is refreshed when it is older than this.
const CACHE_MS = 5_000;

/** Settings stored in the database over defaults in code; a stored value that no longer parses falls back to the default. */
export function createSettingsService({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  let cache: { at: number; values: TSettings } | null = null;
  let refreshing: Promise<void> | null = null;
  // Bumped by every change: a refresh that started before it must not put the old values back.
  let generation = 0;
  const listeners: { key: TSettingKey; run: (tx: Db, value: unknown) => Promise<void> }[] = [];

  /** Work that must follow a setting in the same transaction (the powers list re-derives supervising levels). */
  function onChange<K extends TSettingKey>(key: K, run: (tx: Db, value: TSettings[K]) => Promise<void>): void {
    listeners.push({ key, run: run as (tx: Db, value: unknown) => Promise<void> });
  }

  async function load(): Promise<TSettings> {
    const rows = await repo.readAll(db);
    const values = Object.fromEntries((Object.keys(SETTINGS) as TSettingKey[]).map((key) => [key, SETTINGS[key].default])) as TSettings;
    for (const row of rows) {
      const def = SETTINGS[row.key as TSettingKey];
      if (!def) continue;
      const parsed = def.schema.safeParse(row.value);
      if (parsed.success) (values as Record<string, unknown>)[row.key] = parsed.data;
    }
    return values;
  }

  /**
   * The settings. Once loaded, an old copy is served while a fresh one loads behind it: the caller may be inside a
   * transaction, and on PGlite a query outside it waits for the transaction to end — awaiting it there never returns.
   */
  async function getAll(): Promise<TSettings> {
    const now = clock().getTime();
    if (!cache) {
      cache = { at: now, values: await load() };
    } else if ((now - cache.at > CACHE_MS || now < cache.at) && !refreshing) {
      const started = generation;
      refreshing = load()
        .then((values) => void (started === generation && (cache = { at: clock().getTime(), values })))
        .catch(() => undefined) // the old copy stays; the next read tries again
        .finally(() => (refreshing = null));
    }
    return cache.values;
  }

  async function get<K extends TSettingKey>(key: K): Promise<TSettings[K]> {
    return (await getAll())[key];
  }

  async function update<K extends TSettingKey>(ctx: TRequestContext, key: K, value: unknown): Promise<TSettings> {
    if (!ctx.actor || !can(ctx.actor.role, 'settings.manage')) throw new AppError('forbidden', '没有修改系统设置的权限');
    const parsed = SETTINGS[key].schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.map(String).join('.');
      throw new AppError('invalid', `${SETTINGS[key].label}：${issue.message}`, { field: field ? `value.${field}` : 'value' });
    }
    const before = await get(key);
    await db.transaction(async (tx) => {
      await repo.upsert(tx, key, parsed.data, clock().toISOString(), ctx.actor!.id);
      for (const l of listeners) if (l.key === key) await l.run(tx, parsed.data);
      await audit.record(tx, ctx, { action: 'settings_change', entity: 'setting', entityId: key, before, after: parsed.data });
    });
    invalidate();
    return getAll();
  }

  function invalidate(): void {
    generation++;
    cache = null;
  }

  return { get, getAll, update, onChange, invalidate };
}
