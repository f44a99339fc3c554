import { defineModule } from '../../kit/module';
import { riskImportRoutes } from './risk-import.routes';
import { createRiskImportService } from './risk-import.service';
import { createRiskViewsService } from './risk-views.service';
import { riskRoutes } from './risk.routes';
import { createRiskService } from './risk.service';

export interface TRiskApi {
  risk: ReturnType<typeof createRiskService>;
  views: ReturnType<typeof createRiskViewsService>;
  imports: ReturnType<typeof createRiskImportService>;
}
declare module '../../kit/module' {
  interface TModuleApis {
    risk: TRiskApi;
  }
}

/** Four-colour grades with history, events from other modules, and proposals an officer approves. */
export const riskModule = defineModule({
  name: 'risk',
  title: '风险分级',
  permissions: ['risk.read', 'risk.assess', 'risk.decide'],
  settings: ['riskAssessment', 'riskDynamic'],
  create: ({ db, audit, settings, clock, filesDir }, { enterprise }) => ({
    risk: createRiskService({ db, audit, settings, enterprises: enterprise.enterprises, clock }),
    views: createRiskViewsService({ db, settings, clock }),
    imports: createRiskImportService({ db, audit, settings, clock, filesDir }),
  }),
  // After the enterprise import: the assessment upload uses the octet-stream parser it registers.
  fastifyRoutes: (app, { risk, views, imports }) => {
    riskRoutes(app, { risk, riskViews: views });
    riskImportRoutes(app, { riskImports: imports });
  },
});
