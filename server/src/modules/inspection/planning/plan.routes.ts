import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZPlanCreateSchema,
  ZPlanDetailSchema,
  ZPlanListQuerySchema,
  ZPlanPageSchema,
  ZPlanSchema,
  ZPlanUpdateSchema,
} from '@yingji/domain';
import type { TPlanService } from './plan.service';

const ZIdParams = z.object({ id: z.coerce.number().int().positive('编号必须是正整数') });
const tags = ['inspection'];

export function planRoutes(app: FastifyInstance, { plans }: { plans: TPlanService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/inspection-plans', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '年度监督检查计划（本单位）', querystring: ZPlanListQuerySchema, response: { 200: ZPlanPageSchema } },
    handler: (request) => plans.list(request.ctx, request.query),
  });

  r.get('/api/inspection-plans/:id', {
    config: { access: 'inspection.read' },
    schema: {
      tags,
      summary: '计划详情：各等级名录数、按比例的检查户次、与频次设置的对照',
      params: ZIdParams,
      response: { 200: ZPlanDetailSchema },
    },
    handler: (request) => plans.detail(request.ctx, request.params.id),
  });

  r.post('/api/inspection-plans', {
    config: { access: 'inspection.plan' },
    schema: { tags, summary: '起草年度检查计划', body: ZPlanCreateSchema, response: { 201: ZPlanSchema } },
    handler: async (request, reply) => reply.status(201).send(await plans.create(request.ctx, request.body)),
  });

  r.patch('/api/inspection-plans/:id', {
    config: { access: 'inspection.plan' },
    schema: { tags, summary: '修改草稿计划', params: ZIdParams, body: ZPlanUpdateSchema, response: { 200: ZPlanSchema } },
    handler: (request) => plans.update(request.ctx, request.params.id, request.body),
  });

  r.post('/api/inspection-plans/:id/approve', {
    config: { access: 'inspection.plan' },
    schema: { tags, summary: '审批计划（须由起草人以外的人员）', params: ZIdParams, response: { 200: ZPlanSchema } },
    handler: (request) => plans.approve(request.ctx, request.params.id),
  });
}
