import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client';
import type { TClock } from '../shared/context';
import { createAuditService } from './audit/audit.service';
import { auditRoutes } from './audit/audit.routes';
import { createEnterpriseService } from './enterprise/enterprise.service';
import { createEnterpriseExport } from './enterprise/enterprise-export';
import { createEnterpriseImportService } from './enterprise/enterprise-import.service';
import { enterpriseImportRoutes } from './enterprise/enterprise-import.routes';
import { createEnterpriseTransferService } from './enterprise/enterprise-transfer.service';
import { enterpriseRoutes } from './enterprise/enterprise.routes';
import { createAuthService } from './org/auth.service';
import { authRoutes } from './org/auth.routes';
import { createUsersService } from './org/users.service';
import { usersRoutes } from './org/users.routes';
import { createInspectionDocumentService } from './inspection/inspection-document.service';
import { inspectionDocumentRoutes } from './inspection/inspection-document.routes';
import { createPlanProgressService } from './inspection/progress.service';
import { planProgressRoutes } from './inspection/progress.routes';
import { createReportExport } from './inspection/stats.export';
import { createInspectionStatsService } from './inspection/stats.service';
import { inspectionStatsRoutes } from './inspection/stats.routes';
import { createSettingsService } from './settings/settings.service';
import { settingsRoutes } from './settings/settings.routes';

export interface TServiceOptions {
  db: Db;
  clock: TClock;
  /** Where uploaded files are kept (imports now, attachments later). */
  filesDir?: string;
}

/** The module index: every service wired by name, and every module's routes. One line per module. */
export function createServices({ db, clock, filesDir = path.join(os.tmpdir(), 'yingji-files') }: TServiceOptions) {
  const audit = createAuditService({ clock });
  const settings = createSettingsService({ db, audit, clock });
  const users = createUsersService({ db, audit, clock });
  const auth = createAuthService({ db, audit, settings, users, clock });
  const enterprises = createEnterpriseService({ db, audit, settings, clock });
  const transfers = createEnterpriseTransferService({ db, audit, enterprises, clock });
  const imports = createEnterpriseImportService({ db, audit, settings, clock, filesDir });
  const exporter = createEnterpriseExport({ db, audit, clock });
  const inspectionReports = {
    progress: createPlanProgressService({ db, settings, clock }),
    stats: createInspectionStatsService({ db, clock }),
    exporter: createReportExport({ db, audit, clock }),
    documents: createInspectionDocumentService({ db, filesDir }),
  };
  const routes: ((app: FastifyInstance) => void)[] = [
    (app) => authRoutes(app, { auth }),
    (app) => usersRoutes(app, { users }),
    (app) => auditRoutes(app, { db, audit }),
    (app) => settingsRoutes(app, { settings }),
    (app) => enterpriseRoutes(app, { enterprises, transfers, exporter }),
    (app) => enterpriseImportRoutes(app, { imports }),
    (app) => planProgressRoutes(app, inspectionReports),
    (app) => inspectionStatsRoutes(app, inspectionReports),
    (app) => inspectionDocumentRoutes(app, inspectionReports),
  ];
  return { db, audit, settings, users, auth, enterprises, transfers, imports, exporter, inspectionReports, routes };
}
export type TServices = ReturnType<typeof createServices>;
