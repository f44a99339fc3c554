import '../shared/zod-locale';
import { z } from 'zod';

/**
 * Contracts of the enforcement case module (行政执法案件): what the API takes and gives. Money is integer fen (分),
 * calendar dates `YYYY-MM-DD` in Asia/Shanghai, instants ISO strings.
 */

export const CASE_STAGES = [
  'pending_filing',
  'filed',
  'investigating',
  'proposed',
  'legal_review',
  'deliberation',
  'notified',
  'hearing',
  'decided',
  'served',
  'executing',
  'paid',
  'closed',
  'withdrawn',
] as const;
export type TCaseStage = (typeof CASE_STAGES)[number];
export const CASE_STAGE_LABELS: Record<TCaseStage, string> = {
  pending_filing: '待立案审批',
  filed: '已立案',
  investigating: '调查取证',
  proposed: '拟处罚',
  legal_review: '法制审核',
  deliberation: '集体讨论',
  notified: '已告知',
  hearing: '听证',
  decided: '已决定',
  served: '已送达',
  executing: '执行中',
  paid: '已缴清',
  closed: '已结案',
  withdrawn: '已撤销立案',
};
/** Stages in which a case is still open (the deregistration guard counts these). */
export const OPEN_CASE_STAGES = CASE_STAGES.filter((s) => s !== 'closed' && s !== 'withdrawn');

export const CASE_PROCEDURES = ['general', 'simple'] as const;
export type TCaseProcedure = (typeof CASE_PROCEDURES)[number];
export const CASE_PROCEDURE_LABELS: Record<TCaseProcedure, string> = { general: '普通程序', simple: '简易程序（当场处罚）' };

export const CASE_SOURCE_KINDS = ['inspection', 'hazard', 'accident', 'complaint', 'referral'] as const;
export type TCaseSourceKind = (typeof CASE_SOURCE_KINDS)[number];
export const CASE_SOURCE_LABELS: Record<TCaseSourceKind, string> = {
  inspection: '监督检查',
  hazard: '事故隐患',
  accident: '生产安全事故',
  complaint: '投诉举报',
  referral: '移送',
};

/** Who a penalty falls on: the unit (生产经营单位) or a natural person (主要负责人、其他负责人等). */
export const PENALTY_TARGETS = ['unit', 'person'] as const;
export type TPenaltyTarget = (typeof PENALTY_TARGETS)[number];
export const PENALTY_TARGET_LABELS: Record<TPenaltyTarget, string> = { unit: '单位', person: '个人' };

export const CIRCUMSTANCES = ['minor', 'general', 'serious', 'grave'] as const;
export type TCircumstance = (typeof CIRCUMSTANCES)[number];
export const CIRCUMSTANCE_LABELS: Record<TCircumstance, string> = { minor: '轻微', general: '一般', serious: '较重', grave: '严重' };

/** Penalties other than a fine that change what the procedure requires (hearing, deliberation). */
export const OTHER_PENALTIES = ['warning', 'suspend_production', 'revoke_licence', 'close_down'] as const;
export type TOtherPenalty = (typeof OTHER_PENALTIES)[number];
export const OTHER_PENALTY_LABELS: Record<TOtherPenalty, string> = {
  warning: '警告',
  suspend_production: '责令停产停业整顿',
  revoke_licence: '吊销许可证件',
  close_down: '责令关闭',
};

export const EVIDENCE_KINDS = ['document', 'photo', 'transcript'] as const;
export type TEvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_LABELS: Record<TEvidenceKind, string> = { document: '书证', photo: '照片', transcript: '笔录' };

export const SERVICE_METHODS = ['direct', 'left_at_premises', 'mail', 'electronic', 'public_notice'] as const;
export type TServiceMethod = (typeof SERVICE_METHODS)[number];
export const SERVICE_METHOD_LABELS: Record<TServiceMethod, string> = {
  direct: '直接送达',
  left_at_premises: '留置送达',
  mail: '邮寄送达',
  electronic: '电子送达',
  public_notice: '公告送达',
};

