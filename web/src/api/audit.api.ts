import { auditEndpoints } from '@yingji/domain/audit/audit.contract';
import type { TAuditAction } from '@yingji/domain/audit/audit.schema';
import { call, endpointUrl } from './client';

/** The list filter as the page keeps it in its address. */
export interface TAuditFilter {
  actor?: string;
  entity?: string;
  action?: TAuditAction;
  /** ISO 8601 with offset, e.g. 2026-11-27T00:00:00+08:00 */
  from?: string;
  to?: string;
}

export const auditApi = {
  list: (filter: TAuditFilter & { page: number; pageSize: number }) => call(auditEndpoints.list, { query: filter }),
  /** The Excel export is a plain download of the same filters. */
  exportUrl: (filter: TAuditFilter) => endpointUrl(auditEndpoints.export, { query: { ...filter } }),
};
