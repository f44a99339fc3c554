import '../shared/zod-locale';
import { z } from 'zod';

/**
 * The SMS and voice gateway. `loopback` keeps every message in the server's memory (tests, demos, a bureau without a
 * gateway yet) and can be told to fail; `http` posts `{ channel, to, text, ref }` as JSON to the URL with the
 * credentials (HTTP Basic when a user name is set, else a Bearer token).
 */
export const ZNotificationGatewaySchema = z.object({
  kind: z.enum(['loopback', 'http'], { error: '网关类型应为 loopback（内置测试网关）或 http（短信语音网关）' }),
  url: z.string().max(500, '网关地址过长').default(''),
  username: z.string().max(200, '网关用户名过长').default(''),
  secret: z.string().max(500, '网关密钥过长').default(''),
  timeoutMs: z
    .number({ error: '超时必须是数字' })
    .int('超时必须是整数')
    .min(500, '超时不能少于 500 毫秒')
    .max(60_000, '超时不能超过 60 秒'),
  maxAttempts: z.number({ error: '尝试次数必须是数字' }).int('尝试次数必须是整数').min(1, '至少尝试 1 次').max(10, '最多尝试 10 次'),
  retrySeconds: z
    .number({ error: '重试间隔必须是数字' })
    .int('重试间隔必须是整数')
    .min(1, '重试间隔不能少于 1 秒')
    .max(3600, '重试间隔不能超过 1 小时'),
});
export type TNotificationGateway = z.infer<typeof ZNotificationGatewaySchema>;

export const DEFAULT_NOTIFICATION_GATEWAY: TNotificationGateway = {
  kind: 'loopback',
  url: '',
  username: '',
  secret: '',
  timeoutMs: 5000,
  maxAttempts: 3,
  retrySeconds: 30,
};
