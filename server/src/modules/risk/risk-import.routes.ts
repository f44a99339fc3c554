import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ZAssessmentApplySchema, ZAssessmentPreviewSchema } from '@yingji/domain';
import type { TRiskImportService } from './risk-import.service';
import { contentDisposition } from '../../kit/ledger-export';

const tags = ['risk'];

/** Uploads are the file itself as the body; the octet-stream parser is the one enterprise-import registers. */
export function riskImportRoutes(app: FastifyInstance, { riskImports }: { riskImports: TRiskImportService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/risk-imports/preview', {
    config: { access: 'risk.assess' },
    bodyLimit: 10 * 1024 * 1024,
    schema: {
      tags,
      summary: '上传专家评估结果（.xlsx 或 .csv，请求体为文件本身），逐行预览等级变化和问题',
      querystring: z.object({ fileName: z.string().trim().min(1, '缺少文件名').max(200) }),
      response: { 200: ZAssessmentPreviewSchema },
    },
    handler: async (request) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('invalid', '请上传 .xlsx 或 .csv 文件', { field: 'file' });
      return riskImports.preview(request.ctx, { buffer: request.body, fileName: request.query.fileName });
    },
  });

  r.post('/api/risk-imports/apply', {
    config: { access: 'risk.assess' },
    schema: {
      tags,
      summary: '应用预览过的评估结果（一次事务；有问题行则全部不导入）',
      body: ZAssessmentApplySchema,
      response: { 200: ZAssessmentPreviewSchema },
    },
    handler: (request) => riskImports.apply(request.ctx, request.body),
  });

  r.get('/api/risk-imports/template', {
    config: { access: 'risk.assess' },
    schema: { tags, summary: '下载评估结果导入模板（.xlsx）' },
    handler: async (_request, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('risk-assessment-template.xlsx', '风险评估结果导入模板.xlsx'))
        .send(await riskImports.template()),
  });
}
