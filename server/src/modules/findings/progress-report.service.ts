/**
 * The public progress report on a round (整改进展情况公开, seed §四): the office drafts it from the round's findings and
 * measures, a leader approves it (its content is frozen then), the office publishes it with a feedback window and
 * contacts, and the public sends opinions through a rate-limited form with a signed challenge; the office answers
 * each. Each change runs in one transaction with its audit entry.
 */
import {
  AppError,
  bureauDate,
  can,
  feedbackWindow,
  reportActionProblem,
  windowState,
  WINDOW_PROBLEMS,
  ZProgressReportInputSchema,
  type TFeedback,
  type TProgressReport,
  type TProgressReportDetail,
  type TProgressReportInput,
  type TPublicFeedbackInput,
  type TPublicReport,
  type TReportAction,
  type TReportContent,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import { loadInScope, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import { createRateLimit } from '../../shared/rate-limit';
import { createChallenger } from './feedback-challenge';
import * as findingsRepo from './findings.repo';
import * as repo from './progress-report.repo';

const REPORT_MISSING = '进展情况报告不存在';
const PUBLIC_MISSING = '该报告不存在或尚未公开';
/** Five opinions per address in ten minutes: enough for a person, too few for a flood. */
export const FEEDBACK_LIMIT = { max: 5, windowMs: 10 * 60_000 };

/** The round's findings grouped by section (in the order the feedback gives them) with each measure and what was done. */
export async function reportContent(db: Db, roundId: number): Promise<TReportContent> {
  const [round, findings, measures, notes] = await Promise.all([
    findingsRepo.findRound(db, roundId),
    findingsRepo.findingsOfRound(db, roundId),
    findingsRepo.measuresOfRound(db, roundId),
    repo.progressNotesOfRound(db, roundId),
  ]);
  const done = new Map<number, string[]>();
  for (const n of notes) done.set(n.measureId, [...(done.get(n.measureId) ?? []), n.note]);
  const order = [...findings].sort((a, b) => a.id - b.id).map((f) => f.section);
  const sections = [...new Set(order)].map((section) => ({
    section,
    findings: findings
      .filter((f) => f.section === section)
      .map((f) => ({
        itemNo: f.itemNo,
        title: f.title,
        measures: measures
          .filter((m) => m.m.findingId === f.id)
          .map(({ m }) => ({
            content: m.content,
            leadLeader: m.leadLeader,
            department: m.department,
            deadline: m.deadline,
            term: m.term,
            state: m.state,
            done: done.get(m.id) ?? [],
          })),
      })),
  }));
  return {
    roundTitle: round?.title ?? '',
    inspector: round?.inspector ?? '',
    inspectedFrom: round?.inspectedFrom ?? '',
    inspectedTo: round?.inspectedTo ?? '',
    feedbackOn: round?.feedbackOn ?? '',
    sections,
    counts: {
      findings: findings.length,
      measures: measures.length,
      signedOff: measures.filter(({ m }) => m.state === 'signed_off').length,
      longTerm: measures.filter(({ m }) => m.term === 'long_term').length,
    },
  };
}

export function createProgressReportService({ db, clock, audit }: Pick<TCore, 'db' | 'clock' | 'audit'>) {
  const today = () => bureauDate(clock());
  const challenger = createChallenger();
  const limit = createRateLimit(FEEDBACK_LIMIT);
  const who = (actor: TActorContext) => ({
    manages: can(actor.role, 'findings.manage'),
    approves: can(actor.role, 'findings.approve'),
  });

  function dto(row: repo.TReportJoined, actor: TActorContext): TProgressReport {
    const r = row.r;
    const allowed = (a: TReportAction) => reportActionProblem(r.state, a, who(actor)) === null;
    return {
      id: r.id,
      roundId: r.roundId,
      roundTitle: row.roundTitle,
      title: r.title,
      state: r.state,
      leadership: r.leadership,
      nextSteps: r.nextSteps,
      contacts: r.contacts,
      issuer: r.issuer,
      feedbackDays: r.feedbackDays,
      feedbackFrom: r.feedbackFrom,
      feedbackTo: r.feedbackTo,
      windowState: windowState({ from: r.feedbackFrom, to: r.feedbackTo }, today()),
      authorName: row.authorName,
      approvedByName: row.approvedByName,
      approvedAt: r.approvedAt,
      publishedAt: r.publishedAt,
      feedbackCount: row.feedbackCount,
      unansweredCount: row.unansweredCount,
      can: { edit: allowed('edit'), approve: allowed('approve'), publish: allowed('publish') },
    };
  }

  const feedbackDto = ({ f, repliedByName }: { f: repo.TFeedbackRow; repliedByName: string | null }): TFeedback => ({
    id: f.id,
    name: f.name,
    contact: f.contact,
    text: f.text,
    receivedAt: f.receivedAt,
    reply: f.reply,
    repliedByName,
    repliedAt: f.repliedAt,
  });

  const load = (ctx: TRequestContext, id: number, permission: 'findings.read' | 'findings.manage' | 'findings.approve', tx: Db = db) =>
    loadInScope(
      ctx,
      permission,
      () => repo.findReport(tx, id),
      (r) => r.r.divisionCode,
      REPORT_MISSING,
    );

  async function detail(ctx: TRequestContext, id: number): Promise<TProgressReportDetail> {
    const { actor, row } = await load(ctx, id, 'findings.read');
    const [content, feedback] = await Promise.all([
      row.r.content ? (row.r.content as TReportContent) : reportContent(db, row.r.roundId),
      repo.feedbackOf(db, [id]),
    ]);
    return { ...dto(row, actor), content, feedback: feedback.map(feedbackDto) };
  }

  async function list(ctx: TRequestContext): Promise<{ items: TProgressReport[] }> {
    const actor = requirePermission(ctx, 'findings.read');
    return { items: (await repo.listReports(db, actor.divisionCode)).map((r) => dto(r, actor)) };
  }

  async function create(ctx: TRequestContext, roundId: number, input: TProgressReportInput): Promise<TProgressReportDetail> {
    const body = ZProgressReportInputSchema.parse(input);
    const id = await db.transaction(async (tx) => {
      const { actor, row: round } = await loadInScope(
        ctx,
        'findings.manage',
        () => findingsRepo.findRound(tx, roundId),
        (r) => r.divisionCode,
        '整改轮次不存在',
      );
      const now = clock().toISOString();
      const saved = await repo.insertReport(tx, {
        ...body,
        roundId,
        divisionCode: round.divisionCode,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'finding_report',
        entityId: saved.id,
        after: body,
        divisionCode: round.divisionCode,
      });
      return saved.id;
    });
    return detail(ctx, id);
  }

  /** One step of the report: checks the rule on the locked row, writes the change and its audit entry. */
  async function step(
    ctx: TRequestContext,
    id: number,
    action: TReportAction,
    change: (r: repo.TReportRow, tx: Db, actor: TActorContext) => Promise<Partial<repo.TReportRow>>,
  ): Promise<TProgressReportDetail> {
    await db.transaction(async (tx) => {
      const { actor } = await load(ctx, id, action === 'approve' ? 'findings.approve' : 'findings.manage', tx);
      const r = (await repo.lockReport(tx, id))!;
      const problem = reportActionProblem(r.state, action, who(actor));
      if (problem) throw new AppError('rule_violation', problem);
      const after = { ...(await change(r, tx, actor)), updatedAt: clock().toISOString() };
      await repo.updateReport(tx, id, after);
      const { content: _c, ...logged } = after;
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'finding_report',
        entityId: id,
        before: { state: r.state },
        after: { action, ...logged },
        divisionCode: r.divisionCode,
      });
    });
    return detail(ctx, id);
  }

  const update = (ctx: TRequestContext, id: number, input: TProgressReportInput) =>
    step(ctx, id, 'edit', async () => ZProgressReportInputSchema.parse(input));

  const approve = (ctx: TRequestContext, id: number) =>
    step(ctx, id, 'approve', async (r, tx, actor) => ({
      state: 'approved',
      content: await reportContent(tx, r.roundId),
      approvedBy: actor.id,
      approvedAt: clock().toISOString(),
    }));

  const publish = (ctx: TRequestContext, id: number) =>
    step(ctx, id, 'publish', async (r) => {
      const w = feedbackWindow(today(), r.feedbackDays);
      return { state: 'published', feedbackFrom: w.from, feedbackTo: w.to, publishedAt: clock().toISOString() };
    });

  async function reply(ctx: TRequestContext, feedbackId: number, text: string): Promise<TFeedback> {
    const reportId = await db.transaction(async (tx) => {
      const f = await repo.lockFeedback(tx, feedbackId);
      const { actor, row } = await loadInScope(
        ctx,
        'findings.manage',
        async () => (f ? repo.findReport(tx, f.reportId) : undefined),
        (r) => r.r.divisionCode,
        '意见建议不存在',
      );
      if (f!.reply !== null) throw new AppError('rule_violation', '该意见建议已答复');
      await repo.answerFeedback(tx, feedbackId, { reply: text, repliedBy: actor.id, repliedAt: clock().toISOString() });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'finding_report_feedback',
        entityId: feedbackId,
        after: { reply: text },
        divisionCode: row.r.divisionCode,
      });
      return row.r.id;
    });
    const saved = (await repo.feedbackOf(db, [reportId])).find((r) => r.f.id === feedbackId);
    return feedbackDto(saved!);
  }

  // ---- the public side: published reports only, no account ----

  function publicDto(r: repo.TReportRow): TPublicReport {
    return {
      id: r.id,
      title: r.title,
      issuer: r.issuer,
      publishedOn: bureauDate(new Date(r.publishedAt!)),
      feedbackFrom: r.feedbackFrom!,
      feedbackTo: r.feedbackTo!,
      windowOpen: windowState({ from: r.feedbackFrom, to: r.feedbackTo }, today()) === 'open',
      leadership: r.leadership,
      nextSteps: r.nextSteps,
      contacts: r.contacts,
      content: r.content as TReportContent,
    };
  }

  async function published(id: number, tx: Db = db): Promise<repo.TReportRow> {
    const row = await repo.findReport(tx, id);
    if (!row || row.r.state !== 'published') throw new AppError('not_found', PUBLIC_MISSING);
    return row.r;
  }

  async function publicList() {
    const rows = await repo.publishedReports(db);
    return {
      items: rows.map((r) => {
        const { id, title, issuer, publishedOn, feedbackFrom, feedbackTo, windowOpen } = publicDto(r);
        return { id, title, issuer, publishedOn, feedbackFrom, feedbackTo, windowOpen };
      }),
    };
  }

  const publicDetail = async (id: number) => publicDto(await published(id));

  async function challenge(id: number) {
    const r = await published(id);
    const state = windowState({ from: r.feedbackFrom, to: r.feedbackTo }, today());
    if (state !== 'open') throw new AppError('rule_violation', WINDOW_PROBLEMS[state]);
    return challenger.issue(id, clock());
  }

  /** An opinion from the public: the address's rate first, then the challenge, then the window; nothing kept on refusal. */
  async function submitFeedback(ctx: TRequestContext, id: number, input: TPublicFeedbackInput) {
    const now = clock();
    const wait = limit.take(ctx.clientAddress ?? 'unknown', now);
    if (wait > 0)
      throw new AppError('too_many_requests', `提交过于频繁，请 ${Math.ceil(wait / 60_000)} 分钟后再试`, {
        details: { retryAfterSeconds: Math.ceil(wait / 1000) },
      });
    const r = await published(id);
    const state = windowState({ from: r.feedbackFrom, to: r.feedbackTo }, today());
    if (state !== 'open') throw new AppError('rule_violation', WINDOW_PROBLEMS[state]);
    const problem = challenger.check(id, input.token, input.answer, now);
    if (problem) throw new AppError('invalid', problem.message, { field: problem.field });
    return db.transaction(async (tx) => {
      const saved = await repo.insertFeedback(tx, {
        reportId: id,
        name: (input.name ?? '').trim(),
        contact: input.contact.trim(),
        text: input.text.trim(),
        receivedAt: now.toISOString(),
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'finding_report_feedback',
        entityId: saved.id,
        actorName: '公众',
        after: { reportId: id },
        divisionCode: r.divisionCode,
      });
      return { id: saved.id, receivedAt: saved.receivedAt };
    });
  }

  return { list, detail, create, update, approve, publish, reply, publicList, publicDetail, challenge, submitFeedback };
}
export type TProgressReportService = ReturnType<typeof createProgressReportService>;
