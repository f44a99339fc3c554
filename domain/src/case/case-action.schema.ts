import '../shared/zod-locale';
import { z } from 'zod';
import { date, fen, id, text, ZCaseSha256Schema, ZIdNumberSchema } from './case-fields.schema';
import { ACCIDENT_GRADES } from '../accident/accident.data';
import { ZFineTierSchema } from './case-catalogue.schema';
import {
  CIRCUMSTANCES,
  EVIDENCE_KINDS,
  NO_PENALTY_GROUNDS,
  OTHER_PENALTIES,
  PENALTY_TARGETS,
  REDUCTION_GROUNDS,
  SERVICE_METHODS,
} from './case-terms.schema';
import {
  CLOSURE_GROUNDS,
  ZApplyEnforcementSchema,
  ZArrangePaymentSchema,
  ZDemandPaymentSchema,
  ZRecordDailyFineSchema,
} from './case-execution.schema';

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
  /** 第一档 (责令限期改正, when omitted) or 第二档 (逾期未改正, needs the case's order found unmet at a 复查). */
  tier: ZFineTierSchema.optional(),
  /** Needed when the fine is outside the discretion band (自由裁量基准). */
  outsideBandReason: z.string().trim().max(1000, '理由最多 1000 个字').nullable().optional(),
  /** 行政处罚法 art. 32: needed when the fine is below the statutory minimum (减轻处罚). */
  reductionGround: z.enum(REDUCTION_GROUNDS, { error: '减轻处罚情形不正确' }).nullable().optional(),
});
export type TProposedViolation = z.infer<typeof ZProposedViolationSchema>;

/** The 责令限期整改指令书 the case rests on and the 复查 of it (逾期未改正 opens the second tier). */
export const ZCaseOrderSchema = z.object({
  orderNo: text('责令限期整改指令书文号', 100),
  orderedOn: date('指令日期'),
  deadline: date('整改期限'),
  recheckedOn: date('复查日期').nullable().optional(),
  /** The 复查 found the order not carried out (逾期未改正 / 拒不执行 / 拒不改正). */
  recheckUnmet: z.boolean().default(false),
  recheckNote: z.string().trim().max(1000, '复查意见最多 1000 个字').nullable().optional(),
});
export type TCaseOrderInput = z.infer<typeof ZCaseOrderSchema>;

/** 安全生产法 art. 114: the accident's grade and whether 情节特别严重、影响特别恶劣 (para. 2, 2–5 times). */
export const ZAccidentFineSchema = z.object({
  grade: z.enum(ACCIDENT_GRADES, { error: '事故等级应为 一般、较大、重大 或 特别重大' }),
  aggravated: z.boolean().default(false),
});
export type TAccidentFine = z.infer<typeof ZAccidentFineSchema>;

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
  /** The order and its 复查 (prefilled from the source hazard); needed for a second-tier fine. */
  order: ZCaseOrderSchema.nullable().optional(),
  /** Needed for 安全生产法 art. 114; a case from an accident takes the accident's grade. */
  accident: ZAccidentFineSchema.nullable().optional(),
  /** 安全生产法 art. 113: the ground of a proposal to the local government to close the unit (提请关闭). */
  closureGround: z.enum(CLOSURE_GROUNDS, { error: '提请关闭情形不正确' }).nullable().optional(),
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
  /** 不予处罚: its ground (行政处罚法 art. 33, art. 57 (1)(3)). */
  noPenaltyGround: z.enum(NO_PENALTY_GROUNDS, { error: '不予处罚依据不正确' }).nullable().optional(),
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
  violation: ZProposedViolationSchema.omit({ outsideBandReason: true, tier: true, reductionGround: true }).extend({
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
  arrange_payment: ZArrangePaymentSchema,
  demand_payment: ZDemandPaymentSchema,
  apply_enforcement: ZApplyEnforcementSchema,
  record_daily_fine: ZRecordDailyFineSchema,
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
  arrange_payment: '批准暂缓或分期缴纳罚款',
  demand_payment: '送达催告书',
  apply_enforcement: '申请人民法院强制执行',
  record_daily_fine: '按日连续处罚',
};
