/**
 * Accident records: report, the report chain, casualty changes with the grade recomputed, findings, the
 * investigation and closing. Each change runs in one transaction with its audit entry and the events it raises.
 */
import {
  AppError,
  REPORT_LEVELS,
  SUPERVISION_CATEGORIES,
  accidentGrade,
  addDaysToDate,
  bureauDate,
  casualtiesProblem,
  extensionProblem,
  followUpWindow,
  investigationReportDueOn,
  isRoadOrFire,
  reportChainProblem,
  ACCIDENT_GRADE_LABELS,
  ACCIDENT_TYPE_LABELS,
  type TAccidentDetail,
  type TAccidentGrade,
  type TAccidentIndustry,
  type TAccidentListItem,
  type TAccidentListQuery,
  type TReportStep,
  type TReportStepInput,
  type TAccidentCreate,
  ZAccidentCreateSchema,
  ZCasualtyChangeSchema,
  ZFindingInputSchema,
  ZInvestigationExtendSchema,
  ZInvestigationOpenSchema,
  ZInvestigationReplySchema,
  ZInvestigationReportSchema,
  ZReportStepInputSchema,
} from '@yingji/domain';
import type { z } from 'zod';
import { actorSees, loadInScope, requirePermission } from '../../kit/access';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import * as repo from './accident.repo';
import { pendingColumns, toDetail, toListItem } from './accident.view';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit' | 'events'>;
const NOT_FOUND = '事故不存在';