export const CASE_DOCUMENT_KINDS = ['filing', 'inquiry', 'notice', 'hearing_notice', 'decision', 'service', 'closing'] as const;
export type TCaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];
export const CASE_DOCUMENT_LABELS: Record<TCaseDocumentKind, string> = {
  filing: '立案审批表',
  inquiry: '询问笔录',
  notice: '行政处罚告知书',
  hearing_notice: '听证告知书',
  decision: '行政处罚决定书',
  service: '送达回执',
  closing: '结案审批表',
};

export const CLOCK_KINDS = ['decision', 'hearing_request', 'hearing_notice', 'service', 'payment', 'limitation'] as const;
export type TClockKind = (typeof CLOCK_KINDS)[number];
export const CLOCK_LABELS: Record<TClockKind, string> = {
  decision: '作出决定期限（立案之日起九十日）',
  hearing_request: '听证申请期限（告知后五日）',
  hearing_notice: '听证通知（提前七日）',
  service: '送达期限（决定后七日）',
  payment: '缴纳罚款期限（送达后十五日）',
  limitation: '追责时效',
};
export const CLOCK_STATES = ['running', 'due_soon', 'overdue', 'met', 'missed'] as const;
export type TClockState = (typeof CLOCK_STATES)[number];
export const CLOCK_STATE_LABELS: Record<TClockState, string> = {
  running: '期限内',
  due_soon: '即将到期',
  overdue: '已逾期',
  met: '按期完成',
  missed: '逾期完成',
};

// ───────────────────────────── field helpers ─────────────────────────────
const date = (label: string) => z.iso.date(`${label}格式应为 YYYY-MM-DD`);
const id = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .positive(`${label}必须是正整数`);
const fen = (label: string) =>
  z
    .number({ error: `${label}必须是数字（单位：分）` })
    .int(`${label}必须是整数（单位：分）`)
    .min(0, `${label}不能为负数`)
    .max(100_000_000_00, `${label}超出范围`);
const text = (label: string, max: number, min = 1) =>
  z
    .string({ error: `${label}必须填写` })
    .trim()
    .min(min, `${label}必须填写`)
    .max(max, `${label}最多 ${max} 个字`);
export const ZCaseSha256Schema = z.string({ error: '附件编号必须填写' }).regex(/^[0-9a-f]{64}$/, '附件编号不正确');
const divisionCode = z.string({ error: '办案机关必须选择' }).regex(/^\d{4}(\d{5})?$/, '办案机关（区划代码）不正确');

/** GB 11643 citizen ID number: 17 digits and a check character (0–9 or X). */
export const ZIdNumberSchema = z
  .string({ error: '身份证号码必须填写' })
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, '身份证号码应为 18 位（最后一位可为 X）')
  .refine((v) => idNumberValid(v), '身份证号码校验位不正确');

/** GB 11643-1999 check character: weights 2^(17-i) mod 11, check = (12 − Σ mod 11) mod 11, 10 → X. */
export function idNumberValid(v: string): boolean {
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return v[17] === (c === 10 ? 'X' : String(c));
}

// ───────────────────────────── catalogue and discretion ─────────────────────────────
export const ZFineRangeSchema = z
  .object({ minFen: fen('罚款下限'), maxFen: fen('罚款上限') })
  .refine((r) => r.minFen <= r.maxFen, { message: '罚款下限不能大于上限', path: ['minFen'] });
export type TFineRange = z.infer<typeof ZFineRangeSchema>;

/** A discretion band (自由裁量基准): violation × target × circumstance → fine range. The bureau edits these. */
export const ZDiscretionBandSchema = z.object({
  target: z.enum(PENALTY_TARGETS, { error: '处罚对象应为 单位 或 个人' }),
  circumstance: z.enum(CIRCUMSTANCES, { error: '违法情节应为 轻微、一般、较重 或 严重' }),
  minFen: fen('罚款下限'),
  maxFen: fen('罚款上限'),
  description: z.string().trim().max(500, '情节描述最多 500 个字').default(''),
});
export type TDiscretionBand = z.infer<typeof ZDiscretionBandSchema>;

