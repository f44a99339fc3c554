import { defineModule, type TCore } from '../../kit/module';
import type { TAttachmentService } from '../attachment/attachment.service';
import { catalogueRoutes } from './catalogue/catalogue.routes';
import { createCatalogueService } from './catalogue/catalogue.service';
import { createDrawService } from './planning/draw.service';
import { planningRoutes } from './planning/planning.routes';
import { createPublicationService } from './planning/draw.publication';
import { createFindingService } from './records/finding.service';
import { createInspectionDocumentService } from './records/inspection-document.service';
import { createInspectionRead } from './records/inspection.read';
import { createRecordsExport } from './records/records.export';
import { inspectionRoutes } from './records/inspection.routes';
import { createInspectionService } from './records/inspection.service';
import { createInspectorService } from './inspectors/inspector.service';
import { inspectorRoutes } from './inspectors/inspector.routes';
import { createPlanService } from './planning/plan.service';
import { createPlanProgressService } from './reports/progress.service';
import { reportRoutes } from './reports/reports.routes';
import { createReportExport } from './reports/stats.export';
import { createInspectionStatsService } from './reports/stats.service';
import { inspectionWorkbench } from './inspection.workbench';
import { inspectionMapLayers } from './inspection.map';
import { foldInspectionDeltas } from './reports/list-totals.repo';
import { foldFirmCityDeltas } from './reports/stats.repo';

function createInspectionApi(core: TCore, attachments: TAttachmentService) {
  const { db, audit, settings, clock, filesDir, events } = core;
  const read = createInspectionRead({ db, settings, clock });
  const plans = createPlanService({ db, audit, settings, clock });
  const draws = createDrawService({ db, audit, plans, settings, clock });
  return {
    catalogue: createCatalogueService({ db, audit, clock }),
    read,
    inspections: createInspectionService({ db, audit, settings, attachments, read, events, clock }),
    findings: createFindingService({ db }),
    recordsExport: createRecordsExport({ db, audit, read, clock }),
    documents: createInspectionDocumentService({ db, filesDir }),
    inspectors: createInspectorService({ db, audit, clock }),
    plans,
    draws,
    publication: createPublicationService({ db, draws, settings, clock }),
    reports: {
      progress: createPlanProgressService({ db, settings, clock }),
      stats: createInspectionStatsService({ db, clock }),
      exporter: createReportExport({ db, audit, clock }),
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
  workbench: (api) => inspectionWorkbench(api.read),
  start: async ({ catalogue }) => {
    await catalogue.ensureCatalogue();
  },
  routes: (api, core) => [
    ...catalogueRoutes(api.catalogue, core),
    ...inspectionRoutes({
      inspections: api.inspections,
      read: api.read,
      findings: api.findings,
      exporter: api.recordsExport,
      documents: api.documents,
    }),
    ...inspectorRoutes(api.inspectors, core),
    ...planningRoutes(api),
    ...reportRoutes(api.reports),
  ],
  jobs: (_api, { db }) => [
    // The province's and cities' counts: changes appended by the triggers are added in every few seconds (a reader
    // adds the rest itself, so the figures are exact between folds; folding keeps what he adds to a few rows).
    { name: '检查计数并入市级', everyMs: 5000, run: async () => void (await foldInspectionDeltas(db)) },
    { name: '检查企业数并入市级', everyMs: 5000, run: async () => void (await foldFirmCityDeltas(db)) },
  ],
  mapLayers: () => inspectionMapLayers,
});
