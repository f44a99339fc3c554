import { publicDrawEndpoints as e } from '@yingji/domain/inspection/public.contract';
import type { TEndpointResult } from '@yingji/domain/shared/contract';
import { call, endpointUrl } from './client';

export type TPublicDraw = TEndpointResult<typeof e.list>['items'][number];
export type TPublicTarget = TEndpointResult<typeof e.detail>['targets'][number];

/** The public (no login) side of 双随机一公开. */
export const publicApi = {
  draws: (page: number, q = '', pageSize = 20) => call(e.list, { query: { page, pageSize, ...(q ? { q } : {}) } }),
  draw: (id: number, page: number, pageSize = 100) => call(e.detail, { params: { id }, query: { page, pageSize } }),
  inputs: (id: number) => call(e.inputs, { params: { id } }),
  inputsUrl: (id: number) => endpointUrl(e.inputs, { params: { id } }),
};
