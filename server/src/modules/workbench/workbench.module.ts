import { searchEndpoints, workbenchEndpoints } from '@yingji/domain';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';

declare module '../../kit/module' {
  interface TModuleApis {
    workbench: Record<string, never>;
  }
}

/** The home page's to-dos and the global search: every module's providers, answered for the user who asks. */
export const workbenchModule = defineModule({
  name: 'workbench',
  title: '工作台',
  permissions: [],
  create: () => ({}),
  routes: (_api, { db, workbench, search, clock }) => [
    handle(workbenchEndpoints.get, ({ ctx }) => workbench.forActor(db, ctx, clock())),
    handle(searchEndpoints.search, ({ ctx, query }) => search.search(ctx, query.q)),
  ],
});
