/**
 * Accident records: report, the report chain, casualty changes with the grade recomputed, findings, the
 * investigation and closing. Each change runs in one transaction with its audit entry and the events it raises.
 */
import {
  AppError,
  REPORT_LEVELS,
  accidentGrade,
  addDaysToDate,
  bureauDate,
  casualtiesProblem,
  followUpWindow,
  isRoadOrFire,
  reportChainProblem,
  type TAccidentDetail,
  type TAccidentListItem,
  type TAccidentListQuery,
  type TReportStepInput,
  type TAccidentCreate,
  ZCasualtyChangeSchema,
  ZFindingInputSchema,
  ZReportStepInputSchema,
} from '@yingji/domain';
import type { z } from 'zod';
import { actorSees, loadInScope, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import * as repo from './accident.repo';
import { createAccidentInvestigation } from './accident-investigation';
import { createAccidentReport } from './accident-report';
import { pendingColumns, toDetail, toListItem } from './accident.view';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'events'>;
const NOT_FOUND = '事故不存在';

const rule = (message: string, field?: string) => new AppError('rule_violation', message, field ? { field } : {});

export function createAccidentService({ db, clock, audit, events }: TDeps) {
  async function detailOf(id: number): Promise<TAccidentDetail> {
    const found = await repo.findAccident(db, id);
    if (!found) throw new AppError('not_found', NOT_FOUND);
    const [changes, findings, log] = await Promise.all([repo.casualtyChanges(db, id), repo.findings(db, id), repo.logOf(db, id)]);
    return toDetail({ row: found.a, townName: found.townName, enterpriseName: found.enterpriseName, changes, findings, log }, clock());
  }

  async function get(ctx: TRequestContext, id: number): Promise<TAccidentDetail> {
    await loadInScope(
      ctx,
      'accident.read',
      () => repo.findAccident(db, id),
      (r) => r.a.divisionCode,
      NOT_FOUND,
    );
    return detailOf(id);
  }

  async function list(
    ctx: TRequestContext,
    q: TAccidentListQuery & { page: number; pageSize: number },
  ): Promise<{ items: TAccidentListItem[]; total: number }> {
    const actor = requirePermission(ctx, 'accident.read');
    const { rows, total } = await repo.listAccidents(db, actor.divisionCode, q);
    const now = clock();
    return { items: rows.map((r) => toListItem(r.a, r.townName, now)), total };
  }

  /** The record for a change: in scope, locked, not closed unless `allowClosed`. */
  async function forChange(
    ctx: TRequestContext,
    permission: 'accident.report' | 'accident.manage',
    id: number,
    tx: typeof db,
    allowClosed = false,
  ) {
    const actor = requirePermission(ctx, permission);
    const row = await repo.lockAccident(tx, id);
    if (!row || !actorSees(actor, row.divisionCode)) throw new AppError('not_found', NOT_FOUND);
    if (row.closed && !allowClosed) throw rule('事故已结案，不能再变更（结案后不再接受续报和报告链登记）');
    return { actor, row };
  }

  const create = createAccidentReport({ db, clock, audit, events, detailOf });

  /** Records when one level received the report and when it passed it up; a pass-up is the next level's receipt. */
  async function recordStep(
    ctx: TRequestContext,
    id: number,
    input: z.output<typeof ZReportStepInputSchema> | TReportStepInput,
  ): Promise<TAccidentDetail> {
    const now = clock();
    await db.transaction(async (tx) => {
      const { actor, row } = await forChange(ctx, 'accident.report', id, tx);
      if (actor.divisionCode.length === 9 && input.level !== 'unit' && input.level !== 'town')
        throw rule('镇街人员只能登记事故单位和镇街的接报、上报时间');
      if (!input.receivedAt && !input.passedUpAt) throw new AppError('invalid', '请填写接报时间或上报时间', { field: 'passedUpAt' });
      const chain = REPORT_LEVELS.map((level) => row.chain.find((s) => s.level === level) ?? { level, receivedAt: null, passedUpAt: null });
      const i = REPORT_LEVELS.indexOf(input.level);
      const step = chain[i]!;
      chain[i] = { level: step.level, receivedAt: input.receivedAt ?? step.receivedAt, passedUpAt: input.passedUpAt ?? step.passedUpAt };
      const next = chain[i + 1];
      if (input.passedUpAt && next && next.receivedAt === null) chain[i + 1] = { ...next, receivedAt: input.passedUpAt };
      const steps = chain.filter((s) => s.receivedAt !== null || s.passedUpAt !== null);
      const problem = reportChainProblem({ occurredAt: row.occurredAt, knownAt: row.knownAt, steps, now });
      if (problem) throw rule(problem);
      const after = await repo.updateAccident(tx, id, {
        chain: steps,
        ...pendingColumns({ ...row, chain: steps }, now),
        updatedAt: now.toISOString(),
      });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'accident',
        entityId: id,
        before: { chain: row.chain },
        after: { chain: after.chain },
        divisionCode: row.divisionCode,
      });
    });
    return detailOf(id);
  }

  /** A follow-up report (续报): new figures, the grade recomputed and its history kept; after the window it is flagged. */
  async function changeCasualties(
    ctx: TRequestContext,
    id: number,
    input: z.output<typeof ZCasualtyChangeSchema>,
  ): Promise<TAccidentDetail> {
    const now = clock();
    await db.transaction(async (tx) => {
      const { actor, row } = await forChange(ctx, 'accident.report', id, tx);
      const figures = {
        deaths: input.deaths,
        missing: input.missing,
        seriousInjuries: input.seriousInjuries,
        minorInjuries: input.minorInjuries,
        lossFen: input.lossFen,
      };
      const problem = casualtiesProblem(figures);
      if (problem) throw new AppError('invalid', problem);
      const grade = row.kind === 'accident' ? accidentGrade(figures) : null;
      const window = followUpWindow({ occurredAt: row.occurredAt, roadOrFire: isRoadOrFire(row.accidentType, row.industry), now });
      await repo.insertCasualtyChange(tx, {
        accidentId: id,
        divisionCode: row.divisionCode,
        at: now.toISOString(),
        ...figures,
        gradeBefore: row.grade,
        gradeAfter: grade,
        inWindow: window.open,
        note: input.note,
        recordedBy: actor.id,
      });
      const after = await repo.updateAccident(tx, id, {
        ...figures,
        grade,
        followUpCount: row.followUpCount + 1,
        ...pendingColumns({ ...row, grade }, now),
        updatedAt: now.toISOString(),
      });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'accident',
        entityId: id,
        before: {
          deaths: row.deaths,
          missing: row.missing,
          seriousInjuries: row.seriousInjuries,
          minorInjuries: row.minorInjuries,
          lossFen: row.lossFen,
          grade: row.grade,
        },
        after: { ...figures, grade: after.grade, inWindow: window.open, note: input.note },
        divisionCode: row.divisionCode,
      });
    });
    return detailOf(id);
  }

  async function recordFinding(ctx: TRequestContext, id: number, input: z.output<typeof ZFindingInputSchema>): Promise<TAccidentDetail> {
    const now = clock();
    await db.transaction(async (tx) => {
      const { actor, row } = await forChange(ctx, 'accident.manage', id, tx, true);
      await repo.insertFinding(tx, {
        accidentId: id,
        divisionCode: row.divisionCode,
        kind: input.kind,
        reason: input.reason,
        at: now.toISOString(),
        recordedBy: actor.id,
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'accident_finding',
        entityId: id,
        after: input,
        divisionCode: row.divisionCode,
      });
    });
    return detailOf(id);
  }

  const { openInvestigation, extendInvestigation, submitReport, reply } = createAccidentInvestigation({
    db,
    clock,
    audit,
    forChange,
    detailOf,
  });

  async function close(ctx: TRequestContext, id: number, note: string): Promise<TAccidentDetail> {
    const now = clock();
    await db.transaction(async (tx) => {
      const { row } = await forChange(ctx, 'accident.manage', id, tx);
      if (row.investigationLeadUnit !== null && row.investigationRepliedOn === null)
        throw rule('事故调查报告尚未批复，不能结案（条例第三十二条）');
      await repo.updateAccident(tx, id, {
        closed: true,
        closedAt: now.toISOString(),
        closedNote: note,
        pendingLevel: null,
        pendingDueAt: null,
        updatedAt: now.toISOString(),
      });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'accident',
        entityId: id,
        before: { closed: false },
        after: { closed: true, note },
        divisionCode: row.divisionCode,
      });
    });
    return detailOf(id);
  }

  /** Workbench counts for an actor. */
  const workbench = {
    pending: (actor: TActorContext) => repo.countPending(db, actor.divisionCode, clock().toISOString()),
    investigationsDue: (actor: TActorContext) =>
      repo.countInvestigationsDue(db, actor.divisionCode, addDaysToDate(bureauDate(clock()), 15)),
    missingFollowUp: (actor: TActorContext) => repo.countMissingFollowUp(db, actor.divisionCode, bureauDate(clock())),
  };

  return {
    get,
    list,
    create,
    recordStep,
    changeCasualties,
    recordFinding,
    openInvestigation,
    extendInvestigation,
    submitReport,
    reply,
    close,
    workbench,
  };
}
export type TAccidentService = ReturnType<typeof createAccidentService>;
export type { TAccidentCreate };
