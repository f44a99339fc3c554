/**
 * The forest-fire worker in the server process: forwarding every 5 s, escalation and device silence every 30 s.
 * Ticks never overlap; a failed tick is logged and the next one tries again (the outbox and the incidents are in the
 * database, so nothing waits in memory).
 */
import type { TFireForwarder } from './fire-forward';
import type { TFireHealth } from './fire-health.service';
import type { TFireIncidents } from './fire-incident.service';

export function createFireWorker({
  forwarder,
  incidents,
  health,
}: {
  forwarder: TFireForwarder;
  incidents: Pick<TFireIncidents, 'escalateDue'>;
  health: Pick<TFireHealth, 'evaluate'>;
}) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let ticks = 0;

  async function tick() {
    try {
      await forwarder.deliverDue();
      if (ticks++ % 6 === 0) {
        await incidents.escalateDue();
        await health.evaluate(null);
      }
    } catch (e) {
      console.error(`[yingji] 森林防火后台任务出错：${(e as Error).message}`);
    }
  }

  return {
    start(intervalMs = 5000) {
      if (timer) return;
      timer = setInterval(() => {
        if (!running) running = tick().finally(() => (running = null));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
