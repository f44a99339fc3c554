import '../shared/zod-locale';
import { z } from 'zod';
import { ZSha256Schema } from '../inspection/inspection.schema';

// 专项行动 schemas live in campaign.schema.ts; re-exported here, where the pages import them from.
export * from './campaign.schema';

/** Where a hazard was found (issue 5 §1). */
export const HAZARD_SOURCES = ['inspection', 'self_check', 'complaint', 'campaign', 'accident_investigation'] as const;
export type THazardSource = (typeof HAZARD_SOURCES)[number];
export const HAZARD_SOURCE_LABELS: Record<THazardSource, string> = {
  inspection: '监督检查',
  self_check: '企业自查',
  complaint: '举报投诉',
  campaign: '专项行动',
  accident_investigation: '事故调查',
};

export const HAZARD_LEVELS = ['general', 'major'] as const;
export type THazardLevel = (typeof HAZARD_LEVELS)[number];
export const HAZARD_LEVEL_LABELS: Record<THazardLevel, string> = { general: '一般隐患', major: '重大隐患' };

/** Categories, counted per firm for recurrence (同类隐患反复出现 raises the risk grade). */
export const HAZARD_CATEGORIES = [
  'qualification',
  'management',
  'training',
  'equipment',
  'electrical',
  'fire',
  'hazardous_chemicals',
  'dust',
  'confined_space',
  'gas',
  'site',
  'operation',
  'emergency',
  'other',
] as const;
export type THazardCategory = (typeof HAZARD_CATEGORIES)[number];
export const HAZARD_CATEGORY_LABELS: Record<THazardCategory, string> = {
  qualification: '资质证照',
  management: '安全管理制度与机构',
  training: '安全教育培训',
  equipment: '设备设施',
  electrical: '用电安全',
  fire: '消防安全',
  hazardous_chemicals: '危险化学品',
  dust: '粉尘防爆',
  confined_space: '有限空间',
  gas: '燃气安全',
  site: '作业场所环境',
  operation: '作业行为',
  emergency: '应急管理',
  other: '其他',
};

/** The closed loop (DOMAIN.md §4): found → ordered → rectifying → submitted → closed, or back to rectifying. */
export const HAZARD_STATES = ['found', 'ordered', 'rectifying', 'submitted', 'closed'] as const;
export type THazardState = (typeof HAZARD_STATES)[number];
export const HAZARD_STATE_LABELS: Record<THazardState, string> = {
  found: '已登记',
  ordered: '已下达整改指令',
  rectifying: '整改中',
  submitted: '待复查',
  closed: '已销号',
};
export const OPEN_HAZARD_STATES = ['found', 'ordered', 'rectifying', 'submitted'] as const satisfies readonly THazardState[];

export const HAZARD_ACTIONS = [
  'order',
  'start',
  'plan',
  'submit',
  'recheck_pass',
  'recheck_fail',
  'request_extension',
  'approve_extension',
  'reject_extension',
] as const;
export type THazardAction = (typeof HAZARD_ACTIONS)[number];
export const HAZARD_ACTION_LABELS: Record<THazardAction, string> = {
  order: '下达整改指令',
  start: '签收并开始整改',
  plan: '填报整改方案',
  submit: '提交整改材料',
  recheck_pass: '复查通过并销号',
  recheck_fail: '复查不通过',
  request_extension: '申请延期',
  approve_extension: '批准延期',
  reject_extension: '驳回延期',
};

