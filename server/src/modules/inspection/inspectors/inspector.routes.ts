import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZConflictCreateSchema,
  ZConflictSchema,
  ZInspectorCandidateSchema,
  ZInspectorCreateSchema,
  ZInspectorListQuerySchema,
  ZInspectorPageSchema,
  ZInspectorSchema,
  ZInspectorUpdateSchema,
} from '@yingji/domain';
import type { TInspectorService } from './inspector.service';

const ZIdParams = z.object({ id: z.coerce.number().int().positive('编号必须是正整数') });
const ZConflictParams = ZIdParams.extend({ enterpriseId: z.coerce.number().int().positive('企业编号必须是正整数') });
const tags = ['inspection'];

export function inspectorRoutes(app: FastifyInstance, { inspectors }: { inspectors: TInspectorService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/inspectors', {
    config: { access: 'inspection.inspectors' },
    schema: {
      tags,
      summary: '执法人员名录（证件状态、在岗、关键词）',
      querystring: ZInspectorListQuerySchema,
      response: { 200: ZInspectorPageSchema },
    },
    handler: (request) => inspectors.list(request.ctx, request.query),
  });

  r.get('/api/inspectors/export', {
    config: { access: 'inspection.inspectors' },
    schema: { tags, summary: '导出执法人员名录（Excel）', querystring: ZInspectorListQuerySchema.omit({ page: true, pageSize: true }) },
    handler: async (request, reply) => {
      const { buffer, fileName } = await inspectors.exportXlsx(request.ctx, request.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="inspectors.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  });

  r.get('/api/inspectors/candidates', {
    config: { access: 'inspection.inspectors' },
    schema: { tags, summary: '可列入名录的执法人员账号', response: { 200: z.array(ZInspectorCandidateSchema) } },
    handler: (request) => inspectors.candidates(request.ctx),
  });

  r.post('/api/inspectors', {
    config: { access: 'inspection.inspectors' },
    schema: { tags, summary: '把执法人员列入名录（执法证号、有效期）', body: ZInspectorCreateSchema, response: { 201: ZInspectorSchema } },
    handler: async (request, reply) => reply.status(201).send(await inspectors.create(request.ctx, request.body)),
  });

  r.patch('/api/inspectors/:id', {
    config: { access: 'inspection.inspectors' },
    schema: {
      tags,
      summary: '修改执法证信息或在岗状态',
      params: ZIdParams,
      body: ZInspectorUpdateSchema,
      response: { 200: ZInspectorSchema },
    },
    handler: (request) => inspectors.update(request.ctx, request.params.id, request.body),
  });

  r.get('/api/inspectors/:id/conflicts', {
    config: { access: 'inspection.inspectors' },
    schema: { tags, summary: '执法人员登记的回避企业', params: ZIdParams, response: { 200: z.array(ZConflictSchema) } },
    handler: (request) => inspectors.conflicts(request.ctx, request.params.id),
  });

  r.post('/api/inspectors/:id/conflicts', {
    config: { access: 'inspection.inspectors' },
    schema: {
      tags,
      summary: '登记回避（利害关系企业）',
      params: ZIdParams,
      body: ZConflictCreateSchema,
      response: { 201: z.array(ZConflictSchema) },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await inspectors.declareConflict(request.ctx, request.params.id, request.body)),
  });

  r.delete('/api/inspectors/:id/conflicts/:enterpriseId', {
    config: { access: 'inspection.inspectors' },
    schema: { tags, summary: '撤销回避登记', params: ZConflictParams, response: { 200: z.array(ZConflictSchema) } },
    handler: (request) => inspectors.withdrawConflict(request.ctx, request.params.id, request.params.enterpriseId),
  });
}
