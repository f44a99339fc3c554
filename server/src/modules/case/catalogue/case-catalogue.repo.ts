import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { caseDiscretionBands, caseViolations } from '../../../db/schema/index';

export type TViolationRow = typeof caseViolations.$inferSelect;
export type TBandRow = typeof caseDiscretionBands.$inferSelect;

/** The violation catalogue and its discretion bands (违法行为目录及自由裁量基准). */
export async function violationCodes(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ code: caseViolations.code }).from(caseViolations)).map((r) => r.code));
}

export async function listViolations(db: Db, activeOnly = false): Promise<(TViolationRow & { bands: TBandRow[] })[]> {
  const rows = await db
    .select()
    .from(caseViolations)
    .where(activeOnly ? eq(caseViolations.active, true) : undefined)
    .orderBy(asc(caseViolations.sort), asc(caseViolations.code));
  const bands = rows.length
    ? await db
        .select()
        .from(caseDiscretionBands)
        .where(
          inArray(
            caseDiscretionBands.violationId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({ ...r, bands: bands.filter((b) => b.violationId === r.id) }));
}

export async function findViolation(db: Db, code: string): Promise<TViolationRow | undefined> {
  const [row] = await db.select().from(caseViolations).where(eq(caseViolations.code, code));
  return row;
}

export async function insertViolation(db: Db, row: typeof caseViolations.$inferInsert): Promise<TViolationRow> {
  const [saved] = await db.insert(caseViolations).values(row).returning();
  return saved!;
}

export async function updateViolation(db: Db, id: number, row: Partial<typeof caseViolations.$inferInsert>): Promise<void> {
  await db.update(caseViolations).set(row).where(eq(caseViolations.id, id));
}

export async function replaceBands(
  db: Db,
  violationId: number,
  bands: Omit<typeof caseDiscretionBands.$inferInsert, 'violationId'>[],
): Promise<void> {
  await db.delete(caseDiscretionBands).where(eq(caseDiscretionBands.violationId, violationId));
  if (bands.length) await db.insert(caseDiscretionBands).values(bands.map((b) => ({ ...b, violationId })));
}

export async function maxViolationSort(db: Db): Promise<number> {
  const [row] = await db.select({ m: sql<number>`coalesce(max(${caseViolations.sort}), 0)::int` }).from(caseViolations);
  return row?.m ?? 0;
}
