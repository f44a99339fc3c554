/** 双随机一公开: the public pages' endpoints, readable without logging in. */
import { z } from 'zod';
import { defineEndpoint, ZIdParamsSchema } from '../shared/contract';
import { ZDrawInputsSchema, ZPublicDrawDetailSchema, ZPublicDrawPageSchema } from './draw.schema';
import { ZDrawPageQuerySchema } from './planning.contract';

const tags = ['public'] as const;

export const publicDrawEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/public/draws',
    access: 'public',
    summary: '公开的双随机抽取（承诺值、名录哈希，公开后含种子）',
    tags,
    query: ZDrawPageQuerySchema.extend({
      pageSize: z.coerce.number().int().min(1).max(100).default(20),
      /** Plan title, town, or (published draws only) a drawn firm's name or town. */
      q: z.string().trim().max(50, '查找内容不能超过 50 个字').optional(),
    }),
    response: ZPublicDrawPageSchema,
  }),
  detail: defineEndpoint({
    method: 'GET',
    path: '/api/public/draws/:id',
    access: 'public',
    summary: '公开的抽取结果与检查结果',
    tags,
    params: ZIdParamsSchema,
    query: ZDrawPageQuerySchema,
    response: ZPublicDrawDetailSchema,
  }),
  inputs: defineEndpoint({
    method: 'GET',
    path: '/api/public/draws/:id/inputs',
    access: 'public',
    summary: '公开抽取的冻结输入（JSON），用于在浏览器或命令行复算',
    tags,
    params: ZIdParamsSchema,
    response: ZDrawInputsSchema,
  }),
};
