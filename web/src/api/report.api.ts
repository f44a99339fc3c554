import { reportEndpoints as e, type TReportQuery } from '@yingji/domain/report/report.schema';
import { call } from './client';

export const reportApi = {
  figures: (query: TReportQuery) => call(e.figures, { query }),
  definitions: () => call(e.definitions),
};
