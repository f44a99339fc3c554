import { defineModule } from '../../kit/module';
import { createHazardExport } from './hazard-export';
import { createHazardViews, hazardViewsRoutes } from './hazard-stats.routes';
import { hazardRoutes } from './hazard.routes';
import { hazardWorkbench } from './hazard.workbench';
import { createHazardService } from './hazard.service';

export interface THazardApi {
  hazards: ReturnType<typeof createHazardService>;
  views: ReturnType<typeof createHazardViews>;
  exporter: ReturnType<typeof createHazardExport>;
}
declare module '../../kit/module' {
  interface TModuleApis {
    hazard: THazardApi;
  }
}

/** Hidden hazards from finding to sign-off, extensions, listed supervision, campaigns and dashboards. */
export const hazardModule = defineModule({
  name: 'hazard',
  title: '隐患治理',
  permissions: ['hazard.read', 'hazard.report', 'hazard.rectify', 'hazard.manage', 'hazard.supervise', 'hazard.campaign', 'hazard.stats'],
  settings: ['hazard'],
  create: ({ db, audit, settings, clock, events }, { attachment, enterprise }) => ({
    hazards: createHazardService({
      db,
      audit,
      settings,
      attachments: attachment,
      enterprises: enterprise.enterprises,
      events,
      clock,
    }),
    views: createHazardViews({ db, audit, settings, attachments: attachment, clock }),
    exporter: createHazardExport({ db, audit, clock }),
  }),
  workbench: (_api, { clock }) => hazardWorkbench(clock),
  fastifyRoutes: (app, { hazards, views, exporter }, { db }) => {
    hazardViewsRoutes(app, views);
    hazardRoutes(app, { db, hazards, exporter });
  },
});
