import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZInspectionStatsSchema, ZStatsQuerySchema } from '@yingji/domain';
import type { TReportExport } from './stats.export';
import type { TInspectionStatsService } from './stats.service';

const tags = ['inspection'];

export function inspectionStatsRoutes(
  app: FastifyInstance,
  { stats, exporter }: { stats: TInspectionStatsService; exporter: TReportExport },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/inspection-stats', {
    config: { access: 'inspection.read' },
    schema: {
      tags,
      summary: '监督检查统计：按周期、镇街、检查方式的检查家次、企业数与隐患数',
      querystring: ZStatsQuerySchema,
      response: { 200: ZInspectionStatsSchema },
    },
    handler: (request) => stats.stats(request.ctx, request.query),
  });

  r.get('/api/inspection-stats/export', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '导出监督检查统计（Excel）', querystring: ZStatsQuerySchema },
    handler: async (request, reply) => {
      const s = await stats.stats(request.ctx, request.query);
      const { buffer, fileName } = await exporter.stats(request.ctx, s, request.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="inspection-stats.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  });
}
