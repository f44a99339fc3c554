import type {
  TConflict,
  TConflictCreate,
  TInspector,
  TInspectorCreate,
  TInspectorUpdate,
} from '@yingji/domain/inspection/inspector.schema';
import type { TPlan, TPlanCreate, TPlanDetail, TPlanUpdate } from '@yingji/domain/inspection/plan.schema';
import type { TDraw, TDrawInputs, TDrawTargetView } from '@yingji/domain/inspection/draw.schema';
import { api, toQueryString } from './client';
import type { TPage } from './org.api';

export interface TInspectorFilter {
  q?: string;
  state?: 'valid' | 'expiring' | 'expired';
  active?: 'true' | 'false';
}

export interface TDrawDetail {
  draw: TDraw;
  targets: TDrawTargetView[];
  can: { draw: boolean; publish: boolean; redraw: boolean };
}

export const inspectorApi = {
  list: (filter: TInspectorFilter & { page: number; pageSize: number }) => api<TPage<TInspector>>('/inspectors', { query: { ...filter } }),
  exportUrl: (filter: TInspectorFilter) => `/api/inspectors/export${toQueryString({ ...filter })}`,
  candidates: () => api<{ id: number; username: string; displayName: string; divisionCode: string }[]>('/inspectors/candidates'),
  create: (body: TInspectorCreate) => api<TInspector>('/inspectors', { method: 'POST', body }),
  update: (id: number, body: TInspectorUpdate) => api<TInspector>(`/inspectors/${id}`, { method: 'PATCH', body }),
  conflicts: (id: number) => api<TConflict[]>(`/inspectors/${id}/conflicts`),
  declareConflict: (id: number, body: TConflictCreate) => api<TConflict[]>(`/inspectors/${id}/conflicts`, { method: 'POST', body }),
  withdrawConflict: (id: number, enterpriseId: number) =>
    api<TConflict[]>(`/inspectors/${id}/conflicts/${enterpriseId}`, { method: 'DELETE' }),
};

export const planApi = {
  list: (query: { year?: number; status?: string; page: number; pageSize: number }) => api<TPage<TPlan>>('/inspection-plans', { query }),
  detail: (id: number) => api<TPlanDetail>(`/inspection-plans/${id}`),
  create: (body: TPlanCreate) => api<TPlan>('/inspection-plans', { method: 'POST', body }),
  update: (id: number, body: TPlanUpdate) => api<TPlan>(`/inspection-plans/${id}`, { method: 'PATCH', body }),
  approve: (id: number) => api<TPlan>(`/inspection-plans/${id}/approve`, { method: 'POST' }),
};

export const drawApi = {
  ofPlan: (planId: number) => api<TDraw[]>(`/inspection-plans/${planId}/draws`),
  commit: (planId: number, label: string) => api<TDraw>(`/inspection-plans/${planId}/draws`, { method: 'POST', body: { label } }),
  detail: (id: number, page: number, pageSize: number) => api<TDrawDetail>(`/draws/${id}`, { query: { page, pageSize } }),
  execute: (id: number) => api<TDraw>(`/draws/${id}/execute`, { method: 'POST' }),
  publish: (id: number) => api<TDraw>(`/draws/${id}/publish`, { method: 'POST' }),
  redraw: (id: number, reason: string) => api<TDraw>(`/draws/${id}/redraw`, { method: 'POST', body: { reason } }),
  inputs: (id: number) => api<TDrawInputs>(`/draws/${id}/inputs`),
  inputsUrl: (id: number) => `/api/draws/${id}/inputs`,
};

export const PLAN_KEYS = {
  all: ['inspection-plan'] as const,
  inspectors: ['inspection-plan', 'inspectors'] as const,
  plans: ['inspection-plan', 'plans'] as const,
  plan: (id: number) => ['inspection-plan', 'plan', id] as const,
  draws: (planId: number) => ['inspection-plan', 'draws', planId] as const,
  draw: (id: number) => ['inspection-plan', 'draw', id] as const,
};
