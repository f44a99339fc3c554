/**
 * The drill module's views: a year's drills by form, plan kind and town, the calendar, the drill ledger, and a held
 * drill's review report.
 */
import {
  DRILL_FORM_LABELS,
  DRILL_NOTICE_LABELS,
  DRILL_STATUS_LABELS,
  EMERGENCY_PLAN_KIND_LABELS,
  TASK_STATE_LABELS,
  bureauDate,
  isTaskOverdue,
  type ZCalendarQuerySchema,
  type ZDrillListQuerySchema,
  type ZTaskListQuerySchema,
} from '@yingji/domain';
import type { z } from 'zod';
import { AppError } from '@yingji/domain';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../kit/ledger-export';
import type { TCore } from '../../kit/module';
import type { TRequestContext } from '../../shared/context';
import type { TReadCache } from './drill-cache';
import * as repo from './drill.repo';
import { drillReviewDocument } from './drill-review.document';
import { toDrillItem, type TDrillService } from './drill.service';
import * as taskRepo from './drill-task.repo';
import { drillActor, viewerOf } from './drill-actor';

type TDeps = Pick<TCore, 'db' | 'clock' | 'audit'> & { drills: Pick<TDrillService, 'get'>; cache: TReadCache };

export function createDrillViews({ db, clock, audit, drills, cache }: TDeps) {
  async function stats(ctx: TRequestContext, year: number) {
    const actor = await drillActor(db, ctx, 'drill.read');
    // a year's drills read once per viewer until a plan or drill is written (the module's read cache)
    const viewer = viewerOf(actor);
    const groups = await cache.get(`drill-stats:${JSON.stringify([viewer, year])}`, () => repo.drillYearGroups(db, viewer, year));
    const held = groups.filter((g) => g.status === 'done');
    const countBy = (key: (g: (typeof held)[number]) => string, label: (k: string, g: (typeof held)[number]) => string) => {
      const m = new Map<string, { key: string; label: string; count: number }>();
      for (const g of held) {
        const k = key(g);
        const e = m.get(k) ?? { key: k, label: label(k, g), count: 0 };
        e.count += g.n;
        m.set(k, e);
      }
      return [...m.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    };
    const sum = (f: 'n' | 'blind' | 'selfRun' | 'jointMilitary' | 'costFen') => held.reduce((s, g) => s + Number(g[f]), 0);
    return {
      year,
      held: sum('n'),
      planned: groups.filter((g) => g.status === 'planned').reduce((s, g) => s + g.n, 0),
      blind: sum('blind'),
      selfRun: sum('selfRun'),
      jointMilitary: sum('jointMilitary'),
      costFen: sum('costFen'),
      byForm: countBy(
        (g) => g.form,
        (k) => DRILL_FORM_LABELS[k as keyof typeof DRILL_FORM_LABELS],
      ),
      byKind: countBy(
        (g) => g.kind,
        (k) => EMERGENCY_PLAN_KIND_LABELS[k as keyof typeof EMERGENCY_PLAN_KIND_LABELS],
      ),
      byTown: countBy(
        (g) => g.divisionCode,
        (k, g) => (k.length === 9 ? (g.townName ?? k) : '市本级'),
      ),
    };
  }

  async function calendar(ctx: TRequestContext, q: z.output<typeof ZCalendarQuerySchema>) {
    const actor = await drillActor(db, ctx, 'drill.read');
    if (q.from > q.to) throw new AppError('invalid', '开始日期不能晚于结束日期', { field: 'from' });
    const { drills, training } = await repo.calendar(db, viewerOf(actor), q.from, q.to);
    const items = [
      ...drills.map((d) => ({ ...d, type: 'drill' as const })),
      ...training.map((t) => ({ ...t, type: 'training' as const, jointMilitary: false })),
    ].sort((a, b) => a.date.localeCompare(b.date) || a.type.localeCompare(b.type) || a.id - b.id);
    return { items };
  }

  async function ledgerExport(ctx: TRequestContext, q: Omit<z.output<typeof ZDrillListQuerySchema>, 'page' | 'pageSize'>) {
    const actor = await drillActor(db, ctx, 'drill.read');
    const found = await repo.exportDrills(db, viewerOf(actor), q, 50_000);
    const open = await repo.openTasksOf(
      db,
      found.map((r) => r.d.id),
    );
    const rows = found.map((r) => ({ ...toDrillItem({ ...r, openTasks: open.get(r.d.id) ?? 0 }), d: r.d }));
    const body = await ledgerBuffer([
      ledgerSheet(
        '演练台账',
        [
          { header: '演练名称', width: 36, value: (r) => r.title },
          { header: '预案', width: 30, value: (r) => r.planName },
          { header: '状态', width: 8, value: (r) => DRILL_STATUS_LABELS[r.status] },
          { header: '计划日期', width: 12, value: (r) => r.plannedOn },
          { header: '实施日期', width: 12, value: (r) => r.heldOn },
          { header: '形式', width: 10, value: (r) => DRILL_FORM_LABELS[r.form] },
          { header: '通知方式', width: 10, value: (r) => DRILL_NOTICE_LABELS[r.notice] },
          { header: '组织单位', width: 24, value: (r) => r.organiser },
          { header: '镇街', width: 12, value: (r) => r.townName },
          { header: '军地联演', width: 8, value: (r) => (r.jointMilitary ? '是' : '') },
          { header: '自主实施', width: 8, value: (r) => (r.selfRun ? '是' : '否') },
          { header: '观摩单位数', width: 10, value: (r) => r.d.observers.length },
          { header: '费用（元）', width: 12, value: (r) => r.d.costFen / 100 },
          { header: '未销号整改', width: 10, value: (r) => r.openTasks },
        ],
        rows,
      ),
    ]);
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'drill', after: { rows: rows.length, query: q } }));
    return { body, fileName: ledgerFileName('演练台账', clock()), date: bureauDate(clock()) };
  }

  /** 复盘整改任务台账: the tasks the list's filter finds, with owner, deadline, state, evidence and sign-off. */
  async function tasksExport(ctx: TRequestContext, q: Omit<z.output<typeof ZTaskListQuerySchema>, 'page' | 'pageSize'>) {
    const actor = await drillActor(db, ctx, 'drill.read');
    const today = bureauDate(clock());
    const rows = await taskRepo.exportTasks(db, viewerOf(actor), actor.id, q, 50_000);
    const at = (t: Date | string | null) => (t ? bureauDate(new Date(t)) : null);
    const body = await ledgerBuffer([
      ledgerSheet(
        '整改任务',
        [
          { header: '演练', width: 36, value: (r) => r.drillTitle },
          { header: '环节', width: 14, value: (r) => r.t.phase },
          { header: '问题', width: 40, value: (r) => r.t.finding },
          { header: '责任单位', width: 24, value: (r) => r.t.unit },
          { header: '责任人', width: 10, value: (r) => r.ownerName },
          { header: '整改期限', width: 12, value: (r) => r.t.deadline },
          { header: '状态', width: 8, value: (r) => TASK_STATE_LABELS[r.t.state] },
          { header: '逾期', width: 6, value: (r) => (isTaskOverdue(r.t, today) ? '是' : '') },
          { header: '完成情况', width: 36, value: (r) => r.t.evidence },
          { header: '完成日期', width: 12, value: (r) => at(r.t.completedAt) },
          { header: '验收人', width: 10, value: (r) => r.signerName },
          { header: '验收日期', width: 12, value: (r) => at(r.t.signedOffAt) },
        ],
        rows,
      ),
    ]);
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'drill_task', after: { rows: rows.length, query: q } }));
    return { body, fileName: ledgerFileName('演练复盘整改任务', clock()), date: today };
  }

  /** 复盘报告 (.docx) of a held drill, as its page shows it to the viewer; a planned drill has had no review. */
  async function reviewDocument(ctx: TRequestContext, id: number) {
    const detail = await drills.get(ctx, id);
    if (detail.status !== 'done') throw new AppError('rule_violation', `演练"${detail.title}"尚未实施，没有复盘报告`, { field: 'id' });
    const file = await drillReviewDocument(detail, bureauDate(clock()));
    await db.transaction((tx) =>
      audit.record(tx, ctx, {
        action: 'export',
        entity: 'drill',
        entityId: id,
        after: { document: 'review', tasks: detail.tasks.length },
        divisionCode: detail.divisionCode,
      }),
    );
    return file;
  }

  return { stats, calendar, ledgerExport, tasksExport, reviewDocument };
}
