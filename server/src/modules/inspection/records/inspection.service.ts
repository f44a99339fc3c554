import {
  AppError,
  bureauDate,
  closingProblems,
  completenessProblems,
  findingsFromAnswers,
  INSPECTION_KIND_LABELS,
  inspectionDateProblem,
  inspectorProblem,
  type TInspectionCreate,
  type TInspectionUpdate,
  type TRuleProblem,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import { readerInScope, type TAttachmentService } from '../../attachment/attachment.service';
import type { TAuditService } from '../../audit/audit.service';
import type { TEventBus } from '../../../kit/events';
import { actorSees, loadInScope, requirePermission } from '../../../kit/access';
import type { TSettingsService } from '../../settings/settings.service';
import * as catalogueRepo from '../catalogue/catalogue.repo';
import * as findingRepo from './finding.repo';
import * as repo from './inspection.repo';
import type { TInspectionRead } from './inspection.read';

export type TInspectionService = ReturnType<typeof createInspectionService>;

const fail = (p: TRuleProblem | null | undefined, code: 'invalid' | 'rule_violation' = 'rule_violation') => {
  if (p) throw new AppError(code, p.message, { field: p.field });
};

/**
 * Inspection records (监督检查记录): a draft filled in at the firm, then submitted in one transaction that turns
 * each non-compliant item into a finding, writes the firm's timeline and the audit entry.
 */
export function createInspectionService(deps: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  attachments: TAttachmentService;
  read: TInspectionRead;
  events: TEventBus;
  clock: TClock;
}) {
  const { db, audit, settings, attachments, read, events, clock } = deps;

  // Answers' photos, findings' photos and the signature are read by whoever may read the record (inspection.read in scope).
  attachments.registerReader(
    'inspection',
    readerInScope('inspection.read', async (tx, id) => (await repo.findInspectionRow(tx, id))?.divisionCode),
  );

  /** The officers, each with a certificate valid on the day; returns what each showed. */
  async function checkInspectors(tx: Db, inspectorIds: number[], inspectedOn: string) {
    const { minInspectors } = await settings.get('inspectionPublication');
    const pool = await repo.poolInspectors(tx, inspectorIds);
    fail(inspectorProblem({ inspectorIds, pool, inspectedOn, minInspectors }));
    const byId = new Map(pool.map((p) => [p.userId, p]));
    return inspectorIds.map((id) => ({ userId: id, certificateNo: byId.get(id)!.certificateNo }));
  }

  async function loadDraft(tx: Db, ctx: TRequestContext, id: number) {
    // Out of scope reads as absent: a town does not learn what another town holds.
    const { row } = await loadInScope(
      ctx,
      'inspection.record',
      () => repo.findInspectionRow(tx, id, true),
      (r) => r.divisionCode,
      '检查记录不存在',
    );
    if (row.status !== 'draft') throw new AppError('rule_violation', '检查记录已提交，不能再修改');
    return row;
  }

  async function create(ctx: TRequestContext, input: TInspectionCreate) {
    const actor = requirePermission(ctx, 'inspection.record');
    const now = clock();
    fail(inspectionDateProblem(input.inspectedOn, bureauDate(now)), 'invalid');
    return db.transaction(async (tx) => {
      let enterpriseId = input.enterpriseId ?? 0;
      let planId: number | null = null;
      if (input.kind === 'planned') {
        const target = await repo.findDrawTarget(tx, input.drawTargetId!);
        if (!target || !actorSees(actor, target.divisionCode)) throw new AppError('not_found', '抽查对象不存在', { field: 'drawTargetId' });
        if (target.drawStatus !== 'drawn')
          throw new AppError('rule_violation', '该抽取尚未完成或已作废，不能据此检查', { field: 'drawTargetId' });
        if (target.inspectionId)
          throw new AppError('conflict', `该抽查对象已有检查记录（编号 ${target.inspectionId}）`, { field: 'drawTargetId' });
        enterpriseId = target.enterpriseId;
        planId = target.planId;
      }
      const firm = await repo.findFirm(tx, enterpriseId);
      if (!firm || !actorSees(actor, firm.divisionCode)) throw new AppError('not_found', '企业不存在', { field: 'enterpriseId' });
      const shown = await checkInspectors(tx, input.inspectorIds, input.inspectedOn);
      if (!(await catalogueRepo.findChecklist(tx, input.checklistId)))
        throw new AppError('invalid', '检查表不存在', { field: 'checklistId' });
      const at = now.toISOString();
      const row = await repo.insertInspection(tx, {
        enterpriseId,
        divisionCode: firm.divisionCode,
        kind: input.kind,
        drawTargetId: input.kind === 'planned' ? input.drawTargetId! : null,
        planId,
        colour: firm.colour,
        checklistId: input.checklistId,
        inspectedOn: input.inspectedOn,
        place: input.place,
        status: 'draft',
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      });
      await repo.replaceInspectors(tx, row.id, shown);
      if (row.drawTargetId) await repo.linkDrawTarget(tx, row.drawTargetId, row.id);
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'inspection',
        entityId: row.id,
        after: { ...input, enterpriseId, colour: firm.colour },
        divisionCode: firm.divisionCode,
      });
      return read.detail(ctx, row.id, tx);
    });
  }

  async function update(ctx: TRequestContext, id: number, input: TInspectionUpdate) {
    const today = bureauDate(clock());
    return db.transaction(async (tx) => {
      const before = await loadDraft(tx, ctx, id);
      const inspectedOn = input.inspectedOn ?? before.inspectedOn;
      if (input.inspectedOn) fail(inspectionDateProblem(inspectedOn, today), 'invalid');
      if (input.inspectorIds || input.inspectedOn) {
        const ids = input.inspectorIds ?? (await repo.inspectorsOf(tx, [id])).map((i) => i.userId);
        await repo.replaceInspectors(tx, id, await checkInspectors(tx, ids, inspectedOn));
      }
      const checklistId = input.checklistId ?? before.checklistId;
      if (input.checklistId && !(await catalogueRepo.findChecklist(tx, input.checklistId)))
        throw new AppError('invalid', '检查表不存在', { field: 'checklistId' });
      if (input.answers) {
        const onList = new Set((await catalogueRepo.checklistItemRows(tx, checklistId!)).map((i) => i.id));
        const stray = input.answers.find((a) => !onList.has(a.itemId));
        if (stray) throw new AppError('invalid', `检查事项（编号 ${stray.itemId}）不在所选检查表中`, { field: 'answers' });
        await attachments.requireExisting(
          tx,
          ctx,
          input.answers.flatMap((a) => a.photos),
          'answers',
          ['image/jpeg', 'image/png', 'image/webp'],
        );
        await repo.replaceAnswers(
          tx,
          id,
          input.answers.map((a) => ({ itemId: a.itemId, result: a.result, note: a.note || null, photos: a.photos })),
        );
        await attachments.link(
          tx,
          'inspection',
          id,
          input.answers.flatMap((a) => a.photos),
        );
      }
      if (input.signatureSha256) {
        await attachments.requireExisting(tx, ctx, [input.signatureSha256], 'signatureSha256');
        await attachments.link(tx, 'inspection', id, [input.signatureSha256]);
      }
      const { answers: _a, inspectorIds: _i, ...fields } = input;
      await repo.updateInspection(tx, id, { ...fields, updatedAt: clock().toISOString() });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'inspection',
        entityId: id,
        before: {
          inspectedOn: before.inspectedOn,
          place: before.place,
          checklistId: before.checklistId,
          conclusion: before.conclusion,
          representativeName: before.representativeName,
        },
        after: input,
        divisionCode: before.divisionCode,
      });
      return read.detail(ctx, id, tx);
    });
  }

  /** Checks the whole record and files it: findings, the firm's timeline and the audit entry, or nothing at all. */
  async function submit(ctx: TRequestContext, id: number) {
    const now = clock();
    return db.transaction(async (tx) => {
      const row = await loadDraft(tx, ctx, id);
      fail(inspectionDateProblem(row.inspectedOn, bureauDate(now)), 'invalid');
      await checkInspectors(
        tx,
        (await repo.inspectorsOf(tx, [id])).map((i) => i.userId),
        row.inspectedOn,
      );
      if (!row.checklistId) throw new AppError('rule_violation', '请选择检查表', { field: 'checklistId' });
      const items = await catalogueRepo.checklistItemRows(tx, row.checklistId);
      const answers = await repo.answersOf(tx, id);
      const problems = [...completenessProblems(items, answers), ...closingProblems(row)];
      if (problems.length > 0) {
        throw new AppError(
          'rule_violation',
          problems.length === 1 ? problems[0]!.message : `还有 ${problems.length} 处未完成：${problems[0]!.message}等`,
          {
            field: problems[0]!.field,
            details: { problems },
          },
        );
      }
      const drafts = findingsFromAnswers(items, answers);
      const at = now.toISOString();
      await findingRepo.insertFindings(
        tx,
        drafts.map((f) => ({
          ...f,
          inspectionId: id,
          enterpriseId: row.enterpriseId,
          divisionCode: row.divisionCode,
          foundOn: row.inspectedOn,
          createdAt: at,
        })),
      );
      await attachments.link(
        tx,
        'inspection',
        id,
        drafts.flatMap((f) => f.photos),
      );
      await repo.updateInspection(tx, id, { status: 'submitted', findingsCount: drafts.length, updatedAt: at });
      const major = drafts.filter((f) => f.majorHazard).length;
      await events.emit(
        tx,
        'inspection.completed',
        {
          enterpriseId: row.enterpriseId,
          inspectionId: id,
          inspectionKind: row.kind,
          findingCount: drafts.length,
          occurredAt: at,
          summary: `${INSPECTION_KIND_LABELS[row.kind]}（${row.inspectedOn}）：检查 ${items.length} 项，发现问题 ${drafts.length} 项${major ? `，其中重大事故隐患 ${major} 项` : ''}`,
          ref: `inspection:${id}`,
        },
        ctx,
      );
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'inspection',
        entityId: id,
        before: { status: 'draft' },
        after: { status: 'submitted', findings: drafts },
        divisionCode: row.divisionCode,
      });
      return read.detail(ctx, id, tx);
    });
  }

  /** 一公开 (国办发〔2015〕58号): a submitted record's result goes on the public page; the deadline is shown until then. */
  async function publish(ctx: TRequestContext, id: number) {
    const at = clock().toISOString();
    return db.transaction(async (tx) => {
      const { row } = await loadInScope(
        ctx,
        'inspection.record',
        () => repo.findInspectionRow(tx, id, true),
        (r) => r.divisionCode,
        '检查记录不存在',
      );
      if (row.status !== 'submitted') throw new AppError('rule_violation', '检查记录提交后才能公示结果');
      if (row.publishedAt !== null) throw new AppError('conflict', '该检查结果已经公示');
      await repo.updateInspection(tx, id, { publishedAt: at, updatedAt: at });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'inspection',
        entityId: id,
        before: { publishedAt: null },
        after: { publishedAt: at },
        divisionCode: row.divisionCode,
      });
      return read.detail(ctx, id, tx);
    });
  }

  return { create, update, submit, publish };
}
