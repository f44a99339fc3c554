import {
  AppError,
  bureauDate,
  can,
  resultOverdue,
  resultPublishBy,
  verifyDraw,
  type TDraw,
  type TDrawCandidate,
  type TDrawInputs,
  type TDrawInspector,
  type TDrawParams,
  type TPlanStratum,
  type TVerifyResult,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TSettingsService } from '../../settings/settings.service';
import { iso } from '../../../shared/iso';
import { loadInScope } from '../../../kit/access';
import * as inspectorRepo from '../inspectors/inspector.repo';
import * as repo from './draw.repo';
import * as planRepo from './plan.repo';
import type { TPlanService } from './plan.service';

export type TDrawRead = ReturnType<typeof createDrawRead>;

/** The presenter: the seed leaves the server only once the draw has been run. */
export const toDrawDto = (d: repo.TDrawSummary): TDraw => ({
  id: d.id,
  planId: d.planId,
  planTitle: d.planTitle,
  divisionCode: d.divisionCode,
  label: d.label,
  status: d.status,
  commitment: d.commitment,
  seed: d.drawnAt ? d.seed : null,
  candidatesHash: d.candidatesHash,
  inspectorsHash: d.inspectorsHash,
  candidateCount: Number(d.candidateCount),
  inspectorCount: Number(d.inspectorCount),
  targetCount: Number(d.targetCount),
  committedAt: iso(d.committedAt)!,
  drawnAt: iso(d.drawnAt),
  publishedAt: iso(d.publishedAt),
  ...drawLinks(d),
});

/** A redraw's link (to the superseded draw) or a correction's (to the published draw it corrects). */
export function drawLinks(d: repo.TDrawSummary) {
  const correction = d.redrawOf !== null && d.linkedStatus !== 'superseded';
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    redrawOf: correction ? null : d.redrawOf,
    redrawReason: correction ? null : d.redrawReason,
    supersededBy: num(d.supersededBy),
    correctionOf: correction ? d.redrawOf : null,
    correctionReason: correction ? d.redrawReason : null,
    correctedBy: num(d.correctedBy),
  };
}

/** Reading draws: a draw is in scope when its plan is (another body's draw reads as absent). */
export function createDrawRead({
  db,
  plans,
  settings,
  clock,
}: {
  db: Db;
  plans: Pick<TPlanService, 'loadPlan'>;
  settings: TSettingsService;
  clock: TClock;
}) {
  async function loadDraw(tx: Db, ctx: TRequestContext, id: number, permission: 'inspection.read' | 'inspection.plan' = 'inspection.read') {
    const { row } = await loadInScope(
      ctx,
      permission,
      async () => {
        const draw = await repo.findDraw(tx, id);
        const plan = draw && (await planRepo.findPlan(tx, draw.planId));
        return draw && plan ? { draw, plan } : null;
      },
      (r) => r.plan.divisionCode,
      '抽取记录不存在',
    );
    return row;
  }

  async function listOfPlan(ctx: TRequestContext, planId: number): Promise<TDraw[]> {
    await plans.loadPlan(db, ctx, planId);
    return (await repo.listDrawsOfPlan(db, planId)).map(toDrawDto);
  }

  async function detail(ctx: TRequestContext, id: number, page: number, pageSize: number) {
    const { draw, plan } = await loadDraw(db, ctx, id);
    const rows = await repo.listTargets(db, id, (page - 1) * pageSize, pageSize);
    const names = await inspectorRepo.namesOf(db, [...new Set(rows.flatMap((r) => r.inspectorIds))]);
    const planner = can(ctx.actor!.role, 'inspection.plan');
    const { resultDays } = await settings.get('inspectionPublication');
    const calendar = await settings.get('workCalendar');
    const today = bureauDate(clock());
    return {
      draw: toDrawDto(draw),
      targets: rows.map((r) => ({
        id: r.id,
        position: r.position,
        enterpriseId: r.enterpriseId,
        enterpriseName: r.enterpriseName,
        divisionCode: r.divisionCode,
        divisionName: r.divisionName,
        stratum: r.stratum as TPlanStratum,
        inspectorIds: r.inspectorIds,
        inspectorNames: r.inspectorIds.map((i) => names.get(i) ?? `#${i}`),
        inspectionId: r.inspectionId,
        inspectedOn: r.inspectedOn,
        publishBy: r.inspectedOn ? resultPublishBy(calendar, r.inspectedOn, resultDays) : null,
        resultPublished: r.resultPublishedAt !== null,
        publicationOverdue: r.inspectedOn ? resultOverdue(calendar, r.inspectedOn, resultDays, r.resultPublishedAt !== null, today) : false,
      })),
      can: {
        draw: planner && draw.status === 'committed',
        publish: planner && draw.drawnAt !== null && draw.publishedAt === null && draw.status !== 'superseded',
        redraw: planner && draw.status !== 'superseded' && draw.publishedAt === null && plan.status === 'approved',
        correct: planner && draw.status === 'drawn' && draw.publishedAt !== null && plan.status === 'approved',
      },
    };
  }

  /** The frozen inputs and stored targets, as the draw function reads them; the seed only once revealed. */
  async function inputsOf(tx: Db, id: number, revealSeed: boolean): Promise<TDrawInputs> {
    const full = (await repo.findDrawFull(tx, id))!;
    const targets = await repo.storedTargets(tx, id);
    return {
      drawId: id,
      commitment: full.commitment,
      seed: revealSeed ? full.seed : null,
      candidatesHash: full.candidatesHash,
      inspectorsHash: full.inspectorsHash,
      candidates: full.candidates as TDrawCandidate[],
      inspectors: full.inspectorPool as TDrawInspector[],
      params: full.params as TDrawParams,
      targets: targets.map((t) => ({ ...t, stratum: t.stratum as TPlanStratum })),
    };
  }

  async function inputs(ctx: TRequestContext, id: number): Promise<TDrawInputs> {
    const { draw } = await loadDraw(db, ctx, id);
    return inputsOf(db, id, draw.drawnAt !== null);
  }

  /** Reruns a stored draw (the CLI's draw-verify and the verify button): recomputes hashes, commitment and targets. */
  async function verify(tx: Db, id: number): Promise<TVerifyResult> {
    const full = await repo.findDrawFull(tx, id);
    if (!full) throw new AppError('not_found', `抽取记录 ${id} 不存在`);
    if (!full.drawnAt) return { ok: false, problem: '该抽取尚未执行，种子未公开，无法验证' };
    const i = await inputsOf(tx, id, true);
    return verifyDraw({
      seed: i.seed!,
      commitment: i.commitment,
      candidates: i.candidates,
      inspectors: i.inspectors,
      params: i.params,
      candidatesHash: i.candidatesHash,
      inspectorsHash: i.inspectorsHash,
      targets: i.targets,
    });
  }

  async function verifyInScope(ctx: TRequestContext, id: number): Promise<TVerifyResult> {
    await loadDraw(db, ctx, id);
    return verify(db, id);
  }

  return { loadDraw, listOfPlan, detail, inputs, inputsOf, verify, verifyInScope };
}
