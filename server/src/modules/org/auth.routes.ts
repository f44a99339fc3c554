import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ZChangePasswordSchema, ZLoginSchema, ZMeSchema } from '@yingji/domain';
import { SESSION_COOKIE } from '../../http/auth';
import type { TAuthService } from './auth.service';

export function authRoutes(app: FastifyInstance, { auth }: { auth: TAuthService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post('/api/auth/login', {
    config: { access: 'public' },
    schema: { tags, summary: '登录', body: ZLoginSchema, response: { 200: ZMeSchema } },
    handler: async (request, reply) => {
      const { token, me } = await auth.login(request.body, request.ip);
      void reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
      });
      return me;
    },
  });

  r.post('/api/auth/logout', {
    config: { access: 'authenticated', allowWhenPasswordExpired: true },
    schema: { tags, summary: '退出登录', response: { 204: z.null() } },
    handler: async (request, reply) => {
      await auth.logout(request.session!, request.ip);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  r.get('/api/auth/me', {
    config: { access: 'authenticated', allowWhenPasswordExpired: true },
    schema: { tags, summary: '当前用户、权限与密码状态', response: { 200: ZMeSchema } },
    handler: async (request) => auth.me(request.session!),
  });

  r.post('/api/auth/change-password', {
    config: { access: 'authenticated', allowWhenPasswordExpired: true },
    schema: { tags, summary: '修改本人密码', body: ZChangePasswordSchema, response: { 200: ZMeSchema } },
    handler: async (request) => {
      if (!request.session) throw new AppError('unauthenticated', '请先登录');
      return auth.changePassword(request.session, request.body, request.ip);
    },
  });
}
