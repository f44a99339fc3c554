/** The closed loop's actions on one hazard (order, start, plan, submit, re-check, extensions): one transaction each. */
import {
  AppError,
  bureauDate,
  HAZARD_ACTION_LABELS,
  HAZARD_LEVEL_LABELS,
  HAZARD_STATE_LABELS,
  hazardActionProblem,
  hazardNextState,
  hazardOrderPrefix,
  type TAuditAction,
  type THazardActionInput,
  type THazardDetail,
  type THazardPlan,
} from '@yingji/domain';
import type { TRequestContext } from '../../../shared/context';
import { failOn, HAZARD_DOCUMENT_MIMES, HAZARD_PHOTO_MIMES, hazardActor, issuerOf, loadVisibleHazard } from './hazard-access';
import type { THazardWriteDeps } from './hazard-create';
import { forRules, hazardDetail } from './hazard-detail';
import * as repo from './hazard.repo';

const mergePlan = (before: THazardPlan | null, patch: THazardPlan | undefined): THazardPlan | null =>
  patch ? { ...(before ?? {}), ...patch } : before;

/** One action on a hazard, checked by the rules against its state, the actor and the settings; the version guards against a lost update. */
export function createHazardAct({ db, audit, settings, attachments, events, clock }: THazardWriteDeps) {
  async function act(ctx: TRequestContext, id: number, input: THazardActionInput): Promise<THazardDetail> {
    const actor = await hazardActor(db, ctx, 'hazard.rectify');
    const hazardSettings = await settings.get('hazard');
    const now = clock();
    const at = now.toISOString();
    const today = bureauDate(now);
    return db.transaction(async (tx) => {
      const row = await loadVisibleHazard(tx, actor, id, true);
      if (row.version !== input.version) throw new AppError('conflict', '该隐患已被他人更新，请刷新后重试', { field: 'version' });
      const h = await forRules(tx, row);
      const { version: _v, ...typed } = input;
      failOn(hazardActionProblem(h, typed, actor, now, hazardSettings));
      const photos = input.photos ?? [];
      const documents = input.documents ?? [];
      await attachments.requireExisting(tx, ctx, photos, 'photos', HAZARD_PHOTO_MIMES);
      await attachments.requireExisting(tx, ctx, documents, 'documents', HAZARD_DOCUMENT_MIMES);
      const note = input.note?.trim() || null;
      const toState = hazardNextState(row.state, input.action);
      const fields: Partial<repo.THazardInsert> = { state: toState, version: row.version + 1, updatedAt: at };
      let deadlineSet: string | null = null;
      switch (input.action) {
        case 'order': {
          const issuer = await issuerOf(tx, actor.divisionCode);
          const year = Number(today.slice(0, 4));
          const prefix = hazardOrderPrefix(await settings.get('caseDocuments'), issuer.code, issuer.name, issuer.qualifier);
          const n = await repo.nextOrderNo(tx, prefix, year);
          Object.assign(fields, {
            deadline: input.deadline!,
            orderNo: `${prefix}〔${year}〕${n}号`,
            orderedAt: at,
            plan: mergePlan(row.plan, input.plan),
          });
          deadlineSet = input.deadline!;
          break;
        }
        case 'start':
        case 'plan':
          fields.plan = mergePlan(row.plan, input.plan);
          break;
        case 'submit':
          Object.assign(fields, { submittedBy: actor.id, submittedAt: at });
          break;
        case 'recheck_pass':
          Object.assign(fields, { closedBy: actor.id, closedAt: at, closedOn: today });
          break;
        case 'recheck_fail':
          Object.assign(fields, { deadline: input.deadline!, submittedBy: null, submittedAt: null });
          deadlineSet = input.deadline!;
          break;
        case 'request_extension':
          await repo.insertExtension(tx, {
            hazardId: id,
            previousDeadline: row.deadline,
            requestedDeadline: input.deadline!,
            reason: note ?? '',
            status: 'pending',
            requestedBy: actor.id,
            requestedAt: at,
          });
          deadlineSet = input.deadline!;
          break;
        case 'approve_extension':
          await repo.decideExtension(tx, h.pendingId!, { status: 'approved', decidedBy: actor.id, decidedAt: at, decisionNote: note });
          fields.deadline = h.pendingDeadline!;
          deadlineSet = h.pendingDeadline!;
          break;
        case 'reject_extension':
          await repo.decideExtension(tx, h.pendingId!, { status: 'rejected', decidedBy: actor.id, decidedAt: at, decisionNote: note });
          break;
      }
      await repo.updateHazard(tx, id, fields);
      await repo.insertTransition(tx, {
        hazardId: id,
        action: input.action,
        fromState: row.state,
        toState,
        note,
        deadline: deadlineSet,
        photos,
        documents,
        actorId: actor.id,
        at,
      });
      await attachments.link(tx, 'hazard', id, [...photos, ...documents]);
      const label = HAZARD_ACTION_LABELS[input.action];
      const summary = `${row.description}：${label}${toState !== row.state ? `（${HAZARD_STATE_LABELS[row.state]} → ${HAZARD_STATE_LABELS[toState]}）` : ''}${deadlineSet ? `，期限 ${deadlineSet}` : ''}${fields.orderNo ? `，${fields.orderNo}` : ''}`;
      if (input.action === 'recheck_pass') {
        await events.emit(
          tx,
          'hazard.closed',
          {
            enterpriseId: row.enterpriseId,
            hazardId: id,
            category: row.category,
            level: row.level,
            occurredAt: at,
            ref: `hazard:${id}`,
            summary: `${row.description}（${HAZARD_LEVEL_LABELS[row.level]}）复查通过并销号`,
          },
          ctx,
        );
      } else {
        await events.emit(
          tx,
          'hazard.progressed',
          {
            enterpriseId: row.enterpriseId,
            hazardId: id,
            action: input.action,
            occurredAt: at,
            ref: `hazard:${id}`,
            summary: `事故隐患${summary}`,
          },
          ctx,
        );
      }
      const auditAction: TAuditAction = 'update';
      await audit.record(tx, ctx, {
        action: auditAction,
        entity: 'hazard',
        entityId: id,
        before: { state: row.state, deadline: row.deadline, plan: row.plan, version: row.version },
        after: {
          action: input.action,
          state: toState,
          deadline: fields.deadline ?? row.deadline,
          plan: fields.plan ?? row.plan,
          orderNo: fields.orderNo ?? row.orderNo,
          note,
          photos,
          documents,
          version: row.version + 1,
        },
        divisionCode: row.divisionCode,
      });
      return hazardDetail(tx, actor, id, now);
    });
  }

  return act;
}
