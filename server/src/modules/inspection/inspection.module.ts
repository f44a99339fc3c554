import { defineModule, type TCore } from '../../kit/module';
import type { TAttachmentService } from '../attachment/attachment.service';
import { exportCatalogueXlsx } from './catalogue.export';
import { catalogueRoutes } from './catalogue.routes';
import { createCatalogueService } from './catalogue.service';
import { createDrawService } from './draw.service';
import { drawRoutes } from './draw.routes';
import { createPublicationService } from './draw.publication';
import { createFindingService } from './finding.service';
import { findingRoutes } from './finding.routes';
import { createInspectionDocumentService } from './inspection-document.service';
import { inspectionDocumentRoutes } from './inspection-document.routes';
import { createInspectionRead } from './inspection.read';
import { inspectionRoutes } from './inspection.routes';
import { createInspectionService } from './inspection.service';
import { createInspectorService } from './inspector.service';
import { inspectorRoutes } from './inspector.routes';
import { createPlanService } from './plan.service';
import { planRoutes } from './plan.routes';
import { createPlanProgressService } from './progress.service';
import { planProgressRoutes } from './progress.routes';
import { publicRoutes } from './public.routes';
import { createReportExport } from './stats.export';
import { createInspectionStatsService } from './stats.service';
import { inspectionStatsRoutes } from './stats.routes';
import { inspectionWorkbench } from './inspection.workbench';

function createInspectionApi(core: TCore, attachments: TAttachmentService) {
  const { db, audit, settings, clock, filesDir, events } = core;
  const read = createInspectionRead({ db, settings });
  const plans = createPlanService({ db, audit, settings, clock });
  const draws = createDrawService({ db, audit, plans, clock });
  return {
    catalogue: createCatalogueService({ db, audit, clock }),
    read,
    inspections: createInspectionService({ db, audit, settings, attachments, read, events, clock }),
    findings: createFindingService({ db, audit, read, clock }),
    inspectors: createInspectorService({ db, audit, clock }),
    plans,
    draws,
    publication: createPublicationService({ db, draws, settings, clock }),
    reports: {
      progress: createPlanProgressService({ db, settings, clock }),
      stats: createInspectionStatsService({ db, clock }),
      exporter: createReportExport({ db, audit, clock }),
      documents: createInspectionDocumentService({ db, filesDir }),
    },
  };
}
export type TInspectionApi = ReturnType<typeof createInspectionApi>;
declare module '../../kit/module' {
  interface TModuleApis {
    inspection: TInspectionApi;
  }
}

/** The catalogue, inspection records and findings, inspectors, annual plans, double-random draws and their reports. */
export const inspectionModule = defineModule({
  name: 'inspection',
  title: '监督检查',
  permissions: ['inspection.read', 'inspection.catalogue', 'inspection.inspectors', 'inspection.plan', 'inspection.record'],
  settings: ['inspectionFrequency', 'inspectionPublication'],
  create: (core, { attachment }) => createInspectionApi(core, attachment),
  workbench: () => inspectionWorkbench(),
  start: async ({ catalogue }) => {
    await catalogue.ensureCatalogue();
  },
  fastifyRoutes: (app, api, { db, audit, clock }) => {
    catalogueRoutes(app, { catalogue: api.catalogue, exportXlsx: (ctx, q) => exportCatalogueXlsx({ db, audit, clock }, ctx, q) });
    inspectionRoutes(app, { inspections: api.inspections, read: api.read, findings: api.findings });
    findingRoutes(app, { findings: api.findings });
    inspectorRoutes(app, { inspectors: api.inspectors });
    planRoutes(app, { plans: api.plans });
    drawRoutes(app, { draws: api.draws });
    publicRoutes(app, { publication: api.publication });
    planProgressRoutes(app, api.reports);
    inspectionStatsRoutes(app, api.reports);
    inspectionDocumentRoutes(app, api.reports);
  },
});
