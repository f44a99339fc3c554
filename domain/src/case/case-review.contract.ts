/** 案卷评查: the review rounds, the scores, the report and the correction tasks sent back to the handling bodies. */
import { z } from 'zod';
import { ZIdParamsSchema, defineEndpoint } from '../shared/contract';
import {
  ZReviewProblemQuerySchema,
  ZReviewProblemSchema,
  ZReviewReportSchema,
  ZReviewRoundCreateSchema,
  ZReviewRoundSchema,
  ZReviewScoreSchema,
} from './case-review.schema';

export const ZReviewFileParamsSchema = ZIdParamsSchema.extend({ caseId: z.coerce.number().int().positive('案件编号必须是正整数') });
/** A round in the list: without its files. */
export const ZReviewRoundItemSchema = ZReviewRoundSchema.omit({ files: true });

const tags = ['case-review'] as const;

export const caseReviewEndpoints = {
  rounds: defineEndpoint({
    method: 'GET',
    path: '/api/case-reviews',
    access: 'case.file_review',
    tags,
    summary: '案卷评查活动',
    response: z.array(ZReviewRoundItemSchema),
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/case-reviews',
    access: 'case.file_review',
    tags,
    summary: '发起案卷评查：随机抽取或指定已决定案卷，分配评查人员（回避本人承办的案卷）',
    body: ZReviewRoundCreateSchema,
    response: ZReviewRoundSchema,
    status: 201,
  }),
  round: defineEndpoint({
    method: 'GET',
    path: '/api/case-reviews/:id',
    access: 'case.file_review',
    tags,
    summary: '评查活动详情：案卷、评查人员、得分',
    params: ZIdParamsSchema,
    response: ZReviewRoundSchema,
  }),
  report: defineEndpoint({
    method: 'GET',
    path: '/api/case-reviews/:id/report',
    access: 'case.file_review',
    tags,
    summary: '评查报告：各办案机关得分、各项平均分、典型问题',
    params: ZIdParamsSchema,
    response: ZReviewReportSchema,
  }),
  score: defineEndpoint({
    method: 'POST',
    path: '/api/case-reviews/:id/files/:caseId',
    access: 'case.file_review',
    tags,
    summary: '对案卷逐项评分（立案、证据、程序、法律适用、文书、自由裁量）并登记问题',
    params: ZReviewFileParamsSchema,
    body: ZReviewScoreSchema,
    response: ZReviewRoundSchema,
  }),
  tasks: defineEndpoint({
    method: 'GET',
    path: '/api/case-review-tasks',
    access: 'case.read',
    tags,
    summary: '评查发现问题的整改任务（本辖区）',
    query: ZReviewProblemQuerySchema,
    response: z.array(ZReviewProblemSchema),
  }),
  resolve: defineEndpoint({
    method: 'POST',
    path: '/api/case-review-tasks/:id/resolve',
    access: 'case.handle',
    tags,
    summary: '整改任务完成',
    params: ZIdParamsSchema,
    response: z.object({ id: z.number().int(), resolvedAt: z.string() }),
  }),
};
