import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZCaseExchangeQuerySchema, ZPublicDecisionQuerySchema } from '@yingji/domain';
import type { TCaseExchangeService } from './case-exchange.service';

const CSV = 'text/csv; charset=utf-8';

/** 双公示 (no login) and the provincial export (docs/case-exchange.md). */
export function caseExchangeRoutes(app: FastifyInstance, exchange: TCaseExchangeService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/public/case-decisions', {
    config: { access: 'public' },
    schema: {
      tags: ['public'],
      summary: '行政处罚决定公示（双公示）：文号、当事人（自然人姓名隐去）、违法行为、依据、处罚内容；format=csv 导出',
      querystring: ZPublicDecisionQuerySchema,
    },
    handler: async (request, reply) => {
      const page = await exchange.publicDecisions(request.query.page, request.query.pageSize);
      if (request.query.format === 'csv')
        return reply
          .header('content-type', CSV)
          .header('content-disposition', 'attachment; filename="case-decisions.csv"')
          .send(exchange.publicCsv(page.items));
      return page;
    },
  });

  r.get('/api/cases/export', {
    config: { access: 'case.read' },
    schema: { tags: ['case'], summary: '向省执法平台导出案件（JSON 或 CSV；按游标增量，可重复）', querystring: ZCaseExchangeQuerySchema },
    handler: async (request, reply) => {
      const page = await exchange.exportCases(request.ctx, request.query);
      if (request.query.format === 'csv') {
        return reply
          .header('content-type', CSV)
          .header('x-next-cursor', page.nextCursor ?? '')
          .header('content-disposition', 'attachment; filename="cases.csv"')
          .send(exchange.exportCsv(page.records));
      }
      return page;
    },
  });
}
