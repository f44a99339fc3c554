import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client';
import type { TClock } from '../shared/context';
import { createAttachmentService } from './attachment/attachment.service';
import { attachmentRoutes } from './attachment/attachment.routes';
import { exportCatalogueXlsx } from './inspection/catalogue.export';
import { catalogueRoutes } from './inspection/catalogue.routes';
import { createCatalogueService } from './inspection/catalogue.service';
import { createFindingService } from './inspection/finding.service';
import { findingRoutes } from './inspection/finding.routes';
import { createInspectionRead } from './inspection/inspection.read';
import { inspectionRoutes } from './inspection/inspection.routes';
import { createInspectionService } from './inspection/inspection.service';
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
import { createRiskService } from './risk/risk.service';
import { createRiskImportService } from './risk/risk-import.service';
import { createRiskViewsService } from './risk/risk-views.service';
import { riskImportRoutes } from './risk/risk-import.routes';
import { riskRoutes } from './risk/risk.routes';
import { createInspectionDocumentService } from './inspection/inspection-document.service';
import { inspectionDocumentRoutes } from './inspection/inspection-document.routes';
import { createPlanProgressService } from './inspection/progress.service';
import { planProgressRoutes } from './inspection/progress.routes';
import { createReportExport } from './inspection/stats.export';
import { createInspectionStatsService } from './inspection/stats.service';
import { inspectionStatsRoutes } from './inspection/stats.routes';
import { createSettingsService } from './settings/settings.service';
import { createInspectorService } from './inspection/inspector.service';
import { inspectorRoutes } from './inspection/inspector.routes';
import { createPlanService } from './inspection/plan.service';
import { planRoutes } from './inspection/plan.routes';
import { createDrawService } from './inspection/draw.service';
import { drawRoutes } from './inspection/draw.routes';
import { createPublicationService } from './inspection/draw.publication';
import { publicRoutes } from './inspection/public.routes';
import { settingsRoutes } from './settings/settings.routes';
import { createHazardViews, hazardViewsRoutes } from './hazard/hazard-stats.routes';
import { createHazardService } from './hazard/hazard.service';
import { createHazardExport } from './hazard/hazard-export';
import { hazardRoutes } from './hazard/hazard.routes';
import { caseModuleRoutes, createCaseModule } from './case/case.module';

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
  const attachments = createAttachmentService({ db, audit, clock, filesDir });
  const catalogue = createCatalogueService({ db, audit, clock });
  const inspectionRead = createInspectionRead({ db, settings });
  const inspections = createInspectionService({ db, audit, settings, attachments, read: inspectionRead, clock });
  const findings = createFindingService({ db, audit, read: inspectionRead, clock });
  const inspectors = createInspectorService({ db, audit, clock });
  const plans = createPlanService({ db, audit, settings, clock });
  const draws = createDrawService({ db, audit, plans, clock });
  const publication = createPublicationService({ db, draws, settings, clock });
  const risk = createRiskService({ db, audit, settings, enterprises, clock });
  const riskViews = createRiskViewsService({ db, settings, clock });
  const riskImports = createRiskImportService({ db, audit, settings, clock, filesDir });
  const hazards = createHazardService({ db, audit, settings, attachments, enterprises, risk, clock });
  const inspectionReports = {
    progress: createPlanProgressService({ db, settings, clock }),
    stats: createInspectionStatsService({ db, clock }),
    exporter: createReportExport({ db, audit, clock }),
    documents: createInspectionDocumentService({ db, filesDir }),
  };
  const hazardViews = createHazardViews({ db, audit, settings, attachments, clock });
  const cases = createCaseModule({ db, audit, settings, attachments, enterprises, clock });
  const routes: ((app: FastifyInstance) => void)[] = [
    (app) => authRoutes(app, { auth }),
    (app) => usersRoutes(app, { users }),
    (app) => auditRoutes(app, { db, audit }),
    (app) => settingsRoutes(app, { settings }),
    (app) => enterpriseRoutes(app, { enterprises, transfers, exporter }),
    (app) => enterpriseImportRoutes(app, { imports }),
    (app) => attachmentRoutes(app, { attachments }),
    (app) => catalogueRoutes(app, { catalogue, exportXlsx: (ctx, q) => exportCatalogueXlsx({ db, audit, clock }, ctx, q) }),
    (app) => inspectionRoutes(app, { inspections, read: inspectionRead, findings }),
    (app) => findingRoutes(app, { findings }),
    (app) => inspectorRoutes(app, { inspectors }),
    (app) => planRoutes(app, { plans }),
    (app) => drawRoutes(app, { draws }),
    (app) => publicRoutes(app, { publication }),
    // After the enterprise import: the assessment upload uses the octet-stream parser it registers.
    (app) => riskRoutes(app, { risk, riskViews }),
    (app) => riskImportRoutes(app, { riskImports }),
    (app) => planProgressRoutes(app, inspectionReports),
    (app) => inspectionStatsRoutes(app, inspectionReports),
    (app) => inspectionDocumentRoutes(app, inspectionReports),
    (app) => hazardViewsRoutes(app, hazardViews),
    (app) => hazardRoutes(app, { db, hazards, exporter: createHazardExport({ db, audit, clock }) }),
    (app) => caseModuleRoutes(app, cases),
  ];
  return {
    db,
    audit,
    settings,
    users,
    auth,
    enterprises,
    transfers,
    imports,
    exporter,
    attachments,
    catalogue,
    inspectionRead,
    inspections,
    findings,
    inspectors,
    plans,
    draws,
    publication,
    risk,
    riskViews,
    riskImports,
    inspectionReports,
    hazards,
    hazardViews,
    cases,
    routes,
  };
}
export type TServices = ReturnType<typeof createServices>;
