import type { TFindingListQuery, TFindingSummary } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TRequestContext } from '../../../shared/context';
import { requirePermission } from '../../../kit/access';
import * as findingRepo from './finding.repo';
import * as totals from '../reports/list-totals.repo';
import { toFindingDto } from './inspection.read';

/** The list's filters as the counters read them (list-totals.repo.ts). */
const totalsFilter = (query: Omit<TFindingListQuery, 'page' | 'pageSize' | 'converted'>, scope: string) => ({
  scope,
  divisionCode: query.divisionCode,
  from: query.from,
  to: query.to,
  major: query.major === undefined ? undefined : query.major === 'true',
});

export type TFindingService = ReturnType<typeof createFindingService>;

/** Findings (检查发现的问题): the list, each awaiting the hazard module until it is converted. */
export function createFindingService({ db }: { db: Db }) {
  async function list(ctx: TRequestContext, query: TFindingListQuery) {
    const actor = requirePermission(ctx, 'inspection.read');
    const where = findingRepo.findingWhere(query, actor.divisionCode);
    // Without the conversion filter the total comes from the counters (list-totals.repo.ts), not from counting.
    const total =
      query.converted === undefined
        ? await totals.findingTotal(db, totalsFilter(query, actor.divisionCode))
        : await findingRepo.countFindings(db, where);
    const rows =
      total === 0 ? [] : await findingRepo.listFindings(db, where, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    return { items: rows.map(toFindingDto), total };
  }

  /**
   * The banner's figures in the user's scope and the page's filters: the findings still waiting counted on their
   * partial index, those taken over the counters' total (as the list's) less the waiting ones; never a count of
   * every finding in scope (a city's 50,000).
   */
  async function summary(
    ctx: TRequestContext,
    query: Omit<TFindingListQuery, 'page' | 'pageSize' | 'converted'>,
  ): Promise<TFindingSummary> {
    const actor = requirePermission(ctx, 'inspection.read');
    const [waiting, total] = await Promise.all([
      findingRepo.pendingFindings(db, findingRepo.findingWhere(query, actor.divisionCode)),
      totals.findingTotal(db, totalsFilter(query, actor.divisionCode)),
    ]);
    return { ...waiting, converted: total - waiting.pending };
  }

  return { list, summary };
}
