import type { TAccidentListQuery } from '@yingji/domain/accident/accident.schema';
import { accidentEndpoints } from '@yingji/domain/accident/accident.contract';
import { dutyEndpoints } from '@yingji/domain/accident/duty.schema';
import type { TEndpointInput } from '@yingji/domain/shared/contract';
import { call, endpointUrl } from './client';

type TBody<E extends keyof typeof accidentEndpoints> = TEndpointInput<(typeof accidentEndpoints)[E]> extends { body: infer B } ? B : never;
export type TAccidentFilter = Omit<TAccidentListQuery, 'page' | 'pageSize'>;

export const accidentApi = {
  list: (query: TAccidentListQuery) => call(accidentEndpoints.list, { query }),
  exportUrl: (query: TAccidentFilter) => endpointUrl(accidentEndpoints.export, { query }),
  stats: (period: string, kind: 'accident' | 'emergency' = 'accident') => call(accidentEndpoints.stats, { query: { period, kind } }),
  statsExportUrl: (period: string, kind: 'accident' | 'emergency' = 'accident') =>
    endpointUrl(accidentEndpoints.statsExport, { query: { period, kind } }),
  create: (body: TBody<'create'>) => call(accidentEndpoints.create, { body }),
  get: (id: number) => call(accidentEndpoints.get, { params: { id } }),
  step: (id: number, body: TBody<'step'>) => call(accidentEndpoints.step, { params: { id }, body }),
  casualties: (id: number, body: TBody<'casualties'>) => call(accidentEndpoints.casualties, { params: { id }, body }),
  finding: (id: number, body: TBody<'finding'>) => call(accidentEndpoints.finding, { params: { id }, body }),
  openInvestigation: (id: number, body: TBody<'openInvestigation'>) => call(accidentEndpoints.openInvestigation, { params: { id }, body }),
  extendInvestigation: (id: number, body: TBody<'extendInvestigation'>) =>
    call(accidentEndpoints.extendInvestigation, { params: { id }, body }),
  submitReport: (id: number, body: TBody<'submitReport'>) => call(accidentEndpoints.submitReport, { params: { id }, body }),
  reply: (id: number, body: TBody<'reply'>) => call(accidentEndpoints.reply, { params: { id }, body }),
  close: (id: number, note: string) => call(accidentEndpoints.close, { params: { id }, body: { note } }),
};

type TDutyBody<E extends keyof typeof dutyEndpoints> = TEndpointInput<(typeof dutyEndpoints)[E]> extends { body: infer B } ? B : never;

export const dutyApi = {
  roster: (from: string, to: string) => call(dutyEndpoints.roster, { query: { from, to } }),
  setDay: (date: string, body: TDutyBody<'setDay'>) => call(dutyEndpoints.setDay, { params: { date }, body }),
  swap: (body: TDutyBody<'swap'>) => call(dutyEndpoints.swap, { body }),
  now: () => call(dutyEndpoints.now),
  log: (query: { date?: string; accidentId?: number }) => call(dutyEndpoints.log, { query }),
  addLog: (body: TDutyBody<'addLog'>) => call(dutyEndpoints.addLog, { body }),
};
