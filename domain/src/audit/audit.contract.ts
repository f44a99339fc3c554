/** The audit log's endpoints. */
import { z } from 'zod';
import { defineEndpoint, FILE_RESPONSE } from '../shared/contract';
import { ZAuditPageSchema, ZAuditQuerySchema } from './audit.schema';

export const ZAuditVerifySchema = z.object({
  ok: z.boolean(),
  count: z.number(),
  problem: z.object({ id: z.number(), reason: z.string() }).optional(),
});

export const auditEndpoints = {
  list: defineEndpoint({
    method: 'GET',
    path: '/api/audit',
    access: 'audit.read',
    summary: '审计日志（按操作人、对象、操作、时间筛选）',
    tags: ['audit'],
    query: ZAuditQuerySchema,
    response: ZAuditPageSchema,
  }),
  export: defineEndpoint({
    method: 'GET',
    path: '/api/audit/export',
    access: 'audit.read',
    summary: '导出筛选后的审计日志（Excel）',
    tags: ['audit'],
    query: ZAuditQuerySchema.omit({ page: true, pageSize: true }),
    response: FILE_RESPONSE,
  }),
  verify: defineEndpoint({
    method: 'GET',
    path: '/api/audit/verify',
    access: 'audit.read',
    summary: '校验审计日志哈希链',
    tags: ['audit'],
    response: ZAuditVerifySchema,
  }),
};
