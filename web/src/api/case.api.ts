import type {
  TCaseActionKind,
  TCaseCreate,
  TCaseDetail,
  TCaseItem,
  TCaseStage,
  TClockFilter,
  TEvidenceCreate,
  TFineTotals,
  TInquiryCreate,
  TReviewProblem,
  TReviewReport,
  TReviewRound,
  TReviewRoundCreate,
  TReviewScore,
  TViolation,
  TViolationUpsert,
} from '@yingji/domain/case/case.schema';
import type { TPublicDecision } from '@yingji/domain/case/case-exchange.schema';
import { api, ApiError, toQueryString } from './client';

export interface TPublicDecisionPage {
  items: TPublicDecision[];
  total: number;
}

export interface TCaseFilter {
  stage?: TCaseStage;
  mine?: 'true' | 'false';
  reviewable?: 'true' | 'false';
  open?: 'true' | 'false';
  divisionCode?: string;
  clock?: TClockFilter;
  from?: string;
  to?: string;
  q?: string;
}

export interface TStageCount {
  stage: TCaseStage;
  stageLabel: string;
  count: number;
  dueSoon: number;
  overdue: number;
}

/** `approve_filing` → `approve-filing`: each procedural action is `POST /api/cases/:id/<action>` (case.routes.ts). */
const actionPath = (kind: TCaseActionKind): string => kind.replace(/_/g, '-');

export const caseApi = {
  list: (filter: TCaseFilter & { page: number; pageSize: number }) =>
    api<{ items: TCaseItem[]; total: number }>('/cases', { query: { ...filter } }),
  detail: (id: number) => api<TCaseDetail>(`/cases/${id}`),
  create: (body: TCaseCreate) => api<TCaseDetail>('/cases', { method: 'POST', body }),
  addEvidence: (id: number, body: TEvidenceCreate) => api<TCaseDetail>(`/cases/${id}/evidence`, { method: 'POST', body }),
  act: (id: number, kind: TCaseActionKind, body: object) => api<TCaseDetail>(`/cases/${id}/${actionPath(kind)}`, { method: 'POST', body }),
  documentUrl: (id: number, docId: number) => `/api/cases/${id}/documents/${docId}`,
  stages: () => api<TStageCount[]>('/cases/stages'),
  fines: (q: { from?: string; to?: string; divisionCode?: string }) => api<TFineTotals>('/cases/fines', { query: { ...q } }),
  violations: () => api<TViolation[]>('/case-violations'),
  saveViolation: (body: TViolationUpsert) => api<TViolation>('/case-violations', { method: 'PUT', body }),
};

export const caseInquiryApi = {
  create: (id: number, body: TInquiryCreate) => api<TCaseDetail>(`/cases/${id}/inquiries`, { method: 'POST', body }),
};

/** 案卷评查: rounds, scores, the report, the correction tasks (case-review.routes.ts). */
export const caseReviewApi = {
  rounds: () => api<Omit<TReviewRound, 'files'>[]>('/case-reviews'),
  create: (body: TReviewRoundCreate) => api<TReviewRound>('/case-reviews', { method: 'POST', body }),
  round: (id: number) => api<TReviewRound>(`/case-reviews/${id}`),
  report: (id: number) => api<TReviewReport>(`/case-reviews/${id}/report`),
  score: (id: number, caseId: number, body: TReviewScore) =>
    api<TReviewRound>(`/case-reviews/${id}/files/${caseId}`, { method: 'POST', body }),
  tasks: (q: { open?: 'true' | 'false'; roundId?: number }) => api<TReviewProblem[]>('/case-review-tasks', { query: { ...q } }),
  resolve: (id: number) => api<{ id: number; resolvedAt: string }>(`/case-review-tasks/${id}/resolve`, { method: 'POST' }),
};

/** 双公示 (no account) and the provincial export (docs/case-exchange.md). */
export const caseExchangeApi = {
  publicDecisions: (page: number, pageSize = 20) => api<TPublicDecisionPage>('/public/case-decisions', { query: { page, pageSize } }),
  publicCsvUrl: '/api/public/case-decisions?format=csv&pageSize=100',
  /**
   * One export page as a CSV file: from `cursor` (the previous export's end) or from the start; resolves to the
   * cursor for the next incremental export (the server's `x-next-cursor`) and the CSV itself.
   */
  async exportCsv(cursor: string | undefined): Promise<{ csv: Blob; nextCursor: string | null }> {
    const res = await fetch(`/api/cases/export${toQueryString({ format: 'csv', cursor })}`, { credentials: 'same-origin' });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      throw new ApiError(res.status, 'internal', body.message ?? `导出失败（HTTP ${res.status}）`);
    }
    return { csv: await res.blob(), nextCursor: res.headers.get('x-next-cursor') || null };
  },
};
