import type { ErrorCode } from '@yingji/domain/shared/errors';
import { endpointPath, type TEndpoint, type TEndpointInput, type TEndpointResult } from '@yingji/domain/shared/contract';

/** One rule a new password broke, as the server lists it in `details.violations`. */
export interface TViolation {
  rule: string;
  message: string;
}

/** A failed request in the server's error shape: `{ code, message, field?, details? }` (message in Chinese). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network';
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(status: number, code: ErrorCode | 'network', message: string, field?: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }

  /** The password rules the server reported as broken, if any. */
  get violations(): TViolation[] {
    const v = (this.details as { violations?: unknown } | undefined)?.violations;
    return Array.isArray(v) ? v.filter((x): x is TViolation => typeof x?.message === 'string') : [];
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export type TQueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x`, leaving out empty values; '' when nothing is left. */
export function toQueryString(query: Record<string, TQueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface TRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, TQueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

const FALLBACK_MESSAGES: Partial<Record<number, string>> = {
  401: '请先登录',
  403: '没有权限执行此操作',
  404: '请求的内容不存在',
  413: '提交的内容过大',
  429: '请求过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后再试',
  502: '服务器暂时不可用，请稍后再试',
  503: '服务器暂时不可用，请稍后再试',
};

async function readError(res: Response): Promise<ApiError> {
  let body: { code?: unknown; message?: unknown; field?: unknown; details?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON (a proxy page, for example): fall back to the status
  }
  const code = typeof body.code === 'string' ? (body.code as ErrorCode) : res.status === 401 ? 'unauthenticated' : 'internal';
  const message =
    typeof body.message === 'string' && body.message ? body.message : (FALLBACK_MESSAGES[res.status] ?? `请求失败（HTTP ${res.status}）`);
  const field = typeof body.field === 'string' ? body.field : undefined;
  return new ApiError(res.status, code, message, field, body.details);
}

/** Calls the Yingji API with the session cookie; resolves to the JSON answer, or throws an ApiError. */
export async function api<T>(path: string, options: TRequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method: options.method ?? 'GET', credentials: 'same-origin', headers, signal: options.signal ?? null };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}${toQueryString(options.query)}`, init);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) throw await readError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Sends a file itself as the request body (not JSON: a sheet, a document, a photo) to `url`, with the session cookie;
 * resolves to the JSON answer, or throws an ApiError with the server's Chinese message and field. The server decides
 * what the file is by its bytes; `contentType` is only a hint (default application/octet-stream).
 */
export async function upload<T>(url: string, file: Blob, options: { method?: string; contentType?: string } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: options.method ?? 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': options.contentType || 'application/octet-stream', Accept: 'application/json' },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) throw await readError(res);
  return (await res.json()) as T;
}

type TEndpointCallInput<E extends TEndpoint> = TEndpointInput<E> & { signal?: AbortSignal };

/**
 * Calls an endpoint by its contract (domain/…/*.contract.ts or the module's schema file): the path, method, input
 * and answer all come from the one definition the server validates with, so the two cannot drift.
 */
export function call<E extends TEndpoint>(
  endpoint: E,
  ...[input]: keyof TEndpointInput<E> extends never ? [input?: TEndpointCallInput<E>] : [input: TEndpointCallInput<E>]
): Promise<TEndpointResult<E>> {
  const parts = (input ?? {}) as {
    params?: Record<string, unknown>;
    query?: Record<string, TQueryValue>;
    body?: unknown;
    signal?: AbortSignal;
  };
  return api<TEndpointResult<E>>(endpointPath(endpoint.path, parts.params).slice('/api'.length), {
    method: endpoint.method,
    ...(parts.query ? { query: parts.query } : {}),
    ...(parts.body !== undefined ? { body: parts.body } : {}),
    ...(parts.signal ? { signal: parts.signal } : {}),
  });
}

/** The address of a download endpoint (Excel, Word, an attachment) with its parameters and query. */
export function endpointUrl<E extends TEndpoint>(
  endpoint: E,
  input: { params?: Record<string, unknown>; query?: Record<string, TQueryValue> } = {},
): string {
  return `${endpointPath(endpoint.path, input.params)}${toQueryString(input.query)}`;
}
