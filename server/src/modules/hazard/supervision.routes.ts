import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZSupervisionActionCreateSchema,
  ZSupervisionCreateSchema,
  ZSupervisionLiftSchema,
  ZSupervisionListQuerySchema,
  ZSupervisionSchema,
  ZIdParamsSchema,
} from '@yingji/domain';
import type { TSupervisionService } from './supervision.service';

const ZIdParams = ZIdParamsSchema;
const tags = ['hazard'];

export function supervisionRoutes(app: FastifyInstance, { supervisions }: { supervisions: TSupervisionService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/supervisions', {
    config: { access: 'hazard.stats' },
    schema: {
      tags,
      summary: '挂牌督办（重大隐患、镇街；督办中或已摘牌；逾期由督办期限推算）',
      querystring: ZSupervisionListQuerySchema,
      response: { 200: z.object({ items: z.array(ZSupervisionSchema), total: z.number() }) },
    },
    handler: (request) => supervisions.list(request.ctx, request.query),
  });

  r.post('/api/supervisions', {
    config: { access: 'hazard.supervise' },
    schema: {
      tags,
      summary: '挂牌督办一项未销号的重大隐患或一个镇街',
      body: ZSupervisionCreateSchema,
      response: { 201: ZSupervisionSchema },
    },
    handler: async (request, reply) => reply.code(201).send(await supervisions.create(request.ctx, request.body)),
  });

  r.get('/api/supervisions/:id', {
    config: { access: 'hazard.stats' },
    schema: {
      tags,
      summary: '挂牌督办详情：约谈、提醒函、复产申请与现场审查记录，能否摘牌',
      params: ZIdParams,
      response: { 200: ZSupervisionSchema },
    },
    handler: (request) => supervisions.detail(request.ctx, request.params.id),
  });

  r.post('/api/supervisions/:id/actions', {
    config: { access: 'hazard.supervise' },
    schema: {
      tags,
      summary: '登记约谈、提醒函、复产申请或复产现场审查',
      params: ZIdParams,
      body: ZSupervisionActionCreateSchema,
      response: { 201: ZSupervisionSchema },
    },
    handler: async (request, reply) => reply.code(201).send(await supervisions.addAction(request.ctx, request.params.id, request.body)),
  });

  r.post('/api/supervisions/:id/lift', {
    config: { access: 'hazard.supervise' },
    schema: {
      tags,
      summary: '摘牌（督办的重大隐患销号后）',
      params: ZIdParams,
      body: ZSupervisionLiftSchema,
      response: { 200: ZSupervisionSchema },
    },
    handler: (request) => supervisions.lift(request.ctx, request.params.id, request.body),
  });
}
