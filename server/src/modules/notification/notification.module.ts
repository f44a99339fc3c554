/**
 * The notification centre for the whole platform: each user's notifications with read/unread and a live count,
 * SMS and voice deliveries through the gateway with every attempt recorded, and the reminder scan. Other modules
 * send through `core.notify` (kit/notify.ts) and declare reminders in their manifests.
 */
import { notificationEndpoints as e } from '@yingji/domain';
import { requireActor } from '../../kit/access';
import { openEventStream } from '../../kit/live';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';
import { createNotificationService, type TNotificationService } from './notification.service';
import { userTopic } from './notifier';

declare module '../../kit/module' {
  interface TModuleApis {
    notification: TNotificationService;
  }
}

export const notificationModule = defineModule({
  name: 'notification',
  title: '通知中心',
  permissions: ['notification.deliveries', 'notification.gateway'],
  settings: ['notificationGateway'],
  create: (core) => createNotificationService(core),
  routes: (api, core) => [
    handle(e.list, ({ ctx, query }) => api.list(ctx, query)),
    handle(e.count, ({ ctx }) => api.count(ctx)),
    handle(e.stream, ({ ctx, request, reply }) => {
      const actor = requireActor(ctx);
      return openEventStream(request, reply, core.live, [userTopic(actor.id)], () => api.countFor(actor.id));
    }),
    handle(e.read, ({ ctx, params }) => api.read(ctx, params.id)),
    handle(e.readAll, ({ ctx }) => api.readAll(ctx)),
    handle(e.deliveries, ({ ctx, query }) => api.deliveries(ctx, query)),
    handle(e.retry, ({ ctx, params }) => api.retry(ctx, params.id)),
    handle(e.outbox, ({ ctx, query }) => api.outbox(ctx, query.to)),
    handle(e.fail, ({ ctx, body }) => api.fail(ctx, body)),
  ],
  jobs: (api) => [
    { name: '发送短信与语音', everyMs: 1000, run: async (now) => void (await api.dispatch(now)) },
    { name: '提醒扫描', everyMs: 60_000, run: async (now) => void (await api.scanReminders(now)) },
  ],
});
