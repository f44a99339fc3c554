import { notificationEndpoints as e } from '@yingji/domain/notification/notification.contract';
import { call } from './client';

export const NOTIFICATION_KEYS = { all: ['notifications'] as const, count: ['notifications', 'count'] as const };

export const notificationApi = {
  list: (query: { unread?: '1' | '0'; page: number; pageSize: number }) => call(e.list, { query }),
  count: () => call(e.count),
  read: (id: number) => call(e.read, { params: { id } }),
  readAll: () => call(e.readAll),
  deliveries: (query: { status?: 'pending' | 'sent' | 'failed'; page: number; pageSize: number }) => call(e.deliveries, { query }),
  retry: (id: number) => call(e.retry, { params: { id } }),
  /** The live stream of the user's unread count (server-sent events). */
  streamUrl: e.stream.path,
};
