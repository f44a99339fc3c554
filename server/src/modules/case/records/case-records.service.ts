import {
  AppError,
  bureauDate,
  CASE_STAGE_LABELS,
  inScope,
  inspectorProblem,
  type TCaseCreate,
  type TCaseDetail,
  type TCaseStage,
  type TEvidenceCreate,
  type TInquiryCreate,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import { actorSees, requirePermission } from '../../../kit/access';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAttachmentService } from '../../attachment/attachment.service';
import type { TAuditService } from '../../audit/audit.service';
import { divisionName } from '../../../shared/divisions';
import type { TSettingsService } from '../../settings/settings.service';
import * as catalogueRepo from '../catalogue/case-catalogue.repo';
import type { TCaseNumbering } from './case-numbering';
import type { TCaseRead } from './case-read.service';
import * as repo from './case.repo';

const fail = (message: string | null, code: 'rule_violation' | 'invalid' = 'rule_violation', field?: string) => {
  if (message) throw new AppError(code, message, field ? { field } : {});
};

export type TCaseRecordsService = ReturnType<typeof createCaseRecordsService>;

/**
 * Registering a case (立案申请) and what the officers add while investigating: evidence and interview records
 * (询问笔录). Each change is saved with its timeline event and audit entry in one transaction.
 */
