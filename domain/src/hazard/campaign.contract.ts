/** 专项行动 endpoints: the list with its figures, a new campaign, a change. */
import { z } from 'zod';
import { defineEndpoint, ZIdParamsSchema } from '../shared/contract';
import { ZCampaignCreateSchema, ZCampaignSchema } from './campaign.schema';

const tags = ['hazard'] as const;

export const campaignEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/campaigns',
    access: 'hazard.read',
    summary: '专项行动及其数据（期间内检查家次、标记的隐患数与已销号数）',
    tags,
    response: z.array(ZCampaignSchema),
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/campaigns',
    access: 'hazard.campaign',
    summary: '新建专项行动（市局或镇街）',
    tags,
    body: ZCampaignCreateSchema,
    response: ZCampaignSchema,
    status: 201,
  }),
  update: defineEndpoint({
    method: 'PUT',
    path: '/api/campaigns/:id',
    access: 'hazard.campaign',
    summary: '修改专项行动',
    tags,
    params: ZIdParamsSchema,
    body: ZCampaignCreateSchema,
    response: ZCampaignSchema,
  }),
};
