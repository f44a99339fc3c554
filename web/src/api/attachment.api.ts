import { ATTACHMENT_MAX_BYTES, attachmentEndpoints } from '@yingji/domain/attachment/attachment.contract';
import type { TEndpointResult } from '@yingji/domain/shared/contract';
import { ApiError, endpointUrl, upload } from './client';

export type TAttachment = TEndpointResult<typeof attachmentEndpoints.upload>;

/** The largest image the server takes (the attachment contract's limit). */
export { ATTACHMENT_MAX_BYTES };

/** Where an attachment is read from (the session cookie goes along). */
export const attachmentUrl = (sha256: string): string => endpointUrl(attachmentEndpoints.file, { params: { sha256 } });

/**
 * Sends the image itself as the body (not JSON, so not through `call`); the server decides its type by its bytes.
 * The address, method and answer come from the upload's contract.
 */
export async function uploadImage(image: Blob, fileName: string): Promise<TAttachment> {
  if (image.size > ATTACHMENT_MAX_BYTES)
    throw new ApiError(400, 'invalid', `图片不能超过 10 MB（本文件 ${(image.size / 1024 / 1024).toFixed(1)} MB）`, 'file');
  return upload(endpointUrl(attachmentEndpoints.upload, { query: { fileName: fileName.slice(0, 200) || '图片' } }), image, {
    method: attachmentEndpoints.upload.method,
    contentType: ['image/jpeg', 'image/png', 'image/webp'].includes(image.type) ? image.type : 'application/octet-stream',
  });
}
