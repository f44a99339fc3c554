import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheet } from './sheet-reader';

describe('sheet reader', () => {
  it('keeps every Chinese character of a large .xlsx intact (ExcelJS streaming would cut some at chunk edges)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(['企业名称', '住所']);
    for (let i = 0; i < 20000; i++) sheet.addRow([`中山市测试企业${i}有限公司`, `广东省中山市小榄镇东升社区${i}号`]);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    let rows = 0;
    let broken = 0;
    for await (const row of readSheet({ buffer }, 'big.xlsx')) {
      rows++;
      if (row.cells.some((c) => String(c).includes('\uFFFD'))) broken++;
    }
    expect(rows).toBe(20001);
    expect(broken).toBe(0);
  });

  it('reads a large UTF-8 CSV as UTF-8 even when its first chunk ends inside a character', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    // The read stream's first chunk is 64 KiB (65,536 bytes): put a 3-byte character at 65,532, so the
    // chunk ends after its first byte … and after two more characters' worth of bytes at the edge.
    const filler = 'x'.repeat(65_532 - 'a,b\r\n'.length - 1);
    const rows = ['a,b', `${filler},中山市小榄镇东升社区`];
    for (let i = 0; i < 100; i++) rows.push(`${i},中山市测试企业${i}有限公司`);
    const text = rows.join('\r\n') + '\r\n';
    expect(Buffer.from(text).subarray(65_532, 65_535).toString()).toBe('中');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-csv-')), 'big.csv');
    fs.writeFileSync(file, text);
    const read: string[] = [];
    for await (const r of readSheet({ path: file }, 'big.csv')) read.push(r.cells.join(','));
    expect(read).toEqual(rows);
  });

  it('reads CSV with quotes, embedded line breaks, CRLF and a BOM', async () => {
    const csv = '\uFEFF名称,备注\r\n"甲""乙""厂","第一行\n第二行"\r\n丙厂,\r\n';
    const rows = [];
    for await (const r of readSheet({ buffer: Buffer.from(csv) }, 'a.csv')) rows.push(r);
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['名称', '备注'] },
      { rowNumber: 2, cells: ['甲"乙"厂', '第一行\n第二行'] },
      { rowNumber: 3, cells: ['丙厂', ''] },
    ]);
  });
});
