/** Shelters (应急避难场所): registry, totals by town and central city, nearest to a point, census import. */
import { z } from 'zod';
import { FILE_RESPONSE, ZIdParamsSchema, defineEndpoint } from '../shared/contract';
import {
  ZNearestQuerySchema,
  ZNearestSchema,
  ZShelterImportApplySchema,
  ZShelterImportPreviewSchema,
  ZShelterImportResultSchema,
  ZShelterInputSchema,
  ZShelterListQuerySchema,
  ZShelterSchema,
  ZShelterStockSchema,
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
    summary: '上传避难场所普查表（.xlsx 或 .csv，请求体为文件本身）：识别到的列、建议的列对应关系和逐行预览，不写入任何数据',
    tags,
    query: z.object({
      fileName: z.string().trim().min(1, '缺少文件名').max(200),
      /** JSON of { field: header } when the user corrected the proposed mapping. */
      mapping: z.string().max(4000).optional(),
    }),
    response: ZShelterImportPreviewSchema,
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
  get: defineEndpoint({
    method: 'GET',
    path: '/api/shelters/:id',
    access: 'shelter.read',
    summary: '一个避难场所的全部登记信息、设施检查和储备物资',
    tags,
    params: ZIdParamsSchema,
    response: ZShelterSchema,
  }),
  stock: defineEndpoint({
    method: 'GET',
    path: '/api/shelters/:id/stock',
    access: 'shelter.read',
    summary: '避难场所储备的物资：关联仓库（储备点）的库存台账，含临期批次和低于最低储备',
    tags,
    params: ZIdParamsSchema,
    response: ZShelterStockSchema,
  }),
  importApply: defineEndpoint({
    method: 'POST',
    path: '/api/shelters/import/apply',
    access: 'shelter.manage',
    summary: '导入预览过的普查表（一次事务；有一行出错则整表不导入）',
    tags,
    body: ZShelterImportApplySchema,
    response: ZShelterImportResultSchema,
  }),
};
