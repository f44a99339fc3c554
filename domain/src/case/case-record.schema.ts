import '../shared/zod-locale';
import { z } from 'zod';
import { date, divisionCode, id, text, ZIdNumberSchema } from './case-fields.schema';
import {
  CASE_DOCUMENT_KINDS,
  CASE_PROCEDURES,
  CASE_SOURCE_KINDS,
  CASE_STAGES,
  CIRCUMSTANCES,
  CLOCK_KINDS,
  CLOCK_STATES,
  EVIDENCE_KINDS,
  NO_PENALTY_GROUNDS,
  OTHER_PENALTIES,
  PENALTY_TARGETS,
  REDUCTION_GROUNDS,
  SERVICE_METHODS,
} from './case-terms.schema';
import { ACCIDENT_GRADES } from '../accident/accident.data';
import { ZCaseExecutionSchema } from './case-execution.schema';

// ───────────────────────────── case create / list ─────────────────────────────
export const ZCasePersonSchema = z.object({
  name: text('当事人姓名', 50),
  idNumber: ZIdNumberSchema,
  /** 职务, e.g. 主要负责人. */
  position: z.string().trim().max(50, '职务最多 50 个字').nullable().optional(),
});
export type TCasePerson = z.infer<typeof ZCasePersonSchema>;

export const ZCaseCreateSchema = z
  .object({
    procedure: z.enum(CASE_PROCEDURES, { error: '程序应为 普通程序 或 简易程序' }).default('general'),
    enterpriseId: id('当事单位').nullable().optional(),
    person: ZCasePersonSchema.nullable().optional(),
    sourceKind: z.enum(CASE_SOURCE_KINDS, { error: '案件来源应为 监督检查、事故隐患、生产安全事故、投诉举报 或 移送' }),
    /** The record the case came from (an inspection, hazard … id); no foreign key, the modules land separately. */
    sourceRef: id('来源记录编号').nullable().optional(),
    /** 案由 in the officers' words. */
    summary: text('案情摘要', 2000, 2),
    violationCodes: z
      .array(z.string().trim().min(1), { error: '请选择违法行为' })
      .min(1, '请至少选择一项违法行为')
      .max(10, '违法行为最多 10 项')
      .refine((c) => new Set(c).size === c.length, '违法行为不能重复'),
    /** When the act happened (or ended, for a continuing act): the limitation runs from it (行政处罚法 art. 36). */
    occurredOn: date('违法行为发生（终了）日期'),
    discoveredOn: date('发现日期'),
    /** Harm to life, health or financial safety: 5-year limitation instead of 2. */
    harmsLifeOrHealth: z.boolean().default(false),
    /** The handling body (办案机关): the city (4 digits) or a town (9 digits), by the powers list. */
    divisionCode,
    officerIds: z
      .array(id('承办人'), { error: '请选择承办人' })
      .min(2, '承办人至少 2 名（行政处罚法第四十二条）')
      .max(6, '承办人最多 6 名')
      .refine((ids) => new Set(ids).size === ids.length, '承办人不能重复'),
  })
  .superRefine((v, ctx) => {
    if (!v.enterpriseId && !v.person) ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '请选择当事单位或填写当事人' });
    if (v.occurredOn > v.discoveredOn) ctx.addIssue({ code: 'custom', path: ['occurredOn'], message: '违法行为发生日期不能晚于发现日期' });
  });
export type TCaseCreate = z.infer<typeof ZCaseCreateSchema>;

export const CLOCK_FILTERS = ['due_in_7_days', 'overdue'] as const;
export type TClockFilter = (typeof CLOCK_FILTERS)[number];

/** The case list's orders: filing date, decision deadline (办案期限), party, town. */
export const CASE_SORTS = ['filedOn', 'deadline', 'party', 'town'] as const;
export type TCaseSort = (typeof CASE_SORTS)[number];

