/**
 * The roll-up module: counts of hazards, inspections and cases kept by triggers in the writer's transaction
 * (rollup.sql.ts, installed at every migrate), the one endpoint that reads them for a period, and the reads the
 * hazard, case and inspection workbenches and the hazard dashboard use (rollup.repo.ts).
 */
import { rollupEndpoints } from '@yingji/domain';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';
import { foldRollupDeltas } from './rollup.repo';
import { createRollupService, type TRollupService } from './rollup.service';

declare module '../../kit/module' {
  interface TModuleApis {
    rollup: TRollupService;
  }
}

export const rollupModule = defineModule({
  name: 'rollup',
  title: '汇总计数',
  permissions: [],
  create: ({ db }) => createRollupService({ db }),
  routes: (api) => [handle(rollupEndpoints.counts, ({ ctx, query }) => api.counts(ctx, query))],
  jobs: (_api, { db }) => [
    // The city counts: the changes the triggers append are added in every few seconds (a reader adds the rest itself).
    { name: '汇总计数并入市级', everyMs: 5000, run: async () => void (await foldRollupDeltas(db)) },
  ],
});
