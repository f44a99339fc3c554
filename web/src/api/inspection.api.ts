import { catalogueEndpoints } from '@yingji/domain/inspection/catalogue.contract';
import { findingEndpoints, inspectionEndpoints } from '@yingji/domain/inspection/records.contract';
import type { TEndpointInput, TEndpointResult } from '@yingji/domain/shared/contract';
import { call, endpointUrl } from './client';

type TQueryOf<E extends object> = E extends { query: infer Q } ? Q : never;
type TBodyOf<E extends object> = E extends { body: infer B } ? B : never;

/** The catalogue page's filters (keyword, major hazard, group). */
export type TItemFilter = TQueryOf<TEndpointInput<typeof catalogueEndpoints.items>>;
/** The inspection ledger's filters, as in the page's address. */
export type TInspectionFilter = TQueryOf<TEndpointInput<typeof inspectionEndpoints.export>>;
/** The findings ledger's filters, as in the page's address. */
export type TFindingFilter = TQueryOf<TEndpointInput<typeof findingEndpoints.export>>;
export type TInspectionPage = TEndpointResult<typeof inspectionEndpoints.list>;

type TPaged<F> = F & { page: number; pageSize: number };

export const catalogueApi = {
  items: (filter: TItemFilter = {}) => call(catalogueEndpoints.items, { query: { ...filter } }),
  exportUrl: (filter: TItemFilter) => endpointUrl(catalogueEndpoints.exportItems, { query: { ...filter } }),
  createItem: (body: TBodyOf<TEndpointInput<typeof catalogueEndpoints.createItem>>) => call(catalogueEndpoints.createItem, { body }),
  checklists: () => call(catalogueEndpoints.checklists),
  checklist: (id: number) => call(catalogueEndpoints.checklist, { params: { id } }),
  createChecklist: (body: TBodyOf<TEndpointInput<typeof catalogueEndpoints.createChecklist>>) =>
    call(catalogueEndpoints.createChecklist, { body }),
  setItems: (id: number, itemIds: number[]) => call(catalogueEndpoints.setChecklistItems, { params: { id }, body: { itemIds } }),
};

export const inspectionApi = {
  list: (filter: TPaged<TInspectionFilter>) => call(inspectionEndpoints.list, { query: { ...filter } }),
  exportUrl: (filter: TInspectionFilter) => endpointUrl(inspectionEndpoints.export, { query: { ...filter } }),
  detail: (id: number) => call(inspectionEndpoints.detail, { params: { id } }),
  create: (body: TBodyOf<TEndpointInput<typeof inspectionEndpoints.create>>) => call(inspectionEndpoints.create, { body }),
  update: (id: number, body: TBodyOf<TEndpointInput<typeof inspectionEndpoints.update>>) =>
    call(inspectionEndpoints.update, { params: { id }, body }),
  submit: (id: number) => call(inspectionEndpoints.submit, { params: { id } }),
  publish: (id: number) => call(inspectionEndpoints.publish, { params: { id } }),
  pendingTargets: () => call(inspectionEndpoints.pendingTargets),
  inspectorOptions: () => call(inspectionEndpoints.inspectorOptions),
};

export const findingApi = {
  list: (filter: TPaged<TFindingFilter>) => call(findingEndpoints.list, { query: { ...filter } }),
  summary: ({ converted: _c, ...filter }: TFindingFilter) => call(findingEndpoints.summary, { query: { ...filter } }),
  exportUrl: (filter: TFindingFilter) => endpointUrl(findingEndpoints.export, { query: { ...filter } }),
};
