/** The case module's endpoints: cases, their evidence, interviews and documents, the views and the catalogue. */
import { z } from 'zod';
import { FILE_RESPONSE, defineEndpoint, idParams } from '../shared/contract';
import { ZViolationSchema, ZViolationUpsertSchema } from './case-catalogue.schema';
import { ZEvidenceCreateSchema, ZInquiryCreateSchema } from './case-action.schema';
import {
  ZCaseCreateSchema,
  ZCaseDetailSchema,
  ZCaseListQuerySchema,
  ZCasePageSchema,
  ZCaseStageCountSchema,
  ZFineTotalsQuerySchema,
  ZFineTotalsSchema,
} from './case-record.schema';

/** `:id` of a case: `案件编号必须是正整数`. */
export const ZCaseIdParamsSchema = idParams('案件编号');
export const ZCaseDocumentParamsSchema = ZCaseIdParamsSchema.extend({
  docId: z.coerce.number().int().positive('文书编号必须是正整数'),
});

const tags = ['case'] as const;

export const caseEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/cases',
    access: 'case.read',
    tags,
    summary: '行政处罚案件（阶段、办案机关、期限：7日内到期/已逾期、立案日期、关键词；分页；期限在读取时计算）',
    query: ZCaseListQuerySchema,
    response: ZCasePageSchema,
  }),
  stages: defineEndpoint({
    method: 'GET',
    path: '/api/cases/stages',
    access: 'case.read',
    tags,
    summary: '各阶段案件数及即将到期、已逾期数',
    response: z.array(ZCaseStageCountSchema),
  }),
  fines: defineEndpoint({
    method: 'GET',
    path: '/api/cases/fines',
    access: 'case.read',
    tags,
    summary: '罚没款：按办案机关和期间统计决定罚款与实缴罚款',
    query: ZFineTotalsQuerySchema,
    response: ZFineTotalsSchema,
  }),
  violations: defineEndpoint({
    method: 'GET',
    path: '/api/case-violations',
    access: 'case.read',
    tags,
    summary: '违法行为目录及自由裁量基准',
    response: z.array(ZViolationSchema),
  }),
  saveViolation: defineEndpoint({
    method: 'PUT',
    path: '/api/case-violations',
    access: 'case.catalogue',
    tags,
    summary: '新增或修改违法行为及其裁量档次（按编码）',
    body: ZViolationUpsertSchema,
    response: ZViolationSchema,
  }),
  detail: defineEndpoint({
    method: 'GET',
    path: '/api/cases/:id',
    access: 'case.read',
    tags,
    summary: '案件详情：当事人、违法行为与裁量、证据、进程、文书、缴款、期限、可执行的操作',
    params: ZCaseIdParamsSchema,
    response: ZCaseDetailSchema,
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/cases',
    access: 'case.handle',
    tags,
    summary: '登记案件（待立案审批）：当事人、来源、违法行为、办案机关、承办人',
    body: ZCaseCreateSchema,
    response: ZCaseDetailSchema,
    status: 201,
  }),
  addEvidence: defineEndpoint({
    method: 'POST',
    path: '/api/cases/:id/evidence',
    access: 'case.handle',
    tags,
    summary: '添加证据（书证、照片、笔录；附件 SHA-256）',
    params: ZCaseIdParamsSchema,
    body: ZEvidenceCreateSchema,
    response: ZCaseDetailSchema,
  }),
  addInquiry: defineEndpoint({
    method: 'POST',
    path: '/api/cases/:id/inquiries',
    access: 'case.handle',
    tags,
    summary: '制作询问笔录（问答记录，编号，可生成 Word）',
    params: ZCaseIdParamsSchema,
    body: ZInquiryCreateSchema,
    response: ZCaseDetailSchema,
    status: 201,
  }),
  document: defineEndpoint({
    method: 'GET',
    path: '/api/cases/:id/documents/:docId',
    access: 'case.read',
    tags,
    summary: '案件文书（Word，按文号生成）',
    params: ZCaseDocumentParamsSchema,
    response: FILE_RESPONSE,
  }),
};
