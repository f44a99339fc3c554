import { AppError, authEndpoints } from '@yingji/domain';
import { SESSION_COOKIE } from '../../http/auth';
import { handle, type TRouteBinding } from '../../kit/route';
import type { TAuthService } from './auth.service';

/** Sessions: login sets the HttpOnly SameSite=Strict cookie, logout clears it. */
export const authRoutes = (auth: TAuthService): TRouteBinding[] => [
  handle(authEndpoints.login, async ({ body, request, reply }) => {
    const { token, me } = await auth.login(body, request.ip);
    void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
    return me;
  }),
  handle(authEndpoints.logout, async ({ request, reply }) => {
    await auth.logout(sessionOf(request.session), request.ip);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }),
  handle(authEndpoints.me, ({ request }) => auth.me(sessionOf(request.session))),
  // The auth hook resolved the cookie (and cleared a stale one); nobody signed in is a 200 with null, not a 401.
  handle(authEndpoints.session, async ({ request }) => ({ me: request.session ? await auth.me(request.session) : null })),
  handle(authEndpoints.changePassword, ({ body, request }) => auth.changePassword(sessionOf(request.session), body, request.ip)),
];

/** The auth hook lets no request without a session reach these routes; this keeps it so if that ever changed. */
function sessionOf<T>(session: T | null): T {
  if (!session) throw new AppError('unauthenticated', '请先登录');
  return session;
}
