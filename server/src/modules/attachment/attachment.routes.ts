import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '@yingji/domain';
import type { TAttachmentService } from './attachment.service';
import { ATTACHMENT_MAX_BYTES } from './attachment.rules';

export const tooLarge = (bytes: number) =>
  new AppError('invalid', `图片或文件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB（本文件 ${(bytes / 1024 / 1024).toFixed(1)} MB）`, {
    field: 'file',
  });

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
const ZAttachmentSchema = z.object({ sha256: z.string(), mime: z.string(), size: z.number().int(), fileName: z.string() });

export function attachmentRoutes(app: FastifyInstance, { attachments }: { attachments: TAttachmentService }) {
  // The body is the file itself; its kind is decided by its bytes in the service, not by this header.
  app.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES + 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['attachment'];

  r.post('/api/attachments', {
    config: { access: 'attachment.upload' },
    bodyLimit: ATTACHMENT_MAX_BYTES + 1024 * 1024,
    // Refused from its declared length before it is read, with the limit named.
    onRequest: async (request) => {
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > ATTACHMENT_MAX_BYTES) throw tooLarge(length);
    },
    schema: {
      tags,
      summary: '上传图片（JPEG、PNG、WebP）或 PDF 证明材料，不超过 10 MB；请求体为文件本身',
      querystring: z.object({ fileName: z.string().trim().min(1, '缺少文件名').max(200, '文件名最多 200 个字符').default('图片') }),
      response: { 201: ZAttachmentSchema },
    },
    handler: async (request, reply) => {
      if (!Buffer.isBuffer(request.body))
        throw new AppError('invalid', '请上传 JPEG、PNG 或 WebP 格式的图片，或 PDF 格式的证明材料', { field: 'file' });
      return reply.status(201).send(await attachments.upload(request.ctx, { body: request.body, fileName: request.query.fileName }));
    },
  });

  r.get('/api/attachments/:sha256', {
    config: { access: 'attachment.read' },
    schema: { tags, summary: '按 SHA-256 读取附件', params: z.object({ sha256: z.string().max(64) }) },
    handler: async (request, reply) => {
      const file = await attachments.open(request.ctx, request.params.sha256);
      // The bytes never change (the name is their hash), but who may read them does: the browser keeps its copy and
      // asks each time (no-cache), and a 304 is answered only after the access check above, so a shared computer's
      // cache does not show one user's files to the next.
      const etag = `"${request.params.sha256}"`;
      reply.header('cache-control', 'private, no-cache').header('etag', etag).header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.header('content-type', file.mime).header('content-length', String(file.size)).send(file.stream());
    },
  });
}
