import type { TFrequencyPage, TInspectionStats, TPlanProgress, TProgressPlan } from '@yingji/domain/inspection/stats.schema';
import { api, toQueryString } from './client';

export type TStatsPeriodKind = 'month' | 'quarter' | 'year' | 'custom';

/** The statistics' period: a day inside the month, quarter or year, or a run of months (`YYYY-MM`). */
export interface TStatsFilter {
  period: TStatsPeriodKind;
  at?: string;
  from?: string;
  to?: string;
  divisionCode?: string;
}

const statsQuery = (f: TStatsFilter) => ({ period: f.period, at: f.at, from: f.from, to: f.to, divisionCode: f.divisionCode });

export const INSPECTION_REPORT_KEYS = {
  plans: ['inspection-progress', 'plans'] as const,
  progress: (id: number) => ['inspection-progress', 'plan', id] as const,
  frequency: (id: number, which: string, page: number) => ['inspection-progress', 'frequency', id, which, page] as const,
  stats: (f: TStatsFilter) => ['inspection-stats', statsQuery(f)] as const,
};

export const inspectionReportApi = {
  plans: () => api<TProgressPlan[]>('/inspection-progress/plans'),
  progress: (id: number) => api<TPlanProgress>(`/inspection-progress/plans/${id}`),
  frequency: (id: number, which: 'below' | 'above', page: number, pageSize = 20) =>
    api<TFrequencyPage>(`/inspection-progress/plans/${id}/frequency`, { query: { which, page, pageSize } }),
  progressExportUrl: (id: number) => `/api/inspection-progress/plans/${id}/export`,
  stats: (f: TStatsFilter) => api<TInspectionStats>('/inspection-stats', { query: statsQuery(f) }),
  /** The Excel export is a plain download of exactly the figures shown. */
  statsExportUrl: (f: TStatsFilter) => `/api/inspection-stats/export${toQueryString(statsQuery(f))}`,
  recordDocxUrl: (inspectionId: number) => `/api/inspections/${inspectionId}/record.docx`,
};