export const ZCaseListQuerySchema = z.object({
  stage: z.enum(CASE_STAGES, { error: '案件阶段不正确' }).optional(),
  /** Open cases only (every stage but closed and withdrawn). */
  open: z.enum(['true', 'false']).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{4}(\d{5})?$/, '办案机关代码不正确')
    .optional(),
  clock: z.enum(CLOCK_FILTERS, { error: '期限筛选应为 due_in_7_days 或 overdue' }).optional(),
  /** Only cases the user handles (one of the case's officers). */
  mine: z.enum(['true', 'false']).optional(),
  /** Only cases waiting for legal review that the user may review (not one of its officers: 回避, art. 58). */
  reviewable: z.enum(['true', 'false']).optional(),
  /** Filed between (inclusive). */
  from: date('开始日期').optional(),
  to: date('结束日期').optional(),
  q: z.string().trim().max(50).optional(),
  /** Only the cases opened from this accident (source 事故, 安全生产法 art. 114). */
  accidentId: z.coerce.number({ error: '事故编号应为正整数' }).int('事故编号应为正整数').positive('事故编号应为正整数').optional(),
  /** Without a sort: newest case first. `deadline` puts cases awaiting a decision first, the 90-day clock nearest on top. */
  sort: z.enum(CASE_SORTS, { error: '排序字段不正确' }).optional(),
  order: z.enum(['asc', 'desc'], { error: '排序方向不正确' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TCaseListQuery = z.infer<typeof ZCaseListQuerySchema>;

// ───────────────────────────── outputs ─────────────────────────────
export const ZCaseClockSchema = z.object({
  kind: z.enum(CLOCK_KINDS),
  label: z.string(),
  dueOn: z.string(),
  /** Days from today to the due date (negative when overdue). */
  daysLeft: z.number().int(),
  state: z.enum(CLOCK_STATES),
  /** The rule and article the clock comes from. */
  basis: z.string(),
});
export type TCaseClock = z.infer<typeof ZCaseClockSchema>;

export const ZCaseItemSchema = z.object({
  id: z.number().int(),
  caseNo: z.string().nullable(),
  procedure: z.enum(CASE_PROCEDURES),
  stage: z.enum(CASE_STAGES),
  stageLabel: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  enterpriseId: z.number().int().nullable(),
  partyName: z.string(),
  sourceKind: z.enum(CASE_SOURCE_KINDS),
  summary: z.string(),
  filedOn: z.string().nullable(),
  decisionDueOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  fineDecidedFen: z.number().int(),
  finePaidFen: z.number().int(),
  clocks: z.array(ZCaseClockSchema),
  createdAt: z.string(),
});
export type TCaseItem = z.infer<typeof ZCaseItemSchema>;
export const ZCasePageSchema = z.object({ items: z.array(ZCaseItemSchema), total: z.number().int() });

export const ZCaseViolationSchema = z.object({
  code: z.string(),
  title: z.string(),
  violatedProvision: z.string(),
  penaltyProvision: z.string(),
  target: z.enum(PENALTY_TARGETS).nullable(),
  circumstance: z.enum(CIRCUMSTANCES).nullable(),
  proposedFineFen: z.number().int().nullable(),
  decidedFineFen: z.number().int().nullable(),
  /** Written reason for a fine outside the discretion band (legal review sees it). */
  outsideBandReason: z.string().nullable(),
  band: z.object({ minFen: z.number().int(), maxFen: z.number().int() }).nullable(),
  /** 第一档 / 第二档 (逾期未改正) of the proposal. */
  tier: z.union([z.literal(1), z.literal(2)]).nullable(),
  /** The statutory range the proposal was checked against (the tier's, or art. 114's grade). */
  statutoryRange: z.object({ minFen: z.number().int(), maxFen: z.number().int() }).nullable(),
  /** 行政处罚法 art. 32 ground of a fine below the statutory minimum (减轻处罚); legal review sees it. */
  reductionGround: z.enum(REDUCTION_GROUNDS).nullable(),
});
export type TCaseViolation = z.infer<typeof ZCaseViolationSchema>;

/** The 责令限期整改指令书 and its 复查 as a case holds them (or as its source hazard has them, for prefilling). */
export const ZCaseOrderViewSchema = z.object({
  orderNo: z.string(),
  orderedOn: z.string(),
  deadline: z.string(),
  recheckedOn: z.string().nullable(),
  recheckUnmet: z.boolean(),
  recheckNote: z.string().nullable(),
});
export type TCaseOrderView = z.infer<typeof ZCaseOrderViewSchema>;

export const ZEvidenceSchema = z.object({
  id: z.number().int(),
  kind: z.enum(EVIDENCE_KINDS),
  title: z.string(),
  sha256: z.string(),
  collectedOn: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TEvidence = z.infer<typeof ZEvidenceSchema>;

export const ZCaseEventSchema = z.object({
  id: z.number().int(),
  action: z.string(),
  actionLabel: z.string(),
  fromStage: z.string().nullable(),
  toStage: z.string(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type TCaseEvent = z.infer<typeof ZCaseEventSchema>;

export const ZCaseDocumentSchema = z.object({
  id: z.number().int(),
  kind: z.enum(CASE_DOCUMENT_KINDS),
  kindLabel: z.string(),
  number: z.string().nullable(),
  issuedOn: z.string(),
  createdAt: z.string(),
});
export type TCaseDocument = z.infer<typeof ZCaseDocumentSchema>;

export const ZPaymentSchema = z.object({
  id: z.number().int(),
  paidOn: z.string(),
  principalFen: z.number().int(),
  surchargeFen: z.number().int(),
  receiptNo: z.string().nullable(),
  createdAt: z.string(),
});
export type TPayment = z.infer<typeof ZPaymentSchema>;

export const ZExtensionSchema = z.object({
  id: z.number().int(),
  days: z.number().int(),
  reason: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string(),
});
export type TExtension = z.infer<typeof ZExtensionSchema>;

export const ZCaseDetailSchema = z.object({
  case: ZCaseItemSchema.extend({
    personName: z.string().nullable(),
    personIdNumber: z.string().nullable(),
    personPosition: z.string().nullable(),
    enterpriseName: z.string().nullable(),
    creditCode: z.string().nullable(),
    sourceRef: z.number().int().nullable(),
    occurredOn: z.string(),
    discoveredOn: z.string(),
    harmsLifeOrHealth: z.boolean(),
    complex: z.boolean(),
    majorPublicInterest: z.boolean(),
    confiscationFen: z.number().int(),
    otherPenalties: z.array(z.enum(OTHER_PENALTIES)),
    findings: z.string().nullable(),
    /** The order and 复查 recorded with the proposal. */
    order: ZCaseOrderViewSchema.nullable(),
    /** The source hazard's order and last failed 复查, to prefill the proposal. */
    sourceOrder: ZCaseOrderViewSchema.nullable(),
    /** 安全生产法 art. 114: the grade recorded with the proposal, and the accident record's when the case came from one. */
    accidentGrade: z.enum(ACCIDENT_GRADES).nullable(),
    accidentAggravated: z.boolean(),
    sourceAccidentGrade: z.enum(ACCIDENT_GRADES).nullable(),
    legalReviewRequired: z.boolean(),
    /** Why legal review is required (art. 58, 减轻处罚 …), for the reviewer. */
    legalReviewReasons: z.array(z.string()),
    legalReviewPassedAt: z.string().nullable(),
    legalReviewOpinion: z.string().nullable(),
    deliberationRequired: z.boolean(),
    deliberatedAt: z.string().nullable(),
    deliberationConclusion: z.string().nullable(),
    notifiedOn: z.string().nullable(),
    noticeFineFen: z.number().int().nullable(),
    rightsWaived: z.boolean(),
    statement: z.string().nullable(),
    hearingEligible: z.boolean(),
    hearingRequestedOn: z.string().nullable(),
    hearingOn: z.string().nullable(),
    hearingChairId: z.number().int().nullable(),
    hearingHeldOn: z.string().nullable(),
    /** 听证笔录: the hearing's record as concluded, which the second legal review and deliberation read (art. 65). */
    hearingRecord: z.string().nullable(),
    decisionOutcome: z.enum(['penalty', 'no_penalty']).nullable(),
    noPenaltyGround: z.enum(NO_PENALTY_GROUNDS).nullable(),
    servedOn: z.string().nullable(),
    serviceMethod: z.enum(SERVICE_METHODS).nullable(),
    paymentDueOn: z.string().nullable(),
    surchargeFen: z.number().int(),
    closedOn: z.string().nullable(),
    withdrawnReason: z.string().nullable(),
    version: z.number().int(),
  }),
  officers: z.array(z.object({ userId: z.number().int(), displayName: z.string(), certificateNo: z.string().nullable() })),
  violations: z.array(ZCaseViolationSchema),
  evidence: z.array(ZEvidenceSchema),
  events: z.array(ZCaseEventSchema),
  documents: z.array(ZCaseDocumentSchema),
  payments: z.array(ZPaymentSchema),
  extensions: z.array(ZExtensionSchema),
  /** After the decision: the schedule, 催告, the court and 按日连续处罚 (null before service). */
  execution: ZCaseExecutionSchema.nullable(),
  /** Actions this user may take now (the UI shows only these buttons); the server checks again. */
  can: z.array(z.string()),
});
export type TCaseDetail = z.infer<typeof ZCaseDetailSchema>;

// ───────────────────────────── views ─────────────────────────────
export const ZCaseStageCountSchema = z.object({
  stage: z.enum(CASE_STAGES),
  stageLabel: z.string(),
  count: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
});
export const ZFineTotalsQuerySchema = z.object({
  from: date('开始日期').optional(),
  to: date('结束日期').optional(),
  divisionCode: z
    .string()
    .regex(/^\d{4}(\d{5})?$/, '办案机关代码不正确')
    .optional(),
});
export type TFineTotalsQuery = z.infer<typeof ZFineTotalsQuerySchema>;
export const ZFineTotalsSchema = z.object({
  rows: z.array(
    z.object({
      divisionCode: z.string(),
      divisionName: z.string().nullable(),
      cases: z.number().int(),
      decidedFen: z.number().int(),
      paidFen: z.number().int(),
      surchargeFen: z.number().int(),
    }),
  ),
  total: z.object({ cases: z.number().int(), decidedFen: z.number().int(), paidFen: z.number().int(), surchargeFen: z.number().int() }),
});
export type TFineTotals = z.infer<typeof ZFineTotalsSchema>;
