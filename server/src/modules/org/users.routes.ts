import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZDepartmentCreateSchema,
  ZDepartmentSchema,
  ZDivisionHistorySchema,
  ZDivisionSchema,
  ZOneTimePasswordSchema,
  ZUserCreateSchema,
  ZUserListQuerySchema,
  ZUserPageSchema,
  ZUserSchema,
  ZUserUpdateSchema,
  ZIdParamsSchema,
} from '@yingji/domain';
import type { TUsersService } from './users.service';

const ZIdParams = ZIdParamsSchema;

export function usersRoutes(app: FastifyInstance, { users }: { users: TUsersService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/users', {
    config: { access: 'user.read' },
    schema: { tags: ['org'], summary: '用户列表（限本人管辖范围）', querystring: ZUserListQuerySchema, response: { 200: ZUserPageSchema } },
    handler: (request) => users.list(request.ctx, request.query),
  });

  r.post('/api/users', {
    config: { access: 'user.manage' },
    schema: { tags: ['org'], summary: '新建用户（返回一次性密码）', body: ZUserCreateSchema, response: { 201: ZOneTimePasswordSchema } },
    handler: async (request, reply) => reply.status(201).send(await users.create(request.ctx, request.body)),
  });

  r.patch('/api/users/:id', {
    config: { access: 'user.manage' },
    schema: {
      tags: ['org'],
      summary: '修改用户（含停用、启用）',
      params: ZIdParams,
      body: ZUserUpdateSchema,
      response: { 200: ZUserSchema },
    },
    handler: (request) => users.update(request.ctx, request.params.id, request.body),
  });

  r.post('/api/users/:id/reset-password', {
    config: { access: 'user.manage' },
    schema: { tags: ['org'], summary: '重置密码（返回一次性密码）', params: ZIdParams, response: { 200: ZOneTimePasswordSchema } },
    handler: (request) => users.resetPassword(request.ctx, request.params.id),
  });

  r.get('/api/departments', {
    config: { access: 'department.read' },
    schema: { tags: ['org'], summary: '科室列表', response: { 200: z.array(ZDepartmentSchema) } },
    handler: (request) => users.listDepartments(request.ctx),
  });

  r.post('/api/departments', {
    config: { access: 'department.manage' },
    schema: { tags: ['org'], summary: '新建科室', body: ZDepartmentCreateSchema, response: { 201: ZDepartmentSchema } },
    handler: async (request, reply) => reply.status(201).send(await users.createDepartment(request.ctx, request.body)),
  });

  r.get('/api/divisions', {
    config: { access: 'division.read' },
    schema: { tags: ['org'], summary: '行政区划（限本人管辖范围）', response: { 200: z.array(ZDivisionSchema) } },
    handler: (request) => users.listDivisions(request.ctx),
  });

  r.get('/api/divisions/towns', {
    config: { access: 'division.read' },
    schema: {
      tags: ['org'],
      summary: '本市全部镇街（名称为公开信息，供选择属地变更的目标镇街）',
      response: { 200: z.array(ZDivisionSchema) },
    },
    handler: (request) => users.listCityTowns(request.ctx),
  });

  r.get('/api/divisions/history', {
    config: { access: 'division.read' },
    schema: { tags: ['org'], summary: '区划代码变更历史', response: { 200: z.array(ZDivisionHistorySchema) } },
    handler: (request) => users.listDivisionHistory(request.ctx),
  });
}
