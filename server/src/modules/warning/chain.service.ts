/**
 * The warning chain (叫应链条): posts from the city to towns to villages, who holds them, and the Excel import of
 * village posts. A town keeps its own chain; a post with no holder is flagged (list filter, workbench) before any warning.
 */
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { AppError, type TPost } from '@yingji/domain';
import type { Db } from '../../db/client';
import { postHolders, villages, warningPosts } from '../../db/schema';
import { actorSees, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { inScopeSql } from '../../shared/scope';
import { readSheet, type TSheetSource } from '../../shared/sheet-reader';
import * as repo from './warning.repo';

const noHolder = sql`NOT EXISTS (SELECT 1 FROM post_holders h WHERE h.post_id = ${warningPosts.id} AND h.active)`;

/** Posts in the scope with no active holder (the workbench card and the list filter count the same). */
export async function countUnheld(db: Db, scope: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(warningPosts)
    .where(and(inScopeSql(warningPosts.divisionCode, scope), noHolder));
  return row?.n ?? 0;
}

export function createChainService({ db, clock, audit }: Pick<TCore, 'db' | 'clock' | 'audit'>) {
  async function present(tx: Db, ids: readonly number[]): Promise<TPost[]> {
    if (ids.length === 0) return [];
    const posts = await repo.chainPosts(tx, { cityCode: '', ids });
    const supIds = posts.flatMap((p) => (p.superiorId ? [p.superiorId] : []));
    const [names, vnames, sups] = await Promise.all([
      repo.townNames(tx, posts[0]!.divisionCode.slice(0, 4)),
      repo.villageNames(
        tx,
        posts.flatMap((p) => (p.villageCode ? [p.villageCode] : [])),
      ),
      supIds.length
        ? tx.select({ id: warningPosts.id, title: warningPosts.title }).from(warningPosts).where(inArray(warningPosts.id, supIds))
        : [],
    ]);
    const supTitle = new Map(sups.map((s) => [s.id, s.title]));
    const byId = new Map(posts.map((p) => [p.id, p]));
    return ids.flatMap((id) => {
      const p = byId.get(id);
      if (!p) return [];
      return [
        {
          ...p,
          townName: p.level === 'city' ? '市三防办' : (names.get(p.divisionCode) ?? p.divisionCode),
          villageName: p.villageCode ? (vnames.get(p.villageCode) ?? null) : null,
          superiorTitle: p.superiorId ? (supTitle.get(p.superiorId) ?? null) : null,
        },
      ];
    });
  }

  async function list(ctx: TRequestContext, q: { town?: string | undefined; unheld?: '1' | undefined; page: number; pageSize: number }) {
    const actor = requirePermission(ctx, 'warning.read');
    const conds: SQL[] = [inScopeSql(warningPosts.divisionCode, actor.divisionCode)];
    if (q.town) conds.push(eq(warningPosts.divisionCode, q.town));
    if (q.unheld) conds.push(noHolder);
    const where = and(...conds);
    const [rows, [total], unheld] = await Promise.all([
      db
        .select({ id: warningPosts.id })
        .from(warningPosts)
        .where(where)
        .orderBy(asc(warningPosts.divisionCode), sql`${warningPosts.villageCode} NULLS FIRST`, asc(warningPosts.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db.select({ n: count() }).from(warningPosts).where(where),
      countUnheld(db, q.town ?? actor.divisionCode),
    ]);
    return {
      items: await present(
        db,
        rows.map((r) => r.id),
      ),
      total: total?.n ?? 0,
      unheld,
    };
  }

  async function villageCode(tx: Db, town: string, name: string): Promise<string> {
    const [found] = await tx
      .select()
      .from(villages)
      .where(and(eq(villages.townCode, town), eq(villages.name, name)));
    if (found) return found.code;
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(villages).where(eq(villages.townCode, town));
    const code = `${town}${String(n + 1).padStart(3, '0')}`;
    await tx.insert(villages).values({ code, townCode: town, name });
    return code;
  }

  async function assertPostInScope(tx: Db, ctx: TRequestContext, id: number) {
    const actor = requirePermission(ctx, 'warning.chain');
    const [post] = await tx.select().from(warningPosts).where(eq(warningPosts.id, id));
    if (!post || !actorSees(actor, post.divisionCode)) throw new AppError('not_found', '岗位不存在');
    return { actor, post };
  }

  async function createPost(
    ctx: TRequestContext,
    input: { divisionCode: string; villageName: string | null; title: string; townLeader: boolean; superiorId: number | null },
  ) {
    const actor = requirePermission(ctx, 'warning.chain');
    if (!actorSees(actor, input.divisionCode)) throw new AppError('forbidden', '只能维护本人管辖范围内的岗位', { field: 'divisionCode' });
    const names = await repo.townNames(db, input.divisionCode.slice(0, 4));
    const isTown = input.divisionCode.length === 9;
    if (isTown && !names.has(input.divisionCode)) throw new AppError('invalid', '没有这个镇街', { field: 'divisionCode' });
    if (!isTown && input.villageName) throw new AppError('invalid', '村居岗位必须属于一个镇街', { field: 'villageName' });
    return db.transaction(async (tx) => {
      if (input.superiorId !== null) {
        const [sup] = await tx.select().from(warningPosts).where(eq(warningPosts.id, input.superiorId));
        if (!sup || !input.divisionCode.startsWith(sup.divisionCode))
          throw new AppError('invalid', '上级岗位应为本镇街或市级的岗位', { field: 'superiorId' });
      }
      const village = input.villageName ? await villageCode(tx, input.divisionCode, input.villageName) : null;
      const [dup] = await tx
        .select({ id: warningPosts.id })
        .from(warningPosts)
        .where(
          and(
            eq(warningPosts.divisionCode, input.divisionCode),
            sql`coalesce(${warningPosts.villageCode}, '') = ${village ?? ''}`,
            eq(warningPosts.title, input.title),
          ),
        );
      if (dup) throw new AppError('conflict', `已有同名岗位“${input.title}”`, { field: 'title' });
      const [post] = await tx
        .insert(warningPosts)
        .values({
          divisionCode: input.divisionCode,
          villageCode: village,
          level: !isTown ? 'city' : village ? 'village' : 'town',
          title: input.title,
          townLeader: input.townLeader,
          superiorId: input.superiorId,
          createdAt: clock().toISOString(),
        })
        .returning();
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'warning_post',
        entityId: post!.id,
        after: input,
        divisionCode: input.divisionCode,
      });
      return (await present(tx, [post!.id]))[0]!;
    });
  }

  async function addHolder(ctx: TRequestContext, id: number, input: { name: string; phone: string; userId: number | null }) {
    return db.transaction(async (tx) => {
      const { post } = await assertPostInScope(tx, ctx, id);
      const [h] = await tx
        .insert(postHolders)
        .values({ postId: id, ...input, createdAt: clock().toISOString() })
        .returning();
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'post_holder',
        entityId: h!.id,
        after: { postId: id, ...input },
        divisionCode: post.divisionCode,
      });
      return (await present(tx, [id]))[0]!;
    });
  }

  async function removeHolder(ctx: TRequestContext, holderId: number) {
    return db.transaction(async (tx) => {
      const [h] = await tx
        .select()
        .from(postHolders)
        .where(and(eq(postHolders.id, holderId), eq(postHolders.active, true)));
      if (!h) throw new AppError('not_found', '在岗人员不存在');
      const { post } = await assertPostInScope(tx, ctx, h.postId);
      await tx.update(postHolders).set({ active: false }).where(eq(postHolders.id, holderId));
      await audit.record(tx, ctx, {
        action: 'delete',
        entity: 'post_holder',
        entityId: holderId,
        before: h,
        divisionCode: post.divisionCode,
      });
      return (await present(tx, [post.id]))[0]!;
    });
  }

  /**
   * Imports village posts from a sheet with the columns 镇街, 村居, 岗位, 姓名, 手机号 (header in row 1). A village post's
   * superior is its town's first post not a leader's (the town's 三防值班员). Nothing is saved when a row is bad.
   */
  async function importSheet(ctx: TRequestContext, source: TSheetSource, fileName: string) {
    const actor = requirePermission(ctx, 'warning.chain');
    const names = await repo.townNames(db, actor.divisionCode.slice(0, 4));
    const byName = new Map([...names].map(([code, name]) => [name, code]));
    const rows: { row: number; town: string; village: string; title: string; name: string; phone: string }[] = [];
    const problems: { row: number; message: string }[] = [];
    for await (const { rowNumber, cells } of readSheet(source, fileName)) {
      if (rowNumber === 1) continue;
      const [townName, village, title, name, phone] = cells.map((c) => String(c ?? '').trim());
      if (!townName && !village && !title) continue;
      const town = byName.get(townName ?? '') ?? (names.has(townName ?? '') ? townName! : undefined);
      if (!town) problems.push({ row: rowNumber, message: `没有镇街“${townName}”` });
      else if (!actorSees(actor, town)) problems.push({ row: rowNumber, message: `“${townName}”不在您的管辖范围内` });
      else if (!village || !title) problems.push({ row: rowNumber, message: '村居和岗位不能为空' });
      else if (!name || !/^1\d{10}$/.test(phone ?? '')) problems.push({ row: rowNumber, message: `姓名或手机号无效：${name} ${phone}` });
      else rows.push({ row: rowNumber, town, village, title, name, phone: phone! });
    }
    if (problems.length > 0) return { villages: 0, posts: 0, holders: 0, problems };
    if (rows.length === 0) throw new AppError('invalid', '表格中没有数据行（列：镇街、村居、岗位、姓名、手机号）', { field: 'file' });
    return db.transaction(async (tx) => {
      const now = clock().toISOString();
      const villageCodes = new Map<string, string>();
      const postIds = new Map<string, number>();
      let newVillages = 0;
      let newPosts = 0;
      const superiors = new Map<string, number | null>();
      for (const r of rows) {
        const vk = `${r.town}/${r.village}`;
        if (!villageCodes.has(vk)) {
          const before = (
            await tx
              .select({ code: villages.code })
              .from(villages)
              .where(and(eq(villages.townCode, r.town), eq(villages.name, r.village)))
          )[0];
          villageCodes.set(vk, before?.code ?? (await villageCode(tx, r.town, r.village)));
          if (!before) newVillages++;
        }
        const village = villageCodes.get(vk)!;
        const pk = `${village}/${r.title}`;
        if (!postIds.has(pk)) {
          const [found] = await tx
            .select({ id: warningPosts.id })
            .from(warningPosts)
            .where(and(eq(warningPosts.divisionCode, r.town), eq(warningPosts.villageCode, village), eq(warningPosts.title, r.title)));
          if (found) postIds.set(pk, found.id);
          else {
            if (!superiors.has(r.town)) {
              const [sup] = await tx
                .select({ id: warningPosts.id })
                .from(warningPosts)
                .where(and(eq(warningPosts.divisionCode, r.town), eq(warningPosts.level, 'town'), eq(warningPosts.townLeader, false)))
                .orderBy(asc(warningPosts.id))
                .limit(1);
              superiors.set(r.town, sup?.id ?? null);
            }
            const [p] = await tx
              .insert(warningPosts)
              .values({
                divisionCode: r.town,
                villageCode: village,
                level: 'village',
                title: r.title,
                superiorId: superiors.get(r.town) ?? null,
                createdAt: now,
              })
              .returning({ id: warningPosts.id });
            postIds.set(pk, p!.id);
            newPosts++;
          }
        }
        await tx.insert(postHolders).values({ postId: postIds.get(pk)!, name: r.name, phone: r.phone, createdAt: now });
      }
      await audit.record(tx, ctx, {
        action: 'import',
        entity: 'warning_chain',
        after: { fileName, villages: newVillages, posts: newPosts, holders: rows.length },
        divisionCode: actor.divisionCode,
      });
      return { villages: newVillages, posts: newPosts, holders: rows.length, problems: [] };
    });
  }

  return { list, createPost, addHolder, removeHolder, importSheet };
}
export type TChainService = ReturnType<typeof createChainService>;
