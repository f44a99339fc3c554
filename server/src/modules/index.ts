import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client';
import type { TClock } from '../shared/context';
import { createAuditService } from './audit/audit.service';
import { auditRoutes } from './audit/audit.routes';
import { createAuthService } from './org/auth.service';
import { authRoutes } from './org/auth.routes';
import { createUsersService } from './org/users.service';
import { usersRoutes } from './org/users.routes';
import { createSettingsService } from './settings/settings.service';
import { settingsRoutes } from './settings/settings.routes';

/** The module index: every service wired by name, and every module's routes. One line per module. */
export function createServices({ db, clock }: { db: Db; clock: TClock }) {
  const audit = createAuditService({ clock });
  const settings = createSettingsService({ db, audit, clock });
  const users = createUsersService({ db, audit, clock });
  const auth = createAuthService({ db, audit, settings, users, clock });
  const routes: ((app: FastifyInstance) => void)[] = [
    (app) => authRoutes(app, { auth }),
    (app) => usersRoutes(app, { users }),
    (app) => auditRoutes(app, { db, audit }),
    (app) => settingsRoutes(app, { settings }),
  ];
  return { db, audit, settings, users, auth, routes };
}
export type TServices = ReturnType<typeof createServices>;
