/** The findings module's shapes and endpoints: rounds, findings, measures, progress and sign-off (整改销号). */
import { z } from 'zod';
import { FILE_RESPONSE, ZIdParamsSchema, defineEndpoint } from '../shared/contract';
import { MEASURE_STATES } from './findings.rules';

const date = (label: string) => z.string({ error: `请填写${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`);
const text = (label: string, max = 200) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`);

export const ROUND_SOURCES = ['party_inspection', 'audit', 'provincial_check', 'self_inspection', 'other'] as const;
export const ROUND_SOURCE_LABELS: Record<(typeof ROUND_SOURCES)[number], string> = {
  party_inspection: '巡察',
  audit: '审计',
  provincial_check: '上级检查',
  self_inspection: '自查',
  other: '其他',
};
export const MEASURE_TERMS = ['immediate', 'long_term'] as const;
export const MEASURE_TERM_LABELS: Record<(typeof MEASURE_TERMS)[number], string> = { immediate: '立行立改', long_term: '长期坚持' };
export const LINK_KINDS = ['case', 'hazard', 'inspection', 'accident', 'enterprise', 'other'] as const;
export const LINK_KIND_LABELS: Record<(typeof LINK_KINDS)[number], string> = {
  case: '案件',
  hazard: '隐患',
  inspection: '检查记录',
  accident: '事故',
  enterprise: '企业',
  other: '其他记录',
};

export const ZMeasureInputSchema = z.object({
  content: text('整改措施', 2000),
  leadLeader: text('牵头领导', 50),
  department: text('责任部门', 100),
  ownerId: z.number({ error: '请指定整改责任人' }).int().positive('请指定整改责任人'),
  deadline: date('整改时限'),
  term: z.enum(MEASURE_TERMS, { error: '整改类型应为立行立改或长期坚持' }),
});
export type TMeasureInput = z.infer<typeof ZMeasureInputSchema>;

export const ZFindingItemInputSchema = z.object({
  section: text('问题所属部分', 200),
  itemNo: z.number({ error: '问题序号必须是数字' }).int().positive('问题序号必须是正整数'),
  title: text('问题', 500),
  quote: z.string().max(4000, '反馈原文不能超过 4000 个字').default(''),
  measures: z.array(ZMeasureInputSchema).max(50).default([]),
});
export type TFindingItemInput = z.input<typeof ZFindingItemInputSchema>;

export const ZRoundInputSchema = z
  .object({
    title: text('轮次名称', 200),
    source: z.enum(ROUND_SOURCES, { error: '请选择检查来源' }),
    inspector: text('检查组', 200),
    inspectedFrom: date('检查开始日期'),
    inspectedTo: date('检查结束日期'),
    feedbackOn: date('反馈日期'),
    feedbackDocument: z.string().trim().max(200, '反馈文件不能超过 200 个字').default(''),
    lookBackOf: z.number().int().positive().nullable().default(null),
    findings: z.array(ZFindingItemInputSchema).max(200).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.inspectedTo < r.inspectedFrom) ctx.addIssue({ code: 'custom', path: ['inspectedTo'], message: '检查结束日期不能早于开始日期' });
    if (r.feedbackOn < r.inspectedFrom) ctx.addIssue({ code: 'custom', path: ['feedbackOn'], message: '反馈日期不能早于检查开始日期' });
  });
export type TRoundInput = z.input<typeof ZRoundInputSchema>;

export const ZRecordLinkSchema = z.object({
  kind: z.enum(LINK_KINDS, { error: '关联记录类型不正确' }),
  id: z.number().int().positive('关联记录编号必须是正整数'),
  label: z.string().trim().max(100).default(''),
});
export type TRecordLink = z.infer<typeof ZRecordLinkSchema>;

export const ZProgressInputSchema = z.object({
  note: text('整改进展', 4000),
  attachments: z
    .array(z.string().regex(/^[0-9a-f]{64}$/, '佐证材料编号不正确'))
    .max(20, '佐证材料最多 20 个')
    .default([]),
  links: z.array(ZRecordLinkSchema).max(20, '关联记录最多 20 条').default([]),
});
export type TProgressInput = z.input<typeof ZProgressInputSchema>;

const ZMeasureStateSchema = z.enum(MEASURE_STATES);

export const ZMeasureSchema = z.object({
  id: z.number(),
  roundId: z.number(),
  findingId: z.number(),
  findingTitle: z.string(),
  section: z.string(),
  itemNo: z.number(),
  content: z.string(),
  leadLeader: z.string(),
  department: z.string(),
  ownerId: z.number(),
  ownerName: z.string(),
  deadline: z.string(),
  term: z.enum(MEASURE_TERMS),
  state: ZMeasureStateSchema,
  due: z.enum(['done', 'overdue', 'due_soon', 'on_time', 'long_term']),
  reviewerId: z.number().nullable(),
  reviewerName: z.string().nullable(),
  signedOffAt: z.string().nullable(),
  reopenCount: z.number(),
  progressCount: z.number(),
  lastProgress: z.string().nullable(),
  /** What the viewer may do now (the page hides other buttons; the server checks again). */
  can: z.object({ progress: z.boolean(), submit: z.boolean(), signOff: z.boolean(), reopen: z.boolean() }),
});
export type TMeasure = z.infer<typeof ZMeasureSchema>;

export const ZProgressSchema = z.object({
  id: z.number(),
  kind: z.enum(['progress', 'submit', 'sign_off', 'return', 'reopen']),
  note: z.string(),
  authorName: z.string(),
  at: z.string(),
  attachments: z.array(z.string()),
  links: z.array(z.object({ kind: z.enum(LINK_KINDS), id: z.number(), label: z.string() })),
});

export const ZMeasureDetailSchema = ZMeasureSchema.extend({
  progress: z.array(ZProgressSchema),
  roundTitle: z.string(),
  quote: z.string(),
});
export type TMeasureDetail = z.infer<typeof ZMeasureDetailSchema>;

export const ZRoundSchema = z.object({
  id: z.number(),
  title: z.string(),
  source: z.enum(ROUND_SOURCES),
  inspector: z.string(),
  inspectedFrom: z.string(),
  inspectedTo: z.string(),
  feedbackOn: z.string(),
  feedbackDocument: z.string(),
  lookBackOf: z.number().nullable(),
  divisionCode: z.string(),
  findingCount: z.number(),
  measureCount: z.number(),
  signedOffCount: z.number(),
  overdueCount: z.number(),
});
export type TRound = z.infer<typeof ZRoundSchema>;

export const ZFindingItemSchema = z.object({
  id: z.number(),
  section: z.string(),
  itemNo: z.number(),
  title: z.string(),
  quote: z.string(),
  measures: z.array(ZMeasureSchema),
});
export const ZRoundDetailSchema = ZRoundSchema.extend({ findings: z.array(ZFindingItemSchema), canManage: z.boolean() });
export type TRoundDetail = z.infer<typeof ZRoundDetailSchema>;

export const ZMeasureListQuerySchema = z.object({
  roundId: z.coerce.number().int().positive('轮次编号必须是正整数').optional(),
  state: ZMeasureStateSchema.optional(),
  due: z.enum(['overdue', 'due_soon', 'open']).optional(),
  mine: z.enum(['owner', 'reviewer']).optional(),
  q: z.string().trim().max(50, '关键词不能超过 50 个字').optional(),
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TMeasureListQuery = z.infer<typeof ZMeasureListQuerySchema>;

export const ZSubmitSchema = z.object({
  reviewerId: z.number({ error: '请指定销号审核人' }).int().positive('请指定销号审核人'),
  note: z.string().trim().max(2000).default(''),
});
export const ZReviewSchema = z.object({ note: z.string().trim().max(2000, '审核意见不能超过 2000 个字').default('') });
export const ZReopenSchema = z.object({
  lookBackRoundId: z.number({ error: '请选择回头看轮次' }).int().positive('请选择回头看轮次'),
  note: text('重新打开的理由', 2000),
});
export const ZListsQuerySchema = z.object({});

const measureParams = ZIdParamsSchema;

export const ZPersonSchema = z.object({ id: z.number(), displayName: z.string(), divisionCode: z.string(), role: z.string() });

export const findingsEndpoints = {
  people: defineEndpoint({
    method: 'GET',
    path: '/api/findings/people',
    access: 'findings.read',
    summary: '可作为整改责任人或销号审核人的人员（本人管辖范围内）',
    response: z.object({ items: z.array(ZPersonSchema) }),
  }),
  rounds: defineEndpoint({
    method: 'GET',
    path: '/api/findings/rounds',
    access: 'findings.read',
    summary: '整改轮次（巡察、审计、上级检查、自查反馈）',
    response: z.object({ items: z.array(ZRoundSchema) }),
  }),
  createRound: defineEndpoint({
    method: 'POST',
    path: '/api/findings/rounds',
    access: 'findings.manage',
    summary: '新建整改轮次（可同时录入问题与措施）',
    body: ZRoundInputSchema,
    response: ZRoundDetailSchema,
    status: 201,
  }),
  round: defineEndpoint({
    method: 'GET',
    path: '/api/findings/rounds/:id',
    access: 'findings.read',
    summary: '一个轮次的问题与整改措施',
    params: ZIdParamsSchema,
    response: ZRoundDetailSchema,
  }),
  addFinding: defineEndpoint({
    method: 'POST',
    path: '/api/findings/rounds/:id/findings',
    access: 'findings.manage',
    summary: '在轮次中增加问题',
    params: ZIdParamsSchema,
    body: ZFindingItemInputSchema,
    response: ZRoundDetailSchema,
    status: 201,
  }),
  addMeasure: defineEndpoint({
    method: 'POST',
    path: '/api/findings/items/:id/measures',
    access: 'findings.manage',
    summary: '为问题增加整改措施',
    params: ZIdParamsSchema,
    body: ZMeasureInputSchema,
    response: ZMeasureDetailSchema,
    status: 201,
  }),
  lists: defineEndpoint({
    method: 'GET',
    path: '/api/findings/rounds/:id/lists',
    access: 'findings.read',
    summary: '导出问题清单、任务清单、责任清单（Excel）',
    params: ZIdParamsSchema,
    response: FILE_RESPONSE,
  }),
  measures: defineEndpoint({
    method: 'GET',
    path: '/api/findings/measures',
    access: 'findings.read',
    summary: '整改措施清单（超期、临期、我负责的、待我销号的）',
    query: ZMeasureListQuerySchema,
    response: z.object({ items: z.array(ZMeasureSchema), total: z.number() }),
  }),
  measure: defineEndpoint({
    method: 'GET',
    path: '/api/findings/measures/:id',
    access: 'findings.read',
    summary: '一项整改措施及其进展',
    params: measureParams,
    response: ZMeasureDetailSchema,
  }),
  progress: defineEndpoint({
    method: 'POST',
    path: '/api/findings/measures/:id/progress',
    access: 'findings.progress',
    summary: '报送整改进展（佐证材料、关联记录）',
    params: measureParams,
    body: ZProgressInputSchema,
    response: ZMeasureDetailSchema,
  }),
  submit: defineEndpoint({
    method: 'POST',
    path: '/api/findings/measures/:id/submit',
    access: 'findings.progress',
    summary: '提请销号',
    params: measureParams,
    body: ZSubmitSchema,
    response: ZMeasureDetailSchema,
  }),
  signOff: defineEndpoint({
    method: 'POST',
    path: '/api/findings/measures/:id/sign-off',
    access: 'findings.progress',
    summary: '审核销号',
    params: measureParams,
    body: ZReviewSchema,
    response: ZMeasureDetailSchema,
  }),
  returnMeasure: defineEndpoint({
    method: 'POST',
    path: '/api/findings/measures/:id/return',
    access: 'findings.progress',
    summary: '退回继续整改',
    params: measureParams,
    body: ZReviewSchema,
    response: ZMeasureDetailSchema,
  }),
  reopen: defineEndpoint({
    method: 'POST',
    path: '/api/findings/measures/:id/reopen',
    access: 'findings.manage',
    summary: '回头看：重新打开已销号的措施',
    params: measureParams,
    body: ZReopenSchema,
    response: ZMeasureDetailSchema,
  }),
};