/** One violation of the catalogue (违法行为及处罚依据). */
export const ZViolationSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  /** 违法依据: the article breached. */
  violatedProvision: z.string(),
  /** 处罚依据: the article that sets the penalty. */
  penaltyProvision: z.string(),
  /** The statutory ranges, as the law has them (for display). */
  unitRange: ZFineRangeSchema.nullable(),
  personRange: ZFineRangeSchema.nullable(),
  otherPenalties: z.array(z.enum(OTHER_PENALTIES)),
  active: z.boolean(),
  bands: z.array(ZDiscretionBandSchema),
});
export type TViolation = z.infer<typeof ZViolationSchema>;

export const ZViolationUpsertSchema = z.object({
  code: z
    .string({ error: '编码必须填写' })
    .trim()
    .regex(/^[A-Z0-9-]{2,40}$/, '编码只能用大写字母、数字和短横线'),
  title: text('违法行为', 300),
  violatedProvision: text('违法依据', 500),
  penaltyProvision: text('处罚依据', 500),
  unitRange: ZFineRangeSchema.nullable(),
  personRange: ZFineRangeSchema.nullable(),
  otherPenalties: z.array(z.enum(OTHER_PENALTIES)).default([]),
  active: z.boolean().default(true),
  bands: z.array(ZDiscretionBandSchema).max(8, '裁量档次最多 8 个'),
});
export type TViolationUpsert = z.infer<typeof ZViolationUpsertSchema>;

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
});
export type TCaseViolation = z.infer<typeof ZCaseViolationSchema>;

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
    legalReviewRequired: z.boolean(),
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
    decisionOutcome: z.enum(['penalty', 'no_penalty']).nullable(),
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
  /** Actions this user may take now (the UI shows only these buttons); the server checks again. */
  can: z.array(z.string()),
});
export type TCaseDetail = z.infer<typeof ZCaseDetailSchema>;

// ───────────────────────────── procedural actions (one POST each) ─────────────────────────────
const opinion = z.string().trim().max(2000, '意见最多 2000 个字').nullable().optional();

export const ZApproveFilingSchema = z.object({ opinion });
export const ZStartInvestigationSchema = z.object({ note: opinion });
export const ZEvidenceCreateSchema = z.object({
  kind: z.enum(EVIDENCE_KINDS, { error: '证据种类应为 书证、照片 或 笔录' }),
  title: text('证据名称', 200),
  sha256: ZCaseSha256Schema,
  collectedOn: date('取证日期'),
});
export type TEvidenceCreate = z.infer<typeof ZEvidenceCreateSchema>;

/** 询问笔录: an interview recorded by the officers, numbered and generated as Word. */
export const ZInquiryCreateSchema = z.object({
  askedOn: date('询问日期'),
  place: text('询问地点', 200),
  interviewee: z.object({
    name: text('被询问人姓名', 50),
    idNumber: ZIdNumberSchema.nullable().optional(),
    position: z.string().trim().max(50, '职务最多 50 个字').nullable().optional(),
    phone: z.string().trim().max(30, '联系电话最多 30 个字').nullable().optional(),
  }),
  questions: z
    .array(z.object({ question: text('问题', 1000), answer: text('回答', 5000) }))
    .min(1, '请至少记录一问一答')
    .max(200, '最多 200 问'),
});
export type TInquiryCreate = z.infer<typeof ZInquiryCreateSchema>;

export const ZProposedViolationSchema = z.object({
  code: z.string({ error: '违法行为必须选择' }).trim().min(1, '违法行为必须选择'),
  target: z.enum(PENALTY_TARGETS, { error: '处罚对象应为 单位 或 个人' }),
  circumstance: z.enum(CIRCUMSTANCES, { error: '违法情节应为 轻微、一般、较重 或 严重' }),
  fineFen: fen('罚款金额'),
  /** Needed when the fine is outside the discretion band (自由裁量基准). */
  outsideBandReason: z.string().trim().max(1000, '理由最多 1000 个字').nullable().optional(),
});
export type TProposedViolation = z.infer<typeof ZProposedViolationSchema>;

