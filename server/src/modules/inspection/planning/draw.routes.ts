import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZDrawCommitSchema, ZDrawDetailSchema, ZDrawInputsSchema, ZDrawSchema, ZRedrawSchema, ZVerifyResultSchema } from '@yingji/domain';
import type { TDrawService } from './draw.service';

const ZIdParams = z.object({ id: z.coerce.number().int().positive('编号必须是正整数') });
const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
const tags = ['inspection'];

export function drawRoutes(app: FastifyInstance, { draws }: { draws: TDrawService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/inspection-plans/:id/draws', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '计划的抽取批次（含已作废的）', params: ZIdParams, response: { 200: z.array(ZDrawSchema) } },
    handler: (request) => draws.listOfPlan(request.ctx, request.params.id),
  });

  r.post('/api/inspection-plans/:id/draws', {
    config: { access: 'inspection.plan' },
    schema: {
      tags,
      summary: '第一步 生成承诺：冻结候选企业与执法人员名录，公布种子的 SHA-256 与名录哈希',
      params: ZIdParams,
      body: ZDrawCommitSchema,
      response: { 201: ZDrawSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await draws.commit(request.ctx, request.params.id, request.body.label)),
  });

  r.get('/api/draws/:id', {
    config: { access: 'inspection.read' },
    schema: {
      tags,
      summary: '抽取详情与抽中企业（分页）',
      params: ZIdParams,
      querystring: ZPageQuery,
      response: { 200: ZDrawDetailSchema },
    },
    handler: (request) => draws.detail(request.ctx, request.params.id, request.query.page, request.query.pageSize),
  });

  r.post('/api/draws/:id/execute', {
    config: { access: 'inspection.plan' },
    schema: {
      tags,
      summary: '第二步 执行抽取：按冻结的名录抽取企业和执法人员，公开种子',
      params: ZIdParams,
      response: { 200: ZDrawSchema },
    },
    handler: (request) => draws.execute(request.ctx, request.params.id),
  });

  r.post('/api/draws/:id/publish', {
    config: { access: 'inspection.plan' },
    schema: { tags, summary: '向社会公开抽取结果', params: ZIdParams, response: { 200: ZDrawSchema } },
    handler: (request) => draws.publish(request.ctx, request.params.id),
  });

  r.post('/api/draws/:id/redraw', {
    config: { access: 'inspection.plan' },
    schema: {
      tags,
      summary: '重新抽取（须填写原因；原抽取作废但保留）',
      params: ZIdParams,
      body: ZRedrawSchema,
      response: { 201: ZDrawSchema },
    },
    handler: async (request, reply) => reply.status(201).send(await draws.redraw(request.ctx, request.params.id, request.body.reason)),
  });

  r.get('/api/draws/:id/inputs', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '冻结的抽取输入（JSON，可自行复算）', params: ZIdParams, response: { 200: ZDrawInputsSchema } },
    handler: (request) => draws.inputs(request.ctx, request.params.id),
  });

  r.get('/api/draws/:id/verify', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '服务器端复算验证', params: ZIdParams, response: { 200: ZVerifyResultSchema } },
    handler: async (request) => {
      const v = await draws.verifyInScope(request.ctx, request.params.id);
      return v.ok ? { ok: true, problem: null, targets: v.targets } : { ok: false, problem: v.problem, targets: 0 };
    },
  });
}