export function createCaseRecordsService(deps: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  attachments: TAttachmentService;
  clock: TClock;
  read: TCaseRead;
  numbering: TCaseNumbering;
}) {
  const { db, audit, settings, attachments, clock, read, numbering } = deps;

  async function create(ctx: TRequestContext, input: TCaseCreate): Promise<TCaseDetail> {
    const actor = requirePermission(ctx, 'case.handle');
    const now = clock();
    const today = bureauDate(now);
    if (!actorSees(actor, input.divisionCode)) throw new AppError('forbidden', '办案机关不在您的管辖范围内', { field: 'divisionCode' });
    if (input.discoveredOn > today) fail(`发现日期 ${input.discoveredOn} 晚于今天（${today}）`, 'invalid', 'discoveredOn');
    const s = await settings.get('caseProcedure');
    return db.transaction(async (tx) => {
      const body = await divisionName(tx, input.divisionCode);
      if (!body) throw new AppError('invalid', '办案机关（区划）不存在', { field: 'divisionCode' });
      let firm: Awaited<ReturnType<typeof repo.findFirm>>;
      if (input.enterpriseId) {
        firm = await repo.findFirm(tx, input.enterpriseId);
        if (!firm || !actorSees(actor, firm.divisionCode)) throw new AppError('not_found', '企业不存在', { field: 'enterpriseId' });
        if (!inScope(input.divisionCode, firm.divisionCode))
          fail(`${firm.name} 不在办案机关（${body}）的管辖范围内`, 'invalid', 'divisionCode');
      }
      const catalogue = new Map((await catalogueRepo.listViolations(tx, true)).map((v) => [v.code, v]));
      const unknown = input.violationCodes.find((c) => !catalogue.has(c));
      if (unknown) fail(`违法行为目录中没有 ${unknown}（或已停用）`, 'invalid', 'violationCodes');
      // art. 42: two or more officers holding valid enforcement certificates
      const pool = await repo.poolOfficers(tx, input.officerIds);
      fail(
        inspectorProblem({ inspectorIds: input.officerIds, pool, inspectedOn: today, minInspectors: s.minOfficers })?.message ?? null,
        'rule_violation',
        'officerIds',
      );
      const stranger = pool.find((p) => !inScope(input.divisionCode, p.divisionCode));
      if (stranger) fail(`承办人 ${stranger.displayName} 不属于办案机关（${body}）`, 'invalid', 'officerIds');
      const at = now.toISOString();
      const partyName = [firm?.name, input.person?.name].filter(Boolean).join('、');
      const row = await repo.insertCase(tx, {
        divisionCode: input.divisionCode,
        procedure: input.procedure,
        stage: 'pending_filing',
        enterpriseId: firm?.id ?? null,
        personName: input.person?.name ?? null,
        personIdNumber: input.person?.idNumber ?? null,
        personPosition: input.person?.position ?? null,
        partyName,
        sourceKind: input.sourceKind,
        sourceRef: input.sourceRef ?? null,
        summary: input.summary,
        violationCodes: input.violationCodes,
        occurredOn: input.occurredOn,
        discoveredOn: input.discoveredOn,
        harmsLifeOrHealth: input.harmsLifeOrHealth,
        createdBy: actor.id,
        createdAt: at,
        updatedAt: at,
      });
      const certs = new Map(pool.map((p) => [p.userId, p.certificateNo]));
      await repo.insertOfficers(
        tx,
        row.id,
        input.officerIds.map((userId) => ({ userId, certificateNo: certs.get(userId) ?? '' })),
      );
      await repo.insertEvent(tx, {
        caseId: row.id,
        action: 'create',
        fromStage: null,
        toStage: 'pending_filing',
        note: input.summary,
        actorId: actor.id,
        actorName: actor.displayName,
        at,
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'case',
        entityId: row.id,
        after: {
          ...input,
          person: input.person
            ? { ...input.person, idNumber: `${input.person.idNumber.slice(0, 6)}********${input.person.idNumber.slice(14)}` }
            : null,
        },
        divisionCode: input.divisionCode,
      });
      return read.detail(ctx, row.id, tx);
    });
  }

  async function addEvidence(ctx: TRequestContext, id: number, input: TEvidenceCreate): Promise<TCaseDetail> {
    const actor = requirePermission(ctx, 'case.handle');
    const today = bureauDate(clock());
    if (input.collectedOn > today) fail(`取证日期 ${input.collectedOn} 晚于今天（${today}）`, 'invalid', 'collectedOn');
    return db.transaction(async (tx) => {
      const { row } = await read.loadCase(tx, ctx, id, true);
      const officers = (await repo.officersOf(tx, id)).map((o) => o.userId);
      if (!officers.includes(actor.id)) fail('只有本案承办人可以添加证据');
      if (!['filed', 'investigating'].includes(row.stage))
        fail(`案件处于“${CASE_STAGE_LABELS[row.stage as TCaseStage]}”阶段，调查取证已终结，不能再添加证据`);
      await attachments.requireExisting(tx, ctx, [input.sha256], 'sha256');
      // the case page shows a 照片 as a picture (anything else as a file link): a PDF given as a 照片 was a broken picture
      const mime = input.kind === 'photo' ? (await attachments.describe(input.sha256, tx))?.mime : undefined;
      if (mime && !mime.startsWith('image/'))
        fail('照片应为 JPEG、PNG 或 WebP 图片；所选文件是 PDF，请作为“书证”或“笔录”添加', 'invalid', 'sha256');
      const at = clock().toISOString();
      const saved = await repo.insertEvidence(tx, { caseId: id, ...input, createdBy: actor.id, createdAt: at });
      await attachments.link(tx, 'case', id, [input.sha256]);
      await repo.updateCase(tx, id, { updatedAt: at });
      await repo.insertEvent(tx, {
        caseId: id,
        action: 'add_evidence',
        fromStage: row.stage,
        toStage: row.stage,
        note: input.title,
        actorId: actor.id,
        actorName: actor.displayName,
        at,
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'case_evidence',
        entityId: saved.id,
        after: { caseId: id, ...input },
        divisionCode: row.divisionCode,
      });
      return read.detail(ctx, id, tx);
    });
  }

  /** 询问笔录: recorded during the investigation by an officer of the case, numbered like every case document. */
  async function addInquiry(ctx: TRequestContext, id: number, input: TInquiryCreate): Promise<TCaseDetail> {
    const actor = requirePermission(ctx, 'case.handle');
    const today = bureauDate(clock());
    if (input.askedOn > today) fail(`询问日期 ${input.askedOn} 晚于今天（${today}）`, 'invalid', 'askedOn');
    return db.transaction(async (tx) => {
      const { row } = await read.loadCase(tx, ctx, id, true);
      if (!(await repo.officersOf(tx, id)).some((o) => o.userId === actor.id)) fail('只有本案承办人可以制作询问笔录');
      if (!['filed', 'investigating'].includes(row.stage))
        fail(`案件处于“${CASE_STAGE_LABELS[row.stage as TCaseStage]}”阶段，调查取证已终结，不能再制作询问笔录`);
      const at = clock().toISOString();
      const doc = await numbering.issueDocument(tx, row, 'inquiry', input.askedOn, actor.id, at, input);
      await repo.updateCase(tx, id, { updatedAt: at });
      await repo.insertEvent(tx, {
        caseId: id,
        action: 'add_inquiry',
        fromStage: row.stage,
        toStage: row.stage,
        note: `${doc.number}：询问 ${input.interviewee.name}`,
        actorId: actor.id,
        actorName: actor.displayName,
        at,
      });
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'case_document',
        entityId: doc.id,
        after: {
          caseId: id,
          kind: 'inquiry',
          number: doc.number,
          askedOn: input.askedOn,
          interviewee: input.interviewee.name,
          questions: input.questions.length,
        },
        divisionCode: row.divisionCode,
      });
      return read.detail(ctx, id, tx);
    });
  }

  return { create, addEvidence, addInquiry };
}
