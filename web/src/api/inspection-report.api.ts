import { inspectionReportEndpoints as e } from '@yingji/domain/inspection/reports.contract';
import { inspectionEndpoints } from '@yingji/domain/inspection/records.contract';
import type { TEndpointInput } from '@yingji/domain/shared/contract';
import { call, endpointUrl } from './client';

type TStatsQuery = TEndpointInput<typeof e.stats>['query'];
export type TStatsPeriodKind = NonNullable<TStatsQuery['period']>;

/** The statistics' period: a day inside the month, quarter or year, or a run of months (`YYYY-MM`). */
export type TStatsFilter = TStatsQuery & { period: TStatsPeriodKind };

const statsQuery = (f: TStatsFilter) => ({ period: f.period, at: f.at, from: f.from, to: f.to, divisionCode: f.divisionCode });

export const INSPECTION_REPORT_KEYS = {
  plans: ['inspection-progress', 'plans'] as const,
  progress: (id: number) => ['inspection-progress', 'plan', id] as const,
  frequency: (id: number, which: string, page: number) => ['inspection-progress', 'frequency', id, which, page] as const,
  stats: (f: TStatsFilter) => ['inspection-stats', statsQuery(f)] as const,
};

export const inspectionReportApi = {
  plans: () => call(e.plans),
  progress: (id: number) => call(e.progress, { params: { id } }),
  frequency: (id: number, which: 'below' | 'above', page: number, pageSize = 20) =>
    call(e.frequency, { params: { id }, query: { which, page, pageSize } }),
  progressExportUrl: (id: number) => endpointUrl(e.progressExport, { params: { id } }),
  stats: (f: TStatsFilter) => call(e.stats, { query: statsQuery(f) }),
  /** The Excel export is a plain download of exactly the figures shown. */
  statsExportUrl: (f: TStatsFilter) => endpointUrl(e.statsExport, { query: statsQuery(f) }),
  recordDocxUrl: (inspectionId: number) => endpointUrl(inspectionEndpoints.recordDocx, { params: { id: inspectionId } }),
};
