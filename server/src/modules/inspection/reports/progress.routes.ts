import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZFrequencyPageSchema, ZFrequencyQuerySchema, ZPlanProgressSchema, ZProgressPlanSchema } from '@yingji/domain';
import type { TPlanProgressService } from './progress.service';
import type { TReportExport } from './stats.export';

const ZIdParams = z.object({ id: z.coerce.number().int().positive('计划编号必须是正整数') });
const tags = ['inspection'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function planProgressRoutes(
  app: FastifyInstance,
  { progress, exporter }: { progress: TPlanProgressService; exporter: TReportExport },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/inspection-progress/plans', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '可查看进度的检查计划（本级及上级下达到本辖区的）', response: { 200: z.array(ZProgressPlanSchema) } },
    handler: (request) => progress.plans(request.ctx),
  });

  r.get('/api/inspection-progress/plans/:id', {
    config: { access: 'inspection.read' },
    schema: {
      tags,
      summary: '计划执行进度：按镇街、按风险等级的完成情况与逾期目标',
      params: ZIdParams,
      response: { 200: ZPlanProgressSchema },
    },
    handler: (request) => progress.progress(request.ctx, request.params.id),
  });

  r.get('/api/inspection-progress/plans/:id/frequency', {
    config: { access: 'inspection.read' },
    schema: {
      tags,
      summary: '检查频次：本年度低于最少次数或超过最多次数的企业',
      params: ZIdParams,
      querystring: ZFrequencyQuerySchema,
      response: { 200: ZFrequencyPageSchema },
    },
    handler: (request) => progress.frequency(request.ctx, request.params.id, request.query),
  });

  r.get('/api/inspection-progress/plans/:id/export', {
    config: { access: 'inspection.read' },
    schema: { tags, summary: '导出计划执行进度（Excel）', params: ZIdParams },
    handler: async (request, reply) => {
      const p = await progress.progress(request.ctx, request.params.id);
      const { buffer, fileName } = await exporter.progress(request.ctx, p);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="plan-progress.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  });
}
