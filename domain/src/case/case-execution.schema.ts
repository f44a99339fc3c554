/**
 * After the decision (执行): payment by instalments or deferred (行政处罚法 art. 66), the written demand (催告, 行政强制法
 * arts. 35, 54), the application to the court for compulsory execution (行政强制法 art. 53), and 按日连续处罚
 * (安全生产法 art. 112). Money in fen, dates `YYYY-MM-DD`.
 */
import '../shared/zod-locale';
import { z } from 'zod';
import { date, fen, text } from './case-fields.schema';

export const PAYMENT_PLAN_KINDS = ['deferral', 'instalment'] as const;
export type TPaymentPlanKind = (typeof PAYMENT_PLAN_KINDS)[number];
export const PAYMENT_PLAN_KIND_LABELS: Record<TPaymentPlanKind, string> = { deferral: '暂缓缴纳', instalment: '分期缴纳' };

const instalment = z.object({
  dueOn: date('缴纳期限'),
  amountFen: fen('本期金额').refine((v) => v > 0, '本期金额必须大于 0'),
});

/** 行政处罚法 art. 66 (2): the party's application (确有经济困难) and the bureau's approval, with the schedule approved. */
export const ZArrangePaymentSchema = z.object({
  /** Named `type`, not `kind`: an action's `kind` is the action. */
  type: z.enum(PAYMENT_PLAN_KINDS, { error: '缴纳方式应为 暂缓缴纳 或 分期缴纳' }),
  appliedOn: date('申请日期'),
  approvedOn: date('批准日期'),
  reason: text('经济困难情况', 1000, 2),
  /** Deferral: one date for the whole sum; instalments: two or more, in date order, adding up to what is owed. */
  instalments: z.array(instalment).min(1, '请填写缴纳期限').max(24, '最多分 24 期'),
});
export type TArrangePayment = z.infer<typeof ZArrangePaymentSchema>;
export type TPaymentPlan = TArrangePayment;
export type TInstalment = TArrangePayment['instalments'][number];

/** 行政强制法 arts. 35, 54: the written demand (催告书), its service and the period it gives the party. */
export const ZDemandPaymentSchema = z.object({
  servedOn: date('催告书送达日期'),
  /** The last day the party has to pay: at least 10 working days after service (行政强制法 arts. 54, 69). */
  complyBy: date('履行期限'),
});
export type TDemandPayment = z.infer<typeof ZDemandPaymentSchema>;

/** 行政强制法 art. 53–55: the application to the people's court for compulsory execution. */
export const ZApplyEnforcementSchema = z.object({
  appliedOn: date('申请日期'),
  court: text('受理法院', 100, 2),
});
export type TApplyEnforcement = z.infer<typeof ZApplyEnforcementSchema>;

/** 安全生产法 art. 112: ordered to correct after the fine, found still uncorrected at each 复查. */
export const ZRecordDailyFineSchema = z.object({
  /** The violation whose unit fine is repeated (原处罚数额). */
  code: text('违法行为', 50),
  orderNo: text('责令改正文书文号', 100),
  /** The day the bureau ordered the correction (责令改正之日); the count starts the next day. */
  orderedOn: date('责令改正日期'),
  /** Each 复查 after the order and what it found. */
  rechecks: z
    .array(z.object({ on: date('复查日期'), corrected: z.boolean({ error: '复查结论应为 已改正 或 拒不改正' }) }))
    .min(1, '请至少记录一次复查')
    .max(20, '最多记录 20 次复查'),
});
export type TRecordDailyFine = z.infer<typeof ZRecordDailyFineSchema>;

/** 安全生产法 art. 113 (1)–(4): the grounds on which the bureau asks the local government to close a unit (提请关闭). */
export const CLOSURE_GROUNDS = ['repeat_penalties', 'still_unsafe_after_suspension', 'major_accident', 'defied_suspension'] as const;
export type TClosureGround = (typeof CLOSURE_GROUNDS)[number];
export const CLOSURE_GROUND_LABELS: Record<TClosureGround, string> = {
  repeat_penalties: '存在重大事故隐患，一百八十日内三次或者一年内四次受到安全生产法规定的行政处罚（第一百一十三条第一项）',
  still_unsafe_after_suspension: '经停产停业整顿，仍不具备安全生产条件（第一百一十三条第二项）',
  major_accident: '不具备安全生产条件，导致发生重大、特别重大生产安全事故（第一百一十三条第三项）',
  defied_suspension: '拒不执行停产停业整顿决定（第一百一十三条第四项）',
};

// ───────────────────────────── outputs ─────────────────────────────
/** 安全生产法 art. 112 as the case records it. */
export const ZDailyFineRecordSchema = z.object({
  code: z.string(),
  orderNo: z.string(),
  orderedOn: z.string(),
  rechecks: z.array(z.object({ on: z.string(), corrected: z.boolean() })),
  fromOn: z.string(),
  throughOn: z.string(),
  days: z.number().int(),
  perDayFen: z.number().int(),
  totalFen: z.number().int(),
  correctedOn: z.string().nullable(),
  decidedOn: z.string(),
});
export type TDailyFineRecord = z.infer<typeof ZDailyFineRecordSchema>;

export const ZCaseExecutionSchema = z.object({
  /** The approved schedule, each instalment with what is still owed on it. */
  plan: z
    .object({
      type: z.enum(PAYMENT_PLAN_KINDS),
      appliedOn: z.string(),
      approvedOn: z.string(),
      reason: z.string(),
      instalments: z.array(z.object({ dueOn: z.string(), amountFen: z.number().int(), owingFen: z.number().int() })),
    })
    .nullable(),
  /** The date the unpaid fine falls due (the schedule's next instalment, else 15 days after service). */
  dueOn: z.string().nullable(),
  /** The fine overdue as of today, and the 加处罚款 it would carry if paid today (art. 72 (1)). */
  overdueFen: z.number().int(),
  surchargeTodayFen: z.number().int(),
  demand: z.object({ servedOn: z.string(), complyBy: z.string() }).nullable(),
  /** The earliest lawful 履行期限 for a 催告 served today. */
  demandEarliestComplyBy: z.string().nullable(),
  /** 行政强制法 art. 53: the window for the application to the court (after the suit period, three months). */
  enforcement: z.object({ opensOn: z.string(), closesOn: z.string() }).nullable(),
  enforcementAppliedOn: z.string().nullable(),
  enforcementCourt: z.string().nullable(),
  dailyFine: ZDailyFineRecordSchema.nullable(),
  closureGround: z.enum(CLOSURE_GROUNDS).nullable(),
  closureAlertedAt: z.string().nullable(),
});
export type TCaseExecution = z.infer<typeof ZCaseExecutionSchema>;
