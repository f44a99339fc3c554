import { randomUUID } from 'node:crypto';
import {
  AppError,
  bureauDate,
  can,
  CATEGORY_LABELS,
  gradeValidUntil,
  RISK_COLOUR_LABELS,
  RISK_EVENT_LABELS,
  scoreGradeProblem,
  type TRiskColour,
  type TRiskEventKind,
  type TRiskInitialGrade,
  type TRiskManualEvent,
  type TRiskPanel,
} from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import type { TAuditService } from '../audit/audit.service';
import type { TEnterpriseService } from '../enterprise/enterprise.service';
import { requirePermission } from '../../kit/access';
import type { TSettingsService } from '../settings/settings.service';
import { evaluateFirms, type TEvaluationOutcome } from './risk-evaluate';
import * as repo from './risk.repo';
import { createRiskProposals } from './risk-proposals';
import { toGradeDto, toProposalDto } from './risk.present';
import { iso } from '../../shared/iso';

export type TRiskService = ReturnType<typeof createRiskService>;

/** What another module reports about a firm (hazard, case and accident modules call recordEvent). */
export interface TRiskEventInput {
  enterpriseId: number;
  kind: TRiskEventKind;
  /** Hazard category, for hazard events (recurrence is counted per category). */
  category?: string | null;
  /** ISO instant. */
  occurredAt: string;
  module: string;
  /** The record in the reporting module (`hazard:123`); an event is recorded once per (kind, ref). */
  ref: string;
  summary: string;
}

const SYSTEM: TRequestContext = { actor: null, clientAddress: null };
const BATCH = 200;

