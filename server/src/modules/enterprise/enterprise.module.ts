import { defineModule } from '../../kit/module';
import { createEnterpriseExport } from './enterprise-export';
import { enterpriseImportRoutes } from './enterprise-import.routes';
import { createEnterpriseImportService } from './enterprise-import.service';
import { createEnterpriseTransferService } from './enterprise-transfer.service';
import { enterpriseRoutes } from './enterprise.routes';
import { createEnterpriseService } from './enterprise.service';

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
  fastifyRoutes: (app, { enterprises, transfers, exporter, imports }) => {
    enterpriseRoutes(app, { enterprises, transfers, exporter });
    enterpriseImportRoutes(app, { imports });
  },
});
