/**
 * What a firm owes on account of accidents, for the deregistration guard: an investigation opened and not yet
 * answered (批复) — a firm must not deregister its way out of the penalties an investigation recommends.
 */
import { and, count, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accidents } from '../../db/schema';
import type { TObligation, TObligationProvider } from '../enterprise/obligations';

/** An investigation opened and not yet answered. */
const investigationOpen = () => and(isNotNull(accidents.investigationStartedOn), isNull(accidents.investigationRepliedOn));

export const accidentObligations: TObligationProvider = {
  module: 'accident',
  async obligationsFor(db: Db, enterpriseIds: number[]) {
    const owed = new Map<number, TObligation[]>();
    if (enterpriseIds.length === 0) return owed;
    const rows = await db
      .select({ enterpriseId: accidents.enterpriseId, n: count() })
      .from(accidents)
      .where(and(inArray(accidents.enterpriseId, enterpriseIds), investigationOpen()))
      .groupBy(accidents.enterpriseId);
    for (const r of rows)
      if (r.enterpriseId !== null)
        owed.set(r.enterpriseId, [
          { module: 'accident', kind: 'open_investigation', count: r.n, summary: `未批复结案的事故调查 ${r.n} 起` },
        ]);
    return owed;
  },
  async owingAmong(db: Db, candidates) {
    const rows = await db
      .selectDistinct({ enterpriseId: accidents.enterpriseId })
      .from(accidents)
      .where(and(sql`${accidents.enterpriseId} IN ${candidates}`, investigationOpen()));
    return rows.flatMap((r) => (r.enterpriseId === null ? [] : [r.enterpriseId]));
  },
};
