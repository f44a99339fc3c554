import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { enterprises } from './enterprise';
import { attachments } from './inspection';
import { users } from './org';
import { ts } from './columns';
import type { TClosureGround, TDailyFineRecord, TFineTier, TPaymentPlan, TTier2 } from '@yingji/domain';

/** Money in fen (分): bigint, so sums over a province never overflow; read as numbers (safe below 2^53). */
const fen = (name: string) => bigint(name, { mode: 'number' });
const day = (name: string) => date(name, { mode: 'string' });

/** The violation catalogue (违法行为及处罚依据), seeded from domain/src/case/violation.data.ts without overwriting edits. */
export const caseViolations = pgTable(
  'case_violations',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    violatedProvision: text('violated_provision').notNull(),
    penaltyProvision: text('penalty_provision').notNull(),
    unitMinFen: fen('unit_min_fen'),
    unitMaxFen: fen('unit_max_fen'),
    personMinFen: fen('person_min_fen'),
    personMaxFen: fen('person_max_fen'),
    /** The second tier (逾期未改正 found at a 复查): its ranges and other penalties; null when the article has none. */
    tier2: jsonb('tier2').$type<TTier2>(),
    otherPenalties: text('other_penalties')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('case_violations_code_uq').on(t.code)],
);

/** Discretion bands (自由裁量基准): violation × tier × target × circumstance → fine range; the bureau maintains them. */
export const caseDiscretionBands = pgTable(
  'case_discretion_bands',
  {
    violationId: integer('violation_id')
      .notNull()
      .references(() => caseViolations.id),
    tier: smallint('tier').$type<TFineTier>().notNull().default(1),
    target: text('target', { enum: ['unit', 'person'] }).notNull(),
    circumstance: text('circumstance', { enum: ['minor', 'general', 'serious', 'grave'] }).notNull(),
    minFen: fen('min_fen').notNull(),
    maxFen: fen('max_fen').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [primaryKey({ name: 'case_discretion_bands_pk', columns: [t.violationId, t.tier, t.target, t.circumstance] })],
);

/** An administrative penalty case (行政处罚案件), scoped by its handling body's division code. */
export const cases = pgTable(
  'cases',
  {
    id: serial('id').primaryKey(),
    /** The handling body (办案机关): the city (4 digits) or a town (9 digits). */
    divisionCode: text('division_code').notNull(),
    cityCode: text('city_code')
      .notNull()
      .generatedAlwaysAs(sql`left(division_code, 4)`),
    /** The filing number (立案审批表's 文号), set when the filing is approved. */
    caseNo: text('case_no'),
    procedure: text('procedure', { enum: ['general', 'simple'] }).notNull(),
    stage: text('stage').notNull(),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    personName: text('person_name'),
    personIdNumber: text('person_id_number'),
    personPosition: text('person_position'),
    /** The party as listed: the firm's name, or the person's, or both. */
    partyName: text('party_name').notNull(),
    sourceKind: text('source_kind', { enum: ['inspection', 'hazard', 'accident', 'complaint', 'referral'] }).notNull(),
    /** The source record's id (inspection, hazard …): no foreign key, those modules land separately. */
    sourceRef: integer('source_ref'),
    summary: text('summary').notNull(),
    violationCodes: text('violation_codes').array().notNull(),
    occurredOn: day('occurred_on').notNull(),
    discoveredOn: day('discovered_on').notNull(),
    harmsLifeOrHealth: boolean('harms_life_or_health').notNull().default(false),
    filedOn: day('filed_on'),
    /** Filing + 90 days + extensions (art. 60), kept so the list filters by it; state (overdue …) is computed on read. */
    decisionDueOn: day('decision_due_on'),
    findings: text('findings'),
    /** The 责令限期整改指令书 the case rests on and its 复查 (the case's own record, prefilled from a source hazard). */
    orderNo: text('order_no'),
    orderedOn: day('ordered_on'),
    orderDeadline: day('order_deadline'),
    recheckedOn: day('rechecked_on'),
    recheckUnmet: boolean('recheck_unmet'),
    recheckNote: text('recheck_note'),
    /** 安全生产法 art. 114: the accident's grade (from the accident record when the case came from one) and para. 2. */
    accidentGrade: text('accident_grade', { enum: ['general', 'larger', 'major', 'especially_major'] }),
    accidentAggravated: boolean('accident_aggravated').notNull().default(false),
    complex: boolean('complex').notNull().default(false),
    majorPublicInterest: boolean('major_public_interest').notNull().default(false),
    confiscationFen: fen('confiscation_fen').notNull().default(0),
    otherPenalties: text('other_penalties')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    evidenceCount: integer('evidence_count').notNull().default(0),
    legalReviewPassedAt: ts('legal_review_passed_at'),
    legalReviewerId: integer('legal_reviewer_id').references(() => users.id),
    legalReviewOpinion: text('legal_review_opinion'),
    deliberatedAt: ts('deliberated_at'),
    deliberationConclusion: text('deliberation_conclusion'),
    notifiedOn: day('notified_on'),
    noticeFineFen: fen('notice_fine_fen'),
    rightsWaived: boolean('rights_waived').notNull().default(false),
    statement: text('statement'),
    hearingRequestedOn: day('hearing_requested_on'),
    hearingOn: day('hearing_on'),
    hearingChairId: integer('hearing_chair_id').references(() => users.id),
    hearingPlace: text('hearing_place'),
    hearingHeldOn: day('hearing_held_on'),
    decisionOutcome: text('decision_outcome', { enum: ['penalty', 'no_penalty'] }),
    /** 不予处罚: its ground (行政处罚法 art. 33, art. 57 (1)(3)). */
    noPenaltyGround: text('no_penalty_ground'),
    decidedOn: day('decided_on'),
    fineDecidedFen: fen('fine_decided_fen').notNull().default(0),
    finePaidFen: fen('fine_paid_fen').notNull().default(0),
    surchargePaidFen: fen('surcharge_paid_fen').notNull().default(0),
    servedOn: day('served_on'),
    serviceMethod: text('service_method'),
    paidOffOn: day('paid_off_on'),
    closedOn: day('closed_on'),
    /** 行政处罚法 art. 66: the approved deferral or instalments; the payment clock and 加处罚款 follow it. */
    paymentPlan: jsonb('payment_plan').$type<TPaymentPlan>(),
    /** 行政强制法 arts. 35, 54: the 催告书's service and the period it gave. */
    demandServedOn: day('demand_served_on'),
    demandComplyBy: day('demand_comply_by'),
    /** 行政强制法 art. 53: the last day to apply to the court (kept for the reminder), the day applied and the court. */
    enforcementDueOn: day('enforcement_due_on'),
    enforcementAppliedOn: day('enforcement_applied_on'),
    enforcementCourt: text('enforcement_court'),
    /** 安全生产法 art. 112: the daily fine as computed from the order and its 复查. */
    dailyFine: jsonb('daily_fine').$type<TDailyFineRecord>(),
    /** 安全生产法 art. 113: the ground of the proposal to close, and when the local government was alerted. */
    closureGround: text('closure_ground').$type<TClosureGround>(),
    closureAlertedAt: ts('closure_alerted_at'),
    withdrawnReason: text('withdrawn_reason'),
    /** Published for 双公示 (decisions only). */
    publishedAt: ts('published_at'),
    /** Optimistic concurrency: every change bumps it. */
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('cases_division_idx').on(sql`${t.divisionCode} text_pattern_ops`, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('cases_city_idx').on(t.cityCode, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // A scope holding (nearly) every case — a province — walks the list order and filters, instead of sorting them all.
    index('cases_date_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('cases_stage_idx').on(t.stage, t.cityCode),
    index('cases_ent_idx').on(t.enterpriseId),
    index('cases_decided_idx').on(t.decidedOn, sql`${t.divisionCode} text_pattern_ops`),
    index('cases_due_idx')
      .on(t.decisionDueOn)
      .where(sql`decided_on IS NULL AND stage NOT IN ('closed', 'withdrawn')`),
    index('cases_updated_idx').on(t.updatedAt, t.id),
  ],
);

/** The case officers (承办人, at least two, 行政处罚法 art. 42) with the certificate each held. */
export const caseOfficers = pgTable(
  'case_officers',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    certificateNo: text('certificate_no'),
  },
  (t) => [primaryKey({ name: 'case_officers_pk', columns: [t.caseId, t.userId] }), index('case_officers_user_idx').on(t.userId)],
);

/** The proposed and decided penalty per violation and target (处罚意见 / 处罚决定). */
export const casePenalties = pgTable(
  'case_penalties',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    code: text('code').notNull(),
    target: text('target', { enum: ['unit', 'person'] }).notNull(),
    circumstance: text('circumstance', { enum: ['minor', 'general', 'serious', 'grave'] }).notNull(),
    /** 第一档 / 第二档 (逾期未改正) of the article. */
    tier: smallint('tier').$type<TFineTier>().notNull().default(1),
    /** The statutory range the proposal was checked against (the tier's, or art. 114's grade). */
    statutoryMinFen: fen('statutory_min_fen'),
    statutoryMaxFen: fen('statutory_max_fen'),
    proposedFineFen: fen('proposed_fine_fen').notNull(),
    decidedFineFen: fen('decided_fine_fen'),
    bandMinFen: fen('band_min_fen'),
    bandMaxFen: fen('band_max_fen'),
    outsideBandReason: text('outside_band_reason'),
    /** 行政处罚法 art. 32 ground of a fine below the statutory minimum (减轻处罚). */
    reductionGround: text('reduction_ground'),
  },
  (t) => [primaryKey({ name: 'case_penalties_pk', columns: [t.caseId, t.code, t.target] })],
);

/** Evidence items (证据): documents, photos, transcripts, each an attachment by SHA-256. */
export const caseEvidence = pgTable(
  'case_evidence',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind', { enum: ['document', 'photo', 'transcript'] }).notNull(),
    title: text('title').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => attachments.sha256),
    collectedOn: day('collected_on').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('case_evidence_case_idx').on(t.caseId)],
);

