import { createInflateRaw } from 'node:zlib';

/**
 * How many bytes an .xlsx (a zip) unpacks to, counted by inflating each entry and throwing the output away, up to
 * `limit`: past it the answer is 'over' and inflating stops. A zip bomb (a few kB that unpack to gigabytes) is thus
 * refused before ExcelJS unpacks it whole into memory. The sizes a zip declares are checked first (cheap) but not
 * trusted: a forged header claiming little is caught by the count. Inflating runs in libuv's pool, off the event
 * loop. Returns undefined when the buffer is not a zip this guard can read (ExcelJS then says what is wrong).
 */
export async function unpackedSize(zip: Buffer, limit: number): Promise<number | 'over' | undefined> {
  const entries = centralDirectory(zip);
  if (!entries) return undefined;
  let declared = 0;
  for (const e of entries) declared += e.uncompressedSize;
  if (declared > limit) return 'over';
  let total = 0;
  for (const e of entries) {
    const data = entryData(zip, e);
    if (!data) return undefined;
    if (e.method !== 8) {
      total += data.length;
    } else {
      const inflated = await inflatedLength(data, limit - total);
      if (inflated === 'over') return 'over';
      total += inflated;
    }
    if (total > limit) return 'over';
  }
  return total;
}

interface TEntry {
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the zip's central directory, or undefined when there is none or it is zip64 or cut short. */
function centralDirectory(zip: Buffer): TEntry[] | undefined {
  // the end record is 22 bytes plus a comment of up to 65,535
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = zip.readUInt16LE(end + 10);
  const offset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) return undefined;
  const entries: TEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return undefined;
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      uncompressedSize: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function entryData(zip: Buffer, e: TEntry): Buffer | undefined {
  const at = e.localHeaderOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) return undefined;
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + e.compressedSize > zip.length) return undefined;
  return zip.subarray(start, start + e.compressedSize);
}

/** The length `data` inflates to, or 'over' as soon as it passes `budget`; damaged data counts what came out. */
function inflatedLength(data: Buffer, budget: number): Promise<number | 'over'> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let length = 0;
    let settled = false;
    const settle = (value: number | 'over') => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    inflate.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > budget) {
        settle('over');
        inflate.destroy();
      }
    });
    inflate.on('end', () => settle(length));
    inflate.on('error', () => settle(length));
    inflate.on('close', () => settle(length));
    inflate.end(data);
  });
}
