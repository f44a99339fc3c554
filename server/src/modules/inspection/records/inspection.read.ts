import {
  bureauDate,
  can,
  lastOverdueCheckDate,
  resultPublishBy,
  type TFinding,
  type TInspection,
  type TInspectionDetail,
  type TInspectionListQuery,
} from '@yingji/domain';
import type { Db } from '../../../db/client';
import type { TClock, TRequestContext } from '../../../shared/context';
import { loadInScope, requirePermission } from '../../../kit/access';
import type { TSettingsService } from '../../settings/settings.service';
import * as catalogueRepo from '../catalogue/catalogue.repo';
import * as findingRepo from './finding.repo';
import * as repo from './inspection.repo';
import * as totals from '../reports/list-totals.repo';
import { iso } from '../../../shared/iso';

export type TInspectionRead = ReturnType<typeof createInspectionRead>;

/** The presenters: what leaves the server about an inspection and a finding. */
export const toInspectionDto = (v: repo.TInspectionView, names: string[]): TInspection => ({
  id: v.id,
  enterpriseId: v.enterpriseId,
  enterpriseName: v.enterpriseName,
  creditCode: v.creditCode,
  divisionCode: v.divisionCode,
  divisionName: v.divisionName,
  kind: v.kind,
  colour: v.colour,
  inspectedOn: v.inspectedOn,
  place: v.place,
  status: v.status,
  findingsCount: v.findingsCount,
  checklistName: v.checklistName,
  inspectorNames: names,
  publishedAt: v.publishedAt ? iso(v.publishedAt) : null,
  createdAt: iso(v.createdAt),
});

export const toFindingDto = (f: findingRepo.TFindingView): TFinding => ({ ...f, photos: [...f.photos] });

export function createInspectionRead({ db, settings, clock }: { db: Db; settings: TSettingsService; clock: TClock }) {
  /** The list's filter for the actor; 逾期未公示 reads the bureau's calendar and today. */
  /** The last inspection date whose result is overdue for publication today (the bureau's working-day calendar). */
  async function lastOverdueCheck(): Promise<string> {
    const { resultDays } = await settings.get('inspectionPublication');
    const calendar = await settings.get('workCalendar');
    return lastOverdueCheckDate(calendar, resultDays, bureauDate(clock()));
  }

  async function listFilter(query: Omit<TInspectionListQuery, 'page' | 'pageSize'>, scope: string) {
    if (query.publication !== 'overdue') return repo.listWhere(query, scope);
    return repo.listWhere(query, scope, await lastOverdueCheck());
  }

  async function list(ctx: TRequestContext, query: TInspectionListQuery) {
    const actor = requirePermission(ctx, 'inspection.read');
    const where = await listFilter(query, actor.divisionCode);
    const { kind: _k, ...withoutKind } = query;
    // Totals by kind from the counters; a keyword, the publication state or one firm (not in the counters) is counted.
    const byKind =
      query.q || query.publication || query.enterpriseId
        ? await repo.countByKind(db, await listFilter(withoutKind, actor.divisionCode))
        : await totals.inspectionTotals(db, {
            scope: actor.divisionCode,
            divisionCode: query.divisionCode,
            from: query.from,
            to: query.to,
            status: query.status,
          });
    const total = query.kind ? (byKind[query.kind] ?? 0) : Object.values(byKind).reduce((a, b) => a + b, 0);
    const rows =
      total === 0
        ? []
        : await repo.listInspections(db, where, {
            limit: query.pageSize,
            offset: (query.page - 1) * query.pageSize,
            sort: query.sort,
            order: query.order,
          });
    return {
      items: rows.map((r) => toInspectionDto(r, r.inspectorNames)),
      total,
      byKind: { planned: byKind.planned ?? 0, ad_hoc: byKind.ad_hoc ?? 0, unannounced: byKind.unannounced ?? 0 },
    };
  }

  async function detail(ctx: TRequestContext, id: number, tx: Db = db): Promise<TInspectionDetail> {
    const { actor, row: v } = await loadInScope(
      ctx,
      'inspection.read',
      () => repo.findInspection(tx, id),
      (r) => r.divisionCode,
      '检查记录不存在',
    );
    const [officers, answers, findings] = await Promise.all([
      repo.inspectorsOf(tx, [id]),
      repo.answersOf(tx, id),
      findingRepo.findingsOfInspection(tx, id),
    ]);
    const { resultDays } = await settings.get('inspectionPublication');
    const calendar = await settings.get('workCalendar');
    const onList = v.checklistId ? await catalogueRepo.checklistItemRows(tx, v.checklistId) : [];
    const byItem = new Map(answers.map((a) => [a.itemId, a]));
    // A submitted record shows what was answered, even if the checklist changed since; a draft shows the checklist.
    const listed = new Set(onList.map((i) => i.id));
    const stray =
      v.status === 'submitted'
        ? await catalogueRepo.findItemsByIds(
            tx,
            answers.filter((a) => !listed.has(a.itemId)).map((a) => a.itemId),
          )
        : [];
    const items = [...onList.filter((i) => v.status === 'draft' || byItem.has(i.id)), ...stray].map((i) => {
      const a = byItem.get(i.id);
      return {
        id: i.id,
        code: i.code,
        title: i.title,
        content: i.content,
        legalBasis: i.legalBasis,
        majorHazard: i.majorHazard,
        answer: a ? { result: a.result, note: a.note, photos: [...a.photos] } : null,
      };
    });
    return {
      inspection: {
        ...toInspectionDto(
          v,
          officers.map((o) => o.displayName),
        ),
        drawTargetId: v.drawTargetId,
        planId: v.planId,
        checklistId: v.checklistId,
        conclusion: v.conclusion,
        representativeName: v.representativeName,
        signatureSha256: v.signatureSha256,
        address: v.address,
        publicationDueOn: v.status === 'submitted' ? resultPublishBy(calendar, v.inspectedOn, resultDays) : null,
      },
      inspectors: officers.map(({ userId, displayName, certificateNo }) => ({ userId, displayName, certificateNo })),
      items,
      findings: findings.map(toFindingDto),
      can: {
        edit: v.status === 'draft' && can(actor.role, 'inspection.record'),
        publish: v.status === 'submitted' && v.publishedAt === null && can(actor.role, 'inspection.record'),
      },
    };
  }

  async function pendingTargets(ctx: TRequestContext) {
    const actor = requirePermission(ctx, 'inspection.read');
    return repo.pendingTargets(db, actor.divisionCode);
  }

  /** The active officers of the pool, with their certificate's expiry, for the form to pick from. */
  async function inspectorOptions(ctx: TRequestContext) {
    requirePermission(ctx, 'inspection.read');
    return (await repo.poolInspectors(db)).map(({ active: _a, ...o }) => o);
  }

  return { list, listFilter, lastOverdueCheck, detail, pendingTargets, inspectorOptions };
}
