import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, can, inScope, type TAttachment, type TPermission } from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TClock, TRequestContext } from '../../shared/context';
import type { TAuditService } from '../audit/audit.service';
import { requirePermission } from '../../kit/access';
import * as repo from './attachment.repo';
import { ATTACHMENT_MAX_BYTES, sniffAttachment, tooLarge } from './attachment.rules';

export type TAttachmentService = ReturnType<typeof createAttachmentService>;

export type TAttachmentDto = TAttachment;

/** The owners of references: the uploader (`upload`, the user's id) or a record of another module (its id). */
export type TAttachmentOwner = repo.TAttachmentOwner;
/** Whether the user may see at least one of these records of the owner, by the owning module's own read rule. */
export type TAttachmentReader = (db: Db, ctx: TRequestContext, ownerIds: number[]) => Promise<boolean>;

/**
 * The reader of records kept by division (an inspection, a case, a listing): the permission, then any of the records
 * in the user's scope. `divisionOf` gives a record's division, undefined when there is no such record.
 */
export const readerInScope =
  (permission: TPermission, divisionOf: (db: Db, id: number) => Promise<string | undefined>): TAttachmentReader =>
  async (db, ctx, ids) => {
    if (!ctx.actor || !can(ctx.actor.role, permission)) return false;
    for (const id of ids) {
      const division = await divisionOf(db, id);
      if (division !== undefined && inScope(ctx.actor.divisionCode, division)) return true;
    }
    return false;
  };

/**
 * Photos, signatures and evidence, stored once by content (`<files>/attachments/<sha256[0..2]>/<sha256>`).
 * Reading is denied by default: besides attachment.read, the user uploaded the same bytes (`upload` ref), or a
 * record referencing them (`attachment_refs`, written by `link` in the record's transaction) is one the user may
 * see, as the reader its module registered with `registerReader` says. Otherwise the hash reads as unknown.
 */
