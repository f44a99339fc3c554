/** The org module's endpoints: sessions, users, departments and divisions. */
import { z } from 'zod';
import { defineEndpoint, ZIdParamsSchema } from '../shared/contract';
import {
  ZChangePasswordSchema,
  ZDepartmentCreateSchema,
  ZDepartmentSchema,
  ZDivisionHistorySchema,
  ZDivisionSchema,
  ZLoginSchema,
  ZMeSchema,
  ZOneTimePasswordSchema,
  ZUserCreateSchema,
  ZUserListQuerySchema,
  ZUserPageSchema,
  ZUserSchema,
  ZUserUpdateSchema,
} from './org.schema';

const auth = ['auth'] as const;
const org = ['org'] as const;

export const authEndpoints = {
  login: defineEndpoint({
    method: 'POST',
    path: '/api/auth/login',
    access: 'public',
    summary: '登录',
    tags: auth,
    body: ZLoginSchema,
    response: ZMeSchema,
  }),
  logout: defineEndpoint({
    method: 'POST',
    path: '/api/auth/logout',
    access: 'authenticated',
    allowWhenPasswordExpired: true,
    summary: '退出登录',
    tags: auth,
    status: 204,
  }),
  me: defineEndpoint({
    method: 'GET',
    path: '/api/auth/me',
    access: 'authenticated',
    allowWhenPasswordExpired: true,
    summary: '当前用户、权限与密码状态',
    tags: auth,
    response: ZMeSchema,
  }),
  session: defineEndpoint({
    method: 'GET',
    path: '/api/auth/session',
    // Public: answers whether this browser is signed in, so the login page asks without a failing 401.
    access: 'public',
    summary: '当前会话：已登录时为当前用户，未登录时为 null',
    tags: auth,
    response: z.object({ me: ZMeSchema.nullable() }),
  }),
  changePassword: defineEndpoint({
    method: 'POST',
    path: '/api/auth/change-password',
    access: 'authenticated',
    allowWhenPasswordExpired: true,
    summary: '修改本人密码',
    tags: auth,
    body: ZChangePasswordSchema,
    response: ZMeSchema,
  }),
};

export const userEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/users',
    access: 'user.read',
    summary: '用户列表（限本人管辖范围）',
    tags: org,
    query: ZUserListQuerySchema,
    response: ZUserPageSchema,
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/users',
    access: 'user.manage',
    summary: '新建用户（返回一次性密码）',
    tags: org,
    body: ZUserCreateSchema,
    response: ZOneTimePasswordSchema,
    status: 201,
  }),
  update: defineEndpoint({
    method: 'PATCH',
    path: '/api/users/:id',
    access: 'user.manage',
    summary: '修改用户（含停用、启用）',
    tags: org,
    params: ZIdParamsSchema,
    body: ZUserUpdateSchema,
    response: ZUserSchema,
  }),
  resetPassword: defineEndpoint({
    method: 'POST',
    path: '/api/users/:id/reset-password',
    access: 'user.manage',
    summary: '重置密码（返回一次性密码）',
    tags: org,
    params: ZIdParamsSchema,
    response: ZOneTimePasswordSchema,
  }),
};

export const departmentEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/departments',
    access: 'department.read',
    summary: '科室列表',
    tags: org,
    response: z.array(ZDepartmentSchema),
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/departments',
    access: 'department.manage',
    summary: '新建科室',
    tags: org,
    body: ZDepartmentCreateSchema,
    response: ZDepartmentSchema,
    status: 201,
  }),
};

export const divisionEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/divisions',
    access: 'division.read',
    summary: '行政区划（限本人管辖范围）',
    tags: org,
    response: z.array(ZDivisionSchema),
  }),
  cityTowns: defineEndpoint({
    method: 'GET',
    path: '/api/divisions/towns',
    access: 'division.read',
    summary: '本市全部镇街（名称为公开信息，供选择属地变更的目标镇街）',
    tags: org,
    response: z.array(ZDivisionSchema),
  }),
  history: defineEndpoint({
    method: 'GET',
    path: '/api/divisions/history',
    access: 'division.read',
    summary: '区划代码变更历史',
    tags: org,
    response: z.array(ZDivisionHistorySchema),
  }),
};
