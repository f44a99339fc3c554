import { randomBytes } from 'node:crypto';
import {
  AppError,
  bureauDate,
  candidatesHash,
  canonicalCandidates,
  canonicalInspectors,
  inspectorsHash,
  runDraw,
  seedCommitment,
  type TDraw,
  type TDrawCandidate,
  type TDrawInspector,
  type TDrawParams,
  type TDrawResult,
  type TDrawTarget,
  type TPlanPoolFilter,
  type TPlanRatios,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import type { TSettingsService } from '../../settings/settings.service';
import * as inspectorRepo from '../inspectors/inspector.repo';
import * as repo from './draw.repo';
import type { TPlanService } from './plan.service';
import { createDrawRead, toDrawDto } from './draw.read';

export type TDrawService = ReturnType<typeof createDrawService>;

/**
 * The verifiable double-random draw (双随机, 国办发〔2015〕58号). Step 1 (生成承诺) makes a 32-byte secret seed,
 * freezes the candidate and inspector lists and publishes SHA-256(seed) with the lists' hashes; step 2 (执行抽取)
 * runs the pure draw, stores the targets and reveals the seed. A redraw needs a recorded reason and supersedes
 * the old draw, which stays visible.
 */
export function createDrawService({
  db,
  audit,
  plans,
  settings,
  clock,
}: {
  db: Db;
  audit: TAuditService;
  plans: TPlanService;
  settings: TSettingsService;
  clock: TClock;
}) {
  const read = createDrawRead({ db, plans, settings, clock });

  /** Names the firm in a refusal, and saves nothing. */
  async function refuse(tx: Db, result: Extract<TDrawResult, { ok: false }>): Promise<never> {
    const r = result.refusal;
    if (r.kind !== 'too_few_inspectors') throw new AppError('rule_violation', r.message);
    const name = (await repo.firmNames(tx, [r.enterpriseId])).get(r.enterpriseId) ?? `企业 ${r.enterpriseId}`;
    throw new AppError('rule_violation', `“${name}”${r.message}`, {
      details: { enterpriseId: r.enterpriseId, eligible: r.eligible, needed: r.needed },
    });
  }

  /** Freezes the lists of an approved plan and commits to a fresh seed; refuses a draw that could not be run. */
  async function commitIn(
    tx: Db,
    ctx: TRequestContext,
    planId: number,
    label: string,
    redraw?: { of: number; reason: string },
  ): Promise<number> {
    const plan = await plans.loadPlan(tx, ctx, planId, 'inspection.plan');
    if (plan.status !== 'approved') throw new AppError('rule_violation', '计划审批后才能抽取');
    const now = clock();
    const [firms, last, pool, conflicts] = await Promise.all([
      repo.freezeCandidates(tx, plan.divisionCode, plan.pool as TPlanPoolFilter),
      repo.lastInspectors(tx, plan.divisionCode),
      inspectorRepo.activePool(tx, plan.divisionCode),
      inspectorRepo.conflictsOfBody(tx, plan.divisionCode),
    ]);
    if (firms.length === 0)
      throw new AppError('rule_violation', '按计划的抽查范围，候选企业名录为空，无法抽取：请调整监管类别、标签、镇街或风险等级');
    const conflicted = new Map<number, number[]>();
    for (const c of conflicts) conflicted.set(c.enterpriseId, [...(conflicted.get(c.enterpriseId) ?? []), c.inspectorId]);
    const candidates: TDrawCandidate[] = canonicalCandidates(
      firms.map((f) => ({ ...f, excludedInspectorIds: [...(conflicted.get(f.enterpriseId) ?? []), ...(last.get(f.enterpriseId) ?? [])] })),
    );
    const inspectors: TDrawInspector[] = canonicalInspectors(pool);
    const params: TDrawParams = {
      ratios: plan.ratios as TPlanRatios,
      inspectorsPerTarget: plan.inspectorsPerTarget,
      drawDate: bureauDate(now),
    };
    const seed = randomBytes(32).toString('hex');
    // The draw is a function of the frozen inputs: run it now, so a commitment that could not be executed is never made.
    const trial = runDraw(seed, candidates, inspectors, params);
    if (!trial.ok) await refuse(tx, trial);
    const commitment = seedCommitment(seed);
    const hashes = { candidatesHash: candidatesHash(candidates), inspectorsHash: inspectorsHash(inspectors) };
    const id = await repo.insertDraw(tx, {
      planId,
      divisionCode: plan.divisionCode,
      label,
      status: 'committed',
      commitment,
      seed,
      candidates,
      inspectorPool: inspectors,
      params,
      ...hashes,
      committedAt: now.toISOString(),
      redrawOf: redraw?.of ?? null,
      redrawReason: redraw?.reason ?? null,
      createdBy: ctx.actor!.id,
    });
    // The audit entry carries the commitment, never the seed.
    await audit.record(tx, ctx, {
      action: 'create',
      entity: 'draw',
      entityId: id,
      after: {
        planId,
        label,
        commitment,
        ...hashes,
        candidates: candidates.length,
        inspectors: inspectors.length,
        drawDate: params.drawDate,
        redrawOf: redraw?.of ?? null,
        reason: redraw?.reason ?? null,
      },
      divisionCode: plan.divisionCode,
    });
    return id;
  }

  async function commit(ctx: TRequestContext, planId: number, label: string): Promise<TDraw> {
    const id = await db.transaction(async (tx) => {
      await plans.loadPlan(tx, ctx, planId, 'inspection.plan');
      return commitIn(tx, ctx, planId, label);
    });
    return toDrawDto((await repo.findDraw(db, id))!);
  }

  /** Step 2: runs the draw from the committed inputs, stores the targets (one statement) and reveals the seed. */
  async function execute(ctx: TRequestContext, id: number): Promise<TDraw> {
    await db.transaction(async (tx) => {
      await repo.lockDraw(tx, id);
      const { draw } = await read.loadDraw(tx, ctx, id, 'inspection.plan');
      if (draw.status !== 'committed') throw new AppError('rule_violation', draw.status === 'drawn' ? '已经抽取过了' : '该抽取已作废');
      const full = (await repo.findDrawFull(tx, id))!;
      const result = runDraw(
        full.seed,
        full.candidates as TDrawCandidate[],
        full.inspectorPool as TDrawInspector[],
        full.params as TDrawParams,
      );
      if (!result.ok) await refuse(tx, result);
      const targets = (result as { targets: TDrawTarget[] }).targets;
      await repo.insertTargets(tx, id, targets);
      const drawnAt = clock().toISOString();
      await repo.updateDraw(tx, id, { status: 'drawn', drawnAt });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'draw',
        entityId: id,
        before: { status: 'committed' },
        after: { status: 'drawn', seed: full.seed, targets: targets.length },
        divisionCode: draw.divisionCode,
      });
    });
    return toDrawDto((await repo.findDraw(db, id))!);
  }

  /** 一公开: the draw, its seed and its targets appear on the public page. */
  async function publish(ctx: TRequestContext, id: number): Promise<TDraw> {
    await db.transaction(async (tx) => {
      await repo.lockDraw(tx, id);
      const { draw } = await read.loadDraw(tx, ctx, id, 'inspection.plan');
      if (!draw.drawnAt) throw new AppError('rule_violation', '抽取完成后才能公开');
      if (draw.publishedAt) throw new AppError('rule_violation', '该抽取结果已公开');
      const publishedAt = clock().toISOString();
      await repo.updateDraw(tx, id, { publishedAt });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'draw',
        entityId: id,
        after: { publishedAt },
        divisionCode: draw.divisionCode,
      });
    });
    return toDrawDto((await repo.findDraw(db, id))!);
  }

  /**
   * 重新抽取: only with a reason, before the draw is published and before any target is checked; the old draw is
   * kept, marked superseded. A published draw is corrected instead (`correct`).
   */
  async function redraw(ctx: TRequestContext, id: number, reason: string): Promise<TDraw> {
    const newId = await db.transaction(async (tx) => {
      await repo.lockDraw(tx, id);
      const { draw } = await read.loadDraw(tx, ctx, id, 'inspection.plan');
      if (draw.status === 'superseded') throw new AppError('rule_violation', '该抽取已被重新抽取，请对最新的抽取操作');
      // 一公开: what was published stays the record; the firms drawn are being checked on its strength
      if (draw.publishedAt)
        throw new AppError('rule_violation', '该抽取结果已向社会公开，不能重新抽取；如需更正，请发起“更正抽取”，并填写更正原因');
      if ((await repo.inspectedTargets(tx, id)) > 0) throw new AppError('rule_violation', '已有抽中企业录入了检查记录，不能重新抽取');
      await repo.updateDraw(tx, id, { status: 'superseded' });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'draw',
        entityId: id,
        before: { status: draw.status },
        after: { status: 'superseded', reason },
        divisionCode: draw.divisionCode,
      });
      return commitIn(tx, ctx, draw.planId, draw.label, { of: id, reason });
    });
    return toDrawDto((await repo.findDraw(db, newId))!);
  }

  /**
   * 更正抽取: a published draw stays valid (its checks go on); the correction is a new draw of the same plan, linked
   * to it with the reason, both shown on the public page.
   */
  async function correct(ctx: TRequestContext, id: number, reason: string): Promise<TDraw> {
    const newId = await db.transaction(async (tx) => {
      await repo.lockDraw(tx, id);
      const { draw } = await read.loadDraw(tx, ctx, id, 'inspection.plan');
      if (draw.status !== 'drawn' || !draw.publishedAt)
        throw new AppError('rule_violation', '只有已公开的抽取才能更正；未公开的抽取请使用“重新抽取”');
      const newId = await commitIn(tx, ctx, draw.planId, `${draw.label}（更正）`, { of: id, reason });
      await audit.record(tx, ctx, {
        action: 'update',
        entity: 'draw',
        entityId: id,
        after: { correctedBy: newId, reason },
        divisionCode: draw.divisionCode,
      });
      return newId;
    });
    return toDrawDto((await repo.findDraw(db, newId))!);
  }

  return { commit, execute, publish, redraw, correct, ...read };
}
