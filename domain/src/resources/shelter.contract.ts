/** Shelters (应急避难场所): registry, totals by town and central city, nearest to a point, census import. */
import { z } from 'zod';
import { FILE_RESPONSE, ZIdParamsSchema, defineEndpoint } from '../shared/contract';
import {
  ZNearestQuerySchema,
  ZNearestSchema,
  ZShelterImportResultSchema,
  ZShelterInputSchema,
  ZShelterListQuerySchema,
  ZShelterSchema,
  ZShelterTotalsSchema,
} from './shelter.schema';

const tags = ['应急避难场所'];
export const SHELTER_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export const shelterEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/shelters',
    access: 'shelter.read',
    summary: '应急避难场所名录',
    tags,
    query: ZShelterListQuerySchema,
    response: z.object({ items: z.array(ZShelterSchema), total: z.number() }),
  }),
  totals: defineEndpoint({
    method: 'GET',
    path: '/api/shelters/totals',
    access: 'shelter.read',
    summary: '避难场所汇总：全市、中心城区、各镇街（由名录逐条相加）',
    tags,
    response: ZShelterTotalsSchema,
  }),
  nearest: defineEndpoint({
    method: 'GET',
    path: '/api/shelters/nearest',
    access: 'shelter.read',
    summary: '离某点最近的可启用避难场所及距离',
    tags,
    query: ZNearestQuerySchema,
    response: ZNearestSchema,
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/shelters',
    access: 'shelter.manage',
    summary: '登记避难场所',
    tags,
    body: ZShelterInputSchema,
    response: ZShelterSchema,
    status: 201,
  }),
  update: defineEndpoint({
    method: 'PUT',
    path: '/api/shelters/:id',
    access: 'shelter.manage',
    summary: '修改避难场所（设施、核定人数、启用状态）',
    tags,
    params: ZIdParamsSchema,
    body: ZShelterInputSchema,
    response: ZShelterSchema,
  }),
  import: defineEndpoint({
    method: 'POST',
    path: '/api/shelters/import',
    access: 'shelter.manage',
    summary: '导入避难场所普查表（.xlsx 或 .csv，请求体为文件本身；有一行出错则整表不导入）',
    tags,
    query: z.object({ fileName: z.string().trim().min(1, '缺少文件名').max(200) }),
    response: ZShelterImportResultSchema,
    bodyLimit: SHELTER_IMPORT_MAX_BYTES,
  }),
  importTemplate: defineEndpoint({
    method: 'GET',
    path: '/api/shelters/import-template',
    access: 'shelter.read',
    summary: '避难场所普查表模板',
    tags,
    response: FILE_RESPONSE,
  }),
};
