import '../shared/zod-locale';
import { z } from 'zod';

/** 挂牌督办 of one major hazard or of a whole town (seed §二(三)3(7): four towns were listed). */
export const SUPERVISION_TARGETS = ['hazard', 'town'] as const;
export type TSupervisionTarget = (typeof SUPERVISION_TARGETS)[number];
export const SUPERVISION_TARGET_LABELS: Record<TSupervisionTarget, string> = { hazard: '重大隐患', town: '镇街' };

export const LISTING_STATUSES = ['active', 'lifted'] as const;
export type TListingStatus = (typeof LISTING_STATUSES)[number];
export const LISTING_STATUS_LABELS: Record<TListingStatus, string> = { active: '督办中', lifted: '已摘牌' };

/** What is recorded against a supervision: 约谈, 提醒函, a request to resume production and its on-site review. */
export const SUPERVISION_ACTION_KINDS = ['interview', 'reminder_letter', 'resumption_request', 'resumption_review'] as const;
export type TSupervisionActionKind = (typeof SUPERVISION_ACTION_KINDS)[number];
export const SUPERVISION_ACTION_LABELS: Record<TSupervisionActionKind, string> = {
  interview: '约谈',
  reminder_letter: '提醒函',
  resumption_request: '复产申请',
  resumption_review: '复产现场审查',
};

const date = (label: string) => z.iso.date(`${label}格式应为 YYYY-MM-DD`);
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label}必须填写` })
    .trim()
    .min(min, `${label}必须填写`)
    .max(max, `${label}最多 ${max} 个字`);

export const ZSupervisionCreateSchema = z
  .object({
    target: z.enum(SUPERVISION_TARGETS, { error: '督办对象应为 重大隐患 或 镇街' }),
    hazardId: z.number().int().positive().nullable().optional(),
    townCode: z
      .string()
      .regex(/^\d{9}$/, '镇街代码应为 9 位数字')
      .nullable()
      .optional(),
    supervisingBody: text('督办单位', 2, 100),
    leaderName: text('责任领导', 2, 50),
    deadline: date('督办期限'),
    reason: text('督办事由', 4, 2000),
  })
  .superRefine((v, ctx) => {
    if (v.target === 'hazard' && !v.hazardId) ctx.addIssue({ code: 'custom', path: ['hazardId'], message: '请选择挂牌督办的重大隐患' });
    if (v.target === 'town' && !v.townCode) ctx.addIssue({ code: 'custom', path: ['townCode'], message: '请选择挂牌督办的镇街' });
  });
export type TSupervisionCreate = z.infer<typeof ZSupervisionCreateSchema>;

export const ZSupervisionActionCreateSchema = z.object({
  kind: z.enum(SUPERVISION_ACTION_KINDS, { error: '督办记录类型不正确' }),
  /** The day it happened (约谈, letter sent, request received, review done). */
  on: date('日期'),
  note: text('情况说明', 2, 2000),
  /** For a review: passed (复产) or not. */
  passed: z.boolean().nullable().optional(),
  documents: z
    .array(z.string().regex(/^[0-9a-f]{64}$/, '附件编号不正确'))
    .max(9)
    .default([]),
});
export type TSupervisionActionCreate = z.infer<typeof ZSupervisionActionCreateSchema>;

export const ZSupervisionLiftSchema = z.object({ note: text('摘牌说明', 2, 2000) });

export const ZSupervisionActionSchema = z.object({
  id: z.number(),
  kind: z.enum(SUPERVISION_ACTION_KINDS),
  on: z.string(),
  note: z.string(),
  passed: z.boolean().nullable(),
  /** A resumption request: the day its on-site review is due (setting, default 10 days). */
  reviewDueOn: z.string().nullable(),
  /** A request not reviewed by its due day (derived). */
  reviewOverdue: z.boolean(),
  documents: z.array(z.string()),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const ZSupervisionSchema = z.object({
  id: z.number(),
  target: z.enum(SUPERVISION_TARGETS),
  hazardId: z.number().nullable(),
  hazardDescription: z.string().nullable(),
  hazardState: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  divisionCode: z.string(),
  townName: z.string().nullable(),
  supervisingBody: z.string(),
  leaderName: z.string(),
  deadline: z.string(),
  reason: z.string(),
  status: z.enum(LISTING_STATUSES),
  overdue: z.boolean(),
  liftedAt: z.string().nullable(),
  liftNote: z.string().nullable(),
  createdAt: z.string(),
  actions: z.array(ZSupervisionActionSchema).optional(),
  /** Whether the user may lift it now, and if not why (e.g. the hazard is still open). */
  liftProblem: z.string().nullable().optional(),
});
export type TSupervision = z.infer<typeof ZSupervisionSchema>;

export const ZSupervisionListQuerySchema = z.object({
  status: z.enum(LISTING_STATUSES).optional(),
  target: z.enum(SUPERVISION_TARGETS).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,9}$/, '区划代码不正确')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