export const ZProposeSchema = z.object({
  /** 调查终结报告: the facts found. */
  findings: text('调查认定的事实', 5000, 2),
  violations: z.array(ZProposedViolationSchema).min(1, '请至少对一项违法行为提出处罚意见').max(10),
  confiscationFen: fen('没收违法所得').default(0),
  otherPenalties: z.array(z.enum(OTHER_PENALTIES)).default([]),
  /** 案情复杂或重大违法行为 (行政处罚法 art. 57). */
  complex: z.boolean().default(false),
  /** 涉及重大公共利益 (行政处罚法 art. 58 (1)). */
  majorPublicInterest: z.boolean().default(false),
});
export type TPropose = z.infer<typeof ZProposeSchema>;

export const ZRequestLegalReviewSchema = z.object({ note: opinion });
export const ZLegalReviewSchema = z.object({
  result: z.enum(['pass', 'return'], { error: '审核结论应为 通过 或 退回补充调查' }),
  opinion: text('审核意见', 2000),
});
export type TLegalReview = z.infer<typeof ZLegalReviewSchema>;
export const ZRequestDeliberationSchema = z.object({ note: opinion });
export const ZDeliberateSchema = z.object({
  result: z.enum(['agree', 'return'], { error: '讨论结论应为 同意 或 退回补充调查' }),
  heldOn: date('讨论日期'),
  participants: z.array(text('参加人员', 50)).min(3, '集体讨论参加人员至少 3 人').max(30),
  conclusion: text('讨论决定', 2000),
});
export type TDeliberate = z.infer<typeof ZDeliberateSchema>;
export const ZNotifySchema = z.object({
  notifiedOn: date('告知日期'),
  method: z.enum(SERVICE_METHODS, { error: '送达方式不正确' }).default('direct'),
});
export type TNotify = z.infer<typeof ZNotifySchema>;
export const ZRecordStatementSchema = z.object({ statement: text('陈述申辩内容', 5000), receivedOn: date('收到日期') });
export type TRecordStatement = z.infer<typeof ZRecordStatementSchema>;
export const ZWaiveRightsSchema = z.object({ waivedOn: date('放弃日期'), note: opinion });
export type TWaiveRights = z.infer<typeof ZWaiveRightsSchema>;
export const ZRequestHearingSchema = z.object({ requestedOn: date('申请听证日期') });
export type TRequestHearing = z.infer<typeof ZRequestHearingSchema>;
export const ZScheduleHearingSchema = z.object({ hearingOn: date('听证日期'), chairId: id('听证主持人'), place: text('听证地点', 200) });
export type TScheduleHearing = z.infer<typeof ZScheduleHearingSchema>;
export const ZConcludeHearingSchema = z.object({ heldOn: date('听证举行日期'), summary: text('听证情况', 5000) });
export type TConcludeHearing = z.infer<typeof ZConcludeHearingSchema>;
export const ZDecideSchema = z.object({
  decidedOn: date('决定日期'),
  outcome: z.enum(['penalty', 'no_penalty'], { error: '决定应为 给予处罚 或 不予处罚' }),
  /** Final fines by violation code; omitted = as proposed. */
  fines: z
    .array(
      z.object({
        code: z.string().trim().min(1),
        target: z.enum(PENALTY_TARGETS, { error: '处罚对象应为 单位 或 个人' }),
        fineFen: fen('罚款金额'),
      }),
    )
    .optional(),
});
export type TDecide = z.infer<typeof ZDecideSchema>;
export const ZDecideOnSpotSchema = z.object({
  decidedOn: date('决定日期'),
  violation: ZProposedViolationSchema.omit({ outsideBandReason: true }).extend({
    outsideBandReason: z.string().trim().max(1000).nullable().optional(),
  }),
  warningOnly: z.boolean().default(false),
});
export type TDecideOnSpot = z.infer<typeof ZDecideOnSpotSchema>;
export const ZServeSchema = z.object({
  servedOn: date('送达日期'),
  method: z.enum(SERVICE_METHODS, { error: '送达方式不正确' }),
  recipient: text('签收人', 50),
});
export type TServe = z.infer<typeof ZServeSchema>;
export const ZPaymentCreateSchema = z.object({
  paidOn: date('缴款日期'),
  /** The fine paid; the late surcharge for it is computed (3 % a day, capped). */
  principalFen: fen('缴纳罚款').refine((v) => v > 0, '缴纳罚款必须大于 0'),
  receiptNo: z.string().trim().max(50, '票据号最多 50 个字').nullable().optional(),
});
export type TPaymentCreate = z.infer<typeof ZPaymentCreateSchema>;
export const ZExtensionCreateSchema = z.object({
  days: z.number({ error: '延长天数必须是数字' }).int('延长天数必须是整数').min(1, '延长天数至少 1 天').max(90, '每次延长最多 90 天'),
  reason: text('延长理由', 1000, 2),
});
export type TExtensionCreate = z.infer<typeof ZExtensionCreateSchema>;
export const ZCloseSchema = z.object({ closedOn: date('结案日期'), opinion });
export type TClose = z.infer<typeof ZCloseSchema>;
export const ZWithdrawSchema = z.object({ reason: text('撤销立案理由', 1000, 2) });
export type TWithdraw = z.infer<typeof ZWithdrawSchema>;

