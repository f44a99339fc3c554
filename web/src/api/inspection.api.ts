import type {
  TChecklist,
  TChecklistCreate,
  TChecklistDetail,
  TInspectionItem,
  TInspectionItemCreate,
} from '@yingji/domain/inspection/catalogue.schema';
import type {
  TFinding,
  TInspection,
  TInspectionCreate,
  TInspectionDetail,
  TInspectionKind,
  TInspectionStatus,
  TInspectionUpdate,
  TInspectorOption,
  TPendingTarget,
} from '@yingji/domain/inspection/inspection.schema';
import { api, toQueryString } from './client';
import type { TPage } from './org.api';

export interface TItemFilter {
  q?: string;
  majorHazard?: 'true' | 'false';
  groupName?: string;
}

export interface TInspectionFilter {
  divisionCode?: string;
  kind?: TInspectionKind;
  status?: TInspectionStatus;
  from?: string;
  to?: string;
  q?: string;
}

export interface TFindingFilter {
  divisionCode?: string;
  from?: string;
  to?: string;
  major?: 'true' | 'false';
  converted?: 'true' | 'false';
}

export type TInspectionPage = TPage<TInspection> & { byKind: Record<TInspectionKind, number> };

export const catalogueApi = {
  items: (filter: TItemFilter = {}) => api<TInspectionItem[]>('/inspection-items', { query: { ...filter } }),
  exportUrl: (filter: TItemFilter) => `/api/inspection-items/export${toQueryString({ ...filter })}`,
  createItem: (body: TInspectionItemCreate) => api<TInspectionItem>('/inspection-items', { method: 'POST', body }),
  checklists: () => api<TChecklist[]>('/checklists'),
  checklist: (id: number) => api<TChecklistDetail>(`/checklists/${id}`),
  createChecklist: (body: TChecklistCreate) => api<TChecklistDetail>('/checklists', { method: 'POST', body }),
  setItems: (id: number, itemIds: number[]) => api<TChecklistDetail>(`/checklists/${id}/items`, { method: 'PUT', body: { itemIds } }),
};

export const inspectionApi = {
  list: (filter: TInspectionFilter & { page: number; pageSize: number }) => api<TInspectionPage>('/inspections', { query: { ...filter } }),
  exportUrl: (filter: TInspectionFilter) => `/api/inspections/export${toQueryString({ ...filter })}`,
  detail: (id: number) => api<TInspectionDetail>(`/inspections/${id}`),
  create: (body: TInspectionCreate) => api<TInspectionDetail>('/inspections', { method: 'POST', body }),
  update: (id: number, body: TInspectionUpdate) => api<TInspectionDetail>(`/inspections/${id}`, { method: 'PATCH', body }),
  submit: (id: number) => api<TInspectionDetail>(`/inspections/${id}/submit`, { method: 'POST' }),
  publish: (id: number) => api<TInspectionDetail>(`/inspections/${id}/publish`, { method: 'POST' }),
  pendingTargets: () => api<TPendingTarget[]>('/inspections/pending-targets'),
  inspectorOptions: () => api<TInspectorOption[]>('/inspections/inspector-options'),
};

export const findingApi = {
  list: (filter: TFindingFilter & { page: number; pageSize: number }) => api<TPage<TFinding>>('/findings', { query: { ...filter } }),
  exportUrl: (filter: TFindingFilter) => `/api/findings/export${toQueryString({ ...filter })}`,
};
