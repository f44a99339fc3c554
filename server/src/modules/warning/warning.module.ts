/**
 * Warnings and call-and-answer (预警叫应): the chain of posts, warnings with their versions, the calls, answers from
 * signed links or the app, the timers that repeat and escalate, and the live board. Sends through `core.notify`.
 */
import {
  AppError,
  chainEndpoints as c,
  pointsEndpoints as pt,
  responseEndpoints as rs,
  warningEndpoints as e,
  warningStatsEndpoints as st,
} from '@yingji/domain';
import { sendFile } from '../../kit/ledger-export';
import { openEventStream } from '../../kit/live';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';
import { countUnheld, createChainService, type TChainService } from './chain.service';
import { createPointsService, type TPointsService } from './points.service';
import { createResponseService, type TResponseService } from './response.service';
import { createWarningStatsService, type TWarningStatsService } from './stats.service';
import { boardTopic, createWarningService, type TWarningService } from './warning.service';
import { warningMapLayers } from './warning.map';

export interface TWarningApi {
  warnings: TWarningService;
  chain: TChainService;
  stats: TWarningStatsService;
  responses: TResponseService;
  points: TPointsService;
}

declare module '../../kit/module' {
  interface TModuleApis {
    warning: TWarningApi;
  }
}

export const warningModule = defineModule({
  name: 'warning',
  title: '预警叫应',
  permissions: ['warning.read', 'warning.issue', 'warning.chain', 'warning.response', 'warning.points', 'warning.escalate'],
  settings: ['warningCall', 'consultationFrequency'],
  create: (core, { attachment }) => ({
    warnings: createWarningService(core, attachment),
    chain: createChainService(core),
    stats: createWarningStatsService(core),
    responses: createResponseService(core, attachment),
    points: createPointsService(core),
  }),
  routes: ({ warnings, chain, stats, responses, points }, core) => [
    handle(e.list, ({ ctx, query }) => warnings.list(ctx, query)),
    // The answer links point back to the address the bureau issued from.
    handle(e.issue, ({ ctx, body, request }) => warnings.issue(ctx, body, `${request.protocol}://${request.host}`)),
    handle(e.detail, ({ ctx, params }) => warnings.detail(ctx, params.id)),
    handle(e.update, ({ ctx, params, body }) => warnings.update(ctx, params.id, body)),
    handle(e.lift, ({ ctx, params, body }) => warnings.lift(ctx, params.id, body)),
    handle(e.board, ({ ctx, params }) => warnings.board(ctx, params.id)),
    handle(e.boardStream, async ({ ctx, params, request, reply }) =>
      openEventStream(request, reply, core.live, [boardTopic(params.id)], await warnings.boardReader(ctx, params.id)),
    ),
    handle(e.log, ({ ctx, params, query }) => warnings.log(ctx, params.id, query.page)),
    handle(e.answerInApp, ({ ctx, params, body }) => warnings.answerInApp(ctx, params.id, body.note)),
    handle(e.escalateNow, ({ ctx, params, body }) => warnings.escalateNow(ctx, params.id, params.recipientId, body.reason)),
    handle(e.answerView, ({ params }) => warnings.answerView(params.token)),
    handle(e.answerFile, async ({ params, reply }) => {
      const file = await warnings.answerFile(params.token);
      return reply
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-type', file.mime)
        .header('content-length', String(file.size))
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.stream());
    }),
    handle(e.answer, ({ ctx, params, body }) => warnings.answerByLink(ctx, params.token, body.note)),
    handle(rs.list, ({ ctx, query }) => responses.list(ctx, query)),
    handle(rs.start, ({ ctx, body }) => responses.start(ctx, body)),
    handle(rs.detail, ({ ctx, params }) => responses.detail(ctx, params.id)),
    handle(rs.change, ({ ctx, params, body }) => responses.change(ctx, params.id, body)),
    handle(rs.end, ({ ctx, params, body }) => responses.end(ctx, params.id, body.reason)),
    handle(rs.consult, ({ ctx, params, body }) => responses.consult(ctx, params.id, body)),
    handle(st.stats, ({ ctx, query }) => stats.stats(ctx, query)),
    handle(st.export, async ({ ctx, query, reply }) => sendFile(reply, await stats.exportStats(ctx, query), 'warning-stats.xlsx')),
    handle(pt.list, ({ ctx, query }) => points.list(ctx, query.town)),
    handle(pt.detail, ({ ctx, params }) => points.detail(ctx, params.id)),
    handle(pt.plan, ({ ctx, params, body }) => points.editPlan(ctx, params.id, body)),
    handle(pt.flooding, ({ ctx, params, body }) => points.recordFlooding(ctx, params.id, body)),
    handle(pt.check, ({ ctx, params, body }) => points.recordCheck(ctx, params.id, body)),
    handle(c.posts, ({ ctx, query }) => chain.list(ctx, query)),
    handle(c.createPost, ({ ctx, body }) => chain.createPost(ctx, body)),
    handle(c.addHolder, ({ ctx, params, body }) => chain.addHolder(ctx, params.id, body)),
    handle(c.removeHolder, ({ ctx, params }) => chain.removeHolder(ctx, params.id)),
    // The upload is the file itself as the body; the octet-stream parser is the one the enterprise module registers.
    handle(c.import, ({ ctx, query, request }) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('invalid', '请上传 .xlsx 或 .csv 文件', { field: 'file' });
      return chain.importSheet(ctx, { buffer: request.body }, query.fileName);
    }),
  ],
  workbench: () => [
    {
      key: 'warning.unheld_posts',
      roles: ['bureau_officer', 'town_officer', 'duty_officer'],
      items: async (db, actor) => [
        {
          key: 'warning.unheld_posts',
          group: 'todo',
          severity: 'warning',
          title: '叫应岗位无人在岗',
          hint: '预警发布前请补齐岗位人员，否则无人接收叫应',
          count: await countUnheld(db, actor.divisionCode),
          href: '/warnings/chain?unheld=1',
        },
      ],
    },
  ],
  reminders: ({ responses }) => responses.reminders,
  // Fill the settings cache at start: on PGlite a cold settings read reached inside a writer's transaction runs
  // outside it and waits for it to end, and a fresh process's first warning issue stalled in the bench.
  start: async (_api, core) => void (await core.settings.getAll()),
  jobs: ({ warnings }) => [
    // One indexed query for the due timers every second: a timer fires within about a second of its due time.
    {
      name: '叫应计时',
      everyMs: 1000,
      run: async (now) => {
        while ((await warnings.tick(now)) >= 1000);
      },
    },
  ],
  mapLayers: () => warningMapLayers,
});
