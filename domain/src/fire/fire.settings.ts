import '../shared/zod-locale';
import { z } from 'zod';

export const ZFireSettingsSchema = z.object({
  /** Alarms within this radius of an open incident's position join it (metres, inclusive). */
  mergeRadiusM: z.number().min(50, '合并半径至少 50 米').max(20_000, '合并半径不超过 20 公里'),
  /** … when the incident's last alarm is at most this many minutes earlier (inclusive). */
  mergeWindowMin: z
    .number()
    .int()
    .min(1, '合并时间窗至少 1 分钟')
    .max(24 * 60, '合并时间窗不超过 24 小时'),
  /** The duty officer acknowledges a new incident within this many minutes, else the duty chief is told. */
  ackMinutes: z.number().int().min(1, '签收时限至少 1 分钟').max(120, '签收时限不超过 120 分钟'),
  /** A channel silent longer than this raises a device alert. */
  silenceMinutes: z
    .number()
    .int()
    .min(1, '心跳超时至少 1 分钟')
    .max(24 * 60),
  /** The provincial platform's receiving URL; empty keeps the outbox waiting. */
  forwardUrl: z.union([z.literal(''), z.url({ error: '省平台接收地址必须是 http(s) 网址' })]),
  /** Failed deliveries before an item goes to the dead letters. */
  forwardMaxAttempts: z.number().int().min(1).max(30),
  /**
   * How long one delivery may take before it counts as failed (seconds). A claimed item is left to its worker this
   * long plus a margin; after that a restarted server takes it again.
   */
  forwardTimeoutSec: z.number().int().min(1, '投递超时至少 1 秒').max(120, '投递超时不超过 120 秒').default(10),
  /** Who is notified on dispatch besides the incident's town. */
  dispatchUnits: z.array(z.object({ name: z.string().trim().min(2).max(60), phone: z.string().trim().max(30) })).max(20),
});
export type TFireSettings = z.infer<typeof ZFireSettingsSchema>;
export const DEFAULT_FIRE_SETTINGS: TFireSettings = {
  mergeRadiusM: 1000,
  mergeWindowMin: 30,
  ackMinutes: 5,
  silenceMinutes: 10,
  forwardUrl: '',
  forwardMaxAttempts: 8,
  forwardTimeoutSec: 10,
  dispatchUnits: [{ name: '中山市森林消防大队', phone: '' }],
};
