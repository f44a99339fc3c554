import {
  addDaysToDate,
  addMonthsToDate,
  AppError,
  bureauDate,
  HAZARD_CATEGORIES,
  HAZARD_CATEGORY_LABELS,
  isHazardOverdue,
  type THazardCategory,
  type THazardClearing,
  type THazardDashboard,
  type THazardMapPoint,
  type THazardSelfFound,
  type THazardState,
  type ZHazardClearingQuerySchema,
  type ZHazardDashboardQuerySchema,
  type ZHazardSelfFoundQuerySchema,
} from '@yingji/domain';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAuditService } from '../../audit/audit.service';
import { divisionNames, divisionsInScope, provinceWide } from '../../../shared/divisions';
import { requirePermission } from '../../../kit/access';
import { ledgerBuffer, ledgerFileName, ledgerSheet } from '../../../kit/ledger-export';
import * as repo from './hazard-stats.repo';

export type THazardStatsService = ReturnType<typeof createHazardStatsService>;
type TDashboardQuery = z.infer<typeof ZHazardDashboardQuerySchema>;
type TClearingQuery = z.infer<typeof ZHazardClearingQuerySchema>;
type TSelfFoundQuery = z.infer<typeof ZHazardSelfFoundQuerySchema>;

const MAP_LIMIT = 5000;
const monthOf = (d: string) => d.slice(0, 7);
const lastDayOfMonth = (d: string) => addDaysToDate(addMonthsToDate(`${monthOf(d)}-01`, 1), -1);
const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10000) / 10000);

/**
 * The hazard views (issue 5 §7): the dashboard by town or category, 动态清零 of major hazards, the self-found share
 * and the map of open major hazards, all scoped to the reader's divisions. Period figures come from the trigger-kept
 * `hazard_counts` and its town-month roll-up `hazard_town_months`; open figures from the open rows only.
 */
