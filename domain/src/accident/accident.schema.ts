/**
 * Accident contracts: accident and emergency records with the report chain, casualty changes, findings, the
 * investigation, statistics and exports. The duty room's contracts are in duty.schema.ts.
 */
import '../shared/zod-locale';
import { z } from 'zod';
import {
  ACCIDENT_GRADES,
  ACCIDENT_INDUSTRIES,
  ACCIDENT_TYPE_CODES,
  EMERGENCY_TYPE_CODES,
  REPORT_FINDING_KINDS,
  REPORT_LEVELS,
} from './accident.data';

const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label}格式不正确` });
const day = (label: string) => z.iso.date({ error: `${label}格式应为 YYYY-MM-DD` });
const count = (label: string) =>
  z
    .number({ error: `${label}必须填写` })
    .int(`${label}必须是整数`)
    .min(0, `${label}不能为负数`)
    .max(100_000, `${label}过大`);

export const ZAccidentKindSchema = z.enum(['accident', 'emergency'], { error: '类别不正确' });
export const ZAccidentGradeSchema = z.enum(ACCIDENT_GRADES, { error: '事故等级不正确' });
export const ZReportLevelSchema = z.enum(REPORT_LEVELS, { error: '报告层级不正确' });

export const ZCasualtiesSchema = z.object({
  deaths: count('死亡人数'),
  missing: count('失踪人数'),
  seriousInjuries: count('重伤人数（含急性工业中毒）'),
  minorInjuries: count('轻伤人数'),
  lossFen: z
    .number({ error: '直接经济损失必须填写' })
    .int('直接经济损失以分计，必须是整数')
    .min(0, '直接经济损失不能为负数')
    .max(100_000_000_000_000, '直接经济损失过大'),
});

/** Figures specific to natural-disaster emergencies. */
export const ZEmergencyFiguresSchema = z.object({
  affectedPeople: count('受灾人数').nullable().default(null),
  evacuated: count('转移人数').nullable().default(null),
  housesDamaged: count('房屋损毁间数').nullable().default(null),
});

export const ZAccidentCreateSchema = ZCasualtiesSchema.extend(ZEmergencyFiguresSchema.shape).extend({
  kind: ZAccidentKindSchema.default('accident'),
  title: z.string({ error: '标题必须填写' }).trim().min(2, '标题至少 2 个字').max(100, '标题最多 100 个字'),
  /** A registered firm; or `partyName` for a party outside the registry. */
  enterpriseId: z.number().int().positive('企业编号不正确').nullable().default(null),
  partyName: z.string().trim().max(100, '当事单位名称最多 100 个字').nullable().default(null),
  divisionCode: z.string({ error: '镇街必须选择' }).regex(/^\d{9}$/, '镇街代码必须是 9 位数字'),
  industry: z.enum(ACCIDENT_INDUSTRIES, { error: '行业不正确' }).nullable().default(null),
  accidentType: z.enum(ACCIDENT_TYPE_CODES, { error: '事故类别不正确' }).nullable().default(null),
  emergencyType: z.enum(EMERGENCY_TYPE_CODES, { error: '突发事件类型不正确' }).nullable().default(null),
  place: z.string({ error: '地点必须填写' }).trim().min(2, '地点至少 2 个字').max(200, '地点最多 200 个字'),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  occurredAt: instant('发生时间'),
  knownAt: instant('知悉时间'),
  summary: z.string({ error: '简要经过必须填写' }).trim().min(2, '简要经过至少 2 个字').max(4000, '简要经过最多 4000 个字'),
  measures: z.string().trim().max(4000, '已采取措施最多 4000 个字').default(''),
  /** When the reporter's level (the town, or the city bureau) received the report; now if not given. */
  receivedAt: instant('本级接报时间').nullable().default(null),
  /** When the unit passed the report up; the receipt above if not given. */
  unitPassedUpAt: instant('单位上报时间').nullable().default(null),
});
export type TAccidentCreate = z.input<typeof ZAccidentCreateSchema>;

export const ZReportStepInputSchema = z.object({
  level: ZReportLevelSchema,
  receivedAt: instant('接报时间').nullable().default(null),
  passedUpAt: instant('上报时间').nullable().default(null),
});
export type TReportStepInput = z.input<typeof ZReportStepInputSchema>;

export const ZCasualtyChangeSchema = ZCasualtiesSchema.extend({
  note: z.string({ error: '续报说明必须填写' }).trim().min(2, '续报说明至少 2 个字').max(1000, '续报说明最多 1000 个字'),
});

export const ZFindingInputSchema = z.object({
  kind: z.enum(REPORT_FINDING_KINDS, { error: '认定类型不正确' }),
  reason: z.string({ error: '认定理由必须填写' }).trim().min(4, '认定理由至少 4 个字').max(1000, '认定理由最多 1000 个字'),
});

export const ZInvestigationOpenSchema = z.object({
  leadUnit: z.string({ error: '牵头单位必须填写' }).trim().min(2, '牵头单位至少 2 个字').max(100),
  startedOn: day('调查开始日期'),
});
export const ZInvestigationExtendSchema = z.object({
  days: z.number({ error: '延长天数必须填写' }).int('延长天数必须是整数'),
  reason: z.string({ error: '延期理由必须填写' }).trim().min(4, '延期理由至少 4 个字').max(1000),
});
export const ZResponsiblePartySchema = z.object({
  party: z.string({ error: '责任单位或责任人必须填写' }).trim().min(2).max(100),
  finding: z.string().trim().max(1000).default(''),
  recommendedPenalty: z.string({ error: '处理建议必须填写' }).trim().min(2).max(500),
});
export const ZInvestigationReportSchema = z.object({
  submittedOn: day('调查报告提交日期'),
  parties: z.array(ZResponsiblePartySchema).max(50).default([]),
});
export const ZInvestigationReplySchema = z.object({ repliedOn: day('批复日期') });
export const ZAccidentCloseSchema = z.object({ note: z.string().trim().max(1000).default('') });

export const ZStepClockSchema = z.object({
  level: ZReportLevelSchema,
  to: ZReportLevelSchema,
  receivedAt: z.string().nullable(),
  passedUpAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  limitMinutes: z.number(),
  state: z.enum(['on_time', 'late', 'pending', 'overdue', 'waiting']),
  minutesLate: z.number(),
});

export const ZAccidentListItemSchema = z.object({
  id: z.number(),
  kind: ZAccidentKindSchema,
  title: z.string(),
  enterpriseId: z.number().nullable(),
  partyName: z.string().nullable(),
  divisionCode: z.string(),
  townName: z.string(),
  industry: z.string().nullable(),
  accidentType: z.string().nullable(),
  emergencyType: z.string().nullable(),
  occurredAt: z.string(),
  deaths: z.number(),
  missing: z.number(),
  seriousInjuries: z.number(),
  minorInjuries: z.number(),
  lossFen: z.number(),
  grade: ZAccidentGradeSchema.nullable(),
  /** The level holding the report and its deadline, while the chain is not done. */
  pendingLevel: ZReportLevelSchema.nullable(),
  pendingDueAt: z.string().nullable(),
  /** Steps passed up late (迟报), computed on read. */
  lateSteps: z.number(),
  closed: z.boolean(),
});
export type TAccidentListItem = z.infer<typeof ZAccidentListItemSchema>;

export const ZAccidentDetailSchema = ZAccidentListItemSchema.extend({
  enterpriseName: z.string().nullable(),
  supervisionCategory: z.string().nullable(),
  place: z.string(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  knownAt: z.string(),
  summary: z.string(),
  measures: z.string(),
  affectedPeople: z.number().nullable(),
  evacuated: z.number().nullable(),
  housesDamaged: z.number().nullable(),
  targetLevel: ZReportLevelSchema,
  chain: z.array(z.object({ level: ZReportLevelSchema, receivedAt: z.string().nullable(), passedUpAt: z.string().nullable() })),
  clocks: z.array(ZStepClockSchema),
  followUp: z.object({ lastDay: z.string(), days: z.number(), open: z.boolean() }),
  casualtyChanges: z.array(
    ZCasualtiesSchema.extend({
      id: z.number(),
      at: z.string(),
      note: z.string(),
      gradeBefore: ZAccidentGradeSchema.nullable(),
      gradeAfter: ZAccidentGradeSchema.nullable(),
      inWindow: z.boolean(),
      recordedBy: z.string(),
    }),
  ),
  findings: z.array(
    z.object({ id: z.number(), kind: z.enum(REPORT_FINDING_KINDS), reason: z.string(), at: z.string(), recordedBy: z.string() }),
  ),
  investigation: z
    .object({
      leadUnit: z.string(),
      startedOn: z.string(),
      reportDueOn: z.string(),
      extensionDays: z.number().nullable(),
      extensionReason: z.string().nullable(),
      reportSubmittedOn: z.string().nullable(),
      replyDueOn: z.string().nullable(),
      repliedOn: z.string().nullable(),
      parties: z.array(ZResponsiblePartySchema),
      state: z.enum(['investigating', 'report_overdue', 'awaiting_reply', 'reply_overdue', 'replied']),
    })
    .nullable(),
  closedAt: z.string().nullable(),
  closedNote: z.string().nullable(),
  dutyLog: z.array(z.object({ id: z.number(), at: z.string(), kind: z.string(), content: z.string(), recordedBy: z.string() })),
  version: z.number(),
});
export type TAccidentDetail = z.infer<typeof ZAccidentDetailSchema>;

export const ZAccidentListQuerySchema = z.object({
  kind: ZAccidentKindSchema.optional(),
  divisionCode: z
    .string()
    .regex(/^\d{9}$/, '镇街代码必须是 9 位数字')
    .optional(),
  grade: ZAccidentGradeSchema.optional(),
  industry: z.enum(ACCIDENT_INDUSTRIES).optional(),
  accidentType: z.enum(ACCIDENT_TYPE_CODES).optional(),
  from: day('开始日期').optional(),
  to: day('结束日期').optional(),
  /** Only those with a level still holding the report. */
  pending: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TAccidentListQuery = z.input<typeof ZAccidentListQuerySchema>;

const ZTotalsSchema = z.object({ count: z.number(), deaths: z.number(), injuries: z.number(), lossFen: z.number() });
const ZCompareRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  current: ZTotalsSchema,
  previous: ZTotalsSchema,
  countChange: z.number().nullable(),
  deathsChange: z.number().nullable(),
});
export type TAccidentCompareRow = z.infer<typeof ZCompareRowSchema>;

export const ZAccidentStatsQuerySchema = z.object({
  /** `2024`, `2025-Q1` or `2025-03`. */
  period: z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, '统计期间格式应为 2024、2024-Q1 或 2024-03'),
  kind: ZAccidentKindSchema.default('accident'),
});

export const ZAccidentStatsSchema = z.object({
  period: z.string(),
  previousPeriod: z.string(),
  range: z.object({ from: z.string(), to: z.string() }),
  totals: ZCompareRowSchema,
  byTown: z.array(ZCompareRowSchema.extend({ doubleDecline: z.boolean() })),
  byIndustry: z.array(ZCompareRowSchema),
  byType: z.array(ZCompareRowSchema),
  byGrade: z.array(ZCompareRowSchema),
  byMonth: z.array(z.object({ month: z.string(), current: ZTotalsSchema, previous: ZTotalsSchema })),
  doubleDeclineTowns: z.array(z.object({ code: z.string(), name: z.string() })),
  reporting: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      accidents: z.number(),
      lateSteps: z.number(),
      lateFollowUps: z.number(),
      findings: z.number(),
      problems: z.array(z.string()),
    }),
  ),
});
export type TAccidentStats = z.infer<typeof ZAccidentStatsSchema>;
