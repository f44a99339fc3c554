import '../shared/zod-locale';
import { z } from 'zod';
import { CATEGORY_CODES, TAG_CODES } from '../enterprise/enterprise.schema';
import { PLAN_STRATA } from './inspection.settings';

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最多 ${max} 个字符`);
const ratio = (label: string) =>
  z
    .number({ error: `${label}抽查比例必须是数字` })
    .min(0, `${label}抽查比例不能小于 0`)
    .max(1, `${label}抽查比例不能大于 100%`);

export const ZPlanStratumSchema = z.enum(PLAN_STRATA, { error: '风险等级应为 red、orange、yellow、blue 或 none（未定级）' });

/** Which firms the draw takes from; an empty list means no restriction on that criterion. */
export const ZPlanPoolSchema = z.object({
  categories: z
    .array(z.enum(CATEGORY_CODES, { error: '监管类别不正确' }))
    .max(50)
    .default([]),
  tags: z
    .array(z.enum(TAG_CODES, { error: '特殊标签不正确' }))
    .max(20)
    .default([]),
  towns: z
    .array(z.string().regex(/^\d{9}$/, '镇街应为 9 位区划代码'))
    .max(100)
    .default([]),
  colours: z.array(ZPlanStratumSchema).max(5).default([]),
});
export type TPlanPoolFilter = z.infer<typeof ZPlanPoolSchema>;

export const ZPlanRatiosSchema = z.object({
  red: ratio('红色企业'),
  orange: ratio('橙色企业'),
  yellow: ratio('黄色企业'),
  blue: ratio('蓝色企业'),
  none: ratio('未定级企业'),
});
export type TPlanRatios = z.infer<typeof ZPlanRatiosSchema>;

const ZPlanFieldsSchema = z.object({
  year: z.number({ error: '年度必须是数字' }).int('年度必须是整数').min(2000, '年度不能早于 2000').max(2100, '年度不能晚于 2100'),
  title: text('计划名称', 100),
  periodStart: z.iso.date('开始日期格式应为 YYYY-MM-DD'),
  periodEnd: z.iso.date('结束日期格式应为 YYYY-MM-DD'),
  focus: text('检查重点', 2000),
  pool: ZPlanPoolSchema,
  ratios: ZPlanRatiosSchema,
  /** 行政处罚法 art. 42: at least two enforcement officers. */
  inspectorsPerTarget: z
    .number({ error: '每家企业执法人员数必须是数字' })
    .int('每家企业执法人员数必须是整数')
    .min(2, '每家企业至少 2 名执法人员')
    .max(5, '每家企业最多 5 名执法人员'),
  rounds: z.number({ error: '抽查轮次必须是数字' }).int('抽查轮次必须是整数').min(1, '抽查轮次至少 1 轮').max(12, '抽查轮次最多 12 轮'),
});

const periodCheck = (p: { periodStart?: string; periodEnd?: string; year?: number }, ctx: z.RefinementCtx) => {
  if (p.periodStart && p.periodEnd && p.periodStart > p.periodEnd)
    ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: '结束日期不能早于开始日期' });
  if (p.year && p.periodStart && !p.periodStart.startsWith(String(p.year)))
    ctx.addIssue({ code: 'custom', path: ['periodStart'], message: '开始日期应在计划年度内' });
};

export const ZPlanCreateSchema = ZPlanFieldsSchema.superRefine(periodCheck);
export type TPlanCreate = z.infer<typeof ZPlanCreateSchema>;
export const ZPlanUpdateSchema = ZPlanFieldsSchema.partial().superRefine(periodCheck);
export type TPlanUpdate = z.infer<typeof ZPlanUpdateSchema>;

export const PLAN_STATUSES = ['draft', 'approved', 'closed'] as const;
export const PLAN_STATUS_LABELS: Record<(typeof PLAN_STATUSES)[number], string> = { draft: '草稿', approved: '已审批', closed: '已结束' };

export const ZPlanSchema = ZPlanFieldsSchema.extend({
  id: z.number(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  status: z.enum(PLAN_STATUSES),
  createdBy: z.number().nullable(),
  createdByName: z.string().nullable(),
  approvedBy: z.number().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPlan = z.infer<typeof ZPlanSchema>;

export const ZPlanListQuerySchema = z.object({
  year: z.coerce.number().int().min(2000, '年度不能早于 2000').max(2100, '年度不能晚于 2100').optional(),
  status: z.enum(PLAN_STATUSES, { error: '状态应为 draft、approved 或 closed' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TPlanListQuery = z.infer<typeof ZPlanListQuerySchema>;
export const ZPlanPageSchema = z.object({ items: z.array(ZPlanSchema), total: z.number() });

export const ZPlanCheckRowSchema = z.object({
  stratum: ZPlanStratumSchema,
  label: z.string(),
  pool: z.number(),
  ratio: z.number(),
  perRound: z.number(),
  checks: z.number(),
  perFirm: z.number(),
  min: z.number(),
  max: z.number(),
  warning: z.enum(['below_min', 'above_max']).nullable(),
  message: z.string().nullable(),
});

export const ZPlanDetailSchema = z.object({
  plan: ZPlanSchema,
  checks: z.array(ZPlanCheckRowSchema),
  inspectors: z.object({ active: z.number(), drawable: z.number() }),
  can: z.object({ edit: z.boolean(), approve: z.boolean(), draw: z.boolean() }),
  approveProblem: z.string().nullable(),
});
export type TPlanDetail = z.infer<typeof ZPlanDetailSchema>;
