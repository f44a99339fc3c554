import { chainEndpoints as c } from '@yingji/domain/warning/chain.contract';
import { pointsEndpoints as pt } from '@yingji/domain/warning/points.contract';
import { responseEndpoints as rs } from '@yingji/domain/warning/response.contract';
import { warningEndpoints as e } from '@yingji/domain/warning/warning.contract';
import type { TEndpointInput, TEndpointResult } from '@yingji/domain/shared/contract';
import { attachmentEndpoints } from '@yingji/domain/attachment/attachment.contract';
import type { TAttachment } from './attachment.api';
import { call, endpointUrl, upload } from './client';

type TBody<E extends keyof typeof e> = TEndpointInput<(typeof e)[E]> extends { body: infer B } ? B : never;
export type TChainImportResult = TEndpointResult<typeof c.import>;

export const WARNING_KEYS = {
  all: ['warnings'] as const,
  chain: ['warning-chain'] as const,
  responses: ['warning-responses'] as const,
  points: ['warning-points'] as const,
};

export const warningApi = {
  list: (query: { state?: 'active' | 'lifted'; page: number; pageSize: number }) => call(e.list, { query }),
  issue: (body: TBody<'issue'>) => call(e.issue, { body }),
  detail: (id: number) => call(e.detail, { params: { id } }),
  update: (id: number, body: TBody<'update'>) => call(e.update, { params: { id }, body }),
  lift: (id: number, body: TBody<'lift'>) => call(e.lift, { params: { id }, body }),
  board: (id: number) => call(e.board, { params: { id } }),
  boardStreamUrl: (id: number) => `/api/warnings/${id}/board/stream`,
  log: (id: number, page = 1) => call(e.log, { params: { id }, query: { page } }),
  escalateNow: (id: number, recipientId: number, reason: string) => call(e.escalateNow, { params: { id, recipientId }, body: { reason } }),
  answerInApp: (id: number, note: string) => call(e.answerInApp, { params: { id }, body: { note } }),
  answerView: (token: string) => call(e.answerView, { params: { token } }),
  answer: (token: string, note: string) => call(e.answer, { params: { token }, body: { note } }),
  posts: (query: { town?: string; unheld?: '1'; page: number; pageSize: number }) => call(c.posts, { query }),
  createPost: (body: TEndpointInput<typeof c.createPost>['body']) => call(c.createPost, { body }),
  addHolder: (id: number, body: TEndpointInput<typeof c.addHolder>['body']) => call(c.addHolder, { params: { id }, body }),
  removeHolder: (id: number) => call(c.removeHolder, { params: { id } }),
  importChain,
  uploadFile,
  answerFileUrl: (token: string) => endpointUrl(e.answerFile, { params: { token } }),
};

/** The warning's file (预警文件): a PDF or an image, sent as the body; the server decides its type by its bytes. */
function uploadFile(file: File): Promise<TAttachment> {
  return upload(endpointUrl(attachmentEndpoints.upload, { query: { fileName: file.name.slice(0, 200) || '预警文件' } }), file, {
    method: attachmentEndpoints.upload.method,
    contentType: file.type,
  });
}

/** Sends the sheet itself as the request body, as the registry import does. */
function importChain(file: File): Promise<TChainImportResult> {
  return upload(`/api/warning-chain/import?fileName=${encodeURIComponent(file.name)}`, file);
}

type TResponseBody<E extends keyof typeof rs> = TEndpointInput<(typeof rs)[E]> extends { body: infer B } ? B : never;

/** Response levels (应急响应) and consultations (会商研判). */
export const responseApi = {
  list: (query: { active?: '1' | '0'; page: number; pageSize: number }) => call(rs.list, { query }),
  start: (body: TResponseBody<'start'>) => call(rs.start, { body }),
  detail: (id: number) => call(rs.detail, { params: { id } }),
  change: (id: number, body: TResponseBody<'change'>) => call(rs.change, { params: { id }, body }),
  end: (id: number, reason: string) => call(rs.end, { params: { id }, body: { reason } }),
  consult: (id: number, body: TResponseBody<'consult'>) => call(rs.consult, { params: { id }, body }),
};

type TPointsBody<E extends keyof typeof pt> = TEndpointInput<(typeof pt)[E]> extends { body: infer B } ? B : never;

/** Waterlogging points (内涝水浸点): 一点一策, floodings and 双三十 checks. */
export const pointsApi = {
  list: (town?: string) => call(pt.list, { query: town ? { town } : {} }),
  detail: (id: number) => call(pt.detail, { params: { id } }),
  plan: (id: number, body: TPointsBody<'plan'>) => call(pt.plan, { params: { id }, body }),
  flooding: (id: number, body: TPointsBody<'flooding'>) => call(pt.flooding, { params: { id }, body }),
  check: (id: number, body: TPointsBody<'check'>) => call(pt.check, { params: { id }, body }),
};
