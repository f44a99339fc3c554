import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import {
  attachments,
  checklists,
  divisions,
  enterprises,
  findings,
  inspectionAnswers,
  inspectionInspectors,
  inspectionItems,
  inspections,
  users,
} from '../../../db/schema/index';

/** Everything the on-site inspection record (现场检查记录) prints, read in one go. */
export async function loadRecord(db: Db, id: number) {
  const [head] = await db
    .select({
      id: inspections.id,
      divisionCode: inspections.divisionCode,
      divisionName: divisions.name,
      kind: inspections.kind,
      status: inspections.status,
      inspectedOn: inspections.inspectedOn,
      place: inspections.place,
      conclusion: inspections.conclusion,
      signatureSha256: inspections.signatureSha256,
      representativeName: inspections.representativeName,
      checklistName: checklists.name,
      enterpriseName: enterprises.name,
      creditCode: enterprises.creditCode,
      address: enterprises.address,
      legalRepresentative: enterprises.legalRepresentative,
      principalName: enterprises.principalName,
      principalPhone: enterprises.principalPhone,
    })
    .from(inspections)
    .innerJoin(enterprises, eq(enterprises.id, inspections.enterpriseId))
    .leftJoin(divisions, eq(divisions.code, inspections.divisionCode))
    .leftJoin(checklists, eq(checklists.id, inspections.checklistId))
    .where(eq(inspections.id, id));
  if (!head) return undefined;
  const [inspectors, answers, found] = await Promise.all([
    db
      .select({ name: users.displayName, certificateNo: inspectionInspectors.certificateNo })
      .from(inspectionInspectors)
      .innerJoin(users, eq(users.id, inspectionInspectors.userId))
      .where(eq(inspectionInspectors.inspectionId, id))
      .orderBy(asc(inspectionInspectors.certificateNo)),
    db
      .select({
        code: inspectionItems.code,
        title: inspectionItems.title,
        legalBasis: inspectionItems.legalBasis,
        result: inspectionAnswers.result,
        note: inspectionAnswers.note,
      })
      .from(inspectionAnswers)
      .innerJoin(inspectionItems, eq(inspectionItems.id, inspectionAnswers.itemId))
      .where(eq(inspectionAnswers.inspectionId, id))
      .orderBy(asc(inspectionItems.sort), asc(inspectionItems.code)),
    db
      .select({ description: findings.description, majorHazard: findings.majorHazard })
      .from(findings)
      .where(eq(findings.inspectionId, id))
      .orderBy(asc(findings.id)),
  ]);
  return { ...head, inspectors, answers, findings: found };
}
export type TRecordData = NonNullable<Awaited<ReturnType<typeof loadRecord>>>;

export async function findAttachment(db: Db, sha256: string) {
  const [row] = await db.select({ mime: attachments.mime }).from(attachments).where(eq(attachments.sha256, sha256));
  return row;
}
