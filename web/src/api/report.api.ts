import { reportEndpoints as e, type TReportQuery } from '@yingji/domain/report/report.schema';
import { ApiError, call, endpointUrl } from './client';

/** The file name the server gave (`filename*=UTF-8''…`), or the fallback. */
function fileNameOf(res: Response, fallback: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) return decodeURIComponent(utf8[1]!);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Fetches an export and hands it to the browser as a download; a refusal comes back as the server's Chinese message. */
async function download(url: string, fallback: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' }).catch(() => {
    throw new ApiError(0, 'network', '网络连接失败，文件没有下载，请检查网络后重试');
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new ApiError(res.status, 'internal', body.message ?? `文件生成失败（HTTP ${res.status}），请稍后重试`);
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res, fallback);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export const reportApi = {
  figures: (query: TReportQuery) => call(e.figures, { query }),
  definitions: () => call(e.definitions),
  records: (id: string, query: TReportQuery) => call(e.records, { params: { id }, query }),
  /** Downloads of exactly the figures shown. */
  excelUrl: (query: TReportQuery) => endpointUrl(e.exportXlsx, { query }),
  wordUrl: (query: TReportQuery) => endpointUrl(e.exportDocx, { query }),
  downloadExcel: (query: TReportQuery) => download(endpointUrl(e.exportXlsx, { query }), 'report.xlsx'),
  downloadWord: (query: TReportQuery) => download(endpointUrl(e.exportDocx, { query }), 'report-summary.docx'),
};
