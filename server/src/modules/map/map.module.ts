import { mapEndpoints } from '@yingji/domain';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';

declare module '../../kit/module' {
  interface TModuleApis {
    map: Record<string, never>;
  }
}

/**
 * The city map (一张图): the layers every module declares in its manifest (`mapLayers`, kit/map.ts), listed for the
 * user who asks and drawn one at a time. Listed last, so every module's layers are registered before it answers.
 */
export const mapModule = defineModule({
  name: 'map',
  title: '一张图',
  permissions: [],
  create: () => ({}),
  routes: (_api, { db, map, clock }) => [
    handle(mapEndpoints.layers, ({ ctx }) => ({ layers: map.forActor(ctx) })),
    handle(mapEndpoints.points, ({ ctx, params }) => map.points(db, ctx, params.key, clock())),
  ],
});
