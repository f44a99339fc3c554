import type { TFindingListQuery, TFindingSummary } from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TRequestContext } from '../../../shared/context';
import { requirePermission } from '../../../kit/access';
import * as findingRepo from './finding.repo';
import * as totals from '../reports/list-totals.repo';
import { toFindingDto } from './inspection.read';

export type TFindingService = ReturnType<typeof createFindingService>;

/** Findings (检查发现的问题): the list, each awaiting the hazard module until it is converted. */
export function createFindingService({ db }: { db: Db }) {
  async function list(ctx: TRequestContext, query: TFindingListQuery) {
    const actor = requirePermission(ctx, 'inspection.read');
    const where = findingRepo.findingWhere(query, actor.divisionCode);
    // Without the conversion filter the total comes from the counters (list-totals.repo.ts), not from counting.
    const total =
      query.converted === undefined
        ? await totals.findingTotal(db, {
            scope: actor.divisionCode,
            divisionCode: query.divisionCode,
            from: query.from,
            to: query.to,
            major: query.major === undefined ? undefined : query.major === 'true',
          })
        : await findingRepo.countFindings(db, where);
    const rows =
      total === 0 ? [] : await findingRepo.listFindings(db, where, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    return { items: rows.map(toFindingDto), total };
  }

  /** The banner's figures, counted at each request in the user's scope and the page's filters. */
  async function summary(
    ctx: TRequestContext,
    query: Omit<TFindingListQuery, 'page' | 'pageSize' | 'converted'>,
  ): Promise<TFindingSummary> {
    const actor = requirePermission(ctx, 'inspection.read');
    return findingRepo.summarizeFindings(db, findingRepo.findingWhere(query, actor.divisionCode));
  }

  return { list, summary };
}
