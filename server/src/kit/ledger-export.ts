/**
 * The one ledger exporter. Every Excel ledger (台账) leaves the server through here: named columns, a bold header,
 * text cells neutralised against formula injection, the file named with the bureau's date (Asia/Shanghai, not UTC),
 * large ledgers streamed a page at a time, and the download headers set once. The caller audits the export.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { bureauDate } from '@yingji/domain';
import { neutraliseCell } from '../shared/excel';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const CSV_MIME = 'text/csv; charset=utf-8';

export type TCell = string | number | null | undefined;

export interface TLedgerColumn<R> {
  header: string;
  /** Column width in characters. */
  width: number;
  value: (row: R) => TCell;
}

export interface TLedgerSheet<R> {
  name: string;
  columns: readonly TLedgerColumn<R>[];
  rows: readonly R[];
}

/** `企业台账-2026-12-04.xlsx`: the title and the bureau's calendar date of `now`. */
export const ledgerFileName = (title: string, now: Date, extension = 'xlsx'): string => `${title}-${bureauDate(now)}.${extension}`;

const cell = (v: TCell): string | number => (typeof v === 'string' ? neutraliseCell(v) : (v ?? ''));

function fillSheet<R>(sheet: ExcelJS.Worksheet, columns: readonly TLedgerColumn<R>[]) {
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  sheet.getRow(1).font = { bold: true };
}

const rowOf = <R>(columns: readonly TLedgerColumn<R>[], row: R) =>
  Object.fromEntries(columns.map((c, i) => [String(i), cell(c.value(row))]));

/** A small ledger (one or more sheets, rows in memory) as an .xlsx buffer. */
export async function ledgerBuffer(sheets: readonly TLedgerSheet<never>[] | readonly TLedgerSheet<unknown>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const s of sheets as readonly TLedgerSheet<unknown>[]) {
    const sheet = book.addWorksheet(s.name);
    fillSheet(sheet, s.columns);
    for (const r of s.rows) sheet.addRow(rowOf(s.columns, r));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** One sheet's worth for `ledgerBuffer`, typed by its rows. */
export const ledgerSheet = <R>(name: string, columns: readonly TLedgerColumn<R>[], rows: readonly R[]): TLedgerSheet<unknown> =>
  ({ name, columns, rows }) as TLedgerSheet<unknown>;

/**
 * A large ledger streamed page by page in list order (keyset: `after` is the last row of the previous page), at
 * most `maxRows` rows; a last line says when the filter must be narrowed. Yields to the event loop between pages.
 */
export function ledgerStream<R, C>(options: {
  sheetName: string;
  columns: readonly TLedgerColumn<R>[];
  page: (after: C | null, limit: number) => Promise<R[]>;
  cursorOf: (row: R) => C;
  maxRows: number;
  pageSize?: number;
}): Readable {
  const { sheetName, columns, page, cursorOf, maxRows, pageSize = 2000 } = options;
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName);
  fillSheet(sheet, columns);
  (async () => {
    let after: C | null = null;
    let written = 0;
    for (;;) {
      const rows = await page(after, Math.min(pageSize, maxRows - written));
      for (const r of rows) sheet.addRow(rowOf(columns, r)).commit();
      written += rows.length;
      if (rows.length < pageSize || written >= maxRows) break;
      after = cursorOf(rows[rows.length - 1]!);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (written >= maxRows) sheet.addRow({ '0': `仅导出前 ${maxRows} 条，请缩小筛选范围` }).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e as Error));
  return out;
}

/** `attachment; filename="ascii"; filename*=UTF-8''中文名`: an ASCII fallback and the Chinese name. */
export const contentDisposition = (asciiName: string, fileName: string): string =>
  `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** Sends a download with its type and name; returns the reply for the route handler to return. */
export function sendFile(
  reply: FastifyReply,
  file: { body: Buffer | Readable | string; fileName: string },
  asciiName: string,
  mime = XLSX_MIME,
): FastifyReply {
  return reply.header('content-type', mime).header('content-disposition', contentDisposition(asciiName, file.fileName)).send(file.body);
}