export function createAttachmentService({ db, audit, clock, filesDir }: { db: Db; audit: TAuditService; clock: TClock; filesDir: string }) {
  const root = path.join(filesDir, 'attachments');
  const fileOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);
  const readers = new Map<TAttachmentOwner, TAttachmentReader>();

  /** A module says who may see its records; called once from its service factory. */
  function registerReader(owner: Exclude<TAttachmentOwner, 'upload'>, reader: TAttachmentReader) {
    readers.set(owner, reader);
  }

  /** The record (owner, ownerId) holds these hashes: call in the transaction that stores them, after requireExisting. */
  async function link(
    tx: Db,
    owner: Exclude<TAttachmentOwner, 'upload'>,
    ownerId: number,
    hashes: (string | null | undefined)[],
  ): Promise<void> {
    await repo.insertRefs(tx, owner, ownerId, [...new Set(hashes.filter((h): h is string => !!h))]);
  }

  async function upload(ctx: TRequestContext, input: { body: Buffer; fileName: string }): Promise<TAttachmentDto> {
    requirePermission(ctx, 'attachment.upload');
    if (input.body.length === 0) throw new AppError('invalid', '上传的文件是空的', { field: 'file' });
    if (input.body.length > ATTACHMENT_MAX_BYTES) throw tooLarge(input.body.length);
    const mime = sniffAttachment(input.body);
    if (!mime) throw new AppError('invalid', '只能上传 JPEG、PNG 或 WebP 格式的图片，或 PDF 格式的证明材料', { field: 'file' });
    const sha256 = createHash('sha256').update(input.body).digest('hex');
    const file = fileOf(sha256);
    const onDisk = await stat(file).then(
      (s) => s.size === input.body.length,
      () => false,
    );
    if (!onDisk) {
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed, so a reader never sees half a file.
      const partial = `${file}.${process.pid}.${Date.now()}.part`;
      await writeFile(partial, input.body);
      await rename(partial, file);
    }
    const row = await db.transaction(async (tx) => {
      const saved = await repo.upsertAttachment(tx, {
        sha256,
        mime,
        size: input.body.length,
        fileName: input.fileName,
        createdBy: ctx.actor!.id,
        createdAt: clock().toISOString(),
      });
      // Every uploader of these bytes reads them, e.g. to preview the photo just chosen before it is saved anywhere.
      await repo.insertRefs(tx, 'upload', ctx.actor!.id, [sha256]);
      await audit.record(tx, ctx, {
        action: 'create',
        entity: 'attachment',
        entityId: sha256,
        after: { mime, size: input.body.length, fileName: input.fileName },
      });
      return saved;
    });
    return { sha256: row.sha256, mime: row.mime, size: row.size, fileName: row.fileName };
  }

  /** The uploader reads his bytes; anyone else needs a referencing record its module's reader lets him see. */
  async function mayRead(tx: Db, ctx: TRequestContext, refs: { owner: TAttachmentOwner; ownerId: number }[]): Promise<boolean> {
    if (refs.some((r) => r.owner === 'upload' && r.ownerId === ctx.actor?.id)) return true;
    const byOwner = new Map<TAttachmentOwner, number[]>();
    for (const r of refs) if (r.owner !== 'upload') byOwner.set(r.owner, [...(byOwner.get(r.owner) ?? []), r.ownerId]);
    for (const [owner, ids] of byOwner) {
      const reader = readers.get(owner);
      if (reader && (await reader(tx, ctx, ids))) return true;
    }
    return false;
  }

  async function open(ctx: TRequestContext, sha256: string) {
    requirePermission(ctx, 'attachment.read');
    const found = /^[0-9a-f]{64}$/.test(sha256) ? await repo.findWithRefs(db, sha256) : undefined;
    // Not allowed reads exactly as unknown: the answer tells nothing about another firm's or town's files.
    if (!found || !(await mayRead(db, ctx, found.refs))) throw new AppError('not_found', '附件不存在');
    const { row } = found;
    const exists = await stat(fileOf(sha256)).then(
      () => true,
      () => false,
    );
    if (!exists) throw new AppError('not_found', '附件文件已丢失，请重新上传');
    // The stream is opened only when the bytes are sent (not for a 304 answer).
    return { mime: row.mime, size: row.size, stream: () => createReadStream(fileOf(sha256)) };
  }

  /**
   * Refuses references to files that were never uploaded (or are not images, when asked), and to files the user
   * may not read: knowing another firm's hash must not let one link it to a record of one's own and read it.
   */
  async function requireExisting(tx: Db, ctx: TRequestContext, hashes: string[], field: string, mimes?: string[]): Promise<void> {
    const unique = [...new Set(hashes)];
    const found = await repo.existingAttachments(tx, unique, mimes);
    const missing = unique.filter((h) => !found.has(h));
    if (missing.length === 0 && unique.length > 0) {
      const refs = await repo.refsOf(tx, unique);
      for (const h of unique) if (!(await mayRead(tx, ctx, refs.get(h) ?? []))) missing.push(h);
    }
    if (missing.length > 0) throw new AppError('invalid', `附件 ${missing[0]!.slice(0, 12)}… 不存在，请重新上传`, { field });
  }

  /**
   * The bytes a record holds, for a reader with no account whose right comes from the record itself (a warning's
   * signed answer link): read only when the record (owner, ownerId) references this hash, else unknown.
   */
  async function openLinked(owner: Exclude<TAttachmentOwner, 'upload'>, ownerId: number, sha256: string) {
    const found = /^[0-9a-f]{64}$/.test(sha256) ? await repo.findWithRefs(db, sha256) : undefined;
    if (!found || !found.refs.some((r) => r.owner === owner && r.ownerId === ownerId)) throw new AppError('not_found', '附件不存在');
    const exists = await stat(fileOf(sha256)).then(
      () => true,
      () => false,
    );
    if (!exists) throw new AppError('not_found', '附件文件已丢失，请重新上传');
    return { mime: found.row.mime, size: found.row.size, fileName: found.row.fileName, stream: () => createReadStream(fileOf(sha256)) };
  }

  /** The stored name and type of an uploaded file, or undefined; `on` is the caller's transaction when it has one. */
  async function describe(sha256: string, on: Db = db) {
    const found = await repo.findWithRefs(on, sha256);
    return found ? { fileName: found.row.fileName, mime: found.row.mime, size: found.row.size } : undefined;
  }

  return { upload, open, openLinked, describe, requireExisting, link, registerReader };
}
