/** The public progress report's shapes and endpoints: drafted, approved by a leader, published, public feedback. */
import { z } from 'zod';
import { FILE_RESPONSE, ZIdParamsSchema, defineEndpoint } from '../shared/contract';
import { MEASURE_STATES } from './findings.rules';
import { MEASURE_TERMS } from './findings.schema';
import { DEFAULT_FEEDBACK_DAYS, REPORT_STATES } from './progress-report.rules';

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`);

export const ZProgressReportInputSchema = z.object({
  title: text('报告标题', 200),
  /** 一、履行整改主体责任情况: the leadership's responsibility, in the office's words. */
  leadership: text('履行整改主体责任情况', 20000),
  /** 四、下一步工作打算. */
  nextSteps: text('下一步工作打算', 10000),
  /** Phone, postal box, post code, e-mail: one per line, as printed. */
  contacts: text('联系方式', 2000),
  issuer: text('落款单位', 100),
  feedbackDays: z
    .number({ error: '公开期限天数必须是数字' })
    .int('公开期限天数必须是整数')
    .min(5, '公开期限不少于 5 天')
    .max(60, '公开期限不超过 60 天')
    .default(DEFAULT_FEEDBACK_DAYS),
});
export type TProgressReportInput = z.input<typeof ZProgressReportInputSchema>;

/** A measure as the report prints it: what was to be done, by whom, by when, and what was done. */
const ZReportMeasureSchema = z.object({
  content: z.string(),
  leadLeader: z.string(),
  department: z.string(),
  deadline: z.string(),
  term: z.enum(MEASURE_TERMS),
  state: z.enum(MEASURE_STATES),
  /** The progress notes in order: what was done. */
  done: z.array(z.string()),
});
export const ZReportContentSchema = z.object({
  roundTitle: z.string(),
  inspector: z.string(),
  inspectedFrom: z.string(),
  inspectedTo: z.string(),
  feedbackOn: z.string(),
  sections: z.array(
    z.object({
      section: z.string(),
      findings: z.array(z.object({ itemNo: z.number(), title: z.string(), measures: z.array(ZReportMeasureSchema) })),
    }),
  ),
  counts: z.object({ findings: z.number(), measures: z.number(), signedOff: z.number(), longTerm: z.number() }),
});
export type TReportContent = z.infer<typeof ZReportContentSchema>;

export const ZFeedbackSchema = z.object({
  id: z.number(),
  name: z.string(),
  contact: z.string(),
  text: z.string(),
  receivedAt: z.string(),
  reply: z.string().nullable(),
  repliedByName: z.string().nullable(),
  repliedAt: z.string().nullable(),
});
export type TFeedback = z.infer<typeof ZFeedbackSchema>;

export const ZProgressReportSchema = z.object({
  id: z.number(),
  roundId: z.number(),
  roundTitle: z.string(),
  title: z.string(),
  state: z.enum(REPORT_STATES),
  leadership: z.string(),
  nextSteps: z.string(),
  contacts: z.string(),
  issuer: z.string(),
  feedbackDays: z.number(),
  feedbackFrom: z.string().nullable(),
  feedbackTo: z.string().nullable(),
  windowState: z.enum(['unpublished', 'before', 'open', 'closed']),
  authorName: z.string(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  feedbackCount: z.number(),
  unansweredCount: z.number(),
  can: z.object({ edit: z.boolean(), approve: z.boolean(), publish: z.boolean() }),
});
export type TProgressReport = z.infer<typeof ZProgressReportSchema>;

export const ZProgressReportDetailSchema = ZProgressReportSchema.extend({
  /** Frozen at approval (what the leader approved is what is published); computed now while a draft. */
  content: ZReportContentSchema,
  feedback: z.array(ZFeedbackSchema),
});
export type TProgressReportDetail = z.infer<typeof ZProgressReportDetailSchema>;

export const ZPublicReportSchema = z.object({
  id: z.number(),
  title: z.string(),
  issuer: z.string(),
  publishedOn: z.string(),
  feedbackFrom: z.string(),
  feedbackTo: z.string(),
  windowOpen: z.boolean(),
  leadership: z.string(),
  nextSteps: z.string(),
  contacts: z.string(),
  content: ZReportContentSchema,
});
export type TPublicReport = z.infer<typeof ZPublicReportSchema>;

export const ZChallengeSchema = z.object({ question: z.string(), token: z.string() });

export const ZPublicFeedbackInputSchema = z.object({
  name: z.string().trim().max(50, '姓名不能超过 50 个字').default(''),
  contact: text('联系方式', 100),
  text: text('意见建议', 2000),
  token: z.string({ error: '请先获取验证问题' }).min(1, '请先获取验证问题').max(500),
  answer: z.number({ error: '请填写验证问题的答案' }).int('验证问题的答案应为整数'),
});
export type TPublicFeedbackInput = z.input<typeof ZPublicFeedbackInputSchema>;

export const ZFeedbackReplySchema = z.object({ reply: text('答复', 2000) });

const tags = ['public'] as const;

export const progressReportEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/findings/reports',
    access: 'findings.read',
    summary: '整改进展情况报告（草稿、已审定、已公开）',
    response: z.object({ items: z.array(ZProgressReportSchema) }),
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/findings/rounds/:id/reports',
    access: 'findings.manage',
    summary: '由轮次的问题与措施生成整改进展情况报告（草稿）',
    params: ZIdParamsSchema,
    body: ZProgressReportInputSchema,
    response: ZProgressReportDetailSchema,
    status: 201,
  }),
  detail: defineEndpoint({
    method: 'GET',
    path: '/api/findings/reports/:id',
    access: 'findings.read',
    summary: '一份进展情况报告及收到的意见建议',
    params: ZIdParamsSchema,
    response: ZProgressReportDetailSchema,
  }),
  update: defineEndpoint({
    method: 'PUT',
    path: '/api/findings/reports/:id',
    access: 'findings.manage',
    summary: '修改报告草稿（重新按当前整改进展生成）',
    params: ZIdParamsSchema,
    body: ZProgressReportInputSchema,
    response: ZProgressReportDetailSchema,
  }),
  approve: defineEndpoint({
    method: 'POST',
    path: '/api/findings/reports/:id/approve',
    access: 'findings.approve',
    summary: '局领导审定报告（内容就此固定）',
    params: ZIdParamsSchema,
    response: ZProgressReportDetailSchema,
  }),
  publish: defineEndpoint({
    method: 'POST',
    path: '/api/findings/reports/:id/publish',
    access: 'findings.manage',
    summary: '公开已审定的报告，开始公开期限',
    params: ZIdParamsSchema,
    response: ZProgressReportDetailSchema,
  }),
  document: defineEndpoint({
    method: 'GET',
    path: '/api/findings/reports/:id/document',
    access: 'findings.read',
    summary: '下载报告（Word）',
    params: ZIdParamsSchema,
    response: FILE_RESPONSE,
  }),
  reply: defineEndpoint({
    method: 'POST',
    path: '/api/findings/feedback/:id/reply',
    access: 'findings.manage',
    summary: '答复一条公众意见建议',
    params: ZIdParamsSchema,
    body: ZFeedbackReplySchema,
    response: ZFeedbackSchema,
  }),
};

export const publicReportEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/public/progress-reports',
    access: 'public',
    summary: '已公开的整改进展情况',
    tags,
    response: z.object({
      items: z.array(
        ZPublicReportSchema.pick({
          id: true,
          title: true,
          issuer: true,
          publishedOn: true,
          feedbackFrom: true,
          feedbackTo: true,
          windowOpen: true,
        }),
      ),
    }),
  }),
  detail: defineEndpoint({
    method: 'GET',
    path: '/api/public/progress-reports/:id',
    access: 'public',
    summary: '一份已公开的整改进展情况',
    tags,
    params: ZIdParamsSchema,
    response: ZPublicReportSchema,
  }),
  challenge: defineEndpoint({
    method: 'GET',
    path: '/api/public/progress-reports/:id/challenge',
    access: 'public',
    summary: '意见建议表单的验证问题（服务器签名，10 分钟内有效）',
    tags,
    params: ZIdParamsSchema,
    response: ZChallengeSchema,
  }),
  feedback: defineEndpoint({
    method: 'POST',
    path: '/api/public/progress-reports/:id/feedback',
    access: 'public',
    summary: '在公开期限内提交意见建议（限频，须答对验证问题）',
    tags,
    params: ZIdParamsSchema,
    body: ZPublicFeedbackInputSchema,
    response: z.object({ id: z.number(), receivedAt: z.string() }),
    status: 201,
  }),
};
