/**
 * The inspection module's workbench items: drafts to finish (counted from the roll-ups), results past their
 * publication deadline, plans waiting for someone else's approval.
 */
import { and, count, eq, gte, ne } from 'drizzle-orm';
import type { TWorkbenchProvider } from '../../kit/workbench';
import { inspectionPlans, inspections } from '../../db/schema';
import { inScopeSql } from '../../shared/scope';
import type { TInspectionRead } from './records/inspection.read';
import * as repo from './records/inspection.repo';
import { rollupCount } from '../rollup/rollup.repo';

/** '2026-01' -> '2025-12'. */
const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

export function inspectionWorkbench(read: Pick<TInspectionRead, 'listFilter' | 'lastOverdueCheck'>): TWorkbenchProvider[] {
  return [
    {
      key: 'inspection.drafts',
      roles: ['town_officer', 'bureau_officer'],
      items: async (db, actor) => {
        // From the roll-ups (kept in the writer's transaction), in the list's scope.
        const total = await rollupCount(db, { subject: 'inspection', scope: actor.divisionCode, states: ['draft'] });
        return [
          {
            key: 'inspection.drafts',
            group: 'todo',
            severity: 'info',
            title: '未提交的检查记录',
            hint: '现场检查后请补全并提交',
            count: total,
            href: '/inspections?status=draft',
          },
        ];
      },
    },
    {
      key: 'inspection.publication_overdue',
      roles: ['town_officer', 'bureau_officer'],
      items: async (db, actor) => {
        // 一公开: the list's own filter, so the card's count is what its link opens. Whole months before the last
        // overdue date come from the roll-ups (submitted, unpublished); its own month is counted from the rows.
        const last = await read.lastOverdueCheck();
        const month = last.slice(0, 7);
        const [before, byKind] = await Promise.all([
          rollupCount(db, {
            subject: 'inspection',
            scope: actor.divisionCode,
            states: ['submitted'],
            category: 'unpublished',
            toMonth: previousMonth(month),
          }),
          repo.countByKind(
            db,
            and(await read.listFilter({ publication: 'overdue' }, actor.divisionCode), gte(inspections.inspectedOn, `${month}-01`)),
          ),
        ]);
        return [
          {
            key: 'inspection.publication_overdue',
            group: 'todo',
            severity: 'danger',
            title: '逾期未公示的检查结果',
            hint: '已过公示期限（检查后的工作日数，按本局工作日历），请尽快公示',
            count: before + Object.values(byKind).reduce((a, b) => a + b, 0),
            href: '/inspections?publication=overdue',
          },
        ];
      },
    },
    {
      key: 'inspection.plans_awaiting_approval',
      roles: ['bureau_leader', 'bureau_officer', 'town_officer'],
      items: async (db, actor) => {
        // 四眼原则: a plan is approved by someone other than its author.
        const [row] = await db
          .select({ n: count() })
          .from(inspectionPlans)
          .where(
            and(
              inScopeSql(inspectionPlans.divisionCode, actor.divisionCode),
              eq(inspectionPlans.status, 'draft'),
              ne(inspectionPlans.createdBy, actor.id),
            ),
          );
        return [
          {
            key: 'inspection.plans_awaiting_approval',
            group: 'approval',
            severity: 'info',
            title: '待审批的检查计划',
            hint: '由编制人以外的人员审批后方可抽取',
            count: row?.n ?? 0,
            href: '/inspection/plans',
          },
        ];
      },
    },
  ];
}
