/** The endpoints of the inspector pool (执法检查人员名录) and its conflicts of interest (回避). */
import { z } from 'zod';
import { defineEndpoint, FILE_RESPONSE, ZIdParamsSchema } from '../shared/contract';
import {
  ZConflictCreateSchema,
  ZConflictSchema,
  ZInspectorCandidateSchema,
  ZInspectorCreateSchema,
  ZInspectorListQuerySchema,
  ZInspectorPageSchema,
  ZInspectorSchema,
  ZInspectorUpdateSchema,
} from './inspector.schema';

const tags = ['inspection'] as const;

export const ZConflictParamsSchema = ZIdParamsSchema.extend({
  enterpriseId: z.coerce.number().int().positive('企业编号必须是正整数'),
});

export const inspectorEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/inspectors',
    access: 'inspection.inspectors',
    summary: '执法人员名录（证件状态、在岗、关键词）',
    tags,
    query: ZInspectorListQuerySchema,
    response: ZInspectorPageSchema,
  }),
  export: defineEndpoint({
    method: 'GET',
    path: '/api/inspectors/export',
    access: 'inspection.inspectors',
    summary: '导出执法人员名录（Excel）',
    tags,
    query: ZInspectorListQuerySchema.omit({ page: true, pageSize: true }),
    response: FILE_RESPONSE,
  }),
  candidates: defineEndpoint({
    method: 'GET',
    path: '/api/inspectors/candidates',
    access: 'inspection.inspectors',
    summary: '可列入名录的执法人员账号',
    tags,
    response: z.array(ZInspectorCandidateSchema),
  }),
  create: defineEndpoint({
    method: 'POST',
    path: '/api/inspectors',
    access: 'inspection.inspectors',
    summary: '把执法人员列入名录（执法证号、有效期）',
    tags,
    body: ZInspectorCreateSchema,
    response: ZInspectorSchema,
    status: 201,
  }),
  update: defineEndpoint({
    method: 'PATCH',
    path: '/api/inspectors/:id',
    access: 'inspection.inspectors',
    summary: '修改执法证信息或在岗状态',
    tags,
    params: ZIdParamsSchema,
    body: ZInspectorUpdateSchema,
    response: ZInspectorSchema,
  }),
  conflicts: defineEndpoint({
    method: 'GET',
    path: '/api/inspectors/:id/conflicts',
    access: 'inspection.inspectors',
    summary: '执法人员登记的回避企业',
    tags,
    params: ZIdParamsSchema,
    response: z.array(ZConflictSchema),
  }),
  declareConflict: defineEndpoint({
    method: 'POST',
    path: '/api/inspectors/:id/conflicts',
    access: 'inspection.inspectors',
    summary: '登记回避（利害关系企业）',
    tags,
    params: ZIdParamsSchema,
    body: ZConflictCreateSchema,
    response: z.array(ZConflictSchema),
    status: 201,
  }),
  withdrawConflict: defineEndpoint({
    method: 'DELETE',
    path: '/api/inspectors/:id/conflicts/:enterpriseId',
    access: 'inspection.inspectors',
    summary: '撤销回避登记',
    tags,
    params: ZConflictParamsSchema,
    response: z.array(ZConflictSchema),
  }),
};
