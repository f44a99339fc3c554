import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ZColumnMappingSchema, ZImportApplySchema, ZImportPreviewSchema } from '@yingji/domain';
import type { TEnterpriseImportService } from './enterprise-import.service';

/** Uploads larger than this go through `yingji enterprise-import` on the server (province-scale feeds). */
export const UPLOAD_LIMIT_BYTES = 30 * 1024 * 1024;

export function enterpriseImportRoutes(app: FastifyInstance, { imports }: { imports: TEnterpriseImportService }) {
  app.addContentTypeParser(
    ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprise'];

  r.post('/api/enterprise-imports/preview', {
    config: { access: 'enterprise.import' },
    bodyLimit: UPLOAD_LIMIT_BYTES,
    schema: {
      tags,
      summary: '上传市场监管局名单（.xlsx 或 .csv，请求体为文件本身），预览新增、变更、未变、失踪、注销和无效行',
      querystring: z.object({
        fileName: z.string().trim().min(1, '缺少文件名').max(200),
        source: z.string().trim().min(1).max(50).default('市场监管局'),
        /** JSON of { field: header } when the sheet's headers are not the usual ones. */
        mapping: z.string().max(2000).optional(),
      }),
      response: { 200: ZImportPreviewSchema },
    },
    handler: async (request) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('invalid', '请上传 .xlsx 或 .csv 文件', { field: 'file' });
      let mapping: z.infer<typeof ZColumnMappingSchema> | undefined;
      if (request.query.mapping) {
        let raw: unknown;
        try {
          raw = JSON.parse(request.query.mapping);
        } catch {
          throw new AppError('invalid', '列对应关系不是有效的 JSON', { field: 'mapping' });
        }
        const parsed = ZColumnMappingSchema.safeParse(raw);
        if (!parsed.success) throw new AppError('invalid', `列对应关系：${parsed.error.issues[0]!.message}`, { field: 'mapping' });
        mapping = parsed.data;
      }
      return imports.preview(request.ctx, {
        source: { buffer: request.body },
        fileName: request.query.fileName,
        sourceName: request.query.source,
        ...(mapping ? { mapping } : {}),
      });
    },
  });

  r.post('/api/enterprise-imports/apply', {
    config: { access: 'enterprise.import' },
    schema: {
      tags,
      summary: '应用预览过的名单（一次事务，全部或全不）',
      body: ZImportApplySchema,
      response: { 200: ZImportPreviewSchema },
    },
    handler: (request) =>
      imports.apply(request.ctx, {
        token: request.body.token,
        fileName: request.body.fileName,
        sourceName: request.body.source,
        skipInvalid: request.body.skipInvalid,
        ...(request.body.mapping ? { mapping: request.body.mapping } : {}),
      }),
  });
}
