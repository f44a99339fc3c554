import '../shared/zod-locale';
import { z } from 'zod';

export const INSPECTION_KINDS = ['planned', 'ad_hoc', 'unannounced'] as const;
export type TInspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<TInspectionKind, string> = {
  planned: '双随机抽查',
  ad_hoc: '日常检查',
  unannounced: '四不两直',
};

export const ANSWER_RESULTS = ['compliant', 'non_compliant', 'not_applicable'] as const;
export type TAnswerResult = (typeof ANSWER_RESULTS)[number];
export const ANSWER_RESULT_LABELS: Record<TAnswerResult, string> = { compliant: '合格', non_compliant: '不合格', not_applicable: '不适用' };

export const INSPECTION_STATUSES = ['draft', 'submitted'] as const;
export type TInspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const INSPECTION_STATUS_LABELS: Record<TInspectionStatus, string> = { draft: '草稿', submitted: '已提交' };

/** Photos at most per answer: a gate-side check needs a few, not an album. */
export const MAX_PHOTOS_PER_ANSWER = 9;

export const ZSha256Schema = z.string({ error: '附件编号必须填写' }).regex(/^[0-9a-f]{64}$/, '附件编号不正确');
const date = (label: string) => z.iso.date(`${label}格式应为 YYYY-MM-DD`);
const id = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .positive(`${label}必须是正整数`);

export const ZAnswerSchema = z.object({
  itemId: id('检查事项编号'),
  result: z.enum(ANSWER_RESULTS, { error: '检查结果应为 合格、不合格 或 不适用' }),
  note: z.string().trim().max(1000, '检查情况说明最多 1000 个字').nullable().optional(),
  photos: z.array(ZSha256Schema).max(MAX_PHOTOS_PER_ANSWER, `每个事项最多 ${MAX_PHOTOS_PER_ANSWER} 张照片`).default([]),
});
export type TAnswer = z.infer<typeof ZAnswerSchema>;

const header = {
  inspectedOn: date('检查日期'),
  place: z.string({ error: '检查地点必须填写' }).trim().min(2, '检查地点必须填写').max(200, '检查地点最多 200 个字'),
  inspectorIds: z
    .array(id('执法人员编号'), { error: '请选择执法人员' })
    .max(10, '执法人员最多 10 人')
    .refine((ids) => new Set(ids).size === ids.length, '执法人员不能重复'),
  checklistId: id('检查表'),
};

export const ZInspectionCreateSchema = z
  .object({
    kind: z.enum(INSPECTION_KINDS, { error: '检查方式应为 双随机抽查、日常检查 或 四不两直' }),
    drawTargetId: id('抽查对象').nullable().optional(),
    enterpriseId: id('企业').nullable().optional(),
    ...header,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'planned' && !v.drawTargetId)
      ctx.addIssue({ code: 'custom', path: ['drawTargetId'], message: '双随机抽查须选择抽中的检查对象' });
    if (v.kind !== 'planned' && !v.enterpriseId) ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '请选择被检查企业' });
  });
export type TInspectionCreate = z.infer<typeof ZInspectionCreateSchema>;

/** A draft saved as it is filled in; every field may come later, and submit checks the whole. */
export const ZInspectionUpdateSchema = z
  .object({
    ...header,
    answers: z.array(ZAnswerSchema).max(300),
    representativeName: z.string().trim().max(50, '企业陪同人员姓名最多 50 个字').nullable(),
    signatureSha256: ZSha256Schema.nullable(),
    conclusion: z.string().trim().max(2000, '检查结论最多 2000 个字').nullable(),
  })
  .partial();
export type TInspectionUpdate = z.infer<typeof ZInspectionUpdateSchema>;

const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** The inspection list's orders: check date, publication deadline (公示期限), firm, town. */
export const INSPECTION_SORTS = ['inspectedOn', 'deadline', 'enterprise', 'town'] as const;
export type TInspectionSort = (typeof INSPECTION_SORTS)[number];

export const ZInspectionListQuerySchema = z.object({
  divisionCode: z
    .string()
    .regex(/^\d{4}(\d{5})?$/, '镇街代码不正确')
    .optional(),
  kind: z.enum(INSPECTION_KINDS, { error: '检查方式不正确' }).optional(),
  status: z.enum(INSPECTION_STATUSES, { error: '状态不正确' }).optional(),
  from: date('开始日期').optional(),
  to: date('结束日期').optional(),
  q: z.string().trim().max(50).optional(),
  /** One firm's checks (its page). */
  enterpriseId: z.coerce.number<number>().int().positive({ error: '企业编号不正确' }).optional(),
  /** 逾期未公示: submitted, unpublished, past the publication deadline (working days, the bureau's calendar). */
  publication: z.enum(['overdue'], { error: '公示状态不正确' }).optional(),
  /** Without a sort: newest check first. `deadline` puts results still to be published first, the oldest on top. */
  sort: z.enum(INSPECTION_SORTS, { error: '排序字段不正确' }).optional(),
  order: z.enum(['asc', 'desc'], { error: '排序方向不正确' }).optional(),
  ...page,
});
export type TInspectionListQuery = z.infer<typeof ZInspectionListQuerySchema>;

