import { reportEndpoints as e, type TReportQuery } from '@yingji/domain/report/report.schema';
import { call, endpointUrl } from './client';

export const reportApi = {
  figures: (query: TReportQuery) => call(e.figures, { query }),
  definitions: () => call(e.definitions),
  /** Plain downloads of exactly the figures shown. */
  excelUrl: (query: TReportQuery) => endpointUrl(e.exportXlsx, { query }),
  wordUrl: (query: TReportQuery) => endpointUrl(e.exportDocx, { query }),
};
