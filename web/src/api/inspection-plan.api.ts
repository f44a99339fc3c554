import { inspectorEndpoints } from '@yingji/domain/inspection/inspector.contract';
import { drawEndpoints, planEndpoints } from '@yingji/domain/inspection/planning.contract';
import type { TEndpointInput, TEndpointResult } from '@yingji/domain/shared/contract';
import { call, endpointUrl } from './client';

type TQueryOf<E extends object> = E extends { query: infer Q } ? Q : never;
type TBodyOf<E extends object> = E extends { body: infer B } ? B : never;

/** The inspector pool's filters (keyword, certificate state, on duty). */
export type TInspectorFilter = TQueryOf<TEndpointInput<typeof inspectorEndpoints.export>>;
export type TDrawDetail = TEndpointResult<typeof drawEndpoints.detail>;

export const inspectorApi = {
  list: (filter: TInspectorFilter & { page: number; pageSize: number }) => call(inspectorEndpoints.list, { query: { ...filter } }),
  exportUrl: (filter: TInspectorFilter) => endpointUrl(inspectorEndpoints.export, { query: { ...filter } }),
  candidates: () => call(inspectorEndpoints.candidates),
  create: (body: TBodyOf<TEndpointInput<typeof inspectorEndpoints.create>>) => call(inspectorEndpoints.create, { body }),
  update: (id: number, body: TBodyOf<TEndpointInput<typeof inspectorEndpoints.update>>) =>
    call(inspectorEndpoints.update, { params: { id }, body }),
  conflicts: (id: number) => call(inspectorEndpoints.conflicts, { params: { id } }),
  declareConflict: (id: number, body: TBodyOf<TEndpointInput<typeof inspectorEndpoints.declareConflict>>) =>
    call(inspectorEndpoints.declareConflict, { params: { id }, body }),
  withdrawConflict: (id: number, enterpriseId: number) => call(inspectorEndpoints.withdrawConflict, { params: { id, enterpriseId } }),
};

export const planApi = {
  list: (query: TQueryOf<TEndpointInput<typeof planEndpoints.list>> & { page: number; pageSize: number }) =>
    call(planEndpoints.list, { query: { ...query } }),
  detail: (id: number) => call(planEndpoints.detail, { params: { id } }),
  create: (body: TBodyOf<TEndpointInput<typeof planEndpoints.create>>) => call(planEndpoints.create, { body }),
  update: (id: number, body: TBodyOf<TEndpointInput<typeof planEndpoints.update>>) => call(planEndpoints.update, { params: { id }, body }),
  approve: (id: number) => call(planEndpoints.approve, { params: { id } }),
};

export const drawApi = {
  ofPlan: (planId: number) => call(drawEndpoints.ofPlan, { params: { id: planId } }),
  commit: (planId: number, label: string) => call(drawEndpoints.commit, { params: { id: planId }, body: { label } }),
  detail: (id: number, page: number, pageSize: number) => call(drawEndpoints.detail, { params: { id }, query: { page, pageSize } }),
  execute: (id: number) => call(drawEndpoints.execute, { params: { id } }),
  publish: (id: number) => call(drawEndpoints.publish, { params: { id } }),
  redraw: (id: number, reason: string) => call(drawEndpoints.redraw, { params: { id }, body: { reason } }),
  correct: (id: number, reason: string) => call(drawEndpoints.correct, { params: { id }, body: { reason } }),
  inputs: (id: number) => call(drawEndpoints.inputs, { params: { id } }),
  inputsUrl: (id: number) => endpointUrl(drawEndpoints.inputs, { params: { id } }),
};

export const PLAN_KEYS = {
  all: ['inspection-plan'] as const,
  inspectors: ['inspection-plan', 'inspectors'] as const,
  plans: ['inspection-plan', 'plans'] as const,
  plan: (id: number) => ['inspection-plan', 'plan', id] as const,
  draws: (planId: number) => ['inspection-plan', 'draws', planId] as const,
  draw: (id: number) => ['inspection-plan', 'draw', id] as const,
};
