/** Contracts of the flood-season checks (汛前检查): rounds, a town's or village's checklist, fixes, the ledger. */
import { z } from 'zod';
import { FILE_RESPONSE, ZIdParamsSchema, defineEndpoint } from '../shared/contract';
import { DEFAULT_CHECK_DEPARTMENTS, DEFAULT_TOWN_CHECK_ITEMS, DEFAULT_VILLAGE_CHECK_ITEMS } from './flood-check.rules';
import {
  ZFloodCheckFixParamsSchema,
  ZFloodCheckFixSchema,
  ZFloodCheckRecordSchema,
  ZFloodCheckRoundInputSchema,
  ZFloodCheckRoundSchema,
  ZFloodCheckRoundViewSchema,
  ZFloodCheckUnitParamsSchema,
  ZFloodCheckUnitSchema,
} from './flood-check.schema';

const tags = ['汛前检查'];

export const floodCheckEndpoints = {
  rounds: defineEndpoint({
    method: 'GET',
    path: '/api/flood-checks',
    access: 'resources.read',
    summary: '汛前检查轮次，及新一轮的默认检查表（沿用上一轮）',
    tags,
    response: z.object({
      items: z.array(ZFloodCheckRoundSchema),
      defaults: ZFloodCheckRoundInputSchema.pick({ departments: true, townItems: true, villageItems: true }),
    }),
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/flood-checks',
    access: 'resources.manage',
    summary: '发起一轮汛前检查（市局），检查表随轮次保存',
    tags,
    body: ZFloodCheckRoundInputSchema,
    response: ZFloodCheckRoundSchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: 'GET',
    path: '/api/flood-checks/:id',
    access: 'resources.read',
    summary: '一轮汛前检查：全市汇总与各镇街进度',
    tags,
    params: ZIdParamsSchema,
    response: ZFloodCheckRoundViewSchema,
  }),
  unit: defineEndpoint({
    method: 'GET',
    path: '/api/flood-checks/:id/units/:code',
    access: 'resources.read',
    summary: '一个镇街的“九必检”（及所辖村居进度）或一个村居的“十个有”',
    tags,
    params: ZFloodCheckUnitParamsSchema,
    response: ZFloodCheckUnitSchema,
  }),
  record: defineEndpoint({
    method: 'PUT',
    path: '/api/flood-checks/:id/units/:code',
    access: 'resources.manage',
    summary: '登记检查结果（逐项：有 / 缺及情况说明，可附照片）',
    tags,
    params: ZFloodCheckUnitParamsSchema,
    body: ZFloodCheckRecordSchema,
    response: ZFloodCheckUnitSchema,
  }),
  fix: defineEndpoint({
    method: 'POST',
    path: '/api/flood-checks/:id/units/:code/items/:item/fix',
    access: 'resources.manage',
    summary: '缺失项整改完毕（销号）',
    tags,
    params: ZFloodCheckFixParamsSchema,
    body: ZFloodCheckFixSchema,
    response: ZFloodCheckUnitSchema,
  }),
  export: defineEndpoint({
    method: 'GET',
    path: '/api/flood-checks/:id/export',
    access: 'resources.read',
    summary: '导出汛前检查台账（Excel）',
    tags,
    params: ZIdParamsSchema,
    response: FILE_RESPONSE,
  }),
};

/** A new round's checklists when none came before. */
export const FLOOD_CHECK_DEFAULTS = {
  departments: [...DEFAULT_CHECK_DEPARTMENTS],
  townItems: DEFAULT_TOWN_CHECK_ITEMS.map((i) => ({ ...i })),
  villageItems: DEFAULT_VILLAGE_CHECK_ITEMS.map((i) => ({ ...i })),
};
