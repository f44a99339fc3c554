/** The platform's notifier (kit/notify.ts `TNotifier`), over the notification centre's tables; part of the core. */
import type { Db } from '../../db/client';
import type { TLiveHub } from '../../kit/live';
import type { TNotifier } from '../../kit/notify';
import type { TClock } from '../../shared/context';
import * as repo from './notification.repo';

/** The live topic of a user's notification centre. */
export const userTopic = (userId: number) => `user:${userId}`;

export function createNotifier({ clock, live }: { clock: TClock; live: TLiveHub }): TNotifier {
  return {
    async send(tx: Db, input) {
      const ids =
        'userIds' in input.to ? [...new Set(input.to.userIds)] : await repo.usersCovering(tx, input.to.permission, input.to.divisionCode);
      const reached = await repo.insertNotifications(tx, ids, {
        module: input.module,
        kind: input.kind,
        ref: input.ref ?? null,
        title: input.title,
        body: input.body ?? '',
        href: input.href ?? null,
        at: clock().toISOString(),
      });
      for (const id of reached) live.publish(userTopic(id));
      return reached.length;
    },
    async message(tx: Db, inputs) {
      const at = clock().toISOString();
      return repo.insertDeliveries(
        tx,
        inputs.map((m) => ({
          channel: m.channel,
          address: m.phone,
          recipientName: m.name ?? '',
          message: m.text,
          ref: m.ref ?? null,
          module: m.module,
          divisionCode: m.divisionCode,
          status: 'pending' as const,
          nextAttemptAt: at,
          createdAt: at,
        })),
      );
    },
  };
}
