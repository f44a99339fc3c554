/**
 * The calling engine of warnings: the calls to the people (SMS with a signed answer link, a timer, a log entry, an
 * in-app notification to holders with an account), and the timers that repeat a call, then escalate to the post's
 * superior, then to the town's leader on duty; the duty officer's 立即升级 takes the same path.
 */
import {
  AppError,
  answerDueAt,
  answerMinutes,
  nextCallStep,
  WARNING_LEVEL_LABELS,
  type TChainPost,
  type TWarningCall,
  type TWarningLevel,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { warningRecipients, warnings } from '../../db/schema';
import { requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import * as notificationRepo from '../notification/notification.repo';
import { newLinkSecret, signAnswerLink } from './answer-link';
import { boardTopic } from './board.service';
import * as repo from './warning.repo';

export type TWarningRow = typeof warnings.$inferSelect;
export type TRecipientRow = typeof warningRecipients.$inferSelect;
export type TCallPerson = {
  post: TChainPost;
  holder: TChainPost['holders'][number];
  stage: number;
  escalatedFrom: number | null;
  silentName?: string;
};

const STAGE_LABEL = ['', '（上级岗位：所辖人员未应答）', '（镇街带班领导：下级未应答）'];

export const actorName = (ctx: TRequestContext) => ctx.actor?.displayName ?? '系统';

export function createCallService(core: Pick<TCore, 'db' | 'clock' | 'settings' | 'audit' | 'notify' | 'live'>) {
  const { db, clock, settings, audit, notify, live } = core;
  let secretValue: string | null = null;
  // Read through the caller's transaction when there is one: on PGlite a query outside it would wait for it to end.
  const secret = async (via: Db = db) =>
    (secretValue ??= await notificationRepo.secret(via, 'answer-link', newLinkSecret, clock().toISOString()));

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
    people: TCallPerson[],
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

  return { secret, callOut, tick, escalateNow, pendingTimers: () => repo.pendingTimers(db) };
}
export type TCallService = ReturnType<typeof createCallService>;
