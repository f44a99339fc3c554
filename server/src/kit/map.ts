/**
 * The map layer registry (一张图): each module's manifest declares its layers in `<module>.map.ts`, each a small
 * query over the module's own table returning points (id, name, coordinates, a category, the record's link) and
 * the same rows counted by town. Deny by default: a layer is listed only to a role holding its permission, and its
 * points answer 403 to any other; every query carries the actor's division scope. Enterprise users get no layer.
 *
 * A layer may hold thousands of points, and everyone opening the map asks for the same ones: the database writes the
 * points' JSON itself, compact (`[longitude, latitude, id, category]`, the name and link asked for on a click), and the
 * whole answer is kept per (layer, scope) while the database has not changed and the minute has not turned
 * (kit/snapshot-cache.ts). The time is part of what a layer filters on (this month, this year, overdue today): the
 * minute bounds it.
 */
import { AppError, can, type TMapCategory, type TMapLayer, type TMapPointDetail, type TPermission } from '@yingji/domain';
import { and, asc, eq, like, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { divisions } from '../db/schema/index';
import { escapeLike } from '../shared/scope';
import type { TActorContext, TRequestContext } from '../shared/context';
import { requireActor } from './access';
import { createSnapshotCache } from './snapshot-cache';

/** Points drawn per layer at most: more is unreadable on a city map and slow on a phone. */
export const MAP_POINT_LIMIT = 5_000;

/** Layer answers kept at most: a city's layers for the city and for each town, with room to spare. */
const KEPT_MAX = 500;

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
  /**
   * One layer's points in the actor's scope, bounded, with the per-town counts, as the JSON text of
   * `TMapLayerPoints` (written by the database, kept while it has not changed); 404 unknown, 403 forbidden.
   */
  pointsJson(db: Db, ctx: TRequestContext, key: string, now: Date): Promise<string>;
  /** One point of a layer with its name, line and link; 404 where it is not in the layer or not in the scope. */
  point(db: Db, ctx: TRequestContext, key: string, id: number, now: Date): Promise<TMapPointDetail>;
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

/** Coordinates to 5 decimals (about a metre): enough for a city map, a third shorter than a double's digits. */
const coordinate = (c: SQL) => sql`round((${c})::numeric, 5)::float8`;

/**
 * The layer's points in drawing order as one JSON text (`[[lng,lat,id,"category"],…]`, without the spaces json_agg
 * puts between elements) and how many. The aggregate reads the limited subquery in its order.
 */
const pointsOf = (s: TMapSource, located: SQL) => sql`
  SELECT count(*)::int AS "n",
    '[' || coalesce(string_agg('[' || ${coordinate(sql`p.lng`)} || ',' || ${coordinate(sql`p.lat`)} || ',' || p.id || ','
      || to_json(p.category::text)::text || ']', ','), '') || ']' AS "json"
  FROM (SELECT ${s.longitude} AS lng, ${s.latitude} AS lat, ${s.id} AS id, ${s.category} AS category
        ${s.from} WHERE ${s.where} AND ${located} ORDER BY ${s.order} LIMIT ${MAP_POINT_LIMIT}) p`;

export function createMapRegistry(): TMapRegistry {
  const all: (TMapLayerDefinition & { module: string })[] = [];
  const kept = createSnapshotCache<string>({ max: KEPT_MAX, period: 60_000 });

  const readable = (ctx: TRequestContext, key: string) => {
    const actor = requireActor(ctx);
    const layer = all.find((l) => l.key === key);
    if (!layer) throw new AppError('not_found', '没有这个图层');
    if (!mayRead(actor, layer)) throw new AppError('forbidden', '没有查看此图层的权限');
    return { actor, layer };
  };

  async function compute(db: Db, layer: TMapLayerDefinition, scope: string, now: Date): Promise<string> {
    const s = layer.source({ scope, now });
    const located = sql`${s.longitude} IS NOT NULL AND ${s.latitude} IS NOT NULL`;
    const [[drawn], counts, towns] = await Promise.all([
      queryRows<{ n: number; json: string }>(db, pointsOf(s, located)),
      queryRows<{ code: string; n: number; located: number }>(
        db,
        sql`SELECT ${s.division} AS "code", count(*)::int AS "n", (count(*) FILTER (WHERE ${located}))::int AS "located"
            ${s.from} WHERE ${s.where} GROUP BY 1`,
      ),
      townsOf(db, scope),
    ]);
    const byTown = new Map(counts.map((c) => [c.code, c.n]));
    const total = counts.reduce((t, c) => t + c.n, 0);
    const locatedTotal = counts.reduce((t, c) => t + c.located, 0);
    const head = JSON.stringify({
      key: layer.key,
      total,
      located: locatedTotal,
      truncated: locatedTotal > drawn!.n,
      towns: towns.map((t) => ({ code: t.code, name: t.name, count: byTown.get(t.code) ?? 0 })),
    });
    // the points' text as the database wrote it, not parsed and written again
    return `${head.slice(0, -1)},"points":${drawn!.json}}`;
  }

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
    async pointsJson(db, ctx, key, now) {
      const { actor, layer } = readable(ctx, key);
      // the answer depends on the layer, the scope and the time (the minute, in the cache's stamp), nothing else
      return kept.get(db, `${layer.key}|${actor.divisionCode}`, now, () => compute(db, layer, actor.divisionCode, now));
    },
    async point(db, ctx, key, id, now) {
      const { actor, layer } = readable(ctx, key);
      const s = layer.source({ scope: actor.divisionCode, now });
      const [row] = await queryRows<Omit<TMapPointDetail, 'href'>>(
        db,
        sql`SELECT ${s.id} AS "id", ${s.name} AS "name", ${s.subtitle} AS "subtitle", ${s.category} AS "category",
              ${s.division} AS "divisionCode" ${s.from} WHERE ${s.where} AND ${s.id} = ${id} LIMIT 1`,
      );
      if (!row) throw new AppError('not_found', '这个图层中没有该点位，或不在您的辖区内');
      return { ...row, href: layer.href(row) };
    },
  };
}
