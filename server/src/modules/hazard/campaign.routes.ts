import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCampaignCreateSchema, ZCampaignSchema, ZIdParamsSchema } from '@yingji/domain';
import type { TCampaignService } from './campaign.service';

const ZIdParams = ZIdParamsSchema;
const tags = ['hazard'];

export function campaignRoutes(app: FastifyInstance, { campaigns }: { campaigns: TCampaignService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/campaigns', {
    config: { access: 'hazard.read' },
    schema: { tags, summary: '专项行动及其数据（期间内检查家次、标记的隐患数与已销号数）', response: { 200: z.array(ZCampaignSchema) } },
    handler: (request) => campaigns.list(request.ctx),
  });

  r.post('/api/campaigns', {
    config: { access: 'hazard.campaign' },
    schema: { tags, summary: '新建专项行动（市局或镇街）', body: ZCampaignCreateSchema, response: { 201: ZCampaignSchema } },
    handler: async (request, reply) => reply.code(201).send(await campaigns.create(request.ctx, request.body)),
  });

  r.put('/api/campaigns/:id', {
    config: { access: 'hazard.campaign' },
    schema: { tags, summary: '修改专项行动', params: ZIdParams, body: ZCampaignCreateSchema, response: { 200: ZCampaignSchema } },
    handler: (request) => campaigns.update(request.ctx, request.params.id, request.body),
  });
}
