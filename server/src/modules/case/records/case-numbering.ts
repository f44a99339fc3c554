/** Case documents get the next number of (handling body, year, kind), issued inside the caller's transaction. */
import { AppError, bodyAbbreviation, formatDocumentNumber, type TCaseDocumentKind } from '@yingji/domain';
import type { Db } from '../../../db/client';
import { bodyNaming } from '../../org/org.repo';
import type { TSettingsService } from '../../settings/settings.service';
import * as repo from './case.repo';

const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

export type TCaseNumbering = ReturnType<typeof createCaseNumbering>;

export function createCaseNumbering({ settings }: { settings: TSettingsService }) {
  /** Issues the next number of (body, year, kind) inside the caller's transaction; a number in use is a 409. */
  async function issueDocument(
    tx: Db,
    row: repo.TCaseRow,
    kind: TCaseDocumentKind,
    issuedOn: string,
    actorId: number,
    at: string,
    content: unknown = null,
  ) {
    const docs = await settings.get('caseDocuments');
    const year = Number(issuedOn.slice(0, 4));
    const seq = await repo.nextDocumentSeq(tx, row.divisionCode, year, kind);
    const body = await bodyNaming(tx, row.divisionCode);
    const number = formatDocumentNumber(
      bodyAbbreviation(docs, row.divisionCode, body.name, body.qualifier),
      docs.kindWords[kind],
      year,
      seq,
    );
    try {
      return await repo.insertDocument(tx, {
        caseId: row.id,
        kind,
        divisionCode: row.divisionCode,
        year,
        seq,
        number,
        issuedOn,
        content,
        createdBy: actorId,
        createdAt: at,
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('conflict', `文书编号 ${number} 已被使用，文号不得重复（请检查文号设置后重试）`);
      throw e;
    }
  }
  return { issueDocument };
}
