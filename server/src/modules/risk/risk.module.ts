import { defineModule, listen } from '../../kit/module';
import { createRiskImportService } from './risk-import.service';
import { createRiskViewsService } from './risk-views.service';
import { riskRoutes } from './risk.routes';
import { createRiskService } from './risk.service';
import { riskWorkbench } from './risk.workbench';
import { riskMapLayers } from './risk.map';

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
  workbench: (api) => riskWorkbench(api),
  // What other modules announce about a firm becomes a risk event (once per kind and ref), on the firm's timeline,
  // and may raise a proposal to change its grade (DOMAIN.md §2's dynamic rules).
  listeners: ({ risk }) => [
    listen('hazard.recorded', 'hazard_found', (tx, e, ctx) =>
      risk.recordEvent(tx, { ...e, module: 'hazard', kind: 'hazard_found' }, ctx).then(() => undefined),
    ),
    listen('hazard.major_found', 'major_hazard_opened', (tx, e, ctx) =>
      risk.recordEvent(tx, { ...e, module: 'hazard', kind: 'major_hazard_opened' }, ctx).then(() => undefined),
    ),
    listen('hazard.closed', 'hazard_closed (and major_hazard_closed)', async (tx, e, ctx) => {
      await risk.recordEvent(tx, { ...e, module: 'hazard', kind: 'hazard_closed' }, ctx);
      if (e.level === 'major') await risk.recordEvent(tx, { ...e, module: 'hazard', kind: 'major_hazard_closed' }, ctx);
    }),
    listen('accident.recorded', 'accident', (tx, e, ctx) =>
      risk.recordEvent(tx, { ...e, category: null, module: 'accident', kind: 'accident' }, ctx).then(() => undefined),
    ),
    listen('case.penalty_decided', 'penalty', (tx, e, ctx) =>
      risk.recordEvent(tx, { ...e, category: null, module: 'case', kind: 'penalty' }, ctx).then(() => undefined),
    ),
  ],
  routes: (api) => riskRoutes(api),
  mapLayers: () => riskMapLayers,
});
