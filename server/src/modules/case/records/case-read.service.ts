import {
  availableCaseActions,
  bureauDate,
  can,
  CASE_ACTION_LABELS,
  CASE_DOCUMENT_LABELS,
  CASE_STAGE_LABELS,
  caseClocks,
  deliberationReasons,
  hearingEligible,
  legalReviewReasons,
  paymentDueOn,
  penaltyFacts,
  type TCaseDetail,
  type TCaseDocumentKind,
  type TCaseItem,
  type TCaseListQuery,
  type TCaseRuleState,
  type TCaseProcedureSettings,
  type TCaseStage,
  type TWorkCalendar,
  type TFineTotalsQuery,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import { loadInScope, requirePermission } from '../../../kit/access';
import type { TSettingsService } from '../../settings/settings.service';
import * as catalogueRepo from '../catalogue/case-catalogue.repo';
import * as listRepo from './case-list.repo';
import * as repo from './case.repo';
import * as sourceRepo from './case-source.repo';
import { executionView, orderView, scheduledDueOn, violationsView } from './case-detail.view';
import { divisionName as readDivisionName } from '../../../shared/divisions';

export type TCaseRead = ReturnType<typeof createCaseRead>;

/** Reading cases: the list with its clocks computed on read, the detail with what the user may do, the views. */
export function createCaseRead({ db, settings, clock }: { db: Db; settings: TSettingsService; clock: TClock }) {
  async function ruleState(tx: Db, row: repo.TCaseRow): Promise<TCaseRuleState> {
    const [officers, penalties, extensions, sourceAccidentGrade, firmPenaltyDates] = await Promise.all([
      repo.officersOf(tx, row.id),
      repo.penaltiesOf(tx, row.id),
      repo.extensionDaysOf(tx, [row.id]),
      sourceRepo.sourceAccidentGrade(tx, row),
      row.enterpriseId ? repo.firmPenaltyDates(tx, row.enterpriseId, row.id) : Promise.resolve([]),
    ]);
    const penalty = penalties.length
      ? penaltyFacts(row.procedure, {
          violations: penalties.map((p) => ({
            code: p.code,
            target: p.target,
            fineFen: p.proposedFineFen,
            minFen: p.statutoryMinFen,
            maxFen: p.statutoryMaxFen,
            reductionGround: p.reductionGround,
          })),
          confiscationFen: row.confiscationFen,
          otherPenalties: row.otherPenalties as never,
          complex: row.complex,
          majorPublicInterest: row.majorPublicInterest,
        })
      : null;
    return {
      procedure: row.procedure,
      stage: row.stage as TCaseStage,
      divisionCode: row.divisionCode,
      officerIds: officers.map((o) => o.userId),
      occurredOn: row.occurredOn,
      discoveredOn: row.discoveredOn,
      harmsLifeOrHealth: row.harmsLifeOrHealth,
      filedOn: row.filedOn,
      evidenceCount: row.evidenceCount,
      violationCodes: row.violationCodes,
      penalty,
      legalReviewPassedAt: row.legalReviewPassedAt,
      deliberatedAt: row.deliberatedAt,
      notifiedOn: row.notifiedOn,
      noticeFineFen: row.noticeFineFen,
      rightsWaived: row.rightsWaived,
      // art. 45: a hearing is the party's 申辩 too
      argued: row.statement !== null || row.hearingHeldOn !== null,
      hearingRequestedOn: row.hearingRequestedOn,
      hearingOn: row.hearingOn,
      hearingChairId: row.hearingChairId,
      hearingHeldOn: row.hearingHeldOn,
      extensionDays: extensions.get(row.id) ?? [],
      decidedOn: row.decidedOn,
      fineDecidedFen: row.fineDecidedFen,
      finePaidFen: row.finePaidFen,
      servedOn: row.servedOn,
      sourceAccidentGrade,
      paymentPlan: row.paymentPlan,
      demandServedOn: row.demandServedOn,
      demandComplyBy: row.demandComplyBy,
      enforcementAppliedOn: row.enforcementAppliedOn,
      dailyFineRecorded: row.dailyFine !== null,
      unitFinesByCode: Object.fromEntries(
        penalties.filter((p) => p.target === 'unit' && p.decidedFineFen).map((p) => [p.code, p.decidedFineFen!]),
      ),
      firmPenaltyDates,
    };
  }

  /** A list item with its clocks; the settings and calendar are read once by the caller, not once a row. */
  function item(
    row: listRepo.TCaseListRow,
    divisionName: string | null,
    extensionDays: number[],
    today: string,
    s: TCaseProcedureSettings,
    calendar: TWorkCalendar,
    eligible = false,
  ): TCaseItem {
    return {
      id: row.id,
      caseNo: row.caseNo,
      procedure: row.procedure,
      stage: row.stage as TCaseStage,
      stageLabel: CASE_STAGE_LABELS[row.stage as TCaseStage],
      divisionCode: row.divisionCode,
      divisionName,
      enterpriseId: row.enterpriseId,
      partyName: row.partyName,
      sourceKind: row.sourceKind,
      summary: row.summary,
      filedOn: row.filedOn,
      decisionDueOn: row.decisionDueOn,
      decidedOn: row.decidedOn,
      fineDecidedFen: row.fineDecidedFen,
      finePaidFen: row.finePaidFen,
      clocks: caseClocks(
        {
          stage: row.stage,
          filedOn: row.filedOn,
          extensionDays,
          decidedOn: row.decidedOn,
          notifiedOn: row.notifiedOn,
          hearingEligible: eligible,
          hearingRequestedOn: row.hearingRequestedOn,
          servedOn: row.servedOn,
          fineDecidedFen: row.fineDecidedFen,
          finePaidFen: row.finePaidFen,
          paidOffOn: row.paidOffOn,
          occurredOn: row.occurredOn,
          harmsLifeOrHealth: row.harmsLifeOrHealth,
          discoveredOn: row.discoveredOn,
          scheduledDueOn: scheduledDueOn(row, s),
          demandComplyBy: row.demandComplyBy,
          enforcementClosesOn: row.enforcementDueOn,
          enforcementAppliedOn: row.enforcementAppliedOn,
        },
        today,
        s,
        calendar,
      ),
      createdAt: row.createdAt,
    };
  }

  async function list(ctx: TRequestContext, q: TCaseListQuery) {
    const actor = requirePermission(ctx, 'case.read');
    const today = bureauDate(clock());
    const s = await settings.get('caseProcedure');
    const calendar = await settings.get('workCalendar');
    const { rows, total } = await listRepo.listCases(db, actor.divisionCode, q, today, { ...s, calendar }, actor.id);
    return { items: rows.map((r) => item(r.c, r.divisionName, r.extensionDays, today, s, calendar)), total };
  }

  /** A case the actor may read (case.read, its body in scope), else 404; `forUpdate` locks the row. */
  const loadCase = (tx: Db, ctx: TRequestContext, id: number, forUpdate = false) =>
    loadInScope(
      ctx,
      'case.read',
      () => repo.findCaseRow(tx, id, forUpdate),
      (row) => row.divisionCode,
      '案件不存在',
    );

  async function detail(ctx: TRequestContext, id: number, tx: Db = db): Promise<TCaseDetail> {
    const { actor, row } = await loadCase(tx, ctx, id);
    const s = await settings.get('caseProcedure');
    const today = bureauDate(clock());
    const state = await ruleState(tx, row);
    const sourceOrder = await sourceRepo.sourceHazardOrder(tx, row);
    const [officers, penalties, evidence, events, documents, payments, extensions, catalogue, divisionName, firm] = await Promise.all([
      repo.officersOf(tx, id),
      repo.penaltiesOf(tx, id),
      repo.evidenceOf(tx, id),
      repo.eventsOf(tx, id),
      repo.documentsOf(tx, id),
      repo.paymentsOf(tx, id),
      repo.extensionsOf(tx, id),
      catalogueRepo.listViolations(tx),
      readDivisionName(tx, row.divisionCode),
      row.enterpriseId ? repo.findFirm(tx, row.enterpriseId) : Promise.resolve(undefined),
    ]);
    const eligible = state.penalty ? hearingEligible(state.penalty, s) : false;
    // arts. 58 (1)(2), 65: after a hearing the review reads its record again
    const hearingRecord = row.hearingHeldOn ? (events.findLast((e) => e.action === 'conclude_hearing')?.note ?? null) : null;
    const reviewReasons = [
      ...(row.hearingHeldOn ? [`已于 ${row.hearingHeldOn} 举行听证，须根据听证笔录再次审核（第五十八条第一款第二项、第六十五条）`] : []),
      ...(state.penalty ? legalReviewReasons(state.penalty, s) : []),
    ];
    const calendar = await settings.get('workCalendar');
    const base = item(row, divisionName, state.extensionDays, today, s, calendar, eligible);
    const violations = violationsView(row.violationCodes, penalties, catalogue);
    const canActions: string[] = availableCaseActions(state, actor);
    if (['filed', 'investigating'].includes(row.stage) && state.officerIds.includes(actor.id) && can(actor.role, 'case.handle'))
      canActions.push('add_evidence', 'add_inquiry');
    return {
      case: {
        ...base,
        personName: row.personName,
        personIdNumber: row.personIdNumber,
        personPosition: row.personPosition,
        enterpriseName: firm?.name ?? null,
        creditCode: firm?.creditCode ?? null,
        sourceRef: row.sourceRef,
        occurredOn: row.occurredOn,
        discoveredOn: row.discoveredOn,
        harmsLifeOrHealth: row.harmsLifeOrHealth,
        complex: row.complex,
        majorPublicInterest: row.majorPublicInterest,
        confiscationFen: row.confiscationFen,
        otherPenalties: row.otherPenalties as TCaseDetail['case']['otherPenalties'],
        findings: row.findings,
        order: orderView(row),
        sourceOrder,
        accidentGrade: row.accidentGrade,
        accidentAggravated: row.accidentAggravated,
        sourceAccidentGrade: state.sourceAccidentGrade,
        legalReviewRequired: reviewReasons.length > 0,
        legalReviewReasons: reviewReasons,
        legalReviewPassedAt: row.legalReviewPassedAt,
        legalReviewOpinion: row.legalReviewOpinion,
        deliberationRequired: state.penalty ? deliberationReasons(state.penalty, s).length > 0 : false,
        deliberatedAt: row.deliberatedAt,
        deliberationConclusion: row.deliberationConclusion,
        notifiedOn: row.notifiedOn,
        noticeFineFen: row.noticeFineFen,
        rightsWaived: row.rightsWaived,
        statement: row.statement,
        hearingEligible: eligible,
        hearingRequestedOn: row.hearingRequestedOn,
        hearingOn: row.hearingOn,
        hearingChairId: row.hearingChairId,
        hearingHeldOn: row.hearingHeldOn,
        hearingRecord,
        decisionOutcome: row.decisionOutcome,
        noPenaltyGround: row.noPenaltyGround as TCaseDetail['case']['noPenaltyGround'],
        servedOn: row.servedOn,
        serviceMethod: row.serviceMethod as TCaseDetail['case']['serviceMethod'],
        paymentDueOn: scheduledDueOn(row, s) ?? (row.servedOn && row.fineDecidedFen > 0 ? paymentDueOn(row.servedOn, s) : null),
        surchargeFen: row.surchargePaidFen,
        closedOn: row.closedOn,
        withdrawnReason: row.withdrawnReason,
        version: row.version,
      },
      officers,
      violations,
      evidence,
      events: events.map((e) => ({
        id: e.id,
        action: e.action,
        actionLabel: CASE_ACTION_LABELS[e.action as keyof typeof CASE_ACTION_LABELS] ?? e.action,
        fromStage: e.fromStage,
        toStage: e.toStage,
        note: e.note,
        actorName: e.actorName,
        at: e.at,
      })),
      documents: documents.map((d) => ({
        id: d.id,
        kind: d.kind as TCaseDocumentKind,
        kindLabel: CASE_DOCUMENT_LABELS[d.kind as TCaseDocumentKind],
        number: d.number,
        issuedOn: d.issuedOn,
        createdAt: d.createdAt,
      })),
      payments,
      extensions,
      execution: executionView(row, s, calendar, today),
      can: canActions,
    };
  }

  async function documentContent(ctx: TRequestContext, caseId: number, docId: number): Promise<unknown> {
    await loadCase(db, ctx, caseId);
    return (await repo.findDocument(db, caseId, docId))?.content ?? null;
  }

  async function stageView(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'case.read');
    const rows = await listRepo.stageCounts(db, actor.divisionCode, bureauDate(clock()), {
      ...(await settings.get('caseProcedure')),
      calendar: await settings.get('workCalendar'),
    });
    return rows.map((r) => ({
      stage: r.stage as TCaseStage,
      stageLabel: CASE_STAGE_LABELS[r.stage as TCaseStage],
      count: r.count,
      dueSoon: r.dueSoon,
      overdue: r.overdue,
    }));
  }

  async function fineTotals(ctx: TRequestContext, q: TFineTotalsQuery) {
    const actor = requirePermission(ctx, 'case.read');
    const rows = await listRepo.fineTotals(db, actor.divisionCode, q);
    const sum = (k: 'cases' | 'decidedFen' | 'paidFen' | 'surchargeFen') => rows.reduce((a, r) => a + r[k], 0);
    return {
      rows,
      total: { cases: sum('cases'), decidedFen: sum('decidedFen'), paidFen: sum('paidFen'), surchargeFen: sum('surchargeFen') },
    };
  }

  return { ruleState, list, loadCase, detail, documentContent, stageView, fineTotals };
}
