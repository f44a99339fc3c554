import { defineModule } from '../../kit/module';
import { authRoutes } from './auth.routes';
import { createAuthService, type TAuthService } from './auth.service';
import { usersRoutes } from './users.routes';
import { createSessionCache, type TSessionCache } from './session-cache';
import { createUsersService, type TUsersService } from './users.service';

export interface TOrgApi {
  users: TUsersService;
  auth: TAuthService;
  /** Sessions resolved lately (session-cache.ts); the app sets how long they are kept. */
  sessions: TSessionCache;
}
declare module '../../kit/module' {
  interface TModuleApis {
    org: TOrgApi;
  }
}

/** Divisions, departments, users, roles and sessions. */
export const orgModule = defineModule({
  name: 'org',
  title: '组织与账号',
  permissions: ['user.read', 'user.manage', 'department.read', 'department.manage', 'division.read'],
  settings: ['passwordPolicy'],
  create: ({ db, audit, settings, clock }) => {
    const sessions = createSessionCache();
    const users = createUsersService({ db, audit, clock, sessions });
    return { users, sessions, auth: createAuthService({ db, audit, settings, users, clock, sessions }) };
  },
  routes: ({ users, auth }) => [...authRoutes(auth), ...usersRoutes(users)],
});
