/** The plans' views: drill compliance per town, kind, level or owner unit, and the plan ledger in Excel. */
import {
  EMERGENCY_PLAN_KIND_LABELS,
  EMERGENCY_PLAN_LEVEL_LABELS,
  addDaysToDate,
  bureauDate,
  type TCompliance,
  type ZComplianceQuerySchema,
  type ZEmergencyPlanListQuerySchema,
} from '@yingji/domain';
import type { z } from 'zod';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import { drillActor, viewerOf } from './drill-actor';
import type { TReadCache } from './drill-cache';
import * as repo from './plan.repo';
import * as complianceRepo from './plan-compliance.repo';
import { toPlanItem } from './plan-item';

const EXPORT_LIMIT = 50_000;

export function createPlanViews({ db, clock, audit, cache }: Pick<TCore, 'db' | 'clock' | 'audit'> & { cache: TReadCache }) {
  const today = () => bureauDate(clock());

  async function compliance(ctx: TRequestContext, q: z.output<typeof ZComplianceQuerySchema>): Promise<TCompliance> {
    const actor = await drillActor(db, ctx, 'drill.read');
    const t = today();
    const viewer = viewerOf(actor);
    const rows = await cache.get(`compliance:${JSON.stringify([viewer, q, t])}`, () =>
      complianceRepo.compliance(db, viewer, q.by, q.level, t, addDaysToDate(t, 30)),
    );
    const names =
      q.by === 'town'
        ? await complianceRepo.divisionNames(
            db,
            rows.map((r) => r.key),
          )
        : new Map<string, string>();
    const label = (key: string) =>
      q.by === 'kind'
        ? ((EMERGENCY_PLAN_KIND_LABELS as Record<string, string>)[key] ?? key)
        : q.by === 'level'
          ? ((EMERGENCY_PLAN_LEVEL_LABELS as Record<string, string>)[key] ?? key)
          : q.by === 'town'
            ? key.length === 9
              ? (names.get(key) ?? key)
              : `市本级（${names.get(key) ?? key}）`
            : key;
    const out = rows.map((r) => ({ ...r, label: label(r.key) }));
    const total = { key: 'total', label: '合计', plans: 0, withDuty: 0, overdue: 0, dueIn30Days: 0, neverDrilled: 0 };
    for (const r of out) for (const k of ['plans', 'withDuty', 'overdue', 'dueIn30Days', 'neverDrilled'] as const) total[k] += r[k];
    return { today: t, rows: out, total };
  }

  async function ledgerExport(ctx: TRequestContext, q: Omit<z.output<typeof ZEmergencyPlanListQuerySchema>, 'page' | 'pageSize'>) {
    const actor = await drillActor(db, ctx, 'drill.read');
    const t = today();
    const rows = (await repo.exportPlans(db, viewerOf(actor), q, t, EXPORT_LIMIT)).map((r) => toPlanItem(r, t));
    const body = await ledgerBuffer([
      ledgerSheet(
        '应急预案',
        [
          { header: '预案名称', width: 36, value: (r) => r.name },
          { header: '层级', width: 8, value: (r) => EMERGENCY_PLAN_LEVEL_LABELS[r.level] },
          { header: '类别', width: 14, value: (r) => EMERGENCY_PLAN_KIND_LABELS[r.kind] },
          { header: '编制单位', width: 28, value: (r) => r.enterpriseName ?? r.ownerUnit },
          { header: '镇街', width: 12, value: (r) => r.townName },
          { header: '发布日期', width: 12, value: (r) => r.issuedOn },
          { header: '修订日期', width: 12, value: (r) => r.revisedOn },
          { header: '演练周期（月）', width: 10, value: (r) => r.duty.intervalMonths },
          { header: '上次演练', width: 12, value: (r) => r.duty.lastDrillOn ?? '未演练' },
          { header: '应演练截止', width: 12, value: (r) => r.duty.nextDueOn },
          { header: '是否逾期', width: 8, value: (r) => (r.duty.overdue ? '逾期' : '') },
        ],
        rows,
      ),
    ]);
    await db.transaction((tx) =>
      audit.record(tx, ctx, { action: 'export', entity: 'emergency_plan', after: { rows: rows.length, query: q } }),
    );
    return { body, fileName: ledgerFileName('应急预案台账', clock()), date: t };
  }

  return { compliance, ledgerExport };
}
