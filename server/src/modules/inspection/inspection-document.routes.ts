import { idParams } from '@yingji/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TInspectionDocumentService } from './inspection-document.service';
import { contentDisposition } from '../../kit/ledger-export';

const ZIdParams = idParams('检查记录编号');

export function inspectionDocumentRoutes(app: FastifyInstance, { documents }: { documents: TInspectionDocumentService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/inspections/:id/record.docx', {
    config: { access: 'inspection.read' },
    schema: { tags: ['inspection'], summary: '现场检查记录（Word 文档，由检查记录生成）', params: ZIdParams },
    handler: async (request, reply) => {
      const { buffer, fileName } = await documents.recordDocx(request.ctx, request.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', contentDisposition('inspection-record.docx', fileName))
        .send(buffer);
    },
  });
}
