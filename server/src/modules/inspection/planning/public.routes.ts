import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZDrawInputsSchema, ZPublicDrawDetailSchema, ZPublicDrawPageSchema } from '@yingji/domain';
import type { TPublicationService } from './draw.publication';

const ZIdParams = z.object({ id: z.coerce.number().int().positive('编号必须是正整数') });
const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
const tags = ['public'];

/** 双随机一公开: readable without logging in; the service decides what is published. */
export function publicRoutes(app: FastifyInstance, { publication }: { publication: TPublicationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/public/draws', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '公开的双随机抽取（承诺值、名录哈希，公开后含种子）',
      querystring: ZPageQuery.extend({ pageSize: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: ZPublicDrawPageSchema },
    },
    handler: (request) => publication.list(request.query.page, request.query.pageSize),
  });

  r.get('/api/public/draws/:id', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '公开的抽取结果与检查结果',
      params: ZIdParams,
      querystring: ZPageQuery,
      response: { 200: ZPublicDrawDetailSchema },
    },
    handler: (request) => publication.detail(request.params.id, request.query.page, request.query.pageSize),
  });

  r.get('/api/public/draws/:id/inputs', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: '公开抽取的冻结输入（JSON），用于在浏览器或命令行复算',
      params: ZIdParams,
      response: { 200: ZDrawInputsSchema },
    },
    handler: (request) => publication.inputs(request.params.id),
  });
}
