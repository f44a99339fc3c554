import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZRiskDecisionSchema,
  ZRiskDistributionSchema,
  ZRiskEvaluationResultSchema,
  ZRiskExpiringQuerySchema,
  ZRiskExpiringSchema,
  ZRiskGradeSchema,
  ZRiskInitialGradeSchema,
  ZRiskManualEventSchema,
  ZRiskMapPointSchema,
  ZRiskPanelSchema,
  ZRiskProposalQuerySchema,
  ZRiskProposalSchema,
  ZIdParamsSchema,
} from '@yingji/domain';
import type { TRiskService } from './risk.service';
import type { TRiskViewsService } from './risk-views.service';

const ZIdParams = ZIdParamsSchema;
const tags = ['risk'];

export function riskRoutes(app: FastifyInstance, { risk, riskViews }: { risk: TRiskService; riskViews: TRiskViewsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/risk/enterprises/:id', {
    config: { access: 'risk.read' },
    schema: { tags, summary: '企业风险等级：当前等级、历史、事件、待审批建议', params: ZIdParams, response: { 200: ZRiskPanelSchema } },
    handler: (request) => risk.panel(request.ctx, request.params.id),
  });

  r.post('/api/risk/enterprises/:id/grade', {
    config: { access: 'risk.assess' },
    schema: {
      tags,
      summary: '人工初始定级（须填写原因）',
      params: ZIdParams,
      body: ZRiskInitialGradeSchema,
      response: { 200: ZRiskGradeSchema },
    },
    handler: (request) => risk.setInitialGrade(request.ctx, request.params.id, request.body),
  });

  r.post('/api/risk/enterprises/:id/events', {
    config: { access: 'risk.assess' },
    schema: {
      tags,
      summary: '登记拒不执行监管指令、事故或处罚（须填写情况），随即动态评估',
      params: ZIdParams,
      body: ZRiskManualEventSchema,
      response: { 201: z.object({ eventId: z.number().nullable(), recorded: z.boolean(), proposalId: z.number().nullable() }) },
    },
    handler: async (request, reply) => reply.status(201).send(await risk.recordManualEvent(request.ctx, request.params.id, request.body)),
  });

  r.get('/api/risk/proposals', {
    config: { access: 'risk.read' },
    schema: {
      tags,
      summary: '风险等级调整建议（默认待审批）',
      querystring: ZRiskProposalQuerySchema,
      response: { 200: z.object({ items: z.array(ZRiskProposalSchema), total: z.number() }) },
    },
    handler: (request) => risk.listProposals(request.ctx, request.query),
  });

  r.post('/api/risk/proposals/:id/decision', {
    config: { access: 'risk.decide' },
    schema: {
      tags,
      summary: '审批调整建议：同意则变更等级，不同意须填写理由',
      params: ZIdParams,
      body: ZRiskDecisionSchema,
      response: { 200: ZRiskProposalSchema },
    },
    handler: (request) => risk.decide(request.ctx, request.params.id, request.body),
  });

  r.post('/api/risk/evaluations', {
    config: { access: 'risk.decide' },
    schema: { tags, summary: '对辖区内已定级企业重新动态评估', response: { 200: ZRiskEvaluationResultSchema } },
    handler: (request) => risk.evaluateAll(request.ctx),
  });

  r.get('/api/risk/distribution', {
    config: { access: 'risk.read' },
    schema: { tags, summary: '风险等级分布：按镇街、按监管类别', response: { 200: ZRiskDistributionSchema } },
    handler: (request) => riskViews.distribution(request.ctx),
  });

  r.get('/api/risk/expiring', {
    config: { access: 'risk.read' },
    schema: { tags, summary: '评估即将到期或已过期的企业', querystring: ZRiskExpiringQuerySchema, response: { 200: ZRiskExpiringSchema } },
    handler: (request) => riskViews.expiring(request.ctx, request.query),
  });

  r.get('/api/risk/map', {
    config: { access: 'risk.read' },
    schema: { tags, summary: '风险分布图：有坐标的已定级企业', response: { 200: z.array(ZRiskMapPointSchema) } },
    handler: (request) => riskViews.mapPoints(request.ctx),
  });
}
