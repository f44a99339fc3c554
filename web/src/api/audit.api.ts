import type { TAuditAction, TAuditEntry } from '@yingji/domain/audit/audit.schema';
import { api, toQueryString } from './client';
import type { TPage } from './org.api';

export interface TAuditFilter {
  actor?: string;
  entity?: string;
  action?: TAuditAction;
  /** ISO 8601 with offset, e.g. 2026-11-27T00:00:00+08:00 */
  from?: string;
  to?: string;
}

export const auditApi = {
  list: (filter: TAuditFilter & { page: number; pageSize: number }) => api<TPage<TAuditEntry>>('/audit', { query: { ...filter } }),
  /** The Excel export is a plain download of the same filters. */
  exportUrl: (filter: TAuditFilter) => `/api/audit/export${toQueryString({ ...filter })}`,
};
