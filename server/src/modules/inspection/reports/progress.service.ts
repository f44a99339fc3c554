import {
  AppError,
  bureauDate,
  frequencyState,
  PLAN_STRATA,
  progressShare,
  STRATUM_LABELS,
  targetOverdue,
  lastOverdueCheckDate,
  type TFrequencyPage,
  type TFrequencyQuery,
  type TOverdueTarget,
  type TPlanProgress,
  type TPlanStratum,
  type TProgressPlan,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import { requirePermission } from '../../../kit/access';
import type { TSettingsService } from '../../settings/settings.service';
import * as repo from './progress.repo';
import { divisionNames } from '../../../shared/divisions';

export type TPlanProgressService = ReturnType<typeof createPlanProgressService>;

/** The overdue list shows the first ones by due date; the total says how many there are. */
const OVERDUE_LIMIT = 200;

const toPlanDto = (p: repo.TPlanRow): TProgressPlan => ({
  id: p.id,
  title: p.title,
  year: p.year,
  divisionCode: p.divisionCode,
  periodStart: p.periodStart,
  periodEnd: p.periodEnd,
  status: p.status,
});

/** A plan is seen by the body that issued it and those above, and by the towns it reaches (the city's plan by every town). */
const planVisible = (plan: repo.TPlanRow, scope: string) => plan.divisionCode.startsWith(scope) || scope.startsWith(plan.divisionCode);

/**
 * Plan progress (计划执行进度): checks done against planned by town and by grade, overdue targets, and the firms of
 * the plan's pool checked less or more often this year than the bureau's frequency for their grade.
 */
export function createPlanProgressService({ db, settings, clock }: { db: Db; settings: TSettingsService; clock: TClock }) {
  async function loadPlan(ctx: TRequestContext, id: number) {
    const actor = requirePermission(ctx, 'inspection.read');
    const plan = await repo.findPlan(db, id);
    // Out of scope reads as absent, as everywhere.
    if (!plan || !planVisible(plan, actor.divisionCode)) throw new AppError('not_found', '检查计划不存在', { field: 'id' });
    return { actor, plan };
  }

  async function plans(ctx: TRequestContext): Promise<TProgressPlan[]> {
    const actor = requirePermission(ctx, 'inspection.read');
    return (await repo.listPlans(db, actor.divisionCode)).map(toPlanDto);
  }

  async function progress(ctx: TRequestContext, id: number): Promise<TPlanProgress> {
    const { actor, plan } = await loadPlan(ctx, id);
    const { resultDays } = await settings.get('inspectionPublication');
    const calendar = await settings.get('workCalendar');
    const today = bureauDate(clock());
    const [counts, overdueRows] = await Promise.all([
      repo.progressCounts(db, id, actor.divisionCode),
      repo.overdueTargets(db, {
        planId: id,
        scope: actor.divisionCode,
        periodEnd: plan.periodEnd,
        today,
        lastOverdueCheck: lastOverdueCheckDate(calendar, resultDays, today),
        limit: OVERDUE_LIMIT,
      }),
    ]);
    const towns = counts.filter((r) => r.grouping === 'town');
    const names = await divisionNames(
      db,
      towns.map((r) => r.key!),
    );
    const grades = new Map(counts.filter((r) => r.grouping === 'grade').map((r) => [r.key, r]));
    const total = counts.find((r) => r.grouping === 'total') ?? { planned: 0, done: 0 };
    const share = (r: { planned: number; done: number }) => ({ planned: r.planned, done: r.done, share: progressShare(r.done, r.planned) });
    const overdue: TOverdueTarget[] = [];
    for (const r of overdueRows) {
      const late = targetOverdue(
        { periodEnd: plan.periodEnd, inspectedOn: r.inspectedOn, published: r.published },
        today,
        resultDays,
        calendar,
      );
      if (!late) continue;
      overdue.push({
        targetId: r.targetId,
        enterpriseId: r.enterpriseId,
        enterpriseName: r.enterpriseName,
        divisionCode: r.divisionCode,
        divisionName: r.divisionName ?? r.divisionCode,
        stratum: r.stratum,
        reason: late.reason,
        dueOn: late.dueOn,
        inspectionId: r.inspectionId,
        inspectedOn: r.inspectedOn,
      });
    }
    // the query orders by check date; the working-day deadlines put the two kinds of overdue in one order
    overdue.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.targetId - b.targetId);
    return {
      plan: toPlanDto(plan),
      totals: share(total),
      byTown: towns
        .map((r) => ({ divisionCode: r.key!, divisionName: names.get(r.key!) ?? r.key!, ...share(r) }))
        .sort((a, b) => a.divisionCode.localeCompare(b.divisionCode)),
      byGrade: PLAN_STRATA.filter((s) => grades.has(s)).map((s) => ({ stratum: s, label: STRATUM_LABELS[s], ...share(grades.get(s)!) })),
      overdue,
      overdueTotal: overdueRows[0]?.total ?? 0,
    };
  }

  async function frequency(ctx: TRequestContext, id: number, query: TFrequencyQuery): Promise<TFrequencyPage> {
    const { actor, plan } = await loadPlan(ctx, id);
    const bounds = await settings.get('inspectionFrequency');
    const rows = await repo.frequencyPage(
      db,
      {
        planDivision: plan.divisionCode,
        scope: actor.divisionCode,
        categories: plan.pool.categories ?? [],
        tags: plan.pool.tags ?? [],
        towns: plan.pool.towns ?? [],
        colours: plan.pool.colours ?? [],
      },
      { year: plan.year, which: query.which, bounds, limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    return {
      year: plan.year,
      items: rows.flatMap((r) => {
        const stratum = (PLAN_STRATA as readonly string[]).includes(r.stratum) ? (r.stratum as TPlanStratum) : 'none';
        // The rule decides; the query only narrows to the same test.
        if (frequencyState(r.checks, stratum, bounds) !== query.which) return [];
        return {
          enterpriseId: r.enterpriseId,
          name: r.name,
          divisionCode: r.divisionCode,
          divisionName: r.divisionName ?? r.divisionCode,
          stratum,
          checks: r.checks,
          min: bounds[stratum].min,
          max: bounds[stratum].max,
        };
      }),
      total: rows[0]?.total ?? 0,
    };
  }

  return { plans, progress, frequency };
}
