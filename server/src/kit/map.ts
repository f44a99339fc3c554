/**
 * The map layer registry (一张图): each module's manifest declares its layers in `<module>.map.ts`, each a small
 * query over the module's own table returning points (id, name, coordinates, a category, the record's link) and
 * the same rows counted by town. Deny by default: a layer is listed only to a role holding its permission, and its
 * points answer 403 to any other; every query carries the actor's division scope. Enterprise users get no layer.
 */
import { AppError, can, type TMapCategory, type TMapLayer, type TMapLayerPoints, type TMapPoint, type TPermission } from '@yingji/domain';
import { and, asc, eq, like, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { divisions } from '../db/schema/index';
import { escapeLike } from '../shared/scope';
import type { TActorContext, TRequestContext } from '../shared/context';
import { requireActor } from './access';

/** Points drawn per layer at most: more is unreadable on a city map and slow on a phone. */
export const MAP_POINT_LIMIT = 5_000;

/** What a layer's query is asked: the actor's scope (a division code prefix), the time, the limit. */
export interface TMapQuery {
  scope: string;
  now: Date;
  limit: number;
}

/** The rows behind a layer: FROM … WHERE … with the scope applied, and how to read a point from a row. */
export interface TMapSource {
  /** `FROM hazards JOIN enterprises …`: the tables, joined. */
  from: SQL;
  /** The layer's filter with the actor's scope (`inScopeSql`), served by an index of the table. */
  where: SQL;
  /** The division code column of the row (counted by town). */
  division: SQL;
  /** Longitude and latitude columns (null for a record without coordinates). */
  longitude: SQL;
  latitude: SQL;
  /** `id`, `name`, `subtitle`, `category` of a point, as SQL expressions. */
  id: SQL;
  name: SQL;
  subtitle: SQL;
  category: SQL;
  /** The order points are drawn in when there are more than the limit: the most important first. */
  order: SQL;
}

export interface TMapLayerDefinition {
  /** `risk.firms`: `<module>.<layer>`, unique over the platform. */
  key: string;
  title: string;
  description: string;
  unit: string;
  /** The permission a role needs to see the layer: the module's own read permission. */
  permission: TPermission;
  categories: readonly TMapCategory[];
  /** The record's page (`/hazards/12`), or null where it has none. */
  href(point: { id: number; divisionCode: string; name: string }): string | null;
  source(q: Omit<TMapQuery, 'limit'>): TMapSource;
}

export interface TMapRegistry {
  add(module: string, layers: readonly TMapLayerDefinition[]): void;
  layers(): readonly (TMapLayerDefinition & { module: string })[];
  /** The layers the actor may read (none for an enterprise user). */
  forActor(ctx: TRequestContext): TMapLayer[];
  /** One layer's points in the actor's scope, bounded, with the per-town counts; 404 unknown, 403 forbidden. */
  points(db: Db, ctx: TRequestContext, key: string, now: Date): Promise<TMapLayerPoints>;
}

const mayRead = (actor: TActorContext, layer: TMapLayerDefinition) => actor.role !== 'enterprise_user' && can(actor.role, layer.permission);

const describe = (l: TMapLayerDefinition & { module: string }): TMapLayer => ({
  key: l.key,
  module: l.module,
  title: l.title,
  description: l.description,
  unit: l.unit,
  categories: [...l.categories],
});

/** The towns of a scope (a city's towns, or the one town of a town officer), in code order. */
const townsOf = (db: Db, scope: string) =>
  db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.level, 'town'), scope.length >= 9 ? eq(divisions.code, scope) : like(divisions.code, `${escapeLike(scope)}%`)))
    .orderBy(asc(divisions.code));

export function createMapRegistry(): TMapRegistry {
  const all: (TMapLayerDefinition & { module: string })[] = [];
  return {
    add(module, layers) {
      for (const l of layers) {
        if (all.some((x) => x.key === l.key)) throw new Error(`map layer ${l.key} is registered twice`);
        if (!l.key.startsWith(`${module}.`)) throw new Error(`map layer ${l.key} of module ${module} must start with "${module}."`);
        all.push({ ...l, module });
      }
    },
    layers: () => all,
    forActor(ctx) {
      const actor = requireActor(ctx);
      return all.filter((l) => mayRead(actor, l)).map(describe);
    },
    async points(db, ctx, key, now) {
      const actor = requireActor(ctx);
      const layer = all.find((l) => l.key === key);
      if (!layer) throw new AppError('not_found', '没有这个图层');
      if (!mayRead(actor, layer)) throw new AppError('forbidden', '没有查看此图层的权限');
      const s = layer.source({ scope: actor.divisionCode, now });
      const located = sql`${s.longitude} IS NOT NULL AND ${s.latitude} IS NOT NULL`;
      const [rows, counts, towns] = await Promise.all([
        queryRows<Omit<TMapPoint, 'href'>>(
          db,
          sql`SELECT ${s.id} AS "id", ${s.name} AS "name", ${s.subtitle} AS "subtitle", ${s.longitude} AS "longitude",
                ${s.latitude} AS "latitude", ${s.category} AS "category", ${s.division} AS "divisionCode"
              ${s.from} WHERE ${s.where} AND ${located} ORDER BY ${s.order} LIMIT ${MAP_POINT_LIMIT}`,
        ),
        queryRows<{ code: string; n: number; located: number }>(
          db,
          sql`SELECT ${s.division} AS "code", count(*)::int AS "n", (count(*) FILTER (WHERE ${located}))::int AS "located"
              ${s.from} WHERE ${s.where} GROUP BY 1`,
        ),
        townsOf(db, actor.divisionCode),
      ]);
      const byTown = new Map(counts.map((c) => [c.code, c.n]));
      const total = counts.reduce((t, c) => t + c.n, 0);
      const locatedTotal = counts.reduce((t, c) => t + c.located, 0);
      const points = rows.map((r) => ({
        ...r,
        longitude: Number(r.longitude),
        latitude: Number(r.latitude),
        href: layer.href({ id: r.id, divisionCode: r.divisionCode, name: r.name }),
      }));
      return {
        key,
        total,
        located: locatedTotal,
        points,
        truncated: locatedTotal > points.length,
        towns: towns.map((t) => ({ code: t.code, name: t.name, count: byTown.get(t.code) ?? 0 })),
      };
    },
  };
}