/** Every procedural action with its payload: the route takes `kind` from the path, the rest from the body. */
export const CASE_ACTION_SCHEMAS = {
  approve_filing: ZApproveFilingSchema,
  start_investigation: ZStartInvestigationSchema,
  propose: ZProposeSchema,
  request_legal_review: ZRequestLegalReviewSchema,
  legal_review: ZLegalReviewSchema,
  request_deliberation: ZRequestDeliberationSchema,
  deliberate: ZDeliberateSchema,
  notify: ZNotifySchema,
  record_statement: ZRecordStatementSchema,
  waive_rights: ZWaiveRightsSchema,
  request_hearing: ZRequestHearingSchema,
  schedule_hearing: ZScheduleHearingSchema,
  conclude_hearing: ZConcludeHearingSchema,
  decide: ZDecideSchema,
  decide_on_spot: ZDecideOnSpotSchema,
  serve: ZServeSchema,
  record_payment: ZPaymentCreateSchema,
  extend: ZExtensionCreateSchema,
  close: ZCloseSchema,
  withdraw: ZWithdrawSchema,
} as const;
export type TCaseActionKind = keyof typeof CASE_ACTION_SCHEMAS;
export const CASE_ACTION_KINDS = Object.keys(CASE_ACTION_SCHEMAS) as TCaseActionKind[];
export type TCaseAction = { [K in TCaseActionKind]: { kind: K } & z.infer<(typeof CASE_ACTION_SCHEMAS)[K]> }[TCaseActionKind];

export const CASE_ACTION_LABELS: Record<TCaseActionKind | 'create' | 'add_evidence' | 'add_inquiry', string> = {
  create: '登记案件（立案申请）',
  add_evidence: '添加证据',
  add_inquiry: '制作询问笔录',
  approve_filing: '批准立案',
  start_investigation: '开始调查取证',
  propose: '调查终结，提出处罚意见',
  request_legal_review: '提交法制审核',
  legal_review: '法制审核',
  request_deliberation: '提请集体讨论',
  deliberate: '集体讨论',
  notify: '告知（陈述、申辩、听证权利）',
  record_statement: '记录陈述申辩',
  waive_rights: '当事人放弃陈述申辩和听证',
  request_hearing: '当事人申请听证',
  schedule_hearing: '安排听证',
  conclude_hearing: '听证结束',
  decide: '作出处罚决定',
  decide_on_spot: '当场处罚（简易程序）',
  serve: '送达决定书',
  record_payment: '登记缴款',
  extend: '延长办案期限',
  close: '结案审批',
  withdraw: '撤销立案',
};

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