/** A firm's industry for the statistics: its supervision category's group (工贸, 危险化学品 …). */
function industryOf(category: string): TAccidentIndustry {
  const group = SUPERVISION_CATEGORIES.find((c) => c.code === category)?.group;
  return group === '工贸' || group === '危险化学品' || group === '烟花爆竹' || group === '非煤矿山' ? group : '其他';
}

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

  async function create(ctx: TRequestContext, input: z.output<typeof ZAccidentCreateSchema>): Promise<TAccidentDetail> {
    const actor = requirePermission(ctx, 'accident.report');
    const now = clock();
    const town = await repo.findTown(db, input.divisionCode);
    if (!town) throw new AppError('invalid', `镇街不存在：${input.divisionCode}`, { field: 'divisionCode' });
    if (!actorSees(actor, town.code)) throw new AppError('invalid', '只能报告本人管辖范围内镇街的事故', { field: 'divisionCode' });
    let firm: Awaited<ReturnType<typeof repo.findEnterprise>> = undefined;
    if (input.enterpriseId !== null) {
      firm = await repo.findEnterprise(db, input.enterpriseId);
      if (!firm) throw new AppError('invalid', '企业不存在，请从企业台账中选择', { field: 'enterpriseId' });
    }
    const isAccident = input.kind === 'accident';
    if (isAccident && !firm && !input.partyName)
      throw new AppError('invalid', '请从企业台账选择事故单位，或填写当事单位名称（条例第十二条：事故单位概况）', { field: 'partyName' });
    if (isAccident && !input.accidentType) throw new AppError('invalid', '请选择事故类别（GB 6441）', { field: 'accidentType' });
    if (!isAccident && !input.emergencyType) throw new AppError('invalid', '请选择突发事件类型', { field: 'emergencyType' });
    const casualties = {
      deaths: input.deaths,
      missing: input.missing,
      seriousInjuries: input.seriousInjuries,
      minorInjuries: input.minorInjuries,
      lossFen: input.lossFen,
    };
    const problem = casualtiesProblem(casualties);
    if (problem) throw new AppError('invalid', problem);

    // The reporter's level received the report; the unit passed it up then unless it says otherwise.
    const level = actor.divisionCode.length === 9 ? 'town' : 'city';
    const receivedAt = input.receivedAt ?? now.toISOString();
    const chain: TReportStep[] = [
      { level: 'unit', receivedAt: null, passedUpAt: input.unitPassedUpAt ?? receivedAt },
      { level, receivedAt, passedUpAt: null },
    ];
    const chainProblem = reportChainProblem({ occurredAt: input.occurredAt, knownAt: input.knownAt, steps: chain, now });
    if (chainProblem) throw rule(chainProblem);

    const grade: TAccidentGrade | null = isAccident ? accidentGrade(casualties) : null;
    const industry = firm ? industryOf(firm.supervisionCategory) : input.industry;
    const window = followUpWindow({ occurredAt: input.occurredAt, roadOrFire: isRoadOrFire(input.accidentType, industry), now });
    const base = { grade, knownAt: input.knownAt, chain };
    const id = await db.transaction(async (tx) => {
      const row = await repo.insertAccident(tx, {
        kind: input.kind,
        title: input.title,
        enterpriseId: firm?.id ?? null,
        partyName: firm?.name ?? input.partyName,
        divisionCode: town.code,
        industry,
        supervisionCategory: firm?.supervisionCategory ?? null,
        accidentType: isAccident ? input.accidentType : null,
        emergencyType: isAccident ? null : input.emergencyType,
        place: input.place,
        longitude: input.longitude,
        latitude: input.latitude,
        occurredAt: input.occurredAt,
        occurredOn: bureauDate(new Date(input.occurredAt)),
        knownAt: input.knownAt,
        summary: input.summary,
        measures: input.measures,
        ...casualties,
        affectedPeople: input.affectedPeople,
        evacuated: input.evacuated,
        housesDamaged: input.housesDamaged,
        grade,
        chain,
        ...pendingColumns(base, now),
        followUpLastDay: window.lastDay,
        createdBy: actor.id,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
      await audit.record(tx, ctx, { action: 'create', entity: 'accident', entityId: row.id, after: row, divisionCode: row.divisionCode });
      if (firm && grade) {
        await events.emit(
          tx,
          'accident.recorded',
          {
            enterpriseId: firm.id,
            occurredAt: new Date(input.occurredAt).toISOString(),
            ref: `accident:${row.id}`,
            summary: `发生${ACCIDENT_GRADE_LABELS[grade]}${ACCIDENT_TYPE_LABELS[input.accidentType!]}事故：${input.title}（死亡 ${input.deaths} 人）`,
            accidentId: row.id,
            grade,
          },
          ctx,
        );
      }
      return row.id;
    });
    return detailOf(id);
  }

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

  /** One investigation step: loads and locks, checks, updates the accident's investigation columns, audits. */
  async function investigationChange(
    ctx: TRequestContext,
    id: number,
    change: (row: repo.TAccidentRow, today: string) => Partial<repo.TAccidentInsert>,
  ): Promise<TAccidentDetail> {
    const now = clock();
    await db.transaction(async (tx) => {
      const { row } = await forChange(ctx, 'accident.manage', id, tx);
      if (row.kind !== 'accident') throw rule('突发事件信息不进行生产安全事故调查');
      const values = change(row, bureauDate(now));
      await repo.updateAccident(tx, id, { ...values, updatedAt: now.toISOString() });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'accident_investigation',
        entityId: id,
        after: values,
        divisionCode: row.divisionCode,
      });
    });
    return detailOf(id);
  }

  const openInvestigation = (ctx: TRequestContext, id: number, input: z.output<typeof ZInvestigationOpenSchema>) =>
    investigationChange(ctx, id, (row, today) => {
      if (row.investigationLeadUnit !== null) throw new AppError('conflict', '该事故已启动调查');
      if (input.startedOn < row.occurredOn || input.startedOn > today)
        throw new AppError('invalid', '调查开始日期应在事故发生之日与今天之间', { field: 'startedOn' });
      return {
        investigationLeadUnit: input.leadUnit,
        investigationStartedOn: input.startedOn,
        investigationReportDueOn: investigationReportDueOn({ accidentDate: row.occurredOn, extensionDays: null }),
      };
    });

  const extendInvestigation = (ctx: TRequestContext, id: number, input: z.output<typeof ZInvestigationExtendSchema>) =>
    investigationChange(ctx, id, (row) => {
      if (row.investigationLeadUnit === null) throw rule('尚未启动调查，不能延长调查报告期限');
      const problem = extensionProblem(
        { extensionDays: row.investigationExtensionDays, reportSubmittedOn: row.investigationReportSubmittedOn },
        input.days,
      );
      if (problem) throw rule(problem, 'days');
      return {
        investigationExtensionDays: input.days,
        investigationExtensionReason: input.reason,
        investigationReportDueOn: investigationReportDueOn({ accidentDate: row.occurredOn, extensionDays: input.days }),
      };
    });

  const submitReport = (ctx: TRequestContext, id: number, input: z.output<typeof ZInvestigationReportSchema>) =>
    investigationChange(ctx, id, (row, today) => {
      if (row.investigationLeadUnit === null) throw rule('尚未启动调查，不能提交调查报告');
      if (row.investigationReportSubmittedOn !== null) throw new AppError('conflict', '调查报告已提交');
      if (input.submittedOn < row.investigationStartedOn! || input.submittedOn > today)
        throw new AppError('invalid', '调查报告提交日期应在调查开始之日与今天之间', { field: 'submittedOn' });
      return { investigationReportSubmittedOn: input.submittedOn, investigationParties: input.parties };
    });

  const reply = (ctx: TRequestContext, id: number, input: z.output<typeof ZInvestigationReplySchema>) =>
    investigationChange(ctx, id, (row, today) => {
      if (row.investigationReportSubmittedOn === null) throw rule('调查报告尚未提交，不能登记批复');
      if (row.investigationRepliedOn !== null) throw new AppError('conflict', '调查报告已批复');
      if (input.repliedOn < row.investigationReportSubmittedOn || input.repliedOn > today)
        throw new AppError('invalid', '批复日期应在调查报告提交之日与今天之间', { field: 'repliedOn' });
      return { investigationRepliedOn: input.repliedOn };
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
