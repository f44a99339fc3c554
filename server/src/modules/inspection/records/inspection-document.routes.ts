import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TInspectionDocumentService } from './inspection-document.service';

const ZIdParams = z.object({ id: z.coerce.number().int().positive('检查记录编号必须是正整数') });

export function inspectionDocumentRoutes(app: FastifyInstance, { documents }: { documents: TInspectionDocumentService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/inspections/:id/record.docx', {
    config: { access: 'inspection.read' },
    schema: { tags: ['inspection'], summary: '现场检查记录（Word 文档，由检查记录生成）', params: ZIdParams },
    handler: async (request, reply) => {
      const { buffer, fileName } = await documents.recordDocx(request.ctx, request.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="inspection-record.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  });
}
