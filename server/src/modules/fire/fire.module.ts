/**
 * The forest-fire module's manifest: camera registry, platform keys and ingestion, masking and merging into
 * incidents, the duty officer's workflow with escalation to the duty chief (the accident module's duty roster),
 * device health, provincial forwarding and statistics. The worker (forwarding, escalation, silence) runs in the
 * server only, started by `start` and stopped with the app.
 */
import { fireIncidentEndpoints, fireIngestEndpoints, fireRegistryEndpoints, AppError } from '@yingji/domain';
import { defineModule, type TCore, type TModuleApis } from '../../kit/module';
import { sendFile } from '../../kit/ledger-export';
import { handle } from '../../kit/route';
import { sendJson } from '../../kit/snapshot-cache';
import { createFireBoard } from './fire-board.service';
import { createFireForwarder } from './fire-forward';
import { createFireHealth } from './fire-health.service';
import { createFireIncidents } from './fire-incident.service';
import { createFireIngest } from './fire-ingest';
import { createFirePresenter } from './fire-present';
import { createFireRegistry } from './fire-registry.service';
import { createFireStats } from './fire-stats.service';
import { createFireWorker } from './fire-worker';
import { fireMapLayers } from './fire.map';

function createFireApi(core: TCore, accident: TModuleApis['accident']) {
  const ingest = createFireIngest(core);
  const health = createFireHealth(core);
  const present = createFirePresenter(core);
  const incidents = createFireIncidents({ ...core, accident, present });
  const board = createFireBoard({ ...core, health, present });
  const forwarder = createFireForwarder(core);
  const worker = createFireWorker({ forwarder, incidents, health });
  return {
    ingest,
    registry: createFireRegistry({ ...core, ingest }),
    health,
    incidents,
    board,
    forwarder,
    stats: createFireStats(core),
    worker,
  };
}
export type TFireApi = ReturnType<typeof createFireApi>;

declare module '../../kit/module' {
  interface TModuleApis {
    fire: TFireApi;
  }
}

const r = fireRegistryEndpoints;
const g = fireIngestEndpoints;
const i = fireIncidentEndpoints;

