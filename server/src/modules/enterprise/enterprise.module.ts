import type { TFirmEventBase } from '@yingji/domain';
import type { Db } from '../../db/client';
import { defineModule, listen } from '../../kit/module';
import { addEvents } from './enterprise.repo';
import { foldEnterpriseCounts } from './enterprise-counts.repo';
import { createEnterpriseExport } from './enterprise-export';
import { createEnterpriseImportService } from './enterprise-import.service';
import { createEnterpriseTransferService } from './enterprise-transfer.service';
import { enterpriseRoutes, registerUploadParser } from './enterprise.routes';
import { createEnterpriseService } from './enterprise.service';
import { enterpriseWorkbench } from './enterprise.workbench';
import { enterpriseSearch } from './enterprise.search';

export interface TEnterpriseApi {
  enterprises: ReturnType<typeof createEnterpriseService>;
  transfers: ReturnType<typeof createEnterpriseTransferService>;
  imports: ReturnType<typeof createEnterpriseImportService>;
  exporter: ReturnType<typeof createEnterpriseExport>;
}
declare module '../../kit/module' {
  interface TModuleApis {
    enterprise: TEnterpriseApi;
  }
}

/** The registry of firms, regulator imports, town transfers and the deregistration guard. */
export const enterpriseModule = defineModule({
  name: 'enterprise',
  title: '企业台账',
  permissions: ['enterprise.read', 'enterprise.manage', 'enterprise.import', 'enterprise.alerts'],
  settings: ['enterprisePowers', 'industryCategoryMap'],
  create: ({ db, audit, settings, clock, filesDir }) => {
    const enterprises = createEnterpriseService({ db, audit, settings, clock });
    return {
      enterprises,
      transfers: createEnterpriseTransferService({ db, audit, enterprises, clock }),
      imports: createEnterpriseImportService({ db, audit, settings, clock, filesDir }),
      exporter: createEnterpriseExport({ db, audit, clock }),
    };
  },
  search: (api) => enterpriseSearch(api),
  workbench: (api) => enterpriseWorkbench(api),
  // The firm's timeline (企业动态): what other modules announce and the risk rules do not already put there
  // (risk events write their own entry, so each event lands on the timeline exactly once).
  listeners: () => [
    listen('inspection.completed', 'timeline', (tx, e) => onTimeline(tx, e, 'inspection', e.inspectionKind)),
    listen('hazard.progressed', 'timeline', (tx, e) => onTimeline(tx, e, 'hazard', e.action)),
    listen('case.filed', 'timeline', (tx, e) => onTimeline(tx, e, 'case', 'filing')),
  ],
  // The province's and cities' firm counts: changes the triggers appended are added in every few seconds (a reader adds
  // the rest itself, so a total is exact between folds).
  jobs: (_api, { db }) => [{ name: '企业计数并入市级', everyMs: 5000, run: async () => void (await foldEnterpriseCounts(db)) }],
  parsers: registerUploadParser,
  routes: (api) => enterpriseRoutes(api),
});

const onTimeline = (tx: Db, e: TFirmEventBase, module: string, kind: string) =>
  addEvents(tx, [{ enterpriseId: e.enterpriseId, at: e.occurredAt, module, kind, summary: e.summary, ref: e.ref }]);
