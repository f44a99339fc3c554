import { z } from 'zod';
import { defineEndpoint } from '../shared/contract';

/**
 * The city map (一张图): each module declares its layers in its manifest (server/src/kit/map.ts); the map lists the
 * layers the user may read and draws one at a time, with per-town counts of it.
 */

/** A category of a layer's points (a risk colour, an accident grade …) with its colour on the map. */
export const ZMapCategorySchema = z.object({ key: z.string(), label: z.string(), colour: z.string() });
export type TMapCategory = z.infer<typeof ZMapCategorySchema>;

export const ZMapLayerSchema = z.object({
  /** `risk.firms`: unique over the platform. */
  key: z.string(),
  module: z.string(),
  /** Chinese name, `企业风险等级`. */
  title: z.string(),
  /** What it counts, one line (`本月已提交的检查，按企业位置标注`). */
  description: z.string(),
  /** What one point is, for counts: `家`, `处`, `起`. */
  unit: z.string(),
  categories: z.array(ZMapCategorySchema),
});
export type TMapLayer = z.infer<typeof ZMapLayerSchema>;

export const ZMapLayersSchema = z.object({ layers: z.array(ZMapLayerSchema) });
export type TMapLayers = z.infer<typeof ZMapLayersSchema>;

/**
 * A point as the map draws it, compact: `[longitude, latitude, id, category]` (the category's key). Its name, one
 * line and the record's link are asked for when the point is pointed at or clicked (`mapEndpoints.point`): a layer
 * of thousands of points sends only what the map draws.
 */
export const ZMapPointSchema = z.tuple([z.number(), z.number(), z.number().int(), z.string()]);
export type TMapPoint = z.infer<typeof ZMapPointSchema>;

/** One point's details: what the tooltip and the phone's card show, and the record it opens. */
export const ZMapPointDetailSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** One line: the town, the date, the state. */
  subtitle: z.string().nullable(),
  category: z.string(),
  divisionCode: z.string(),
  /** The record's page in the web app, or null where the record has none. */
  href: z.string().nullable(),
});
export type TMapPointDetail = z.infer<typeof ZMapPointDetailSchema>;

export const ZMapTownCountSchema = z.object({ code: z.string(), name: z.string(), count: z.number().int().nonnegative() });
export type TMapTownCount = z.infer<typeof ZMapTownCountSchema>;

export const ZMapLayerPointsSchema = z.object({
  key: z.string(),
  /** Records of the layer in the user's scope, with or without coordinates. */
  total: z.number().int().nonnegative(),
  /** Of those, the ones with coordinates. */
  located: z.number().int().nonnegative(),
  /** The points drawn, compact: at most the map's limit, most important first. */
  points: z.array(ZMapPointSchema),
  /** More located records than the limit: the map shows the first ones. */
  truncated: z.boolean(),
  /** Each town of the scope with its count (0 included), in code order. */
  towns: z.array(ZMapTownCountSchema),
});
export type TMapLayerPoints = z.infer<typeof ZMapLayerPointsSchema>;

export const ZMapLayerParamsSchema = z.object({
  key: z
    .string({ error: '请指定图层' })
    .regex(/^[a-z_]+\.[a-z_]+$/, '图层标识格式不正确')
    .max(60, '图层标识格式不正确'),
});

export const ZMapPointParamsSchema = ZMapLayerParamsSchema.extend({
  // ids are PostgreSQL integers: a larger number names no record and must not reach the database as one
  id: z.coerce
    .number({ error: '点位编号必须是正整数' })
    .int('点位编号必须是正整数')
    .positive('点位编号必须是正整数')
    .max(2_147_483_647, '点位编号超出范围'),
});

export const mapEndpoints = {
  layers: defineEndpoint({
    method: 'GET',
    path: '/api/map/layers',
    access: 'authenticated',
    summary: '一张图：当前用户可以查看的图层（各模块在清单中声明，按权限过滤）',
    tags: ['map'],
    response: ZMapLayersSchema,
  }),
  points: defineEndpoint({
    method: 'GET',
    path: '/api/map/layers/:key/points',
    access: 'authenticated',
    summary: '一张图：一个图层在当前用户辖区内的点位（有上限）和各镇街数量；无权查看的图层答 403',
    tags: ['map'],
    params: ZMapLayerParamsSchema,
    response: ZMapLayerPointsSchema,
  }),
  point: defineEndpoint({
    method: 'GET',
    path: '/api/map/layers/:key/points/:id',
    access: 'authenticated',
    summary: '一张图：一个点位的名称、说明和记录链接（点位须在该图层中、在当前用户辖区内）',
    tags: ['map'],
    params: ZMapPointParamsSchema,
    response: ZMapPointDetailSchema,
  }),
};
