import '../shared/zod-locale';
import { z } from 'zod';
import { date, id, text } from './case-fields.schema';

// ───────────────────────────── case-file review (案卷评查) ─────────────────────────────
export const REVIEW_CRITERIA = ['filing', 'evidence', 'procedure', 'legal_basis', 'documents', 'discretion'] as const;
export type TReviewCriterion = (typeof REVIEW_CRITERIA)[number];
export const REVIEW_CRITERION_LABELS: Record<TReviewCriterion, string> = {
  filing: '立案',
  evidence: '证据',
  procedure: '程序',
  legal_basis: '法律适用',
  documents: '文书',
  discretion: '自由裁量',
};
export const ZReviewRoundCreateSchema = z
  .object({
    title: text('评查名称', 200, 2),
    /** Cases decided in this period are eligible. */
    periodFrom: date('开始日期'),
    periodTo: date('结束日期'),
    pick: z.enum(['random', 'chosen'], { error: '抽取方式应为 随机 或 指定' }),
    /** For random picks: how many files. */
    sampleSize: z.number().int().min(1, '抽取数量至少 1 件').max(500).optional(),
    /** For chosen picks. */
    caseIds: z.array(id('案件编号')).max(500).optional(),
    reviewerIds: z.array(id('评查人员')).min(1, '请至少选择一名评查人员').max(20),
  })
  .superRefine((v, ctx) => {
    if (v.periodFrom > v.periodTo) ctx.addIssue({ code: 'custom', path: ['periodFrom'], message: '开始日期不能晚于结束日期' });
    if (v.pick === 'random' && !v.sampleSize) ctx.addIssue({ code: 'custom', path: ['sampleSize'], message: '随机抽取须填写抽取数量' });
    if (v.pick === 'chosen' && !v.caseIds?.length) ctx.addIssue({ code: 'custom', path: ['caseIds'], message: '请选择要评查的案卷' });
  });
export type TReviewRoundCreate = z.infer<typeof ZReviewRoundCreateSchema>;
export const ZReviewScoreSchema = z.object({
  scores: z.record(z.enum(REVIEW_CRITERIA), z.number().int().min(0).max(100)),
  problems: z
    .array(z.object({ criterion: z.enum(REVIEW_CRITERIA), description: text('问题描述', 1000), sendBack: z.boolean().default(false) }))
    .max(50),
  comment: z.string().trim().max(2000).nullable().optional(),
});
export type TReviewScore = z.infer<typeof ZReviewScoreSchema>;
export const ZReviewRoundSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  pick: z.enum(['random', 'chosen']),
  status: z.enum(['open', 'closed']),
  files: z.array(
    z.object({
      caseId: z.number().int(),
      caseNo: z.string().nullable(),
      divisionCode: z.string(),
      reviewerId: z.number().int().nullable(),
      totalScore: z.number().nullable(),
      scoredAt: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
});
export type TReviewRound = z.infer<typeof ZReviewRoundSchema>;

export const ZReviewReportSchema = z.object({
  roundId: z.number().int(),
  title: z.string(),
  byBody: z.array(
    z.object({
      divisionCode: z.string(),
      divisionName: z.string().nullable(),
      files: z.number().int(),
      scored: z.number().int(),
      averageScore: z.number().nullable(),
    }),
  ),
  byCriterion: z.array(z.object({ criterion: z.enum(REVIEW_CRITERIA), label: z.string(), averageScore: z.number().nullable() })),
  /** Typical problems (典型问题) by body and criterion, with a few examples each. */
  problems: z.array(
    z.object({
      divisionCode: z.string(),
      divisionName: z.string().nullable(),
      criterion: z.enum(REVIEW_CRITERIA),
      label: z.string(),
      count: z.number().int(),
      examples: z.array(z.string()),
    }),
  ),
});
export type TReviewReport = z.infer<typeof ZReviewReportSchema>;

/** A problem sent back to the handling body as a correction task (整改任务). */
export const ZReviewProblemSchema = z.object({
  id: z.number().int(),
  roundId: z.number().int(),
  caseId: z.number().int(),
  caseNo: z.string().nullable(),
  divisionCode: z.string(),
  criterion: z.enum(REVIEW_CRITERIA),
  description: z.string(),
  sendBack: z.boolean(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TReviewProblem = z.infer<typeof ZReviewProblemSchema>;
export const ZReviewProblemQuerySchema = z.object({
  open: z.enum(['true', 'false']).optional(),
  roundId: z.coerce.number().int().positive().optional(),
});
export type TReviewProblemQuery = z.infer<typeof ZReviewProblemQuerySchema>;
