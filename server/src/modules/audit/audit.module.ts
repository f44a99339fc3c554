import { defineModule } from '../../kit/module';
import { auditRoutes } from './audit.routes';

declare module '../../kit/module' {
  interface TModuleApis {
    audit: Record<string, never>;
  }
}

/** The audit log's pages; the log itself is part of the core every module is given. */
export const auditModule = defineModule({
  name: 'audit',
  title: '审计日志',
  permissions: ['audit.read'],
  create: () => ({}),
  routes: (_api, core) => auditRoutes(core),
});
