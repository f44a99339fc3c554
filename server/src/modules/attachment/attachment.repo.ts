import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { attachments } from '../../db/schema/index';

export type TAttachmentRow = typeof attachments.$inferSelect;

/** The same bytes uploaded twice are one row: the first upload's name and uploader stay. */
export async function upsertAttachment(db: Db, row: typeof attachments.$inferInsert): Promise<TAttachmentRow> {
  await db.insert(attachments).values(row).onConflictDoNothing({ target: attachments.sha256 });
  const [saved] = await db.select().from(attachments).where(eq(attachments.sha256, row.sha256));
  return saved!;
}

export async function findAttachment(db: Db, sha256: string): Promise<TAttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.sha256, sha256));
  return row;
}

/** Which of these hashes are stored attachments of one of the given types. */
export async function existingAttachments(db: Db, hashes: string[], mimes?: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db
    .select({ sha256: attachments.sha256 })
    .from(attachments)
    .where(mimes ? sql`${inArray(attachments.sha256, hashes)} AND ${inArray(attachments.mime, mimes)}` : inArray(attachments.sha256, hashes));
  return new Set(rows.map((r) => r.sha256));
}