// ───────────────────────────── case-file review (案卷评查) ─────────────────────────────
export const REVIEW_CRITERIA = ['filing', 'evidence', 'procedure', 'legal_basis', 'documents', 'discretion'] as const;
export type TReviewCriterion = (typeof REVIEW_CRITERIA)[number];
export const REVIEW_CRITERION_LABELS: Record<TReviewCriterion, string> = {
  filing: '立案',
  evidence: '证据',
  procedure: '程序',
  legal_basis: '法律适用',
  documents: '文书',
  discretion: '自由裁量',
};
export const ZReviewRoundCreateSchema = z
  .object({
    title: text('评查名称', 200, 2),
    /** Cases decided in this period are eligible. */
    periodFrom: date('开始日期'),
    periodTo: date('结束日期'),
    pick: z.enum(['random', 'chosen'], { error: '抽取方式应为 随机 或 指定' }),
    /** For random picks: how many files. */
    sampleSize: z.number().int().min(1, '抽取数量至少 1 件').max(500).optional(),
    /** For chosen picks. */
    caseIds: z.array(id('案件编号')).max(500).optional(),
    reviewerIds: z.array(id('评查人员')).min(1, '请至少选择一名评查人员').max(20),
  })
  .superRefine((v, ctx) => {
    if (v.periodFrom > v.periodTo) ctx.addIssue({ code: 'custom', path: ['periodFrom'], message: '开始日期不能晚于结束日期' });
    if (v.pick === 'random' && !v.sampleSize) ctx.addIssue({ code: 'custom', path: ['sampleSize'], message: '随机抽取须填写抽取数量' });
    if (v.pick === 'chosen' && !v.caseIds?.length) ctx.addIssue({ code: 'custom', path: ['caseIds'], message: '请选择要评查的案卷' });
  });
export type TReviewRoundCreate = z.infer<typeof ZReviewRoundCreateSchema>;
export const ZReviewScoreSchema = z.object({
  scores: z.record(z.enum(REVIEW_CRITERIA), z.number().int().min(0).max(100)),
  problems: z
    .array(z.object({ criterion: z.enum(REVIEW_CRITERIA), description: text('问题描述', 1000), sendBack: z.boolean().default(false) }))
    .max(50),
  comment: z.string().trim().max(2000).nullable().optional(),
});
export type TReviewScore = z.infer<typeof ZReviewScoreSchema>;
export const ZReviewRoundSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  pick: z.enum(['random', 'chosen']),
  status: z.enum(['open', 'closed']),
  files: z.array(
    z.object({
      caseId: z.number().int(),
      caseNo: z.string().nullable(),
      divisionCode: z.string(),
      reviewerId: z.number().int().nullable(),
      totalScore: z.number().nullable(),
      scoredAt: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
});
export type TReviewRound = z.infer<typeof ZReviewRoundSchema>;

export const ZReviewReportSchema = z.object({
  roundId: z.number().int(),
  title: z.string(),
  byBody: z.array(
    z.object({
      divisionCode: z.string(),
      divisionName: z.string().nullable(),
      files: z.number().int(),
      scored: z.number().int(),
      averageScore: z.number().nullable(),
    }),
  ),
  byCriterion: z.array(z.object({ criterion: z.enum(REVIEW_CRITERIA), label: z.string(), averageScore: z.number().nullable() })),
  /** Typical problems (典型问题) by body and criterion, with a few examples each. */
  problems: z.array(
    z.object({
      divisionCode: z.string(),
      divisionName: z.string().nullable(),
      criterion: z.enum(REVIEW_CRITERIA),
      label: z.string(),
      count: z.number().int(),
      examples: z.array(z.string()),
    }),
  ),
});
export type TReviewReport = z.infer<typeof ZReviewReportSchema>;

/** A problem sent back to the handling body as a correction task (整改任务). */
export const ZReviewProblemSchema = z.object({
  id: z.number().int(),
  roundId: z.number().int(),
  caseId: z.number().int(),
  caseNo: z.string().nullable(),
  divisionCode: z.string(),
  criterion: z.enum(REVIEW_CRITERIA),
  description: z.string(),
  sendBack: z.boolean(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TReviewProblem = z.infer<typeof ZReviewProblemSchema>;
export const ZReviewProblemQuerySchema = z.object({
  open: z.enum(['true', 'false']).optional(),
  roundId: z.coerce.number().int().positive().optional(),
});
export type TReviewProblemQuery = z.infer<typeof ZReviewProblemQuerySchema>;
