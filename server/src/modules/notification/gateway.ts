/**
 * The SMS and voice gateway behind one interface. `http` posts to a generic gateway; `loopback` keeps the messages
 * in memory (tests, demos, the journey reads the answer links from it) and can be told to fail or time out.
 */
import type { TNotificationGateway } from '@yingji/domain';

export interface TGatewayMessage {
  channel: 'sms' | 'voice';
  to: string;
  text: string;
  ref: string | null;
}

export type TGatewayResult = { outcome: 'sent'; detail: string } | { outcome: 'error' | 'timeout'; detail: string };

export interface TGateway {
  send(message: TGatewayMessage, settings: TNotificationGateway): Promise<TGatewayResult>;
}

export interface TLoopbackGateway extends TGateway {
  outbox(to?: string): (TGatewayMessage & { at: string })[];
  /** The next `count` messages (0: every one until told `none`) fail with an error or a timeout. */
  fail(mode: 'none' | 'error' | 'timeout', count?: number): void;
}

const OUTBOX_LIMIT = 5000;

export function createLoopbackGateway(clock: () => Date): TLoopbackGateway {
  const kept: (TGatewayMessage & { at: string })[] = [];
  let failing: { mode: 'error' | 'timeout'; left: number | null } | null = null;
  return {
    async send(message, settings) {
      if (failing) {
        const mode = failing.mode;
        if (failing.left !== null && --failing.left <= 0) failing = null;
        if (mode === 'timeout') {
          await new Promise((r) => setTimeout(r, Math.min(settings.timeoutMs, 50)));
          return { outcome: 'timeout', detail: `测试网关：${settings.timeoutMs} 毫秒内无应答` };
        }
        return { outcome: 'error', detail: '测试网关：按设定返回失败' };
      }
      kept.push({ ...message, at: clock().toISOString() });
      if (kept.length > OUTBOX_LIMIT) kept.splice(0, kept.length - OUTBOX_LIMIT);
      return { outcome: 'sent', detail: '测试网关已接收' };
    },
    outbox: (to) => (to ? kept.filter((m) => m.to === to) : [...kept]),
    fail(mode, count = 0) {
      failing = mode === 'none' ? null : { mode, left: count > 0 ? count : null };
    },
  };
}

export const httpGateway: TGateway = {
  async send(message, settings) {
    if (!settings.url) return { outcome: 'error', detail: '未配置短信语音网关地址' };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (settings.username) headers.authorization = `Basic ${Buffer.from(`${settings.username}:${settings.secret}`).toString('base64')}`;
    else if (settings.secret) headers.authorization = `Bearer ${settings.secret}`;
    try {
      const res = await fetch(settings.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      const text = (await res.text()).slice(0, 200);
      return res.ok
        ? { outcome: 'sent', detail: `HTTP ${res.status} ${text}` }
        : { outcome: 'error', detail: `HTTP ${res.status} ${text}` };
    } catch (e) {
      const err = e as Error;
      if (err.name === 'TimeoutError' || err.name === 'AbortError')
        return { outcome: 'timeout', detail: `网关 ${settings.timeoutMs} 毫秒内无应答` };
      return { outcome: 'error', detail: `无法连接网关：${err.message}` };
    }
  },
};
