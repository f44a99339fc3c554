import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { settings } from '../../db/schema';

export const readAll = (db: Db) => db.select({ key: settings.key, value: settings.value }).from(settings);

export async function upsert(db: Db, key: string, value: unknown, at: string, by: number | null): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: at, updatedBy: by })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at, updatedBy: by } });
}

export const remove = (db: Db, key: string) => db.delete(settings).where(eq(settings.key, key));
