/**
 * The report module's manifest: the bureau's periodic figures from a registry of defined queries over the records
 * (report.figures.ts), each with year-on-year comparison and a drill-down link to the list that makes it up.
 */
import { reportEndpoints as e } from '@yingji/domain';
import { defineModule } from '../../kit/module';
import { handle } from '../../kit/route';
import { DOCX_MIME, sendFile } from '../../kit/ledger-export';
import { createReportService, type TReportService } from './report.service';

declare module '../../kit/module' {
  interface TModuleApis {
    report: TReportService;
  }
}

export const reportModule = defineModule({
  name: 'report',
  title: '统计报告',
  permissions: ['report.read'],
  settings: ['report'],
  create: (core) => createReportService(core),
  routes: (api) => [
    handle(e.figures, ({ ctx, query }) => api.figures(ctx, query)),
    handle(e.records, ({ ctx, params, query }) => api.records(ctx, params.id, query)),
    handle(e.definitions, ({ ctx }) => api.definitions(ctx)),
    handle(e.exportXlsx, async ({ ctx, query, reply }) => sendFile(reply, await api.exportFile(ctx, query, 'xlsx'), 'report.xlsx')),
    handle(e.exportDocx, async ({ ctx, query, reply }) =>
      sendFile(reply, await api.exportFile(ctx, query, 'docx'), 'report-summary.docx', DOCX_MIME),
    ),
  ],
  listeners: () => [],
  workbench: () => [],
});
