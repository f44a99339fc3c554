import type { TCaseActionKind } from '@yingji/domain/case/case.schema';
import { caseEndpoints } from '@yingji/domain/case/case.contract';
import { caseActionEndpoints, type TCaseActionEndpoint } from '@yingji/domain/case/case-action.contract';
import { caseReviewEndpoints } from '@yingji/domain/case/case-review.contract';
import { caseExchangeEndpoints } from '@yingji/domain/case/case-exchange.contract';
import type { TEndpointInput, TEndpointResult } from '@yingji/domain/shared/contract';
import { ApiError, call, endpointUrl } from './client';

type TQuery<E> = E extends { query: infer Q } ? Q : never;
type TBody<E> = E extends { body: infer B } ? B : never;

export type TPublicDecisionPage = TEndpointResult<typeof caseExchangeEndpoints.publicDecisions>;
export type TCaseFilter = Omit<TQuery<TEndpointInput<typeof caseEndpoints.list>>, 'page' | 'pageSize'>;
export type TStageCount = TEndpointResult<typeof caseEndpoints.stages>[number];

export const caseApi = {
  list: (filter: TCaseFilter & { page: number; pageSize: number }) => call(caseEndpoints.list, { query: filter }),
  detail: (id: number) => call(caseEndpoints.detail, { params: { id } }),
  create: (body: TBody<TEndpointInput<typeof caseEndpoints.create>>) => call(caseEndpoints.create, { body }),
  addEvidence: (id: number, body: TBody<TEndpointInput<typeof caseEndpoints.addEvidence>>) =>
    call(caseEndpoints.addEvidence, { params: { id }, body }),
  /** A procedural action, `POST /api/cases/:id/<action>`; the body is the action's form, checked by the server's schema. */
  act: (id: number, kind: TCaseActionKind, body: object) =>
    call(caseActionEndpoints[kind] as TCaseActionEndpoint, { params: { id }, body: body as never }),
  documentUrl: (id: number, docId: number) => endpointUrl(caseEndpoints.document, { params: { id, docId } }),
  stages: () => call(caseEndpoints.stages),
  fines: (query: TQuery<TEndpointInput<typeof caseEndpoints.fines>>) => call(caseEndpoints.fines, { query }),
  violations: () => call(caseEndpoints.violations),
  saveViolation: (body: TBody<TEndpointInput<typeof caseEndpoints.saveViolation>>) => call(caseEndpoints.saveViolation, { body }),
};

export const caseInquiryApi = {
  create: (id: number, body: TBody<TEndpointInput<typeof caseEndpoints.addInquiry>>) =>
    call(caseEndpoints.addInquiry, { params: { id }, body }),
};

const r = caseReviewEndpoints;

/** 案卷评查: rounds, scores, the report, the correction tasks. */
export const caseReviewApi = {
  rounds: () => call(r.rounds),
  create: (body: TBody<TEndpointInput<typeof r.create>>) => call(r.create, { body }),
  round: (id: number) => call(r.round, { params: { id } }),
  report: (id: number) => call(r.report, { params: { id } }),
  score: (id: number, caseId: number, body: TBody<TEndpointInput<typeof r.score>>) => call(r.score, { params: { id, caseId }, body }),
  tasks: (query: TQuery<TEndpointInput<typeof r.tasks>>) => call(r.tasks, { query }),
  resolve: (id: number) => call(r.resolve, { params: { id } }),
};

/** 双公示 (no account) and the provincial export (docs/case-exchange.md). */
export const caseExchangeApi = {
  publicDecisions: (page: number, pageSize = 20) => call(caseExchangeEndpoints.publicDecisions, { query: { page, pageSize } }),
  publicCsvUrl: endpointUrl(caseExchangeEndpoints.publicDecisions, { query: { format: 'csv', pageSize: 100 } }),
  /**
   * One export page as a CSV file: from `cursor` (the previous export's end) or from the start; resolves to the
   * cursor for the next incremental export (the server's `x-next-cursor`) and the CSV itself.
   */
  async exportCsv(cursor: string | undefined): Promise<{ csv: Blob; nextCursor: string | null }> {
    const res = await fetch(endpointUrl(caseExchangeEndpoints.export, { query: { format: 'csv', cursor } }), {
      credentials: 'same-origin',
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      throw new ApiError(res.status, 'internal', body.message ?? `导出失败（HTTP ${res.status}）`);
    }
    return { csv: await res.blob(), nextCursor: res.headers.get('x-next-cursor') || null };
  },
};
