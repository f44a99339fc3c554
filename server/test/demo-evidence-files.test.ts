/**
 * The demo's case evidence files (bench/src/case-evidence-files.ts) are what their rows say: a photo is a PNG that
 * decodes (signature, IHDR, the inflated pixels fill the picture), a document is a whole PDF; each is stored under
 * its real SHA-256 where the attachment store reads it. The case page shows a photo as a picture and anything else
 * as a file link (0d2cf06): a PDF given to an <img> was a broken picture.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { EVIDENCE_DOCUMENTS, EVIDENCE_PHOTOS, writeEvidenceFiles } from '../../bench/src/case-evidence-files';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The PNG's size and its pixels inflated, read chunk by chunk; throws on anything that is not a PNG. */
function decodePng(bytes: Buffer): { width: number; height: number; colourType: number; pixels: Buffer } {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG signature');
  let at = 8;
  let header: Buffer | null = null;
  const data: Buffer[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    if (type === 'IHDR') header = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IDAT') data.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (!header) throw new Error('no IHDR');
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    colourType: header[9]!,
    pixels: zlib.inflateSync(Buffer.concat(data)),
  };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the demo’s evidence files', () => {
  it.each(EVIDENCE_PHOTOS.map((f, i) => [i, f] as const))('photo %i is a PNG that decodes to its picture', (_i, f) => {
    expect(f).toMatchObject({ mime: 'image/png', ext: 'png', size: f.bytes.length });
    const png = decodePng(f.bytes);
    expect(png).toMatchObject({ width: 160, height: 120, colourType: 2 });
    expect(png.pixels.length).toBe((png.width * 3 + 1) * png.height);
  });

  it.each(EVIDENCE_DOCUMENTS.map((f, i) => [i, f] as const))('document %i is a whole PDF, not a picture', (_i, f) => {
    expect(f).toMatchObject({ mime: 'application/pdf', ext: 'pdf', size: f.bytes.length });
    const text = f.bytes.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(text).toMatch(/\/Type \/Page\b/);
    expect(() => decodePng(f.bytes)).toThrow('not a PNG signature');
  });

  it('writes each file under its real SHA-256 in the attachment store, once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-evidence-'));
    dirs.push(dir);
    expect(writeEvidenceFiles(dir)).toBe(true);
    const all = [...EVIDENCE_PHOTOS, ...EVIDENCE_DOCUMENTS];
    expect(new Set(all.map((f) => f.sha256)).size).toBe(18);
    for (const f of all) {
      const stored = fs.readFileSync(path.join(dir, 'files', 'attachments', f.sha256.slice(0, 2), f.sha256));
      expect(createHash('sha256').update(stored).digest('hex')).toBe(f.sha256);
    }
  });
});
