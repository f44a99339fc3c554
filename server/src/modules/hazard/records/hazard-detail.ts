/** A hazard's page and the view the closed-loop rules take of it. */
import { availableHazardActions, type THazardActor, type THazardDetail, type THazardForRules } from '@yingji/domain';
import type { Db } from '../../../db/client';
import { iso } from '../../../shared/iso';
import { loadVisibleHazard, toHazardItem } from './hazard-access';
import * as repo from './hazard.repo';

type TPending = { id: number; requestedBy: number | null; requestedDeadline: string };
export type THazardRulesView = THazardForRules & { pendingId: number | null; pendingDeadline: string | null };

/** The hazard as the rules see it, with its pending extension request (one at a time) if any. */
export const rulesView = (row: repo.THazardRow, pending: TPending | undefined): THazardRulesView => ({
  state: row.state,
  level: row.level,
  deadline: row.deadline,
  enterpriseId: row.enterpriseId,
  divisionCode: row.divisionCode,
  plan: row.plan ?? null,
  submittedBy: row.submittedBy,
  pendingExtension: pending ? { requestedBy: pending.requestedBy ?? 0 } : null,
  pendingId: pending?.id ?? null,
  pendingDeadline: pending?.requestedDeadline ?? null,
});

export async function forRules(tx: Db, row: repo.THazardRow): Promise<THazardRulesView> {
  return rulesView(row, await repo.pendingExtension(tx, row.id));
}

/** The hazard's page in four queries (the row, its head, timeline and extensions); the pending request is among the extensions. */
export async function hazardDetail(tx: Db, actor: THazardActor, id: number, now: Date): Promise<THazardDetail> {
  const row = await loadVisibleHazard(tx, actor, id);
  const [head, transitions, extensions] = await Promise.all([
    repo.findHazardHead(tx, id),
    repo.transitionsOf(tx, id),
    repo.extensionsOf(tx, id),
  ]);
  const { criterionCode, criterionTitle, submittedByName, closedByName, campaigns, ...item } = head!;
  const rules = rulesView(
    row,
    extensions.find((e) => e.status === 'pending'),
  );
  return {
    ...toHazardItem(item, now),
    criterion:
      row.criterionItemId && criterionCode !== null && criterionTitle !== null
        ? { id: row.criterionItemId, code: criterionCode, title: criterionTitle }
        : null,
    photos: row.photos,
    foundBy: row.foundBy,
    responsiblePerson: row.responsiblePerson,
    plan: row.plan ?? null,
    orderNo: row.orderNo,
    inspectionId: row.inspectionId,
    findingId: row.findingId,
    campaigns,
    submittedByName: row.submittedBy ? submittedByName : null,
    closedByName: row.closedBy ? closedByName : null,
    transitions: transitions.map((t) => ({ ...t, at: iso(t.at) })),
    extensions: extensions.map(({ requestedBy: _by, ...e }) => ({ ...e, requestedAt: iso(e.requestedAt), decidedAt: iso(e.decidedAt) })),
    actions: availableHazardActions(rules, actor),
  };
}
