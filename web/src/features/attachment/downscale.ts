/** Longest side of a photo sent to the server: enough to read a nameplate, a tenth of a phone's original. */
export const PHOTO_MAX_SIDE = 1600;

/**
 * A phone photo made at most `maxSide` pixels on its longest side and re-encoded as JPEG before upload, so a
 * check at the gate on a weak connection sends a few hundred KB, not 5 MB. Falls back to the original file when
 * the browser cannot decode it (the server then decides).
 */
export async function downscaleImage(file: File, maxSide = PHOTO_MAX_SIDE, quality = 0.85): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && file.type === 'image/jpeg') {
    bitmap.close();
    return file;
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return file;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  return blob ?? file;
}
