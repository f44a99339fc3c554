import type {
  TCaseActionKind,
  TCaseCreate,
  TCaseDetail,
  TCaseItem,
  TCaseStage,
  TClockFilter,
  TEvidenceCreate,
  TFineTotals,
  TViolation,
  TViolationUpsert,
} from '@yingji/domain/case/case.schema';
import { api } from './client';

export interface TCaseFilter {
  stage?: TCaseStage;
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
  list: (filter: TCaseFilter & { page: number; pageSize: number }) => api<{ items: TCaseItem[]; total: number }>('/cases', { query: { ...filter } }),
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
