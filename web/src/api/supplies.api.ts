/** The supplies pages' calls (warehouses, catalogue, stock ledger, receipts and outgoing movements), by contract. */
import { reserveGuidanceEndpoints, type TReserveGuidanceImport } from '@yingji/domain/resources/minimum.contract';
import { resourcesEndpoints } from '@yingji/domain/resources/resources.contract';
import type { TEndpointInput } from '@yingji/domain/shared/contract';
import { call, endpointUrl, upload } from './client';

type TBody<E> = E extends { body: infer B } ? B : never;
type TQuery<E> = E extends { query: infer Q } ? Q : never;
type TIn<E extends keyof typeof resourcesEndpoints> = TBody<TEndpointInput<(typeof resourcesEndpoints)[E]>>;
export type TWarehouseBody = TIn<'createWarehouse'>;
export type TItemBody = TIn<'createItem'>;
export type TReceiptBody = TIn<'receipt'>;
export type TIssueBody = TIn<'issue'>;
export type TTransferBody = TIn<'transfer'>;
export type TWriteOffBody = TIn<'writeOff'>;

const r = resourcesEndpoints;
export const suppliesApi = {
  warehouses: () => call(r.warehouses),
  createWarehouse: (body: TWarehouseBody) => call(r.createWarehouse, { body }),
  updateWarehouse: (id: number, body: TWarehouseBody) => call(r.updateWarehouse, { params: { id }, body }),
  /** null removes the warehouse's own minimum: the reserve guidance applies again. */
  setMinimum: (id: number, itemId: number, quantity: number | null) => call(r.setMinimum, { params: { id }, body: { itemId, quantity } }),
  items: () => call(r.items),
  createItem: (body: TItemBody) => call(r.createItem, { body }),
  updateItem: (id: number, body: TItemBody) => call(r.updateItem, { params: { id }, body }),
  stock: (query: TQuery<TEndpointInput<typeof r.stock>>) => call(r.stock, { query }),
  lots: (warehouseId: number, itemId?: number) => call(r.lots, { query: { warehouseId, itemId } }),
  movements: (warehouseId: number, page: number, pageSize: number) => call(r.movements, { query: { warehouseId, page, pageSize } }),
  alerts: (warehouseId: number) => call(r.alerts, { query: { warehouseId } }),
  ledgerUrl: (id: number) => endpointUrl(r.warehouseLedger, { params: { id } }),
  acceptorOptions: () => call(r.acceptorOptions),
  receipt: (body: TReceiptBody) => call(r.receipt, { body }),
  suggest: (warehouseId: number, itemId: number, quantity: number) => call(r.suggestIssue, { query: { warehouseId, itemId, quantity } }),
  issue: (body: TIssueBody) => call(r.issue, { body }),
  transfer: (body: TTransferBody) => call(r.transfer, { body }),
  writeOff: (body: TWriteOffBody) => call(r.writeOff, { body }),
  guidanceExportUrl: () => endpointUrl(reserveGuidanceEndpoints.export, {}),
  /** Reads a guidance sheet back for the settings page; writes nothing. */
  guidanceImport: (file: File) =>
    upload<TReserveGuidanceImport>(endpointUrl(reserveGuidanceEndpoints.import, { query: { fileName: file.name } }), file),
};
