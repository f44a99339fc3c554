import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, can, type TPermission } from '@yingji/domain';
import type { TRequestContext } from '../shared/context';
import type { TAuthService, TSession } from '../modules/org/auth.service';

export const SESSION_COOKIE = 'yingji_session';

/** What a route needs: a permission from the policy table, any logged-in user, or nothing (public). */
export type TRouteAccess = TPermission | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: TRouteAccess;
    /** Reachable while the password must be changed (me, logout, change-password). */
    allowWhenPasswordExpired?: boolean;
  }
  interface FastifyRequest {
    session: TSession | null;
    ctx: TRequestContext;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The registered routes with their access rule, for the route-walk test and the docs. */
export interface TRouteEntry {
  method: string;
  url: string;
  access: TRouteAccess;
}

/**
 * Deny by default: every /api route must declare its access, or the server refuses to start; every request
 * is checked against the policy table before its handler runs.
 */
export function registerAuth(app: FastifyInstance, auth: TAuthService, routes: TRouteEntry[]): void {
  app.decorateRequest('session', null);
  app.decorateRequest('ctx', null as unknown as TRequestContext);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.ctx = { actor: null, clientAddress: request.ip };
    if (!request.url.startsWith('/api')) return;
    if (MUTATING.has(request.method)) checkOrigin(request);
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.session = await auth.resolve(token);
      if (request.session) request.ctx = { actor: request.session.actor, clientAddress: request.ip };
      else void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    const config = request.routeOptions.config;
    const access = config?.access;
    if (access === undefined) return; // not a registered route: the 404 handler answers
    if (access === 'public') return;
    const session = request.session;
    if (!session) throw new AppError('unauthenticated', '请先登录');
    if ((session.mustChangePassword || session.passwordExpired) && !config.allowWhenPasswordExpired) {
      throw new AppError(
        'password_expired',
        session.mustChangePassword ? '首次登录或密码被重置后，必须先修改密码' : '密码已过期，请先修改密码',
      );
    }
    if (access !== 'authenticated' && !can(session.actor.role, access)) {
      throw new AppError('forbidden', '没有此项操作的权限');
    }
  });
}

/**
 * Cross-site request forgery guard: a state-changing request must come from our own origin. Browsers send
 * Origin on every POST/PUT/PATCH/DELETE; a request without it, or from another site, is refused.
 */
function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  // request.host honours X-Forwarded-Host only when YINGJI_TRUST_PROXY is set; parsing drops a default port.
  const ownHost = new URL(`${request.protocol}://${request.host}`).host;
  if (!origin) throw new AppError('forbidden', '请求缺少 Origin 头，已拒绝（防跨站请求伪造）');
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError('forbidden', '请求的 Origin 头无效，已拒绝');
  }
  if (originHost !== ownHost) throw new AppError('forbidden', '请求来自其他站点，已拒绝（防跨站请求伪造）');
}
