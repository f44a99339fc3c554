import type {
  TEnterprise,
  TEnterpriseCreate,
  TEnterpriseUpdate,
  TImportPreview,
  TRegistrationStatus,
  TSpecialTag,
  TSupervisingLevel,
  TSupervisionCategory,
  TSupervisionStatus,
} from '@yingji/domain/enterprise/enterprise.schema';
import { api, ApiError, toQueryString } from './client';
import type { TPage } from './org.api';

export type TEnterpriseSort = 'name' | 'creditCode' | 'updatedAt' | 'divisionCode' | 'employees';

/** The list's filters; the export takes the same ones without the paging. */
export interface TEnterpriseFilter {
  q?: string;
  divisionCode?: string;
  category?: TSupervisionCategory;
  tag?: TSpecialTag;
  supervisionStatus?: TSupervisionStatus;
  registrationStatus?: TRegistrationStatus;
  level?: TSupervisingLevel;
  riskColour?: 'red' | 'orange' | 'yellow' | 'blue';
  sort?: TEnterpriseSort;
  order?: 'asc' | 'desc';
}

export interface TEnterpriseDetail {
  enterprise: TEnterprise;
  licences: { id: number; kind: string; number: string; issuedOn: string | null; expiresOn: string | null }[];
  supervisingBody: string;
  timeline: { id: number; at: string; module: string; kind: string; summary: string; ref: string | null }[];
  history: { id: number; at: string; actorName: string | null; action: string; before: unknown; after: unknown }[];
  can: { change: boolean };
}

export type TTransferStatus = 'pending' | 'accepted' | 'rejected';

export interface TTransfer {
  id: number;
  enterpriseId: number;
  fromCode: string;
  toCode: string;
  reason: string;
  status: TTransferStatus;
  requestedAt: string;
  decidedAt: string | null;
  comment: string | null;
  enterpriseName?: string;
  creditCode?: string;
}

export interface TObligationAlert {
  enterprise: TEnterprise;
  obligations: { module: string; kind: string; count: number; summary: string }[];
}

export type TImportResult = TImportPreview & { batchId?: number };

/** The regulator a feed comes from; the server remembers its column mapping under this name. */
export const DEFAULT_IMPORT_SOURCE = '市场监管局';

/** Reads the server's error body from an XMLHttpRequest, as the JSON client does from a fetch. */
function xhrError(xhr: XMLHttpRequest): ApiError {
  if (xhr.status === 0) return new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  let body: { code?: unknown; message?: unknown; field?: unknown; details?: unknown } = {};
  try {
    body = JSON.parse(xhr.responseText) as typeof body;
  } catch {
    // not JSON: fall back to the status
  }
  const fallback = xhr.status === 413 ? '文件过大' : `请求失败（HTTP ${xhr.status}）`;
  return new ApiError(
    xhr.status,
    typeof body.code === 'string' ? (body.code as ApiError['code']) : xhr.status === 401 ? 'unauthenticated' : 'internal',
    typeof body.message === 'string' && body.message ? body.message : fallback,
    typeof body.field === 'string' ? body.field : undefined,
    body.details,
  );
}

/**
 * Sends the file itself as the request body (no multipart), reporting the share uploaded; an XMLHttpRequest
 * because fetch cannot report upload progress.
 */
function uploadFile<T>(path: string, file: File, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'internal', '服务器返回的内容无法读取'));
        }
      } else reject(xhrError(xhr));
    };
    xhr.onerror = () => reject(xhrError(xhr));
    xhr.send(file);
  });
}

export const enterpriseApi = {
  list: (filter: TEnterpriseFilter & { page: number; pageSize: number }) =>
    api<TPage<TEnterprise>>('/enterprises', { query: { ...filter } }),
  /** The Excel export is a plain download of exactly the list's filters. */
  exportUrl: (filter: TEnterpriseFilter) => `/api/enterprises/export${toQueryString({ ...filter })}`,
  detail: (id: number) => api<TEnterpriseDetail>(`/enterprises/${id}`),
  create: (body: TEnterpriseCreate) => api<TEnterprise>('/enterprises', { method: 'POST', body }),
  update: (id: number, body: TEnterpriseUpdate) => api<TEnterprise>(`/enterprises/${id}`, { method: 'PATCH', body }),
  setStatus: (id: number, body: { status: TSupervisionStatus; reason: string }) =>
    api<TEnterprise>(`/enterprises/${id}/status`, { method: 'POST', body }),
  requestTransfer: (id: number, body: { toCode: string; reason: string }) =>
    api<TTransfer>(`/enterprises/${id}/transfers`, { method: 'POST', body }),
  alerts: () => api<TObligationAlert[]>('/enterprises/alerts'),
};

export const transferApi = {
  list: (status?: TTransferStatus) => api<TTransfer[]>('/enterprise-transfers', { query: { status } }),
  decide: (id: number, body: { accept: boolean; comment: string | null }) =>
    api<TTransfer>(`/enterprise-transfers/${id}/decision`, { method: 'POST', body }),
};

export const importApi = {
  preview: (file: File, onProgress?: (percent: number) => void, source = DEFAULT_IMPORT_SOURCE, mapping?: Record<string, string>) =>
    uploadFile<TImportResult>(
      `/enterprise-imports/preview${toQueryString({ fileName: file.name, source, ...(mapping ? { mapping: JSON.stringify(mapping) } : {}) })}`,
      file,
      onProgress,
    ),
  apply: (body: { token: string; fileName: string; source: string; skipInvalid: boolean; mapping?: Record<string, string> }) =>
    api<TImportResult>('/enterprise-imports/apply', { method: 'POST', body }),
};
