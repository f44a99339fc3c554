import { addDaysToDate, bureauDate, daysBetween, type TRiskColour, type TRiskDistribution } from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import { requirePermission } from '../../kit/access';
import type { TSettingsService } from '../settings/settings.service';
import * as views from './risk-views.repo';
import { riskGradeCounts } from '../rollup/rollup.repo';
import { divisionNames, provinceWide } from '../../shared/divisions';

export type TRiskViewsService = ReturnType<typeof createRiskViewsService>;

const empty = () => ({ red: 0, orange: 0, yellow: 0, blue: 0, total: 0 });

/** Read-only views of the grades: distribution, expiring assessments, the map. Scoped to the reader's divisions. */
export function createRiskViewsService(deps: { db: Db; settings: TSettingsService; clock: TClock }) {
  const { db, settings, clock } = deps;

  async function distribution(ctx: TRequestContext): Promise<TRiskDistribution> {
    const actor = requirePermission(ctx, 'risk.read');
    // from the roll-ups (rollup_counts, subject risk): a few rows a town, never the grades joined to every firm; a
    // province's reader gets its cities, not its two thousand towns
    const level = provinceWide(actor.divisionCode) ? 'city' : 'town';
    const [towns, categories] = await Promise.all([
      riskGradeCounts(db, actor.divisionCode, level),
      riskGradeCounts(db, actor.divisionCode, 'category'),
    ]);
    const names = await divisionNames(db, [...new Set(towns.map((t) => t.key))]);
    const totals = empty();
    const byTown = new Map<string, ReturnType<typeof empty> & { divisionCode: string; name: string | null }>();
    for (const r of towns) {
      const row = byTown.get(r.key) ?? { divisionCode: r.key, name: names.get(r.key) ?? null, ...empty() };
      row[r.colour as TRiskColour] += Number(r.n);
      row.total += Number(r.n);
      totals[r.colour as TRiskColour] += Number(r.n);
      totals.total += Number(r.n);
      byTown.set(r.key, row);
    }
    const byCategory = new Map<string, ReturnType<typeof empty> & { category: string }>();
    for (const r of categories) {
      const row = byCategory.get(r.key) ?? { category: r.key, ...empty() };
      row[r.colour as TRiskColour] += Number(r.n);
      row.total += Number(r.n);
      byCategory.set(r.key, row);
    }
    return { level, totals, byTown: [...byTown.values()], byCategory: [...byCategory.values()].sort((a, b) => b.total - a.total) };
  }

  /** Grades whose assessment lapses within `expiringWithinDays`, or has lapsed: due for re-assessment. */
  async function expiring(ctx: TRequestContext, query: { state: 'expiring' | 'expired'; page: number; pageSize: number }) {
    const actor = requirePermission(ctx, 'risk.read');
    const { expiringWithinDays } = await settings.get('riskAssessment');
    const today = bureauDate(clock());
    const { items, total } = await views.listExpiring(db, actor.divisionCode, {
      today,
      until: addDaysToDate(today, expiringWithinDays),
      expired: query.state === 'expired',
      page: query.page,
      pageSize: query.pageSize,
    });
    return {
      items: items.map((i) => ({ ...i, colour: i.colour as TRiskColour, daysLeft: daysBetween(today, i.validUntil) })),
      total,
      withinDays: expiringWithinDays,
    };
  }

  async function mapPoints(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'risk.read');
    const rows = await views.mapPoints(db, actor.divisionCode);
    return rows.map((r) => ({ ...r, colour: r.colour as TRiskColour, longitude: r.longitude!, latitude: r.latitude! }));
  }

  return { distribution, expiring, mapPoints };
}
