import type {
  TEnterpriseCreate,
  TEnterpriseUpdate,
  TRegistrationStatus,
  TSpecialTag,
  TSupervisingLevel,
  TSupervisionCategory,
  TSupervisionStatus,
} from '@yingji/domain/enterprise/enterprise.schema';
import type { TIMELINE_MODULES } from '@yingji/domain/enterprise/enterprise.schema';
import { enterpriseEndpoints } from '@yingji/domain/enterprise/enterprise.contract';
import type { TEndpointResult } from '@yingji/domain/shared/contract';
import { ApiError, call, endpointUrl } from './client';

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

/** A firm's page: record, licences, supervising body, timeline, history, what the user may do. */
export type TEnterpriseDetail = TEndpointResult<typeof enterpriseEndpoints.detail>;
export type TTimelinePage = TEndpointResult<typeof enterpriseEndpoints.timeline>;
export type TTimelineModule = (typeof TIMELINE_MODULES)[number];
export type TTransfer = TEndpointResult<typeof enterpriseEndpoints.decideTransfer>;
export type TTransferStatus = TTransfer['status'];
export type TObligationAlert = TEndpointResult<typeof enterpriseEndpoints.alerts>[number];
export type TImportResult = TEndpointResult<typeof enterpriseEndpoints.importPreview>;

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
function uploadFile<T>(url: string, file: File, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
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
  list: (filter: TEnterpriseFilter & { page: number; pageSize: number }) => call(enterpriseEndpoints.list, { query: filter }),
  /** The Excel export is a plain download of exactly the list's filters. */
  exportUrl: (filter: TEnterpriseFilter) => endpointUrl(enterpriseEndpoints.export, { query: { ...filter } }),
  detail: (id: number) => call(enterpriseEndpoints.detail, { params: { id } }),
  timeline: (id: number, query: { module?: TTimelineModule; page: number; pageSize: number }) =>
    call(enterpriseEndpoints.timeline, { params: { id }, query }),
  create: (body: TEnterpriseCreate) => call(enterpriseEndpoints.create, { body }),
  update: (id: number, body: TEnterpriseUpdate) => call(enterpriseEndpoints.update, { params: { id }, body }),
  setStatus: (id: number, body: { status: TSupervisionStatus; reason: string }) =>
    call(enterpriseEndpoints.setStatus, { params: { id }, body }),
  requestTransfer: (id: number, body: { toCode: string; reason: string }) =>
    call(enterpriseEndpoints.requestTransfer, { params: { id }, body }),
  alerts: () => call(enterpriseEndpoints.alerts),
};

export const transferApi = {
  list: (status?: TTransferStatus) => call(enterpriseEndpoints.transfers, { query: status ? { status } : {} }),
  decide: (id: number, body: { accept: boolean; comment: string | null }) =>
    call(enterpriseEndpoints.decideTransfer, { params: { id }, body }),
};

export const importApi = {
  preview: (file: File, onProgress?: (percent: number) => void, source = DEFAULT_IMPORT_SOURCE, mapping?: Record<string, string>) =>
    uploadFile<TImportResult>(
      endpointUrl(enterpriseEndpoints.importPreview, {
        query: { fileName: file.name, source, ...(mapping ? { mapping: JSON.stringify(mapping) } : {}) },
      }),
      file,
      onProgress,
    ),
  apply: (body: { token: string; fileName: string; source: string; skipInvalid: boolean; mapping?: Record<string, string> }) =>
    call(enterpriseEndpoints.importApply, { body }),
};
