import { fireIncidentEndpoints, fireRegistryEndpoints } from '@yingji/domain/fire/fire.contract';
import type { TEndpointInput, TEndpointResult } from '@yingji/domain/shared/contract';
import { call, endpointUrl, upload } from './client';

type TIncBody<E extends keyof typeof fireIncidentEndpoints> =
  TEndpointInput<(typeof fireIncidentEndpoints)[E]> extends { body: infer B } ? B : never;
type TRegBody<E extends keyof typeof fireRegistryEndpoints> =
  TEndpointInput<(typeof fireRegistryEndpoints)[E]> extends { body: infer B } ? B : never;

const i = fireIncidentEndpoints;
const r = fireRegistryEndpoints;

/**
 * The forest-fire module's client. The board is polled with the stamp of the board the page holds (`since`): the server
 * answers what changed since (or the full board when it cannot), with an ETag and `no-cache`, so the browser revalidates
 * a repeated poll with If-None-Match and an unchanged board costs a 304 without a body.
 */
export const fireApi = {
  board: (hours = 24, since?: string) => call(i.board, { query: { hours, ...(since ? { since } : {}) } }),
  list: (query: { status?: 'new' | 'verified' | 'false_alarm' | 'dispatched' | 'closed'; page: number; pageSize: number }) =>
    call(i.list, { query }),
  get: (id: number) => call(i.get, { params: { id } }),
  acknowledge: (id: number) => call(i.acknowledge, { params: { id } }),
  verify: (id: number, body: TIncBody<'verify'>) => call(i.verify, { params: { id }, body }),
  dispatch: (id: number, body: TIncBody<'dispatch'>) => call(i.dispatch, { params: { id }, body }),
  close: (id: number, body: TIncBody<'close'>) => call(i.close, { params: { id }, body }),
  report: (id: number) => call(i.report, { params: { id } }),
  health: () => call(i.health),
  availability: (month: string) => call(i.availability, { query: { month } }),
  outbox: (status?: 'pending' | 'delivered' | 'dead') => call(i.outbox, { query: status ? { status } : {} }),
  resend: (id: number) => call(i.resend, { params: { id } }),
  stats: (from: string, to: string) => call(i.stats, { query: { from, to } }),
  statsExportUrl: (from: string, to: string) => endpointUrl(i.statsExport, { query: { from, to } }),
  sites: () => call(r.sites),
  createSite: (body: TRegBody<'createSite'>) => call(r.createSite, { body }),
  updateSite: (id: number, body: TRegBody<'updateSite'>) => call(r.updateSite, { params: { id }, body }),
  addChannel: (siteId: number, body: TRegBody<'addChannel'>) => call(r.addChannel, { params: { id: siteId }, body }),
  channel: (id: number) => call(r.channel, { params: { id } }),
  updateChannel: (id: number, body: TRegBody<'updateChannel'>) => call(r.updateChannel, { params: { id }, body }),
  calibrate: (id: number, body: TRegBody<'calibrate'>) => call(r.calibrate, { params: { id }, body }),
  addMaintenance: (siteId: number, body: TRegBody<'addMaintenance'>) => call(r.addMaintenance, { params: { id: siteId }, body }),
  importRegistry,
  registryExportUrl: () => endpointUrl(r.export),
  zones: () => call(r.zones),
  createZone: (body: TRegBody<'createZone'>) => call(r.createZone, { body }),
  deactivateZone: (id: number) => call(r.deactivateZone, { params: { id } }),
  deleteZone: (id: number) => call(r.deleteZone, { params: { id } }),
  keys: () => call(r.keys),
  createKey: (body: TRegBody<'createKey'>) => call(r.createKey, { body }),
  revokeKey: (id: number) => call(r.revokeKey, { params: { id } }),
};

type TRegistryImportResult = TEndpointResult<typeof r.import>;

/** Sends the sheet itself as the request body (the server reads .xlsx or .csv by its name). */
function importRegistry(file: File): Promise<TRegistryImportResult> {
  return upload(endpointUrl(r.import, { query: { fileName: file.name } }), file, { method: r.import.method });
}