export const fireModule = defineModule({
  name: 'fire',
  title: '森林防火监控',
  permissions: ['fire.read', 'fire.handle', 'fire.manage', 'fire.keys'],
  settings: ['fire'],
  create: (core, { accident }) => createFireApi(core, accident),
  parsers: (app) => {
    // the worker stops before the database closes
    app.addHook('onClose', async () => stopWorker?.());
  },
  routes: ({ ingest, registry, health, incidents, board, forwarder, stats }) => [
    handle(r.sites, ({ ctx }) => registry.sites(ctx)),
    handle(r.createSite, ({ ctx, body }) => registry.createSite(ctx, body)),
    handle(r.updateSite, ({ ctx, params, body }) => registry.updateSite(ctx, params.id, body)),
    handle(r.addChannel, ({ ctx, params, body }) => registry.addChannel(ctx, params.id, body)),
    handle(r.addMaintenance, ({ ctx, params, body }) => registry.addMaintenance(ctx, params.id, body)),
    handle(r.channel, ({ ctx, params }) => registry.channel(ctx, params.id)),
    handle(r.updateChannel, ({ ctx, params, body }) => registry.updateChannel(ctx, params.id, body)),
    handle(r.calibrate, ({ ctx, params, body }) => registry.calibrate(ctx, params.id, body)),
    handle(r.export, async ({ ctx, reply }) => {
      const file = await registry.exportRegistry(ctx);
      return sendFile(reply, file, `fire-sites-${file.date}.xlsx`);
    }),
    handle(r.import, ({ ctx, query, request }) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('invalid', '请上传 .xlsx 或 .csv 文件', { field: 'file' });
      return registry.importRegistry(ctx, { buffer: request.body, fileName: query.fileName });
    }),
    handle(r.keys, ({ ctx }) => registry.keys(ctx)),
    handle(r.createKey, ({ ctx, body }) => registry.createKey(ctx, body)),
    handle(r.revokeKey, ({ ctx, params }) => registry.revokeKey(ctx, params.id)),
    handle(r.zones, ({ ctx }) => registry.zones(ctx)),
    handle(r.createZone, ({ ctx, body }) => registry.createZone(ctx, body)),
    handle(r.deactivateZone, ({ ctx, params }) => registry.deactivateZone(ctx, params.id)),
    handle(r.deleteZone, ({ ctx, params }) => registry.deleteZone(ctx, params.id)),
    handle(r.zoneAlarms, ({ ctx, params }) => registry.zoneAlarms(ctx, params.id)),
    handle(g.alarms, async ({ request, body }) => ingest.ingest(await ingest.authenticate(request.headers['x-api-key']), body.alarms)),
    handle(g.alarm, async ({ request, body }) => ingest.ingest(await ingest.authenticate(request.headers['x-api-key']), [body])),
    handle(g.heartbeats, async ({ request, body }) => {
      const { accepted, channelIds } = await ingest.heartbeats(await ingest.authenticate(request.headers['x-api-key']), body.heartbeats);
      await health.evaluate(channelIds);
      return { accepted };
    }),
    // The board's JSON text (or the delta's, with `since`) is built and kept by fire-board.service.ts: sent as it is,
    // not parsed and serialised again per viewer; fire-board.test.ts checks it against the contract's schema.
    handle(i.board, async ({ ctx, query, request, reply }) => {
      const { etag, text } = await board.board(ctx, query, request.headers['if-none-match']);
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (text === null) return reply.status(304).send();
      return sendJson(reply, text);
    }),
    handle(i.list, ({ ctx, query }) => incidents.list(ctx, query)),
    handle(i.get, ({ ctx, params }) => incidents.get(ctx, params.id)),
    handle(i.acknowledge, ({ ctx, params }) => incidents.acknowledge(ctx, params.id)),
    handle(i.verify, ({ ctx, params, body }) => incidents.verify(ctx, params.id, body)),
    handle(i.dispatch, ({ ctx, params, body }) => incidents.dispatch(ctx, params.id, body)),
    handle(i.close, ({ ctx, params, body }) => incidents.close(ctx, params.id, body)),
    handle(i.report, ({ ctx, params }) => incidents.report(ctx, params.id)),
    handle(i.health, ({ ctx }) => health.health(ctx)),
    handle(i.availability, ({ ctx, query }) => health.monthAvailability(ctx, query.month)),
    handle(i.outbox, ({ ctx, query }) => forwarder.outbox(ctx, query.status)),
    handle(i.resend, ({ ctx, params }) => forwarder.resend(ctx, params.id)),
    handle(i.stats, ({ ctx, query }) => stats.stats(ctx, query)),
    handle(i.statsExport, async ({ ctx, query, reply }) => {
      const file = await stats.exportStats(ctx, query);
      return sendFile(reply, file, `fire-stats-${query.from}.xlsx`);
    }),
  ],
  workbench: ({ incidents }) => [
    {
      key: 'fire.incidents',
      roles: ['duty_officer', 'bureau_officer'],
      items: async (_db, actor) => {
        const { fresh, late } = await incidents.workbenchCounts(actor);
        return [
          {
            key: 'fire.incidents',
            group: 'todo',
            severity: late > 0 ? 'danger' : 'warning',
            title: '待核实的森林火情',
            hint: late > 0 ? `其中 ${late} 起超过签收时限，已提醒值班长` : '监控告警合并后的火情事件，请尽快核实',
            count: fresh,
            href: '/fire',
          },
        ];
      },
    },
  ],
  start: async ({ worker }) => {
    worker.start();
    stopWorker = () => worker.stop();
  },
  mapLayers: () => fireMapLayers,
});

let stopWorker: (() => Promise<void>) | null = null;
