/** The endpoints of inspection records (监督检查记录), their findings and the 现场检查记录 document. */
import { z } from 'zod';
import { defineEndpoint, FILE_RESPONSE, idParams, ZIdParamsSchema } from '../shared/contract';
import {
  ZFindingListQuerySchema,
  ZFindingPageSchema,
  ZFindingSummaryQuerySchema,
  ZFindingSummarySchema,
  ZInspectionCreateSchema,
  ZInspectionDetailSchema,
  ZInspectionListQuerySchema,
  ZInspectionPageSchema,
  ZInspectionUpdateSchema,
  ZInspectorOptionSchema,
  ZPendingTargetSchema,
} from './inspection.schema';

const tags = ['inspection'] as const;

/** The list's counts by kind (四不两直 counted apart). */
export const ZInspectionByKindSchema = z.object({ planned: z.number().int(), ad_hoc: z.number().int(), unannounced: z.number().int() });
export const ZInspectionListSchema = ZInspectionPageSchema.extend({ byKind: ZInspectionByKindSchema });

export const inspectionEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/inspections',
    access: 'inspection.read',
    summary: '监督检查记录（镇街、检查方式含四不两直、日期、企业关键词；分页；按方式计数）',
    tags,
    query: ZInspectionListQuerySchema,
    response: ZInspectionListSchema,
  }),
  export: defineEndpoint({
    method: 'GET',
    path: '/api/inspections/export',
    access: 'inspection.read',
    summary: '导出筛选后的监督检查记录（Excel）',
    tags,
    query: ZInspectionListQuerySchema.omit({ page: true, pageSize: true }),
    response: FILE_RESPONSE,
  }),
  pendingTargets: defineEndpoint({
    method: 'GET',
    path: '/api/inspections/pending-targets',
    access: 'inspection.read',
    summary: '本辖区已抽中、尚未检查的对象（双随机抽查从这里开始）',
    tags,
    response: z.array(ZPendingTargetSchema),
  }),
  inspectorOptions: defineEndpoint({
    method: 'GET',
    path: '/api/inspections/inspector-options',
    access: 'inspection.read',
    summary: '可选的执法人员（名录中在用的，含执法证有效期）',
    tags,
    response: z.array(ZInspectorOptionSchema),
  }),
  detail: defineEndpoint({
    method: 'GET',
    path: '/api/inspections/:id',
    access: 'inspection.read',
    summary: '检查记录详情：人员、逐项结果、签名、发现的问题',
    tags,
    params: ZIdParamsSchema,
    response: ZInspectionDetailSchema,
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/inspections',
    access: 'inspection.record',
    summary: '新建检查记录（草稿）：双随机抽查、日常检查或四不两直',
    tags,
    body: ZInspectionCreateSchema,
    response: ZInspectionDetailSchema,
    status: 201,
  }),
  update: defineEndpoint({
    method: 'PATCH',
    path: '/api/inspections/:id',
    access: 'inspection.record',
    summary: '保存草稿：人员、逐项结果、照片、签名、结论',
    tags,
    params: ZIdParamsSchema,
    body: ZInspectionUpdateSchema,
    response: ZInspectionDetailSchema,
  }),
  submit: defineEndpoint({
    method: 'POST',
    path: '/api/inspections/:id/submit',
    access: 'inspection.record',
    summary: '提交检查记录：检查完整性，不合格项转为发现的问题（一次事务）',
    tags,
    params: ZIdParamsSchema,
    response: ZInspectionDetailSchema,
  }),
  publish: defineEndpoint({
    method: 'POST',
    path: '/api/inspections/:id/publish',
    access: 'inspection.record',
    summary: '公示检查结果（一公开）：双随机公示页显示检查日期、结论和发现问题数',
    tags,
    params: ZIdParamsSchema,
    response: ZInspectionDetailSchema,
  }),
  recordDocx: defineEndpoint({
    method: 'GET',
    path: '/api/inspections/:id/record.docx',
    access: 'inspection.read',
    summary: '现场检查记录（Word 文档，由检查记录生成）',
    tags,
    params: idParams('检查记录编号'),
    response: FILE_RESPONSE,
  }),
};

export const findingEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/findings',
    access: 'inspection.read',
    summary: '检查发现的问题（镇街、日期、是否重大、是否已转为隐患；分页）',
    tags,
    query: ZFindingListQuerySchema,
    response: ZFindingPageSchema,
  }),
  summary: defineEndpoint({
    method: 'GET',
    path: '/api/findings/summary',
    access: 'inspection.read',
    summary: '检查发现的问题：待转为隐患（其中重大）与已转的条数，实时统计',
    tags,
    query: ZFindingSummaryQuerySchema,
    response: ZFindingSummarySchema,
  }),
  export: defineEndpoint({
    method: 'GET',
    path: '/api/findings/export',
    access: 'inspection.read',
    summary: '导出检查发现的问题（Excel）',
    tags,
    query: ZFindingListQuerySchema.omit({ page: true, pageSize: true }),
    response: FILE_RESPONSE,
  }),
};
