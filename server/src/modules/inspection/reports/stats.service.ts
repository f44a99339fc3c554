import {
  bureauDate,
  monthsBetween,
  STATS_KIND_LABELS,
  STATS_KINDS,
  statsRange,
  type TInspectionStats,
  type TStatsQuery,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import { requirePermission } from '../../../kit/access';
import * as repo from './stats.repo';
import { divisionNames, divisionsInScope, provinceWide } from '../../../shared/divisions';

export type TInspectionStatsService = ReturnType<typeof createInspectionStatsService>;

/**
 * Inspection statistics (检查统计) from submitted records only: inspections (家次), distinct firms (家), findings and
 * major findings by period (Asia/Shanghai), town and kind. Figures come from the trigger-kept counts (migration 0005).
 */
export function createInspectionStatsService({ db, clock }: { db: Db; clock: TClock }) {
  async function stats(ctx: TRequestContext, query: TStatsQuery): Promise<TInspectionStats> {
    const actor = requirePermission(ctx, 'inspection.read');
    const range = statsRange(
      query.period === 'custom'
        ? { period: 'custom', from: query.from!, to: query.to! }
        : { period: query.period, at: query.at ?? bureauDate(clock()) },
    );
    const periods = range.firmPeriod ? [range.firmPeriod] : monthsBetween(range.fromMonth, range.toMonth);
    const scope = actor.divisionCode;
    // A provincial reader who chose no city gets the cities in byTown (level: city), from the city counts.
    const level: repo.TStatsLevel = provinceWide(scope, query.divisionCode) ? 'city' : 'town';
    const [counts, firmsByKind, firmsByTown, towns] = await Promise.all([
      repo.countFigures(db, range, scope, query.divisionCode, level),
      repo.countFirmsByKind(db, periods, scope, query.divisionCode, level),
      repo.countFirmsByTown(db, periods, scope, query.divisionCode, level),
      divisionsInScope(db, level, scope, query.divisionCode),
    ]);
    const zero = { inspections: 0, unannounced: 0, findings: 0, majorFindings: 0 };
    const pick = (grouping: repo.TCountRow['grouping']) =>
      new Map(counts.filter((r) => r.grouping === grouping).map((r) => [r.key ?? '', r]));
    const [byMonthRows, byKindRows, byTownRows] = [pick('month'), pick('kind'), pick('town')];
    const total = pick('total').get('') ?? zero;
    const firmsKind = new Map(firmsByKind.map((r) => [r.kind, r.firms]));
    const firmsTown = new Map(firmsByTown.map((r) => [r.divisionCode, r.firms]));

    // Every town (city) of the scope is listed (a town with no checks is a figure too); codes no longer in the tree as well.
    const townNames = new Map(towns.map((t) => [t.code, t.name]));
    const extra = [...new Set([...byTownRows.keys(), ...firmsTown.keys()])].filter((c) => !townNames.has(c));
    if (extra.length > 0) for (const [code, name] of await divisionNames(db, extra)) townNames.set(code, name);
    const townCodes = [...new Set([...towns.map((t) => t.code), ...extra])].sort();

    const figures = (r: { inspections: number; findings: number; majorFindings: number } | undefined, firms: number | undefined) => ({
      inspections: r?.inspections ?? 0,
      firms: firms ?? 0,
      findings: r?.findings ?? 0,
      majorFindings: r?.majorFindings ?? 0,
    });
    return {
      range: { fromMonth: range.fromMonth, toMonth: range.toMonth, fromDate: range.fromDate, toDate: range.toDate, label: range.label },
      level,
      totals: figures(total, firmsKind.get('all')),
      byKind: STATS_KINDS.map((kind) => ({ kind, label: STATS_KIND_LABELS[kind], ...figures(byKindRows.get(kind), firmsKind.get(kind)) })),
      byTown: townCodes.map((code) => ({
        divisionCode: code,
        divisionName: townNames.get(code) ?? code,
        ...figures(byTownRows.get(code), firmsTown.get(code)),
        unannounced: byTownRows.get(code)?.unannounced ?? 0,
      })),
      byMonth: monthsBetween(range.fromMonth, range.toMonth).map((month) => {
        const r = byMonthRows.get(month) ?? zero;
        return { month, inspections: r.inspections, unannounced: r.unannounced, findings: r.findings, majorFindings: r.majorFindings };
      }),
    };
  }
  return { stats };
}
