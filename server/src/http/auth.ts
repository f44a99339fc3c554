import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, can, type TPermission } from '@yingji/domain';
import type { TRequestContext } from '../shared/context';
import type { TAuthService, TSession } from '../modules/org/auth.service';
import type { TRateLimit } from '../shared/rate-limit';

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
  /** Reachable while the password must be changed. */
  allowWhenPasswordExpired?: boolean;
}

/** True for a path under /api, in any letter case: used only to pick the JSON 404 over the web app's page. */
export const isApiPath = (path: string): boolean => /^\/api(\/|$)/i.test(path);

/**
 * Why a request path is refused before routing, or null when it is in canonical form.
 *
 * The router percent-decodes the path and matches empty parameters, so a path that is not written the one
 * way we write our routes could reach a route while reading like something else (`/%61pi/settings` is
 * routed to `/api/settings`). The access gate decides on the matched route, never on this text; refusing
 * odd spellings as well means no proxy, log reader or future check can be fooled by one. The policy, in
 * full, on the raw path (before `?` or `#`):
 * - it starts with `/`: the absolute form (`GET http://host/api/...`), meant for proxies, is refused;
 * - no percent-escape of an ASCII character (`%61`, `%2e`, `%2f`, `%25` …): only non-ASCII bytes, such as
 *   Chinese text, are ever escaped by a browser, and none of our routes or parameters needs one;
 * - no empty segment: no `//` anywhere and no trailing `/` (except the root `/`);
 * - no `.` or `..` segment.
 * Letter case is left to the router, which is case-sensitive: `/API/settings` matches no route and gets
 * the 404.
 */
export function pathProblem(url: string): string | null {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  if (path === '/') return null;
  if (!path.startsWith('/')) return '请求路径必须以 / 开头，已拒绝';
  for (const escape of path.matchAll(/%([0-9a-fA-F]{2})/g)) {
    if (parseInt(escape[1]!, 16) < 0x80) return '请求路径中含有不必要的百分号编码字符，已拒绝';
  }
  const segments = path.split('/').slice(1);
  if (segments.some((s) => s === '')) return '请求路径中含有空的路径段（如 // 或结尾的 /），已拒绝';
  if (segments.some((s) => s === '.' || s === '..')) return '请求路径中含有 . 或 .. 路径段，已拒绝';
  return null;
}

/**
 * Deny by default: every /api route must declare its access, or the server refuses to start; every request
 * is checked against the policy table before its handler runs. Every decision is taken on the route the
 * router matched (its config), never on the request's URL text.
 */
export function registerAuth(app: FastifyInstance, auth: TAuthService, routes: TRouteEntry[], publicLimit?: TRateLimit): void {
  app.decorateRequest('session', null);
  app.decorateRequest('ctx', null as unknown as TRequestContext);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!isApiPath(route.url) && access === undefined) return; // the web app's static files
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    const allowWhenPasswordExpired = route.config?.allowWhenPasswordExpired === true;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        routes.push({ method, url: route.url, access, ...(allowWhenPasswordExpired ? { allowWhenPasswordExpired } : {}) });
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.ctx = { actor: null, clientAddress: request.ip };
    const problem = pathProblem(request.url);
    if (problem) throw new AppError('invalid', problem);
    const config = request.routeOptions.config;
    const access = config?.access;
    // No access rule: no route matched (the 404 handler answers) or one of the web app's static files.
    if (access === undefined) return;
    // A machine client on a public route with an X-Api-Key header (camera platforms) sends no Origin: a page on another
    // site cannot set that header without a CORS preflight, which this server never grants.
    const apiKeyClient = access === 'public' && request.headers['x-api-key'] !== undefined;
    if (MUTATING.has(request.method) && !apiKeyClient) checkOrigin(request);
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.session = await auth.resolve(token);
      if (request.session) request.ctx = { actor: request.session.actor, clientAddress: request.ip };
      else void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    if (access === 'public') {
      // Anonymous readers of the public pages (draw results, the progress report) share the server with the bureau: an
      // address past its rate waits. Signed-in users and camera platforms (their key is checked by the route) do not.
      if (publicLimit && !request.session && !apiKeyClient) {
        const wait = publicLimit.take(request.ip, new Date());
        if (wait > 0) {
          void reply.header('retry-after', String(Math.ceil(wait / 1000)));
          throw new AppError('too_many_requests', `访问过于频繁，请 ${Math.ceil(wait / 1000)} 秒后再试`, {
            details: { retryAfterSeconds: Math.ceil(wait / 1000) },
          });
        }
      }
      return;
    }
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