export const ZInspectionSchema = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  kind: z.enum(INSPECTION_KINDS),
  colour: z.string().nullable(),
  inspectedOn: z.string(),
  place: z.string(),
  status: z.enum(INSPECTION_STATUSES),
  findingsCount: z.number().int(),
  checklistName: z.string().nullable(),
  inspectorNames: z.array(z.string()),
  /** 一公开: when the result was published (null until then). */
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TInspection = z.infer<typeof ZInspectionSchema>;
export const ZInspectionPageSchema = z.object({ items: z.array(ZInspectionSchema), total: z.number().int() });

export const ZFindingSchema = z.object({
  id: z.number().int(),
  inspectionId: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  itemId: z.number().int().nullable(),
  itemCode: z.string().nullable(),
  description: z.string(),
  majorHazard: z.boolean(),
  photos: z.array(z.string()),
  foundOn: z.string(),
  hazardId: z.number().int().nullable(),
});
export type TFinding = z.infer<typeof ZFindingSchema>;
export const ZFindingPageSchema = z.object({ items: z.array(ZFindingSchema), total: z.number().int() });

export const ZFindingListQuerySchema = z.object({
  divisionCode: z
    .string()
    .regex(/^\d{4}(\d{5})?$/, '镇街代码不正确')
    .optional(),
  from: date('开始日期').optional(),
  to: date('结束日期').optional(),
  major: z.enum(['true', 'false']).optional(),
  converted: z.enum(['true', 'false']).optional(),
  ...page,
});
export type TFindingListQuery = z.infer<typeof ZFindingListQuerySchema>;

/** The findings page's banner: how many wait to become hazards (重大 apart) and how many did, counted live. */
export const ZFindingSummaryQuerySchema = ZFindingListQuerySchema.omit({ page: true, pageSize: true, converted: true });
export const ZFindingSummarySchema = z.object({
  pending: z.number().int(),
  pendingMajor: z.number().int(),
  converted: z.number().int(),
  /** The oldest finding still waiting (null when none waits). */
  oldestPendingOn: z.string().nullable(),
});
export type TFindingSummary = z.infer<typeof ZFindingSummarySchema>;

export const ZInspectionDetailSchema = z.object({
  inspection: ZInspectionSchema.extend({
    drawTargetId: z.number().int().nullable(),
    planId: z.number().int().nullable(),
    checklistId: z.number().int().nullable(),
    conclusion: z.string().nullable(),
    representativeName: z.string().nullable(),
    signatureSha256: z.string().nullable(),
    address: z.string().nullable(),
    /** 一公开: by when the result must be published (check date + inspectionPublication.resultDays working days). */
    publicationDueOn: z.string().nullable(),
  }),
  inspectors: z.array(z.object({ userId: z.number().int(), displayName: z.string(), certificateNo: z.string() })),
  items: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      title: z.string(),
      content: z.string(),
      legalBasis: z.string(),
      majorHazard: z.boolean(),
      answer: z.object({ result: z.enum(ANSWER_RESULTS), note: z.string().nullable(), photos: z.array(z.string()) }).nullable(),
    }),
  ),
  findings: z.array(ZFindingSchema),
  can: z.object({ edit: z.boolean(), publish: z.boolean() }),
});
export type TInspectionDetail = z.infer<typeof ZInspectionDetailSchema>;

/** A drawn target in scope that has no inspection yet: what a planned inspection starts from. */
export const ZPendingTargetSchema = z.object({
  id: z.number().int(),
  drawId: z.number().int(),
  drawLabel: z.string(),
  planId: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  address: z.string().nullable(),
  divisionCode: z.string(),
  inspectorIds: z.array(z.number().int()),
});
export type TPendingTarget = z.infer<typeof ZPendingTargetSchema>;

export const ZInspectorOptionSchema = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  divisionCode: z.string(),
  certificateNo: z.string(),
  certificateExpiresOn: z.string(),
});
export type TInspectorOption = z.infer<typeof ZInspectorOptionSchema>;
