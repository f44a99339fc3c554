import {
  AppError,
  CATALOGUE_ITEMS,
  CORRECTED_CITATIONS,
  STARTER_CHECKLISTS,
  type TChecklist,
  type TChecklistCreate,
  type TChecklistDetail,
  type TInspectionItem,
  type TInspectionItemCreate,
  type TInspectionItemListQuery,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import { requirePermission } from '../../../kit/access';
import * as repo from './catalogue.repo';

export type TCatalogueService = ReturnType<typeof createCatalogueService>;

/** The presenter: what leaves the server about an item. */
export const toItemDto = (r: repo.TItemRow): TInspectionItem => ({
  id: r.id,
  code: r.code,
  title: r.title,
  content: r.content,
  legalBasis: r.legalBasis,
  standard: r.standard,
  groupName: r.groupName,
  categories: r.categories,
  tags: r.tags,
  majorHazard: r.majorHazard,
  active: r.active,
});

const toChecklistDto = (r: repo.TChecklistRow & { itemCount: number }): TChecklist => ({
  id: r.id,
  code: r.code,
  name: r.name,
  supervisionCategory: r.supervisionCategory,
  tag: r.tag,
  active: r.active,
  itemCount: Number(r.itemCount),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

const SYSTEM = { actor: null, clientAddress: null };

export function createCatalogueService({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  /**
   * Seeds the shipped catalogue: items and checklists whose codes are missing are added; an existing code is
   * left as the bureau keeps it (its wording, its checklist's items). Runs at every start; a no-op once seeded.
   */
  async function ensureCatalogue(): Promise<{ items: number; checklists: number; corrected: number }> {
    const corrected = await correctCitations();
    const known = await repo.itemCodes(db);
    const knownLists = await repo.checklistCodes(db);
    const newItems = CATALOGUE_ITEMS.filter((i) => !known.has(i.code));
    const newLists = STARTER_CHECKLISTS.filter((c) => !knownLists.has(c.code));
    if (newItems.length === 0 && newLists.length === 0) return { items: 0, checklists: 0, corrected };
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const base = await repo.maxItemSort(tx);
      const order = new Map(CATALOGUE_ITEMS.map((i, n) => [i.code, n + 1]));
      const inserted = await repo.insertItems(
        tx,
        newItems.map(({ verbatim: _v, ...i }) => ({ ...i, sort: base + (order.get(i.code) ?? 0) })),
      );
      const ids = await repo.itemCodes(tx);
      for (const c of newLists) {
        const saved = await repo.insertChecklist(tx, {
          code: c.code,
          name: c.name,
          supervisionCategory: c.supervisionCategory,
          tag: c.tag,
          active: true,
          updatedAt: now,
        });
        if (saved) await repo.replaceChecklistItems(tx, saved.id, c.itemCodes.map((code) => ids.get(code)!).filter(Boolean), now);
      }
      await audit.record(tx, SYSTEM, {
        action: 'create',
        entity: 'inspection_catalogue',
        actorName: '系统',
        after: { items: inserted.map((i) => i.code), checklists: newLists.map((c) => c.code) },
      });
      return { items: inserted.length, checklists: newLists.length, corrected };
    });
  }

  /** Citations an earlier release shipped wrongly, corrected where the bureau has not edited them (CORRECTED_CITATIONS). */
  async function correctCitations(): Promise<number> {
    return db.transaction(async (tx) => {
      let count = 0;
      for (const c of CORRECTED_CITATIONS) {
        const id = await repo.correctCitation(tx, c.code, c.was, c.now);
        if (id === undefined) continue;
        count += 1;
        await audit.record(tx, SYSTEM, {
          action: 'update',
          entity: 'inspection_item',
          entityId: id,
          actorName: '系统',
          before: { legalBasis: c.was },
          after: { legalBasis: c.now },
        });
      }
      return count;
    });
  }

  async function listItems(ctx: TRequestContext, query: TInspectionItemListQuery): Promise<TInspectionItem[]> {
    requirePermission(ctx, 'inspection.read');
    return (await repo.listItems(db, query)).map(toItemDto);
  }

  async function createItem(ctx: TRequestContext, input: TInspectionItemCreate): Promise<TInspectionItem> {
    requirePermission(ctx, 'inspection.catalogue');
    return db.transaction(async (tx) => {
      const sort = (await repo.maxItemSort(tx)) + 1;
      const [row] = await repo.insertItems(tx, [{ ...input, standard: input.standard || null, sort }]);
      if (!row) throw new AppError('conflict', `事项编码 ${input.code} 已存在`, { field: 'code' });
      await audit.record(tx, ctx, { action: 'create', entity: 'inspection_item', entityId: row.id, after: toItemDto(row) });
      return toItemDto(row);
    });
  }

  async function listChecklists(ctx: TRequestContext): Promise<TChecklist[]> {
    requirePermission(ctx, 'inspection.read');
    return (await repo.listChecklists(db)).map(toChecklistDto);
  }

  async function checklistDetail(ctx: TRequestContext, id: number, tx: Db = db): Promise<TChecklistDetail> {
    requirePermission(ctx, 'inspection.read');
    const row = await repo.findChecklist(tx, id);
    if (!row) throw new AppError('not_found', '检查表不存在');
    const items = (await repo.checklistItemRows(tx, id)).map(toItemDto);
    return { ...toChecklistDto({ ...row, itemCount: items.length }), items };
  }

  async function createChecklist(ctx: TRequestContext, input: TChecklistCreate): Promise<TChecklistDetail> {
    requirePermission(ctx, 'inspection.catalogue');
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const row = await repo.insertChecklist(tx, {
        code: input.code,
        name: input.name,
        supervisionCategory: input.supervisionCategory ?? null,
        tag: input.tag ?? null,
        active: true,
        updatedAt: now,
      });
      if (!row) throw new AppError('conflict', `检查表编码 ${input.code} 已存在`, { field: 'code' });
      await audit.record(tx, ctx, { action: 'create', entity: 'checklist', entityId: row.id, after: input });
      return checklistDetail(ctx, row.id, tx);
    });
  }

  /** Adds, removes and reorders a checklist's items in one step; inspections already submitted keep their answers. */
  async function setChecklistItems(ctx: TRequestContext, id: number, itemIds: number[]): Promise<TChecklistDetail> {
    requirePermission(ctx, 'inspection.catalogue');
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const before = await checklistDetail(ctx, id, tx);
      const found = new Set((await repo.findItemsByIds(tx, itemIds)).map((i) => i.id));
      const missing = itemIds.find((i) => !found.has(i));
      if (missing !== undefined) throw new AppError('invalid', `检查事项（编号 ${missing}）不存在`, { field: 'itemIds' });
      await repo.replaceChecklistItems(tx, id, itemIds, now);
      const after = await checklistDetail(ctx, id, tx);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'checklist',
        entityId: id,
        before: { items: before.items.map((i) => i.code) },
        after: { items: after.items.map((i) => i.code) },
      });
      return after;
    });
  }

  return { ensureCatalogue, listItems, createItem, listChecklists, checklistDetail, createChecklist, setChecklistItems };
}
