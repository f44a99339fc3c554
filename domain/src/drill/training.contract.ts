/** The training endpoints: sessions, their totals and export, and attendance lists imported from Excel. */
import { FILE_RESPONSE, defineEndpoint, idParams } from '../shared/contract';
import { ATTACHMENT_MAX_BYTES } from '../attachment/attachment.contract';
import { DRILL_TAGS, listOf } from './drill.fields';
import {
  ZAttendanceImportQuerySchema,
  ZAttendanceImportResultSchema,
  ZTrainingDetailSchema,
  ZTrainingInputSchema,
  ZTrainingItemSchema,
  ZTrainingListQuerySchema,
  ZTrainingTotalsQuerySchema,
  ZTrainingTotalsSchema,
} from './training.schema';

const trainingId = idParams('培训编号');

export const trainingEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/drill/training',
    access: 'drill.read',
    summary: '培训记录',
    tags: DRILL_TAGS,
    query: ZTrainingListQuerySchema,
    response: listOf(ZTrainingItemSchema),
  }),
  totals: defineEndpoint({
    method: 'GET',
    path: '/api/drill/training/totals',
    access: 'drill.read',
    summary: '培训合计：按类别、年度或方式，由培训记录求和',
    tags: DRILL_TAGS,
    query: ZTrainingTotalsQuerySchema,
    response: ZTrainingTotalsSchema,
  }),
  export: defineEndpoint({
    method: 'GET',
    path: '/api/drill/training/export',
    access: 'drill.read',
    summary: '导出培训台账（Excel）',
    tags: DRILL_TAGS,
    query: ZTrainingListQuerySchema.omit({ page: true, pageSize: true }),
    response: FILE_RESPONSE,
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/drill/training',
    access: 'drill.training',
    summary: '登记培训',
    tags: DRILL_TAGS,
    body: ZTrainingInputSchema,
    response: ZTrainingDetailSchema,
    status: 201,
  }),
  get: defineEndpoint({
    method: 'GET',
    path: '/api/drill/training/:id',
    access: 'drill.read',
    summary: '培训详情与签到名单',
    tags: DRILL_TAGS,
    params: trainingId,
    response: ZTrainingDetailSchema,
  }),
  attendance: defineEndpoint({
    method: 'POST',
    path: '/api/drill/training/:id/attendance',
    access: 'drill.training',
    summary: '导入签到名单（.xlsx 或 .csv，请求体为文件本身；表头不认识时返回找到的列，由用户指定对应关系）',
    tags: DRILL_TAGS,
    params: trainingId,
    query: ZAttendanceImportQuerySchema,
    response: ZAttendanceImportResultSchema,
    bodyLimit: ATTACHMENT_MAX_BYTES,
  }),
};
