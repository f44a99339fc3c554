/**
 * Warnings: issue, update and lift (each a new version), the detail and the list. Calling the people and the timers
 * are in `call.service.ts`, answers in `answer.service.ts`, the live board and log in `board.service.ts`; this
 * service puts them together as the module's one warnings service.
 */
import {
  AppError,
  answerMode,
  can,
  resolveRecipients,
  warningAreaProblem,
  type TWarning,
  type TWarningCall,
  type TWarningInput,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { type TAttachmentService } from '../attachment/attachment.service';
import { createAnswerService } from './answer.service';
import { boardTopic, createBoardService, loadVisible } from './board.service';
import { actorName, createCallService, type TWarningRow } from './call.service';
import * as pointsRepo from './points.repo';
import { checksOfWarning } from './points.service';
import * as repo from './warning.repo';

export { boardTopic } from './board.service';

export function createWarningService(
  core: Pick<TCore, 'db' | 'clock' | 'settings' | 'audit' | 'notify' | 'live'>,
  attachments: TAttachmentService,
) {
  const { db, clock, settings, audit, live } = core;
  const calls = createCallService(core);
  const boards = createBoardService(core);
  const answers = createAnswerService(core, attachments, () => calls.secret());
  const { callOut } = calls;
  // The warning's file is read by whoever sees the warning (the city's officers, a town's when it is in the area)
  // and by everyone called for it, with or without warning.read.
  attachments.registerReader('warning', async (d, ctx, ids) => {
    const actor = ctx.actor;
    if (!actor) return false;
    for (const id of ids) {
      const w = await repo.findWarning(d, id);
      if (!w) continue;
      if (
        can(actor.role, 'warning.read') &&
        w.divisionCode.startsWith(actor.divisionCode.slice(0, 4)) &&
        repo.warningVisible(w, actor.divisionCode)
      )
        return true;
      if (await repo.isRecipient(d, id, actor.id)) return true;
    }
    return false;
  });

  function present(w: TWarningRow, names: Map<string, string>, counts?: { called: number; answered: number }): TWarning {
    return {
      ...w,
      towns: w.towns.map((code) => ({ code, name: names.get(code) ?? code })),
      called: counts?.called ?? 0,
      answered: counts?.answered ?? 0,
    };
  }

  async function knownTownsOf(cityCode: string) {
    return repo.townNames(db, cityCode);
  }

  async function validateArea(input: { areaAll: boolean; towns: readonly string[] }, cityCode: string) {
    const names = await knownTownsOf(cityCode);
    const problem = warningAreaProblem(input, new Set(names.keys()));
    if (problem) throw new AppError('invalid', problem, { field: 'towns' });
    return names;
  }

  /** Resolves the area's recipients and calls them (version `w.version`). */
  async function callArea(tx: Db, w: TWarningRow, now: Date, call: TWarningCall) {
    const posts = await repo.chainPosts(tx, { cityCode: w.divisionCode, ...(w.areaAll ? {} : { towns: w.towns }) });
    const { recipients, unheld } = resolveRecipients(posts, w);
    const mode = answerMode(call, w.kind, w.level);
    const rows = await callOut(
      tx,
      w,
      recipients.map((r) => ({ ...r, stage: 0, escalatedFrom: null })),
      mode,
      now,
      call,
    );
    return { called: rows.length, unheld: unheld.length };
  }

  async function issue(ctx: TRequestContext, input: TWarningInput, linkBase: string): Promise<TWarning> {
    const actor = requirePermission(ctx, 'warning.issue');
    if (actor.divisionCode.length === 9) throw new AppError('forbidden', '预警由市三防办发布，镇街不能发布');
    const cityCode = actor.divisionCode.slice(0, 4);
    const names = await validateArea(input, cityCode);
    // Settings are read before the transaction: on PGlite a first read inside it would wait for it to end.
    const call = await settings.get('warningCall');
    const now = clock();
    const at = now.toISOString();
    return db.transaction(async (tx) => {
      if (input.attachment) await attachments.requireExisting(tx, ctx, [input.attachment], 'attachment');
      const w = await repo.insertWarning(tx, {
        divisionCode: cityCode,
        kind: input.kind,
        level: input.level,
        areaAll: input.areaAll,
        towns: input.areaAll ? [] : [...new Set(input.towns)],
        issuedAt: input.issuedAt,
        expectedUntil: input.expectedUntil,
        text: input.text,
        source: input.source,
        attachment: input.attachment,
        linkBase,
        state: 'active',
        version: 1,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      });
      await attachments.link(tx, 'warning', w.id, [w.attachment]);
      await repo.insertVersion(tx, {
        warningId: w.id,
        version: 1,
        action: 'issue',
        kind: w.kind,
        level: w.level,
        areaAll: w.areaAll,
        towns: w.towns,
        text: w.text,
        expectedUntil: w.expectedUntil,
        actorName: actorName(ctx),
        at,
      });
      const { called, unheld } = await callArea(tx, w, now, call);
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'warning',
        entityId: w.id,
        after: { ...input, called, unheldPosts: unheld },
        divisionCode: cityCode,
      });
      return present(w, names, { called, answered: 0 });
    });
  }

  /** Closes the version's calls still open (their timers stop) before a new version or the lift. */
  async function closeOpenCalls(tx: Db, w: TWarningRow, at: string) {
    const closed = await repo.settleWaiting(tx, repo.recipientWhere.ofWarning(w.id), 'closed');
    await repo.cancelWarningTimers(tx, w.id, at);
    await repo.insertLog(
      tx,
      closed.map((r) => ({
        warningId: w.id,
        recipientId: r.id,
        divisionCode: r.divisionCode,
        kind: 'closed' as const,
        name: r.name,
        detail: `第 ${w.version} 版未应答，已随新版本关闭`,
        at,
      })),
    );
  }

  async function loadForChange(tx: Db, ctx: TRequestContext, id: number, version: number) {
    const actor = requirePermission(ctx, 'warning.issue');
    const w = await repo.lockWarning(tx, id);
    if (!w || !actor.divisionCode.startsWith(w.divisionCode.slice(0, actor.divisionCode.length)) || actor.divisionCode.length === 9)
      throw new AppError('not_found', '预警不存在');
    if (w.state === 'lifted') throw new AppError('conflict', '该预警已解除，不能再更新或解除');
    if (w.version !== version) throw new AppError('conflict', `预警已被他人更新为第 ${w.version} 版，请刷新后再操作`);
    return w;
  }

  async function update(
    ctx: TRequestContext,
    id: number,
    input: Omit<TWarningInput, 'issuedAt' | 'source' | 'attachment'> & { version: number; attachment?: string | null | undefined },
  ) {
    const now = clock();
    const at = now.toISOString();
    const names = await validateArea(input, (ctx.actor?.divisionCode ?? '').slice(0, 4));
    const call = await settings.get('warningCall');
    return db.transaction(async (tx) => {
      const before = await loadForChange(tx, ctx, id, input.version);
      // Omitted keeps the file of the version before; null removes it.
      const attachment = input.attachment === undefined ? before.attachment : input.attachment;
      if (attachment && attachment !== before.attachment) await attachments.requireExisting(tx, ctx, [attachment], 'attachment');
      await closeOpenCalls(tx, before, at);
      const w = await repo.updateWarning(tx, id, {
        kind: input.kind,
        level: input.level,
        areaAll: input.areaAll,
        towns: input.areaAll ? [] : [...new Set(input.towns)],
        expectedUntil: input.expectedUntil,
        text: input.text,
        attachment,
        version: before.version + 1,
        updatedAt: at,
      });
      await attachments.link(tx, 'warning', id, [w.attachment]);
      await repo.insertVersion(tx, {
        warningId: id,
        version: w.version,
        action: 'update',
        kind: w.kind,
        level: w.level,
        areaAll: w.areaAll,
        towns: w.towns,
        text: w.text,
        expectedUntil: w.expectedUntil,
        actorName: actorName(ctx),
        at,
      });
      const { called } = await callArea(tx, w, now, call);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'warning',
        entityId: id,
        before: { version: before.version, level: before.level, towns: before.towns },
        after: { version: w.version, level: w.level, towns: w.towns, called },
        divisionCode: w.divisionCode,
      });
      return present(w, names, { called, answered: 0 });
    });
  }

  async function lift(ctx: TRequestContext, id: number, input: { version: number; note: string }) {
    const now = clock();
    const at = now.toISOString();
    return db.transaction(async (tx) => {
      const before = await loadForChange(tx, ctx, id, input.version);
      await closeOpenCalls(tx, before, at);
      const w = await repo.updateWarning(tx, id, { state: 'lifted', liftedAt: at, version: before.version + 1, updatedAt: at });
      await repo.insertVersion(tx, {
        warningId: id,
        version: w.version,
        action: 'lift',
        kind: w.kind,
        level: w.level,
        areaAll: w.areaAll,
        towns: w.towns,
        text: input.note || '预警解除',
        expectedUntil: w.expectedUntil,
        actorName: actorName(ctx),
        at,
      });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'warning',
        entityId: id,
        before: { state: 'active', version: before.version },
        after: { state: 'lifted', version: w.version, note: input.note },
        divisionCode: w.divisionCode,
      });
      live.publish(boardTopic(id));
      return present(w, await repo.townNames(tx, w.divisionCode));
    });
  }

  async function list(ctx: TRequestContext, q: { state?: 'active' | 'lifted' | undefined; page: number; pageSize: number }) {
    const actor = requirePermission(ctx, 'warning.read');
    const { items, total } = await repo.listWarnings(db, actor.divisionCode, {
      state: q.state,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const [names, counts] = await Promise.all([
      repo.townNames(db, actor.divisionCode.slice(0, 4)),
      repo.callCounts(
        db,
        items.map((w) => w.id),
        actor.divisionCode,
      ),
    ]);
    return { total, items: items.map((w) => present(w, names, counts.get(w.id))) };
  }

  const load = (ctx: TRequestContext, id: number) => loadVisible(db, ctx, id);

  async function detail(ctx: TRequestContext, id: number) {
    const { actor, w } = await load(ctx, id);
    const towns = actor.divisionCode.length === 9 ? [actor.divisionCode] : w.areaAll ? undefined : w.towns;
    const [names, counts, versions, posts, points, checks] = await Promise.all([
      repo.townNames(db, w.divisionCode),
      repo.callCounts(db, [id], actor.divisionCode),
      repo.versionsOf(db, id),
      repo.chainPosts(db, { cityCode: w.divisionCode, ...(towns ? { towns } : {}) }),
      pointsRepo.pointsIn(db, w.divisionCode, towns),
      checksOfWarning(db, id, actor.divisionCode),
    ]);
    const unheld = resolveRecipients(posts, w).unheld;
    const villages = await repo.villageNames(
      db,
      unheld.flatMap((p) => (p.villageCode ? [p.villageCode] : [])),
    );
    return {
      ...present(w, names, counts.get(id)),
      versions: versions.map(({ version, action, level, text, actorName, at }) => ({ version, action, level, text, actorName, at })),
      unheldPosts: unheld.map((p) => ({
        id: p.id,
        title: p.title,
        townName: names.get(p.divisionCode) ?? p.divisionCode,
        villageName: p.villageCode ? (villages.get(p.villageCode) ?? null) : null,
      })),
      points: points.map((p) => ({ ...p, townName: names.get(p.divisionCode) ?? p.divisionCode })),
      checks,
    };
  }

  /** 立即升级, then the board as it now stands. */
  async function escalateNow(ctx: TRequestContext, warningId: number, recipientId: number, reason: string) {
    await calls.escalateNow(ctx, warningId, recipientId, reason);
    return boards.board(ctx, warningId);
  }

  return {
    issue,
    update,
    lift,
    list,
    detail,
    ...boards,
    ...answers,
    escalateNow,
    tick: calls.tick,
    pendingTimers: calls.pendingTimers,
  };
}
export type TWarningService = ReturnType<typeof createWarningService>;
