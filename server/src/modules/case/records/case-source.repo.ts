/**
 * What a case reads of the record it came from (read only; the other modules own these tables): the accident's grade
 * (安全生产法 art. 114) and the hazard's 责令限期整改指令书 with its last failed 复查, to prefill the case's own record.
 */
import { bureauDate, type TAccidentGrade, type TCaseOrderView } from '@yingji/domain';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accidents, hazards, hazardTransitions } from '../../../db/schema/index';

type TSource = { sourceKind: string; sourceRef: number | null };

/** The grade the accident module derived (条例 art. 3), for a case opened from an accident; null otherwise. */
export async function sourceAccidentGrade(db: Db, c: TSource): Promise<TAccidentGrade | null> {
  if (c.sourceKind !== 'accident' || c.sourceRef === null) return null;
  const [row] = await db.select({ grade: accidents.grade }).from(accidents).where(eq(accidents.id, c.sourceRef));
  return row?.grade ?? null;
}

// the hazard's transitions that set the deadline in force (a failed 复查 sets the next one)
const SETS_DEADLINE = new Set(['order', 'recheck_fail', 'approve_extension']);

/**
 * The source hazard's order and its last failed 复查, with the deadline that 复查 found missed (the deadline in force
 * before it, since a failed 复查 sets a new one); null when the case is not from an ordered hazard.
 */
export async function sourceHazardOrder(db: Db, c: TSource): Promise<TCaseOrderView | null> {
  if (c.sourceKind !== 'hazard' || c.sourceRef === null) return null;
  const [h] = await db
    .select({ orderNo: hazards.orderNo, orderedAt: hazards.orderedAt, deadline: hazards.deadline })
    .from(hazards)
    .where(eq(hazards.id, c.sourceRef));
  if (!h?.orderNo || !h.orderedAt) return null;
  const steps = await db
    .select({
      action: hazardTransitions.action,
      deadline: hazardTransitions.deadline,
      note: hazardTransitions.note,
      at: hazardTransitions.at,
    })
    .from(hazardTransitions)
    .where(eq(hazardTransitions.hazardId, c.sourceRef))
    .orderBy(asc(hazardTransitions.id));
  let deadline: string | null = null;
  let recheck: { on: string; note: string | null; missed: string | null } | null = null;
  for (const s of steps) {
    if (s.action === 'recheck_fail') recheck = { on: bureauDate(new Date(s.at)), note: s.note, missed: deadline };
    if (s.deadline && SETS_DEADLINE.has(s.action)) deadline = s.deadline;
  }
  return {
    orderNo: h.orderNo,
    orderedOn: bureauDate(new Date(h.orderedAt)),
    deadline: recheck?.missed ?? h.deadline,
    recheckedOn: recheck?.on ?? null,
    recheckUnmet: recheck !== null,
    recheckNote: recheck?.note ?? null,
  };
}
