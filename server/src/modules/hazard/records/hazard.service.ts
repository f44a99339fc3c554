import { AppError, bureauDate, can, type THazardDetail, type THazardItem, type THazardListQuery } from '@yingji/domain';
import type { Db } from '../../../db/client';
import { requirePermission } from '../../../kit/access';
import type { TEventBus } from '../../../kit/events';
import type { TClock, TRequestContext } from '../../../shared/context';
import type { TAttachmentService } from '../../attachment/attachment.service';
import type { TAuditService } from '../../audit/audit.service';
import type { TEnterpriseService } from '../../enterprise/enterprise.service';
import type { TObligation } from '../../enterprise/obligations';
import type { TSettingsService } from '../../settings/settings.service';
import { hazardActor, hazardActorSees, toHazardItem, viewerOf } from './hazard-access';
import { createHazardAct } from './hazard-act';
import { createHazardRecording } from './hazard-create';
import { hazardDetail } from './hazard-detail';
import { countableFromCounters, hazardTotal } from './hazard-totals.repo';
import * as repo from './hazard.repo';

export type THazardService = ReturnType<typeof createHazardService>;

/**
 * Hidden hazards (事故隐患) through the closed loop (DOMAIN.md §4): recorded, ordered with a 责令限期整改指令书,
 * rectified, submitted with evidence, re-checked and closed by someone other than the submitter. Every change goes
 * with its transition row, the firm's timeline, the audit entry and the risk events in one transaction.
 */
export function createHazardService(deps: {
  db: Db;
  audit: TAuditService;
  settings: TSettingsService;
  attachments: TAttachmentService;
  enterprises: TEnterpriseService;
  events: TEventBus;
  clock: TClock;
}) {
  const { db, attachments, enterprises, clock } = deps;

  // An open hazard is an obligation in the deregistration guard.
  enterprises.registerObligationProvider({
    module: 'hazard',
    async obligationsFor(tx, enterpriseIds) {
      const owed = new Map<number, TObligation[]>();
      for (const r of await repo.openCounts(tx, enterpriseIds)) {
        owed.set(r.enterpriseId, [
          {
            module: 'hazard',
            kind: 'open_hazard',
            count: Number(r.open),
            summary: `未销号的事故隐患 ${r.open} 项${r.major ? `（其中重大事故隐患 ${r.major} 项）` : ''}`,
          },
        ]);
      }
      return owed;
    },
    owingAmong: (tx, candidates) => repo.owingAmong(tx, candidates),
  });

  // A hazard's photos and evidence are read by whoever may see the hazard: its firm's users, officers in scope.
  attachments.registerReader('hazard', async (tx, ctx, ids) => {
    if (!ctx.actor || !can(ctx.actor.role, 'hazard.read')) return false;
    const actor = await hazardActor(tx, ctx, 'hazard.read');
    return (await repo.itemsByIds(tx, ids)).some((h) => hazardActorSees(actor, h));
  });

  async function list(ctx: TRequestContext, query: THazardListQuery) {
    const actor = await hazardActor(db, ctx, 'hazard.read');
    const now = clock();
    const viewer = viewerOf(actor);
    const where = repo.listWhere(query, viewer, bureauDate(now));
    const knownTotal = 'scope' in viewer && countableFromCounters(query) ? await hazardTotal(db, viewer.scope, query) : undefined;
    const { items, total } = await repo.listHazards(
      db,
      where,
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize, sort: query.sort, order: query.order },
      knownTotal,
    );
    return { items: items.map((r) => toHazardItem(r, now)), total };
  }

  async function detail(ctx: TRequestContext, id: number): Promise<THazardDetail> {
    const actor = await hazardActor(db, ctx, 'hazard.read');
    return hazardDetail(db, actor, id, clock());
  }

  /** The hazards an inspection's findings became (its firm's users and officers in scope). */
  async function ofInspection(ctx: TRequestContext, inspectionId: number): Promise<THazardItem[]> {
    const actor = await hazardActor(db, ctx, 'hazard.read');
    const inspection = await repo.findInspection(db, inspectionId);
    if (!inspection || !hazardActorSees(actor, inspection)) throw new AppError('not_found', '检查记录不存在', { field: 'id' });
    const now = clock();
    return (await repo.hazardsOfInspection(db, inspectionId)).map((r) => toHazardItem(r, now));
  }

  async function criteria(ctx: TRequestContext) {
    requirePermission(ctx, 'hazard.read');
    return repo.listCriteria(db);
  }

  const { create, fromFindings } = createHazardRecording(deps);
  return { list, detail, create, act: createHazardAct(deps), fromFindings, ofInspection, criteria };
}
