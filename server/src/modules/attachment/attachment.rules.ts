import { AppError, ATTACHMENT_MAX_BYTES } from '@yingji/domain';

/** Largest upload accepted (the contract's, which the web checks too). */
export { ATTACHMENT_MAX_BYTES };

/** An upload over the limit, refused with the limit and the file's size named. */
export const tooLarge = (bytes: number) =>
  new AppError('invalid', `图片或文件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB（本文件 ${(bytes / 1024 / 1024).toFixed(1)} MB）`, {
    field: 'file',
  });

export type TImageMime = 'image/jpeg' | 'image/png' | 'image/webp';
/** What an upload may be: a photo, or an evidence document (整改证明材料) as PDF. */
export type TAttachmentMime = TImageMime | 'application/pdf';

/** The image type a file really is, read from its first bytes (the Content-Type header is the client's word only). */
export function sniffImage(buf: Buffer): TImageMime | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length >= 12 && buf.toString('ascii', 0, 4) === 'RIFF' && buf.toString('ascii', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** An image, or a PDF (`%PDF-` magic bytes); null for anything else whatever its header says. */
export function sniffAttachment(buf: Buffer): TAttachmentMime | null {
  if (buf.length >= 5 && buf.toString('ascii', 0, 5) === '%PDF-') return 'application/pdf';
  return sniffImage(buf);
}
