import type {
  TCampaign,
  THazardActionInput,
  THazardCreate,
  THazardDetail,
  THazardItem,
  THazardListQuery,
  THazardsFromFindings,
} from '@yingji/domain';
import { ApiError, api, toQueryString } from './client';
import type { TAttachment } from './attachment.api';

/** The list filter as it travels in the address and the query string (booleans as 'true' / 'false'). */
export type THazardFilter = {
  [
    K in Exclude<keyof THazardListQuery, 'page' | 'pageSize' | 'open' | 'overdue' | 'supervised' | 'extensionPending'>
  ]?: THazardListQuery[K];
} & {
  open?: 'true' | 'false';
  overdue?: 'true' | 'false';
  supervised?: 'true' | 'false';
  extensionPending?: 'true' | 'false';
};

export interface THazardCriterion {
  id: number;
  code: string;
  title: string;
  standard: string | null;
  groupName: string;
}

export const hazardApi = {
  list: (filter: THazardFilter & { page: number; pageSize: number }) =>
    api<{ items: THazardItem[]; total: number }>('/hazards', { query: { ...filter } }),
  exportUrl: (filter: THazardFilter) => `/api/hazards/export.xlsx${toQueryString({ ...filter })}`,
  detail: (id: number) => api<THazardDetail>(`/hazards/${id}`),
  create: (body: THazardCreate) => api<THazardDetail>('/hazards', { method: 'POST', body }),
  act: (id: number, body: THazardActionInput) => api<THazardDetail>(`/hazards/${id}/actions`, { method: 'POST', body }),
  orderDocxUrl: (id: number) => `/api/hazards/${id}/order.docx`,
  fromFindings: (body: THazardsFromFindings) => api<{ hazards: THazardItem[] }>('/hazards/from-findings', { method: 'POST', body }),
  ofInspection: (inspectionId: number) => api<THazardItem[]>(`/inspections/${inspectionId}/hazards`),
  criteria: () => api<THazardCriterion[]>('/hazard-criteria'),
  campaigns: () => api<TCampaign[]>('/campaigns'),
};

/** A rectification document (PDF) as an attachment; the server decides by its bytes whether it takes it. */
export async function uploadDocument(file: File): Promise<TAttachment> {
  let res: Response;
  try {
    res = await fetch(`/api/attachments?fileName=${encodeURIComponent(file.name.slice(0, 200) || '材料.pdf')}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json' },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const body = (await res.json().catch(() => ({}))) as Partial<TAttachment> & { code?: string; message?: string; field?: string };
  if (!res.ok)
    throw new ApiError(
      res.status,
      (body.code as ApiError['code']) ?? 'internal',
      body.message ?? `上传失败（HTTP ${res.status}）`,
      body.field,
    );
  return body as TAttachment;
}
