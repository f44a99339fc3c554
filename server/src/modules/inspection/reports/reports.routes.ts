import { inspectionReportEndpoints as e } from '@yingji/domain';
import { sendFile } from '../../../kit/ledger-export';
import { handle, type TRouteBinding } from '../../../kit/route';
import type { TPlanProgressService } from './progress.service';
import type { TReportExport } from './stats.export';
import type { TInspectionStatsService } from './stats.service';

/** Plan progress, check frequency and statistics, with their Excel exports. */
export function reportRoutes({
  progress,
  stats,
  exporter,
}: {
  progress: TPlanProgressService;
  stats: TInspectionStatsService;
  exporter: TReportExport;
}): TRouteBinding[] {
  return [
    handle(e.plans, ({ ctx }) => progress.plans(ctx)),
    handle(e.progress, ({ ctx, params }) => progress.progress(ctx, params.id)),
    handle(e.frequency, ({ ctx, params, query }) => progress.frequency(ctx, params.id, query)),
    handle(e.progressExport, async ({ ctx, params, reply }) => {
      const p = await progress.progress(ctx, params.id);
      return sendFile(reply, await exporter.progress(ctx, p), 'plan-progress.xlsx');
    }),
    handle(e.stats, ({ ctx, query }) => stats.stats(ctx, query)),
    handle(e.statsExport, async ({ ctx, query, reply }) => {
      const s = await stats.stats(ctx, query);
      return sendFile(reply, await exporter.stats(ctx, s, query), 'inspection-stats.xlsx');
    }),
  ];
}
