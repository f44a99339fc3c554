import type { TRiskInitialGrade, TRiskManualEvent, TRiskProposal } from '@yingji/domain/risk/risk.schema';
import { riskEndpoints } from '@yingji/domain/risk/risk.contract';
import type { TEndpointResult } from '@yingji/domain/shared/contract';
import { ApiError, call, endpointUrl } from './client';

export type TProposalStatus = TRiskProposal['status'];
/** A firm whose assessment expires soon or has expired (risk/expiring). */
export type TExpiringGrade = TEndpointResult<typeof riskEndpoints.expiring>['items'][number];
/** A graded firm with coordinates (risk/map). */
export type TRiskMapPoint = TEndpointResult<typeof riskEndpoints.map>[number];

/** Sends the sheet itself as the request body, as the registry import does. */
async function uploadSheet(file: File): Promise<TEndpointResult<typeof riskEndpoints.importPreview>> {
  let res: Response;
  try {
    res = await fetch(`/api/risk-imports/preview?fileName=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string; field?: string; details?: unknown };
  if (!res.ok)
    throw new ApiError(
      res.status,
      (body.code ?? 'internal') as ApiError['code'],
      body.message ?? `请求失败（HTTP ${res.status}）`,
      body.field,
      body.details,
    );
  return body as unknown as TEndpointResult<typeof riskEndpoints.importPreview>;
}

export const riskApi = {
  panel: (enterpriseId: number) => call(riskEndpoints.panel, { params: { id: enterpriseId } }),
  setInitialGrade: (enterpriseId: number, body: TRiskInitialGrade) =>
    call(riskEndpoints.setInitialGrade, { params: { id: enterpriseId }, body }),
  recordEvent: (enterpriseId: number, body: TRiskManualEvent) => call(riskEndpoints.recordEvent, { params: { id: enterpriseId }, body }),
  proposals: (query: { status: TProposalStatus; page: number; pageSize: number }) => call(riskEndpoints.proposals, { query }),
  decide: (id: number, body: { approve: boolean; comment: string | null }) => call(riskEndpoints.decide, { params: { id }, body }),
  evaluateAll: () => call(riskEndpoints.evaluateAll),
  distribution: () => call(riskEndpoints.distribution),
  expiring: (query: { state: 'expiring' | 'expired'; page: number; pageSize: number }) => call(riskEndpoints.expiring, { query }),
  map: () => call(riskEndpoints.map),
  previewImport: uploadSheet,
  applyImport: (body: { token: string; fileName: string }) => call(riskEndpoints.importApply, { body }),
  templateUrl: endpointUrl(riskEndpoints.importTemplate),
};
