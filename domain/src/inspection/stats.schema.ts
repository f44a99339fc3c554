import '../shared/zod-locale';
import { z } from 'zod';
import { PLAN_STRATA } from './inspection.settings';
import { MAX_CUSTOM_MONTHS, monthsBetween } from './progress.rules';

/** The kinds of inspection as the statistics show them; 四不两直 (unannounced) is reported on its own (seed §三). */
export const STATS_KINDS = ['planned', 'ad_hoc', 'unannounced'] as const;
export type TStatsKind = (typeof STATS_KINDS)[number];
export const STATS_KIND_LABELS: Record<TStatsKind, string> = { planned: '双随机计划检查', ad_hoc: '日常检查', unannounced: '四不两直' };

const month = (label: string) => z.string({ error: `请选择${label}` }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}应为 年-月（如 2026-03）`);

export const ZStatsQuerySchema = z
  .object({
    period: z.enum(['month', 'quarter', 'year', 'custom'], { error: '统计周期应为 月、季度、年 或 自定义' }).default('quarter'),
    /** A day inside the month, quarter or year wanted; today (Asia/Shanghai) when absent. */
    at: z.iso.date('日期格式应为 YYYY-MM-DD').optional(),
    from: month('起始月份').optional(),
    to: month('截止月份').optional(),
    divisionCode: z
      .string()
      .regex(/^\d{2,9}$/, '区划代码格式不正确')
      .optional(),
  })
  .refine((q) => q.period !== 'custom' || (q.from !== undefined && q.to !== undefined), {
    message: '自定义周期须选择起止月份',
    path: ['from'],
  })
  .refine(
    (q) =>
      q.period !== 'custom' ||
      !q.from ||
      !q.to ||
      monthsBetween(q.from < q.to ? q.from : q.to, q.from < q.to ? q.to : q.from).length <= MAX_CUSTOM_MONTHS,
    {
      message: `自定义周期不能超过 ${MAX_CUSTOM_MONTHS} 个月`,
      path: ['to'],
    },
  );
export type TStatsQuery = z.infer<typeof ZStatsQuerySchema>;

const ZFiguresSchema = z.object({
  /** Submitted inspections (检查企业 家次). */
  inspections: z.number().int(),
  /** Distinct firms checked (家). */
  firms: z.number().int(),
  findings: z.number().int(),
  majorFindings: z.number().int(),
});

export const ZInspectionStatsSchema = z.object({
  range: z.object({ fromMonth: z.string(), toMonth: z.string(), fromDate: z.string(), toDate: z.string(), label: z.string() }),
  totals: ZFiguresSchema,
  byKind: z.array(ZFiguresSchema.extend({ kind: z.enum(STATS_KINDS), label: z.string() })),
  /** What byTown lists: the towns, or for a provincial reader (no city chosen) the cities, the province's next level. */
  level: z.enum(['town', 'city']).optional(),
  byTown: z.array(ZFiguresSchema.extend({ divisionCode: z.string(), divisionName: z.string(), unannounced: z.number().int() })),
  byMonth: z.array(
    z.object({
      month: z.string(),
      inspections: z.number().int(),
      unannounced: z.number().int(),
      findings: z.number().int(),
      majorFindings: z.number().int(),
    }),
  ),
});
export type TInspectionStats = z.infer<typeof ZInspectionStatsSchema>;

const ZShareRowSchema = z.object({ planned: z.number().int(), done: z.number().int(), share: z.number() });

export const ZProgressPlanSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  year: z.number().int(),
  divisionCode: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.string(),
});
export type TProgressPlan = z.infer<typeof ZProgressPlanSchema>;

export const ZOverdueTargetSchema = z.object({
  targetId: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  stratum: z.string(),
  reason: z.enum(['period_ended', 'unpublished']),
  dueOn: z.string(),
  inspectionId: z.number().int().nullable(),
  inspectedOn: z.string().nullable(),
});
export type TOverdueTarget = z.infer<typeof ZOverdueTargetSchema>;

export const ZPlanProgressSchema = z.object({
  plan: ZProgressPlanSchema,
  totals: ZShareRowSchema,
  byTown: z.array(ZShareRowSchema.extend({ divisionCode: z.string(), divisionName: z.string() })),
  byGrade: z.array(ZShareRowSchema.extend({ stratum: z.enum(PLAN_STRATA), label: z.string() })),
  overdue: z.array(ZOverdueTargetSchema),
  /** All overdue targets; the list holds at most the first 200 by due date. */
  overdueTotal: z.number().int(),
});
export type TPlanProgress = z.infer<typeof ZPlanProgressSchema>;

export const ZFrequencyQuerySchema = z.object({
  which: z.enum(['below', 'above'], { error: '应选择 低于最少次数 或 超过最多次数' }).default('below'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TFrequencyQuery = z.infer<typeof ZFrequencyQuerySchema>;

export const ZFrequencyPageSchema = z.object({
  year: z.number().int(),
  items: z.array(
    z.object({
      enterpriseId: z.number().int(),
      name: z.string(),
      divisionCode: z.string(),
      divisionName: z.string(),
      stratum: z.enum(PLAN_STRATA),
      checks: z.number().int(),
      min: z.number().int(),
      max: z.number().int(),
    }),
  ),
  total: z.number().int(),
});
export type TFrequencyPage = z.infer<typeof ZFrequencyPageSchema>;
