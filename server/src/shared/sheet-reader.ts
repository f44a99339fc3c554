import fs from 'node:fs';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import ExcelJS from 'exceljs';
import { AppError } from '@yingji/domain';
import { unpackedSize } from './zip-guard';

export interface TSheetRow {
  /** As the spreadsheet shows it: the header is row 1. */
  rowNumber: number;
  cells: unknown[];
}

export type TSheetSource = { buffer: Buffer } | { path: string };

const head = async (source: TSheetSource, n: number): Promise<Buffer> => {
  if ('buffer' in source) return source.buffer.subarray(0, n);
  const fd = await fs.promises.open(source.path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fd.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
};

const streamOf = (source: TSheetSource): Readable =>
  'buffer' in source ? Readable.from([source.buffer]) : fs.createReadStream(source.path);

/**
 * Reads the first sheet of an .xlsx or a .csv (UTF-8, with or without BOM, or GB18030 as Chinese Excel saves
 * it), row by row, streaming. Anything else is refused with a Chinese message saying what the file is not.
 */
export async function* readSheet(source: TSheetSource, fileName: string): AsyncGenerator<TSheetRow> {
  const start = await head(source, 4096);
  if (start.length === 0) throw new AppError('invalid', `文件“${fileName}”是空的`, { field: 'file' });
  if (start[0] === 0x50 && start[1] === 0x4b) {
    yield* readXlsx(source, fileName);
    return;
  }
  if (start[0] === 0xd0 && start[1] === 0xcf && start[2] === 0x11 && start[3] === 0xe0) {
    throw new AppError('invalid', `“${fileName}”是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 .csv 后再上传`, { field: 'file' });
  }
  if (start.includes(0)) throw new AppError('invalid', `“${fileName}”不是电子表格（只接受 .xlsx 或 .csv）`, { field: 'file' });
  yield* readCsv(source);
}

/** An .xlsx larger than this is refused with a request to save it as CSV, which streams. */
export const XLSX_LIMIT_BYTES = 100 * 1024 * 1024;

/** An .xlsx that unpacks to more than this is refused before it is read (a zip bomb; `zip-guard.ts`). */
export const XLSX_UNPACKED_LIMIT_BYTES = 800 * 1024 * 1024;

/**
 * Reads the whole workbook, then yields the first sheet's rows. ExcelJS's streaming reader garbles a Chinese
 * character cut at a chunk boundary (exceljs issues 2063, 2084, unfixed in 4.4), so .xlsx is read whole;
 * province-sized feeds come as CSV, which streams.
 */
async function* readXlsx(source: TSheetSource, fileName: string): AsyncGenerator<TSheetRow> {
  const size = 'buffer' in source ? source.buffer.length : (await fs.promises.stat(source.path)).size;
  if (size > XLSX_LIMIT_BYTES) {
    throw new AppError('invalid', `“${fileName}”超过 100 MB，请在 Excel 中另存为 .csv（UTF-8）后再导入`, { field: 'file' });
  }
  const buffer = 'buffer' in source ? source.buffer : await fs.promises.readFile(source.path);
  if ((await unpackedSize(buffer, XLSX_UNPACKED_LIMIT_BYTES)) === 'over') {
    throw new AppError('invalid', `“${fileName}”解压后超过 800 MB，不是正常的表格（可能是压缩炸弹），请另存为 .csv（UTF-8）后再导入`, {
      field: 'file',
    });
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('invalid', `无法读取“${fileName}”：文件不是有效的 .xlsx（${(e as Error).message}）`, { field: 'file' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return;
  const rows: TSheetRow[] = [];
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push({ rowNumber: row.number, cells: Array.isArray(values) ? values.slice(1) : [] });
  });
  yield* rows;
}

/** Decodes chunks as UTF-8, switching to GB18030 for the whole file when the first chunk is not UTF-8. */
async function* decode(stream: Readable): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    if (!decoder) {
      try {
        // Streaming mode: a character cut at the chunk's end waits for the next chunk instead of failing.
        new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
        decoder = new TextDecoder('utf-8', { ignoreBOM: false });
      } catch {
        decoder = new TextDecoder('gb18030');
      }
    }
    yield decoder.decode(bytes, { stream: true });
  }
  if (decoder) yield decoder.decode();
}

/** RFC 4180 CSV: quoted fields with doubled quotes and line breaks, CRLF or LF. */
async function* readCsv(source: TSheetSource): AsyncGenerator<TSheetRow> {
  let field = '';
  let row: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let rowNumber = 0;
  let pendingCR = false;
  for await (const text of decode(streamOf(source))) {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else field += ch;
        continue;
      }
      if (pendingCR && ch === '\n') {
        pendingCR = false;
        continue;
      }
      pendingCR = false;
      if (ch === '"' && field === '' && !afterQuote) quoted = true;
      else if (ch === ',') {
        row.push(field);
        field = '';
        afterQuote = false;
      } else if (ch === '\n' || ch === '\r') {
        row.push(field);
        field = '';
        afterQuote = false;
        pendingCR = ch === '\r';
        rowNumber++;
        if (!(row.length === 1 && row[0] === '')) yield { rowNumber, cells: row };
        row = [];
      } else if (ch !== '\uFEFF' || rowNumber > 0 || field !== '' || row.length > 0) field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    yield { rowNumber: rowNumber + 1, cells: row };
  }
}
