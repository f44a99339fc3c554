import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZFindingListQuerySchema, ZFindingPageSchema } from '@yingji/domain';
import type { TFindingService } from './finding.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function findingRoutes(app: FastifyInstance, { findings }: { findings: TFindingService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspection'];

  r.get('/api/findings', {
    config: { access: 'inspection.read' },
    schema: {
      tags,
      summary: '检查发现的问题（镇街、日期、是否重大、是否已转为隐患；分页）',
      querystring: ZFindingListQuerySchema,
      response: { 200: ZFindingPageSchema },
    },
    handler: (request) => findings.list(request.ctx, request.query),
  });

  r.get('/api/findings/export', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '导出检查发现的问题（Excel）', querystring: ZFindingListQuerySchema.omit({ page: true, pageSize: true }) },
    handler: async (request, reply) => {
      const { buffer, fileName } = await findings.exportFindings(request.ctx, request.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="findings.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  });
}
