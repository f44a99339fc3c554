import type { FastifyInstance } from 'fastify';
import { AppError, attachmentEndpoints as e } from '@yingji/domain';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';
import { ATTACHMENT_MAX_BYTES, tooLarge } from './attachment.rules';
import { createAttachmentService, type TAttachmentService } from './attachment.service';

declare module '../../kit/module' {
  interface TModuleApis {
    attachment: TAttachmentService;
  }
}

const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

/** The body is the file itself; its kind is decided by its bytes in the service, not by this header. */
function registerUploadParser(app: FastifyInstance): void {
  app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: e.upload.bodyLimit }, (_req, body, done) => done(null, body));
}

/** Uploaded photos, signatures and evidence, content-addressed, read only in the scope of the records using them. */
export const attachmentModule = defineModule({
  name: 'attachment',
  title: '附件',
  permissions: ['attachment.read', 'attachment.upload'],
  create: ({ db, audit, clock, filesDir }) => createAttachmentService({ db, audit, clock, filesDir }),
  parsers: registerUploadParser,
  routes: (attachments) => [
    handle(
      e.upload,
      async ({ ctx, request, query }) => {
        if (!Buffer.isBuffer(request.body))
          throw new AppError('invalid', '请上传 JPEG、PNG 或 WebP 格式的图片，或 PDF 格式的证明材料', { field: 'file' });
        return attachments.upload(ctx, { body: request.body, fileName: query.fileName });
      },
      {
        // Refused from its declared length before it is read, with the limit named (after the auth gate).
        preCheck: (request) => {
          const length = Number(request.headers['content-length'] ?? 0);
          if (length > ATTACHMENT_MAX_BYTES) throw tooLarge(length);
        },
      },
    ),
    handle(e.file, async ({ ctx, params, request, reply }) => {
      const file = await attachments.open(ctx, params.sha256);
      // The bytes never change (the name is their hash), but who may read them does: the browser keeps its copy and
      // asks each time (no-cache), and a 304 is answered only after the access check above, so a shared computer's
      // cache does not show one user's files to the next.
      const etag = `"${params.sha256}"`;
      reply.header('cache-control', 'private, no-cache').header('etag', etag).header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.header('content-type', file.mime).header('content-length', String(file.size)).send(file.stream());
    }),
  ],
});
