import { sql } from 'drizzle-orm';
import { DEFAULT_CASE_DOCUMENTS, formatDocumentNumber, type TCaseDocumentKind } from '@yingji/domain';
import type { Db } from '../../server/src/db/client';
import { insertRecordset } from './recordset';
import type { TCaseRows } from './case-rows';

/**
 * One city's case rows: documents numbered per (body, year, kind) in the order issued, without gaps (the filing
 * number is the case number; `sequences` keeps the counters), then every table inserted.
 */
export async function insertCaseCity(
  db: Db,
  rows: TCaseRows,
  abbreviation: Map<string, string>,
  sequences: Map<string, number>,
): Promise<void> {
  const { caseRows, officerRows, penaltyRows, evidenceRows, attachmentRows, eventRows, docRows, paymentRows, extensionRows } = rows;
  docRows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.caseId - b.caseId));
  const caseById = new Map(caseRows.map((c) => [c.id as number, c]));
  for (const d of docRows) {
    const key = `${d.divisionCode}|${d.year}|${d.kind}`;
    const seq = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, seq);
    d.seq = seq;
    d.number = formatDocumentNumber(
      abbreviation.get(d.divisionCode)!,
      DEFAULT_CASE_DOCUMENTS.kindWords[d.kind as TCaseDocumentKind],
      d.year,
      seq,
    );
    if (d.kind === 'filing') caseById.get(d.caseId)!.caseNo = d.number;
  }

  await insertRecordset(
    db,
    caseRows,
    (
      json,
    ) => sql`INSERT INTO cases (id, division_code, case_no, procedure, stage, enterprise_id, person_name, person_id_number, person_position, party_name, source_kind, source_ref,
      summary, violation_codes, occurred_on, discovered_on, harms_life_or_health, filed_on, decision_due_on, findings, complex, major_public_interest, evidence_count,
      legal_review_passed_at, legal_reviewer_id, legal_review_opinion, deliberated_at, deliberation_conclusion, notified_on, notice_fine_fen, rights_waived, statement,
      hearing_requested_on, hearing_on, hearing_chair_id, hearing_place, hearing_held_on, decision_outcome, decided_on, fine_decided_fen, fine_paid_fen, surcharge_paid_fen,
      served_on, service_method, paid_off_on, closed_on, withdrawn_reason, other_penalties, version, created_by, created_at, updated_at,
      order_no, ordered_on, order_deadline, rechecked_on, recheck_unmet, recheck_note, accident_grade)
    SELECT v.id, v."divisionCode", v."caseNo", v.procedure, v.stage, v."enterpriseId", v."personName", v."personIdNumber", v."personPosition", v."partyName", v."sourceKind", v."sourceRef",
      v.summary, ARRAY(SELECT json_array_elements_text(v."violationCodes")), v."occurredOn", v."discoveredOn", v."harmsLifeOrHealth", v."filedOn", v."decisionDueOn", v.findings,
      coalesce(v.complex, false), coalesce(v."majorPublicInterest", false), v."evidenceCount",
      v."legalReviewPassedAt", v."legalReviewerId", v."legalReviewOpinion", v."deliberatedAt", v."deliberationConclusion", v."notifiedOn", v."noticeFineFen", coalesce(v."rightsWaived", false), v.statement,
      v."hearingRequestedOn", v."hearingOn", v."hearingChairId", v."hearingPlace", v."hearingHeldOn", v."decisionOutcome", v."decidedOn", v."fineDecidedFen", v."finePaidFen", v."surchargePaidFen",
      v."servedOn", v."serviceMethod", v."paidOffOn", v."closedOn", v."withdrawnReason", ARRAY(SELECT json_array_elements_text(coalesce(v."otherPenalties", '[]'::json))), v.version, v."createdBy", v."createdAt", v."updatedAt",
      v."orderNo", v."orderedOn", v."orderDeadline", v."recheckedOn", v."recheckUnmet", v."recheckNote", v."accidentGrade"
    FROM json_to_recordset(${json}::json) AS v(id int, "divisionCode" text, "caseNo" text, procedure text, stage text, "enterpriseId" int, "personName" text, "personIdNumber" text, "personPosition" text,
      "partyName" text, "sourceKind" text, "sourceRef" int, summary text, "violationCodes" json, "occurredOn" date, "discoveredOn" date, "harmsLifeOrHealth" bool, "filedOn" date, "decisionDueOn" date,
      findings text, complex bool, "majorPublicInterest" bool, "evidenceCount" int, "legalReviewPassedAt" timestamptz, "legalReviewerId" int, "legalReviewOpinion" text, "deliberatedAt" timestamptz,
      "deliberationConclusion" text, "notifiedOn" date, "noticeFineFen" bigint, "rightsWaived" bool, statement text, "hearingRequestedOn" date, "hearingOn" date, "hearingChairId" int, "hearingPlace" text,
      "hearingHeldOn" date, "decisionOutcome" text, "decidedOn" date, "fineDecidedFen" bigint, "finePaidFen" bigint, "surchargePaidFen" bigint, "servedOn" date, "serviceMethod" text, "paidOffOn" date,
      "closedOn" date, "withdrawnReason" text, "otherPenalties" json, version int, "createdBy" int, "createdAt" timestamptz, "updatedAt" timestamptz,
      "orderNo" text, "orderedOn" date, "orderDeadline" date, "recheckedOn" date, "recheckUnmet" bool, "recheckNote" text, "accidentGrade" text)`,
  );
  await insertRecordset(
    db,
    officerRows,
    (json) => sql`INSERT INTO case_officers (case_id, user_id, certificate_no)
    SELECT v."caseId", v."userId", v."certificateNo" FROM json_to_recordset(${json}::json) AS v("caseId" int, "userId" int, "certificateNo" text)`,
  );
  await insertRecordset(
    db,
    penaltyRows,
    (
      json,
    ) => sql`INSERT INTO case_penalties (case_id, code, target, circumstance, proposed_fine_fen, decided_fine_fen, band_min_fen, band_max_fen, tier, statutory_min_fen, statutory_max_fen)
    SELECT v."caseId", v.code, v.target, v.circumstance, v."proposedFineFen", v."decidedFineFen", v."bandMinFen", v."bandMaxFen", v.tier, v."statutoryMinFen", v."statutoryMaxFen"
    FROM json_to_recordset(${json}::json) AS v("caseId" int, code text, target text, circumstance text, "proposedFineFen" bigint, "decidedFineFen" bigint, "bandMinFen" bigint, "bandMaxFen" bigint,
      tier smallint, "statutoryMinFen" bigint, "statutoryMaxFen" bigint)`,
  );
  await insertRecordset(
    db,
    attachmentRows,
    (json) => sql`INSERT INTO attachments (sha256, mime, size, file_name, created_by, created_at)
    SELECT v.sha256, v.mime, v.size, v."fileName", v."createdBy", v."createdAt" FROM json_to_recordset(${json}::json) AS v(sha256 text, mime text, size int, "fileName" text, "createdBy" int, "createdAt" timestamptz)
    ON CONFLICT DO NOTHING`,
  );
  await insertRecordset(
    db,
    evidenceRows,
    (json) => sql`INSERT INTO case_evidence (case_id, kind, title, sha256, collected_on, created_by, created_at)
    SELECT v."caseId", v.kind, v.title, v.sha256, v."collectedOn", v."createdBy", v."createdAt"
    FROM json_to_recordset(${json}::json) AS v("caseId" int, kind text, title text, sha256 text, "collectedOn" date, "createdBy" int, "createdAt" timestamptz)`,
  );
  // Who may read the evidence (attachment.service.ts): the case's readers, and the officer who uploaded it.
  await insertRecordset(
    db,
    evidenceRows,
    (json) => sql`WITH v AS (SELECT * FROM json_to_recordset(${json}::json) AS v("caseId" int, sha256 text, "createdBy" int))
    INSERT INTO attachment_refs (sha256, owner, owner_id)
    SELECT sha256, 'case', "caseId" FROM v UNION SELECT sha256, 'upload', "createdBy" FROM v WHERE "createdBy" IS NOT NULL
    ON CONFLICT DO NOTHING`,
  );
  await insertRecordset(
    db,
    eventRows,
    (json) => sql`INSERT INTO case_events (case_id, action, from_stage, to_stage, note, payload, actor_id, actor_name, at)
    SELECT v."caseId", v.action, v."fromStage", v."toStage", v.note, v.payload, v."actorId", v."actorName", v.at
    FROM json_to_recordset(${json}::json) AS v("caseId" int, action text, "fromStage" text, "toStage" text, note text, payload jsonb, "actorId" int, "actorName" text, at timestamptz)`,
  );
  await insertRecordset(
    db,
    docRows,
    (json) => sql`INSERT INTO case_documents (case_id, kind, division_code, year, seq, number, issued_on, content, created_by, created_at)
    SELECT v."caseId", v.kind, v."divisionCode", v.year, v.seq, v.number, v."issuedOn", v.content, v."createdBy", v."createdAt"
    FROM json_to_recordset(${json}::json) AS v("caseId" int, kind text, "divisionCode" text, year int, seq int, number text, "issuedOn" date, content jsonb, "createdBy" int, "createdAt" timestamptz)`,
  );
  await insertRecordset(
    db,
    paymentRows,
    (json) => sql`INSERT INTO case_payments (case_id, paid_on, principal_fen, surcharge_fen, receipt_no, created_by, created_at)
    SELECT v."caseId", v."paidOn", v."principalFen", v."surchargeFen", v."receiptNo", v."createdBy", v."createdAt"
    FROM json_to_recordset(${json}::json) AS v("caseId" int, "paidOn" date, "principalFen" bigint, "surchargeFen" bigint, "receiptNo" text, "createdBy" int, "createdAt" timestamptz)`,
  );
  await insertRecordset(
    db,
    extensionRows,
    (json) => sql`INSERT INTO case_extensions (case_id, days, reason, approved_by, approved_at)
    SELECT v."caseId", v.days, v.reason, v."approvedBy", v."approvedAt" FROM json_to_recordset(${json}::json) AS v("caseId" int, days int, reason text, "approvedBy" int, "approvedAt" timestamptz)`,
  );
}
