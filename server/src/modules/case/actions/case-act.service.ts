import {
  AppError,
  bureauDate,
  CASE_ACTION_PERMISSIONS,
  caseTransitionProblem,
  nextStage,
  type TCaseAction,
  type TCaseActionKind,
  type TCaseDetail,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import { requirePermission } from '../../../kit/access';
import type { TEventBus } from '../../../kit/events';
import type { TNotifier } from '../../../kit/notify';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import type { TSettingsService } from '../../settings/settings.service';
import { toRule } from '../catalogue/case-catalogue.service';
import * as catalogueRepo from '../catalogue/case-catalogue.repo';
import type { TCaseNumbering } from '../records/case-numbering';
import type { TCaseRead } from '../records/case-read.service';
import * as repo from '../records/case.repo';
import type { TActionHandler, TActionHandlers } from './case-action';
import { decisionActions } from './decision.actions';
import { executionActions } from './execution.actions';
import { filingActions } from './filing.actions';
import { hearingActions } from './hearing.actions';
import { investigationActions } from './investigation.actions';

/** Every procedural action's handler; the type makes the list complete. */
const HANDLERS: TActionHandlers = {
  ...filingActions,
  ...investigationActions,
  ...hearingActions,
  ...decisionActions,
  ...executionActions,
};

export type TCaseActService = ReturnType<typeof createCaseActService>;

/**
 * Procedural actions (行政处罚程序): each is one call that loads the case under a row lock, asks
 * `caseTransitionProblem` (domain), runs the action's handler, and saves the change, the timeline event, any numbered
 * document, the events it raises and the audit entry in one transaction, or nothing.
 */
export function createCaseActService(deps: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  events: TEventBus;
  clock: TClock;
  read: TCaseRead;
  numbering: TCaseNumbering;
  notify: TNotifier;
}) {
  const { db, audit, settings, events, clock, read, numbering, notify } = deps;

  async function act(ctx: TRequestContext, id: number, action: TCaseAction): Promise<TCaseDetail> {
    const actor = requirePermission(ctx, CASE_ACTION_PERMISSIONS[action.kind]);
    const now = clock();
    const today = bureauDate(now);
    const at = now.toISOString();
    const procedure = await settings.get('caseProcedure');
    const calendar = await settings.get('workCalendar');
    return db.transaction(async (tx) => {
      const { row } = await read.loadCase(tx, ctx, id, true);
      const state = await read.ruleState(tx, row);
      const catalogue = await catalogueRepo.listViolations(tx);
      const problem = caseTransitionProblem(state, action, actor, now, { procedure, calendar, violations: catalogue.map(toRule) });
      if (problem) throw new AppError('rule_violation', problem);
      const handler = HANDLERS[action.kind] as TActionHandler<TCaseActionKind>;
      const { patch, note, document, raises } = await handler({
        tx,
        id,
        row,
        state,
        action,
        actor,
        today,
        at,
        procedure,
        catalogue,
        notify,
      });
      const to = nextStage(state, action);
      let documentNo: string | null = null;
      if (document) {
        const doc = await numbering.issueDocument(tx, row, document.kind, document.on, actor.id, at);
        documentNo = doc.number;
        if (document.kind === 'filing') patch.caseNo = doc.number;
      }
      await repo.updateCase(tx, id, { ...patch, stage: to, updatedAt: at });
      if (row.enterpriseId !== null && raises) {
        const base = { enterpriseId: row.enterpriseId, caseId: id, occurredAt: at, ref: `case:${id}` };
        if (raises === 'case.filed')
          await events.emit(tx, 'case.filed', { ...base, summary: `行政处罚立案（${documentNo}）：${row.summary}` }, ctx);
        else
          await events.emit(
            tx,
            'case.penalty_decided',
            { ...base, fineFen: patch.fineDecidedFen ?? 0, summary: `${note}（${documentNo ?? '当场处罚决定'}）：${row.summary}` },
            ctx,
          );
      }
      const { kind: _k, ...payload } = action;
      await repo.insertEvent(tx, {
        caseId: id,
        action: action.kind,
        fromStage: row.stage,
        toStage: to,
        note,
        payload,
        actorId: actor.id,
        actorName: actor.displayName,
        at,
      });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'case',
        entityId: id,
        before: { stage: row.stage, version: row.version },
        after: { action: action.kind, stage: to, ...payload },
        divisionCode: row.divisionCode,
      });
      return read.detail(ctx, id, tx);
    });
  }

  return { act };
}
