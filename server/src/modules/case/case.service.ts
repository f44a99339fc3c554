import {
  AppError,
  bureauDate,
  CASE_ACTION_PERMISSIONS,
  CASE_STAGE_LABELS,
  caseTransitionProblem,
  decisionDueOn,
  formatDocumentNumber,
  bodyAbbreviation,
  hearingEligible,
  inScope,
  inspectorProblem,
  nextStage as nextStageOf,
  paymentDueOn,
  surchargeFen,
  yuanText,
  type TCaseAction,
  type TCaseCreate,
  type TCaseDetail,
  type TCaseDocumentKind,
  type TCaseStage,
  type TEvidenceCreate,
  type TInquiryCreate,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import { readerInScope, type TAttachmentService } from '../attachment/attachment.service';
import type { TAuditService } from '../audit/audit.service';
import type { TEventBus } from '../../kit/events';
import type { TEnterpriseService } from '../enterprise/enterprise.service';
import type { TObligation, TObligationProvider } from '../enterprise/obligations';
import { bodyNaming, divisionName } from '../org/org.repo';
import { requirePermission } from '../../kit/access';
import type { TSettingsService } from '../settings/settings.service';
import { createCaseCatalogueService, toRule } from './case-catalogue.service';
import { createCaseRead } from './case.read';
import * as repo from './case.repo';

export type TCaseService = ReturnType<typeof createCaseService>;

const fail = (message: string | null, code: 'rule_violation' | 'invalid' = 'rule_violation', field?: string) => {
  if (message) throw new AppError(code, message, field ? { field } : {});
};
const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

/** Which document each action issues (numbered in the same transaction). */
const DOCUMENT_OF: Partial<Record<TCaseAction['kind'], TCaseDocumentKind>> = {
  approve_filing: 'filing',
  decide: 'decision',
  decide_on_spot: 'decision',
  serve: 'service',
  close: 'closing',
};

/**
 * Administrative penalty cases (行政处罚案件): filing to closing. Every procedural action is one call that loads the
 * case under a row lock, asks `caseTransitionProblem` (domain), and saves the change, the timeline event, any numbered
 * document and the audit entry in one transaction, or nothing. Registers the case obligations with the registry's
 * deregistration guard.
 */
export function createCaseService(deps: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  attachments: TAttachmentService;
  enterprises: Pick<TEnterpriseService, 'registerObligationProvider'>;
  events: TEventBus;
  clock: TClock;
}) {
  const { db, audit, settings, attachments, enterprises, events, clock } = deps;
  const catalogue = createCaseCatalogueService(deps);
  const read = createCaseRead(deps);
  const { loadInScope, detail, ruleState } = read;

  // Evidence is read by whoever may read the case: case.read with the case's body in scope (as loadInScope).
  attachments.registerReader(
    'case',
    readerInScope('case.read', async (tx, id) => (await repo.findCaseRow(tx, id))?.divisionCode),
  );

  async function create(ctx: TRequestContext, input: TCaseCreate): Promise<TCaseDetail> {
    const actor = requirePermission(ctx, 'case.handle');
    const now = clock();
    const today = bureauDate(now);
    if (!inScope(actor.divisionCode, input.divisionCode))
      throw new AppError('forbidden', '办案机关不在您的管辖范围内', { field: 'divisionCode' });
    if (input.discoveredOn > today) fail(`发现日期 ${input.discoveredOn} 晚于今天（${today}）`, 'invalid', 'discoveredOn');
    const s = await settings.get('caseProcedure');
    return db.transaction(async (tx) => {
      const body = await divisionName(tx, input.divisionCode);
      if (!body) throw new AppError('invalid', '办案机关（区划）不存在', { field: 'divisionCode' });
      let firm: Awaited<ReturnType<typeof repo.findFirm>>;
      if (input.enterpriseId) {
        firm = await repo.findFirm(tx, input.enterpriseId);
        if (!firm || !inScope(actor.divisionCode, firm.divisionCode))
          throw new AppError('not_found', '企业不存在', { field: 'enterpriseId' });
        if (!inScope(input.divisionCode, firm.divisionCode))
          fail(`${firm.name} 不在办案机关（${body}）的管辖范围内`, 'invalid', 'divisionCode');
      }
      const catalogue = new Map((await repo.listViolations(tx, true)).map((v) => [v.code, v]));
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
      return detail(ctx, row.id, tx);
    });
  }

  async function addEvidence(ctx: TRequestContext, id: number, input: TEvidenceCreate): Promise<TCaseDetail> {
    const actor = requirePermission(ctx, 'case.handle');
    const today = bureauDate(clock());
    if (input.collectedOn > today) fail(`取证日期 ${input.collectedOn} 晚于今天（${today}）`, 'invalid', 'collectedOn');
    return db.transaction(async (tx) => {
      const { row } = await loadInScope(tx, ctx, id, true);
      const officers = (await repo.officersOf(tx, id)).map((o) => o.userId);
      if (!officers.includes(actor.id)) fail('只有本案承办人可以添加证据');
      if (!['filed', 'investigating'].includes(row.stage))
        fail(`案件处于“${CASE_STAGE_LABELS[row.stage as TCaseStage]}”阶段，调查取证已终结，不能再添加证据`);
      await attachments.requireExisting(tx, ctx, [input.sha256], 'sha256');
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
      return detail(ctx, id, tx);
    });
  }

  /** 询问笔录: recorded during the investigation by an officer of the case, numbered like every case document. */
  async function addInquiry(ctx: TRequestContext, id: number, input: TInquiryCreate): Promise<TCaseDetail> {
    const actor = requirePermission(ctx, 'case.handle');
    const today = bureauDate(clock());
    if (input.askedOn > today) fail(`询问日期 ${input.askedOn} 晚于今天（${today}）`, 'invalid', 'askedOn');
    return db.transaction(async (tx) => {
      const { row } = await loadInScope(tx, ctx, id, true);
      if (!(await repo.officersOf(tx, id)).some((o) => o.userId === actor.id)) fail('只有本案承办人可以制作询问笔录');
      if (!['filed', 'investigating'].includes(row.stage))
        fail(`案件处于“${CASE_STAGE_LABELS[row.stage as TCaseStage]}”阶段，调查取证已终结，不能再制作询问笔录`);
      const at = clock().toISOString();
      const doc = await issueDocument(tx, row, 'inquiry', input.askedOn, actor.id, at, input);
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
      return detail(ctx, id, tx);
    });
  }

  /** Issues the next number of (body, year, kind) inside the caller's transaction. */
  async function issueDocument(
    tx: Db,
    row: repo.TCaseRow,
    kind: TCaseDocumentKind,
    issuedOn: string,
    actorId: number,
    at: string,
    content: unknown = null,
  ) {
    const docs = await settings.get('caseDocuments');
    const year = Number(issuedOn.slice(0, 4));
    const seq = await repo.nextDocumentSeq(tx, row.divisionCode, year, kind);
    const body = await bodyNaming(tx, row.divisionCode);
    const number = formatDocumentNumber(
      bodyAbbreviation(docs, row.divisionCode, body.name, body.qualifier),
      docs.kindWords[kind],
      year,
      seq,
    );
    try {
      return await repo.insertDocument(tx, {
        caseId: row.id,
        kind,
        divisionCode: row.divisionCode,
        year,
        seq,
        number,
        issuedOn,
        content,
        createdBy: actorId,
        createdAt: at,
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('conflict', `文书编号 ${number} 已被使用，文号不得重复（请检查文号设置后重试）`);
      throw e;
    }
  }

  /** One procedural action: checked by the domain rules, then saved with its event, document and audit entry, or refused with nothing changed. */
  async function act(ctx: TRequestContext, id: number, action: TCaseAction): Promise<TCaseDetail> {
    const actor = requirePermission(ctx, CASE_ACTION_PERMISSIONS[action.kind]);
    const now = clock();
    const today = bureauDate(now);
    const at = now.toISOString();
    const s = await settings.get('caseProcedure');
    return db.transaction(async (tx) => {
      const { row } = await loadInScope(tx, ctx, id, true);
      const state = await ruleState(tx, row);
      const catalogue = await repo.listViolations(tx);
      fail(caseTransitionProblem(state, action, actor, now, { procedure: s, violations: catalogue.map(toRule) }));
      const patch: Partial<repo.TCaseInsert> = {};
      let note: string | null = null;
      let documentOn: string | null = null;
      switch (action.kind) {
        case 'approve_filing':
          patch.filedOn = today;
          patch.decisionDueOn = decisionDueOn(today, [], s);
          documentOn = today;
          note = action.opinion ?? null;
          break;
        case 'propose': {
          const byCode = new Map(catalogue.map((v) => [v.code, v]));
          await repo.replacePenalties(
            tx,
            id,
            action.violations.map((v) => {
              const band = byCode.get(v.code)!.bands.find((b) => b.target === v.target && b.circumstance === v.circumstance);
              return {
                code: v.code,
                target: v.target,
                circumstance: v.circumstance,
                proposedFineFen: v.fineFen,
                bandMinFen: band?.minFen ?? null,
                bandMaxFen: band?.maxFen ?? null,
                outsideBandReason: v.outsideBandReason || null,
              };
            }),
          );
          Object.assign(patch, {
            findings: action.findings,
            confiscationFen: action.confiscationFen,
            otherPenalties: action.otherPenalties,
            complex: action.complex,
            majorPublicInterest: action.majorPublicInterest,
            legalReviewPassedAt: null,
            deliberatedAt: null,
          });
          note = `拟罚款 ${yuanText(action.violations.reduce((a, v) => a + v.fineFen, 0))}`;
          break;
        }
        case 'legal_review':
          Object.assign(patch, {
            legalReviewOpinion: action.opinion,
            legalReviewerId: actor.id,
            legalReviewPassedAt: action.result === 'pass' ? at : null,
          });
          note = `${action.result === 'pass' ? '审核通过' : '退回补充调查'}：${action.opinion}`;
          break;
        case 'deliberate':
          Object.assign(patch, { deliberationConclusion: action.conclusion, deliberatedAt: action.result === 'agree' ? at : null });
          note = `${action.heldOn} 集体讨论（${action.participants.join('、')}）：${action.conclusion}`;
          break;
        case 'notify': {
          const total = state.penalty ? state.penalty.fines.reduce((a, f) => a + f.fineFen, 0) : 0;
          Object.assign(patch, { notifiedOn: action.notifiedOn, noticeFineFen: total });
          documentOn = action.notifiedOn;
          break;
        }
        case 'record_statement':
          patch.statement = action.statement;
          note = action.statement;
          break;
        case 'waive_rights':
          patch.rightsWaived = true;
          note = action.note ?? null;
          break;
        case 'request_hearing':
          patch.hearingRequestedOn = action.requestedOn;
          break;
        case 'schedule_hearing':
          Object.assign(patch, { hearingOn: action.hearingOn, hearingChairId: action.chairId, hearingPlace: action.place });
          note = `${action.hearingOn} ${action.place}`;
          break;
        case 'conclude_hearing':
          patch.hearingHeldOn = action.heldOn;
          note = action.summary;
          break;
        case 'decide': {
          const penalties = await repo.penaltiesOf(tx, id);
          let total = 0;
          for (const p of penalties) {
            const fen =
              action.outcome === 'no_penalty'
                ? 0
                : (action.fines?.find((f) => f.code === p.code && f.target === p.target)?.fineFen ??
                  (action.fines ? 0 : p.proposedFineFen));
            total += fen;
            await repo.setDecidedFine(tx, id, p.code, p.target, fen);
          }
          Object.assign(patch, { decisionOutcome: action.outcome, decidedOn: action.decidedOn, fineDecidedFen: total });
          documentOn = action.decidedOn;
          note = action.outcome === 'no_penalty' ? '不予行政处罚' : `罚款 ${yuanText(total)}`;
          break;
        }
        case 'decide_on_spot': {
          const v = action.violation;
          const fen = action.warningOnly ? 0 : v.fineFen;
          await repo.replacePenalties(tx, id, [
            {
              code: v.code,
              target: v.target,
              circumstance: v.circumstance,
              proposedFineFen: fen,
              decidedFineFen: fen,
              outsideBandReason: v.outsideBandReason || null,
            },
          ]);
          Object.assign(patch, {
            decisionOutcome: 'penalty',
            decidedOn: action.decidedOn,
            servedOn: action.decidedOn,
            serviceMethod: 'direct',
            fineDecidedFen: fen,
            otherPenalties: action.warningOnly ? ['warning'] : [],
          });
          documentOn = action.decidedOn;
          note = action.warningOnly ? '当场警告' : `当场罚款 ${yuanText(fen)}`;
          break;
        }
        case 'serve':
          Object.assign(patch, { servedOn: action.servedOn, serviceMethod: action.method });
          documentOn = action.servedOn;
          note = `签收人：${action.recipient}`;
          break;
        case 'record_payment': {
          const surcharge = surchargeFen(action.principalFen, paymentDueOn(row.servedOn!, s), action.paidOn, s);
          await repo.insertPayment(tx, {
            caseId: id,
            paidOn: action.paidOn,
            principalFen: action.principalFen,
            surchargeFen: surcharge,
            receiptNo: action.receiptNo ?? null,
            createdBy: actor.id,
            createdAt: at,
          });
          const paid = row.finePaidFen + action.principalFen;
          Object.assign(patch, {
            finePaidFen: paid,
            surchargePaidFen: row.surchargePaidFen + surcharge,
            paidOffOn: paid >= row.fineDecidedFen ? action.paidOn : null,
          });
          note = `缴纳罚款 ${yuanText(action.principalFen)}${surcharge ? `，加处罚款 ${yuanText(surcharge)}` : ''}`;
          break;
        }
        case 'extend':
          await repo.insertExtension(tx, { caseId: id, days: action.days, reason: action.reason, approvedBy: actor.id, approvedAt: at });
          patch.decisionDueOn = decisionDueOn(row.filedOn!, [...state.extensionDays, action.days], s);
          note = `延长 ${action.days} 天：${action.reason}`;
          break;
        case 'close':
          patch.closedOn = action.closedOn;
          documentOn = action.closedOn;
          note = action.opinion ?? null;
          break;
        case 'withdraw':
          patch.withdrawnReason = action.reason;
          note = action.reason;
          break;
        default:
          note = 'note' in action ? (action.note ?? null) : null;
      }
      const to = nextStageOf(state, action);
      const kind: TCaseDocumentKind | undefined =
        action.kind === 'notify'
          ? state.penalty && hearingEligible(state.penalty, s)
            ? 'hearing_notice'
            : 'notice'
          : DOCUMENT_OF[action.kind];
      let documentNo: string | null = null;
      if (kind && documentOn) {
        const doc = await issueDocument(tx, row, kind, documentOn, actor.id, at);
        documentNo = doc.number;
        if (kind === 'filing') patch.caseNo = doc.number;
      }
      await repo.updateCase(tx, id, { ...patch, stage: to, updatedAt: at });
      if (row.enterpriseId !== null) {
        const base = { enterpriseId: row.enterpriseId, caseId: id, occurredAt: at, ref: `case:${id}` };
        if (action.kind === 'approve_filing')
          await events.emit(tx, 'case.filed', { ...base, summary: `行政处罚立案（${documentNo}）：${row.summary}` }, ctx);
        const decided = (action.kind === 'decide' && action.outcome !== 'no_penalty') || action.kind === 'decide_on_spot';
        if (decided)
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
      return detail(ctx, id, tx);
    });
  }

  /** The stored content of a document (询问笔录), read within the case's scope. */
  // ───────────────────────────── the deregistration guard ─────────────────────────────
  const obligationProvider: TObligationProvider = {
    module: 'case',
    async obligationsFor(tx, enterpriseIds) {
      const out = new Map<number, TObligation[]>();
      for (const r of await repo.obligationsOf(tx, enterpriseIds)) {
        const list: TObligation[] = [];
        if (r.open > 0) list.push({ module: 'case', kind: 'open_case', count: r.open, summary: `未结案的行政处罚案件 ${r.open} 件` });
        if (r.unpaidCases > 0)
          list.push({
            module: 'case',
            kind: 'unpaid_fine',
            count: r.unpaidCases,
            summary: `未缴清罚款 ${yuanText(Number(r.unpaidFen))}（${r.unpaidCases} 件）`,
          });
        if (list.length) out.set(r.enterpriseId, list);
      }
      return out;
    },
  };

  enterprises.registerObligationProvider(obligationProvider);
  return { ...catalogue, ...read, create, addEvidence, addInquiry, act, obligationProvider };
}
