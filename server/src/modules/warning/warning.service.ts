/**
 * Warnings and call-and-answer: issue, update and lift (each a new version), the calls to every post holder in the
 * area (SMS with a signed answer link, an in-app notification for holders with an account), answers, and the timers
 * that repeat a call, then escalate to the post's superior, then to the town's leader on duty.
 */
import {
  answerDueAt,
  answerMinutes,
  answerMode,
  answerProblem,
  AppError,
  can,
  nextCallStep,
  resolveRecipients,
  WARNING_LEVEL_LABELS,
  warningAreaProblem,
  type TAnswerView,
  type TChainPost,
  type TWarning,
  type TWarningBoard,
  type TWarningCall,
  type TWarningInput,
  type TWarningLevel,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { warningRecipients, warnings } from '../../db/schema';
import { requireActor, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { type TAttachmentService } from '../attachment/attachment.service';
import * as notificationRepo from '../notification/notification.repo';
import { newLinkSecret, signAnswerLink, verifyAnswerLink } from './answer-link';
import * as pointsRepo from './points.repo';
import { checksOfWarning } from './points.service';
import * as repo from './warning.repo';

type TWarningRow = typeof warnings.$inferSelect;
type TRecipientRow = typeof warningRecipients.$inferSelect;

/** The live topic of a warning's board. */
export const boardTopic = (warningId: number) => `warning-board:${warningId}`;

const STAGE_LABEL = ['', '（上级岗位：所辖人员未应答）', '（镇街带班领导：下级未应答）'];

export function createWarningService(
  core: Pick<TCore, 'db' | 'clock' | 'settings' | 'audit' | 'notify' | 'live'>,
  attachments: TAttachmentService,
) {
  const { db, clock, settings, audit, notify, live } = core;
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
  let secretValue: string | null = null;
  // Read through the caller's transaction when there is one: on PGlite a query outside it would wait for it to end.
  const secret = async (via: Db = db) =>
    (secretValue ??= await notificationRepo.secret(via, 'answer-link', newLinkSecret, clock().toISOString()));

  const actorName = (ctx: TRequestContext) => ctx.actor?.displayName ?? '系统';

  function present(w: TWarningRow, names: Map<string, string>, counts?: { called: number; answered: number }): TWarning {
    return {
      ...w,
      towns: w.towns.map((code) => ({ code, name: names.get(code) ?? code })),
      called: counts?.called ?? 0,
      answered: counts?.answered ?? 0,
    };
  }

  const smsText = (w: TWarningRow, r: { name: string; stage: number; silentName?: string }, link: string) =>
    `【${w.source === 'meteorological' ? '气象台' : '三防办'}】${w.kind}${WARNING_LEVEL_LABELS[w.level]}预警${w.state === 'lifted' ? '已解除' : ''}：` +
    `${r.name}，${r.stage > 0 ? `${r.silentName ?? ''}未应答${STAGE_LABEL[r.stage]}，请立即联系落实。` : ''}${w.text.slice(0, 120)} ` +
    `请点击链接回复“已知悉”：${link}`;

  /**
   * Calls the people: one recipient row, one SMS with its signed link, one timer and one log entry each, and an
   * in-app notification to those with an account; all in the caller's transaction.
   */
  async function callOut(
    tx: Db,
    w: TWarningRow,
    people: { post: TChainPost; holder: TChainPost['holders'][number]; stage: number; escalatedFrom: number | null; silentName?: string }[],
    mode: 'all' | 'first',
    now: Date,
    call: TWarningCall,
  ): Promise<TRecipientRow[]> {
    if (people.length === 0) return [];
    const at = now.toISOString();
    const rows = await repo.insertRecipients(
      tx,
      people.map(({ post, holder, stage, escalatedFrom }) => ({
        warningId: w.id,
        version: w.version,
        postId: post.id,
        holderId: holder.id,
        userId: holder.userId,
        name: holder.name,
        phone: holder.phone,
        postTitle: post.title,
        divisionCode: post.divisionCode,
        villageCode: post.villageCode,
        stage,
        escalatedFrom,
        mode,
        state: 'waiting' as const,
        sentAt: at,
      })),
    );
    const key = await secret(tx);
    const expires = new Date(now.getTime() + call.linkHours * 3_600_000);
    const due = answerDueAt(now, answerMinutes(call, w.level)).toISOString();
    await notify.message(
      tx,
      rows.map((r, i) => ({
        module: 'warning',
        channel: 'sms' as const,
        phone: r.phone,
        name: r.name,
        text: smsText(
          w,
          { name: r.name, stage: r.stage, ...(people[i]!.silentName ? { silentName: people[i]!.silentName } : {}) },
          `${w.linkBase}/a/${signAnswerLink(key, r.id, expires)}`,
        ),
        ref: `warning-recipient:${r.id}`,
        divisionCode: r.divisionCode,
      })),
    );
    await repo.insertTimers(
      tx,
      rows.map((r) => ({ recipientId: r.id, warningId: w.id, kind: 'repeat' as const, dueAt: due })),
    );
    await repo.insertLog(
      tx,
      rows.map((r) => ({
        warningId: w.id,
        recipientId: r.id,
        divisionCode: r.divisionCode,
        kind: r.stage === 0 ? ('sent' as const) : ('escalated' as const),
        channel: 'sms',
        name: r.name,
        detail: `${r.postTitle}${r.stage > 0 ? STAGE_LABEL[r.stage] : ''}`,
        at,
      })),
    );
    const userIds = rows.filter((r) => r.userId !== null).map((r) => r.userId!);
    if (userIds.length > 0)
      await notify.send(tx, {
        module: 'warning',
        kind: 'warning.call',
        ref: `warning:${w.id}:v${w.version}:s${Math.max(...rows.map((r) => r.stage))}`,
        to: { userIds },
        title: `${w.kind}${WARNING_LEVEL_LABELS[w.level]}预警：请应答“已知悉”`,
        body: w.text.slice(0, 200),
        href: `/warnings/${w.id}`,
      });
    live.publish(boardTopic(w.id));
    return rows;
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

  async function load(ctx: TRequestContext, id: number) {
    const actor = requirePermission(ctx, 'warning.read');
    const w = await repo.findWarning(db, id);
    if (!w || !w.divisionCode.startsWith(actor.divisionCode.slice(0, 4)) || !repo.warningVisible(w, actor.divisionCode))
      throw new AppError('not_found', '预警不存在');
    return { actor, w };
  }

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

  async function boardOf(actorScope: string, w: TWarningRow): Promise<TWarningBoard> {
    const now = clock();
    const { counts, silent } = await repo.boardRows(db, w.id, w.version, actorScope);
    const [names, villages] = await Promise.all([
      repo.townNames(db, w.divisionCode),
      repo.villageNames(
        db,
        silent.flatMap((s) => (s.villageCode ? [s.villageCode] : [])),
      ),
    ]);
    const towns = counts
      .map((c) => ({
        ...c,
        name: names.get(c.code) ?? c.code,
        silent: silent
          .filter((s) => s.divisionCode === c.code)
          .map((s) => ({
            id: s.id,
            name: s.name,
            phone: s.phone,
            postTitle: s.postTitle,
            villageName: s.villageCode ? (villages.get(s.villageCode) ?? null) : null,
            stage: s.stage,
            state: s.state,
            sentAt: s.sentAt,
            answeredAt: s.answeredAt,
            repeats: s.repeats,
            minutesSilent: Math.floor((now.getTime() - new Date(s.sentAt).getTime()) / 60_000),
          })),
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
    const sum = (k: 'called' | 'answered' | 'waiting' | 'escalated') => towns.reduce((n, t) => n + t[k], 0);
    return {
      warningId: w.id,
      state: w.state,
      generatedAt: now.toISOString(),
      totals: { called: sum('called'), answered: sum('answered'), waiting: sum('waiting'), escalated: sum('escalated') },
      towns,
    };
  }

  async function board(ctx: TRequestContext, id: number) {
    const { actor, w } = await load(ctx, id);
    return boardOf(actor.divisionCode, w);
  }

  /** For the live stream: the board read fresh at each push. */
  async function boardReader(ctx: TRequestContext, id: number) {
    const { actor } = await load(ctx, id);
    return async () => boardOf(actor.divisionCode, (await repo.findWarning(db, id))!);
  }

  async function log(ctx: TRequestContext, id: number, page: number) {
    const { actor, w } = await load(ctx, id);
    const { items, total } = await repo.logPage(db, id, actor.divisionCode, 100, (page - 1) * 100);
    const names = await repo.townNames(db, w.divisionCode);
    return { total, items: items.map((l) => ({ ...l, townName: names.get(l.divisionCode) ?? '市' })) };
  }

  /** Records an answer and settles what it settles: the post's other holders (first-answer), the escalations it ends. */
  async function recordAnswer(tx: Db, ctx: TRequestContext, r: TRecipientRow, note: string, via: 'link' | 'app', at: string) {
    const done = await repo.markAnswered(tx, r.id, at, note, via);
    if (!done) return null;
    const settled = [r.id];
    if (r.mode === 'first') settled.push(...(await repo.settleWaiting(tx, repo.recipientWhere.samePost(r), 'covered')).map((x) => x.id));
    // The escalations his silence caused, and theirs, are settled by his answer.
    for (let frontier = [r.id]; frontier.length > 0;) {
      frontier = (await repo.settleWaiting(tx, repo.recipientWhere.escalatedFrom(frontier), 'covered', true)).map((x) => x.id);
      settled.push(...frontier);
    }
    await repo.cancelTimers(tx, settled, at);
    await repo.insertLog(tx, [
      {
        warningId: r.warningId,
        recipientId: r.id,
        divisionCode: r.divisionCode,
        kind: 'answered',
        channel: via === 'link' ? 'sms-link' : 'app',
        name: r.name,
        detail: note ? `已知悉：${note}` : '已知悉',
        at,
      },
    ]);
    await audit.record(tx, ctx, {
      action: 'update',
      entity: 'warning_answer',
      entityId: r.id,
      after: { warningId: r.warningId, answeredAt: at, via, note },
      divisionCode: r.divisionCode,
      actorName: `${r.name}（${r.postTitle}）`,
    });
    live.publish(boardTopic(r.warningId));
    return done;
  }

  /**
   * Answers arrive by the thousand in the minutes after a warning: each would be its own transaction and audit entry
   * (13/s). They are queued and committed together every BATCH_MS (or at BATCH_MAX) in one transaction, their audit
   * entries chained in the order they came; each caller awaits its batch's commit, so an answer is durable before
   * its HTTP 200. Batches commit one after another. A batch that fails is retried one answer per transaction, so
   * one bad answer fails alone.
   */
  const BATCH_MS = 50;
  const BATCH_MAX = 500;
  type TPendingAnswer = {
    ctx: TRequestContext;
    r: TRecipientRow;
    note: string;
    via: 'link' | 'app';
    at: string;
    resolve: (row: TRecipientRow | null) => void;
    reject: (e: unknown) => void;
  };
  const queue: TPendingAnswer[] = [];
  let batchTimer: ReturnType<typeof setTimeout> | null = null;
  let committing: Promise<void> = Promise.resolve();

  function queueAnswer(ctx: TRequestContext, r: TRecipientRow, note: string, via: 'link' | 'app', at: string) {
    return new Promise<TRecipientRow | null>((resolve, reject) => {
      queue.push({ ctx, r, note, via, at, resolve, reject });
      if (queue.length >= BATCH_MAX) flushAnswers();
      else batchTimer ??= setTimeout(flushAnswers, BATCH_MS);
    });
  }

  function flushAnswers() {
    if (batchTimer) clearTimeout(batchTimer);
    batchTimer = null;
    const batch = queue.splice(0);
    if (batch.length > 0) committing = committing.then(() => commitAnswers(batch));
  }

  async function commitAnswers(batch: TPendingAnswer[]) {
    try {
      const rows = await db.transaction(async (tx) => {
        const out: (TRecipientRow | null)[] = [];
        for (const a of batch) out.push(await recordAnswer(tx, a.ctx, a.r, a.note, a.via, a.at));
        return out;
      });
      batch.forEach((a, i) => a.resolve(rows[i]!));
    } catch {
      for (const a of batch) {
        try {
          a.resolve(await db.transaction((tx) => recordAnswer(tx, a.ctx, a.r, a.note, a.via, a.at)));
        } catch (e) {
          a.reject(e);
        }
      }
    }
  }

  async function viewFor(r: TRecipientRow, w: TWarningRow, expiresAt: Date | null, now: Date): Promise<TAnswerView> {
    const file = w.attachment ? await attachments.describe(w.attachment) : undefined;
    return {
      attachment: file ? { fileName: file.fileName, mime: file.mime, size: file.size } : null,
      name: r.name,
      postTitle: r.postTitle,
      kind: w.kind,
      level: w.level,
      text: w.text,
      issuedAt: w.issuedAt,
      expectedUntil: w.expectedUntil,
      warningState: w.state,
      state: r.state,
      answeredAt: r.answeredAt,
      problem: answerProblem(r, w, expiresAt ? { expiresAt } : null, now),
    };
  }

  async function fromToken(token: string) {
    const { recipientId, expiresAt } = verifyAnswerLink(await secret(), token);
    const r = await repo.findRecipient(db, recipientId);
    const w = r && (await repo.findWarning(db, r.warningId));
    if (!r || !w) throw new AppError('not_found', '应答链接无效：请使用短信中的完整链接');
    return { r, w, expiresAt };
  }

  async function answerView(token: string) {
    const { r, w, expiresAt } = await fromToken(token);
    return viewFor(r, w, expiresAt, clock());
  }

  /** The warning's file from the phone page: the signed link is the right to read it, until the link expires. */
  async function answerFile(token: string) {
    const { w, expiresAt } = await fromToken(token);
    if (expiresAt.getTime() < clock().getTime()) throw new AppError('conflict', '应答链接已过期，请联系镇街三防办');
    if (!w.attachment) throw new AppError('not_found', '该预警没有附件');
    return attachments.openLinked('warning', w.id, w.attachment);
  }

  async function answerByLink(ctx: TRequestContext, token: string, note: string) {
    const { r, w, expiresAt } = await fromToken(token);
    const now = clock();
    const problem = answerProblem(r, w, { expiresAt }, now);
    if (problem) throw new AppError('conflict', problem);
    const done = await queueAnswer(ctx, r, note, 'link', now.toISOString());
    // Not done: answered at the same moment from another link or the app; read what it is now.
    const after = done ?? (await repo.findRecipient(db, r.id))!;
    return viewFor(after, w, expiresAt, now);
  }

  async function answerInApp(ctx: TRequestContext, id: number, note: string) {
    const actor = requireActor(ctx);
    const w = await repo.findWarning(db, id);
    if (!w) throw new AppError('not_found', '预警不存在');
    const mine = await repo.waitingForUser(db, id, actor.id);
    if (mine.length === 0) throw new AppError('not_found', '您没有需要应答的此预警');
    const now = clock();
    const problem = answerProblem(mine[0]!, w, null, now);
    if (problem) throw new AppError('conflict', problem);
    await db.transaction(async (tx) => {
      for (const r of mine) await recordAnswer(tx, ctx, r, note, 'app', now.toISOString());
    });
  }

  /**
   * Fires the timers due at `now`: one indexed query takes up to `limit` of them (marked fired in the same
   * transaction, so a crash leaves them due), and each still-silent recipient is called again or escalated.
   * Returns how many timers fired.
   */
  async function tick(now: Date = clock(), limit = 1000): Promise<number> {
    const call = await settings.get('warningCall');
    const ctx: TRequestContext = { actor: null, clientAddress: null };
    return db.transaction(async (tx) => {
      const due = await repo.takeDueTimers(tx, now.toISOString(), limit);
      if (due.length === 0) return 0;
      const recipients = new Map(
        (
          await repo.recipientsByIds(
            tx,
            due.map((t) => t.recipientId),
          )
        ).map((r) => [r.id, r]),
      );
      const warningsById = new Map<number, TWarningRow>();
      const repeats: TRecipientRow[] = [];
      const leadersByTown = new Map<string, TChainPost[]>();
      let escalated = 0;
      for (const t of due) {
        const r = recipients.get(t.recipientId);
        if (!r || r.state !== 'waiting' || r.answeredAt) continue;
        let w = warningsById.get(r.warningId);
        if (!w) {
          w = (await repo.findWarning(tx, r.warningId))!;
          warningsById.set(w.id, w);
        }
        if (w.state === 'lifted' || w.version !== r.version) continue;
        // Repeats need no look-up: most timers of a large warning end here.
        if (r.repeats < call.repeats) {
          repeats.push(r);
          continue;
        }
        const step = await escalate(tx, r, w, now, call, leadersByTown, call.repeats);
        if (step === 'repeat') repeats.push(r);
        else if (step !== 'none') escalated++;
      }
      if (repeats.length > 0) await repeatCalls(tx, repeats, warningsById, now, call);
      if (escalated > 0 || repeats.length > 0)
        await audit.record(tx, ctx, {
          action: 'update',
          entity: 'warning_call',
          after: { at: now.toISOString(), repeated: repeats.length, escalated, timers: due.length },
          actorName: '叫应计时器',
        });
      return due.length;
    });
  }

  /**
   * The one escalation path, for the timer and for the duty officer's 立即升级: the next step for a silent recipient
   * (`maxRepeats` 0 skips the repeats), and when it is an escalation, the recipient marked escalated and the post's
   * superior or the town's leaders on duty called. A repeat is left to the caller.
   */
  async function escalate(
    tx: Db,
    r: TRecipientRow,
    w: TWarningRow,
    now: Date,
    call: TWarningCall,
    leadersByTown: Map<string, TChainPost[]>,
    maxRepeats: number,
  ) {
    const superior = r.stage === 0 ? await superiorOf(tx, r.postId) : null;
    let leaders = leadersByTown.get(r.divisionCode);
    if (!leaders) leadersByTown.set(r.divisionCode, (leaders = await repo.leaderPosts(tx, r.divisionCode)));
    const step = nextCallStep(r, { maxRepeats, hasSuperior: superior !== null, hasLeader: r.stage <= 1 && leaders.length > 0 });
    if (step !== 'superior' && step !== 'leader') return step;
    // Conditional: when the timer and an officer escalate the same person at once, only one of them goes on.
    if (!(await repo.markEscalated(tx, r.id, now.toISOString()))) return 'none';
    const targets = step === 'superior' ? [superior!] : leaders;
    await callOut(
      tx,
      w,
      targets.flatMap((post) =>
        post.holders.map((holder) => ({
          post,
          holder,
          stage: step === 'superior' ? 1 : 2,
          escalatedFrom: r.id,
          silentName: `${r.postTitle}${r.name}`,
        })),
      ),
      'all',
      now,
      call,
    );
    return step;
  }

  /**
   * 立即升级: a duty officer escalates a silent recipient by hand, with his reason, without waiting for the timer
   * (the same path as the timer; the recipient's pending timer is cancelled).
   */
  async function escalateNow(ctx: TRequestContext, warningId: number, recipientId: number, reason: string) {
    const actor = requirePermission(ctx, 'warning.escalate');
    const call = await settings.get('warningCall');
    const now = clock();
    const at = now.toISOString();
    await db.transaction(async (tx) => {
      const w = await repo.lockWarning(tx, warningId);
      if (!w || !w.divisionCode.startsWith(actor.divisionCode.slice(0, 4)) || !repo.warningVisible(w, actor.divisionCode))
        throw new AppError('not_found', '预警不存在');
      const r = await repo.lockRecipient(tx, recipientId);
      if (!r || r.warningId !== w.id || !r.divisionCode.startsWith(actor.divisionCode)) throw new AppError('not_found', '叫应对象不存在');
      if (w.state === 'lifted') throw new AppError('conflict', '该预警已解除，不能再升级');
      if (r.version !== w.version) throw new AppError('conflict', '此叫应属于旧版本预警，已随新版本关闭');
      if (r.state !== 'waiting' || r.answeredAt) throw new AppError('conflict', `${r.name}已应答、已升级或已关闭，无需升级`);
      const step = await escalate(tx, r, w, now, call, new Map(), 0);
      if (step === 'none') throw new AppError('conflict', `${r.postTitle}${r.name}没有可升级的上级岗位或镇街带班领导（请补齐岗位人员）`);
      await repo.cancelTimers(tx, [r.id], at);
      await repo.insertLog(tx, [
        {
          warningId: w.id,
          recipientId: r.id,
          divisionCode: r.divisionCode,
          kind: 'escalated',
          channel: null,
          name: r.name,
          detail: `${actorName(ctx)}立即升级至${step === 'superior' ? '上级岗位' : '镇街带班领导'}：${reason}`,
          at,
        },
      ]);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'warning_escalation',
        entityId: r.id,
        before: { state: 'waiting', stage: r.stage },
        after: { state: 'escalated', to: step, reason, warningId: w.id },
        divisionCode: r.divisionCode,
      });
    });
    return board(ctx, warningId);
  }

  async function superiorOf(tx: Db, postId: number): Promise<TChainPost | null> {
    const [post] = await repo.chainPosts(tx, { cityCode: '', ids: [postId] });
    if (!post?.superiorId) return null;
    const [sup] = await repo.chainPosts(tx, { cityCode: '', ids: [post.superiorId] });
    return sup && sup.holders.length > 0 ? sup : null;
  }

  /** Calls the silent ones again, this time by voice, with a new timer each. */
  async function repeatCalls(tx: Db, rows: TRecipientRow[], ws: Map<number, TWarningRow>, now: Date, call: TWarningCall) {
    const key = await secret(tx);
    const at = now.toISOString();
    const expires = new Date(now.getTime() + call.linkHours * 3_600_000);
    await repo.countRepeat(
      tx,
      rows.map((r) => r.id),
    );
    await notify.message(
      tx,
      rows.flatMap((r) => {
        const w = ws.get(r.warningId)!;
        const text = smsText(w, { name: r.name, stage: r.stage }, `${w.linkBase}/a/${signAnswerLink(key, r.id, expires)}`);
        return [
          {
            module: 'warning',
            channel: 'voice' as const,
            phone: r.phone,
            name: r.name,
            text: `${r.name}您好，${w.kind}${WARNING_LEVEL_LABELS[w.level]}预警，您尚未应答，请查看短信并回复已知悉。`,
            ref: `warning-recipient:${r.id}`,
            divisionCode: r.divisionCode,
          },
          {
            module: 'warning',
            channel: 'sms' as const,
            phone: r.phone,
            name: r.name,
            text: `【再次提醒】${text}`,
            ref: `warning-recipient:${r.id}`,
            divisionCode: r.divisionCode,
          },
        ];
      }),
    );
    await repo.insertTimers(
      tx,
      rows.map((r) => ({
        recipientId: r.id,
        warningId: r.warningId,
        kind: 'escalate' as const,
        dueAt: answerDueAt(now, answerMinutes(call, ws.get(r.warningId)!.level as TWarningLevel)).toISOString(),
      })),
    );
    await repo.insertLog(
      tx,
      rows.map((r) => ({
        warningId: r.warningId,
        recipientId: r.id,
        divisionCode: r.divisionCode,
        kind: 'repeated' as const,
        channel: 'voice+sms',
        name: r.name,
        detail: `第 ${r.repeats + 1} 次重复呼叫`,
        at,
      })),
    );
    for (const id of new Set(rows.map((r) => r.warningId))) live.publish(boardTopic(id));
  }

  return {
    issue,
    update,
    lift,
    list,
    detail,
    board,
    boardReader,
    log,
    answerView,
    answerFile,
    answerByLink,
    answerInApp,
    escalateNow,
    tick,
    pendingTimers: () => repo.pendingTimers(db),
  };
}
export type TWarningService = ReturnType<typeof createWarningService>;
