/**
 * `yingji fire-simulate`: a camera platform in a box. Posts a live stream of alarms to a running Yingji with a
 * platform's API key, as a camera platform would: each simulated fire is a burst of alarms from one channel at one
 * bearing and distance (so the board shows one incident per fire, its alarm count rising), and every channel's
 * heartbeat each tick, one of them on battery when asked, so the duty officer sees a power loss flagged.
 */
import { AppError } from '@yingji/domain';

export interface TSimulateOptions {
  url: string;
  key: string;
  channels: string[];
  /** How many fires to simulate (0: until stopped). */
  fires: number;
  /** Alarms per fire. */
  burst: number;
  /** Milliseconds between alarms of a burst, and between fires. */
  alarmGapMs: number;
  fireGapMs: number;
  /** A channel whose heartbeats report the grid down (on battery). */
  powerLoss: string | null;
  /** Share of fires with a bearing the operator will call a false alarm: only changes the logged hint. */
  seed: number;
}

export function parseSimulateArgs(args: string[]): TSimulateOptions {
  const get = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const url = get('url') ?? 'http://localhost:3000';
  const key = get('key') ?? '';
  const channels = (get('channels') ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (!key) throw new AppError('invalid', '请给出监控平台接入密钥：--key <密钥>');
  if (channels.length === 0) throw new AppError('invalid', '请给出该密钥可推送的通道编号：--channels A1,A2');
  const num = (name: string, d: number) => {
    const v = get(name);
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new AppError('invalid', `--${name} 必须是非负数`);
    return n;
  };
  return {
    url: url.replace(/\/$/, ''),
    key,
    channels,
    fires: num('fires', 0),
    burst: Math.max(1, num('burst', 5)),
    alarmGapMs: num('alarm-gap', 1000),
    fireGapMs: num('fire-gap', 15_000),
    powerLoss: get('power-loss') ?? null,
    seed: num('seed', Date.now() % 100_000),
  };
}

/** A small deterministic generator (mulberry32), so a run can be repeated. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function simulate(o: TSimulateOptions, out: (s: string) => void, stop: () => boolean = () => false): Promise<number> {
  const rnd = random(o.seed);
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${o.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': o.key },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new AppError('invalid', `服务器拒绝（HTTP ${res.status}）：${String(json.message ?? '')}`);
    return json;
  };
  const heartbeats = () =>
    post('/api/fire/ingest/heartbeats', {
      heartbeats: o.channels.map((channel) => ({
        channel,
        at: new Date().toISOString(),
        power: channel === o.powerLoss ? 'battery' : 'mains',
        network: 'ok',
        camera: 'ok',
      })),
    });
  await heartbeats();
  out(`[fire-simulate] 已发送 ${o.channels.length} 个通道的心跳${o.powerLoss ? `（${o.powerLoss} 报告市电中断，蓄电池供电）` : ''}`);
  let posted = 0;
  const run = `${Date.now().toString(36)}-${o.seed}`;
  for (let fire = 1; o.fires === 0 || fire <= o.fires; fire++) {
    if (stop()) break;
    const channel = o.channels[Math.floor(rnd() * o.channels.length)]!;
    const bearingDeg = Math.round(rnd() * 3599) / 10;
    const distanceM = Math.round(1500 + rnd() * 5000);
    for (let i = 1; i <= o.burst; i++) {
      const r = (await post('/api/fire/ingest/alarm', {
        alarmId: `sim-${run}-${fire}-${i}`,
        channel,
        at: new Date().toISOString(),
        bearingDeg: Math.min(359.9, Math.max(0, bearingDeg + (rnd() - 0.5) * 0.4)),
        distanceM: Math.round(distanceM + (rnd() - 0.5) * 60),
        confidence: Math.round((0.55 + rnd() * 0.4) * 100) / 100,
        imageRef: null,
      })) as { items: { status: string; incidentId: number | null }[] };
      posted++;
      const item = r.items[0]!;
      out(
        `[fire-simulate] 火点 ${fire} 告警 ${i}/${o.burst}：通道 ${channel} 方位 ${bearingDeg}° 距离 ${distanceM} 米 → ${item.status === 'suppressed' ? '被屏蔽区屏蔽' : `事件 #${item.incidentId}`}`,
      );
      if (i < o.burst) await sleep(o.alarmGapMs);
    }
    await heartbeats();
    if (o.fires === 0 || fire < o.fires) await sleep(o.fireGapMs);
  }
  out(`[fire-simulate] 共发送告警 ${posted} 条`);
  return posted;
}
