/**
 * The one "counts for a period" question: hazards, inspections and cases by state, town or month in one request,
 * each subject only for a role that may read it, within the reader's division scope.
 */
import { AppError, can, type TPermission, type TRollupCounts, type TRollupCountsQuery } from '@yingji/domain';
import type { Db } from '../../db/client';
import { requireActor } from '../../kit/access';
import { divisionNames, provinceWide } from '../../shared/divisions';
import type { TRequestContext } from '../../shared/context';
import * as repo from './rollup.repo';

const SUBJECTS: { field: 'hazards' | 'inspections' | 'cases'; subject: repo.TRollupSubjectKey; permission: TPermission }[] = [
  { field: 'hazards', subject: 'hazard', permission: 'hazard.stats' },
  { field: 'inspections', subject: 'inspection', permission: 'inspection.read' },
  { field: 'cases', subject: 'case', permission: 'case.read' },
];

export function createRollupService({ db }: { db: Db }) {
  async function counts(ctx: TRequestContext, q: TRollupCountsQuery): Promise<TRollupCounts> {
    const actor = requireActor(ctx);
    const readable = SUBJECTS.filter((s) => can(actor.role, s.permission));
    if (readable.length === 0) throw new AppError('forbidden', '没有查看隐患、检查或案件统计的权限');
    // A province's next level is its cities: by town, a provincial reader who chose no city gets the cities.
    const level = q.by !== 'town' ? undefined : provinceWide(actor.divisionCode, q.divisionCode) ? 'city' : 'town';
    const out: TRollupCounts = {
      by: q.by,
      ...(level ? { level } : {}),
      from: q.from,
      to: q.to,
      hazards: null,
      inspections: null,
      cases: null,
    };
    const results = await Promise.all(
      readable.map((s) =>
        repo.rollupCountsBy(
          db,
          { subject: s.subject, scope: actor.divisionCode, divisionCode: q.divisionCode, fromMonth: q.from, toMonth: q.to },
          level ?? q.by,
        ),
      ),
    );
    const names =
      q.by === 'town'
        ? await divisionNames(db, [...new Set(results.flatMap((rows) => rows.map((x) => x.key)))])
        : new Map<string, string>();
    readable.forEach((s, i) => {
      const rows = results[i]!;
      out[s.field] = {
        total: rows.reduce((n, x) => n + x.count, 0),
        items: rows.map((x) => ({ key: x.key, name: names.get(x.key) ?? null, count: x.count })),
      };
    });
    return out;
  }

  return { counts };
}
export type TRollupService = ReturnType<typeof createRollupService>;
