import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../db/client';
import { campaigns, divisions, hazardCampaigns, hazards } from '../../../db/schema/index';
import { inScopeSql } from '../../../shared/scope';

export type TCampaignRow = typeof campaigns.$inferSelect;

/** Campaigns a user sees: those of their division or inside it, and those of the divisions above (the bureau's). */
export async function listCampaigns(db: Db, scope: string): Promise<TCampaignRow[]> {
  return db
    .select()
    .from(campaigns)
    .where(or(inScopeSql(campaigns.divisionCode, scope), sql`starts_with(${scope}, ${campaigns.divisionCode})`))
    .orderBy(desc(campaigns.startsOn), desc(campaigns.id));
}

export async function findCampaign(db: Db, id: number, lock = false): Promise<TCampaignRow | null> {
  const q = db.select().from(campaigns).where(eq(campaigns.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function divisionExists(db: Db, code: string): Promise<boolean> {
  const [row] = await db
    .select({ code: divisions.code })
    .from(divisions)
    .where(and(eq(divisions.code, code), inArray(divisions.level, ['city', 'town'])));
  return Boolean(row);
}

export async function insertCampaign(tx: Db, values: typeof campaigns.$inferInsert): Promise<TCampaignRow> {
  const [row] = await tx.insert(campaigns).values(values).returning();
  return row!;
}

export async function updateCampaign(tx: Db, id: number, values: Partial<typeof campaigns.$inferInsert>): Promise<TCampaignRow> {
  const [row] = await tx.update(campaigns).set(values).where(eq(campaigns.id, id)).returning();
  return row!;
}

/**
 * Hazards tagged with each campaign and, of them, closed: within the campaign's division and the reader's scope
 * (a town officer sees the bureau's campaign through their own town's records).
 */
export async function hazardFigures(db: Db, ids: number[], scope: string): Promise<Map<number, { hazards: number; closed: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ campaignId: number; hazards: number; closed: number }>(
    db,
    sql`SELECT ${hazardCampaigns.campaignId} AS "campaignId", count(*)::int AS "hazards", count(*) FILTER (WHERE ${hazards.state} = 'closed')::int AS "closed"
        FROM ${hazardCampaigns}
        JOIN ${hazards} ON ${hazards.id} = ${hazardCampaigns.hazardId}
        JOIN ${campaigns} ON ${campaigns.id} = ${hazardCampaigns.campaignId}
        WHERE ${inArray(hazardCampaigns.campaignId, ids)} AND ${inScopeSql(hazards.divisionCode, scope, hazards.cityCode)}
          AND starts_with(${hazards.divisionCode}, ${campaigns.divisionCode})
        GROUP BY 1`,
  );
  return new Map(rows.map((r) => [Number(r.campaignId), { hazards: Number(r.hazards), closed: Number(r.closed) }]));
}