export const MAX_HAZARD_PHOTOS = 9;
const date = (label: string) => z.iso.date(`${label}格式应为 YYYY-MM-DD`);
const id = (label: string) =>
  z
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .positive(`${label}必须是正整数`);
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label}必须填写` })
    .trim()
    .min(min, `${label}必须填写`)
    .max(max, `${label}最多 ${max} 个字`);
const photos = z.array(ZSha256Schema).max(MAX_HAZARD_PHOTOS, `照片最多 ${MAX_HAZARD_PHOTOS} 张`);

/** 五到位: measures, funds, deadline, responsible person, contingency (DOMAIN.md §4). Every item may be filled in over time. */
export const ZHazardPlanSchema = z.object({
  measures: z.string().trim().max(2000, '整改措施最多 2000 个字').nullable().optional(),
  fundsFen: z.number({ error: '整改资金必须是数字' }).int('整改资金以分计，必须是整数').min(0, '整改资金不能为负数').nullable().optional(),
  deadline: date('整改方案完成时限').nullable().optional(),
  responsiblePerson: z.string().trim().max(50, '整改责任人最多 50 个字').nullable().optional(),
  contingency: z.string().trim().max(2000, '应急预案（防范措施）最多 2000 个字').nullable().optional(),
});
export type THazardPlan = z.infer<typeof ZHazardPlanSchema>;

export const ZHazardCreateSchema = z
  .object({
    enterpriseId: id('企业'),
    source: z.enum(HAZARD_SOURCES, { error: '隐患来源应为 监督检查、企业自查、举报投诉、专项行动 或 事故调查' }),
    category: z.enum(HAZARD_CATEGORIES, { error: '隐患类别不正确' }),
    /** A major-hazard criterion (重大事故隐患判定标准 item) makes the hazard major; without one it is general. */
    criterionItemId: id('重大隐患判定依据').nullable().optional(),
    description: text('隐患描述', 4, 2000),
    location: text('隐患部位', 2, 200),
    photos: photos.default([]),
    foundOn: date('发现日期'),
    foundBy: text('发现人', 2, 50),
    responsiblePerson: text('整改责任人', 2, 50),
    deadline: date('整改期限'),
    campaignIds: z.array(id('专项行动')).max(10, '专项行动最多 10 个').default([]),
    plan: ZHazardPlanSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.deadline < v.foundOn) ctx.addIssue({ code: 'custom', path: ['deadline'], message: '整改期限不能早于发现日期' });
  });
export type THazardCreate = z.infer<typeof ZHazardCreateSchema>;

/** Findings of one inspection become hazards in one action; each may set its own category and deadline. */
export const ZHazardsFromFindingsSchema = z.object({
  inspectionId: id('检查记录'),
  items: z
    .array(
      z.object({
        findingId: id('检查发现问题'),
        category: z.enum(HAZARD_CATEGORIES, { error: '隐患类别不正确' }),
        deadline: date('整改期限'),
        responsiblePerson: text('整改责任人', 2, 50),
        location: text('隐患部位', 2, 200),
      }),
    )
    .min(1, '请至少选择一条检查发现问题')
    .max(300),
});
export type THazardsFromFindings = z.infer<typeof ZHazardsFromFindingsSchema>;

/** One transition. Fields required by an action are checked by `hazardActionProblem`, which names them. */
export const ZHazardActionSchema = z.object({
  action: z.enum(HAZARD_ACTIONS, { error: '操作不正确' }),
  /** The hazard's version as the user saw it: a stale page cannot overwrite a newer change. */
  version: z.number().int().min(1),
  deadline: date('整改期限').optional(),
  note: z.string().trim().max(2000, '说明最多 2000 个字').optional(),
  photos: photos.optional(),
  documents: z.array(ZSha256Schema).max(9, '材料最多 9 份').optional(),
  plan: ZHazardPlanSchema.optional(),
});
export type THazardActionInput = z.infer<typeof ZHazardActionSchema>;

const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * The orders of the hazard list: found date (newest first by default), deadline (open hazards first, so ascending
 * puts the overdue on top), firm name and town; each with the id as tie-break.
 */
export const HAZARD_SORTS = ['foundOn', 'deadline', 'enterprise', 'town'] as const;
export type THazardSort = (typeof HAZARD_SORTS)[number];

export const ZHazardListQuerySchema = z.object({
  divisionCode: z
    .string()
    .regex(/^\d{2,9}$/, '区划代码不正确')
    .optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  state: z.enum(HAZARD_STATES, { error: '状态不正确' }).optional(),
  /** Open = any state but closed. */
  open: bool.optional(),
  overdue: bool.optional(),
  level: z.enum(HAZARD_LEVELS, { error: '隐患等级不正确' }).optional(),
  category: z.enum(HAZARD_CATEGORIES, { error: '隐患类别不正确' }).optional(),
  source: z.enum(HAZARD_SOURCES, { error: '隐患来源不正确' }).optional(),
  campaignId: z.coerce.number().int().positive().optional(),
  supervised: bool.optional(),
  /** With an extension request waiting for approval (延期待审批). */
  extensionPending: bool.optional(),
  /** Found between (inclusive, Asia/Shanghai dates). */
  from: date('开始日期').optional(),
  to: date('结束日期').optional(),
  /** Closed between. */
  closedFrom: date('销号开始日期').optional(),
  closedTo: date('销号结束日期').optional(),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(HAZARD_SORTS, { error: '排序字段不正确' }).default('foundOn'),
  order: z.enum(['asc', 'desc'], { error: '排序方向不正确' }).default('desc'),
  ...page,
});
export type THazardListQuery = z.infer<typeof ZHazardListQuerySchema>;

export const ZHazardItemSchema = z.object({
  id: z.number(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  divisionCode: z.string(),
  townName: z.string().nullable(),
  source: z.enum(HAZARD_SOURCES),
  category: z.enum(HAZARD_CATEGORIES),
  level: z.enum(HAZARD_LEVELS),
  description: z.string(),
  location: z.string(),
  foundOn: z.string(),
  deadline: z.string(),
  state: z.enum(HAZARD_STATES),
  /** Derived from the deadline and today in Asia/Shanghai; never stored. */
  overdue: z.boolean(),
  supervised: z.boolean(),
  closedAt: z.string().nullable(),
  version: z.number(),
});
export type THazardItem = z.infer<typeof ZHazardItemSchema>;
export const ZHazardPageSchema = z.object({ items: z.array(ZHazardItemSchema), total: z.number() });

/** The export takes the list's filters without the page. */
/** The export walks the filtered list by found date (keyset), whatever order the page shows. */
export const ZHazardExportQuerySchema = ZHazardListQuerySchema.omit({ page: true, pageSize: true, sort: true, order: true });
export type THazardExportQuery = z.infer<typeof ZHazardExportQuerySchema>;

/** One item of the major-hazard criteria (重大事故隐患判定标准) a hazard may cite. */
export const ZHazardCriterionSchema = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  standard: z.string().nullable(),
  groupName: z.string(),
});
export type THazardCriterion = z.infer<typeof ZHazardCriterionSchema>;

export const ZHazardTransitionSchema = z.object({
  id: z.number(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  note: z.string().nullable(),
  deadline: z.string().nullable(),
  photos: z.array(z.string()),
  documents: z.array(z.string()),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const ZHazardExtensionSchema = z.object({
  id: z.number(),
  requestedDeadline: z.string(),
  previousDeadline: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedByName: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type THazardExtension = z.infer<typeof ZHazardExtensionSchema>;

export const ZHazardDetailSchema = ZHazardItemSchema.extend({
  criterion: z.object({ id: z.number(), code: z.string(), title: z.string() }).nullable(),
  photos: z.array(z.string()),
  foundBy: z.string(),
  responsiblePerson: z.string(),
  plan: ZHazardPlanSchema.nullable(),
  orderNo: z.string().nullable(),
  inspectionId: z.number().nullable(),
  findingId: z.number().nullable(),
  campaigns: z.array(z.object({ id: z.number(), name: z.string() })),
  submittedByName: z.string().nullable(),
  closedByName: z.string().nullable(),
  transitions: z.array(ZHazardTransitionSchema),
  extensions: z.array(ZHazardExtensionSchema),
  /** What this user may do now (the page shows these buttons; the server checks again). */
  actions: z.array(z.enum(HAZARD_ACTIONS)),
});
export type THazardDetail = z.infer<typeof ZHazardDetailSchema>;
