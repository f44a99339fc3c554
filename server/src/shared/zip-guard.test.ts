import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { unpackedSize } from './zip-guard';

/** A zip of `files` as stored or deflated, with sizes as given in `declare` (to forge a header). */
function zip(files: { name: string; data: Buffer; deflate?: boolean; declare?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const body = f.deflate === false ? f.data : deflateRawSync(f.data);
    const name = Buffer.from(f.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(f.deflate === false ? 0 : 8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(f.declare ?? f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(f.deflate === false ? 0 : 8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(f.declare ?? f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const MB = 1024 * 1024;

describe('unpackedSize (the .xlsx zip-bomb guard)', () => {
  it('counts what the entries unpack to, stored or deflated', async () => {
    const sheet = Buffer.from('<row>中山</row>'.repeat(1000));
    expect(
      await unpackedSize(
        zip([
          { name: 'a.xml', data: sheet },
          { name: 'b.bin', data: Buffer.from('abc'), deflate: false },
        ]),
        MB,
      ),
    ).toBe(sheet.length + 3);
  });

  it('answers over at the limit plus one byte, not at the limit', async () => {
    const file = zip([{ name: 'a.xml', data: Buffer.alloc(1000, 0x41) }]);
    expect(await unpackedSize(file, 1000)).toBe(1000);
    expect(await unpackedSize(file, 999)).toBe('over');
  });

  it('refuses a bomb by its declared size without inflating it', async () => {
    expect(await unpackedSize(zip([{ name: 'x.xml', data: Buffer.alloc(10), declare: 0xfffffff0 }]), 100 * MB)).toBe('over');
  });

  it('catches a bomb whose header lies about its size (64 MB of zeros declared as 1 kB, 64 kB on disk)', async () => {
    const file = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * MB), declare: 1024 }]);
    expect(file.length).toBeLessThan(100 * 1024);
    expect(await unpackedSize(file, 8 * MB)).toBe('over');
  });

  it('sums entries: many small ones over the limit together', async () => {
    const files = Array.from({ length: 20 }, (_, i) => ({ name: `s${i}.xml`, data: Buffer.alloc(MB), declare: 1 }));
    expect(await unpackedSize(zip(files), 10 * MB)).toBe('over');
  });

  it('leaves what is not a readable zip to the reader (undefined)', async () => {
    expect(await unpackedSize(Buffer.from('PK not really a zip at all, no end record here'), MB)).toBeUndefined();
    const cut = zip([{ name: 'a.xml', data: Buffer.alloc(100) }]);
    cut.writeUInt32LE(cut.length + 10, cut.length - 6); // the central directory points past the end
    expect(await unpackedSize(cut, MB)).toBeUndefined();
  });
});
