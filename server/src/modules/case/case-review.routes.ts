import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZReviewProblemQuerySchema,
  ZReviewProblemSchema,
  ZReviewReportSchema,
  ZReviewRoundCreateSchema,
  ZReviewRoundSchema,
  ZReviewScoreSchema,
  ZIdParamsSchema,
} from '@yingji/domain';
import type { TCaseReviewService } from './case-review.service';

const ZIdParams = ZIdParamsSchema;
const ZFileParams = ZIdParams.extend({ caseId: z.coerce.number().int().positive('案件编号必须是正整数') });
const ZRoundItemSchema = ZReviewRoundSchema.omit({ files: true });

/** 案卷评查: rounds, scores, the report, and the correction tasks sent back to the handling bodies. */
export function caseReviewRoutes(app: FastifyInstance, reviews: TCaseReviewService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['case-review'];

  r.get('/api/case-reviews', {
    config: { access: 'case.file_review' },
    schema: { tags, summary: '案卷评查活动', response: { 200: z.array(ZRoundItemSchema) } },
    handler: (request) => reviews.listRounds(request.ctx),
  });
  r.post('/api/case-reviews', {
    config: { access: 'case.file_review' },
    schema: {
      tags,
      summary: '发起案卷评查：随机抽取或指定已决定案卷，分配评查人员（回避本人承办的案卷）',
      body: ZReviewRoundCreateSchema,
      response: { 201: ZReviewRoundSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await reviews.createRound(request.ctx, request.body)),
  });
  r.get('/api/case-reviews/:id', {
    config: { access: 'case.file_review' },
    schema: { tags, summary: '评查活动详情：案卷、评查人员、得分', params: ZIdParams, response: { 200: ZReviewRoundSchema } },
    handler: (request) => reviews.round(request.ctx, request.params.id),
  });
  r.get('/api/case-reviews/:id/report', {
    config: { access: 'case.file_review' },
    schema: { tags, summary: '评查报告：各办案机关得分、各项平均分、典型问题', params: ZIdParams, response: { 200: ZReviewReportSchema } },
    handler: (request) => reviews.report(request.ctx, request.params.id),
  });
  r.post('/api/case-reviews/:id/files/:caseId', {
    config: { access: 'case.file_review' },
    schema: {
      tags,
      summary: '对案卷逐项评分（立案、证据、程序、法律适用、文书、自由裁量）并登记问题',
      params: ZFileParams,
      body: ZReviewScoreSchema,
      response: { 200: ZReviewRoundSchema },
    },
    handler: (request) => reviews.score(request.ctx, request.params.id, request.params.caseId, request.body),
  });
  r.get('/api/case-review-tasks', {
    config: { access: 'case.read' },
    schema: {
      tags,
      summary: '评查发现问题的整改任务（本辖区）',
      querystring: ZReviewProblemQuerySchema,
      response: { 200: z.array(ZReviewProblemSchema) },
    },
    handler: (request) => reviews.correctionTasks(request.ctx, request.query),
  });
  r.post('/api/case-review-tasks/:id/resolve', {
    config: { access: 'case.handle' },
    schema: {
      tags,
      summary: '整改任务完成',
      params: ZIdParams,
      response: { 200: z.object({ id: z.number().int(), resolvedAt: z.string() }) },
    },
    handler: (request) => reviews.resolveTask(request.ctx, request.params.id),
  });
}
