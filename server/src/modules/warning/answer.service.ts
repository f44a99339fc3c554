/**
 * Answers to a warning's calls: from the signed link on a phone (no password) or in the app. Answers arrive by the
 * thousand in the minutes after a warning, so they are committed together (see `queueAnswer`), each durable before
 * its HTTP 200, with what each settles: the post's other holders (first-answer) and the escalations it ends.
 */
import { AppError, answerProblem, type TAnswerView } from '@yingji/domain';
import type { Db } from '../../db/client';
import { requireActor } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import type { TAttachmentService } from '../attachment/attachment.service';
import { verifyAnswerLink } from './answer-link';
import { boardTopic } from './board.service';
import type { TRecipientRow, TWarningRow } from './call.service';
import * as repo from './warning.repo';

type TAnswer = { ctx: TRequestContext; r: TRecipientRow; note: string; via: 'link' | 'app'; at: string };

export function createAnswerService(
  core: Pick<TCore, 'db' | 'clock' | 'audit' | 'live'>,
  attachments: TAttachmentService,
  secret: () => Promise<string>,
) {
  const { db, clock, audit, live } = core;

  /**
   * Records answers in one transaction, in the order given, and settles what they settle: the post's other holders
   * (first-answer) and the escalations each answer's silence had caused, and theirs. A handful of statements for the
   * whole batch, whatever its size. Returns, for each answer, the recipient as answered, or null when he had already
   * answered, was settled or closed (or the same recipient answered earlier in the batch).
   */
  async function recordAnswers(tx: Db, answers: readonly TAnswer[]): Promise<(TRecipientRow | null)[]> {
    const first = new Map<number, number>();
    answers.forEach((a, i) => first.has(a.r.id) || first.set(a.r.id, i));
    const done = new Map(
      (
        await repo.markAnsweredMany(
          tx,
          [...first.values()].map((i) => answers[i]!),
        )
      ).map((row) => [row.id, row] as const),
    );
    const answered = answers.filter((a, i) => first.get(a.r.id) === i && done.has(a.r.id));
    if (answered.length > 0) {
      const settled = answered.map((a) => a.r.id);
      const firstAnswer = answered.filter((a) => a.r.mode === 'first').map((a) => a.r);
      if (firstAnswer.length > 0)
        settled.push(...(await repo.settleWaiting(tx, repo.recipientWhere.samePosts(firstAnswer), 'covered')).map((x) => x.id));
      for (let frontier = answered.map((a) => a.r.id); frontier.length > 0;) {
        frontier = (await repo.settleWaiting(tx, repo.recipientWhere.escalatedFrom(frontier), 'covered', true)).map((x) => x.id);
        settled.push(...frontier);
      }
      await repo.cancelTimers(tx, settled, clock().toISOString());
      await repo.insertLog(
        tx,
        answered.map(({ r, note, via, at }) => ({
          warningId: r.warningId,
          recipientId: r.id,
          divisionCode: r.divisionCode,
          kind: 'answered' as const,
          channel: via === 'link' ? 'sms-link' : 'app',
          name: r.name,
          detail: note ? `已知悉：${note}` : '已知悉',
          at,
        })),
      );
      await audit.recordMany(
        tx,
        answered.map(({ ctx, r, note, via, at }) => ({
          ctx,
          input: {
            action: 'update' as const,
            entity: 'warning_answer',
            entityId: r.id,
            after: { warningId: r.warningId, answeredAt: at, via, note },
            divisionCode: r.divisionCode,
            actorName: `${r.name}（${r.postTitle}）`,
          },
        })),
      );
      for (const id of new Set(answered.map((a) => a.r.warningId))) live.publish(boardTopic(id));
    }
    return answers.map((a, i) => (first.get(a.r.id) === i ? (done.get(a.r.id) ?? null) : null));
  }

  /**
   * Group commit of the answers from links: an answer that finds no batch committing starts one at once; those that
   * arrive meanwhile wait for it and go together in the next (up to BATCH_MAX). One answer alone is committed
   * without delay, a thousand at once in a few transactions. The batch reads its recipients and their warnings in
   * one statement and checks each answer inside the transaction (lifted, expired, already answered or covered).
   * Each caller awaits its batch's commit, so an answer is durable before its HTTP 200. A batch that fails is
   * retried one answer per transaction, so one bad answer fails alone.
   */
  const BATCH_MAX = 500;
  type TLinkAnswer = { ctx: TRequestContext; recipientId: number; expiresAt: Date; note: string; now: Date };
  type TAnswered = { r: TRecipientRow; w: TWarningRow };
  /** A batch's word on one answer: the recipient as answered, or null to be read after the commit. */
  type TOutcome = { r: TRecipientRow | null; w: TWarningRow };
  type TPendingAnswer = TLinkAnswer & { resolve: (done: TAnswered) => void; reject: (e: unknown) => void };
  const queue: TPendingAnswer[] = [];
  let draining = false;

  function queueAnswer(answer: TLinkAnswer) {
    return new Promise<TAnswered>((resolve, reject) => {
      queue.push({ ...answer, resolve, reject });
      if (draining) return;
      draining = true;
      // The answers that arrive in this turn of the event loop join the first batch.
      setImmediate(() => void drain());
    });
  }

  async function drain() {
    try {
      while (queue.length > 0) await commitAnswers(queue.splice(0, BATCH_MAX));
    } finally {
      draining = false;
    }
  }

  /** One batch in the caller's transaction: each answer's outcome, the recipient as he now is or the refusal. */
  async function answerBatch(tx: Db, batch: readonly TLinkAnswer[]): Promise<(TOutcome | AppError)[]> {
    const found = new Map((await repo.recipientsWithWarnings(tx, [...new Set(batch.map((a) => a.recipientId))])).map((x) => [x.r.id, x]));
    const outcomes: (TOutcome | AppError)[] = [];
    const valid: { i: number; answer: TAnswer }[] = [];
    batch.forEach((a, i) => {
      const f = found.get(a.recipientId);
      const problem = f ? answerProblem(f.r, f.w, { expiresAt: a.expiresAt }, a.now) : '应答链接无效：请使用短信中的完整链接';
      if (problem) outcomes[i] = new AppError(f ? 'conflict' : 'not_found', problem);
      else {
        outcomes[i] = f!;
        valid.push({ i, answer: { ctx: a.ctx, r: f!.r, note: a.note, via: 'link', at: a.now.toISOString() } });
      }
    });
    const done = await recordAnswers(
      tx,
      valid.map((v) => v.answer),
    );
    const answered = new Map(done.flatMap((row) => (row ? [[row.id, row] as const] : [])));
    for (const { i, answer } of valid) {
      // The same link twice in one batch: both see him answered. Settled meanwhile from the app: read after commit.
      const row = answered.get(answer.r.id);
      outcomes[i] = { r: row ?? null, w: (outcomes[i] as TOutcome).w };
    }
    return outcomes;
  }

  async function settle(a: TPendingAnswer, outcome: TOutcome | AppError) {
    if (outcome instanceof AppError) return a.reject(outcome);
    a.resolve({ r: outcome.r ?? (await repo.findRecipient(db, a.recipientId))!, w: outcome.w });
  }

  async function commitAnswers(batch: TPendingAnswer[]) {
    try {
      const outcomes = await db.transaction((tx) => answerBatch(tx, batch));
      await Promise.all(batch.map((a, i) => settle(a, outcomes[i]!)));
    } catch {
      for (const a of batch) {
        try {
          await settle(a, (await db.transaction((tx) => answerBatch(tx, [a])))[0]!);
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
    const found = await repo.recipientWithWarning(db, recipientId);
    if (!found) throw new AppError('not_found', '应答链接无效：请使用短信中的完整链接');
    return { r: found.r, w: found.w, expiresAt };
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
    const { recipientId, expiresAt } = verifyAnswerLink(await secret(), token);
    const now = clock();
    const { r, w } = await queueAnswer({ ctx, recipientId, expiresAt, note, now });
    return viewFor(r, w, expiresAt, now);
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
    const at = now.toISOString();
    await db.transaction((tx) =>
      recordAnswers(
        tx,
        mine.map((r) => ({ ctx, r, note, via: 'app' as const, at })),
      ),
    );
  }

  return { answerView, answerFile, answerByLink, answerInApp };
}
