import {
  AppError,
  assignReviewers,
  REVIEW_CRITERIA,
  REVIEW_CRITERION_LABELS,
  reviewTotal,
  type TReviewCriterion,
  type TReviewProblem,
  type TReviewProblemQuery,
  type TReviewReport,
  type TReviewRound,
  type TReviewRoundCreate,
  type TReviewScore,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import { loadInScope, requirePermission } from '../../../kit/access';
import * as repo from './case-review.repo';
import { divisionNames } from '../../../shared/divisions';

export type TCaseReviewService = ReturnType<typeof createCaseReviewService>;

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);

/**
 * Case-file review (案卷评查, seed §二(一)): a round picks decided files across bodies (at random or chosen), each
 * reviewer scores a file against the six criteria, a report gives scores and typical problems by body, and a
 * problem sent back becomes a correction task for the handling body.
 */
export function createCaseReviewService({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  async function loadRound(tx: Db, ctx: TRequestContext, id: number) {
    const { actor, row } = await loadInScope(
      ctx,
      'case.file_review',
      () => repo.findRound(tx, id),
      (r) => r.divisionCode,
      '评查活动不存在',
    );
    return { actor, round: row };
  }

  async function round(ctx: TRequestContext, id: number, tx: Db = db): Promise<TReviewRound> {
    const { round: r } = await loadRound(tx, ctx, id);
    const files = await repo.filesOf(tx, id);
    return {
      id: r.id,
      title: r.title,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      pick: r.pick,
      status: r.status,
      createdAt: r.createdAt,
      files: files.map(({ scores: _s, ...f }) => f),
    };
  }

  async function createRound(ctx: TRequestContext, input: TReviewRoundCreate): Promise<TReviewRound> {
    const actor = requirePermission(ctx, 'case.file_review');
    return db.transaction(async (tx) => {
      const picked = await repo.pickCases(
        tx,
        actor.divisionCode,
        input.periodFrom,
        input.periodTo,
        input.pick === 'random' ? { sample: input.sampleSize } : { caseIds: input.caseIds },
      );
      if (picked.length === 0)
        throw new AppError('rule_violation', `${input.periodFrom} 至 ${input.periodTo} 没有可评查的已决定案卷`, { field: 'periodFrom' });
      if (input.pick === 'chosen' && picked.length !== new Set(input.caseIds).size)
        throw new AppError('invalid', '所选案卷中有不存在、不在范围内或尚未作出决定的案件', { field: 'caseIds' });
      const officers = await repo.officerIdsOf(
        tx,
        picked.map((p) => p.id),
      );
      const assigned = assignReviewers(
        picked.map((p) => ({ caseId: p.id, officerIds: officers.get(p.id) ?? [] })),
        input.reviewerIds,
      );
      const at = clock().toISOString();
      const saved = await repo.insertRound(tx, {
        divisionCode: actor.divisionCode,
        title: input.title,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        pick: input.pick,
        status: 'open',
        createdBy: actor.id,
        createdAt: at,
      });
      await repo.insertFiles(
        tx,
        assigned.map((a) => ({
          roundId: saved.id,
          caseId: a.caseId,
          divisionCode: picked.find((p) => p.id === a.caseId)!.divisionCode,
          reviewerId: a.reviewerId,
        })),
      );
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'case_review_round',
        entityId: saved.id,
        after: { ...input, caseIds: picked.map((p) => p.id) },
        divisionCode: actor.divisionCode,
      });
      return round(ctx, saved.id, tx);
    });
  }

  async function listRounds(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'case.file_review');
    return (await repo.listRounds(db, actor.divisionCode)).map((r) => ({
      id: r.id,
      title: r.title,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      pick: r.pick,
      status: r.status,
      createdAt: r.createdAt,
    }));
  }

  /** Scores one file; the assigned reviewer only, never an officer of the case (回避, 行政处罚法 art. 43). */
  async function score(ctx: TRequestContext, roundId: number, caseId: number, input: TReviewScore): Promise<TReviewRound> {
    return db.transaction(async (tx) => {
      const { actor, round: r } = await loadRound(tx, ctx, roundId);
      if (r.status !== 'open') throw new AppError('rule_violation', '评查活动已结束，不能再评分');
      const file = await repo.findFile(tx, roundId, caseId);
      if (!file) throw new AppError('not_found', '该案卷不在本次评查中', { field: 'caseId' });
      if ((await repo.officerIdsOf(tx, [caseId])).get(caseId)?.includes(actor.id))
        throw new AppError('rule_violation', '评查人员不能评查自己承办的案卷（回避，行政处罚法第四十三条）');
      if (file.reviewerId !== actor.id) throw new AppError('forbidden', '该案卷已分配给其他评查人员');
      const total = reviewTotal(input.scores);
      const at = clock().toISOString();
      await repo.saveScore(tx, roundId, caseId, { scores: input.scores, totalScore: total, comment: input.comment ?? null, scoredAt: at });
      await repo.replaceProblems(
        tx,
        roundId,
        caseId,
        input.problems.map((p) => ({
          roundId,
          caseId,
          divisionCode: file.divisionCode,
          criterion: p.criterion,
          description: p.description,
          sendBack: p.sendBack,
          createdAt: at,
        })),
      );
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'case_review_file',
        entityId: `${roundId}/${caseId}`,
        after: { ...input, total },
        divisionCode: file.divisionCode,
      });
      return round(ctx, roundId, tx);
    });
  }

  async function report(ctx: TRequestContext, roundId: number): Promise<TReviewReport> {
    const { actor, round: r } = await loadRound(db, ctx, roundId);
    const files = await repo.filesOf(db, roundId);
    const problems = await repo.problemsOf(db, actor.divisionCode, { roundId });
    const codes = [...new Set(files.map((f) => f.divisionCode))].sort();
    const names = await divisionNames(db, codes);
    const scored = files.filter((f) => f.totalScore !== null);
    const groups = new Map<string, string[]>();
    for (const { p } of problems)
      groups.set(`${p.divisionCode}|${p.criterion}`, [...(groups.get(`${p.divisionCode}|${p.criterion}`) ?? []), p.description]);
    return {
      roundId,
      title: r.title,
      byBody: codes.map((code) => {
        const mine = files.filter((f) => f.divisionCode === code);
        return {
          divisionCode: code,
          divisionName: names.get(code) ?? null,
          files: mine.length,
          scored: mine.filter((f) => f.totalScore !== null).length,
          averageScore: mean(mine.flatMap((f) => (f.totalScore === null ? [] : [f.totalScore]))),
        };
      }),
      byCriterion: REVIEW_CRITERIA.map((c) => ({
        criterion: c,
        label: REVIEW_CRITERION_LABELS[c],
        averageScore: mean(scored.map((f) => (f.scores as Record<string, number>)[c]!).filter((v) => v !== undefined)),
      })),
      problems: [...groups.entries()]
        .map(([key, descriptions]) => {
          const [divisionCode, criterion] = key.split('|') as [string, TReviewCriterion];
          return {
            divisionCode,
            divisionName: names.get(divisionCode) ?? null,
            criterion,
            label: REVIEW_CRITERION_LABELS[criterion],
            count: descriptions.length,
            examples: descriptions.slice(0, 3),
          };
        })
        .sort((a, b) => b.count - a.count || a.divisionCode.localeCompare(b.divisionCode)),
    };
  }

  /** Correction tasks (problems sent back) of the actor's bodies. */
  async function correctionTasks(ctx: TRequestContext, q: TReviewProblemQuery): Promise<TReviewProblem[]> {
    const actor = requirePermission(ctx, 'case.read');
    const rows = await repo.problemsOf(db, actor.divisionCode, {
      roundId: q.roundId,
      open: q.open === undefined ? undefined : q.open === 'true',
      sendBackOnly: true,
    });
    return rows.map(({ p, caseNo }) => ({
      id: p.id,
      roundId: p.roundId,
      caseId: p.caseId,
      caseNo,
      divisionCode: p.divisionCode,
      criterion: p.criterion as TReviewCriterion,
      description: p.description,
      sendBack: p.sendBack,
      resolvedAt: p.resolvedAt,
      createdAt: p.createdAt,
    }));
  }

  async function resolveTask(ctx: TRequestContext, id: number): Promise<{ id: number; resolvedAt: string }> {
    return db.transaction(async (tx) => {
      // only problems sent back are tasks; another body's task is the same 404
      const { row: p } = await loadInScope(
        ctx,
        'case.handle',
        async () => {
          const problem = await repo.findProblem(tx, id);
          return problem?.sendBack ? problem : null;
        },
        (r) => r.divisionCode,
        '整改任务不存在',
      );
      if (p.resolvedAt) throw new AppError('conflict', '该整改任务已完成');
      const at = clock().toISOString();
      await repo.resolveProblem(tx, id, at);
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'case_review_problem',
        entityId: id,
        after: { resolvedAt: at },
        divisionCode: p.divisionCode,
      });
      return { id, resolvedAt: at };
    });
  }

  return { createRound, listRounds, round, score, report, correctionTasks, resolveTask };
}
