import { mapEndpoints } from '@yingji/domain';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';
import { sendJson } from '../../kit/snapshot-cache';

declare module '../../kit/module' {
  interface TModuleApis {
    map: Record<string, never>;
  }
}

/**
 * The city map (一张图): the layers every module declares in its manifest (`mapLayers`, kit/map.ts), listed for the
 * user who asks and drawn one at a time, a point's name and link asked for when it is clicked. Listed last, so every
 * module's layers are registered before it answers.
 */
export const mapModule = defineModule({
  name: 'map',
  title: '一张图',
  permissions: [],
  create: () => ({}),
  routes: (_api, { db, map, clock }) => [
    handle(mapEndpoints.layers, ({ ctx }) => ({ layers: map.forActor(ctx) })),
    // The answer's JSON is written by the database and kept (kit/map.ts): sent as it is, not parsed and serialised
    // again; map.test.ts checks it against the contract's schema.
    handle(mapEndpoints.points, async ({ ctx, params, reply }) => sendJson(reply, await map.pointsJson(db, ctx, params.key, clock()))),
    handle(mapEndpoints.point, ({ ctx, params }) => map.point(db, ctx, params.key, params.id, clock())),
  ],
});