export function createHazardStatsService({ db, audit, clock }: { db: Db; audit: TAuditService; clock: TClock }) {
  function period(q: { from?: string; to?: string }, today: string, whole: 'month' | 'year'): { from: string; to: string } {
    const from = q.from ?? (whole === 'month' ? `${monthOf(today)}-01` : `${today.slice(0, 4)}-01-01`);
    const to = q.to ?? (whole === 'month' ? lastDayOfMonth(today) : `${today.slice(0, 4)}-12-31`);
    if (from > to) throw new AppError('invalid', '结束日期不能早于开始日期', { field: 'to' });
    return { from, to };
  }

  /** The row labels: every town (or city) of the scope (a town with nothing is a figure too), or every category. */
  async function labelsFor(by: repo.TGroupKey, s: repo.TStatsScope, keys: string[]): Promise<{ key: string; label: string }[]> {
    if (by === 'category') {
      const known = new Set<string>(HAZARD_CATEGORIES);
      return [...HAZARD_CATEGORIES, ...keys.filter((k) => !known.has(k)).sort()].map((key) => ({
        key,
        label: HAZARD_CATEGORY_LABELS[key as THazardCategory] ?? key,
      }));
    }
    const towns = await divisionsInScope(db, by, s.scope, s.divisionCode);
    const names = new Map(towns.map((t) => [t.code, t.name]));
    const extra = keys.filter((k) => !names.has(k));
    if (extra.length > 0) for (const [code, name] of await divisionNames(db, extra)) names.set(code, name);
    return [...new Set([...towns.map((t) => t.code), ...extra])].sort().map((key) => ({ key, label: names.get(key) ?? key }));
  }

  async function dashboard(ctx: TRequestContext, query: TDashboardQuery): Promise<THazardDashboard> {
    const actor = requirePermission(ctx, 'hazard.stats');
    const today = bureauDate(clock());
    const { from, to } = period(query, today, 'month');
    const s = { scope: actor.divisionCode, divisionCode: query.divisionCode };
    // By town, a provincial reader who chose no city gets the cities, from the city counts (the province has 1,757 towns).
    const by = query.by === 'town' && provinceWide(s.scope, s.divisionCode) ? 'city' : query.by;
    const [open, inPeriod] = await Promise.all([repo.openFigures(db, s, by, today), repo.periodFigures(db, s, by, from, to)]);
    const openBy = new Map(open.map((r) => [r.key, r]));
    const labels = await labelsFor(by, s, [...new Set([...openBy.keys(), ...inPeriod.keys()])]);
    const rows = labels.map(({ key, label }) => ({
      key,
      label,
      open: openBy.get(key)?.open ?? 0,
      overdue: openBy.get(key)?.overdue ?? 0,
      majorOpen: openBy.get(key)?.majorOpen ?? 0,
      foundInPeriod: inPeriod.get(key)?.found ?? 0,
      closedInPeriod: inPeriod.get(key)?.closed ?? 0,
    }));
    const total = { key: 'total', label: '合计', open: 0, overdue: 0, majorOpen: 0, foundInPeriod: 0, closedInPeriod: 0 };
    for (const r of rows) {
      total.open += r.open;
      total.overdue += r.overdue;
      total.majorOpen += r.majorOpen;
      total.foundInPeriod += r.foundInPeriod;
      total.closedInPeriod += r.closedInPeriod;
    }
    return { from, to, ...(query.by === 'town' ? { level: by === 'city' ? ('city' as const) : ('town' as const) } : {}), rows, total };
  }

  /**
   * 动态清零: major hazards open at each month's end, found and closed in it, over the last `months` months. Open at
   * the end of a month is the open count now less what was found, plus what was closed, in the months after it.
   */
  async function clearing(ctx: TRequestContext, query: TClearingQuery): Promise<THazardClearing> {
    const actor = requirePermission(ctx, 'hazard.stats');
    const today = bureauDate(clock());
    const s = { scope: actor.divisionCode, divisionCode: query.divisionCode };
    const months = Array.from({ length: query.months }, (_, i) => monthOf(addMonthsToDate(`${monthOf(today)}-01`, i - query.months + 1)));
    const [byMonth, openNow] = await Promise.all([repo.majorByMonth(db, s, months[0]!), repo.openMajorCount(db, s)]);
    const counted = new Map(byMonth.map((r) => [r.month, r]));
    // Net change after each month: months past the current one (future-dated records) included.
    let after = byMonth.filter((r) => r.month > months[months.length - 1]!).reduce((n, r) => n + Number(r.found) - Number(r.closed), 0);
    const points: THazardClearing['points'] = [];
    for (let i = months.length - 1; i >= 0; i--) {
      const month = months[i]!;
      const r = counted.get(month);
      const found = Number(r?.found ?? 0);
      const closed = Number(r?.closed ?? 0);
      points.unshift({ month, openAtEnd: openNow - after, found, closed });
      after += found - closed;
    }
    return { points, openNow };
  }

  async function selfFound(ctx: TRequestContext, query: TSelfFoundQuery): Promise<THazardSelfFound> {
    const actor = requirePermission(ctx, 'hazard.stats');
    const today = bureauDate(clock());
    const { from, to } = period(query, today, 'year');
    const s = { scope: actor.divisionCode, divisionCode: query.divisionCode };
    const { all, self } = await repo.foundBySource(db, s, from, to, query.level);
    const labels = await labelsFor('town', s, [...all.keys()]);
    const rows = labels.map(({ key, label }) => {
      const total = all.get(key) ?? 0;
      const selfN = self.get(key) ?? 0;
      return { key, label, total, selfFound: selfN, share: share(selfN, total) };
    });
    const total = rows.reduce((t, r) => ({ total: t.total + r.total, selfFound: t.selfFound + r.selfFound }), { total: 0, selfFound: 0 });
    return { from, to, rows, total: { ...total, share: share(total.selfFound, total.total) } };
  }

  async function map(ctx: TRequestContext): Promise<THazardMapPoint[]> {
    const actor = requirePermission(ctx, 'hazard.stats');
    const now = clock();
    const rows = await repo.mapPoints(db, { scope: actor.divisionCode }, MAP_LIMIT);
    return rows.map((r) => ({
      id: r.id,
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseName,
      description: r.description,
      longitude: Number(r.longitude),
      latitude: Number(r.latitude),
      townName: r.townName,
      deadline: r.deadline,
      overdue: isHazardOverdue({ state: r.state as THazardState, deadline: r.deadline }, now),
      supervised: r.supervised,
    }));
  }

  /** The dashboard as a workbook (the query's grouping), recorded in the audit log like every export. */
  async function exportDashboard(ctx: TRequestContext, query: TDashboardQuery): Promise<{ body: Buffer; fileName: string }> {
    const d = await dashboard(ctx, query);
    await db.transaction((tx) => audit.record(tx, ctx, { action: 'export', entity: 'hazard_stats', after: { query, view: 'dashboard' } }));
    type TRow = THazardDashboard['total'];
    const body = await ledgerBuffer([
      ledgerSheet<TRow>(
        d.level === 'city' ? '按市' : query.by === 'town' ? '按镇街' : '按类别',
        [
          { header: d.level === 'city' ? '市' : query.by === 'town' ? '镇街' : '隐患类别', width: 18, value: (r) => r.label },
          { header: '未销号（项）', width: 12, value: (r) => r.open },
          { header: '其中逾期（项）', width: 14, value: (r) => r.overdue },
          { header: '重大隐患未销号（项）', width: 20, value: (r) => r.majorOpen },
          { header: '期间发现（项）', width: 14, value: (r) => r.foundInPeriod },
          { header: '期间销号（项）', width: 14, value: (r) => r.closedInPeriod },
        ],
        [...d.rows, d.total],
      ),
    ]);
    return { body, fileName: ledgerFileName(`隐患治理统计-${d.from}至${d.to}`, clock()) };
  }

  return { dashboard, clearing, selfFound, map, exportDashboard };
}