/** The case's timeline: every procedural action with who took it. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    action: text('action').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    note: text('note'),
    payload: jsonb('payload'),
    actorId: integer('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    at: ts('at').notNull(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.id)],
);

/** The per-(body, year, kind) document number counter, locked by the row in the transaction that issues a number: no gaps, no duplicates. */
export const caseDocumentSequences = pgTable(
  'case_document_sequences',
  {
    divisionCode: text('division_code').notNull(),
    year: smallint('year').notNull(),
    kind: text('kind').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ name: 'case_document_sequences_pk', columns: [t.divisionCode, t.year, t.kind] })],
);

/** Documents issued for a case (立案审批表, 告知书, 决定书 …) with their numbers; the Word file is generated from the case on demand. */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    divisionCode: text('division_code').notNull(),
    year: smallint('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    issuedOn: day('issued_on').notNull(),
    /** What the case itself does not hold (a 询问笔录's questions and answers); null for the others. */
    content: jsonb('content'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('case_documents_seq_uq').on(t.divisionCode, t.year, t.kind, t.seq),
    uniqueIndex('case_documents_number_uq').on(t.number),
    index('case_documents_case_idx').on(t.caseId),
  ],
);

/** Payments of the fine, each with the late surcharge computed for it (行政处罚法 art. 72). */
export const casePayments = pgTable(
  'case_payments',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    paidOn: day('paid_on').notNull(),
    principalFen: fen('principal_fen').notNull(),
    surchargeFen: fen('surcharge_fen').notNull(),
    receiptNo: text('receipt_no'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('case_payments_case_idx').on(t.caseId), index('case_payments_paid_idx').on(t.paidOn)],
);

