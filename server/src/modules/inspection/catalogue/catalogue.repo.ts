import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { TInspectionItemListQuery } from '@yingji/domain';
import type { Db } from '../../../db/client';
import { checklistItems, checklists, inspectionItems } from '../../../db/schema/index';
import { containsText } from '../../../shared/keyword';

export type TItemRow = typeof inspectionItems.$inferSelect;
export type TChecklistRow = typeof checklists.$inferSelect;

export async function listItems(db: Db, query: TInspectionItemListQuery = {}): Promise<TItemRow[]> {
  const where: SQL[] = [];
  if (query.q) {
    where.push(containsText([inspectionItems.code, inspectionItems.title, inspectionItems.content, inspectionItems.legalBasis], query.q));
  }
  if (query.majorHazard) where.push(eq(inspectionItems.majorHazard, query.majorHazard === 'true'));
  if (query.groupName) where.push(eq(inspectionItems.groupName, query.groupName));
  return db
    .select()
    .from(inspectionItems)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(inspectionItems.sort), asc(inspectionItems.id));
}

export async function itemCodes(db: Db): Promise<Map<string, number>> {
  const rows = await db.select({ id: inspectionItems.id, code: inspectionItems.code }).from(inspectionItems);
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Sets an item's citation only where it still reads `was`; the id when it did. */
export async function correctCitation(db: Db, code: string, was: string, now: string): Promise<number | undefined> {
  const [row] = await db
    .update(inspectionItems)
    .set({ legalBasis: now })
    .where(and(eq(inspectionItems.code, code), eq(inspectionItems.legalBasis, was)))
    .returning({ id: inspectionItems.id });
  return row?.id;
}

export async function findItemsByIds(db: Db, ids: number[]): Promise<TItemRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(inspectionItems).where(inArray(inspectionItems.id, ids));
}

export async function insertItems(db: Db, rows: (typeof inspectionItems.$inferInsert)[]): Promise<TItemRow[]> {
  if (rows.length === 0) return [];
  return db.insert(inspectionItems).values(rows).onConflictDoNothing({ target: inspectionItems.code }).returning();
}

export async function maxItemSort(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${inspectionItems.sort}), 0)::int` }).from(inspectionItems);
  return Number(row?.n ?? 0);
}

export async function listChecklists(db: Db): Promise<(TChecklistRow & { itemCount: number })[]> {
  return db
    .select({
      id: checklists.id,
      code: checklists.code,
      name: checklists.name,
      supervisionCategory: checklists.supervisionCategory,
      tag: checklists.tag,
      active: checklists.active,
      updatedAt: checklists.updatedAt,
      itemCount: sql<number>`(SELECT count(*)::int FROM ${checklistItems} WHERE ${checklistItems.checklistId} = ${checklists.id})`,
    })
    .from(checklists)
    .orderBy(asc(checklists.id));
}

export async function findChecklist(db: Db, id: number): Promise<TChecklistRow | undefined> {
  const [row] = await db.select().from(checklists).where(eq(checklists.id, id));
  return row;
}

export async function checklistCodes(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ code: checklists.code }).from(checklists)).map((r) => r.code));
}

export async function insertChecklist(db: Db, row: typeof checklists.$inferInsert): Promise<TChecklistRow | undefined> {
  const [saved] = await db.insert(checklists).values(row).onConflictDoNothing({ target: checklists.code }).returning();
  return saved;
}

/** The checklist's items in order. */
export async function checklistItemRows(db: Db, checklistId: number): Promise<TItemRow[]> {
  const rows = await db
    .select({ item: inspectionItems })
    .from(checklistItems)
    .innerJoin(inspectionItems, eq(inspectionItems.id, checklistItems.itemId))
    .where(eq(checklistItems.checklistId, checklistId))
    .orderBy(asc(checklistItems.sort));
  return rows.map((r) => r.item);
}

export async function replaceChecklistItems(db: Db, checklistId: number, itemIds: number[], updatedAt: string): Promise<void> {
  await db.delete(checklistItems).where(eq(checklistItems.checklistId, checklistId));
  if (itemIds.length > 0) await db.insert(checklistItems).values(itemIds.map((itemId, i) => ({ checklistId, itemId, sort: i + 1 })));
  await db.update(checklists).set({ updatedAt }).where(eq(checklists.id, checklistId));
}
