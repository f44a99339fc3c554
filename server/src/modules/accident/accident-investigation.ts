/**
 * The investigation of an accident (国务院令第493号 arts. 25–32): opened with its lead unit, the report due 60 days
 * after the accident with at most one extension of up to 60 days, the report with the parties it names, the reply.
 * Each step locks the accident, checks, updates its investigation columns and audits, in one transaction.
 */
import {
  AppError,
  bureauDate,
  extensionProblem,
  investigationReportDueOn,
  type TAccidentDetail,
  ZInvestigationExtendSchema,
  ZInvestigationOpenSchema,
  ZInvestigationReplySchema,
  ZInvestigationReportSchema,
} from '@yingji/domain';
import type { z } from 'zod';
import type { TCore } from '../../kit/module';
import type { TActorContext, TRequestContext } from '../../shared/context';
import * as repo from './accident.repo';

const rule = (message: string, field?: string) => new AppError('rule_violation', message, field ? { field } : {});

interface TDeps extends Pick<TCore, 'db' | 'clock' | 'audit'> {
  /** The accident for a change: in scope, locked, not closed. */
  forChange(
    ctx: TRequestContext,
    permission: 'accident.manage',
    id: number,
    tx: TCore['db'],
  ): Promise<{ actor: TActorContext; row: repo.TAccidentRow }>;
  detailOf(id: number): Promise<TAccidentDetail>;
}

export function createAccidentInvestigation({ db, clock, audit, forChange, detailOf }: TDeps) {
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

  return { openInvestigation, extendInvestigation, submitReport, reply };
}
