import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attachmentRefs, attachments } from '../../db/schema/index';

export type TAttachmentRow = typeof attachments.$inferSelect;
export type TAttachmentOwner = (typeof attachmentRefs.$inferInsert)['owner'];

/** The same bytes uploaded twice are one row: the first upload's name and uploader stay. */
export async function upsertAttachment(db: Db, row: typeof attachments.$inferInsert): Promise<TAttachmentRow> {
  await db.insert(attachments).values(row).onConflictDoNothing({ target: attachments.sha256 });
  const [saved] = await db.select().from(attachments).where(eq(attachments.sha256, row.sha256));
  return saved!;
}

/** Which of these hashes are stored attachments of one of the given types. */
export async function existingAttachments(db: Db, hashes: string[], mimes?: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db
    .select({ sha256: attachments.sha256 })
    .from(attachments)
    .where(
      mimes ? sql`${inArray(attachments.sha256, hashes)} AND ${inArray(attachments.mime, mimes)}` : inArray(attachments.sha256, hashes),
    );
  return new Set(rows.map((r) => r.sha256));
}

/** Records that the owner holds these hashes; a reference already there is kept as it is. */
export async function insertRefs(db: Db, owner: TAttachmentOwner, ownerId: number, hashes: string[]): Promise<void> {
  if (hashes.length === 0) return;
  await db
    .insert(attachmentRefs)
    .values(hashes.map((sha256) => ({ sha256, owner, ownerId })))
    .onConflictDoNothing();
}

/** The attachment with every reference to it, in one query on the primary keys; undefined for an unknown hash. */
export async function findWithRefs(
  db: Db,
  sha256: string,
): Promise<{ row: TAttachmentRow; refs: { owner: TAttachmentOwner; ownerId: number }[] } | undefined> {
  const rows = await db
    .select({ row: attachments, owner: attachmentRefs.owner, ownerId: attachmentRefs.ownerId })
    .from(attachments)
    .leftJoin(attachmentRefs, eq(attachmentRefs.sha256, attachments.sha256))
    .where(eq(attachments.sha256, sha256));
  if (rows.length === 0) return undefined;
  return {
    row: rows[0]!.row,
    refs: rows.flatMap((r) => (r.owner !== null && r.ownerId !== null ? [{ owner: r.owner, ownerId: r.ownerId }] : [])),
  };
}

/** The references to these hashes, by hash (one query on the primary key). */
export async function refsOf(db: Db, hashes: string[]): Promise<Map<string, { owner: TAttachmentOwner; ownerId: number }[]>> {
  const out = new Map<string, { owner: TAttachmentOwner; ownerId: number }[]>();
  if (hashes.length === 0) return out;
  for (const r of await db.select().from(attachmentRefs).where(inArray(attachmentRefs.sha256, hashes)))
    out.set(r.sha256, [...(out.get(r.sha256) ?? []), { owner: r.owner, ownerId: r.ownerId }]);
  return out;
}
