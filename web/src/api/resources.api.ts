import type { TLoanState } from '@yingji/domain/resources/resources.data';
import { loanEndpoints } from '@yingji/domain/resources/loan.contract';
import { resourcesEndpoints, stocktakeEndpoints } from '@yingji/domain/resources/resources.contract';
import { shelterEndpoints } from '@yingji/domain/resources/shelter.contract';
import { floodCheckEndpoints } from '@yingji/domain/resources/flood-check.contract';
import type { TEndpointInput } from '@yingji/domain/shared/contract';
import { call, endpointUrl } from './client';

type TIn<E> = E extends { body: infer B } ? B : never;
type TQuery<E> = E extends { query: infer Q } ? Q : never;
type TLoanQuery = TQuery<TEndpointInput<typeof loanEndpoints.list>>;
export type TLoanFilter = { state?: TLoanState; overdue?: 'true' | 'false'; q?: string };

export const resourcesApi = {
  warehouses: () => call(resourcesEndpoints.warehouses),
  items: () => call(resourcesEndpoints.items),
  stock: (query: TQuery<TEndpointInput<typeof resourcesEndpoints.stock>>) => call(resourcesEndpoints.stock, { query }),
  alerts: (query: TQuery<TEndpointInput<typeof resourcesEndpoints.alerts>>) => call(resourcesEndpoints.alerts, { query }),
  loans: (query: TLoanQuery) => call(loanEndpoints.list, { query }),
  loansExportUrl: (query: TLoanFilter) => endpointUrl(loanEndpoints.export, { query }),
  loan: (id: number) => call(loanEndpoints.get, { params: { id } }),
  createLoan: (body: TIn<TEndpointInput<typeof loanEndpoints.create>>) => call(loanEndpoints.create, { body }),
  approve: (id: number, note: string) => call(loanEndpoints.approve, { params: { id }, body: { note } }),
  refuse: (id: number, note: string) => call(loanEndpoints.refuse, { params: { id }, body: { note } }),
  cancel: (id: number) => call(loanEndpoints.cancel, { params: { id }, body: {} }),
  issue: (id: number) => call(loanEndpoints.issue, { params: { id }, body: {} }),
  startStocktake: (warehouseId: number, kind: 'full' | 'sample', sampleSize: number | null) =>
    call(stocktakeEndpoints.create, { body: { warehouseId, kind, sampleSize, note: '' } }),
  stocktake: (id: number) => call(stocktakeEndpoints.get, { params: { id } }),
  submitCounts: (id: number, counts: { lineId: number; counted: number }[]) =>
    call(stocktakeEndpoints.counts, { params: { id }, body: { counts } }),
  approveStocktake: (id: number) => call(stocktakeEndpoints.approve, { params: { id } }),
  returnItems: (id: number, body: TIn<TEndpointInput<typeof loanEndpoints.return>>) => call(loanEndpoints.return, { params: { id }, body }),
};

export const shelterApi = {
  list: (query: TQuery<TEndpointInput<typeof shelterEndpoints.list>>) => call(shelterEndpoints.list, { query }),
  totals: () => call(shelterEndpoints.totals),
  nearest: (longitude: number, latitude: number) => call(shelterEndpoints.nearest, { query: { longitude, latitude, limit: 5 } }),
  templateUrl: () => endpointUrl(shelterEndpoints.importTemplate, {}),
  exportUrl: (query: TQuery<TEndpointInput<typeof shelterEndpoints.export>>) => endpointUrl(shelterEndpoints.export, { query }),
};

type TFloodRecord = TIn<TEndpointInput<typeof floodCheckEndpoints.record>>;
export const floodCheckApi = {
  rounds: () => call(floodCheckEndpoints.rounds),
  create: (body: TIn<TEndpointInput<typeof floodCheckEndpoints.create>>) => call(floodCheckEndpoints.create, { body }),
  round: (id: number) => call(floodCheckEndpoints.get, { params: { id } }),
  unit: (id: number, code: string) => call(floodCheckEndpoints.unit, { params: { id, code } }),
  record: (id: number, code: string, body: TFloodRecord) => call(floodCheckEndpoints.record, { params: { id, code }, body }),
  fix: (id: number, code: string, item: string, fixedOn: string, note: string) =>
    call(floodCheckEndpoints.fix, { params: { id, code, item }, body: { fixedOn, note } }),
  exportUrl: (id: number) => endpointUrl(floodCheckEndpoints.export, { params: { id } }),
};