/** Approved extensions of the decision period (行政处罚法 art. 60). */
export const caseExtensions = pgTable(
  'case_extensions',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    days: integer('days').notNull(),
    reason: text('reason').notNull(),
    approvedBy: integer('approved_by').references(() => users.id),
    approvedAt: ts('approved_at').notNull(),
  },
  (t) => [index('case_extensions_case_idx').on(t.caseId)],
);

/** A case-file review round (案卷评查). */
export const caseReviewRounds = pgTable('case_review_rounds', {
  id: serial('id').primaryKey(),
  divisionCode: text('division_code').notNull(),
  title: text('title').notNull(),
  periodFrom: day('period_from').notNull(),
  periodTo: day('period_to').notNull(),
  pick: text('pick', { enum: ['random', 'chosen'] }).notNull(),
  status: text('status', { enum: ['open', 'closed'] }).notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull(),
});

/** One file of a round with its reviewer and scores per criterion. */
export const caseReviewFiles = pgTable(
  'case_review_files',
  {
    roundId: integer('round_id')
      .notNull()
      .references(() => caseReviewRounds.id),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    divisionCode: text('division_code').notNull(),
    reviewerId: integer('reviewer_id').references(() => users.id),
    scores: jsonb('scores').$type<Record<string, number>>(),
    totalScore: integer('total_score'),
    comment: text('comment'),
    scoredAt: ts('scored_at'),
  },
  (t) => [primaryKey({ name: 'case_review_files_pk', columns: [t.roundId, t.caseId] })],
);

/** A problem found in a reviewed file; `sendBack` makes it a correction task for the handling body. */
export const caseReviewProblems = pgTable(
  'case_review_problems',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => caseReviewRounds.id),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    divisionCode: text('division_code').notNull(),
    criterion: text('criterion').notNull(),
    description: text('description').notNull(),
    sendBack: boolean('send_back').notNull().default(false),
    resolvedAt: ts('resolved_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('case_review_problems_round_idx').on(t.roundId),
    index('case_review_problems_division_idx').on(sql`${t.divisionCode} text_pattern_ops`),
  ],
);
