import { progressReportEndpoints as e, publicReportEndpoints as p } from '@yingji/domain/findings/progress-report.schema';
import type { TEndpointInput } from '@yingji/domain/shared/contract';
import { call, endpointUrl } from '../../api/client';

type TBody<E extends keyof typeof e> = TEndpointInput<(typeof e)[E]> extends { body: infer B } ? B : never;

export const REPORT_KEYS = { all: ['findings', 'reports'] as const };

/** The office's side of the progress report, and the public's. */
export const progressReportApi = {
  list: () => call(e.list),
  create: (roundId: number, body: TBody<'create'>) => call(e.create, { params: { id: roundId }, body }),
  detail: (id: number) => call(e.detail, { params: { id } }),
  update: (id: number, body: TBody<'update'>) => call(e.update, { params: { id }, body }),
  approve: (id: number) => call(e.approve, { params: { id } }),
  publish: (id: number) => call(e.publish, { params: { id } }),
  documentUrl: (id: number) => endpointUrl(e.document, { params: { id } }),
  reply: (feedbackId: number, reply: string) => call(e.reply, { params: { id: feedbackId }, body: { reply } }),
  publicList: () => call(p.list),
  publicDetail: (id: number) => call(p.detail, { params: { id } }),
  challenge: (id: number) => call(p.challenge, { params: { id } }),
  feedback: (id: number, body: TEndpointInput<typeof p.feedback> extends { body: infer B } ? B : never) =>
    call(p.feedback, { params: { id }, body }),
};
