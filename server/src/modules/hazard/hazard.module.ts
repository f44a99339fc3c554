/**
 * The hazard module's manifest: hidden hazards from finding to sign-off with extensions (records/), listed
 * supervision (supervision/), campaigns (campaign/) and the dashboards (views/). Raises `hazard.recorded`,
 * `hazard.major_found`, `hazard.progressed` and `hazard.closed` in the writer's transaction.
 */
import { campaignEndpoints as c, hazardEndpoints as e, hazardStatsEndpoints as v, supervisionEndpoints as s } from '@yingji/domain';
import { DOCX_MIME, sendFile } from '../../kit/ledger-export';
import { defineModule, type TCore } from '../../kit/module';
import { handle } from '../../kit/route';
import type { TAttachmentService } from '../attachment/attachment.service';
import type { TEnterpriseService } from '../enterprise/enterprise.service';
import { createCampaignService } from './campaign/campaign.service';
import { hazardWorkbench } from './hazard.workbench';
import { createHazardExport } from './records/hazard-export';
import { hazardOrderDocx } from './records/hazard-order';
import { createHazardService } from './records/hazard.service';
import { createSupervisionService } from './supervision/supervision.service';
import { createHazardStatsService } from './views/hazard-stats.service';
import { foldHazardCityMonths } from './views/hazard-stats.repo';
import { hazardSearch } from './hazard.search';
import { hazardReminders } from './hazard.reminders';
import { hazardMapLayers } from './hazard.map';

function createHazardApi(core: TCore, attachments: TAttachmentService, enterprises: TEnterpriseService) {
  const deps = { ...core, attachments };
  return {
    hazards: createHazardService({ ...deps, enterprises }),
    exporter: createHazardExport(core),
    supervisions: createSupervisionService(deps),
    campaigns: createCampaignService(core),
    stats: createHazardStatsService(core),
  };
}
export type THazardApi = ReturnType<typeof createHazardApi>;

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
  create: (core, { attachment, enterprise }) => createHazardApi(core, attachment, enterprise.enterprises),
  routes: ({ hazards, exporter, supervisions, campaigns, stats }, { db }) => [
    handle(e.list, ({ ctx, query }) => hazards.list(ctx, query)),
    handle(e.export, async ({ ctx, query, reply }) => {
      const { stream, fileName } = await exporter.exportXlsx(ctx, query);
      return sendFile(reply, { body: stream, fileName }, 'hazards.xlsx');
    }),
    handle(e.create, ({ ctx, body }) => hazards.create(ctx, body)),
    handle(e.fromFindings, ({ ctx, body }) => hazards.fromFindings(ctx, body)),
    handle(e.detail, ({ ctx, params }) => hazards.detail(ctx, params.id)),
    handle(e.act, ({ ctx, params, body }) => hazards.act(ctx, params.id, body)),
    handle(e.orderDocx, async ({ ctx, params, reply }) => {
      const { buffer, fileName } = await hazardOrderDocx(db, ctx, params.id);
      return sendFile(reply, { body: buffer, fileName }, 'hazard-order.docx', DOCX_MIME);
    }),
    handle(e.ofInspection, ({ ctx, params }) => hazards.ofInspection(ctx, params.id)),
    handle(e.criteria, ({ ctx }) => hazards.criteria(ctx)),
    handle(s.list, ({ ctx, query }) => supervisions.list(ctx, query)),
    handle(s.create, ({ ctx, body }) => supervisions.create(ctx, body)),
    handle(s.detail, ({ ctx, params }) => supervisions.detail(ctx, params.id)),
    handle(s.addAction, ({ ctx, params, body }) => supervisions.addAction(ctx, params.id, body)),
    handle(s.lift, ({ ctx, params, body }) => supervisions.lift(ctx, params.id, body)),
    handle(c.list, ({ ctx }) => campaigns.list(ctx)),
    handle(c.create, ({ ctx, body }) => campaigns.create(ctx, body)),
    handle(c.update, ({ ctx, params, body }) => campaigns.update(ctx, params.id, body)),
    handle(v.dashboard, ({ ctx, query }) => stats.dashboard(ctx, query)),
    handle(v.dashboardExport, async ({ ctx, query, reply }) =>
      sendFile(reply, await stats.exportDashboard(ctx, query), 'hazard-dashboard.xlsx'),
    ),
    handle(v.clearing, ({ ctx, query }) => stats.clearing(ctx, query)),
    handle(v.selfFound, ({ ctx, query }) => stats.selfFound(ctx, query)),
    handle(v.map, ({ ctx }) => stats.map(ctx)),
  ],
  search: (api) => hazardSearch(api),
  workbench: (_api, { clock }) => hazardWorkbench(clock),
  reminders: () => hazardReminders,
  mapLayers: () => hazardMapLayers,
  jobs: (_api, { db }) => [
    // The province's city months: changes appended by the counters' function are added in every few seconds (a
    // reader adds the rest itself, so the figures are exact between folds).
    { name: '隐患月计数并入市级', everyMs: 5000, run: async () => void (await foldHazardCityMonths(db)) },
  ],
});
