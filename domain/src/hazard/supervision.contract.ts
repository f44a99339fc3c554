/** 挂牌督办 endpoints: the list, listing a hazard or a town, its page, its records and lifting. */
import { z } from 'zod';
import { defineEndpoint, ZIdParamsSchema } from '../shared/contract';
import {
  ZSupervisionActionCreateSchema,
  ZSupervisionCreateSchema,
  ZSupervisionLiftSchema,
  ZSupervisionListQuerySchema,
  ZSupervisionSchema,
} from './supervision.schema';

const tags = ['hazard'] as const;

export const supervisionEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/supervisions',
    access: 'hazard.stats',
    summary: '挂牌督办（重大隐患、镇街；督办中或已摘牌；逾期由督办期限推算）',
    tags,
    query: ZSupervisionListQuerySchema,
    response: z.object({ items: z.array(ZSupervisionSchema), total: z.number() }),
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/supervisions',
    access: 'hazard.supervise',
    summary: '挂牌督办一项未销号的重大隐患或一个镇街',
    tags,
    body: ZSupervisionCreateSchema,
    response: ZSupervisionSchema,
    status: 201,
  }),
  detail: defineEndpoint({
    method: 'GET',
    path: '/api/supervisions/:id',
    access: 'hazard.stats',
    summary: '挂牌督办详情：约谈、提醒函、复产申请与现场审查记录，能否摘牌',
    tags,
    params: ZIdParamsSchema,
    response: ZSupervisionSchema,
  }),
  addAction: defineEndpoint({
    method: 'POST',
    path: '/api/supervisions/:id/actions',
    access: 'hazard.supervise',
    summary: '登记约谈、提醒函、复产申请或复产现场审查',
    tags,
    params: ZIdParamsSchema,
    body: ZSupervisionActionCreateSchema,
    response: ZSupervisionSchema,
    status: 201,
  }),
  lift: defineEndpoint({
    method: 'POST',
    path: '/api/supervisions/:id/lift',
    access: 'hazard.supervise',
    summary: '摘牌（督办的重大隐患销号后）',
    tags,
    params: ZIdParamsSchema,
    body: ZSupervisionLiftSchema,
    response: ZSupervisionSchema,
  }),
};
