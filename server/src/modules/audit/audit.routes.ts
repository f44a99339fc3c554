import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ZAuditPageSchema, ZAuditQuerySchema } from '@yingji/domain';
import type { Db } from '../../db/client';
import type { TAuditService } from './audit.service';

export function auditRoutes(app: FastifyInstance, { db, audit }: { db: Db; audit: TAuditService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ZExportQuery = ZAuditQuerySchema.omit({ page: true, pageSize: true });

  r.get('/api/audit', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: '审计日志（按操作人、对象、操作、时间筛选）',
      querystring: ZAuditQuerySchema,
      response: { 200: ZAuditPageSchema },
    },
    handler: (request) => audit.list(db, request.query, request.session!.actor.divisionCode),
  });

  r.get('/api/audit/export', {
    config: { access: 'audit.read' },
    schema: { tags: ['audit'], summary: '导出筛选后的审计日志（Excel）', querystring: ZExportQuery },
    handler: async (request, reply) => {
      const stamp = new Date().toISOString().slice(0, 10);
      await db.transaction((tx) =>
        audit.record(tx, request.ctx, { action: 'export', entity: 'audit_log', after: { filters: request.query } }),
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="audit-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`审计日志-${stamp}.xlsx`)}`,
        )
        .send(audit.exportXlsx(db, request.query, request.session!.actor.divisionCode));
    },
  });

  r.get('/api/audit/verify', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: '校验审计日志哈希链',
      response: {
        200: z.object({ ok: z.boolean(), count: z.number(), problem: z.object({ id: z.number(), reason: z.string() }).optional() }),
      },
    },
    handler: async (request) => {
      if (request.session!.actor.divisionCode.length > 4) throw new AppError('forbidden', '只有市级及以上可以校验整条审计链');
      return audit.verify(db);
    },
  });
}
