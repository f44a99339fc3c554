import { z } from 'zod';
import { defineEndpoint, FILE_RESPONSE, ZIdParamsSchema } from '../shared/contract';

export const ZNotificationSchema = z.object({
  id: z.number(),
  kind: z.string(),
  module: z.string(),
  title: z.string(),
  body: z.string(),
  href: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TNotification = z.infer<typeof ZNotificationSchema>;

export const ZNotificationQuerySchema = z.object({
  unread: z.enum(['1', '0']).optional(),
  page: z.coerce.number({ error: '页码必须是数字' }).int('页码必须是整数').min(1, '页码不能小于 1').max(10_000, '页码过大').default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
});

export const ZNotificationPageSchema = z.object({ items: z.array(ZNotificationSchema), total: z.number(), unread: z.number() });

/** What the header shows and the live stream sends: unread notifications and open to-dos. */
export const ZNotificationCountSchema = z.object({ unread: z.number(), latest: ZNotificationSchema.nullable() });
export type TNotificationCount = z.infer<typeof ZNotificationCountSchema>;

export const ZDeliverySchema = z.object({
  id: z.number(),
  channel: z.enum(['sms', 'voice']),
  address: z.string(),
  recipientName: z.string(),
  message: z.string(),
  module: z.string(),
  ref: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  tries: z.array(z.object({ at: z.string(), outcome: z.enum(['sent', 'error', 'timeout']), detail: z.string(), durationMs: z.number() })),
});
export type TDelivery = z.infer<typeof ZDeliverySchema>;

export const ZDeliveryQuerySchema = z.object({
  status: z.enum(['pending', 'sent', 'failed'], { error: '状态应为 pending、sent 或 failed' }).optional(),
  ref: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(20),
});

export const ZGatewayMessageSchema = z.object({
  at: z.string(),
  channel: z.enum(['sms', 'voice']),
  to: z.string(),
  text: z.string(),
  ref: z.string().nullable(),
});

export const ZGatewayFailSchema = z.object({
  mode: z.enum(['none', 'error', 'timeout'], { error: '故障方式应为 none、error 或 timeout' }),
  /** How many further messages fail (0: until told otherwise). */
  count: z.number().int().min(0).max(100_000).default(0),
});

export const notificationEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/notifications',
    access: 'authenticated',
    summary: '本人的通知（已读/未读）',
    query: ZNotificationQuerySchema,
    response: ZNotificationPageSchema,
  }),
  count: defineEndpoint({
    method: 'GET',
    path: '/api/notifications/count',
    access: 'authenticated',
    summary: '本人未读通知数（页头角标）',
    response: ZNotificationCountSchema,
  }),
  stream: defineEndpoint({
    method: 'GET',
    path: '/api/notifications/stream',
    access: 'authenticated',
    summary: '本人未读通知数的实时推送（server-sent events，每次变化推送一次）',
    response: FILE_RESPONSE,
  }),
  read: defineEndpoint({
    method: 'POST',
    path: '/api/notifications/:id/read',
    access: 'authenticated',
    summary: '标记一条通知为已读',
    params: ZIdParamsSchema,
    status: 204,
  }),
  readAll: defineEndpoint({
    method: 'POST',
    path: '/api/notifications/read-all',
    access: 'authenticated',
    summary: '全部标记为已读',
    response: z.object({ marked: z.number() }),
  }),
  deliveries: defineEndpoint({
    method: 'GET',
    path: '/api/deliveries',
    access: 'notification.deliveries',
    summary: '短信与语音外呼记录（每次尝试及结果）',
    query: ZDeliveryQuerySchema,
    response: z.object({ items: z.array(ZDeliverySchema), total: z.number(), failed: z.number() }),
  }),
  retry: defineEndpoint({
    method: 'POST',
    path: '/api/deliveries/:id/retry',
    access: 'notification.deliveries',
    summary: '重发一条失败的短信或语音',
    params: ZIdParamsSchema,
    status: 204,
  }),
  outbox: defineEndpoint({
    method: 'GET',
    path: '/api/notification-gateway/outbox',
    access: 'notification.gateway',
    summary: '内置测试网关：已收到的短信与语音（最近 5000 条）',
    query: z.object({ to: z.string().max(20).optional() }),
    response: z.object({ items: z.array(ZGatewayMessageSchema) }),
  }),
  fail: defineEndpoint({
    method: 'POST',
    path: '/api/notification-gateway/fail',
    access: 'notification.gateway',
    summary: '内置测试网关：让后续消息失败或超时',
    body: ZGatewayFailSchema,
    status: 204,
  }),
};
