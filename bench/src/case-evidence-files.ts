/**
 * Real files for the demo's case evidence (issue 14 item 10: the pictures answered 404): a few small PNG photos and
 * PDF documents written where the attachment module keeps files (`<data dir>/files/attachments/<sha[0..2]>/<sha>`),
 * named by their real SHA-256, so every evidence row the demo makes points at content that exists.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface TEvidenceFile {
  sha256: string;
  mime: string;
  size: number;
  ext: 'png' | 'pdf';
  bytes: Buffer;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 160×120 RGB picture: a sky, a floor and a warehouse block, tinted by `hue` so the photos differ. */
export function scenePng(hue: number): Buffer {
  const w = 160;
  const h = 120;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const building = x > 30 + (hue % 5) * 6 && x < 120 && y > 35 && y < 95;
      const floor = y >= 95;
      const [r, g, b] = building
        ? [150 + ((hue * 37) % 80), 140, 120 + ((hue * 53) % 90)]
        : floor
          ? [110, 110, 105]
          : [170 - y, 200 - y / 2, 235];
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF with an ASCII line (the title is in the attachment's file name). */
export function notePdf(n: number): Buffer {
  const text = `Yingji demo evidence document ${n}`;
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const file = (bytes: Buffer, mime: string, ext: 'png' | 'pdf'): TEvidenceFile => ({
  sha256: createHash('sha256').update(bytes).digest('hex'),
  mime,
  size: bytes.length,
  ext,
  bytes,
});

/** The demo's evidence pool: 12 photos and 6 documents. */
export const EVIDENCE_PHOTOS: TEvidenceFile[] = Array.from({ length: 12 }, (_, i) => file(scenePng(i), 'image/png', 'png'));
export const EVIDENCE_DOCUMENTS: TEvidenceFile[] = Array.from({ length: 6 }, (_, i) => file(notePdf(i + 1), 'application/pdf', 'pdf'));

/**
 * Writes the pool under the data directory's attachment store (YINGJI_DATA_DIR, as the server reads it); returns false
 * when the generator runs without one (a PostgreSQL bench whose server keeps files elsewhere).
 */
export function writeEvidenceFiles(dataDir = process.env.YINGJI_DATA_DIR): boolean {
  if (!dataDir) return false;
  const root = path.join(path.resolve(dataDir), 'files', 'attachments');
  for (const f of [...EVIDENCE_PHOTOS, ...EVIDENCE_DOCUMENTS]) {
    const dir = path.join(root, f.sha256.slice(0, 2));
    fs.mkdirSync(dir, { recursive: true });
    const target = path.join(dir, f.sha256);
    if (!fs.existsSync(target)) fs.writeFileSync(target, f.bytes);
  }
  return true;
}
