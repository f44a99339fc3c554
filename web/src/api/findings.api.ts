import { findingsEndpoints as e, type TMeasureListQuery } from '@yingji/domain/findings/findings.schema';
import type { TEndpointInput } from '@yingji/domain/shared/contract';
import { call, endpointUrl } from './client';

type TBody<E extends keyof typeof e> = TEndpointInput<(typeof e)[E]> extends { body: infer B } ? B : never;

export const FINDINGS_KEYS = { all: ['findings'] as const };

export const findingsApi = {
  people: () => call(e.people),
  rounds: () => call(e.rounds),
  round: (id: number) => call(e.round, { params: { id } }),
  createRound: (body: TBody<'createRound'>) => call(e.createRound, { body }),
  addFinding: (id: number, body: TBody<'addFinding'>) => call(e.addFinding, { params: { id }, body }),
  addMeasure: (findingId: number, body: TBody<'addMeasure'>) => call(e.addMeasure, { params: { id: findingId }, body }),
  listsUrl: (id: number) => endpointUrl(e.lists, { params: { id } }),
  measures: (query: Partial<TMeasureListQuery>) => call(e.measures, { query }),
  measure: (id: number) => call(e.measure, { params: { id } }),
  progress: (id: number, body: TBody<'progress'>) => call(e.progress, { params: { id }, body }),
  submit: (id: number, body: TBody<'submit'>) => call(e.submit, { params: { id }, body }),
  signOff: (id: number, body: TBody<'signOff'>) => call(e.signOff, { params: { id }, body }),
  returnMeasure: (id: number, body: TBody<'returnMeasure'>) => call(e.returnMeasure, { params: { id }, body }),
  reopen: (id: number, body: TBody<'reopen'>) => call(e.reopen, { params: { id }, body }),
};
