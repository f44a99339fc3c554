/** The attachment module's endpoints: an upload whose body is the file itself, and the download by hash. */
import { z } from 'zod';
import { FILE_RESPONSE, defineEndpoint } from '../shared/contract';

/** Largest upload accepted: a phone photo is 2–6 MB; the web downscales before sending. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** What an upload answers with: the file's hash (its name from then on), its type read from its bytes, its size. */
export const ZAttachmentSchema = z.object({ sha256: z.string(), mime: z.string(), size: z.number().int(), fileName: z.string() });
export type TAttachment = z.infer<typeof ZAttachmentSchema>;

const tags = ['attachment'] as const;

export const attachmentEndpoints = {
  upload: defineEndpoint({
    method: 'POST',
    path: '/api/attachments',
    access: 'attachment.upload',
    summary: '上传图片（JPEG、PNG、WebP）或 PDF 证明材料，不超过 10 MB；请求体为文件本身',
    tags,
    query: z.object({ fileName: z.string().trim().min(1, '缺少文件名').max(200, '文件名最多 200 个字符').default('图片') }),
    response: ZAttachmentSchema,
    status: 201,
    // Room for the limit's own message: a body a little over it is read and refused with the size named.
    bodyLimit: ATTACHMENT_MAX_BYTES + 1024 * 1024,
  }),
  file: defineEndpoint({
    method: 'GET',
    path: '/api/attachments/:sha256',
    access: 'attachment.read',
    summary: '按 SHA-256 读取附件',
    tags,
    params: z.object({ sha256: z.string().max(64) }),
    response: FILE_RESPONSE,
  }),
};
