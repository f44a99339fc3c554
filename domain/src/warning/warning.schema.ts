import '../shared/zod-locale';
import { z } from 'zod';
import { ZDoubleThirtyCheckSchema } from './points.contract';
import { WARNING_LEVELS } from './warning.settings';

const town = z.string().regex(/^\d{9}$/, '镇街代码必须是 9 位数字');
const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label}应为带时区的时间` });

export const ZWarningInputSchema = z.object({
  kind: z.string({ error: '请选择预警种类' }).trim().min(1, '请选择预警种类').max(20, '预警种类过长'),
  level: z.enum(WARNING_LEVELS, { error: '预警级别应为蓝、黄、橙、红之一' }),
  areaAll: z.boolean({ error: '请说明预警范围是否为全市' }),
  towns: z.array(town).max(60, '镇街过多').default([]),
  issuedAt: instant('发布时间'),
  expectedUntil: instant('预计持续至').nullable().default(null),
  text: z.string({ error: '请填写预警内容' }).trim().min(4, '预警内容至少 4 个字').max(2000, '预警内容不能超过 2000 字'),
  source: z.enum(['meteorological', 'bureau'], { error: '来源应为气象台或本局' }),
  attachment: z
    .string()
    .regex(/^[0-9a-f]{64}$/, '附件无效')
    .nullable()
    .default(null),
});
export type TWarningInput = z.infer<typeof ZWarningInputSchema>;

export const ZWarningUpdateSchema = ZWarningInputSchema.omit({ issuedAt: true, source: true }).extend({
  version: z.number({ error: '缺少版本号' }).int(),
  /** Omitted keeps the previous version's file; null removes it. */
  attachment: z
    .string()
    .regex(/^[0-9a-f]{64}$/, '附件无效')
    .nullable()
    .optional(),
});
export const ZWarningLiftSchema = z.object({
  version: z.number({ error: '缺少版本号' }).int(),
  note: z.string().trim().max(500, '说明不能超过 500 字').default(''),
});

export const ZWarningSchema = z.object({
  id: z.number(),
  kind: z.string(),
  level: z.enum(WARNING_LEVELS),
  areaAll: z.boolean(),
  towns: z.array(z.object({ code: z.string(), name: z.string() })),
  issuedAt: z.string(),
  expectedUntil: z.string().nullable(),
  text: z.string(),
  source: z.enum(['meteorological', 'bureau']),
  attachment: z.string().nullable(),
  state: z.enum(['active', 'lifted']),
  version: z.number(),
  liftedAt: z.string().nullable(),
  called: z.number(),
  answered: z.number(),
});
export type TWarning = z.infer<typeof ZWarningSchema>;

export const ZWarningDetailSchema = ZWarningSchema.extend({
  versions: z.array(
    z.object({
      version: z.number(),
      action: z.enum(['issue', 'update', 'lift']),
      level: z.string(),
      text: z.string(),
      actorName: z.string(),
      at: z.string(),
    }),
  ),
  unheldPosts: z.array(z.object({ id: z.number(), title: z.string(), townName: z.string(), villageName: z.string().nullable() })),
  points: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      townName: z.string(),
      responsiblePerson: z.string(),
      phone: z.string(),
      pumps: z.number(),
      roadClosure: z.string(),
      evacuation: z.string(),
    }),
  ),
  /** The 双三十 checks recorded under this warning at the points in its area (the user's scope), latest first. */
  checks: z.array(ZDoubleThirtyCheckSchema),
});
export type TWarningDetail = z.infer<typeof ZWarningDetailSchema>;

export const ZBoardPersonSchema = z.object({
  id: z.number(),
  name: z.string(),
  phone: z.string(),
  postTitle: z.string(),
  villageName: z.string().nullable(),
  stage: z.number(),
  state: z.enum(['waiting', 'answered', 'escalated', 'covered', 'closed']),
  sentAt: z.string(),
  answeredAt: z.string().nullable(),
  repeats: z.number(),
  minutesSilent: z.number().nullable(),
});

/** The live board: per town, answered / waiting / escalated and who is silent. */
export const ZWarningBoardSchema = z.object({
  warningId: z.number(),
  state: z.enum(['active', 'lifted']),
  generatedAt: z.string(),
  totals: z.object({ called: z.number(), answered: z.number(), waiting: z.number(), escalated: z.number() }),
  towns: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      called: z.number(),
      answered: z.number(),
      waiting: z.number(),
      escalated: z.number(),
      silent: z.array(ZBoardPersonSchema),
    }),
  ),
});
export type TWarningBoard = z.infer<typeof ZWarningBoardSchema>;

export const ZWarningLogSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['sent', 'repeated', 'escalated', 'answered', 'closed']),
      channel: z.string().nullable(),
      name: z.string(),
      detail: z.string(),
      townName: z.string(),
      at: z.string(),
    }),
  ),
  total: z.number(),
});

/** What the phone page shows from a signed answer link. */
export const ZAnswerViewSchema = z.object({
  name: z.string(),
  postTitle: z.string(),
  kind: z.string(),
  level: z.enum(WARNING_LEVELS),
  text: z.string(),
  issuedAt: z.string(),
  expectedUntil: z.string().nullable(),
  warningState: z.enum(['active', 'lifted']),
  state: z.enum(['waiting', 'answered', 'escalated', 'covered', 'closed']),
  answeredAt: z.string().nullable(),
  /** The warning's file (预警文件), downloaded through the same link. */
  attachment: z.object({ fileName: z.string(), mime: z.string(), size: z.number() }).nullable(),
  /** Why the link cannot be answered any more, or null. */
  problem: z.string().nullable(),
});
export type TAnswerView = z.infer<typeof ZAnswerViewSchema>;

export const ZAnswerInputSchema = z.object({ note: z.string().trim().max(200, '备注不能超过 200 字').default('') });

export const ZAnswerTokenParamsSchema = z.object({
  token: z
    .string()
    .min(20, '应答链接无效')
    .max(200, '应答链接无效')
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, '应答链接无效'),
});

/** 立即升级: a duty officer escalates a silent recipient by hand; the reason goes into the log and the audit. */
export const ZEscalateNowSchema = z.object({
  reason: z.string({ error: '请填写升级原因' }).trim().min(2, '升级原因至少 2 个字').max(200, '升级原因不能超过 200 字'),
});
