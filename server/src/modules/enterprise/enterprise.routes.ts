import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZEnterpriseCreateSchema,
  ZEnterpriseDetailSchema,
  ZEnterpriseListQuerySchema,
  ZEnterprisePageSchema,
  ZEnterpriseSchema,
  ZEnterpriseUpdateSchema,
  ZObligationAlertSchema,
  ZStatusChangeSchema,
  ZTransferDecisionSchema,
  ZTransferRequestSchema,
  ZTransferSchema,
  ZIdParamsSchema,
} from '@yingji/domain';
import type { TEnterpriseService } from './enterprise.service';
import type { TEnterpriseTransferService } from './enterprise-transfer.service';
import type { TEnterpriseExport } from './enterprise-export';
import { iso } from '../../shared/iso';
import { contentDisposition } from '../../kit/ledger-export';

const ZIdParams = ZIdParamsSchema;
const tags = ['enterprise'];

export function enterpriseRoutes(
  app: FastifyInstance,
  {
    enterprises,
    transfers,
    exporter,
  }: { enterprises: TEnterpriseService; transfers: TEnterpriseTransferService; exporter: TEnterpriseExport },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/enterprises', {
    config: { access: 'enterprise.read' },
    schema: {
      tags,
      summary: '企业台账（筛选、关键词、排序、分页）',
      querystring: ZEnterpriseListQuerySchema,
      response: { 200: ZEnterprisePageSchema },
    },
    handler: (request) => enterprises.list(request.ctx, request.query),
  });

  r.get('/api/enterprises/export', {
    config: { access: 'enterprise.read' },
    schema: {
      tags,
      summary: '导出筛选后的企业台账（Excel）',
      querystring: ZEnterpriseListQuerySchema.omit({ page: true, pageSize: true }),
    },
    handler: async (request, reply) => {
      const { stream, fileName } = await exporter.exportXlsx(request.ctx, request.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('enterprises.xlsx', fileName))
        .send(stream);
    },
  });

  r.get('/api/enterprises/alerts', {
    config: { access: 'enterprise.alerts' },
    schema: {
      tags,
      summary: '注销、吊销或失踪但仍有未了义务的企业（防范注销逃避处罚）',
      response: { 200: z.array(ZObligationAlertSchema) },
    },
    handler: (request) => enterprises.deregistrationAlerts(request.ctx),
  });

  r.get('/api/enterprises/:id', {
    config: { access: 'enterprise.read' },
    schema: {
      tags,
      summary: '企业详情：档案、许可证、监管主体、时间线、变更记录',
      params: ZIdParams,
      response: { 200: ZEnterpriseDetailSchema },
    },
    handler: (request) => enterprises.detail(request.ctx, request.params.id),
  });

  r.post('/api/enterprises', {
    config: { access: 'enterprise.manage' },
    schema: { tags, summary: '新增企业（须填写原因）', body: ZEnterpriseCreateSchema, response: { 201: ZEnterpriseSchema } },
    handler: async (request, reply) => reply.status(201).send(await enterprises.create(request.ctx, request.body)),
  });

  r.patch('/api/enterprises/:id', {
    config: { access: 'enterprise.manage' },
    schema: {
      tags,
      summary: '修改企业信息（须填写原因）',
      params: ZIdParams,
      body: ZEnterpriseUpdateSchema,
      response: { 200: ZEnterpriseSchema },
    },
    handler: (request) => enterprises.update(request.ctx, request.params.id, request.body),
  });

  r.post('/api/enterprises/:id/status', {
    config: { access: 'enterprise.manage' },
    schema: {
      tags,
      summary: '变更监管状态：在管、待核实、移出（须填写原因）',
      params: ZIdParams,
      body: ZStatusChangeSchema,
      response: { 200: ZEnterpriseSchema },
    },
    handler: (request) => enterprises.setStatus(request.ctx, request.params.id, request.body.status, request.body.reason),
  });

  r.post('/api/enterprises/:id/transfers', {
    config: { access: 'enterprise.manage' },
    schema: {
      tags,
      summary: '申请属地变更（接收镇街或市局同意后生效）',
      params: ZIdParams,
      body: ZTransferRequestSchema,
      response: { 201: ZTransferSchema },
    },
    handler: async (request, reply) => {
      const t = await transfers.request(request.ctx, request.params.id, request.body);
      return reply.status(201).send({ ...t, requestedAt: iso(t.requestedAt)!, decidedAt: iso(t.decidedAt) });
    },
  });

  r.get('/api/enterprise-transfers', {
    config: { access: 'enterprise.read' },
    schema: {
      tags,
      summary: '属地变更申请（本辖区转入或转出）',
      querystring: z.object({ status: z.enum(['pending', 'accepted', 'rejected']).optional() }),
      response: { 200: z.array(ZTransferSchema) },
    },
    handler: async (request) =>
      (await transfers.list(request.ctx, request.query.status)).map((t) => ({
        ...t,
        requestedAt: iso(t.requestedAt)!,
        decidedAt: iso(t.decidedAt),
      })),
  });

  r.post('/api/enterprise-transfers/:id/decision', {
    config: { access: 'enterprise.manage' },
    schema: {
      tags,
      summary: '接收或退回属地变更申请',
      params: ZIdParams,
      body: ZTransferDecisionSchema,
      response: { 200: ZTransferSchema },
    },
    handler: async (request) => {
      const t = await transfers.decide(request.ctx, request.params.id, request.body);
      return { ...t, requestedAt: iso(t.requestedAt)!, decidedAt: iso(t.decidedAt) };
    },
  });
}
