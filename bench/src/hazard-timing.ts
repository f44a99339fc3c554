import { processCpuMs } from './machine';

/**
 * A hazard state transition, from one client (the latency a user sees: the figure, p95 ≤ 30 ms) and under load: `POST /api/hazards/:id/actions` with the action `plan` (填报整改方案, allowed
 * in found, ordered and rectifying and repeatable, so the generated data are never used up), as the bench's town
 * officer on the open hazards of 石岐. Each connection owns its own hazards and sends the version the previous answer
 * gave, so no request is refused as stale: every one is a real write (the hazard, its transition and the audit entry
 * in one transaction). The server's CPU per transition is read from /proc as for the other cases.
 */
export async function timeHazardAction(
  baseUrl: string,
  cookie: string,
  options: { connections: number; durationSeconds: number; warmupSeconds: number; serverPid: number },
): Promise<{ name: string; seconds: number; detail: string }> {
  const list = await fetch(new URL('/api/hazards?page=1&pageSize=200&open=true', baseUrl), { headers: { cookie } });
  if (list.status !== 200) throw new Error(`GET /api/hazards answered ${list.status}`);
  const open = ((await list.json()) as { items: { id: number; state: string; version: number }[] }).items.filter((h) =>
    ['found', 'ordered', 'rectifying'].includes(h.state),
  );
  if (open.length === 0) throw new Error('no open hazard in the town officer’s scope to plan');
  const version = new Map(open.map((h) => [h.id, h.version]));
  let failures = 0;
  let firstFailure = '';
  const plan = (n: number) => ({
    measures: `更换老化设备，完善安全防护装置（基准测试第 ${n} 次）`,
    fundsFen: 500_000 + n,
    deadline: null,
    responsiblePerson: '张伟',
    contingency: '整改期间设置警戒区域，专人监护',
  });
  const worker = async (w: number, connections: number, until: number, latencies: number[]) => {
    const mine = open.filter((_, i) => i % connections === w);
    for (let n = 0; performance.now() < until; n++) {
      const h = mine[n % mine.length]!;
      const t0 = performance.now();
      const res = await fetch(new URL(`/api/hazards/${h.id}/actions`, baseUrl), {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: baseUrl },
        body: JSON.stringify({ action: 'plan', version: version.get(h.id), plan: plan(n) }),
      });
      const body = (await res.json()) as { version?: number; message?: string };
      const ms = performance.now() - t0;
      if (res.status !== 200) {
        failures++;
        firstFailure ||= `${res.status} ${body.message ?? ''}`;
        if (failures > 20) throw new Error(`POST /api/hazards/${h.id}/actions answered ${firstFailure}`);
        continue;
      }
      version.set(h.id, body.version!);
      latencies.push(ms);
    }
  };
  const run = async (connections: number, seconds: number) => {
    const latencies: number[] = [];
    const until = performance.now() + seconds * 1000;
    const cpuBefore = processCpuMs(options.serverPid);
    const started = performance.now();
    await Promise.all(Array.from({ length: connections }, (_, w) => worker(w, connections, until, latencies)));
    const elapsed = (performance.now() - started) / 1000;
    const cpu = processCpuMs(options.serverPid) - cpuBefore;
    latencies.sort((a, b) => a - b);
    const at = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? Number.NaN;
    return {
      p95: at(95),
      text:
        `${connections} connection${connections > 1 ? 's' : ''}: ${latencies.length.toLocaleString('en')} transitions, ${(latencies.length / elapsed).toFixed(0)}/s, ` +
        `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms, Node CPU ${(cpu / Math.max(1, latencies.length)).toFixed(2)} ms/transition`,
    };
  };
  const many = Math.min(options.connections, open.length);
  if (options.warmupSeconds > 0) await run(many, options.warmupSeconds);
  const one = await run(1, options.durationSeconds);
  const loaded = await run(many, options.durationSeconds);
  const detail =
    `\`POST /api/hazards/:id/actions\` {action: plan} as the town officer of 石岐 on its ${open.length} open hazards (each connection its own): ` +
    `${one.text}; ${loaded.text}` +
    (failures ? `; ${failures} refused (first: ${firstFailure})` : '');
  console.log(`[bench] hazard transition: ${detail}`);
  return { name: 'hazard state transition p95, one client (plan on open hazards)', seconds: one.p95 / 1000, detail };
}