export function createRiskService(deps: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  enterprises: TEnterpriseService;
  clock: TClock;
}) {
  const { db, audit, settings, enterprises, clock } = deps;

  async function auditOutcomes(tx: Db, ctx: TRequestContext, outcomes: TEvaluationOutcome[], cause: string): Promise<void> {
    for (const o of outcomes) {
      if (o.unchanged || (o.proposalId === null && o.withdrawnIds.length === 0)) continue;
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'risk_proposal',
        entityId: o.proposalId ?? o.withdrawnIds[0]!,
        actorName: ctx.actor ? null : '系统（风险动态评估）',
        after: { enterpriseId: o.enterpriseId, cause, proposal: o.proposal, supersededProposals: o.withdrawnIds },
      });
    }
  }

  /**
   * Records an event about a firm inside the caller's transaction (once per kind and ref), puts it on the firm's
   * timeline, and re-evaluates the firm's grade: a proposal may follow, never a silent change of grade.
   */
  async function recordEvent(tx: Db, input: TRiskEventInput, ctx: TRequestContext = SYSTEM) {
    const [firm] = await repo.firmsOf(tx, [input.enterpriseId]);
    if (!firm) throw new AppError('not_found', '企业不存在', { field: 'enterpriseId' });
    const eventId = await repo.insertEvent(tx, {
      ...input,
      category: input.category ?? null,
      occurredAt: iso(input.occurredAt),
      divisionCode: firm.divisionCode,
    });
    if (eventId === null)
      return { eventId: null, recorded: false, proposalId: (await repo.pendingProposalFor(tx, input.enterpriseId))?.proposal.id ?? null };
    await repo.addTimelineEvent(tx, {
      enterpriseId: input.enterpriseId,
      at: clock().toISOString(),
      module: input.module,
      kind: input.kind,
      summary: `${RISK_EVENT_LABELS[input.kind]}：${input.summary}`,
      ref: input.ref,
    });
    const outcomes = await evaluateFirms(tx, [input.enterpriseId], await settings.get('riskDynamic'), clock());
    await auditOutcomes(tx, ctx, outcomes, `${RISK_EVENT_LABELS[input.kind]}（${input.ref}）`);
    return {
      eventId,
      recorded: true,
      proposalId: outcomes[0]?.proposalId ?? (await repo.pendingProposalFor(tx, input.enterpriseId))?.proposal.id ?? null,
    };
  }

  /** An officer records 拒不执行监管指令 (or an accident or penalty not yet in its module) on the risk panel. */
  async function recordManualEvent(ctx: TRequestContext, enterpriseId: number, input: TRiskManualEvent) {
    requirePermission(ctx, 'risk.assess');
    const firm = await enterprises.loadInScope(db, ctx, enterpriseId);
    if (input.occurredOn > bureauDate(clock())) throw new AppError('invalid', '发生日期不能晚于今天', { field: 'occurredOn' });
    return db.transaction(async (tx) => {
      const ref = `manual:${randomUUID()}`;
      const result = await recordEvent(
        tx,
        { enterpriseId, kind: input.kind, occurredAt: `${input.occurredOn}T12:00:00+08:00`, module: 'risk', ref, summary: input.summary },
        ctx,
      );
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'risk_event',
        entityId: result.eventId,
        after: { enterpriseId, ...input, ref },
        divisionCode: firm.divisionCode,
      });
      return result;
    });
  }

  async function panel(ctx: TRequestContext, enterpriseId: number): Promise<TRiskPanel> {
    const actor = requirePermission(ctx, 'risk.read');
    await enterprises.loadInScope(db, ctx, enterpriseId);
    const [grade, history, events, pending] = await Promise.all([
      repo.findGrade(db, enterpriseId),
      repo.listHistory(db, enterpriseId),
      repo.recentEvents(db, enterpriseId),
      repo.pendingProposalFor(db, enterpriseId),
    ]);
    return {
      grade: grade ? toGradeDto(grade) : null,
      history: history.map(({ history: h, decidedByName }) => ({
        id: h.id,
        fromColour: h.fromColour as TRiskColour | null,
        toColour: h.toColour as TRiskColour,
        score: h.score,
        basis: h.basis as 'assessment',
        reasons: h.reasons,
        comment: h.comment,
        decidedByName,
        at: iso(h.at),
      })),
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        category: e.category,
        occurredAt: iso(e.occurredAt),
        module: e.module,
        ref: e.ref,
        summary: e.summary,
      })),
      pending: pending ? toProposalDto(pending) : null,
      expiringWithinDays: (await settings.get('riskAssessment')).expiringWithinDays,
      can: { assess: can(actor.role, 'risk.assess'), decide: can(actor.role, 'risk.decide') },
    };
  }

  /** A grade set by hand before any expert assessment (or after one lapsed), with its reason. */
  async function setInitialGrade(ctx: TRequestContext, enterpriseId: number, input: TRiskInitialGrade) {
    requirePermission(ctx, 'risk.assess');
    const firm = await enterprises.loadInScope(db, ctx, enterpriseId);
    const today = bureauDate(clock());
    if (input.assessedOn > today) throw new AppError('invalid', '定级日期不能晚于今天', { field: 'assessedOn' });
    const scoreProblem =
      input.score == null ? null : scoreGradeProblem(firm.supervisionCategory, CATEGORY_LABELS[firm.supervisionCategory], '得分');
    if (scoreProblem) throw new AppError('invalid', scoreProblem, { field: 'score' });
    const { validityYears } = await settings.get('riskAssessment');
    const now = clock().toISOString();
    return db.transaction(async (tx) => {
      const before = await repo.findGrade(tx, enterpriseId);
      if (before?.basis === 'assessment' && before.validUntil >= today) {
        throw new AppError('conflict', `该企业已有有效期至 ${before.validUntil} 的专家评估等级，请通过评估结果导入或动态调整变更`, {
          field: 'colour',
        });
      }
      const grade = {
        enterpriseId,
        divisionCode: firm.divisionCode,
        colour: input.colour,
        score: input.score ?? null,
        basis: 'initial' as const,
        forcedRed: [],
        assessedOn: input.assessedOn,
        validUntil: gradeValidUntil(input.assessedOn, validityYears),
        updatedAt: now,
      };
      await repo.upsertGrade(tx, grade);
      await repo.insertHistory(tx, [
        {
          enterpriseId,
          divisionCode: firm.divisionCode,
          fromColour: before?.colour ?? null,
          toColour: input.colour,
          score: grade.score,
          basis: 'initial',
          reasons: [{ rule: 'initial', text: `人工初始定级：${input.reason}` }],
          comment: input.reason,
          decidedBy: ctx.actor!.id,
          at: now,
        },
      ]);
      const pending = await repo.pendingProposalFor(tx, enterpriseId);
      if (pending) await repo.supersedeProposals(tx, [pending.proposal.id], now);
      await repo.addTimelineEvent(tx, {
        enterpriseId,
        at: now,
        module: 'risk',
        kind: 'risk_grade',
        summary: `初始定级为${RISK_COLOUR_LABELS[input.colour]}色：${input.reason}`,
        ref: null,
      });
      await audit.record(tx, ctx, {
        action: before ? 'update' : 'create',
        entity: 'risk_grade',
        entityId: enterpriseId,
        before: before ? toGradeDto(before) : null,
        after: { ...toGradeDto({ ...grade, updatedAt: now }), reason: input.reason },
        divisionCode: firm.divisionCode,
      });
      return toGradeDto({ ...grade, updatedAt: now });
    });
  }

  /** Re-evaluates every graded firm in the actor's scope, a batch per transaction, yielding between batches. */
  async function evaluateAll(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'risk.decide');
    const dynamic = await settings.get('riskDynamic');
    let after = 0;
    const totals = { evaluated: 0, proposed: 0, withdrawn: 0 };
    for (;;) {
      const ids = await repo.gradedIdsAfter(db, actor.divisionCode, after, BATCH);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      await db.transaction(async (tx) => {
        const outcomes = await evaluateFirms(tx, ids, dynamic, clock());
        const changed = outcomes.filter((o) => !o.unchanged);
        totals.evaluated += ids.length;
        totals.proposed += changed.filter((o) => o.proposalId !== null).length;
        totals.withdrawn += changed.reduce((n, o) => n + o.withdrawnIds.length, 0);
        await auditOutcomes(tx, ctx, changed, '重新评估');
      });
      await new Promise((r) => setImmediate(r));
    }
    return totals;
  }

  return { recordEvent, recordManualEvent, panel, setInitialGrade, ...createRiskProposals({ db, audit, clock }), evaluateAll };
}
